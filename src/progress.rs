//! Progress on checklist items: status, blocking party, owner, due date and note.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

use crate::text;
use crate::{Error, Result};

/// The state of an item.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
    Offen,
    InArbeit,
    Erledigt,
    NichtZutreffend,
    ExternBlockiert,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Offen,
        Status::InArbeit,
        Status::Erledigt,
        Status::NichtZutreffend,
        Status::ExternBlockiert,
    ];

    /// The stored and command-line key, e.g. `in_arbeit`.
    pub fn key(self) -> &'static str {
        match self {
            Status::Offen => "offen",
            Status::InArbeit => "in_arbeit",
            Status::Erledigt => "erledigt",
            Status::NichtZutreffend => "nicht_zutreffend",
            Status::ExternBlockiert => "extern_blockiert",
        }
    }

    /// The German label.
    pub fn label(self) -> &'static str {
        match self {
            Status::Offen => "Offen",
            Status::InArbeit => "In Arbeit",
            Status::Erledigt => "Erledigt",
            Status::NichtZutreffend => "Nicht zutreffend",
            Status::ExternBlockiert => "Extern blockiert",
        }
    }

    /// Whether the item still needs work (deadlines of closed items do not count).
    pub fn is_open(self) -> bool {
        !matches!(self, Status::Erledigt | Status::NichtZutreffend)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl FromStr for Status {
    type Err = Error;
    fn from_str(s: &str) -> Result<Status> {
        Status::ALL.into_iter().find(|st| st.key() == s.trim()).ok_or_else(|| {
            Error::validation(
                "status",
                format!(
                    "Unbekannter Status {}; erlaubt sind: {}.",
                    text::quote_for_message(s),
                    keys(Status::ALL.iter().map(|s| s.key()))
                ),
            )
        })
    }
}

/// Who blocks an item that is `extern_blockiert`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum BlockingParty {
    Land,
    Hersteller,
    Fitko,
    ItDienstleister,
    Gremium,
    Sonstige,
}

impl BlockingParty {
    pub const ALL: [BlockingParty; 6] = [
        BlockingParty::Land,
        BlockingParty::Hersteller,
        BlockingParty::Fitko,
        BlockingParty::ItDienstleister,
        BlockingParty::Gremium,
        BlockingParty::Sonstige,
    ];

    pub fn key(self) -> &'static str {
        match self {
            BlockingParty::Land => "land",
            BlockingParty::Hersteller => "hersteller",
            BlockingParty::Fitko => "fitko",
            BlockingParty::ItDienstleister => "it_dienstleister",
            BlockingParty::Gremium => "gremium",
            BlockingParty::Sonstige => "sonstige",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            BlockingParty::Land => "Land",
            BlockingParty::Hersteller => "Hersteller",
            BlockingParty::Fitko => "FITKO",
            BlockingParty::ItDienstleister => "IT-Dienstleister",
            BlockingParty::Gremium => "Rat / Gremium",
            BlockingParty::Sonstige => "Sonstige",
        }
    }
}

impl FromStr for BlockingParty {
    type Err = Error;
    fn from_str(s: &str) -> Result<BlockingParty> {
        BlockingParty::ALL.into_iter().find(|p| p.key() == s.trim().to_lowercase()).ok_or_else(
            || {
                Error::validation(
                    "blocked_by",
                    format!(
                        "Unbekannte blockierende Stelle {}; erlaubt sind: {}.",
                        text::quote_for_message(s),
                        keys(BlockingParty::ALL.iter().map(|p| p.key()))
                    ),
                )
            },
        )
    }
}

fn keys<'a>(keys: impl Iterator<Item = &'a str>) -> String {
    keys.collect::<Vec<_>>().join(", ")
}

/// The stored progress of one item.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ItemProgress {
    pub status: Status,
    pub blocked_by: Option<BlockingParty>,
    pub blocked_text: Option<String>,
    pub owner: Option<String>,
    #[cfg_attr(test, ts(type = "string | null"))]
    pub due: Option<NaiveDate>,
    pub note: Option<String>,
    /// When the item last changed (RFC 3339, UTC); `None` if never touched.
    pub updated_at: Option<String>,
}

/// The state of an item as the clerk sets it (validated by [`ItemState::validate`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields)]
pub struct ItemState {
    pub status: Status,
    #[cfg_attr(test, ts(optional = nullable))]
    pub blocked_by: Option<BlockingParty>,
    #[cfg_attr(test, ts(optional = nullable))]
    pub blocked_text: Option<String>,
    #[cfg_attr(test, ts(optional = nullable))]
    pub owner: Option<String>,
    /// `YYYY-MM-DD`.
    #[cfg_attr(test, ts(optional = nullable))]
    pub due: Option<String>,
    #[cfg_attr(test, ts(optional = nullable))]
    pub note: Option<String>,
}

/// Maximum lengths of the free-text fields.
/// Dates within this many days count as "due soon" (the readiness, the services' expiry dates).
pub const DUE_SOON_DAYS: i64 = 30;

pub const MAX_OWNER: usize = 200;
pub const MAX_NOTE: usize = 5_000;
pub const MAX_BLOCKED_TEXT: usize = 500;

impl ItemState {
    /// Checks the state; returns it as progress (without a change time).
    pub fn validate(&self) -> Result<ItemProgress> {
        let owner = text::line("owner", "Verantwortlich", self.owner.as_deref(), MAX_OWNER)?;
        let note = text::multiline("note", "Die Notiz", self.note.as_deref(), MAX_NOTE)?;
        let blocked_text = text::line(
            "blocked_text",
            "Die Beschreibung der Blockade",
            self.blocked_text.as_deref(),
            MAX_BLOCKED_TEXT,
        )?;
        let due = match self.due.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
            None => None,
            Some(due) => Some(parse_date("due", "Fälligkeitsdatum", due)?),
        };
        match (self.status, self.blocked_by) {
            (Status::ExternBlockiert, None) => {
                return Err(Error::validation(
                    "blocked_by",
                    "Bei „Extern blockiert“ muss angegeben werden, wer blockiert \
                     (Land, Hersteller, FITKO, IT-Dienstleister, Rat / Gremium oder Sonstige).",
                ));
            }
            (Status::ExternBlockiert, Some(BlockingParty::Sonstige)) if blocked_text.is_none() => {
                return Err(Error::validation(
                    "blocked_text",
                    "Bei „Sonstige“ muss beschrieben werden, wer oder was blockiert.",
                ));
            }
            (Status::ExternBlockiert, _) => {}
            (status, Some(_)) => {
                return Err(Error::validation(
                    "blocked_by",
                    format!(
                        "Eine blockierende Stelle gibt es nur beim Status „Extern blockiert“, \
                         nicht bei „{}“.",
                        status.label()
                    ),
                ));
            }
            (_, None) if blocked_text.is_some() => {
                return Err(Error::validation(
                    "blocked_text",
                    "Eine Beschreibung der Blockade gibt es nur beim Status „Extern blockiert“.",
                ));
            }
            _ => {}
        }
        Ok(ItemProgress {
            status: self.status,
            blocked_by: self.blocked_by,
            blocked_text,
            owner,
            due,
            note,
            updated_at: None,
        })
    }
}

impl From<&ItemProgress> for ItemState {
    fn from(p: &ItemProgress) -> ItemState {
        ItemState {
            status: p.status,
            blocked_by: p.blocked_by,
            blocked_text: p.blocked_text.clone(),
            owner: p.owner.clone(),
            due: p.due.map(|d| d.to_string()),
            note: p.note.clone(),
        }
    }
}

/// A partial change, as the command line gives it: only the fields named change.
/// An empty string clears a field.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ItemPatch {
    pub status: Option<Status>,
    /// `PARTY` or `PARTY:TEXT`, e.g. `hersteller:Schnittstelle fehlt`.
    pub blocked_by: Option<String>,
    pub owner: Option<String>,
    pub due: Option<String>,
    pub note: Option<String>,
}

impl ItemPatch {
    /// True if the patch changes nothing.
    pub fn is_empty(&self) -> bool {
        *self == ItemPatch::default()
    }

    /// Applies the patch to the current progress. Leaving `extern_blockiert` drops the blocker.
    pub fn apply(&self, current: &ItemProgress) -> Result<ItemState> {
        let mut state = ItemState::from(current);
        if let Some(status) = self.status {
            state.status = status;
            if status != Status::ExternBlockiert {
                state.blocked_by = None;
                state.blocked_text = None;
            }
        }
        if let Some(blocked) = &self.blocked_by {
            let (party, text) = match blocked.split_once(':') {
                Some((party, text)) => (party, Some(text.to_owned())),
                None => (blocked.as_str(), None),
            };
            state.blocked_by = Some(party.parse()?);
            state.blocked_text = text;
        }
        for (field, value) in [
            (&mut state.owner, &self.owner),
            (&mut state.due, &self.due),
            (&mut state.note, &self.note),
        ] {
            if let Some(value) = value {
                *field = Some(value.clone());
            }
        }
        Ok(state)
    }
}

/// Parses a calendar date between the years 2000 and 2100, written `YYYY-MM-DD` (as stored) or
/// the German way, `TT.MM.JJJJ` (day and month may have one digit).
pub fn parse_date(field: &'static str, label: &str, value: &str) -> Result<NaiveDate> {
    let bad = |why: &str| {
        Error::validation(field, format!("{label} {}: {why}", text::quote_for_message(value)))
    };
    let digits = |s: &str, len: std::ops::RangeInclusive<usize>| {
        len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    let iso: Vec<&str> = value.split('-').collect();
    let german: Vec<&str> = value.split('.').collect();
    let (y, m, d) = match (iso.as_slice(), german.as_slice()) {
        ([y, m, d], _) if digits(y, 4..=4) && digits(m, 2..=2) && digits(d, 2..=2) => (*y, *m, *d),
        (_, [d, m, y]) if digits(d, 1..=2) && digits(m, 1..=2) && digits(y, 4..=4) => (*y, *m, *d),
        _ => return Err(bad("erwartet wird ein Datum im Format TT.MM.JJJJ, z. B. 31.03.2027.")),
    };
    let number = |s: &str| s.parse::<u32>().unwrap_or(0);
    let date = NaiveDate::from_ymd_opt(number(y) as i32, number(m), number(d))
        .ok_or_else(|| bad("diesen Tag gibt es nicht."))?;
    let year = chrono::Datelike::year(&date);
    if !(2000..=2100).contains(&year) {
        return Err(bad("das Jahr muss zwischen 2000 und 2100 liegen."));
    }
    Ok(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_keys_round_trip_and_unknown_is_named() {
        for status in Status::ALL {
            assert_eq!(status.key().parse::<Status>().unwrap(), status);
            let json = serde_json::to_string(&status).unwrap();
            assert_eq!(json, format!("\"{}\"", status.key()));
        }
        let err = "fertig".parse::<Status>().unwrap_err();
        assert!(err.to_string().contains("„fertig“"), "{err}");
        assert!(err.to_string().contains("extern_blockiert"));
    }

    #[test]
    fn party_keys_and_labels_round_trip() {
        let mut labels = std::collections::HashSet::new();
        for party in BlockingParty::ALL {
            assert_eq!(party.key().parse::<BlockingParty>().unwrap(), party);
            assert_eq!(serde_json::to_string(&party).unwrap(), format!("\"{}\"", party.key()));
            assert!(labels.insert(party.label()), "{}", party.label());
        }
        assert_eq!(
            " IT_Dienstleister ".parse::<BlockingParty>().unwrap(),
            BlockingParty::ItDienstleister
        );
        assert_eq!(BlockingParty::Gremium.label(), "Rat / Gremium");
        let err = "kreistag".parse::<BlockingParty>().unwrap_err();
        assert!(err.to_string().contains("it_dienstleister, gremium"), "{err}");
    }

    #[test]
    fn new_parties_need_no_text() {
        for party in [BlockingParty::ItDienstleister, BlockingParty::Gremium] {
            let state = ItemState {
                status: Status::ExternBlockiert,
                blocked_by: Some(party),
                ..Default::default()
            };
            assert_eq!(state.validate().unwrap().blocked_by, Some(party));
        }
        let patch = ItemPatch {
            status: Some(Status::ExternBlockiert),
            blocked_by: Some("it_dienstleister:Rechenzentrum stellt erst im Mai um".into()),
            ..Default::default()
        };
        let progress = patch.apply(&ItemProgress::default()).unwrap().validate().unwrap();
        assert_eq!(progress.blocked_by, Some(BlockingParty::ItDienstleister));
        assert_eq!(progress.blocked_text.as_deref(), Some("Rechenzentrum stellt erst im Mai um"));
        let patch = ItemPatch { blocked_by: Some("gremium".into()), ..patch };
        assert_eq!(patch.apply(&progress).unwrap().blocked_by, Some(BlockingParty::Gremium));
    }

    #[test]
    fn blocked_needs_a_party_and_only_blocked_has_one() {
        let blocked = ItemState { status: Status::ExternBlockiert, ..Default::default() };
        assert_eq!(blocked.validate().unwrap_err().field(), Some("blocked_by"));

        let other = ItemState {
            status: Status::InArbeit,
            blocked_by: Some(BlockingParty::Land),
            ..Default::default()
        };
        assert_eq!(other.validate().unwrap_err().field(), Some("blocked_by"));

        let sonstige = ItemState {
            status: Status::ExternBlockiert,
            blocked_by: Some(BlockingParty::Sonstige),
            ..Default::default()
        };
        assert_eq!(sonstige.validate().unwrap_err().field(), Some("blocked_text"));

        let ok = ItemState {
            status: Status::ExternBlockiert,
            blocked_by: Some(BlockingParty::Hersteller),
            blocked_text: Some("Schnittstelle erst 2027".into()),
            ..Default::default()
        };
        assert_eq!(ok.validate().unwrap().blocked_by, Some(BlockingParty::Hersteller));
    }

    #[test]
    fn dates_are_strict_and_read_the_german_way_too() {
        let day = |s: &str| Some(s.parse::<NaiveDate>().unwrap());
        let cases = [
            ("2027-03-31", day("2027-03-31")),
            ("2027-02-29", None),
            ("2028-02-29", day("2028-02-29")),
            ("31.03.2027", day("2027-03-31")),
            ("1.3.2027", day("2027-03-01")),
            ("31.02.2027", None),
            ("31.03.27", None),
            ("31.03-2027", None),
            ("2027-3-31", None),
            ("1999-12-31", None),
            ("2027-03-31T00:00", None),
            ("+2027-03-3", None),
            ("", None),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_date("due", "Fälligkeitsdatum", input).ok(), expected, "{input}");
        }
        let err = parse_date("due", "Fälligkeitsdatum", "31.02.2027").unwrap_err();
        assert!(err.to_string().contains("„31.02.2027“: diesen Tag gibt es nicht."), "{err}");
        let err = parse_date("due", "Fälligkeitsdatum", "März 2027").unwrap_err();
        assert!(err.to_string().contains("im Format TT.MM.JJJJ"), "{err}");
    }

    #[test]
    fn patch_changes_only_named_fields() {
        let current = ItemProgress {
            status: Status::ExternBlockiert,
            blocked_by: Some(BlockingParty::Fitko),
            owner: Some("Herr Beck".into()),
            note: Some("wartet".into()),
            ..Default::default()
        };
        let patch = ItemPatch { status: Some(Status::InArbeit), ..Default::default() };
        let state = patch.apply(&current).unwrap();
        assert_eq!(state.status, Status::InArbeit);
        assert_eq!(state.blocked_by, None);
        assert_eq!(state.owner.as_deref(), Some("Herr Beck"));

        let patch = ItemPatch {
            status: Some(Status::ExternBlockiert),
            blocked_by: Some("sonstige:Kreistag tagt erst im März".into()),
            owner: Some(String::new()),
            ..Default::default()
        };
        let progress = patch.apply(&current).unwrap().validate().unwrap();
        assert_eq!(progress.blocked_by, Some(BlockingParty::Sonstige));
        assert_eq!(progress.blocked_text.as_deref(), Some("Kreistag tagt erst im März"));
        assert_eq!(progress.owner, None);
        assert_eq!(progress.note.as_deref(), Some("wartet"));
    }
}
