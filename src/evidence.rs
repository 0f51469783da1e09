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
type FileType = (&'static [&'static str], &'static str, fn(&[u8]) -> bool);

const TYPES: [FileType; 10] = [
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
        b.starts_with(ZIP)
    }),
    (&["xlsx"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", |b| {
        ooxml(b, b"xl/")
    }),
    (&["txt"], "text/plain", plain_text),
    (&["csv"], "text/csv", plain_text),
    (&["eml"], "message/rfc822", email),
];

/// The start of a ZIP file (its first local file header).
const ZIP: &[u8] = b"PK\x03\x04";

/// The extensions accepted, for messages and file dialogs.
pub fn extensions() -> Vec<&'static str> {
    TYPES.iter().flat_map(|(exts, _, _)| exts.iter().copied()).collect()
}

/// An ODF file starts with an uncompressed `mimetype` entry naming its type.
fn odf(bytes: &[u8], media_type: &str) -> bool {
    bytes.starts_with(ZIP)
        && bytes.get(30..38) == Some(b"mimetype")
        && bytes.get(38..38 + media_type.len()) == Some(media_type.as_bytes())
}

/// An Office Open XML file is a ZIP whose entries include `[Content_Types].xml` and parts under
/// `part_folder` (`xl/` for a workbook). Only the ZIP's directory is read, nothing is unpacked.
fn ooxml(bytes: &[u8], part_folder: &[u8]) -> bool {
    bytes.starts_with(ZIP)
        && zip_entry_names(bytes).any(|n| n == b"[Content_Types].xml")
        && zip_entry_names(bytes).any(|n| n.starts_with(part_folder))
}

/// The entry names in a ZIP file's central directory, as far as it can be read; none if the
/// end-of-directory record is missing.
fn zip_entry_names(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    let le16 =
        |b: &[u8], i: usize| b.get(i..i + 2).map(|v| usize::from(u16::from_le_bytes([v[0], v[1]])));
    let le32 = |b: &[u8], i: usize| {
        b.get(i..i + 4).map(|v| u32::from_le_bytes([v[0], v[1], v[2], v[3]]) as usize)
    };
    // The end-of-directory record is in the last 22 bytes plus a comment of up to 64 KiB.
    let tail = bytes.len().saturating_sub(22 + 0xFFFF);
    let end = bytes[tail..].windows(4).rposition(|w| w == b"PK\x05\x06").map(|i| tail + i);
    let (mut at, mut left) =
        end.and_then(|e| Some((le32(bytes, e + 16)?, le16(bytes, e + 10)?))).unwrap_or((0, 0));
    std::iter::from_fn(move || {
        if left == 0 || bytes.get(at..at + 4) != Some(b"PK\x01\x02") {
            return None;
        }
        left -= 1;
        let (name_len, extra_len, comment_len) =
            (le16(bytes, at + 28)?, le16(bytes, at + 30)?, le16(bytes, at + 32)?);
        let name = bytes.get(at + 46..at + 46 + name_len)?;
        at += 46 + name_len + extra_len + comment_len;
        Some(name)
    })
}

/// An e-mail as saved by a mail program (RFC 5322): header fields up to the first empty line,
/// among them `From:` and `Date:` or `Subject:`, and no NUL byte anywhere. The header may follow
/// an mbox `From ` line.
fn email(bytes: &[u8]) -> bool {
    if bytes.contains(&0) {
        return false;
    }
    let mut first = true;
    let mut names: Vec<String> = Vec::new();
    for line in bytes.split(|&b| b == b'\n').map(|l| l.strip_suffix(b"\r").unwrap_or(l)) {
        if line.is_empty() {
            break;
        }
        if first && line.starts_with(b"From ") {
            first = false;
            continue;
        }
        if line.starts_with(b" ") || line.starts_with(b"\t") {
            // A folded continuation of the field before.
            if names.is_empty() {
                return false;
            }
            continue;
        }
        first = false;
        let Some(colon) = line.iter().position(|&b| b == b':') else { return false };
        let name = &line[..colon];
        if name.is_empty() || !name.iter().all(|b| (33..=126).contains(b)) {
            return false;
        }
        let Ok(value) = std::str::from_utf8(&line[colon + 1..]) else { return false };
        if value.chars().any(|c| c.is_control() && c != '\t') {
            return false;
        }
        names.push(String::from_utf8_lossy(name).to_ascii_lowercase());
    }
    let has = |n: &str| names.iter().any(|m| m == n);
    has("from") && (has("date") || has("subject"))
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

    const EML: &str = "Return-Path: <kaemmerei@musterstadt.de>\r\n\
        From: =?utf-8?q?K=C3=A4mmerei?= <kaemmerei@musterstadt.de>\r\n\
        To: ozg@musterstadt.de\r\n\
        Subject: Freigabe der Mittel\r\n\
        \tfür den Onlinedienst\r\n\
        Date: Tue, 3 Mar 2026 09:15:00 +0100\r\n\
        MIME-Version: 1.0\r\n\
        Content-Type: text/plain; charset=utf-8\r\n\
        \r\n\
        Die Mittel sind freigegeben.\r\n";

    #[test]
    fn emails_are_recognised_by_their_header() {
        assert_eq!(check("Freigabe.EML", EML.as_bytes()).unwrap(), "message/rfc822");
        // Unix line ends, an mbox line before the header, a message without a body.
        let mbox = "From kaemmerei@musterstadt.de Tue Mar  3 09:15:00 2026\n\
                    From: kaemmerei@musterstadt.de\nSubject: Freigabe\n";
        assert_eq!(check("mbox.eml", mbox.as_bytes()).unwrap(), "message/rfc822");
        for ext in ["xlsx", "ods", "eml"] {
            assert!(extensions().contains(&ext), "{ext}");
        }
    }

    #[test]
    fn text_that_is_no_email_and_spreadsheets_without_markers_are_refused() {
        let no_header = "Liebe Kolleginnen und Kollegen,\n\ndie Mittel sind freigegeben.\n";
        let no_from = "Subject: Freigabe\nDate: Tue, 3 Mar 2026 09:15:00 +0100\n\nText\n";
        let only_from = "From: a@musterstadt.de\n\nText\n";
        let continuation_first = " From: a@b.de\nSubject: x\n\nText\n";
        let bad_name = "From: a@b.de\nBetreff der Mail: x\n\nText\n";
        let with_nul = format!("{EML}\0");
        let cases: [(&str, &[u8]); 9] = [
            ("Freigabe.eml", no_header.as_bytes()),
            ("Freigabe.eml", no_from.as_bytes()),
            ("Freigabe.eml", only_from.as_bytes()),
            ("Freigabe.eml", continuation_first.as_bytes()),
            ("Freigabe.eml", bad_name.as_bytes()),
            ("Freigabe.eml", with_nul.as_bytes()),
            ("Kosten.xlsx", b"%PDF-1.7\n1 0 obj"),
            ("Kosten.xlsx", b"PK\x03\x04 only the start of a ZIP"),
            ("Kosten.ods", b"PK\x03\x04 only the start of a ZIP"),
        ];
        for (i, (name, bytes)) in cases.into_iter().enumerate() {
            let err = check(name, bytes).unwrap_err();
            assert_eq!(err.field(), Some("file"));
            assert!(err.to_string().contains("passt nicht"), "case {i}: {err}");
        }
        let big = [EML.as_bytes(), &vec![b'a'; MAX_BYTES as usize]].concat();
        assert!(check("gross.eml", &big).unwrap_err().to_string().contains("zu groß"));
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
