//! Evidence files attached to checklist items (a council decision, a signed agreement). A file
//! is accepted only below [`MAX_BYTES`] and only if its content is of an allowed type that
//! matches its extension; it is stored by content (SHA-256) and listed in the report.

use serde::{Deserialize, Serialize};

use crate::{text, Error, Result};

/// The largest evidence file accepted.
pub const MAX_BYTES: u64 = 25 * 1024 * 1024;

/// An evidence file attached to an item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Evidence {
    pub id: i64,
    pub item_id: String,
    pub title: String,
    /// The original file name (for display only; the file is stored by its hash).
    pub file_name: String,
    pub media_type: String,
    pub size: u64,
    pub sha256: String,
    /// RFC 3339, UTC.
    pub added_at: String,
}

/// The allowed types: extensions, media type, and a check of the content.
/// Extensions, media type, and a check of the content.
type FileType = (&'static [&'static str], &'static str, fn(&[u8]) -> bool);

const TYPES: [FileType; 8] = [
    (&["pdf"], "application/pdf", |b| b.starts_with(b"%PDF-")),
    (&["png"], "image/png", |b| b.starts_with(b"\x89PNG\r\n\x1a\n")),
    (&["jpg", "jpeg"], "image/jpeg", |b| b.starts_with(&[0xFF, 0xD8, 0xFF])),
    (&["odt"], "application/vnd.oasis.opendocument.text", |b| {
        odf(b, "application/vnd.oasis.opendocument.text")
    }),
    (&["ods"], "application/vnd.oasis.opendocument.spreadsheet", |b| {
        odf(b, "application/vnd.oasis.opendocument.spreadsheet")
    }),
    (&["docx"], "application/vnd.openxmlformats-officedocument.wordprocessingml.document", |b| {
        b.starts_with(b"PK\x03\x04")
    }),
    (&["txt"], "text/plain", plain_text),
    (&["csv"], "text/csv", plain_text),
];

/// The extensions accepted, for messages and file dialogs.
pub fn extensions() -> Vec<&'static str> {
    TYPES.iter().flat_map(|(exts, _, _)| exts.iter().copied()).collect()
}

/// An ODF file starts with an uncompressed `mimetype` entry naming its type.
fn odf(bytes: &[u8], media_type: &str) -> bool {
    bytes.starts_with(b"PK\x03\x04")
        && bytes.get(30..38) == Some(b"mimetype")
        && bytes.get(38..38 + media_type.len()) == Some(media_type.as_bytes())
}

fn plain_text(bytes: &[u8]) -> bool {
    std::str::from_utf8(bytes)
        .is_ok_and(|s| !s.chars().any(|c| c.is_control() && !"\n\r\t".contains(c)))
}

/// The error for a file of `size` bytes, more than [`MAX_BYTES`].
pub fn too_large(size: u64) -> Error {
    Error::validation(
        "file",
        format!(
            "Die Datei ist zu groß ({} MB); erlaubt sind höchstens {} MB.",
            size.div_ceil(1024 * 1024),
            MAX_BYTES / 1024 / 1024
        ),
    )
}

/// Checks an evidence file's size, name and content; returns the media type. `file_name` is
/// the name the file had on the clerk's computer.
pub fn check(file_name: &str, bytes: &[u8]) -> Result<&'static str> {
    if bytes.len() as u64 > MAX_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    if bytes.is_empty() {
        return Err(Error::validation("file", "Die Datei ist leer."));
    }
    let ext = file_name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    let Some((_, media_type, content_ok)) =
        TYPES.iter().find(|(exts, _, _)| exts.contains(&ext.as_str()))
    else {
        return Err(Error::validation(
            "file",
            format!(
                "Dateityp {} wird nicht angenommen; erlaubt sind: {}.",
                text::quote_for_message(&format!(".{ext}")),
                extensions().join(", ")
            ),
        ));
    };
    if !content_ok(bytes) {
        return Err(Error::validation(
            "file",
            format!(
                "Der Inhalt der Datei {} passt nicht zur Endung „.{ext}“.",
                text::quote_for_message(file_name)
            ),
        ));
    }
    Ok(media_type)
}

/// The title of an evidence file: the given one, or the file name without extension.
pub fn title(given: Option<&str>, file_name: &str) -> Result<String> {
    if let Some(title) = text::line("title", "Der Titel", given, 200)? {
        return Ok(title);
    }
    let stem = file_name.rsplit_once('.').map_or(file_name, |(s, _)| s);
    let clean: String = stem.chars().filter(|c| !c.is_control()).take(200).collect();
    Ok(if clean.trim().is_empty() { "Nachweis".to_owned() } else { clean.trim().to_owned() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowed_types_are_recognised_by_content() {
        assert_eq!(check("Beschluss.PDF", b"%PDF-1.7\n...").unwrap(), "application/pdf");
        assert_eq!(check("liste.csv", "Name;Wert\nÄ;1\n".as_bytes()).unwrap(), "text/csv");
        let mut odt = b"PK\x03\x04".to_vec();
        odt.resize(30, 0);
        odt.extend_from_slice(b"mimetypeapplication/vnd.oasis.opendocument.text");
        assert_eq!(check("v.odt", &odt).unwrap(), "application/vnd.oasis.opendocument.text");
    }

    #[test]
    fn wrong_content_unknown_types_and_empty_files_are_refused() {
        for (name, bytes, expected) in [
            ("Beschluss.pdf", &b"MZ\x90\x00 not a pdf"[..], "passt nicht"),
            ("setup.exe", b"MZ\x90\x00", "nicht angenommen"),
            ("ohne-endung", b"%PDF-1.7", "nicht angenommen"),
            ("notiz.txt", b"binary\x00zero", "passt nicht"),
            ("leer.pdf", b"", "leer"),
        ] {
            let err = check(name, bytes).unwrap_err();
            assert_eq!(err.field(), Some("file"));
            assert!(err.to_string().contains(expected), "{name}: {err}");
        }
    }

    #[test]
    fn oversized_files_are_refused() {
        let big = vec![b'a'; MAX_BYTES as usize + 1];
        assert!(check("gross.txt", &big).unwrap_err().to_string().contains("zu groß"));
    }

    #[test]
    fn title_defaults_to_the_file_name() {
        assert_eq!(title(None, "Ratsbeschluss 2026.pdf").unwrap(), "Ratsbeschluss 2026");
        assert_eq!(title(Some(" AVV "), "x.pdf").unwrap(), "AVV");
        assert_eq!(title(None, ".pdf").unwrap(), "Nachweis");
    }
}
