//! The Land's follow-up list: the municipalities to contact, each with every reason — no report
//! at all, a stale report, an agreement or certificate that ends within the days asked for, a
//! blocker older than that — and the contact from its newest report; as CSV for a mail merge and
//! as one `mailto:` link.

use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;

use super::aggregate::csv_field;
use super::overview::LandOverview;

/// One municipality to contact.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct FollowUp {
    pub ags: String,
    pub name: String,
    /// Why, one sentence each.
    pub reasons: Vec<String>,
    #[cfg_attr(test, ts(type = "string | null"))]
    pub report_date: Option<NaiveDate>,
    pub contact_name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// The list, with the days it looks ahead and back.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct FollowUpList {
    pub days: u32,
    pub entries: Vec<FollowUp>,
    /// A `mailto:` link to every address on the list (blind copies), if there is one.
    pub mailto: Option<String>,
}

fn german(date: NaiveDate) -> String {
    date.format("%d.%m.%Y").to_string()
}

/// The municipalities of `overview` to follow up: without a report, with a stale report, with
/// an agreement or a certificate ending within `days`, or blocked for more than `days` (since the
/// day in `blocked_since`, the first report that showed the blocker).
pub fn follow_up(
    overview: &LandOverview,
    days: u32,
    blocked_since: &HashMap<String, NaiveDate>,
) -> FollowUpList {
    let today = overview.date;
    let horizon = i64::from(days);
    let mut entries = Vec::new();
    for row in &overview.rows {
        let mut reasons = Vec::new();
        match row.report_date {
            None => reasons.push("Noch kein Bericht eingegangen.".to_owned()),
            Some(date) if row.stale => {
                let age = (today - date).num_days();
                reasons.push(format!("Letzter Bericht vom {} ({age} Tage alt).", german(date)));
            }
            Some(_) => {}
        }
        for e in &row.expiries {
            let left = (e.date - today).num_days();
            if left < 0 {
                reasons.push(format!(
                    "{} für „{}“ ist am {} abgelaufen.",
                    e.what,
                    e.service,
                    german(e.date)
                ));
            } else if left <= horizon {
                reasons.push(format!(
                    "{} für „{}“ läuft am {} ab.",
                    e.what,
                    e.service,
                    german(e.date)
                ));
            }
        }
        if let Some(since) = blocked_since.get(&row.ags) {
            let blocked = (today - *since).num_days();
            if blocked > horizon {
                reasons.push(format!(
                    "Extern blockiert seit dem Bericht vom {} ({blocked} Tage).",
                    german(*since)
                ));
            }
        }
        if reasons.is_empty() {
            continue;
        }
        let contact = row.contact.as_ref();
        entries.push(FollowUp {
            ags: row.ags.clone(),
            name: row.name.clone(),
            reasons,
            report_date: row.report_date,
            contact_name: contact.map(|c| c.name.clone()),
            email: contact.and_then(|c| c.email.clone()),
            phone: contact.and_then(|c| c.phone.clone()),
        });
    }
    let mut addresses: Vec<&str> = entries.iter().filter_map(|e| e.email.as_deref()).collect();
    addresses.sort_unstable();
    addresses.dedup();
    let mailto = (!addresses.is_empty()).then(|| {
        let bcc: Vec<String> = addresses.iter().map(|a| percent(a)).collect();
        format!(
            "mailto:?bcc={}&subject={}",
            bcc.join(","),
            percent("Anbindung der EfA-Onlinedienste")
        )
    });
    FollowUpList { days, entries, mailto }
}

/// `text` percent-encoded for a `mailto:` link (RFC 6068): everything but unreserved characters.
fn percent(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'@' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The list as CSV for a mail merge in German spreadsheets: UTF-8 with BOM, `;`, CRLF, every
/// text cell safe against formulas.
pub fn to_csv(list: &FollowUpList) -> String {
    let mut out = String::from(
        "\u{feff}AGS;Kommune;Gründe;Letzter Bericht;Ansprechperson;E-Mail;Telefon\r\n",
    );
    for e in &list.entries {
        let fields = [
            e.ags.clone(),
            e.name.clone(),
            e.reasons.join(" "),
            e.report_date.map(german).unwrap_or_default(),
            e.contact_name.clone().unwrap_or_default(),
            e.email.clone().unwrap_or_default(),
            e.phone.clone().unwrap_or_default(),
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&line.join(";"));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inbox::Listed;
    use crate::report::overview::OverviewBuilder;

    #[test]
    fn municipalities_without_a_report_are_followed_up_and_addresses_are_encoded() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        let listed = Listed {
            ags: "03254001".into(),
            name: "=Alfeld".into(),
            kreis_ags: "03254".into(),
            kreis: None,
            population: None,
        };
        let overview = OverviewBuilder::new(day, 90, vec![listed]).finish();
        let list = follow_up(&overview, 30, &HashMap::new());
        assert_eq!(list.entries.len(), 1);
        assert_eq!(list.entries[0].reasons, ["Noch kein Bericht eingegangen."]);
        assert_eq!(list.mailto, None);
        let csv = to_csv(&list);
        assert!(csv.starts_with("\u{feff}AGS;Kommune;Gründe"), "{csv}");
        assert!(csv.contains("03254001;'=Alfeld;Noch kein Bericht eingegangen.;"), "{csv}");
        assert_eq!(percent("a b&c@x.de"), "a%20b%26c@x.de");
    }

    #[test]
    fn expiries_within_the_days_and_old_blockers_are_reasons() {
        use crate::report::overview::{Expiry, MunicipalContact};
        let day = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        let at = |d: u32| NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
        let listed = |ags: &str| Listed {
            ags: ags.into(),
            name: format!("Gemeinde {ags}"),
            kreis_ags: ags[..5].into(),
            kreis: None,
            population: None,
        };
        let mut overview =
            OverviewBuilder::new(day, 90, vec![listed("03254001"), listed("03254002")]).finish();
        for row in &mut overview.rows {
            row.report_date = Some(at(1));
            row.missing = false;
            row.contact = Some(MunicipalContact {
                name: "Anna Schmidt".into(),
                email: Some(format!("ozg@{}.example", row.ags)),
                phone: None,
            });
        }
        let expiry =
            |d| Expiry { service: "Präqualifizierung".into(), what: "Zertifikat".into(), date: d };
        overview.rows[0].expiries =
            vec![expiry(at(20)), expiry(NaiveDate::from_ymd_opt(2027, 6, 1).unwrap())];
        let blocked =
            HashMap::from([("03254002".to_owned(), NaiveDate::from_ymd_opt(2026, 9, 1).unwrap())]);
        let list = follow_up(&overview, 30, &blocked);
        let reasons: Vec<(&str, &[String])> =
            list.entries.iter().map(|e| (e.ags.as_str(), e.reasons.as_slice())).collect();
        assert_eq!(
            reasons,
            [
                (
                    "03254001",
                    &["Zertifikat für „Präqualifizierung“ läuft am 20.12.2026 ab.".to_owned()][..]
                ),
                (
                    "03254002",
                    &["Extern blockiert seit dem Bericht vom 01.09.2026 (96 Tage).".to_owned()][..]
                ),
            ]
        );
        assert_eq!(
            list.mailto.as_deref(),
            Some("mailto:?bcc=ozg@03254001.example,ozg@03254002.example&subject=Anbindung%20der%20EfA-Onlinedienste")
        );
        // Within the days, a blocker is no reason yet.
        assert_eq!(follow_up(&overview, 120, &blocked).entries.len(), 1);
    }
}
