//! The core's one error type. Every variant has a stable `code` that the UI and the CLI can key
//! off, and a German message that names the bad value.

use std::path::PathBuf;

mod package;
mod report;

pub use package::PackageError;
pub use report::ReportError;

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
    /// The file is a database of the other workspace (a Land's where a municipality's is
    /// expected, or the other way round); it was not changed.
    #[error(
        "Die Datei {} ist eine Datenbank des Arbeitsbereichs „{found}“; hier wird eine Datenbank \
         des Arbeitsbereichs „{expected}“ gebraucht. Die Datei wurde nicht verändert.",
        path.display()
    )]
    WrongWorkspace { path: PathBuf, found: &'static str, expected: &'static str },
    /// The file is an SQLite database of some other program, or no database at all.
    #[error("Die Datei {0} ist keine Datenbank von Anbindungscheck.")]
    ForeignDatabase(PathBuf),
    /// The database would lie on a network share, where SQLite cannot write safely.
    #[error(
        "Die Datenbank {} läge auf einem Netzlaufwerk. Dort kann Anbindungscheck nicht sicher \
         speichern; bitte wählen Sie einen Ordner auf diesem Rechner (ohne Angabe liegt die \
         Datenbank im lokalen Anwendungsdatenordner).",
        .0.display()
    )]
    RemoteDatabase(PathBuf),
    /// A package was refused, or could not be built.
    #[error(transparent)]
    Package(#[from] PackageError),
    /// A readiness report could not be written, or a file could not be read as one.
    #[error(transparent)]
    Report(#[from] ReportError),
    /// SQLite reported an error.
    #[error("Datenbankfehler: {}", database_reason(.0))]
    Database(#[from] rusqlite::Error),
    /// Reading or writing a file failed.
    #[error("Dateifehler bei {}: {}", path.display(), io_reason(source))]
    Io { path: PathBuf, source: std::io::Error },
}

impl Error {
    /// A stable, machine-readable code for the kind of error.
    pub fn code(&self) -> crate::error_code::ErrorCode {
        use crate::error_code::ErrorCode as C;
        match self {
            Error::Validation { .. } => C::Validation,
            Error::UnknownItem(_) => C::NotFound,
            Error::NewerSchema { .. } => C::SchemaNewer,
            Error::WrongWorkspace { .. } => C::WorkspaceWrongKind,
            Error::ForeignDatabase(_) => C::DatabaseForeign,
            Error::RemoteDatabase(_) => C::DatabaseRemote,
            Error::Package(e) => e.code(),
            Error::Report(e) => e.code(),
            Error::Database(_) => C::Database,
            Error::Io { .. } => C::Io,
        }
    }

    /// The input field a validation error belongs to, if any.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            Error::Validation { field, .. } => Some(field),
            _ => None,
        }
    }

    /// A validation error: `message` (German, for the user) about the input `field`.
    pub fn validation(field: &'static str, message: impl Into<String>) -> Self {
        Error::Validation { field, message: message.into() }
    }

    /// A file error: what happened to `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { path: path.into(), source }
    }
}

/// What went wrong with a file, in German where the kind is known (the operating system's own
/// text is English on most systems); the OS text is kept for the rest.
pub(crate) fn io_reason(error: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    // Windows: ERROR_SHARING_VIOLATION and ERROR_LOCK_VIOLATION, e.g. a PDF open in a viewer.
    if cfg!(windows) && matches!(error.raw_os_error(), Some(32 | 33)) {
        return "die Datei ist gerade in einem anderen Programm geöffnet; schließen Sie sie dort"
            .to_owned();
    }
    let reason = match error.kind() {
        NotFound => "nicht gefunden",
        PermissionDenied => "keine Berechtigung",
        AlreadyExists => "gibt es schon",
        IsADirectory => "ist ein Ordner, keine Datei",
        NotADirectory => "ein Teil des Pfades ist kein Ordner",
        DirectoryNotEmpty => "der Ordner ist nicht leer",
        StorageFull => "der Datenträger ist voll",
        QuotaExceeded => "das Speicherkontingent ist erschöpft",
        ReadOnlyFilesystem => "der Datenträger ist schreibgeschützt",
        FileTooLarge => "die Datei ist zu groß",
        ResourceBusy => "die Datei ist gerade in Benutzung",
        CrossesDevices => "liegt auf einem anderen Datenträger",
        InvalidFilename => "ungültiger Dateiname",
        UnexpectedEof => "die Datei endet unerwartet",
        OutOfMemory => "nicht genug Arbeitsspeicher",
        Interrupted => "unterbrochen",
        _ => return error.to_string(),
    };
    reason.to_owned()
}

/// What SQLite reported, in German for the errors a clerk can meet and act on.
fn database_reason(error: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode::*;
    let reason = match error.sqlite_error_code() {
        Some(DatabaseBusy | DatabaseLocked) => {
            "Die Datenbank wird gerade von einem anderen Programm benutzt; bitte versuchen Sie es \
             gleich noch einmal."
        }
        Some(ReadOnly) => {
            "Die Datenbank ist schreibgeschützt (keine Schreibberechtigung für die Datei oder \
             ihren Ordner)."
        }
        Some(CannotOpen) => {
            "Die Datenbank lässt sich nicht öffnen (fehlt der Ordner, oder fehlt die Berechtigung?)."
        }
        Some(PermissionDenied) => "Keine Berechtigung für die Datenbank.",
        Some(DiskFull) => "Der Datenträger ist voll; nichts wurde geändert.",
        Some(NotADatabase) => "Die Datei ist keine SQLite-Datenbank.",
        Some(DatabaseCorrupt) => "Die Datenbank ist beschädigt.",
        Some(SystemIoFailure) => {
            "Lese- oder Schreibfehler (ist der Pfad ein Ordner, oder wurde der Datenträger \
             entfernt?)."
        }
        Some(OutOfMemory) => "Nicht genug Arbeitsspeicher.",
        _ => return error.to_string(),
    };
    reason.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_errors_are_german_and_name_the_path() {
        let missing = std::fs::File::open("/nonexistent/paket.zip").unwrap_err();
        let error = Error::io("/nonexistent/paket.zip", missing);
        assert_eq!(error.to_string(), "Dateifehler bei /nonexistent/paket.zip: nicht gefunden");
        // (Windows reports a folder opened for writing as access denied.)
        #[cfg(unix)]
        {
            let dir = tempfile::tempdir().unwrap();
            let folder = std::fs::write(dir.path(), b"x").unwrap_err();
            assert_eq!(io_reason(&folder), "ist ein Ordner, keine Datei");
        }
    }

    #[cfg(windows)]
    #[test]
    fn a_file_another_program_holds_is_named_as_open() {
        use std::os::windows::fs::OpenOptionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("Bericht.pdf");
        let _viewer = std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .share_mode(0)
            .open(&path)
            .unwrap();
        let error = std::fs::File::open(&path).unwrap_err();
        assert!(io_reason(&error).contains("in einem anderen Programm geöffnet"), "{error}");
    }

    #[test]
    fn database_errors_are_german() {
        let dir = tempfile::tempdir().unwrap();
        // A folder where the database should be.
        let error = Error::from(
            rusqlite::Connection::open(dir.path())
                .and_then(|c| c.execute_batch("CREATE TABLE t (x)"))
                .unwrap_err(),
        );
        let text = error.to_string();
        assert!(
            text.starts_with("Datenbankfehler: Die Datenbank lässt sich nicht öffnen"),
            "{text}"
        );
        let busy = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
            None,
        );
        assert!(Error::from(busy).to_string().contains("von einem anderen Programm benutzt"));
    }
}
