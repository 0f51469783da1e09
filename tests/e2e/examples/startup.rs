//! Start-up benchmark of the desktop app against its floor, an empty Tauri app with the same
//! tauri version, features, window, CSP and isolation pattern (`bench/baseline/`). Run by
//! `bench/app.sh` under Xvfb with the release builds (`ANBINDUNGSCHECK_APP`,
//! `ANBINDUNGSCHECK_BASELINE`).
//!
//! Both report through the start-up probe (`ANBINDUNGSCHECK_STARTUP_PROBE=stay`): once the page
//! has painted (the app: its dashboard with the readiness figure; the baseline: its one line), it
//! calls the probe command and the program prints the time since its `main` and the page's own
//! figures. The bench counts from spawning the process to that line, waits 3 s, takes the memory
//! of the program and every process it started (WebKit's), and ends them. The two programs are
//! started alternately (A B A B …) after one warm-up each, so that the machine's load affects
//! both alike.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const RUNS: usize = 12;

/// The figures of the probe's line (see `src-tauri/src/probe.rs`): since `main`, the probe's line
/// and the page's navigation start; on the page's clock, the other four.
const FIGURES: [&str; 7] =
    ["startup_probe_ms", "setup_ms", "nav_ms", "page_ms", "loaded_ms", "isolation_ms", "paint_ms"];
const MAIN_MS: usize = 0;
const SETUP_MS: usize = 1;
const NAV_MS: usize = 2;
const PAGE_MS: usize = 3;
const LOADED_MS: usize = 4;
const ISOLATION_MS: usize = 5;
const PAINT_MS: usize = 6;

/// `pid` and all its descendants.
fn process_tree(pid: u32) -> Vec<u32> {
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
    tree
}

/// Proportional memory (PSS: shared pages divided among the processes sharing them, so shared
/// libraries are not counted once per process) of `pids`, in KiB.
fn pss_kib(pids: &[u32]) -> u64 {
    pids.iter()
        .filter_map(|p| std::fs::read_to_string(format!("/proc/{p}/smaps_rollup")).ok())
        .filter_map(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("Pss:"))
                .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse::<u64>().ok())
        })
        .sum()
}

/// One start: spawn to the probe's line (ms), the program's figures, and the idle memory 3 s
/// later (MiB PSS).
struct Start {
    spawn_ms: f64,
    figures: [f64; 7],
    idle_mib: f64,
}

impl Start {
    /// Spawn to `main`: the line's time less the program's own count since `main`.
    fn to_main(&self) -> f64 {
        self.spawn_ms - self.figures[MAIN_MS]
    }

    /// Spawn to a time on the page's clock.
    fn to_page(&self, page_ms: f64) -> f64 {
        if page_ms < 0.0 {
            return f64::NAN;
        }
        self.to_main() + self.figures[NAV_MS] + page_ms
    }
}

fn start(binary: &Path, db: &Path) -> Start {
    let started = Instant::now();
    let mut child = Command::new(binary)
        .env("ANBINDUNGSCHECK_STARTUP_PROBE", "stay")
        .env("ANBINDUNGSCHECK_DB", db)
        .env("ANBINDUNGSCHECK_WORKSPACE", "kommune")
        // As in the WebDriver runs (tests/e2e/src/lib.rs).
        .env("WEBKIT_DISABLE_DMABUF_RENDERER", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the program starts");
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
    let idle_mib = match reported {
        Ok(_) => {
            std::thread::sleep(Duration::from_secs(3));
            pss_kib(&process_tree(child.id())) as f64 / 1024.0
        }
        Err(_) => f64::NAN,
    };
    for pid in process_tree(child.id()).iter().rev() {
        let _ = Command::new("kill").arg(pid.to_string()).status();
    }
    let status = child.wait().unwrap();
    let (at, figures) = reported.unwrap_or_else(|_| {
        panic!("{} ({status}) did not report its start within 30 s", binary.display())
    });
    Start { spawn_ms: (at - started).as_secs_f64() * 1000.0, figures, idle_mib }
}

/// Median, min and max.
fn stats(values: impl Iterator<Item = f64>) -> (f64, f64, f64) {
    let mut v: Vec<f64> = values.filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return (f64::NAN, f64::NAN, f64::NAN);
    }
    v.sort_by(f64::total_cmp);
    (v[v.len() / 2], v[0], v[v.len() - 1])
}

/// One line per measure: each program's median (min–max), and the ratio app / baseline of the
/// medians.
fn row(what: &str, unit: &str, app: &[Start], baseline: &[Start], measure: impl Fn(&Start) -> f64) {
    let (am, alo, ahi) = stats(app.iter().map(&measure));
    let mut line = format!("{what:<44} app {am:6.0} {unit} ({alo:.0}–{ahi:.0})");
    if !baseline.is_empty() {
        let (bm, blo, bhi) = stats(baseline.iter().map(&measure));
        line += &format!("   baseline {bm:6.0} {unit} ({blo:.0}–{bhi:.0})   ratio {:.2}", am / bm);
    }
    println!("{line}");
}

fn main() {
    let app = anbindungscheck_e2e::app_binary();
    let baseline = std::env::var_os("ANBINDUNGSCHECK_BASELINE").map(PathBuf::from);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kommune.sqlite");
    // Warm-up: the app's first start creates its database; both warm the file caches.
    start(&app, &db);
    if let Some(b) = &baseline {
        start(b, &db);
    }
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        a.push(start(&app, &db));
        if let Some(bin) = &baseline {
            b.push(start(bin, &db));
        }
    }
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!("{RUNS} starts each, alternating; load average at the end: {}", load.trim());
    row("spawn to first paint", "ms", &a, &b, |s| s.to_page(s.figures[PAINT_MS]));
    row("spawn to painted (app: dashboard, interactive)", "ms", &a, &b, |s| s.spawn_ms);
    row("idle memory 3 s later, all processes (PSS)", "MiB", &a, &b, |s| s.idle_mib);
    println!("phases (medians):");
    let f = |i: usize| move |s: &Start| s.figures[i];
    row("  spawn to main", "ms", &a, &b, Start::to_main);
    row("  main to navigation start", "ms", &a, &b, f(NAV_MS));
    row("  navigation start to page script run", "ms", &a, &b, f(LOADED_MS));
    row("  navigation start to isolation frame ready", "ms", &a, &b, f(ISOLATION_MS));
    row("  script run and isolation ready to painted", "ms", &a, &b, |s| {
        s.figures[PAGE_MS] - s.figures[LOADED_MS].max(s.figures[ISOLATION_MS])
    });
    row("  painted to the probe's line", "ms", &a, &b, |s| {
        s.spawn_ms - s.to_page(s.figures[PAGE_MS])
    });
    row("  app: setup hook (opening the database)", "ms", &a, &[], f(SETUP_MS));
}
