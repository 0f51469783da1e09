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

/// A local `YYYY-MM-DDTHH:MM` as `20.01.2027, 10:00 Uhr` (left as it is if it is no such time).
pub fn datetime_text(s: &str) -> String {
    chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
        .map(|t| format!("{}, {}{NBSP}Uhr", date(t.date()), t.format("%H:%M")))
        .unwrap_or_else(|_| s.to_owned())
}

/// `ja` or `nein`.
pub fn yes_no(b: bool) -> &'static str {
    if b {
        "ja"
    } else {
        "nein"
    }
}

/// A file size: `512 Bytes`, `245 KB`, `1,2 MB` (1 KB = 1024 bytes, rounded up).
pub fn size(bytes: u64) -> String {
    const KB: u64 = 1024;
    if bytes < KB {
        format!("{bytes}{NBSP}Bytes")
    } else if bytes < KB * KB {
        format!("{}{NBSP}KB", bytes.div_ceil(KB))
    } else {
        let tenths = bytes.saturating_mul(10).div_ceil(KB * KB);
        format!(
            "{},{}{NBSP}MB",
            crate::package::manifest::group_thousands(tenths / 10),
            tenths % 10
        )
    }
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
        assert_eq!(datetime_text("2027-01-20T09:30"), "20.01.2027, 09:30\u{a0}Uhr");
        assert_eq!(datetime_text("demnächst"), "demnächst");
        assert_eq!(size(512), "512\u{a0}Bytes");
        assert_eq!(size(250_000), "245\u{a0}KB");
        assert_eq!(size(1_200_000), "1,2\u{a0}MB");
        assert_eq!(size(25 * 1024 * 1024), "25,0\u{a0}MB");
    }
}
