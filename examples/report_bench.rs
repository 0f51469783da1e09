//! Benchmark of the readiness report (run by bench/report.sh; not part of the app).
//!
//! Sets up a realistic municipality in a temporary database (40 checklist items with owners,
//! due dates and notes, a package with 5 services, decisions), then
//! - times gathering + rendering in-process, N times, and prints ms per report,
//! - writes one sample PDF and the same content as HTML (for the Chromium comparison in the
//!   script; the HTML is only for that comparison),
//! - writes M reports of different municipalities and times their aggregation (with N = 0
//!   only writes them, for bench/inbox.sh).
//!
//! `cargo run --release --example report_bench -- OUT_DIR [N] [M]`

use anbindungscheck::installed::{Decision, ServiceDecision};
use anbindungscheck::package::{build, signing};
use anbindungscheck::progress::{BlockingParty, ItemState, Status};
use anbindungscheck::report::{self, aggregate, format, ReportData};
use anbindungscheck::{profile::ProfileInput, store::Store};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::time::Instant;

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/paket-vergabe");

fn main() {
    let mut args = std::env::args().skip(1);
    let out = PathBuf::from(args.next().expect("usage: report_bench OUT_DIR [N] [M]"));
    let n: usize = args.next().map(|a| a.parse().expect("N")).unwrap_or(50);
    let m: usize = args.next().map(|a| a.parse().expect("M")).unwrap_or(1000);
    std::fs::create_dir_all(&out).unwrap();
    let work = tempfile::tempdir().unwrap();
    let store = setup(work.path());
    let date = "2026-11-28".parse().unwrap();

    // Warm-up (font parsing happens once per process), then N timed runs.
    let data = anbindungscheck::api::reports::gather(&store, date, None).unwrap();
    let first = report::render(&data).unwrap();
    std::fs::write(out.join("bench-report.pdf"), &first.bytes).unwrap();
    std::fs::write(out.join("bench-report.html"), html(&data)).unwrap();
    if n > 0 {
        let mut times = Vec::with_capacity(n);
        for _ in 0..n {
            let t = Instant::now();
            let data = anbindungscheck::api::reports::gather(&store, date, None).unwrap();
            let rendered = report::render(&data).unwrap();
            std::hint::black_box(&rendered.bytes);
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        let mean = times.iter().sum::<f64>() / n as f64;
        println!(
            "report: {} items, {} services, {} pages, {} bytes",
            data.item_count(),
            data.services.len(),
            first.pages,
            first.bytes.len()
        );
        println!(
            "in-process gather+render: mean {mean:.1} ms, median {:.1} ms, min {:.1} ms, max {:.1} ms (n = {n})",
            times[n / 2],
            times[0],
            times[n - 1]
        );
    }

    // M reports of different municipalities (of one Land, AGS 03241001 onwards), written by
    // both cores; then, unless N is 0 (only the reports wanted), aggregated.
    let dir = out.join("reports");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let t = Instant::now();
    let threads = std::thread::available_parallelism().map_or(1, |p| p.get());
    std::thread::scope(|scope| {
        for part in 0..threads {
            let (data, dir) = (&data, &dir);
            scope.spawn(move || {
                for i in (part..m).step_by(threads) {
                    let mut d = data.clone();
                    let ags = format!("03{:06}", 241_001 + i);
                    d.municipality.ags = ags.clone();
                    d.municipality.name = format!("Gemeinde Nummer {i}");
                    d.report_id = format!("BB-{ags}-20261128-{:06x}", i);
                    let rendered = report::render(&d).unwrap();
                    std::fs::write(dir.join(format!("bericht-{i:05}.pdf")), rendered.bytes)
                        .unwrap();
                }
            });
        }
    });
    println!("wrote {m} reports in {:.1} s", t.elapsed().as_secs_f64());
    if n == 0 {
        return;
    }
    let t = Instant::now();
    let result = aggregate::aggregate(std::slice::from_ref(&dir), false);
    let csv = aggregate::to_csv(&result.rows);
    let secs = t.elapsed().as_secs_f64();
    assert_eq!(result.reports, m);
    println!(
        "in-process aggregate of {m} reports: {secs:.2} s ({:.2} ms per report), {} rows, {} bytes CSV",
        secs * 1000.0 / m as f64,
        result.rows.len(),
        csv.len()
    );
}

/// A municipality with 40 items, a package of 5 services and decisions.
fn setup(dir: &Path) -> Store {
    let mut manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(format!("{EXAMPLE}/manifest.json")).unwrap())
            .unwrap();
    let services = manifest["services"].as_array_mut().unwrap();
    for (id, name, leika, ozg) in [
        ("vergabeakte", "Elektronische Vergabeakte", "99001004000000", "10250"),
        ("nachpruefung", "Nachprüfungsverfahren", "99001005000000", "10251"),
    ] {
        services.push(json!({
            "id": id, "name": name, "leika": [leika], "ozg_id": ozg,
            "vollzug": "Kommune (Vergabestelle)",
            "fit_store_contract": "in_vorbereitung", "reuse_model_status": "offen"
        }));
    }
    let additions = manifest["checklist"]["additions"].as_array_mut().unwrap();
    for i in 0..8 {
        let point = ["1.4", "2.O1", "2.T2", "3.1"][i % 4];
        let dimension =
            ["organisatorisch", "organisatorisch", "technisch", "organisatorisch"][i % 4];
        additions.push(json!({
            "id": format!("ni-zusatz-{i}"),
            "point": point,
            "dimension": dimension,
            "actor": "kommune",
            "title": format!("Zusatzaufgabe {i}: Testfall für die Anbindung dokumentieren"),
            "explanation": "Beschreibung der Zusatzaufgabe.",
        }));
    }
    let key = ed25519_dalek::SigningKey::from_bytes(&[9; 32]);
    let pkg = dir.join("paket.zip");
    let json = manifest.to_string();
    let catalogue = anbindungscheck::catalogue::Catalogue::builtin();
    build::build_from(Path::new(EXAMPLE), &json, &key, &pkg, catalogue).unwrap();

    let mut store = Store::open(&dir.join("kommune.sqlite")).unwrap();
    store
        .set_profile(&ProfileInput {
            name: "Samtgemeinde Musterstadt-Süd".into(),
            ags: "03241001".into(),
            kind: None,
            population: Some(12_500),
            coordinator_name: Some("Petra Öztürk".into()),
            coordinator_email: Some("ozg@musterstadt.example".into()),
            coordinator_phone: None,
        })
        .unwrap();
    anbindungscheck::api::packages::import_file(
        &mut store,
        &pkg,
        Some(&signing::fingerprint(&key.verifying_key())),
        &mut |_| {},
    )
    .unwrap();
    let ids: Vec<String> = store.catalogue().unwrap().items.iter().map(|i| i.id.clone()).collect();
    for (n, id) in ids.iter().enumerate() {
        let status = [Status::Erledigt, Status::InArbeit, Status::Offen, Status::Erledigt][n % 4];
        let blocked = n % 13 == 5;
        store
            .set_item(
                id,
                &ItemState {
                    status: if blocked { Status::ExternBlockiert } else { status },
                    blocked_by: blocked.then_some(BlockingParty::Hersteller),
                    blocked_text: blocked.then(|| "Schnittstelle erst ab Version 8.2".into()),
                    owner: Some(
                        ["Kämmerei", "IT-Abteilung", "Hauptamt", "Vergabestelle"][n % 4].into(),
                    ),
                    due: (n % 3 == 0).then(|| format!("2026-12-{:02}", 1 + n % 28)),
                    note: (n % 2 == 0).then(|| {
                        format!(
                            "Notiz zu Aufgabe {n}: Abstimmung mit der Kämmerei über einmalig \
                             3.000 € und jährlich 1.200 €; Rückmeldung „bis Monatsende“."
                        )
                    }),
                },
            )
            .unwrap();
    }
    let decisions = [Decision::Ja, Decision::Nein, Decision::Offen, Decision::Ja, Decision::Offen];
    let package = "ni-vergabe-kommunen";
    let services: Vec<String> =
        store.packages().unwrap()[0].manifest.services.iter().map(|s| s.id.clone()).collect();
    for (service, decision) in services.iter().zip(decisions) {
        let reason =
            (decision != Decision::Offen).then(|| "Beschluss des Verwaltungsvorstands".into());
        store
            .set_service_decision(package, service, &ServiceDecision { decision, reason })
            .unwrap();
    }
    store
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The same content as HTML, for the Chromium comparison only.
fn html(d: &ReportData) -> String {
    let mut h = String::from(
        "<!doctype html><html lang=de><meta charset=utf-8><title>Sachstandsbericht</title>\
         <style>@page{size:A4;margin:20mm}body{font:10pt 'DejaVu Sans',sans-serif;color:#1c1f24}\
         h1{font-size:22pt;margin:0}h2{font-size:13pt;color:#21527a;border-bottom:1px solid #b3b8bf}\
         table{width:100%;border-collapse:collapse;font-size:8.5pt}th{background:#f1f2f5;text-align:left}\
         td,th{padding:4pt;border-bottom:.5pt solid #d6d9de;vertical-align:top}thead{display:table-header-group}\
         tr{break-inside:avoid}.bar{display:inline-block;width:130pt;height:8pt;background:#e3e8ed}\
         .fill{height:8pt;background:#21527a}.sig{break-inside:avoid}</style><body>",
    );
    let m = &d.municipality;
    h += &format!(
        "<p>Anbindungscheck · Anbindung von EfA-Onlinediensten</p><h1>Sachstandsbericht</h1>\
         <p style='font-size:14pt'>{}</p><p>AGS {} · {} · Einwohnerzahl {} · Berichtsdatum {} · {}</p>",
        esc(&m.name),
        m.ags,
        esc(&m.land),
        m.population.unwrap_or(0),
        format::date(d.report_date),
        esc(&d.report_id)
    );
    h += &format!(
        "<h2>Zusammenfassung</h2><p style='font-size:34pt;color:#21527a'><b>{}</b></p>",
        format::percent(d.readiness.overall.percent)
    );
    for dim in &d.readiness.dimensions {
        let p = dim.score.percent.unwrap_or(0);
        h += &format!(
            "<div>{} <span class=bar><div class=fill style='width:{p}%'></div></span> {}</div>",
            esc(&dim.label),
            format::percent(dim.score.percent)
        );
    }
    h += &format!("<p><b>{}</b></p>", esc(&d.verdict()));
    h += "<h2>Extern blockiert</h2><table><thead><tr><th>Aufgabe<th>Blockiert durch<th>Beschreibung</thead>";
    for b in &d.blockers {
        h += &format!(
            "<tr><td>{}<td>{}<td>{}",
            esc(&b.title),
            esc(&b.party_label),
            esc(b.text.as_deref().unwrap_or("–"))
        );
    }
    h += "</table><h2>Fristen</h2><table><thead><tr><th>Fällig<th>Aufgabe<th>Status<th>Verantwortlich</thead>";
    for i in d.overdue.iter().chain(&d.due_soon) {
        h += &format!(
            "<tr><td>{}<td>{}<td>{}<td>{}",
            format::date(i.due),
            esc(&i.title),
            esc(i.status_label.as_deref().unwrap_or(&i.kind_label)),
            esc(i.owner.as_deref().unwrap_or("–"))
        );
    }
    h += "</table><h2>Onlinedienste</h2><table><thead><tr><th>Onlinedienst<th>Bedarfsträger<th>Phase<th>Kosten</thead>";
    for s in &d.services {
        h += &format!(
            "<tr><td><b>{}</b><br>LeiKa {}<td>{}<br>{}<td>–<td>–",
            esc(&s.name),
            s.leika.join(", "),
            esc(&s.decision_label),
            esc(s.decision_reason.as_deref().unwrap_or(""))
        );
    }
    h += "</table><h2>Checkliste</h2>";
    for section in &d.checklist {
        h += &format!(
            "<h3>{} {}</h3><table><thead><tr><th>Nr.<th>Aufgabe<th>Status<th>Verantwortlich<th>Fällig<th>Notiz</thead>",
            esc(&section.id),
            esc(&section.title)
        );
        for i in &section.items {
            h += &format!(
                "<tr><td>{}<td>{}<td>{}<td>{}<td>{}<td>{}",
                esc(&i.point),
                esc(&i.title),
                esc(&i.status_label),
                esc(i.owner.as_deref().unwrap_or("–")),
                i.due.map(format::date).unwrap_or_else(|| "–".into()),
                esc(i.note.as_deref().unwrap_or(""))
            );
        }
        h += "</table>";
    }
    h += "<div class=sig><h2>Bestätigung</h2><p>Ort ______ Datum ______</p><p>Name ______ \
          Funktion ______</p><p>Unterschrift ____________</p></div></body></html>";
    h
}
