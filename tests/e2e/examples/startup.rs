//! Start-up benchmark of the desktop app: time from starting it to an interactive dashboard (the
//! readiness figure is shown), and the memory of all its processes (the app and the WebKit
//! processes it starts) once it is idle. Run by `bench/app.sh` under Xvfb against the release
//! build (`ANBINDUNGSCHECK_APP`).

use anbindungscheck_e2e::Driver;
use fantoccini::Locator;
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
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "start to interactive dashboard: median {:.0} ms, min {:.0} ms, max {:.0} ms ({} runs)",
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1]),
        times.len()
    );
    match memory.first() {
        Some(kib) => {
            println!("idle memory, app and WebKit processes: {:.1} MiB PSS", *kib as f64 / 1024.0)
        }
        None => println!("idle memory: app process not found"),
    }
}
