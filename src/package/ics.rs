//! Information events as iCalendar (RFC 5545), for the clerk's calendar. Times are local times in
//! Europe/Berlin, with the time zone defined in the file; text is escaped and lines are folded at
//! 75 octets.

use chrono::{NaiveDateTime, Utc};

use crate::package::manifest::{parse_local_time, Event, Manifest};

/// The calendar with the given events of a package (all events if `only` is `None`).
pub fn calendar(manifest: &Manifest, only: Option<&str>) -> String {
    let stamp = Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//Anbindungscheck//Informationspaket//DE".to_owned(),
        "CALSCALE:GREGORIAN".to_owned(),
        "METHOD:PUBLISH".to_owned(),
    ];
    lines.extend(BERLIN.iter().map(|l| (*l).to_owned()));
    for event in manifest.events.iter().filter(|e| only.is_none_or(|id| e.id == id)) {
        lines.extend(vevent(manifest, event, &stamp));
    }
    lines.push("END:VCALENDAR".to_owned());
    let mut out = String::new();
    for line in lines {
        fold(&line, &mut out);
    }
    out
}

/// Europe/Berlin: CET/CEST with the EU rules (last Sunday of March and October).
const BERLIN: [&str; 16] = [
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Berlin",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
];

fn local(value: &str) -> String {
    // Validated on import; an unparsable value cannot reach here.
    parse_local_time("Zeit", value)
        .map(|t: NaiveDateTime| t.format("%Y%m%dT%H%M%S").to_string())
        .unwrap_or_default()
}

fn vevent(manifest: &Manifest, e: &Event, stamp: &str) -> Vec<String> {
    let mut lines = vec![
        "BEGIN:VEVENT".to_owned(),
        format!("UID:{}@{}.anbindungscheck", e.id, manifest.id),
        format!("DTSTAMP:{stamp}"),
        format!("DTSTART;TZID=Europe/Berlin:{}", local(&e.start)),
        format!("DTEND;TZID=Europe/Berlin:{}", local(&e.end)),
        format!("SUMMARY:{}", escape(&e.title)),
    ];
    let mut description = e.description.clone().unwrap_or_default();
    if let Some(deadline) = &e.registration_deadline {
        if !description.is_empty() {
            description.push_str("\n\n");
        }
        description.push_str(&format!("Anmeldung bis {deadline}."));
    }
    description.push_str(&format!(
        "\n\nAus dem Informationspaket „{}“ ({}).",
        manifest.title, manifest.land.name
    ));
    lines.push(format!("DESCRIPTION:{}", escape(description.trim_start())));
    match (&e.place, &e.online_url) {
        (Some(place), _) => lines.push(format!("LOCATION:{}", escape(place))),
        (None, Some(url)) => lines.push(format!("LOCATION:{}", escape(url))),
        (None, None) => {}
    }
    if let Some(url) = &e.online_url {
        lines.push(format!("URL:{}", escape(url)));
    }
    lines.push("END:VEVENT".to_owned());
    lines
}

/// Escapes TEXT values (RFC 5545 3.3.11).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends a content line, folded at 75 octets without splitting a UTF-8 character, with CRLF.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest() -> Manifest {
        let text = include_str!("../../examples/paket-vergabe/manifest.json");
        let mut m: Manifest = serde_json::from_str(text).unwrap();
        m.events[0].title = "Info; Termin, mit \\ Zeichen und einem sehr langen Titel, der gefaltet werden muss – äöü".into();
        m
    }

    #[test]
    fn calendar_is_rfc5545_shaped() {
        let ics = calendar(&manifest(), None);
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 2);
        assert!(ics.contains("DTSTART;TZID=Europe/Berlin:20270120T100000\r\n"));
        assert!(ics.contains("UID:info-2027-01@ni-vergabe-kommunen.anbindungscheck\r\n"));
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "line too long: {line}");
        }
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains("SUMMARY:Info\\; Termin\\, mit \\\\ Zeichen und einem sehr langen Titel\\, der gefaltet werden muss – äöü\r\n"));
        assert!(unfolded.contains("Anmeldung bis 2027-01-13."));
        assert!(!ics.contains("\n\n") && !ics.replace("\r\n", "").contains('\n'), "bare newlines");
    }

    #[test]
    fn one_event_only() {
        let ics = calendar(&manifest(), Some("workshop-technik-2027-02"));
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1);
        assert!(ics.replace("\r\n ", "").contains(
            "LOCATION:Landesstelle für digitale Verwaltung\\, Musterstraße 1\\, 30159 Hannover"
        ));
    }
}
