//! The shell's error: a core error, or a store that could not be opened. It crosses the IPC
//! boundary as the core's `{code, message, field}` shape.

use anbindungscheck::ipc::IpcError;
use serde::{Serialize, Serializer};

/// Errors returned by the commands.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Core(#[from] anbindungscheck::Error),
    /// Opening the database failed at start; every command reports why.
    #[error("{}", .0.message)]
    Unavailable(IpcError),
    /// A dialog, the system viewer or a background task failed.
    #[error("{0}")]
    Desktop(String),
}

impl From<&AppError> for IpcError {
    fn from(e: &AppError) -> IpcError {
        match e {
            AppError::Core(e) => IpcError::from(e),
            AppError::Unavailable(e) => e.clone(),
            AppError::Desktop(message) => {
                IpcError { code: "desktop".into(), message: message.clone(), field: None }
            }
        }
    }
}

impl Serialize for AppError {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        IpcError::from(self).serialize(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_serialize_as_code_message_field() {
        let err = AppError::from(anbindungscheck::ags::Ags::parse("1700000x").unwrap_err());
        assert_eq!(
            serde_json::to_value(&err).unwrap(),
            serde_json::json!({
                "code": "validation",
                "message": "AGS „1700000x“: „x“ ist keine Ziffer; der AGS besteht aus genau 8 Ziffern.",
                "field": "ags"
            })
        );
    }
}
