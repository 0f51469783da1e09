//! German formatting of dates, amounts and percentages for the report (and the aggregate CSV).

use chrono::NaiveDate;

/// No-break space: keeps "25 %" and "3.000,00 €" together.
pub const NBSP: char = '\u{00A0}';

/// `28.11.2026`.
pub fn date(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// A `YYYY-MM-DD` text as `DD.MM.YYYY` (left as it is if it is no such date).
pub fn date_text(s: &str) -> String {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map(date).unwrap_or_else(|_| s.to_owned())
}

/// `25 %`, or `–` when there is nothing to count.
pub fn percent(p: Option<u8>) -> String {
    match p {
        Some(p) => format!("{p}{NBSP}%"),
        None => "–".to_owned(),
    }
}

/// Euro cents as `3.000,00 €`.
pub fn euro(cents: u64) -> String {
    let grouped = crate::package::manifest::group_thousands(cents / 100);
    format!("{grouped},{:02}{NBSP}€", cents % 100)
}

/// `12.500`.
pub fn thousands(n: u32) -> String {
    crate::package::manifest::group_thousands(n)
}

/// How far a due date is from the report date: "seit 3 Tagen", "heute", "in 12 Tagen".
pub fn days(days: i64) -> String {
    match days {
        0 => "heute".to_owned(),
        1 => "morgen".to_owned(),
        -1 => "seit 1 Tag".to_owned(),
        d if d < 0 => format!("seit {} Tagen", -d),
        d => format!("in {d} Tagen"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_formats() {
        assert_eq!(date("2026-11-28".parse().unwrap()), "28.11.2026");
        assert_eq!(date_text("2027-03-31"), "31.03.2027");
        assert_eq!(date_text("bald"), "bald");
        assert_eq!(percent(Some(25)), "25\u{a0}%");
        assert_eq!(percent(None), "–");
        assert_eq!(euro(300_000), "3.000,00\u{a0}€");
        assert_eq!(euro(1_200_050), "12.000,50\u{a0}€");
        assert_eq!(euro(99), "0,99\u{a0}€");
        assert_eq!(days(-3), "seit 3 Tagen");
        assert_eq!(days(-1), "seit 1 Tag");
        assert_eq!(days(0), "heute");
        assert_eq!(days(12), "in 12 Tagen");
    }
}
