//! The command layer's error, and the shape it crosses to the UI as: `{code, message, field}`.
//! The code is one of the closed [`ErrorCode`]s (the UI compares it exactly), the message is
//! German and shown to the user, and `field` names the form field a validation error belongs to.

use serde::Serialize;

use crate::error_code::ErrorCode;
use crate::Error;

/// Everything a command can fail with.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The core refused or failed.
    #[error(transparent)]
    Core(#[from] Error),
    /// The database could not be opened; every command reports why.
    #[error("{}", .0.message)]
    Unavailable(IpcError),
    /// A dialog, the system viewer or a background task failed.
    #[error("{0}")]
    Desktop(String),
}

/// An error as the UI receives it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
    pub field: Option<String>,
}

impl From<&Error> for IpcError {
    fn from(e: &Error) -> IpcError {
        IpcError { code: e.code(), message: e.to_string(), field: e.field().map(str::to_owned) }
    }
}

impl From<Error> for IpcError {
    fn from(e: Error) -> IpcError {
        IpcError::from(&e)
    }
}

impl From<&ApiError> for IpcError {
    fn from(e: &ApiError) -> IpcError {
        match e {
            ApiError::Core(e) => IpcError::from(e),
            ApiError::Unavailable(e) => e.clone(),
            ApiError::Desktop(message) => {
                IpcError { code: ErrorCode::Desktop, message: message.clone(), field: None }
            }
        }
    }
}

impl From<ApiError> for IpcError {
    fn from(e: ApiError) -> IpcError {
        IpcError::from(&e)
    }
}

impl Serialize for ApiError {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        IpcError::from(self).serialize(s)
    }
}

impl ApiError {
    /// The stable code of the error.
    pub fn code(&self) -> ErrorCode {
        IpcError::from(self).code
    }

    /// A failure of a dialog, the system viewer or a background task.
    pub fn desktop(e: impl std::fmt::Display) -> ApiError {
        ApiError::Desktop(e.to_string())
    }
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

    #[test]
    fn api_errors_serialize_as_code_message_field() {
        let err = ApiError::from(crate::ags::Ags::parse("1700000x").unwrap_err());
        assert_eq!(
            serde_json::to_value(&err).unwrap(),
            serde_json::json!({
                "code": "validation",
                "message": "AGS „1700000x“: „x“ ist keine Ziffer; der AGS besteht aus genau 8 Ziffern.",
                "field": "ags"
            })
        );
        let desktop = serde_json::to_value(ApiError::desktop("kaputt")).unwrap();
        assert_eq!(
            desktop,
            serde_json::json!({"code": "desktop", "message": "kaputt", "field": null})
        );
    }
}
