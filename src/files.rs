//! Writing files the clerk asked for (calendars, reports, backups) so that a crash or a full disk
//! never leaves a half-written file: write a temporary file next to the target, sync, rename.
//! Also opening files the clerk named as input, so that a device, a named pipe or a folder is
//! refused before it is read (`/dev/zero` would be read without end, a pipe blocks on opening).

use std::fs::File;
use std::io::{Read, Write};
use std::path::Path;

use crate::{Error, Result};

/// Why a file named as input could not be opened.
#[derive(Debug)]
pub(crate) enum InputError {
    /// The file could not be looked at or opened (missing, no permission, …).
    Io(std::io::Error),
    /// A folder where a file is expected.
    Folder,
    /// A device, a named pipe, a socket: anything but a regular file or a folder.
    Special,
}

impl InputError {
    /// The German message naming `path` (for `Io`, the system's reason after the path).
    pub(crate) fn message(&self, path: &Path) -> String {
        match self {
            InputError::Io(e) => format!("{}: {}", path.display(), crate::error::io_reason(e)),
            InputError::Folder => format!("„{}“ ist ein Ordner, keine Datei.", path.display()),
            InputError::Special => format!(
                "„{}“ ist keine gewöhnliche Datei, sondern ein Gerät oder eine Pipe.",
                path.display()
            ),
        }
    }

    /// The core's error: `Io` stays an I/O error, the rest is a validation error of `field`.
    pub(crate) fn into_error(self, field: &'static str, path: &Path) -> Error {
        match self {
            InputError::Io(e) => Error::io(path, e),
            other => Error::validation(field, other.message(path)),
        }
    }
}

fn kind(meta: &std::fs::Metadata) -> Result<(), InputError> {
    if meta.is_file() {
        Ok(())
    } else if meta.is_dir() {
        Err(InputError::Folder)
    } else {
        Err(InputError::Special)
    }
}

/// Checks that `path` (after following links) is a regular file, without opening it.
pub(crate) fn check_regular(path: &Path) -> Result<(), InputError> {
    kind(&std::fs::metadata(path).map_err(InputError::Io)?)
}

/// Opens a file named as input and returns it with its size. Anything but a regular file (after
/// following links) is refused before it is opened, so a named pipe never blocks; the opened
/// handle is checked again in case the path was swapped in between.
pub(crate) fn open_regular(path: &Path) -> Result<(File, u64), InputError> {
    check_regular(path)?;
    let file = File::open(path).map_err(InputError::Io)?;
    let meta = file.metadata().map_err(InputError::Io)?;
    kind(&meta)?;
    Ok((file, meta.len()))
}

/// Reads at most `max` bytes from `reader`; `Ok(None)` if there were more (whatever size the
/// file claimed when it was opened).
pub(crate) fn read_capped(reader: impl Read, max: u64) -> std::io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    reader.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= max).then_some(bytes))
}

/// Writes `bytes` to `path` atomically (replacing an existing file).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(".anbindungscheck-")
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, e))?;
    temp.write_all(bytes)
        .and_then(|_| temp.as_file().sync_all())
        .map_err(|e| Error::io(path, e))?;
    temp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

/// Copies the file `source` into `dir` under its content's name `<sha256>.<ext>` (kept if already
/// there), hashing while it streams, and refusing it once it is larger than `max` bytes (or not a
/// regular file). Returns the size and the SHA-256 (lower-case hex).
pub fn keep_by_content(
    source: &Path,
    dir: &Path,
    ext: &str,
    max: u64,
    field: &'static str,
) -> Result<(u64, String)> {
    use sha2::{Digest, Sha256};
    let (file, len) = open_regular(source).map_err(|e| e.into_error(field, source))?;
    let too_large = |size: u64| {
        Error::validation(
            field,
            format!(
                "„{}“ ist zu groß ({size} Bytes, höchstens {max} Bytes).",
                source.file_name().unwrap_or_default().to_string_lossy()
            ),
        )
    };
    if len > max {
        return Err(too_large(len));
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut temp = tempfile::Builder::new()
        .prefix(".anbindungscheck-")
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, e))?;
    // Capped even if the file grows while it is read.
    let mut reader = file.take(max + 1);
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut size = 0u64;
    loop {
        let n = reader.read(&mut buf).map_err(|e| Error::io(source, e))?;
        if n == 0 {
            break;
        }
        size += n as u64;
        if size > max {
            return Err(too_large(size));
        }
        hasher.update(&buf[..n]);
        temp.write_all(&buf[..n]).map_err(|e| Error::io(temp.path(), e))?;
    }
    let sha256: String = hasher.finalize().iter().map(|b| format!("{b:02x}")).collect();
    let target = dir.join(format!("{sha256}.{ext}"));
    if !target.is_file() {
        temp.as_file().sync_all().map_err(|e| Error::io(temp.path(), e))?;
        temp.persist(&target).map_err(|e| Error::io(&target, e.error))?;
    }
    Ok((size, sha256))
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_a_file_by_its_content_and_refuses_one_too_large() {
        let dir = tempfile::tempdir().unwrap();
        let source = dir.path().join("Vertrag.pdf");
        std::fs::write(&source, b"%PDF-1.7 contract").unwrap();
        let store = dir.path().join("documents");
        let (size, sha) = super::keep_by_content(&source, &store, "pdf", 100, "file").unwrap();
        assert_eq!(size, 17);
        assert_eq!(std::fs::read(store.join(format!("{sha}.pdf"))).unwrap(), b"%PDF-1.7 contract");
        // Again: the same file, nothing else left behind.
        super::keep_by_content(&source, &store, "pdf", 100, "file").unwrap();
        assert_eq!(std::fs::read_dir(&store).unwrap().count(), 1);
        let err = super::keep_by_content(&source, &store, "pdf", 10, "file").unwrap_err();
        assert_eq!(err.field(), Some("file"));
        assert!(err.to_string().contains("zu groß"), "{err}");
        assert_eq!(std::fs::read_dir(&store).unwrap().count(), 1);
    }

    #[test]
    fn writes_and_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ics");
        super::write_atomic(&path, b"one").unwrap();
        super::write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file left");
        assert!(super::write_atomic(&dir.path().join("missing/a.ics"), b"x").is_err());
    }

    #[test]
    fn only_regular_files_are_opened() {
        use super::{open_regular, read_capped, InputError};
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.pdf");
        std::fs::write(&file, b"12345").unwrap();
        let (handle, size) = open_regular(&file).unwrap();
        assert_eq!(size, 5);
        assert_eq!(read_capped(handle, 5).unwrap().unwrap(), b"12345");
        assert_eq!(read_capped(&b"123456"[..], 5).unwrap(), None, "more than the cap");
        assert!(matches!(open_regular(dir.path()), Err(InputError::Folder)));
        assert!(matches!(open_regular(&dir.path().join("x")), Err(InputError::Io(_))));
        #[cfg(unix)]
        {
            let link = dir.path().join("link.pdf");
            std::os::unix::fs::symlink(&file, &link).unwrap();
            assert_eq!(open_regular(&link).unwrap().1, 5, "a link to a file is fine");
            let zero = dir.path().join("zero.pdf");
            std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
            let e = open_regular(&zero).unwrap_err();
            assert!(matches!(e, InputError::Special));
            assert_eq!(
                e.message(&zero),
                format!(
                    "„{}“ ist keine gewöhnliche Datei, sondern ein Gerät oder eine Pipe.",
                    zero.display()
                )
            );
            let fifo = dir.path().join("fifo");
            assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
            // Would block forever if it were opened.
            assert!(matches!(open_regular(&fifo), Err(InputError::Special)));
        }
    }
}
