//! Drives the built desktop app through WebKitWebDriver (what tauri-driver does on Linux), with
//! the database pointed at a throwaway file through `ANBINDUNGSCHECK_DB`.
//!
//! Needs a display (run under `xvfb-run`), `WebKitWebDriver` (Debian: webkit2gtk-driver) and the
//! app built with the UI embedded (`make app`).

pub mod checklist;
pub mod keyboard;
pub mod kommune;

pub use kommune::{Database, Kommune, Package, Session};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use std::future::Future;
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long to wait for the UI to show something.
pub const TIMEOUT: Duration = Duration::from_secs(20);

/// The app binary: `$ANBINDUNGSCHECK_APP`, else the workspace's debug build.
pub fn app_binary() -> PathBuf {
    let path = std::env::var_os("ANBINDUNGSCHECK_APP").map(PathBuf::from).unwrap_or_else(|| {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/debug/anbindungscheck-app")
    });
    let path = path.canonicalize().unwrap_or_else(|_| {
        panic!("app binary {} not found: build it first with `make app`", path.display())
    });
    path
}

/// Where screenshots of the run go (`target/e2e-screenshots`).
pub fn screenshot_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/e2e-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A running WebKitWebDriver whose sessions start the app against one database.
pub struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    /// The process ID of WebKitWebDriver (the app it starts is its child).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Starts WebKitWebDriver on a free port; apps it starts use the municipality's database at
    /// `db`.
    pub fn start(db: &Path) -> Driver {
        Driver::start_in(db, Some("kommune"))
    }

    /// Starts WebKitWebDriver on a free port; apps it starts use the database at `db`, a new one
    /// of the `workspace` kind (`kommune`, `land`), or, with `None`, asking at first start.
    pub fn start_in(db: &Path, workspace: Option<&str>) -> Driver {
        let port = free_port();
        let mut command = Command::new("WebKitWebDriver");
        command.env_remove("ANBINDUNGSCHECK_WORKSPACE");
        if let Some(workspace) = workspace {
            command.env("ANBINDUNGSCHECK_WORKSPACE", workspace);
        }
        let child = command
            .arg(format!("--port={port}"))
            .env("TAURI_WEBVIEW_AUTOMATION", "true")
            .env("ANBINDUNGSCHECK_DB", db)
            .env("WEBKIT_DISABLE_DMABUF_RENDERER", "1")
            // An English system on purpose: the app's dates and numbers must be German whatever
            // the operating system's locale (the web view takes its language from these).
            .env("LANG", "en_US.UTF-8")
            .env("LC_ALL", "en_US.UTF-8")
            .env("LANGUAGE", "en_US:en")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("WebKitWebDriver not found (Debian package webkit2gtk-driver)");
        let deadline = Instant::now() + TIMEOUT;
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "WebKitWebDriver did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        Driver { child, port }
    }

    /// Starts the app in a new WebDriver session and waits for the dashboard.
    pub async fn launch(&self) -> App {
        self.launch_to("Übersicht").await
    }

    /// Starts the app in a new WebDriver session and waits for the view headed `heading`.
    pub async fn launch_to(&self, heading: &str) -> App {
        let mut caps = serde_json::Map::new();
        caps.insert(
            "webkitgtk:browserOptions".into(),
            serde_json::json!({ "binary": app_binary(), "args": [] }),
        );
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = ClientBuilder::new(connector)
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await
            .expect("WebDriver session");
        let app = App { client };
        app.heading(heading).await;
        app
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        // SIGTERM, so WebKitWebDriver ends its browser processes too.
        let _ = Command::new("kill").arg("-TERM").arg(self.child.id().to_string()).status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Answers the app's native (GTK) file dialog titled `title` by typing `path` and Enter, as a
/// clerk would (needs `xdotool`). In an open dialog the location field is opened with Ctrl+L, once:
/// Ctrl+L toggles it, so a retry types into the field left open; in a save dialog the name field
/// already has focus. Retries until the dialog has closed.
fn answer_file_dialog(title: &str, path: &Path, save: bool) {
    let search = || {
        let out = Command::new("xdotool")
            .args(["search", "--onlyvisible", "--name", title])
            .output()
            .expect("xdotool runs");
        String::from_utf8_lossy(&out.stdout).lines().next().map(str::to_owned)
    };
    let xdo = |args: &[&str]| {
        let _ = Command::new("xdotool").args(args).status();
    };
    let deadline = Instant::now() + TIMEOUT;
    let mut window = None;
    while window.is_none() {
        assert!(Instant::now() < deadline, "no file dialog titled {title:?} appeared");
        std::thread::sleep(Duration::from_millis(200));
        window = search();
    }
    for attempt in 0..3 {
        let Some(w) = search() else { return };
        // Let GTK finish mapping and focusing the dialog before typing.
        std::thread::sleep(Duration::from_millis(700));
        xdo(&["windowfocus", "--sync", &w]);
        if !save && attempt == 0 {
            xdo(&["key", "--clearmodifiers", "ctrl+l"]);
            std::thread::sleep(Duration::from_millis(500));
        }
        xdo(&["key", "--clearmodifiers", "ctrl+a"]);
        xdo(&["type", "--delay", "15", &path.to_string_lossy()]);
        std::thread::sleep(Duration::from_millis(300));
        xdo(&["key", "Return"]);
        let closed_by = Instant::now() + Duration::from_secs(3);
        while Instant::now() < closed_by {
            if search().is_none() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
    // What the dialog shows, for the failure's reader.
    let shot = screenshot_dir().join("file-dialog-failed.png");
    let _ = Command::new("import").args(["-window", "root"]).arg(&shot).status();
    panic!("the file dialog {title:?} did not accept {} (see {})", path.display(), shot.display());
}

/// The X11 window of the app the WebDriver `driver_pid` started (its title and process), if one
/// is shown. (An app of an earlier test may still be closing on the same display.)
pub fn app_window(driver_pid: u32) -> Option<u64> {
    let children =
        Command::new("pgrep").args(["-P", &driver_pid.to_string()]).output().expect("pgrep runs");
    String::from_utf8_lossy(&children.stdout).lines().find_map(|pid| {
        let out = Command::new("xdotool")
            .args(["search", "--onlyvisible", "--pid", pid.trim(), "--name", "^Anbindungscheck$"])
            .output()
            .expect("xdotool runs");
        String::from_utf8_lossy(&out.stdout).lines().next().and_then(|w| w.trim().parse().ok())
    })
}

/// Asks the X11 `window` to close the way a window manager's close button does: the
/// `WM_DELETE_WINDOW` message of the ICCCM, sent to the window (Xvfb has no window manager).
pub fn request_close(window: u64) {
    use x11_dl::xlib::{ClientMessage, XClientMessageEvent, XEvent, Xlib};
    let xlib = Xlib::open().expect("libX11");
    // SAFETY: plain Xlib calls on a display opened and closed here; the event is a zeroed
    // XEvent with its client-message fields set, as XSendEvent expects.
    unsafe {
        let display = (xlib.XOpenDisplay)(std::ptr::null());
        assert!(!display.is_null(), "no X display");
        let atom = |name: &std::ffi::CStr| (xlib.XInternAtom)(display, name.as_ptr(), 0);
        let mut event: XEvent = std::mem::zeroed();
        let message: &mut XClientMessageEvent = event.as_mut();
        message.type_ = ClientMessage;
        message.window = window;
        message.message_type = atom(c"WM_PROTOCOLS");
        message.format = 32;
        message.data.set_long(0, atom(c"WM_DELETE_WINDOW") as i64);
        (xlib.XSendEvent)(display, window, 0, 0, &mut event);
        (xlib.XFlush)(display);
        (xlib.XCloseDisplay)(display);
    }
}

/// Picks `path` in the app's native open dialog titled `title`.
pub fn choose_file(title: &str, path: &Path) {
    answer_file_dialog(title, path, false);
}

/// Saves to `path` through the app's native save dialog titled `title`.
pub fn save_as(title: &str, path: &Path) {
    answer_file_dialog(title, path, true);
}

/// Waits until `holds` is true, checking every 100 ms; panics with `what` after [`TIMEOUT`].
pub async fn eventually<F, Fut>(what: &str, mut holds: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = bool>,
{
    let deadline = Instant::now() + TIMEOUT;
    while !holds().await {
        assert!(Instant::now() < deadline, "{what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Waits until the element's rendered text (`innerText`, white space as single spaces) contains
/// `part`. (WebKit's WebDriver text leaves out a name cut short with an ellipsis, as the header's
/// is when it is long.)
pub async fn wait_for_text(element: &Element, part: &str) {
    let what = format!("{part:?} not shown");
    eventually(&what, move || async move {
        let text = element.prop("innerText").await.unwrap().unwrap_or_default();
        text.split_whitespace().collect::<Vec<_>>().join(" ").contains(part)
    })
    .await;
}

/// The heading (`h1`) of the view the main navigation's link `view` opens.
pub fn heading_of(view: &str) -> &str {
    match view {
        "Profil" => "Profil der Kommune",
        "Bericht" => "Sachstandsbericht",
        other => other,
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// XPath string literal for any text (handles both quote kinds).
pub fn xpath_literal(text: &str) -> String {
    if !text.contains('\'') {
        format!("'{text}'")
    } else if !text.contains('"') {
        format!("\"{text}\"")
    } else {
        let parts: Vec<String> = text.split('\'').map(|p| format!("'{p}'")).collect();
        format!("concat({})", parts.join(", \"'\", "))
    }
}

/// One running app, driven like a clerk would: by visible texts and field labels.
pub struct App {
    pub client: Client,
}

impl App {
    /// Waits for an element.
    pub async fn find(&self, locator: Locator<'_>) -> Element {
        self.client
            .wait()
            .at_most(TIMEOUT)
            .for_element(locator)
            .await
            .unwrap_or_else(|e| panic!("element {locator:?} not found: {e}"))
    }

    /// Waits for the view heading (`h1`) with this text.
    pub async fn heading(&self, text: &str) -> Element {
        let xpath = format!("//h1[normalize-space()={}]", xpath_literal(text));
        self.find(Locator::XPath(&xpath)).await
    }

    /// Waits for the element marked `data-testid="NAME"`.
    pub async fn testid(&self, name: &str) -> Element {
        self.find(Locator::Css(&format!("[data-testid='{name}']"))).await
    }

    /// Waits until the element marked `data-testid="NAME"` shows `part`; returns it.
    pub async fn testid_shows(&self, name: &str, part: &str) -> Element {
        let element = self.testid(name).await;
        wait_for_text(&element, part).await;
        element
    }

    /// Waits until the page shows `text` somewhere.
    pub async fn sees(&self, text: &str) -> Element {
        let xpath = format!("//*[contains(normalize-space(text()), {})]", xpath_literal(text));
        self.find(Locator::XPath(&xpath)).await
    }

    /// The form control labelled `label` (by `<label for>` or a wrapping label).
    pub async fn field(&self, label: &str) -> Element {
        let lit = xpath_literal(label);
        let xpath = format!(
            "//*[@id=//label[normalize-space()={lit} or normalize-space(text())={lit}]/@for] \
             | //label[normalize-space(text())={lit}]//*[self::input or self::select or self::textarea]"
        );
        let field = self.find(Locator::XPath(&xpath)).await;
        self.centre(&field).await;
        field
    }

    /// Replaces the value of the field labelled `label`.
    pub async fn fill(&self, label: &str, value: &str) {
        let field = self.field(label).await;
        field.clear().await.unwrap();
        field.send_keys(value).await.unwrap();
    }

    /// Replaces the value of the form control with this id.
    pub async fn fill_id(&self, id: &str, value: &str) {
        let field = self.find(Locator::Id(id)).await;
        self.centre(&field).await;
        field.clear().await.unwrap();
        field.send_keys(value).await.unwrap();
    }

    /// Clicks the button or link with this visible text.
    pub async fn click(&self, text: &str) {
        let lit = xpath_literal(text);
        let xpath = format!(
            "//*[(self::button or self::a) and (normalize-space()={lit} or @aria-label={lit})]"
        );
        self.click_centred(self.find(Locator::XPath(&xpath)).await).await;
    }

    /// Clicks the element with this id.
    pub async fn click_id(&self, id: &str) {
        self.click_centred(self.find(Locator::Id(id)).await).await;
    }

    /// Scrolls `element` to the middle of the window, clear of what sticks to its edges (the
    /// header, the editor's status bar), so that a click on its centre or typing reaches it.
    pub async fn centre(&self, element: &Element) {
        let arg = serde_json::to_value(element).unwrap();
        self.client
            .execute(
                "const el = arguments[0];
                 el.scrollIntoView({ block: 'center' });
                 const reached = () => {
                   const r = el.getBoundingClientRect();
                   const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                   return hit !== null && (hit === el || el.contains(hit));
                 };
                 for (const dy of [120, -240, 360, -480]) {
                   if (reached()) return;
                   window.scrollBy(0, dy);
                 }",
                vec![arg],
            )
            .await
            .unwrap();
    }

    /// Centres `element` (see [`App::centre`]) and clicks it.
    async fn click_centred(&self, element: Element) {
        self.centre(&element).await;
        element.click().await.unwrap();
    }

    /// Clicks the element this CSS selector finds.
    pub async fn click_css(&self, css: &str) {
        self.click_centred(self.find(Locator::Css(css)).await).await;
    }

    /// Follows the main navigation's link `view` and waits for the view's heading.
    pub async fn open(&self, view: &str) {
        self.click(view).await;
        self.heading(heading_of(view)).await;
    }

    /// Chooses `value` in the select with this id once it can be used: a select in a part that
    /// has just opened may still be moving while the parts around it load, and a part drawn
    /// anew is closed again (it is opened again, as the clerk would).
    pub async fn select(&self, id: &str, value: &str) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let element = self.find(Locator::Id(id)).await;
            let arg = serde_json::to_value(&element).unwrap();
            self.client
                .execute(
                    "const el = arguments[0];
                     const part = el.closest('details');
                     if (part && !part.open) part.querySelector('summary').click();
                     el.scrollIntoView({ block: 'center' });",
                    vec![arg],
                )
                .await
                .unwrap();
            match element.select_by_value(value).await {
                Ok(()) => return,
                Err(_) if Instant::now() < deadline => {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => panic!("select {id}: {value} could not be chosen: {e}"),
            }
        }
    }

    /// Sets the value of the date input with this id as the date picker would (WebDriver cannot
    /// type into the segments of WebKit's date field reliably) and tells the page through an
    /// `input` event.
    pub async fn set_date(&self, id: &str, value: &str) {
        self.find(Locator::Id(id)).await;
        self.client
            .execute(
                "const el = document.getElementById(arguments[0]);
                 el.value = arguments[1];
                 el.dispatchEvent(new Event('input', { bubbles: true }));",
                vec![serde_json::json!(id), serde_json::json!(value)],
            )
            .await
            .unwrap();
    }

    /// Scrolls the element with this id to the top of the window.
    pub async fn scroll_to(&self, id: &str) {
        self.client
            .execute(
                "document.getElementById(arguments[0]).scrollIntoView({ block: 'start' });",
                vec![serde_json::json!(id)],
            )
            .await
            .unwrap();
    }

    /// Saves a screenshot of the whole screen, as the clerk sees it, under
    /// target/e2e-screenshots/NAME.png. (ImageMagick's `import` on the X display: WebKitWebDriver's
    /// own screenshot call can hang when a later session of the same process asks for one.)
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let path = screenshot_dir().join(format!("{name}.png"));
        let status = tokio::process::Command::new("import")
            .args(["-window", "root"])
            .arg(&path)
            .status()
            .await
            .expect("ImageMagick's import runs");
        assert!(status.success(), "screenshot {name} failed");
        path
    }

    /// Runs `script` (a function body; `arguments` are `args`) in the page and returns its value.
    pub async fn eval(&self, script: &str, args: Vec<serde_json::Value>) -> serde_json::Value {
        self.client.execute(script, args).await.unwrap()
    }

    /// Ends the session, which closes the app.
    pub async fn close(self) {
        self.client.close().await.unwrap();
    }
}
