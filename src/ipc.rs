//! The error shape that crosses the IPC boundary to the UI: `{code, message, field}`. The code is
//! stable (the UI may key behaviour off it), the message is German and shown to the clerk, and
//! `field` names the form field a validation error belongs to.

use serde::Serialize;

use crate::Error;

/// An error as the UI receives it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct IpcError {
    pub code: String,
    pub message: String,
    pub field: Option<String>,
}

impl From<&Error> for IpcError {
    fn from(e: &Error) -> IpcError {
        IpcError {
            code: e.code().to_owned(),
            message: e.to_string(),
            field: e.field().map(str::to_owned),
        }
    }
}

impl From<Error> for IpcError {
    fn from(e: Error) -> IpcError {
        IpcError::from(&e)
    }
}

/// What the app shows about itself (version, where the data lives).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct AppInfo {
    pub version: String,
    pub db_path: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_json_is_pinned() {
        let validation = crate::ags::Ags::parse("123").unwrap_err();
        assert_eq!(
            serde_json::to_value(IpcError::from(validation)).unwrap(),
            serde_json::json!({
                "code": "validation",
                "message": "AGS „123“ hat 3 Ziffern; erforderlich sind genau 8.",
                "field": "ags"
            })
        );
        assert_eq!(
            serde_json::to_value(IpcError::from(Error::UnknownItem("x-1".into()))).unwrap(),
            serde_json::json!({
                "code": "not_found",
                "message": "Unbekannte Aufgabe „x-1“.",
                "field": null
            })
        );
    }
}
