//! The simple alternative to GV100AD: a list `AGS;Name;Einwohner`.
//!
//! As German spreadsheet programs write it: `;` between the columns (a `,` is refused with a
//! hint rather than guessed, because it is also the decimal separator), cells in double quotes
//! where needed (`""` for a quote inside), trailing empty cells ignored. The first line is the
//! header `AGS;Name;Einwohner` (or `AGS;Name`), case and blanks around cells do not matter. The
//! population may be empty and may carry thousands separators ("118.911"). A list has no
//! reference date, no Kreis names and no Gemeindeverbände.

use std::collections::BTreeMap;

use super::{at, Directory, DirectoryFormat, Municipality};
use crate::Result;

/// The header's cells.
const HEADER: [&str; 3] = ["ags", "name", "einwohner"];

/// Whether a first line looks like a CSV list (with or without its header).
pub(super) fn looks_like(line: &str) -> bool {
    line.contains(';')
        || line.contains(',')
        || line.trim_start().get(..3).is_some_and(|s| s.eq_ignore_ascii_case("ags"))
}

/// A whole CSV list.
pub(super) fn parse(text: &str) -> Result<Directory> {
    let mut lines = super::lines(text);
    let (number, header) = lines.next().expect("the caller found a first line");
    let columns = header_columns(number, header)?;

    let mut entries = Vec::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (number, line) in lines {
        let cells = cells(number, line)?;
        if cells.len() > columns {
            return Err(at(
                number,
                format!(
                    "Die Zeile hat {} Spalten; erwartet werden {} ({}).",
                    cells.len(),
                    columns,
                    if columns == 3 { "AGS;Name;Einwohner" } else { "AGS;Name" }
                ),
            ));
        }
        let cell = |i: usize| cells.get(i).map_or("", String::as_str);
        let ags = super::ags(number, cell(0))?.as_str().to_owned();
        if let Some(earlier) = seen.insert(ags.clone(), number) {
            return Err(at(number, format!("Der AGS {ags} steht schon in Zeile {earlier}.")));
        }
        if entries.len() == super::MAX_MUNICIPALITIES {
            return Err(super::too_many(number));
        }
        entries.push(Municipality {
            name: super::name(number, cell(1), "Der Name")?,
            population: super::population(number, cell(2), true)?,
            kreis_ags: ags[..5].to_owned(),
            kreis_name: None,
            verband: None,
            ars: None,
            ags,
        });
    }
    Ok(Directory { format: DirectoryFormat::Csv, as_of: None, entries, unincorporated: vec![] })
}

/// Checks the header; the number of columns it names (2 or 3).
fn header_columns(number: usize, line: &str) -> Result<usize> {
    let expected = "Die erste Zeile muss die Kopfzeile „AGS;Name;Einwohner“ sein.";
    if !line.contains(';') && line.contains(',') {
        return Err(at(
            number,
            format!(
                "Die Spalten sind durch Kommas getrennt; erwartet wird das Semikolon, wie es \
                 Tabellenprogramme mit deutscher Einstellung schreiben. {expected}"
            ),
        ));
    }
    let cells = cells(number, line)?;
    let lower: Vec<String> = cells.iter().map(|c| c.to_lowercase()).collect();
    if lower.len() >= 2 && lower.len() <= 3 && lower.iter().zip(HEADER).all(|(c, h)| c == h) {
        return Ok(lower.len());
    }
    if cells.first().is_some_and(|c| c.starts_with(|ch: char| ch.is_ascii_digit())) {
        return Err(at(number, format!("Die Kopfzeile fehlt. {expected}")));
    }
    Err(at(
        number,
        format!("Unerwartete Kopfzeile {}. {expected}", crate::text::quote_for_message(line)),
    ))
}

/// The cells of one line, trimmed, trailing empty cells dropped.
fn cells(number: usize, line: &str) -> Result<Vec<String>> {
    let mut out = Vec::new();
    let mut chars = line.chars().peekable();
    loop {
        let mut cell = String::new();
        while chars.peek().is_some_and(|c| *c == ' ' || *c == '\t') {
            chars.next();
        }
        if chars.peek() == Some(&'"') {
            chars.next();
            loop {
                match chars.next() {
                    Some('"') if chars.peek() == Some(&'"') => {
                        chars.next();
                        cell.push('"');
                    }
                    Some('"') => break,
                    Some(c) => cell.push(c),
                    None => {
                        return Err(at(
                            number,
                            "Ein Anführungszeichen wird nicht geschlossen (Zeilenumbrüche \
                             innerhalb einer Zelle sind nicht erlaubt).",
                        ))
                    }
                }
            }
            while chars.peek().is_some_and(|c| *c == ' ' || *c == '\t') {
                chars.next();
            }
            if chars.peek().is_some_and(|c| *c != ';') {
                return Err(at(number, "Nach dem schließenden Anführungszeichen fehlt das „;“."));
            }
        } else {
            while let Some(c) = chars.next_if(|c| *c != ';') {
                cell.push(c);
            }
        }
        out.push(cell.trim().to_owned());
        if chars.next().is_none() {
            break;
        }
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    Ok(out)
}
