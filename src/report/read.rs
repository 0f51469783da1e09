//! Reads the report data back from a report PDF: the attachment `bereitschaftsbericht.json`.
//! Every way this can fail has its own error: not a PDF, a damaged PDF, a PDF without our
//! attachment, an attachment in an unknown schema version, or broken data.

use chrono::{DateTime, Days, NaiveDate, NaiveDateTime};
use lopdf::{Document, LoadOptions, Object};
use std::path::Path;

use super::data::{Cost, ReportData, ReportScore, REPORT_SCHEMAS_READ, REPORT_SCHEMA_PREFIX};
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
    Ok(read_bytes(&file_bytes(path)?)?)
}

/// The bytes of a report file, refused as [`read_file`] refuses it.
pub fn file_bytes(path: &Path) -> Result<Vec<u8>> {
    let (file, size) = crate::files::open_regular(path).map_err(|e| e.into_error("file", path))?;
    if size > MAX_PDF_BYTES {
        return Err(ReportError::TooLarge { size, max: MAX_PDF_BYTES }.into());
    }
    Ok(crate::files::read_capped(file, MAX_PDF_BYTES)
        .map_err(|e| Error::io(path, e))?
        .ok_or(ReportError::TooLarge { size: MAX_PDF_BYTES + 1, max: MAX_PDF_BYTES })?)
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

/// Parses the attachment's JSON, checking the schema version first and the content's
/// plausibility last ([`plausible`]).
pub fn parse_json(json: &[u8]) -> Result<ReportData, ReportError> {
    let value: serde_json::Value = serde_json::from_slice(json)
        .map_err(|e| ReportError::BadData(crate::json_error::german(&e)))?;
    let schema = value
        .get("schema")
        .and_then(|s| s.as_str())
        .ok_or_else(|| ReportError::BadData("das Feld „schema“ fehlt".into()))?;
    if !REPORT_SCHEMAS_READ.contains(&schema) {
        return Err(if schema.starts_with(REPORT_SCHEMA_PREFIX) {
            ReportError::UnknownSchema(schema.to_owned())
        } else {
            ReportError::BadData(format!("unbekanntes Format „{schema}“"))
        });
    }
    texts(&value, &mut String::new())?;
    let data: ReportData = serde_json::from_value(value)
        .map_err(|e| ReportError::BadData(crate::json_error::german(&e)))?;
    plausible(&data)?;
    Ok(data)
}

/// Longest one-line text of a genuine report: the app allows at most 500 characters for any
/// one-line field (names 200, package texts 300, links 500).
const MAX_LINE: usize = 1_000;
/// Longest multi-line text (notes 5 000, package texts `limits::LONG_TEXT` = 10 000).
const MAX_LONG: usize = crate::package::manifest::limits::LONG_TEXT;
/// One billion euros is no municipal cost (the package check's limit).
const MAX_CENTS: u64 = 100_000_000_000;
/// No report of Anbindungscheck is older.
const EARLIEST: NaiveDate = NaiveDate::from_ymd_opt(2020, 1, 1).expect("valid date");
/// How far the report date may lie after the day the report was written.
const MAX_DAYS_AHEAD: u64 = 366;

/// Refuses a report dated after tomorrow (a clock may be a day off). `aggregate` keeps the
/// newest report per AGS, so a report dated ahead would hide the genuine later ones; a report
/// may be written for a future day, but it describes no state the Land can count yet.
pub fn not_ahead(data: &ReportData, today: NaiveDate) -> Result<(), ReportError> {
    let latest = today + Days::new(1);
    if data.report_date > latest {
        let why = format!("liegt in der Zukunft (spätestens {latest})");
        return Err(bad("report_date", &data.report_date.to_string(), &why));
    }
    Ok(())
}

/// Refuses report data that Anbindungscheck cannot have written: an invalid key (AGS or ARS), one
/// that does not fit the kind of Kommune, one whose
/// Land differs from the named Land, impossible percentages and counts, a creation time in the
/// future, dates before 2020 or more than a year after the creation, a report number of another
/// form. (Its texts were checked on the JSON already, see [`texts`].) `aggregate` thus skips an
/// edited attachment instead of letting it win "newest per AGS" or reach the table.
pub fn plausible(data: &ReportData) -> Result<(), ReportError> {
    let m = &data.municipality;
    let ags =
        crate::ags::Key::parse(&m.ags).ok().filter(|a| a.as_str() == m.ags).ok_or_else(|| {
            bad(
                "municipality.ags",
                &m.ags,
                "ist kein Gemeindeschlüssel (8 Ziffern) oder Regionalschlüssel (12 Ziffern) mit \
                 Länderschlüssel 01 bis 16",
            )
        })?;
    if m.kind.check_key(&ags).is_err() {
        let why = format!("passt nicht zur Art der Kommune ({})", m.kind.label());
        return Err(bad("municipality.ags", &m.ags, &why));
    }
    land("municipality", &m.land_code, &m.land, Some(ags.land()))?;
    if m.name.trim().is_empty() {
        return Err(bad("municipality.name", &m.name, "ist leer"));
    }
    if !data.members.is_empty() && !m.kind.has_members() {
        let why = format!("nennt Mitglieder, die Kommune ist aber „{}“", m.kind.label());
        return Err(bad("members", &data.members.len().to_string(), &why));
    }
    let mut seen = std::collections::HashSet::new();
    for (i, member) in data.members.iter().enumerate() {
        let field = format!("members[{i}].ags");
        let Some(ags) =
            crate::ags::Ags::parse(&member.ags).ok().filter(|a| a.as_str() == member.ags)
        else {
            return Err(bad(&field, &member.ags, "ist kein Gemeindeschlüssel (8 Ziffern)"));
        };
        if ags.kreis() != m.ags.get(..5).unwrap_or_default() || ags.gemeinde() == "000" {
            return Err(bad(&field, &member.ags, "ist keine Gemeinde im Kreis der Kommune"));
        }
        if !seen.insert(ags.as_str().to_owned()) {
            return Err(bad(&field, &member.ags, "steht zweimal in der Liste"));
        }
        if member.name.trim().is_empty() {
            return Err(bad(&format!("members[{i}].name"), &member.name, "ist leer"));
        }
    }
    for (i, s) in data.services.iter().enumerate() {
        let mut decided = std::collections::HashSet::new();
        for (j, d) in s.member_decisions.iter().enumerate() {
            if !seen.contains(&d.ags) || !decided.insert(d.ags.as_str()) {
                let field = format!("services[{i}].member_decisions[{j}].ags");
                return Err(bad(&field, &d.ags, "ist kein Mitglied oder steht zweimal da"));
            }
        }
    }
    if let Some(p) = m.population {
        if p == 0 || p > crate::profile::MAX_POPULATION {
            let why = format!("ist keine Einwohnerzahl (1 bis {})", crate::profile::MAX_POPULATION);
            return Err(bad("municipality.population", &p.to_string(), &why));
        }
    }

    // Written (a clock may be a day off) after 2020 and not in the future.
    let created = time("created_at", &data.created_at)?;
    let latest = crate::clock::today() + Days::new(1);
    if created < EARLIEST || created > latest {
        let why = format!("liegt nicht zwischen {EARLIEST} und {latest}");
        return Err(bad("created_at", &data.created_at, &why));
    }
    // The clerk chooses the report date, possibly ahead (`report --date`), but not by years;
    // `aggregate` also refuses one ahead of today ([`not_ahead`]).
    let last = created + Days::new(MAX_DAYS_AHEAD);
    if data.report_date < EARLIEST || data.report_date > last {
        let why = format!("liegt nicht zwischen {EARLIEST} und {last} (ein Jahr nach created_at)");
        return Err(bad("report_date", &data.report_date.to_string(), &why));
    }
    let prefix = format!("BB-{}-{}-", m.ags, data.report_date.format("%Y%m%d"));
    let suffix_ok = |s: &str| {
        s.len() == 6 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    };
    if !data.report_id.strip_prefix(&prefix).is_some_and(suffix_ok) {
        let why = format!("hat nicht die Form „{prefix}“ und 6 Hexadezimalziffern");
        return Err(bad("report_id", &data.report_id, &why));
    }

    for (i, p) in data.packages.iter().enumerate() {
        let f = |name: &str| format!("packages[{i}].{name}");
        land(&format!("packages[{i}]"), &p.land_code, &p.land, None)?;
        date(&f("issued"), &p.issued)?;
        date(&f("valid_until"), &p.valid_until)?;
        costs(&f("costs"), &p.costs)?;
    }

    let overall = &data.readiness.overall;
    score("readiness.overall", overall)?;
    for (i, d) in data.readiness.dimensions.iter().enumerate() {
        score(&format!("readiness.dimensions[{i}].score"), &d.score)?;
    }
    // `score` has checked done <= applicable.
    if data.open_items != overall.applicable - overall.done {
        let why = format!(
            "passt nicht zu readiness.overall ({} von {} erledigt)",
            overall.done, overall.applicable
        );
        return Err(bad("open_items", &data.open_items.to_string(), &why));
    }
    if data.blocker_count as usize != data.blockers.len() {
        let why = format!("passt nicht zu den {} Einträgen in blockers", data.blockers.len());
        return Err(bad("blocker_count", &data.blocker_count.to_string(), &why));
    }

    for (s, section) in data.checklist.iter().enumerate() {
        for (i, item) in section.items.iter().enumerate() {
            let f = |name: &str| format!("checklist[{s}].items[{i}].{name}");
            if let Some(d) = &item.land_deadline {
                date(&f("land_deadline"), d)?;
            }
            for (e, ev) in item.evidence.iter().enumerate() {
                let f = |name: &str| format!("checklist[{s}].items[{i}].evidence[{e}].{name}");
                let hex = |b: u8| b.is_ascii_digit() || (b'a'..=b'f').contains(&b);
                if ev.sha256.len() != 64 || !ev.sha256.bytes().all(hex) {
                    return Err(bad(&f("sha256"), &ev.sha256, "sind nicht 64 Hexadezimalziffern"));
                }
                time(&f("added_at"), &ev.added_at)?;
            }
        }
    }

    for (i, sv) in data.services.iter().enumerate() {
        let f = |name: &str| format!("services[{i}].{name}");
        for key in &sv.leika {
            if key.is_empty() || key.len() > 32 || !key.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad(&f("leika"), key, "ist kein LeiKa-Schlüssel (Ziffern)"));
            }
        }
        costs(&f("costs"), &sv.costs)?;
        for (r, req) in sv.requirements.iter().enumerate() {
            let f = |name: &str| format!("services[{i}].requirements[{r}].{name}");
            time(&f("created_at"), &req.created_at)?;
        }
    }

    for (i, e) in data.events.iter().enumerate() {
        let f = |name: &str| format!("events[{i}].{name}");
        if NaiveDateTime::parse_from_str(&e.start, "%Y-%m-%dT%H:%M").is_err() {
            return Err(bad(&f("start"), &e.start, "ist kein Zeitpunkt (JJJJ-MM-TTTHH:MM)"));
        }
    }
    Ok(())
}

/// "Feld „<field>“ mit dem Wert „<value>“ <why>." (the value shortened and made printable).
fn bad(field: &str, value: &str, why: &str) -> ReportError {
    let shown = crate::text::quote_for_message(&crate::text::printable(value, false));
    ReportError::Implausible(format!("Das Feld „{field}“ mit dem Wert {shown} {why}."))
}

/// Keys of the texts that may span lines (notes, reasons, descriptions); every other text is one
/// line.
const MULTILINE_KEYS: [&str; 4] = ["note", "review", "decision_reason", "description"];

/// Checks every text in the report's JSON: length, and no control or bidi characters (line breaks
/// and tabs only under [`MULTILINE_KEYS`]). `path` names the field in messages
/// (`checklist[0].items[3].note`).
fn texts(value: &serde_json::Value, path: &mut String) -> Result<(), ReportError> {
    use serde_json::Value;
    match value {
        Value::String(text) => {
            let key = path.rsplit(['.', ']']).next().unwrap_or_default();
            let multiline = MULTILINE_KEYS.contains(&key);
            let max = if multiline { MAX_LONG } else { MAX_LINE };
            let count = text.chars().count();
            if count > max {
                let why = format!("ist zu lang ({count} Zeichen, höchstens {max})");
                return Err(bad(path, text, &why));
            }
            if crate::text::has_forbidden_character(text, multiline) {
                return Err(bad(path, text, "enthält unzulässige Steuer- oder Richtungszeichen"));
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                texts(item, path)?;
                path.truncate(len);
            }
        }
        Value::Object(fields) => {
            for (key, field) in fields {
                let len = path.len();
                if len > 0 {
                    path.push('.');
                }
                path.push_str(key);
                texts(field, path)?;
                path.truncate(len);
            }
        }
        _ => {}
    }
    Ok(())
}

/// A `YYYY-MM-DD` date in a string field.
fn date(field: &str, value: &str) -> Result<NaiveDate, ReportError> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map_err(|_| bad(field, value, "ist kein Datum (JJJJ-MM-TT)"))
}

/// An RFC 3339 time; returns its day in UTC.
fn time(field: &str, value: &str) -> Result<NaiveDate, ReportError> {
    DateTime::parse_from_rfc3339(value)
        .map(|t| t.to_utc().date_naive())
        .map_err(|_| bad(field, value, "ist kein Zeitpunkt nach RFC 3339"))
}

/// The Land code and name agree with each other and, if given, with the AGS's Land.
fn land(
    field: &str,
    code: &str,
    name: &str,
    of_ags: Option<crate::ags::Land>,
) -> Result<(), ReportError> {
    let Ok(named) = crate::ags::Land::try_from(code.to_owned()) else {
        let why = "ist kein Länderschlüssel (01 bis 16)";
        return Err(bad(&format!("{field}.land_code"), code, why));
    };
    if let Some(expected) = of_ags.filter(|l| *l != named) {
        let why = format!("passt nicht zum AGS (Land {} „{}“)", expected.code(), expected.name());
        return Err(bad(&format!("{field}.land_code"), code, &why));
    }
    if name != named.name() {
        let why = format!("passt nicht zum Länderschlüssel {code} („{}“)", named.name());
        return Err(bad(&format!("{field}.land"), name, &why));
    }
    Ok(())
}

/// Percent within 0..=100 and exactly `done` of `applicable` rounded down; done <= applicable.
fn score(field: &str, s: &ReportScore) -> Result<(), ReportError> {
    if s.done > s.applicable {
        let why = format!("ist größer als applicable ({})", s.applicable);
        return Err(bad(&format!("{field}.done"), &s.done.to_string(), &why));
    }
    if let Some(p) = s.percent.filter(|p| *p > 100) {
        let why = "ist kein Prozentwert (0 bis 100)";
        return Err(bad(&format!("{field}.percent"), &p.to_string(), why));
    }
    let expected = (s.applicable > 0)
        .then(|| u64::from(s.done) * 100 / u64::from(s.applicable))
        .map(|p| p as u8);
    if s.percent != expected {
        let shown = s.percent.map_or("null".to_owned(), |p| p.to_string());
        let why = match expected {
            Some(p) => format!("passt nicht zu {} von {} erledigt ({p} %)", s.done, s.applicable),
            None => "muss ohne zu bewertende Aufgaben null sein".to_owned(),
        };
        return Err(bad(&format!("{field}.percent"), &shown, &why));
    }
    Ok(())
}

fn costs(field: &str, costs: &[Cost]) -> Result<(), ReportError> {
    for (i, c) in costs.iter().enumerate() {
        for (name, cents) in [("one_off_cents", c.one_off_cents), ("annual_cents", c.annual_cents)]
        {
            if cents > MAX_CENTS {
                let why = "ist unplausibel hoch (höchstens eine Milliarde Euro)";
                return Err(bad(&format!("{field}[{i}].{name}"), &cents.to_string(), why));
            }
        }
    }
    Ok(())
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
            parse_json(br#"{"schema": "anbindungscheck.report/3", "neu": true}"#).unwrap_err();
        assert_eq!(err.code(), "report_schema");
        assert!(err.to_string().contains("anbindungscheck.report/3"), "{err}");
        let err = parse_json(br#"{"schema": "etwas/1"}"#).unwrap_err();
        assert_eq!(err.code(), "report_data");
        let err = parse_json(b"{").unwrap_err();
        assert_eq!(err.code(), "report_data");
        for schema in REPORT_SCHEMAS_READ {
            let err = parse_json(format!(r#"{{"schema": "{schema}"}}"#).as_bytes()).unwrap_err();
            assert_eq!(err.code(), "report_data");
        }
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
