//! Embeds the report's data ([`ReportData`] as JSON) in the PDF as the file attachment
//! `bereitschaftsbericht.json`, the way PDF/A-3 associates source data with a document:
//! an embedded file stream (`/Subtype /application#2Fjson`, `/Params` with size and dates), a
//! file specification with `/F`, `/UF`, `/Desc`, `/AFRelationship /Data` and `/EF`, listed in the
//! catalog's `/Names /EmbeddedFiles` and `/AF`.

use lopdf::{Dictionary, Object, Stream};

use super::data::ReportData;
use super::pdf_values::{dates, text_string};
use super::{ReportError, ATTACHMENT_NAME};

/// Adds the attachment to a document whose catalog exists.
pub fn embed_json(doc: &mut lopdf::Document, data: &ReportData) -> Result<(), ReportError> {
    let json = serde_json::to_vec_pretty(data).map_err(|e| ReportError::Pdf(e.to_string()))?;
    let (pdf_date, _) = dates(&data.created_at);
    let params = Dictionary::from_iter(vec![
        ("Size", Object::Integer(json.len() as i64)),
        ("CreationDate", Object::string_literal(pdf_date.clone())),
        ("ModDate", Object::string_literal(pdf_date)),
    ]);
    let file = Stream::new(
        Dictionary::from_iter(vec![
            ("Type", Object::Name(b"EmbeddedFile".to_vec())),
            ("Subtype", Object::Name(b"application/json".to_vec())),
            ("Params", Object::Dictionary(params)),
        ]),
        json,
    );
    let file_id = doc.add_object(file);
    let spec = Dictionary::from_iter(vec![
        ("Type", Object::Name(b"Filespec".to_vec())),
        ("F", Object::string_literal(ATTACHMENT_NAME)),
        ("UF", text_string(ATTACHMENT_NAME)),
        (
            "Desc",
            text_string(&format!(
                "Sachstandsbericht {} als maschinenlesbare Daten ({})",
                data.report_id, data.schema
            )),
        ),
        ("AFRelationship", Object::Name(b"Data".to_vec())),
        (
            "EF",
            Object::Dictionary(Dictionary::from_iter(vec![
                ("F", Object::Reference(file_id)),
                ("UF", Object::Reference(file_id)),
            ])),
        ),
    ]);
    let spec_id = doc.add_object(spec);
    let catalog = doc
        .catalog_mut()
        .map_err(|_| ReportError::Pdf("Der Katalog fehlt im erzeugten PDF".into()))?;
    catalog.set(
        "Names",
        Dictionary::from_iter(vec![(
            "EmbeddedFiles",
            Object::Dictionary(Dictionary::from_iter(vec![(
                "Names",
                Object::Array(vec![
                    Object::string_literal(ATTACHMENT_NAME),
                    Object::Reference(spec_id),
                ]),
            )])),
        )]),
    );
    catalog.set("AF", Object::Array(vec![Object::Reference(spec_id)]));
    Ok(())
}
