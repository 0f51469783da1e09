//! The official municipal directory: which municipalities a Land has, read from a file the
//! Land's coordinator brings in.
//!
//! Two forms are read:
//! - the Statistisches Bundesamt's *Gemeindeverzeichnis* in its published fixed-width form,
//!   GV100AD (the record layout is described in `gv100ad.rs`), with the directory's reference
//!   date (Gebietsstand), Kreis and Gemeindeverband names and population;
//! - as a simpler alternative, a CSV list `AGS;Name;Einwohner` as German spreadsheet programs
//!   write it (`;`-separated, optional byte order mark, the population column optional; see
//!   `csv.rs`).
//!
//! [`parse`] detects the form and reads the whole file or nothing: any bad line makes it return
//! an error that names the line ("Zeile 12: …"), so a half-read directory is never imported.
//! [`for_land`] then keeps the municipalities of one Land and counts (and names) the others.
//!
//! **Own parser, not the `gv100ad` crate.** The crate (0.2.0, MIT, marked "experimental", built
//! against 2021 versions of chrono and tracing, pulls in thiserror 1 next to our 2) reads UTF-8
//! only, so the Latin-1 files of earlier quarters fail with an I/O error; it panics on Region
//! records (`todo!()`), on impossible dates (`NaiveDate::from_ymd`) and on short lines (string
//! slicing), and its errors carry no line number and are English. The part of the format we
//! need is a few fixed columns; reading them ourselves is shorter than working around that.
//!
//! **Encoding.** Destatis published GV100AD for years in "ANSI" (ISO-8859-1/Windows-1252, e.g.
//! the `.ASC` files up to 2017 that other readers convert from ISO-8859-1); the current
//! `GV100AD_DDMMYYYY.txt` files are UTF-8 (the maintained readers we checked read them so, one
//! says it in its documentation). A CSV saved by Excel is Windows-1252 ("CSV (Trennzeichen-getrennt)")
//! or UTF-8 with a byte order mark ("CSV UTF-8"). So: a file that is valid UTF-8 is read as
//! UTF-8 (German text in Windows-1252 is practically never valid UTF-8, because an umlaut byte is
//! not followed by a continuation byte); anything else is read as Windows-1252, a superset of
//! the printable Latin-1 range. Refused with a message: UTF-16, NUL bytes (a binary file, e.g.
//! the ZIP instead of the text file in it), bytes Windows-1252 leaves undefined, and a mix of
//! UTF-8 and single-byte umlauts in one file (which would otherwise turn "Göttingen" into
//! "GÃ¶ttingen" without a word).

mod csv;
mod gv100ad;

use std::collections::BTreeMap;
use std::fmt::Display;

use chrono::NaiveDate;
use serde::Serialize;

use crate::ags::Land;
use crate::{Error, Result};

/// Largest file read, in bytes (the whole federal GV100AD is about 3.5 MB).
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;
/// Most municipalities a directory may hold (Germany has about 10,800).
pub const MAX_MUNICIPALITIES: usize = 20_000;
/// Largest plausible population of one municipality (Berlin has about 3.9 million).
pub const MAX_POPULATION: u32 = 5_000_000;
/// Longest name accepted (GV100AD's name column has 50 characters).
const MAX_NAME_CHARS: usize = 100;
/// The input field errors of this module belong to.
const FIELD: &str = "directory";

/// Which form the directory was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum DirectoryFormat {
    /// The Statistisches Bundesamt's fixed-width GV100AD file.
    Gv100ad,
    /// A list `AGS;Name;Einwohner`.
    Csv,
}

impl DirectoryFormat {
    /// The format as stored: `gv100ad` or `csv`.
    pub fn key(self) -> &'static str {
        match self {
            DirectoryFormat::Gv100ad => "gv100ad",
            DirectoryFormat::Csv => "csv",
        }
    }
}

/// A whole directory as read, all Länder.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Directory {
    pub format: DirectoryFormat,
    /// The directory's reference date (Gebietsstand); a CSV list has none.
    #[cfg_attr(test, ts(type = "string | null"))]
    pub as_of: Option<NaiveDate>,
    /// The municipalities, sorted by AGS.
    pub entries: Vec<Municipality>,
    /// AGS of the unincorporated areas (gemeindefreie Gebiete, GV100AD Textkennzeichen 65 and
    /// 66) the directory lists: they have keys but no administration, so they are no entries.
    pub unincorporated: Vec<String>,
}

/// One municipality of the directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Municipality {
    /// Amtlicher Gemeindeschlüssel, 8 digits.
    pub ags: String,
    pub name: String,
    /// The Kreis (or kreisfreie Stadt): the first 5 digits of the AGS.
    pub kreis_ags: String,
    /// The Kreis's name, if the directory has it (GV100AD record type 40).
    pub kreis_name: Option<String>,
    /// The Gemeindeverband that acts for the municipality (Amt, Samtgemeinde,
    /// Verbandsgemeinde, Verwaltungsgemeinschaft …): its ARS (9 digits) and name. `None` for a
    /// municipality in no Verband, and always in a CSV list.
    pub verband: Option<(String, String)>,
    /// Amtlicher Regionalschlüssel, 12 digits, with the Verband digits as the directory gives
    /// them (GV100AD only).
    pub ars: Option<String>,
    pub population: Option<u32>,
}

/// The directory of one Land: what the Land's workspace takes.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct LandDirectory {
    #[cfg_attr(test, ts(type = "string"))]
    pub land: Land,
    pub format: DirectoryFormat,
    #[cfg_attr(test, ts(type = "string | null"))]
    pub as_of: Option<NaiveDate>,
    /// The Land's municipalities, sorted by AGS.
    pub municipalities: Vec<Municipality>,
    /// The Land's Kreise with their names (AGS of 5 digits, name), sorted; empty when the
    /// directory names no Kreise (a CSV list).
    pub kreise: Vec<(String, String)>,
    /// How many municipalities of other Länder the directory held (left out).
    pub other_lands: usize,
    /// Those Länder with their counts, e.g. "Bremen (2)", in the order of their codes.
    pub other_land_names: Vec<String>,
    /// How many unincorporated areas of this Land were left out.
    pub unincorporated_areas: usize,
}

/// Reads a directory (GV100AD or CSV, detected from the first line). Either the whole file is
/// read or an error names the first bad line.
pub fn parse(bytes: &[u8]) -> Result<Directory> {
    let text = decode(bytes)?;
    let Some((number, first)) = lines(&text).next() else {
        return Err(invalid("Die Datei ist leer."));
    };
    let mut directory = if gv100ad::looks_like(first) {
        gv100ad::parse(&text)?
    } else if csv::looks_like(first) {
        csv::parse(&text)?
    } else {
        return Err(at(
            number,
            format!(
                "Das Format ist unbekannt: {} ist weder ein Satz des Gemeindeverzeichnisses \
                 GV100AD des Statistischen Bundesamtes (Textdatei mit festen Spaltenbreiten) \
                 noch die Kopfzeile „AGS;Name;Einwohner“ einer CSV-Liste.",
                crate::text::quote_for_message(first)
            ),
        ));
    };
    if directory.entries.is_empty() {
        return Err(invalid("Die Datei enthält keine Gemeinde; es wurde nichts übernommen."));
    }
    directory.entries.sort_by(|a, b| a.ags.cmp(&b.ags));
    directory.unincorporated.sort();
    Ok(directory)
}

/// The municipalities of `land`; the others are counted and their Länder named.
pub fn for_land(directory: Directory, land: Land) -> LandDirectory {
    let code = land.code();
    let mut municipalities = Vec::new();
    let mut others: BTreeMap<u8, usize> = BTreeMap::new();
    for entry in directory.entries {
        if entry.ags.starts_with(&code) {
            municipalities.push(entry);
        } else if let Ok(other) = entry.ags[..2].parse::<u8>() {
            *others.entry(other).or_default() += 1;
        }
    }
    municipalities.sort_by(|a, b| a.ags.cmp(&b.ags));
    let kreise: BTreeMap<String, String> = municipalities
        .iter()
        .filter_map(|m| m.kreis_name.clone().map(|name| (m.kreis_ags.clone(), name)))
        .collect();
    let other_land_names = others
        .iter()
        .map(|(code, count)| {
            let name = Land::from_code(*code).map_or("unbekanntes Land", Land::name);
            format!("{name} ({count})")
        })
        .collect();
    LandDirectory {
        land,
        format: directory.format,
        as_of: directory.as_of,
        kreise: kreise.into_iter().collect(),
        other_lands: others.values().sum(),
        other_land_names,
        unincorporated_areas: directory
            .unincorporated
            .iter()
            .filter(|ags| ags.starts_with(&code))
            .count(),
        municipalities,
    }
}

/// The file as text: UTF-8 if it is valid UTF-8, else Windows-1252 (see the module doc).
fn decode(bytes: &[u8]) -> Result<String> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(invalid(format!(
            "Die Datei ist zu groß ({} MiB); ein Gemeindeverzeichnis hat höchstens {} MiB.",
            bytes.len().div_ceil(1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Err(invalid(
            "Die Datei ist ein ZIP-Archiv. Bitte das Archiv entpacken und die Textdatei darin \
             wählen (beim Gemeindeverzeichnis GV100AD_TTMMJJJJ.txt).",
        ));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(invalid(
            "Die Datei ist in UTF-16 gespeichert. Bitte als UTF-8 oder als ANSI \
             (Windows-1252) speichern.",
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(i) = bytes.iter().position(|b| *b == 0) {
        return Err(at(
            line_of(bytes, i),
            "Die Datei enthält Nullbytes und ist keine Textdatei (oder in UTF-16 gespeichert).",
        ));
    }
    let not_utf8 = match std::str::from_utf8(bytes) {
        Ok(text) => return Ok(text.to_owned()),
        Err(e) => e.valid_up_to(),
    };
    // A byte sequence that is UTF-8 for a letter (Ã¶ = ö) next to bytes that are not UTF-8.
    if let Some(i) = bytes.windows(2).position(|w| w[0] == 0xC3 && (0x80..=0xBF).contains(&w[1])) {
        return Err(at(
            line_of(bytes, not_utf8),
            format!(
                "Die Zeichenkodierung ist uneinheitlich: Zeile {} enthält Umlaute in UTF-8, \
                 diese Zeile Bytes, die kein UTF-8 sind. Bitte die Datei einheitlich als UTF-8 \
                 oder als ANSI (Windows-1252) speichern.",
                line_of(bytes, i)
            ),
        ));
    }
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 16);
    for (i, &b) in bytes.iter().enumerate() {
        match windows_1252(b) {
            Some(c) => text.push(c),
            None => {
                return Err(at(
                    line_of(bytes, i),
                    format!(
                        "Das Byte 0x{b:02X} ist weder UTF-8 noch ein Zeichen in ANSI \
                         (Windows-1252); die Zeichenkodierung der Datei ist unbekannt."
                    ),
                ))
            }
        }
    }
    Ok(text)
}

/// The character of a Windows-1252 byte; `None` for the five bytes it leaves undefined.
fn windows_1252(b: u8) -> Option<char> {
    const HIGH: [char; 32] = [
        '€', '\0', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\0', 'Ž', '\0', //
        '\0', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\0', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => Some(HIGH[usize::from(b - 0x80)]).filter(|c| *c != '\0'),
        _ => Some(char::from(b)),
    }
}

/// The 1-based line number of byte `index`.
fn line_of(bytes: &[u8], index: usize) -> usize {
    bytes[..index.min(bytes.len())].iter().filter(|b| **b == b'\n').count() + 1
}

/// The non-blank lines with their 1-based numbers, without line terminators.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split('\n')
        .enumerate()
        .map(|(i, line)| (i + 1, line.strip_suffix('\r').unwrap_or(line)))
        .filter(|(_, line)| !line.trim().is_empty())
}

/// A validation error about the whole file.
fn invalid(message: impl Into<String>) -> Error {
    Error::validation(FIELD, message)
}

/// A validation error about line `line`.
fn at(line: usize, message: impl Display) -> Error {
    Error::validation(FIELD, format!("Zeile {line}: {message}"))
}

/// A checked name (trimmed, no control characters, not too long, not empty).
fn name(line: usize, raw: &str, label: &str) -> Result<String> {
    crate::text::line(FIELD, label, Some(raw), MAX_NAME_CHARS)
        .map_err(|e| at(line, e))?
        .ok_or_else(|| at(line, format!("{label} fehlt.")))
}

/// A checked AGS: 8 digits, Land 01 to 16.
fn ags(line: usize, raw: &str) -> Result<crate::ags::Ags> {
    crate::ags::Ags::parse(raw).map_err(|e| {
        let digits = raw.trim();
        if digits.len() == 7 && digits.bytes().all(|b| b.is_ascii_digit()) {
            at(
                line,
                format!(
                    "{e} Hat ein Tabellenprogramm die führende Null entfernt? Dann bitte die \
                     Spalte als Text formatieren."
                ),
            )
        } else {
            at(line, e)
        }
    })
}

/// A checked population: digits (German thousands separators allowed where `grouped`), at most
/// [`MAX_POPULATION`]; empty is `None`.
fn population(line: usize, raw: &str, grouped: bool) -> Result<Option<u32>> {
    let text = raw.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let well_formed = if grouped && text.contains('.') {
        let mut groups = text.split('.');
        let head = groups.next().unwrap_or("");
        (1..=3).contains(&head.len())
            && head.bytes().all(|b| b.is_ascii_digit())
            && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
    } else {
        text.bytes().all(|b| b.is_ascii_digit())
    };
    let shown = crate::text::quote_for_message(text);
    if !well_formed {
        return Err(at(line, format!("Die Einwohnerzahl {shown} ist keine ganze Zahl.")));
    }
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    match digits.parse::<u64>() {
        Ok(n) if n <= u64::from(MAX_POPULATION) => Ok(Some(n as u32)),
        _ => Err(at(
            line,
            format!(
                "Die Einwohnerzahl {shown} ist nicht plausibel; eine Gemeinde hat höchstens \
                 {} Einwohner.",
                thousands(u64::from(MAX_POPULATION))
            ),
        )),
    }
}

/// `n` with German thousands separators: 5.000.000.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// The error when a directory holds more than [`MAX_MUNICIPALITIES`].
fn too_many(line: usize) -> Error {
    at(
        line,
        format!(
            "Die Datei enthält mehr als {} Gemeinden; das ist kein Gemeindeverzeichnis.",
            thousands(MAX_MUNICIPALITIES as u64)
        ),
    )
}

#[cfg(test)]
mod tests;
