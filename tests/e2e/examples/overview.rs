//! The Land's Kommunen view at scale: time from clicking "Kommunen" in the navigation to the
//! table's first 200 rows painted, with the Land database `LAND_DB` (bench/inbox.sh fills it
//! with 2,100 reports). For comparison, in the same session, the switch to the Profil view (a
//! form with nothing to compute: the floor of any view change). Run under Xvfb against the
//! release build (`ANBINDUNGSCHECK_APP`).

use anbindungscheck_e2e::Driver;
use std::path::PathBuf;

const RUNS: usize = 7;

/// Clicks the navigation link `view` and answers the milliseconds until `selector` matches at
/// least `count` elements and the next frame is painted.
const SWITCH: &str = r#"
const [view, selector, count, done] = arguments;
const link = [...document.querySelectorAll('nav a')].find((a) => a.textContent.trim() === view);
const started = performance.now();
link.click();
(function check() {
  if (document.querySelectorAll(selector).length >= count) {
    requestAnimationFrame(() => setTimeout(() => done(performance.now() - started), 0));
  } else {
    setTimeout(check, 1);
  }
})();
"#;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

#[tokio::main]
async fn main() {
    let db = PathBuf::from(std::env::var_os("LAND_DB").expect("LAND_DB: a Land database"));
    let driver = Driver::start_in(&db, Some("land"));
    let app = driver.launch().await;
    let switch = |view: &'static str, selector: &'static str, count: u32| {
        let client = app.client.clone();
        async move {
            let args = vec![view.into(), selector.into(), count.into()];
            client.execute_async(SWITCH, args).await.unwrap().as_f64().unwrap()
        }
    };
    // Warm-up: the first visit loads the view's code.
    switch("Kommunen", "[data-testid=mu-table] tbody tr", 200).await;
    let (mut kommunen, mut profil) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        profil.push(switch("Profil", "#view-title", 1).await);
        kommunen.push(switch("Kommunen", "[data-testid=mu-table] tbody tr", 200).await);
    }
    let rows = app
        .client
        .execute(
            "return document.querySelector('[data-testid=mu-count]')?.textContent ?? ''",
            vec![],
        )
        .await
        .unwrap();
    let (k, p) = (median(kommunen.clone()), median(profil.clone()));
    println!("Kommunen view ({}): {}", rows.as_str().unwrap_or("").trim(), figures(&kommunen));
    println!("Profil view (the floor of a view change): {}", figures(&profil));
    println!("ratio Kommunen / Profil (medians): {:.1}x; Kommunen interactive in {k:.0} ms", k / p);
    app.close().await;
}

fn figures(v: &[f64]) -> String {
    let min = v.iter().copied().fold(f64::INFINITY, f64::min);
    let max = v.iter().copied().fold(0.0, f64::max);
    format!("median {:.0} ms, min {min:.0}, max {max:.0} (n = {})", median(v.to_vec()), v.len())
}
