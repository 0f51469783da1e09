//! The UI test bridge: serves the core's command layer over HTTP on 127.0.0.1 so that the UI
//! tests drive the real core from Chromium, and serves the UI test build on the same origin. A
//! test tool only: never bundled or shipped.
//!
//! ```text
//! anbindungscheck-bridge [--static DIR] [--db FILE]
//! ```
//!
//! Binds a random port and prints `http://127.0.0.1:PORT/` as the first line of stdout. Without
//! `--db` the database lives in a fresh temporary folder, removed on exit. Exits when stdin
//! closes (so that it never outlives the test that started it) or on `POST /test/shutdown`.
//! The routes are described in [`routes`].

mod http;
mod routes;

use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use http::{ParseError, Response};
use routes::{After, State};

const USAGE: &str = "Aufruf: anbindungscheck-bridge [--static VERZEICHNIS] [--db DATEI]";

struct Options {
    static_dir: Option<PathBuf>,
    db: Option<PathBuf>,
}

fn parse_args(args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut options = Options { static_dir: None, db: None };
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name}: Wert fehlt.\n{USAGE}"));
        match arg.as_str() {
            "--static" => options.static_dir = Some(PathBuf::from(value("--static")?)),
            "--db" => options.db = Some(PathBuf::from(value("--db")?)),
            "--help" | "-h" => return Err(USAGE.to_owned()),
            other => return Err(format!("Unbekanntes Argument „{other}“.\n{USAGE}")),
        }
    }
    Ok(options)
}

fn main() -> ExitCode {
    let options = match parse_args(std::env::args().skip(1)) {
        Ok(o) => o,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    match run(options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("anbindungscheck-bridge: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(options: Options) -> std::io::Result<()> {
    // Dropped (and removed) when `run` returns.
    let temp = tempfile::Builder::new().prefix("anbindungscheck-bridge-").tempdir()?;
    let dir = match &options.db {
        Some(db) => db.parent().map(PathBuf::from).unwrap_or_default(),
        None => temp.path().to_owned(),
    };
    let db = options.db.clone().unwrap_or_else(|| temp.path().join("anbindungscheck.sqlite"));
    let kind = anbindungscheck::paths::preselected_kind();
    let state = Arc::new(State::new(db, kind, dir, options.static_dir));

    let listener = TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))?;
    let addr = listener.local_addr()?;
    let mut stdout = std::io::stdout();
    writeln!(stdout, "http://{addr}/")?;
    stdout.flush()?;

    let stop = Arc::new(AtomicBool::new(false));
    // Stdin closes when the test (the parent) ends, however it ends.
    {
        let stop = Arc::clone(&stop);
        std::thread::spawn(move || {
            let mut sink = [0u8; 256];
            let mut stdin = std::io::stdin();
            while matches!(stdin.read(&mut sink), Ok(n) if n > 0) {}
            wake(&stop, addr);
        });
    }

    for stream in listener.incoming() {
        if stop.load(Ordering::SeqCst) {
            break;
        }
        let Ok(stream) = stream else { continue };
        let state = Arc::clone(&state);
        let stop = Arc::clone(&stop);
        // One thread per connection: a browser may open a connection and send nothing on it.
        std::thread::spawn(move || {
            if serve(&state, stream) == After::Shutdown {
                wake(&stop, addr);
            }
        });
    }
    drop(temp);
    Ok(())
}

/// Stops the accept loop: sets the flag and connects once so that `accept` returns.
fn wake(stop: &AtomicBool, addr: SocketAddr) {
    stop.store(true, Ordering::SeqCst);
    let _ = TcpStream::connect_timeout(&addr, Duration::from_secs(1));
}

fn serve(state: &State, stream: TcpStream) -> After {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let _ = stream.set_nodelay(true);
    let (response, after) = match http::read_request(&stream) {
        Ok(request) => routes::handle(state, &request),
        Err(ParseError::Io) => return After::Continue,
        Err(ParseError::Bad(why)) => (Response::error(400, why), After::Continue),
        Err(ParseError::TooLarge) => (Response::error(413, "Anfrage zu groß"), After::Continue),
    };
    let _ = http::write_response(&stream, &response);
    after
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_command_line() {
        let args = |a: &[&str]| parse_args(a.iter().map(|s| s.to_string()));
        let o = args(&["--static", "ui/dist-test/bridge", "--db", "/tmp/x.sqlite"]).unwrap();
        assert_eq!(o.static_dir, Some(PathBuf::from("ui/dist-test/bridge")));
        assert_eq!(o.db, Some(PathBuf::from("/tmp/x.sqlite")));
        assert!(args(&["--static"]).is_err());
        assert!(args(&["--port", "1"]).is_err());
    }
}
