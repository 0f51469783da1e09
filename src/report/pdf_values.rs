//! Values written into the PDF's dictionaries: text strings (ASCII as is, anything else UTF-16
//! with a byte order mark) and the creation time in PDF and XMP form.

use lopdf::{Object, StringFormat};

/// A PDF text string: PDFDocEncoding-safe ASCII as it is, anything else as UTF-16BE with BOM.
pub fn text_string(s: &str) -> Object {
    if s.chars().all(|c| (' '..='~').contains(&c)) {
        Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        let mut bytes = vec![0xFE, 0xFF];
        for unit in s.encode_utf16() {
            bytes.extend_from_slice(&unit.to_be_bytes());
        }
        Object::String(bytes, StringFormat::Hexadecimal)
    }
}

/// `created_at` (RFC 3339) as PDF date and XMP date, both in UTC and to the second.
pub fn dates(created_at: &str) -> (String, String) {
    let t = chrono::DateTime::parse_from_rfc3339(created_at)
        .map(|t| t.with_timezone(&chrono::Utc))
        .unwrap_or_else(|_| chrono::Utc::now());
    (t.format("D:%Y%m%d%H%M%S+00'00'").to_string(), t.format("%Y-%m-%dT%H:%M:%S+00:00").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_strings_are_ascii_or_utf16_with_bom() {
        assert_eq!(text_string("Abc"), Object::String(b"Abc".to_vec(), StringFormat::Literal));
        let Object::String(bytes, StringFormat::Hexadecimal) = text_string("Ä€") else {
            panic!("not hex")
        };
        assert_eq!(bytes, [0xFE, 0xFF, 0x00, 0xC4, 0x20, 0xAC]);
    }

    #[test]
    fn dates_agree_in_pdf_and_xmp_form() {
        let (pdf, xmp) = dates("2026-11-28T13:45:06.789+01:00");
        assert_eq!(pdf, "D:20261128124506+00'00'");
        assert_eq!(xmp, "2026-11-28T12:45:06+00:00");
    }
}
