//! Reads the report data back from a report PDF: the attachment `bereitschaftsbericht.json`.
//! Every way this can fail has its own error: not a PDF, a damaged PDF, a PDF without our
//! attachment, an attachment in an unknown schema version, or broken data.

use lopdf::{Document, LoadOptions, Object};
use std::path::Path;

use super::data::{ReportData, REPORT_SCHEMA, REPORT_SCHEMA_PREFIX};
use super::{ReportError, ATTACHMENT_NAME};
use crate::{Error, Result};

/// Reports are well under a megabyte; anything far larger is not one of ours.
pub const MAX_PDF_BYTES: u64 = 32 * 1024 * 1024;
/// Upper bound for the decompressed JSON (and any stream decoded while loading).
const MAX_JSON_BYTES: usize = 16 * 1024 * 1024;
/// Depth limit when walking a name tree of a foreign PDF.
const MAX_DEPTH: usize = 16;

/// Reads the report data from a PDF file. A folder, a device or a pipe is refused before it is
/// opened; at most [`MAX_PDF_BYTES`] are read, even if the file grows meanwhile.
pub fn read_file(path: &Path) -> Result<ReportData> {
    let (file, size) = crate::files::open_regular(path).map_err(|e| e.into_error("file", path))?;
    if size > MAX_PDF_BYTES {
        return Err(ReportError::TooLarge { size, max: MAX_PDF_BYTES }.into());
    }
    let bytes = crate::files::read_capped(file, MAX_PDF_BYTES)
        .map_err(|e| Error::io(path, e))?
        .ok_or(ReportError::TooLarge { size: MAX_PDF_BYTES + 1, max: MAX_PDF_BYTES })?;
    Ok(read_bytes(&bytes)?)
}

/// Reads the report data from PDF bytes.
pub fn read_bytes(bytes: &[u8]) -> Result<ReportData, ReportError> {
    if bytes.len() as u64 > MAX_PDF_BYTES {
        return Err(ReportError::TooLarge { size: bytes.len() as u64, max: MAX_PDF_BYTES });
    }
    // A PDF starts with "%PDF-" (readers accept it within the first KiB).
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(ReportError::NotPdf);
    }
    let options = LoadOptions { max_decompressed_size: Some(MAX_JSON_BYTES), ..Default::default() };
    let doc = Document::load_mem_with_options(bytes, options)
        .map_err(|_| ReportError::Damaged("ihr Aufbau ist fehlerhaft".into()))?;
    let json = attachment(&doc)?.ok_or(ReportError::NoAttachment)?;
    parse_json(&json)
}

/// Parses the attachment's JSON, checking the schema version first.
pub fn parse_json(json: &[u8]) -> Result<ReportData, ReportError> {
    let value: serde_json::Value = serde_json::from_slice(json)
        .map_err(|e| ReportError::BadData(crate::json_error::german(&e)))?;
    let schema = value
        .get("schema")
        .and_then(|s| s.as_str())
        .ok_or_else(|| ReportError::BadData("das Feld „schema“ fehlt".into()))?;
    if schema != REPORT_SCHEMA {
        return Err(if schema.starts_with(REPORT_SCHEMA_PREFIX) {
            ReportError::UnknownSchema(schema.to_owned())
        } else {
            ReportError::BadData(format!("unbekanntes Format „{schema}“"))
        });
    }
    serde_json::from_value(value).map_err(|e| ReportError::BadData(crate::json_error::german(&e)))
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Object> {
    match o {
        Object::Reference(id) => doc.get_object(*id).ok(),
        other => Some(other),
    }
}

/// The content of the embedded file named `bereitschaftsbericht.json`, if any.
fn attachment(doc: &Document) -> Result<Option<Vec<u8>>, ReportError> {
    let damaged = |what: &str| ReportError::Damaged(what.to_owned());
    let catalog = doc.catalog().map_err(|_| damaged("Katalog fehlt"))?;
    let Some(names) = catalog.get(b"Names").ok().and_then(|o| deref(doc, o)) else {
        return Ok(None);
    };
    let Some(tree) =
        names.as_dict().ok().and_then(|d| d.get(b"EmbeddedFiles").ok()).and_then(|o| deref(doc, o))
    else {
        return Ok(None);
    };
    let Some(spec) = find_in_name_tree(doc, tree, 0) else {
        return Ok(None);
    };
    let spec = spec.as_dict().map_err(|_| damaged("Dateibeschreibung unlesbar"))?;
    let ef = spec
        .get(b"EF")
        .ok()
        .and_then(|o| deref(doc, o))
        .and_then(|o| o.as_dict().ok())
        .ok_or_else(|| damaged("eingebettete Datei ohne Inhalt"))?;
    let stream = ef
        .get(b"F")
        .or_else(|_| ef.get(b"UF"))
        .ok()
        .and_then(|o| deref(doc, o))
        .and_then(|o| o.as_stream().ok())
        .ok_or_else(|| damaged("eingebettete Datei ohne Inhalt"))?;
    let content = if stream.dict.get(b"Filter").is_ok() {
        stream
            .get_plain_content_with_limit(MAX_JSON_BYTES)
            .map_err(|e| damaged(&format!("eingebettete Datei nicht entpackbar: {e}")))?
    } else {
        stream.content.clone()
    };
    Ok(Some(content))
}

/// Looks up our attachment's file specification in a name tree (`/Names` pairs or `/Kids`).
fn find_in_name_tree<'a>(doc: &'a Document, node: &'a Object, depth: usize) -> Option<&'a Object> {
    if depth > MAX_DEPTH {
        return None;
    }
    let node = node.as_dict().ok()?;
    if let Some(pairs) =
        node.get(b"Names").ok().and_then(|o| deref(doc, o)).and_then(|o| o.as_array().ok())
    {
        for pair in pairs.chunks(2) {
            if let [key, value] = pair {
                let key = deref(doc, key).and_then(|k| k.as_str().ok());
                if key == Some(ATTACHMENT_NAME.as_bytes()) {
                    return deref(doc, value);
                }
            }
        }
    }
    if let Some(kids) =
        node.get(b"Kids").ok().and_then(|o| deref(doc, o)).and_then(|o| o.as_array().ok())
    {
        for kid in kids {
            if let Some(found) = deref(doc, kid).and_then(|k| find_in_name_tree(doc, k, depth + 1))
            {
                return Some(found);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_versions_are_checked_before_the_fields() {
        let err =
            parse_json(br#"{"schema": "anbindungscheck.report/2", "neu": true}"#).unwrap_err();
        assert_eq!(err.code(), "report_schema");
        assert!(err.to_string().contains("anbindungscheck.report/2"), "{err}");
        let err = parse_json(br#"{"schema": "etwas/1"}"#).unwrap_err();
        assert_eq!(err.code(), "report_data");
        let err = parse_json(b"{").unwrap_err();
        assert_eq!(err.code(), "report_data");
        let err = parse_json(br#"{"schema": "anbindungscheck.report/1"}"#).unwrap_err();
        assert_eq!(err.code(), "report_data");
    }

    #[test]
    fn non_pdf_and_damaged_pdf_are_told_apart() {
        assert_eq!(
            read_bytes(b"AGS;Name\n09162000;Musterstadt").unwrap_err().code(),
            "report_not_pdf"
        );
        assert_eq!(read_bytes(b"").unwrap_err().code(), "report_not_pdf");
        assert_eq!(read_bytes(b"%PDF-1.7\n1 0 obj\n<<").unwrap_err().code(), "report_damaged");
    }
}
