//! The Statistisches Bundesamt's Gemeindeverzeichnis in its fixed-width form, GV100AD.
//!
//! One record a line, 220 characters, columns counted in characters (the same in a
//! single-byte file and in UTF-8). The columns read here, 1-based as in the published record
//! description ("Datensatzbeschreibung"):
//!
//! | columns | field                                                     |
//! |---------|-----------------------------------------------------------|
//! | 1–2     | Satzart: 10 Land, 20 Regierungsbezirk, 30 Region (only Baden-Württemberg), 40 Kreis, 50 Gemeindeverband, 60 Gemeinde |
//! | 3–10    | Gebietsstand, JJJJMMTT                                    |
//! | 11–12   | Land                                                      |
//! | 13      | Regierungsbezirk (record 30: 13–14 Regierungsbezirk and Region) |
//! | 14–15   | Kreis                                                     |
//! | 16–18   | Gemeinde                                                  |
//! | 19–22   | Gemeindeverband (records 50 and 60)                       |
//! | 23–72   | Name                                                      |
//! | 73–122  | Sitz der Verwaltung                                       |
//! | 123–124 | Textkennzeichen (kind of Kreis, Verband or Gemeinde)      |
//! | 129–139 | Fläche in ha (record 60)                                  |
//! | 140–150 | Einwohner insgesamt (record 60)                           |
//! | 151–161 | Einwohner männlich (record 60); then PLZ, Finanzamt, courts … |
//!
//! In a key only the levels of the record are filled; the rest is blank. Note the order in the
//! file: the Gemeinde digits come before the Verband digits, while the 12-digit ARS puts the
//! Verband first (Land, RB, Kreis, Verband, Gemeinde).
//!
//! Gemeindeverband Textkennzeichen: 50 verbandsfreie Gemeinde, 51 Amt, 52 Samtgemeinde,
//! 53 Verbandsgemeinde, 54 Verwaltungsgemeinschaft, 55 Kirchspielslandgemeinde,
//! 56 Verwaltungsverband, 57 Verwaltungsgemeinschaft (Trägermodell), 58 erfüllende Gemeinde.
//! Gemeinde Textkennzeichen: 60 Markt, 61 kreisfreie Stadt, 62 Stadtkreis, 63 Stadt,
//! 64 kreisangehörige Gemeinde, 65 gemeindefreies Gebiet (bewohnt), 66 gemeindefreies Gebiet
//! (unbewohnt), 67 große Kreisstadt.
//!
//! Each record must reach the end of the last field read from it (a Verband its Textkennzeichen,
//! a Gemeinde its population, the others a first character of the name); the rest of the 220
//! columns is not needed, so a line whose trailing blanks an editor removed is still read.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::{at, Directory, DirectoryFormat, Municipality};
use crate::Result;

/// Whether a first line looks like a GV100AD record: a two-digit Satzart and an eight-digit
/// Gebietsstand.
pub(super) fn looks_like(line: &str) -> bool {
    line.len() >= 10 && line.as_bytes()[..10].iter().all(u8::is_ascii_digit)
}

/// Gebietsstand columns (0-based, end exclusive).
const DATE: (usize, usize) = (2, 10);
/// Name columns.
const NAME: (usize, usize) = (22, 72);
/// Textkennzeichen columns.
const KIND: (usize, usize) = (122, 124);
/// Einwohner insgesamt columns.
const POPULATION: (usize, usize) = (139, 150);

/// The record types, with the key columns each fills and the length each needs.
struct RecordType {
    code: &'static str,
    label: &'static str,
    /// End of the key (0-based, exclusive); every key starts at index 10 (column 11).
    key_end: usize,
    min_len: usize,
}

const TYPES: [RecordType; 6] = [
    RecordType { code: "10", label: "Land", key_end: 12, min_len: NAME.0 + 1 },
    RecordType { code: "20", label: "Regierungsbezirk", key_end: 13, min_len: NAME.0 + 1 },
    RecordType { code: "30", label: "Region", key_end: 14, min_len: NAME.0 + 1 },
    RecordType { code: "40", label: "Kreis", key_end: 15, min_len: NAME.0 + 1 },
    RecordType { code: "50", label: "Gemeindeverband", key_end: 15, min_len: KIND.1 },
    RecordType { code: "60", label: "Gemeinde", key_end: 18, min_len: POPULATION.1 },
];

/// Textkennzeichen of a Gemeindeverband record for a municipality in no Verband.
const NO_VERBAND: &str = "50";
/// Textkennzeichen of unincorporated areas (gemeindefreie Gebiete).
const UNINCORPORATED: [&str; 2] = ["65", "66"];

/// A Gemeinde record, before its Kreis and Verband are looked up.
struct Gemeinde {
    ags: String,
    verband_digits: String,
    name: String,
    kind: String,
    population: Option<u32>,
}

/// A whole GV100AD file.
pub(super) fn parse(text: &str) -> Result<Directory> {
    let mut as_of: Option<(NaiveDate, usize)> = None;
    let mut kreise: BTreeMap<String, (String, usize)> = BTreeMap::new();
    // Verband ARS (9 digits) → name, Textkennzeichen, line.
    let mut verbaende: BTreeMap<String, (String, String, usize)> = BTreeMap::new();
    let mut gemeinden: Vec<Gemeinde> = Vec::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();

    for (number, line) in super::lines(text) {
        let chars: Vec<char> = line.chars().collect();
        let field = |(start, end): (usize, usize)| -> String {
            chars[start.min(chars.len())..end.min(chars.len())].iter().collect()
        };
        let code = field((0, 2));
        let Some(kind) = TYPES.iter().find(|t| t.code == code) else {
            return Err(at(
                number,
                format!(
                    "Unbekannte Satzart {}; das Gemeindeverzeichnis GV100AD kennt 10 (Land), \
                     20 (Regierungsbezirk), 30 (Region), 40 (Kreis), 50 (Gemeindeverband) und \
                     60 (Gemeinde).",
                    crate::text::quote_for_message(&code)
                ),
            ));
        };
        if chars.len() < kind.min_len {
            return Err(at(
                number,
                format!(
                    "Der Satz ist zu kurz ({} Zeichen; ein Satz der Satzart {} ({}) braucht \
                     mindestens {}). Ist die Datei abgeschnitten?",
                    chars.len(),
                    kind.code,
                    kind.label,
                    kind.min_len
                ),
            ));
        }

        let date = field(DATE);
        let day = NaiveDate::parse_from_str(&date, "%Y%m%d").map_err(|_| {
            at(
                number,
                format!(
                    "Der Gebietsstand {} ist kein Datum (JJJJMMTT).",
                    crate::text::quote_for_message(&date)
                ),
            )
        })?;
        match as_of {
            None => as_of = Some((day, number)),
            Some((first, first_line)) if first != day => {
                return Err(at(
                    number,
                    format!(
                        "Der Gebietsstand {} weicht von dem in Zeile {first_line} ({}) ab; eine \
                         Datei darf nur ein Verzeichnis enthalten.",
                        day.format("%d.%m.%Y"),
                        first.format("%d.%m.%Y")
                    ),
                ))
            }
            Some(_) => {}
        }

        let key = field((10, kind.key_end));
        digits(number, &key, "Der Schlüssel")?;
        if !(1..=16).contains(&key[..2].parse::<u8>().unwrap_or(0)) {
            return Err(at(
                number,
                format!("„{}“ ist kein Länderschlüssel; gültig sind 01 bis 16.", &key[..2]),
            ));
        }
        let name = super::name(number, &field(NAME), "Der Name")?;

        match kind.code {
            "40" => {
                if let Some((_, earlier)) = kreise.insert(key.clone(), (name, number)) {
                    return Err(duplicate(number, "Der Kreis", &key, earlier));
                }
            }
            "50" => {
                let verband = field((18, 22));
                digits(number, &verband, "Der Gemeindeverbandsschlüssel")?;
                let ars = format!("{key}{verband}");
                let kind = field(KIND).trim().to_owned();
                if let Some((_, _, earlier)) = verbaende.insert(ars.clone(), (name, kind, number)) {
                    return Err(duplicate(number, "Der Gemeindeverband", &ars, earlier));
                }
            }
            "60" => {
                let ags = super::ags(number, &key)?.as_str().to_owned();
                if let Some(earlier) = seen.insert(ags.clone(), number) {
                    return Err(duplicate(number, "Die Gemeinde", &ags, earlier));
                }
                if gemeinden.len() == super::MAX_MUNICIPALITIES {
                    return Err(super::too_many(number));
                }
                let verband_digits = field((18, 22));
                digits(number, &verband_digits, "Der Gemeindeverbandsschlüssel")?;
                gemeinden.push(Gemeinde {
                    ags,
                    verband_digits,
                    name,
                    kind: field(KIND).trim().to_owned(),
                    population: super::population(number, &field(POPULATION), false)?,
                });
            }
            _ => {}
        }
    }

    let mut entries = Vec::with_capacity(gemeinden.len());
    let mut unincorporated = Vec::new();
    for g in gemeinden {
        if UNINCORPORATED.contains(&g.kind.as_str()) {
            unincorporated.push(g.ags);
            continue;
        }
        let kreis_ags = g.ags[..5].to_owned();
        let verband_ars = format!("{kreis_ags}{}", g.verband_digits);
        let verband = verbaende
            .get(&verband_ars)
            .filter(|(_, kind, _)| kind != NO_VERBAND)
            .map(|(name, _, _)| (verband_ars.clone(), name.clone()));
        entries.push(Municipality {
            ars: Some(format!("{verband_ars}{}", &g.ags[5..])),
            kreis_name: kreise.get(&kreis_ags).map(|(name, _)| name.clone()),
            kreis_ags,
            verband,
            name: g.name,
            population: g.population,
            ags: g.ags,
        });
    }
    Ok(Directory {
        format: DirectoryFormat::Gv100ad,
        as_of: as_of.map(|(day, _)| day),
        entries,
        unincorporated,
    })
}

/// Refuses a key part that is not all digits.
fn digits(line: usize, value: &str, label: &str) -> Result<()> {
    if value.chars().all(|c| c.is_ascii_digit()) {
        return Ok(());
    }
    Err(at(
        line,
        format!("{label} {} besteht nicht nur aus Ziffern.", crate::text::quote_for_message(value)),
    ))
}

fn duplicate(line: usize, what: &str, key: &str, earlier: usize) -> crate::Error {
    at(line, format!("{what} {key} steht schon in Zeile {earlier}."))
}
