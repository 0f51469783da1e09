//! Properties that must hold for every input, checked with generated inputs (proptest): the
//! readiness formula, the report's text wrapping and page layout, and validators of clerk input
//! that must answer every string with a value or a German error, never a panic.

use anbindungscheck::catalogue::{Actor, Catalogue};
use anbindungscheck::profile::ProfileInput;
use anbindungscheck::progress::{ItemProgress, ItemState, Status};
use anbindungscheck::readiness::status_report;
use anbindungscheck::report::fonts::{Face, Fonts};
use anbindungscheck::report::wrap::wrap;
use anbindungscheck::service_state::{ConnectionData, ServiceState};
use anbindungscheck::store::Store;
use proptest::prelude::*;
use std::collections::HashMap;

fn status() -> impl Strategy<Value = Status> {
    prop::sample::select(Status::ALL.to_vec())
}

/// Text the report font can draw: letters with umlauts, digits, punctuation, spaces, line
/// breaks, and long unbroken runs (IDs, URLs, hashes).
fn drawable_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            "[A-Za-zÄÖÜäöüß]{1,12}",
            "[0-9]{1,6}",
            Just(" ".to_owned()),
            Just("\n".to_owned()),
            Just("-".to_owned()),
            Just("/".to_owned()),
            "[a-f0-9]{20,64}",
            Just("https://www.pvog.de/leistung/99123456789".to_owned()),
            Just("Verwaltungsvereinbarungsentwurfsfassung".to_owned()),
        ],
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

    /// Readiness is ⌊done × 100 / applicable⌋ over the municipality's applicable items, and
    /// finishing one more item never lowers it.
    #[test]
    fn readiness_follows_the_formula_and_is_monotone(
        statuses in prop::collection::vec(status(), 64),
        finish in 0usize..64,
    ) {
        let catalogue = Catalogue::builtin();
        prop_assert!(statuses.len() >= catalogue.items.len(), "a status for every item");
        let progress: HashMap<String, ItemProgress> = catalogue
            .items
            .iter()
            .zip(&statuses)
            .map(|(i, &status)| (i.id.clone(), ItemProgress { status, ..Default::default() }))
            .collect();
        let today = "2027-01-01".parse().unwrap();
        let report = status_report(catalogue, &progress, None, today, vec![], vec![]);
        let own = |s: Status| catalogue.items.iter().zip(&statuses)
            .filter(|(i, st)| i.actor == Actor::Kommune && **st == s).count() as u32;
        let applicable = catalogue.items.iter().zip(&statuses)
            .filter(|(i, st)| i.actor == Actor::Kommune && **st != Status::NichtZutreffend)
            .count() as u32;
        let done = own(Status::Erledigt);
        prop_assert_eq!(report.overall.done, done);
        prop_assert_eq!(report.overall.applicable, applicable);
        let expected = (applicable > 0).then(|| (done * 100 / applicable) as u8);
        prop_assert_eq!(report.overall.percent.map(u32::from), expected.map(u32::from));
        let dim_done: u32 = report.dimensions.iter().map(|d| d.score.done).sum();
        prop_assert_eq!(dim_done, done, "dimensions partition the items");

        let item = &catalogue.items[finish % catalogue.items.len()];
        let mut more = progress.clone();
        if item.actor == Actor::Kommune && more[&item.id].status != Status::NichtZutreffend {
            more.get_mut(&item.id).unwrap().status = Status::Erledigt;
            let after = status_report(catalogue, &more, None, today, vec![], vec![]);
            prop_assert!(after.overall.percent >= report.overall.percent);
        }
    }

    /// Wrapped lines fit the width, and no character is lost or invented: joining the lines
    /// gives back the text's characters (a word cut in two reappears as its pieces).
    #[test]
    fn wrapped_lines_fit_and_keep_every_character(
        text in drawable_text(),
        width in 20.0f32..400.0,
        size in 6.0f32..14.0,
    ) {
        let face = Fonts::get().face(Face::Regular);
        let lines = wrap(face, &text, size, width).unwrap();
        for line in &lines {
            let w = face.width(line, size).unwrap();
            // A single character wider than the line is the one thing that may overflow.
            prop_assert!(w <= width + 0.01 || line.chars().count() == 1, "{line:?} is {w} > {width}");
        }
        // A word cut between letters gets a hyphen at the cut: hyphens are left out here.
        let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace() && *c != '-').collect::<String>();
        prop_assert_eq!(squash(&lines.concat()), squash(&text));
    }

    /// Clerk input of any shape gets a value or a validation error naming a field.
    #[test]
    fn validators_never_panic(s in "\\PC{0,80}", t in any::<String>()) {
        let profile = ProfileInput {
            name: s.clone(),
            ags: t.clone(),
            coordinator_email: Some(t.clone()),
            coordinator_phone: Some(s.clone()),
            ..Default::default()
        };
        if let Err(e) = profile.validate() { prop_assert!(e.field().is_some()) }
        let state = ItemState { owner: Some(s.clone()), due: Some(t.clone()), note: Some(t.clone()), ..Default::default() };
        if let Err(e) = state.validate() { prop_assert!(e.field().is_some()) }
        let service = ServiceState {
            connection: ConnectionData {
                ou_id: Some(s.clone()),
                pvog_url: Some(t.clone()),
                dvdv_key: Some(s.clone()),
                fit_connect_destination: Some(t.clone()),
                transport_route: None,
            },
            certificate_expires: Some(s.clone()),
            ..Default::default()
        };
        if let Err(e) = service.validate() { prop_assert!(e.field().is_some()) }
        let _ = anbindungscheck::evidence::check(&s, t.as_bytes());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, failure_persistence: None, ..ProptestConfig::default() })]

    /// Any checklist state with any drawable notes lays out into pages, and the PDF carries
    /// exactly the data it shows.
    #[test]
    fn any_checklist_lays_out_and_carries_its_data(
        statuses in prop::collection::vec(status(), 30),
        notes in prop::collection::vec(prop::option::of(drawable_text()), 30),
    ) {
        let mut store = Store::open_in_memory().unwrap();
        store.set_profile(&ProfileInput {
            name: "Gemeinde Musterstadt".into(),
            ags: "09162000".into(),
            ..Default::default()
        }).unwrap();
        let ids: Vec<String> = store.catalogue().unwrap().items.iter().map(|i| i.id.clone()).collect();
        for ((id, status), note) in ids.iter().zip(statuses).zip(notes) {
            let state = ItemState {
                status,
                blocked_by: (status == Status::ExternBlockiert)
                    .then_some(anbindungscheck::progress::BlockingParty::Land),
                note,
                ..Default::default()
            };
            store.set_item(id, &state).unwrap();
        }
        let data = anbindungscheck::api::reports::gather(&store, "2027-01-01".parse().unwrap(), None).unwrap();
        let rendered = anbindungscheck::report::render(&data).unwrap();
        prop_assert!(rendered.pages >= 2);
        let back = anbindungscheck::report::read::read_bytes(&rendered.bytes).unwrap();
        prop_assert!(back == data, "the embedded JSON differs from the data laid out");
    }
}
