//! SQLite's write-ahead log needs memory shared between the processes that use a database, which
//! a network share does not give: the database must lie on a local drive. On Windows a path on a
//! share (`\\server\share\…`) or on a drive letter the system reports as a network drive is
//! refused before SQLite opens it; elsewhere nothing is refused here.

use std::path::Path;

/// Whether `path` lies on a network share, as far as the system tells.
#[cfg(windows)]
pub fn is_remote(path: &Path) -> bool {
    use std::path::{Component, Prefix};
    let Ok(absolute) = std::path::absolute(path) else { return false };
    match absolute.components().next() {
        Some(Component::Prefix(p)) => match p.kind() {
            Prefix::UNC(..) | Prefix::VerbatimUNC(..) => true,
            Prefix::Disk(letter) | Prefix::VerbatimDisk(letter) => drive_is_remote(letter),
            Prefix::Verbatim(_) | Prefix::DeviceNS(_) => false,
        },
        _ => false,
    }
}

/// Whether `path` lies on a network share, as far as the system tells.
#[cfg(not(windows))]
pub fn is_remote(_path: &Path) -> bool {
    false
}

#[cfg(windows)]
fn drive_is_remote(letter: u8) -> bool {
    #[link(name = "kernel32")]
    extern "system" {
        fn GetDriveTypeW(root: *const u16) -> u32;
    }
    const DRIVE_REMOTE: u32 = 4;
    let root: Vec<u16> = format!("{}:\\", char::from(letter)).encode_utf16().chain([0]).collect();
    // SAFETY: `root` is a NUL-terminated UTF-16 string that outlives the call, which only reads it.
    unsafe { GetDriveTypeW(root.as_ptr()) == DRIVE_REMOTE }
}

#[cfg(all(test, windows))]
mod tests {
    use super::is_remote;
    use std::path::Path;

    #[test]
    fn shares_are_remote_and_local_drives_are_not() {
        assert!(is_remote(Path::new(r"\\server\share\anbindungscheck.sqlite")));
        assert!(is_remote(Path::new(r"\\?\UNC\server\share\anbindungscheck.sqlite")));
        assert!(!is_remote(Path::new(r"C:\Gemeinde Ärzen\anbindungscheck.sqlite")));
        assert!(!is_remote(Path::new("relativ.sqlite")));
    }
}
