//! Start-up benchmark of the desktop app: time from starting it to an interactive dashboard (the
//! readiness figure is shown), and the memory of all its processes (the app and the WebKit
//! processes it starts) once it is idle. Run by `bench/app.sh` under Xvfb against the release
//! build (`ANBINDUNGSCHECK_APP`).
//!
//! The start is measured twice: through WebKitWebDriver (includes the driver's session set-up),
//! and without it, with the app's start-up probe (`ANBINDUNGSCHECK_STARTUP_PROBE`): the UI reports
//! when the dashboard has painted its readiness figure, the app prints the time since its `main`
//! started and exits. For the probe, the time from spawning the process to that line is counted.

use anbindungscheck_e2e::Driver;
use fantoccini::Locator;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const RUNS: usize = 10;

/// Proportional memory (PSS: shared pages divided among the processes sharing them, so shared
/// libraries are not counted once per process) of `pid` and all its descendants, in KiB.
fn tree_pss_kib(pid: u32) -> u64 {
    let mut parents = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(p) = entry.file_name().to_string_lossy().parse::<u32>() else { continue };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{p}/stat")) else { continue };
        // The command may contain spaces; the fields after its closing parenthesis do not.
        let after = &stat[stat.rfind(')').unwrap_or(0) + 2..];
        let ppid = after.split(' ').nth(1).and_then(|s| s.parse::<u32>().ok()).unwrap_or(0);
        parents.push((p, ppid));
    }
    let mut tree = vec![pid];
    let mut i = 0;
    while i < tree.len() {
        let parent = tree[i];
        tree.extend(parents.iter().filter(|(_, pp)| *pp == parent).map(|(p, _)| *p));
        i += 1;
    }
    tree.iter()
        .filter_map(|p| std::fs::read_to_string(format!("/proc/{p}/smaps_rollup")).ok())
        .filter_map(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("Pss:"))
                .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse::<u64>().ok())
        })
        .sum()
}

/// The newest process running the app binary.
fn app_pid() -> Option<u32> {
    let binary = anbindungscheck_e2e::app_binary();
    let out = std::process::Command::new("pgrep")
        .args(["-n", "-f", &binary.to_string_lossy()])
        .output()
        .ok()?;
    String::from_utf8_lossy(&out.stdout).trim().parse().ok()
}

/// The app's figures from the probe's line (see `src-tauri/src/probe.rs`).
const FIGURES: [&str; 5] = ["startup_probe_ms", "setup_ms", "page_ms", "loaded_ms", "isolation_ms"];

/// One start with the probe: spawn to the probe's line, and the app's figures.
fn probe_start(db: &Path) -> (Duration, [f64; 5]) {
    let started = Instant::now();
    let mut child = Command::new(anbindungscheck_e2e::app_binary())
        .env("ANBINDUNGSCHECK_STARTUP_PROBE", "1")
        .env("ANBINDUNGSCHECK_DB", db)
        .env("ANBINDUNGSCHECK_WORKSPACE", "kommune")
        // As in the WebDriver runs (tests/e2e/src/lib.rs).
        .env("WEBKIT_DISABLE_DMABUF_RENDERER", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the app starts");
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if line.starts_with("startup_probe_ms=") {
                let at = Instant::now();
                let field = |key: &str| {
                    line.split(' ')
                        .find_map(|kv| kv.strip_prefix(key)?.strip_prefix('='))
                        .and_then(|v| v.parse::<f64>().ok())
                        .unwrap_or(f64::NAN)
                };
                let _ = tx.send((at, FIGURES.map(field)));
            }
        }
    });
    let reported = rx.recv_timeout(Duration::from_secs(30));
    if reported.is_err() {
        let _ = child.kill();
    }
    let status = child.wait().unwrap();
    let (at, in_app) = reported
        .unwrap_or_else(|_| panic!("the app ({status}) did not report its start within 30 s"));
    (at - started, in_app)
}

fn summary(what: &str, mut times: Vec<f64>) {
    times.sort_by(f64::total_cmp);
    println!(
        "{what}: median {:.0} ms, min {:.0} ms, max {:.0} ms ({} runs)",
        times[times.len() / 2],
        times[0],
        times[times.len() - 1],
        times.len()
    );
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kommune.sqlite");
    let mut times = Vec::new();
    let mut memory = Vec::new();
    for run in 0..RUNS {
        let driver = Driver::start(&db);
        let started = Instant::now();
        let app = driver.launch().await;
        app.find(Locator::Css("[data-testid='overall-percent']")).await;
        let elapsed = started.elapsed();
        // The first run creates the database; it is reported but not counted.
        if run > 0 {
            times.push(elapsed);
        }
        if run == RUNS - 1 {
            tokio::time::sleep(Duration::from_secs(3)).await;
            if let Some(pid) = app_pid() {
                memory.push(tree_pss_kib(pid));
            }
        }
        app.close().await;
    }
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    summary(
        "start to interactive dashboard, through WebDriver",
        times.into_iter().map(ms).collect(),
    );

    // The same database, now created: one start to warm the caches, then the counted ones.
    probe_start(&db);
    let runs: Vec<(Duration, [f64; 5])> = (0..RUNS).map(|_| probe_start(&db)).collect();
    summary(
        "start to interactive dashboard, probe without WebDriver (spawn to painted)",
        runs.iter().map(|r| ms(r.0)).collect(),
    );
    let figure = |i: usize| runs.iter().map(|r| r.1[i]).collect::<Vec<f64>>();
    summary("  app: main to painted", figure(0));
    summary("  app: setup hook (opening the database)", figure(1));
    summary("  page: navigation start to painted", figure(2));
    summary("  page: navigation start to document loaded", figure(3));
    summary("  page: navigation start to isolation frame ready", figure(4));
    match memory.first() {
        Some(kib) => {
            println!("idle memory, app and WebKit processes: {:.1} MiB PSS", *kib as f64 / 1024.0)
        }
        None => println!("idle memory: app process not found"),
    }
}
