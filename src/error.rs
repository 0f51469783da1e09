//! The core's one error type. Every variant has a stable `code` that the UI and the CLI can key
//! off, and a German message that names the bad value.

use std::path::PathBuf;

/// Result alias of the core.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in the core.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// User input that does not fit the domain; `field` names the input field.
    #[error("{message}")]
    Validation { field: &'static str, message: String },
    /// A checklist item ID that neither the catalogue nor a package knows.
    #[error("Unbekannte Aufgabe „{0}“.")]
    UnknownItem(String),
    /// The database was written by a newer version of the program.
    #[error(
        "Die Datenbank {path} stammt aus einer neueren Version von Anbindungscheck \
         (Schema {found}, diese Version kennt bis {supported}). Sie wurde nicht verändert; \
         bitte installieren Sie die aktuelle Version."
    )]
    NewerSchema { path: PathBuf, found: i64, supported: i64 },
    /// The file is an SQLite database of some other program, or no database at all.
    #[error("Die Datei {0} ist keine Datenbank von Anbindungscheck.")]
    ForeignDatabase(PathBuf),
    /// A package was refused, or could not be built.
    #[error(transparent)]
    Package(#[from] crate::package::PackageError),
    /// A readiness report could not be written, or a file could not be read as one.
    #[error(transparent)]
    Report(#[from] crate::report::ReportError),
    /// SQLite reported an error.
    #[error("Datenbankfehler: {0}")]
    Database(#[from] rusqlite::Error),
    /// Reading or writing a file failed.
    #[error("Dateifehler bei {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
}

impl Error {
    /// A stable, machine-readable code for the kind of error.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Validation { .. } => "validation",
            Error::UnknownItem(_) => "not_found",
            Error::NewerSchema { .. } => "schema_newer",
            Error::ForeignDatabase(_) => "database_foreign",
            Error::Package(e) => e.code(),
            Error::Report(e) => e.code(),
            Error::Database(_) => "database",
            Error::Io { .. } => "io",
        }
    }

    /// The input field a validation error belongs to, if any.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            Error::Validation { field, .. } => Some(field),
            _ => None,
        }
    }

    pub(crate) fn validation(field: &'static str, message: impl Into<String>) -> Self {
        Error::Validation { field, message: message.into() }
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { path: path.into(), source }
    }
}
