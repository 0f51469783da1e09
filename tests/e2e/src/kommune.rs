//! What a test sets up before the clerk starts: a municipality's throwaway folder with its
//! database, filled through the command line tool where the test is not about that step (the
//! profile, the Land's signed example package), and the app started on it.

use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::process::Command;

use rusqlite::types::FromSql;
use rusqlite::{Connection, Params, Row};

use crate::{App, Driver};

/// The workspace root (two levels above this crate).
fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The command line tool: `$ANBINDUNGSCHECK_CLI`, else the workspace's debug build (`make cli`).
pub fn cli_binary() -> PathBuf {
    let cli = std::env::var_os("ANBINDUNGSCHECK_CLI")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("target/debug/anbindungscheck"));
    assert!(cli.exists(), "{} not found: build the CLI first (make cli)", cli.display());
    cli
}

/// Runs the command line tool; it must succeed. Returns what it printed.
fn run_cli<I, S>(args: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let out = Command::new(cli_binary()).args(args).output().expect("the CLI runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// A signed information package of the Land, built from the example.
pub struct Package {
    pub path: PathBuf,
    /// The key's fingerprint as the CLI prints it.
    pub fingerprint: String,
}

/// A municipality's data in a throwaway folder: the database `kommune.sqlite` and the files the
/// clerk picks or saves next to it. The folder goes when this is dropped.
pub struct Kommune {
    dir: tempfile::TempDir,
    db: PathBuf,
}

impl Default for Kommune {
    fn default() -> Self {
        Self::new()
    }
}

impl Kommune {
    /// A new folder; the database does not exist yet (a first start).
    pub fn new() -> Kommune {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("kommune.sqlite");
        Kommune { dir, db }
    }

    /// A new folder whose database has the profile "Gemeinde Musterstadt" (AGS 03241002, 12,500
    /// inhabitants), set through the CLI, so the costs can be computed for the population.
    pub fn with_profile() -> Kommune {
        let kommune = Kommune::new();
        kommune.cli(&[
            "profile",
            "set",
            "--name",
            "Gemeinde Musterstadt",
            "--ags",
            "03241002",
            "--population",
            "12500",
        ]);
        kommune
    }

    /// The database file.
    pub fn db_file(&self) -> &Path {
        &self.db
    }

    /// A file (or folder) named `name` in the folder.
    pub fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Runs the CLI on this database.
    pub fn cli(&self, args: &[&str]) -> String {
        run_cli(
            ["--db".as_ref(), self.db.as_os_str()]
                .into_iter()
                .chain(args.iter().map(|a| a.as_ref())),
        )
    }

    /// Builds the Land's example package (examples/paket-vergabe) with a new key, in this folder.
    pub fn example_package(&self) -> Package {
        self.build_package(None)
    }

    /// The example package with the first service's description and the first contact's name
    /// replaced by `text`.
    pub fn package_with_text(&self, text: &str) -> Package {
        self.build_package(Some(text))
    }

    fn build_package(&self, text: Option<&str>) -> Package {
        let example = workspace().join("examples/paket-vergabe");
        let src = self.file("quelle");
        std::fs::create_dir_all(src.join("documents")).unwrap();
        for entry in std::fs::read_dir(example.join("documents")).unwrap().flatten() {
            std::fs::copy(entry.path(), src.join("documents").join(entry.file_name())).unwrap();
        }
        let mut manifest: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(example.join("manifest.json")).unwrap())
                .unwrap();
        if let Some(text) = text {
            manifest["services"][0]["description"] = serde_json::json!(text);
            manifest["contacts"][0]["name"] = serde_json::json!(text);
        }
        std::fs::write(src.join("manifest.json"), serde_json::to_vec_pretty(&manifest).unwrap())
            .unwrap();
        let key = self.file("land.key");
        let passphrase = self.file("passphrase.txt");
        std::fs::write(&passphrase, "Passphrase des Landes im Test\n").unwrap();
        run_cli([
            "package".as_ref(),
            "keygen".as_ref(),
            "--out".as_ref(),
            key.as_os_str(),
            "--land".as_ref(),
            "03".as_ref(),
            "--passphrase-file".as_ref(),
            passphrase.as_os_str(),
        ]);
        let path = self.file("paket.zip");
        let out = run_cli([
            "package".as_ref(),
            "build".as_ref(),
            src.as_os_str(),
            "--key".as_ref(),
            key.as_os_str(),
            "--passphrase-file".as_ref(),
            passphrase.as_os_str(),
            "-o".as_ref(),
            path.as_os_str(),
        ]);
        let fingerprint =
            out.lines().find_map(|l| l.strip_prefix("Fingerabdruck: ")).unwrap().to_owned();
        Package { path, fingerprint }
    }

    /// Imports `package` through the CLI, trusting its fingerprint.
    pub fn import(&self, package: &Package) {
        let path = package.path.to_str().expect("a UTF-8 path");
        self.cli(&["import", path, "--trust", &package.fingerprint]);
    }

    /// Builds the example package and imports it through the CLI.
    pub fn import_example(&self) -> Package {
        let package = self.example_package();
        self.import(&package);
        package
    }

    /// Starts WebKitWebDriver and the app on this database and waits for the dashboard.
    pub async fn start_app(&self) -> Session {
        let driver = Driver::start(&self.db);
        let app = driver.launch().await;
        Session { driver, app }
    }

    /// Opens the database (once the app is closed) to check what was stored.
    pub fn database(&self) -> Database {
        Database::open(&self.db)
    }
}

/// The app started by [`Kommune::start_app`], with the WebDriver that runs it. Used as the
/// [`App`] it derefs to; [`Session::quit`] closes both.
pub struct Session {
    driver: Driver,
    app: App,
}

impl Session {
    /// The app's X11 window, while it is shown.
    pub fn window(&self) -> Option<u64> {
        crate::app_window(self.driver.pid())
    }

    /// Closes the app and stops WebKitWebDriver, as the clerk closing the window.
    pub async fn quit(self) {
        let Session { driver, app } = self;
        app.close().await;
        drop(driver);
    }
}

impl Deref for Session {
    type Target = App;

    fn deref(&self) -> &App {
        &self.app
    }
}

/// A database file, read with SQL to check what the app stored.
pub struct Database(pub Connection);

impl Database {
    pub fn open(path: &Path) -> Database {
        Database(Connection::open(path).unwrap())
    }

    /// The first column of the single row `sql` selects.
    pub fn value<T: FromSql>(&self, sql: &str, params: impl Params) -> T {
        self.0.query_row(sql, params, |r| r.get(0)).unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    /// The single row `sql` selects, as a tuple.
    pub fn row<T>(&self, sql: &str, params: impl Params) -> T
    where
        T: for<'a> TryFrom<&'a Row<'a>, Error = rusqlite::Error>,
    {
        self.0.query_row(sql, params, |r| T::try_from(r)).unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    /// All rows `sql` selects, as tuples.
    pub fn rows<T>(&self, sql: &str, params: impl Params) -> Vec<T>
    where
        T: for<'a> TryFrom<&'a Row<'a>, Error = rusqlite::Error>,
    {
        let mut statement = self.0.prepare(sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
        let rows = statement.query_map(params, |r| T::try_from(r)).unwrap();
        rows.collect::<Result<_, _>>().unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    /// How many rows `table` has.
    pub fn count(&self, table: &str) -> i64 {
        self.value(&format!("SELECT count(*) FROM {table}"), [])
    }
}
