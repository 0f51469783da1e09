//! Settings the office's IT department makes for every user of a PC, in a file only
//! administrators can change: `%ProgramData%\Anbindungscheck\einstellungen.json` on Windows,
//! `/etc/anbindungscheck/einstellungen.json` elsewhere (`ANBINDUNGSCHECK_ADMIN_SETTINGS` names
//! another file). A missing file means no settings. The file is read whole (at most
//! [`MAX_BYTES`]), every field is checked, and an unknown field or a bad value is refused with a
//! German message that names the file and the field: a setting that cannot be read is never
//! half applied, and while the file cannot be read, [`allow`] refuses every feature it could
//! turn off. What each setting changes is decided where it applies (import, workspace, dialogs).

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

use crate::ags::Land;
use crate::package::signing::{grouped, normalize_fingerprint};
use crate::workspace_kind::WorkspaceKind;
use crate::{Error, Result};

/// The environment variable that names another settings file (tests, special set-ups).
pub const PATH_ENV: &str = "ANBINDUNGSCHECK_ADMIN_SETTINGS";

/// The file's name in its folder.
pub const FILE_NAME: &str = "einstellungen.json";

/// The most a settings file may hold.
pub const MAX_BYTES: u64 = 64 * 1024;

crate::keyed::keyed_enum! {
    /// A part of the app the IT department can turn off on a PC.
    pub enum Feature (field = "abgeschaltet", unknown = "Unbekannte Funktion") {
        /// Opening the other workspace (a clerk of a Kommune never sees the Land's).
        ArbeitsbereichWechseln = ("arbeitsbereich_wechseln", "Arbeitsbereich wechseln"),
        /// Putting a backup in place of the database (the IT department restores).
        Wiederherstellen = ("wiederherstellen", "Sicherung wiederherstellen"),
    }
}

/// A Land's key the IT department trusts: its first package needs no confirmation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct PresetKey {
    /// The Land's two-digit code.
    pub land_code: String,
    pub land: String,
    /// 32 hex digits in groups of four, as the Land publishes it.
    pub fingerprint: String,
}

/// The settings as the app applies them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct AdminSettings {
    /// The file they come from.
    pub path: String,
    /// The workspace of a new database, without the question at first start.
    pub workspace: Option<WorkspaceKind>,
    pub trusted_keys: Vec<PresetKey>,
    /// Where save dialogs (reports, backups, spreadsheets) start.
    pub default_folder: Option<String>,
    /// The parts of the app turned off.
    pub disabled: Vec<Feature>,
}

/// Refuses `feature` if the IT department turned it off (or its settings cannot be read).
pub fn allow(feature: Feature) -> Result<()> {
    match load()? {
        Some(s) if s.disabled.contains(&feature) => Err(Error::validation(
            "admin_settings",
            format!("„{}“ hat Ihre IT-Abteilung auf diesem Rechner abgeschaltet.", feature.label()),
        )),
        _ => Ok(()),
    }
}

/// The folder where save dialogs start, if the IT department set one (and its settings can be
/// read).
pub fn default_folder() -> Option<PathBuf> {
    load().ok().flatten()?.default_folder.map(PathBuf::from)
}

impl AdminSettings {
    /// Whether the IT department trusts `fingerprint` for the Land with `land_code`.
    pub fn trusts(&self, land_code: &str, fingerprint: &str) -> bool {
        let wanted = normalize_fingerprint(fingerprint);
        self.trusted_keys
            .iter()
            .any(|k| k.land_code == land_code && normalize_fingerprint(&k.fingerprint) == wanted)
    }
}

/// The file as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    arbeitsbereich: Option<String>,
    #[serde(default)]
    vertrauenswuerdige_schluessel: Vec<FileKey>,
    #[serde(default)]
    ablageordner: Option<String>,
    #[serde(default)]
    abgeschaltet: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileKey {
    land: String,
    fingerabdruck: String,
}

/// Where the settings file is: `ANBINDUNGSCHECK_ADMIN_SETTINGS` if set, else the system's place.
pub fn path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(PATH_ENV).filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    if cfg!(windows) {
        std::env::var_os("ProgramData")
            .map(|d| PathBuf::from(d).join("Anbindungscheck").join(FILE_NAME))
    } else {
        Some(Path::new("/etc/anbindungscheck").join(FILE_NAME))
    }
}

/// Reads the settings from the system's place; `None` if there is no file.
pub fn load() -> Result<Option<AdminSettings>> {
    match path() {
        Some(path) => read(&path),
        None => Ok(None),
    }
}

/// Reads the settings file at `path`; `None` if there is none.
pub fn read(path: &Path) -> Result<Option<AdminSettings>> {
    if std::fs::symlink_metadata(path).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound) {
        return Ok(None);
    }
    let refused = |why: String| invalid(path, why);
    let (file, _) = crate::files::open_regular(path).map_err(|e| refused(e.message(path)))?;
    let bytes = crate::files::read_capped(file, MAX_BYTES)
        .map_err(|e| refused(crate::error::io_reason(&e)))?
        .ok_or_else(|| refused(format!("Die Datei ist größer als {} KB.", MAX_BYTES / 1024)))?;
    parse(&bytes, path).map(Some)
}

/// Checks the file's content; `path` names it in messages and in the result.
pub fn parse(bytes: &[u8], path: &Path) -> Result<AdminSettings> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| invalid(path, "Die Datei ist nicht in UTF-8 geschrieben.".into()))?;
    let file: File = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| invalid(path, crate::json_error::german(&e)))?;
    let workspace = file
        .arbeitsbereich
        .map(|w| {
            w.trim().parse::<WorkspaceKind>().map_err(|_| {
                invalid(
                    path,
                    format!(
                        "„arbeitsbereich“: {} ist kein Arbeitsbereich; erlaubt sind „kommune“ und \
                         „land“.",
                        crate::text::quote_for_message(&w)
                    ),
                )
            })
        })
        .transpose()?;
    let mut trusted_keys = Vec::new();
    for (i, key) in file.vertrauenswuerdige_schluessel.iter().enumerate() {
        let at = format!("„vertrauenswuerdige_schluessel“, Eintrag {}", i + 1);
        let land = Land::from_input(&key.land).map_err(|e| invalid(path, format!("{at}: {e}")))?;
        let hex = normalize_fingerprint(&key.fingerabdruck);
        let only_hex = key.fingerabdruck.chars().all(|c| c.is_ascii_hexdigit() || c == ' ');
        if hex.len() != 32 || !only_hex {
            return Err(invalid(
                path,
                format!(
                    "{at}: {} ist kein Fingerabdruck; erwartet werden 32 Hexadezimalziffern, \
                     z. B. „A4F6 1C56 42FC 049B A968 75C2 4B48 F627“.",
                    crate::text::quote_for_message(&key.fingerabdruck)
                ),
            ));
        }
        trusted_keys.push(PresetKey {
            land_code: land.code(),
            land: land.name().to_owned(),
            fingerprint: grouped(&hex),
        });
    }
    let default_folder = match file.ablageordner {
        Some(folder) if !Path::new(folder.trim()).is_absolute() => {
            return Err(invalid(
                path,
                format!(
                    "„ablageordner“: {} ist kein vollständiger Pfad (er beginnt mit einem \
                     Laufwerk wie „C:\\“ oder mit „/“).",
                    crate::text::quote_for_message(&folder)
                ),
            ))
        }
        folder => folder.map(|f| f.trim().to_owned()),
    };
    let mut disabled = Vec::new();
    for name in &file.abgeschaltet {
        let feature = name.trim().parse::<Feature>().map_err(|_| {
            invalid(
                path,
                format!(
                    "„abgeschaltet“: {} ist keine Funktion, die sich abschalten lässt; möglich \
                     sind {}.",
                    crate::text::quote_for_message(name),
                    Feature::ALL
                        .iter()
                        .map(|f| format!("„{}“", f.key()))
                        .collect::<Vec<_>>()
                        .join(" und ")
                ),
            )
        })?;
        if !disabled.contains(&feature) {
            disabled.push(feature);
        }
    }
    Ok(AdminSettings {
        path: path.display().to_string(),
        workspace,
        trusted_keys,
        default_folder,
        disabled,
    })
}

fn invalid(path: &Path, why: String) -> Error {
    Error::validation(
        "admin_settings",
        format!(
            "Die Einstellungen der IT-Abteilung in {} sind ungültig und werden nicht angewandt: \
             {why} Bitte wenden Sie sich an Ihre IT-Abteilung.",
            path.display()
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(json: &str) -> Result<AdminSettings> {
        parse(json.as_bytes(), Path::new("/etc/anbindungscheck/einstellungen.json"))
    }

    #[test]
    fn a_complete_file_is_read_with_its_keys_normalised() {
        let s = parsed(
            r#"{ "arbeitsbereich": "kommune",
                 "vertrauenswuerdige_schluessel": [
                   { "land": "NI", "fingerabdruck": "a4f61c5642fc049ba96875c24b48f627" } ] }"#,
        )
        .unwrap();
        assert_eq!(s.workspace, Some(WorkspaceKind::Kommune));
        assert_eq!(s.trusted_keys.len(), 1);
        assert_eq!(s.trusted_keys[0].land_code, "03");
        assert_eq!(s.trusted_keys[0].fingerprint, "A4F6 1C56 42FC 049B A968 75C2 4B48 F627");
        assert!(s.trusts("03", "A4F6 1C56 42FC 049B A968 75C2 4B48 F627"));
        assert!(!s.trusts("09", "A4F6 1C56 42FC 049B A968 75C2 4B48 F627"), "for its Land only");
        assert_eq!(parsed("{}").unwrap().trusted_keys, []);
        assert_eq!(parsed("\u{feff}{}").unwrap().workspace, None, "a byte order mark is fine");
    }

    #[test]
    fn bad_files_are_refused_naming_the_file_and_the_field() {
        let message = |json: &str| parsed(json).unwrap_err().to_string();
        let unknown = message(r#"{ "arbeitsbereich": "land", "update": true }"#);
        assert!(unknown.contains("/etc/anbindungscheck/einstellungen.json"), "{unknown}");
        assert!(unknown.contains("„update“"), "{unknown}");
        assert!(unknown.contains("werden nicht angewandt"), "{unknown}");
        assert!(message(r#"{ "arbeitsbereich": "rathaus" }"#).contains("„arbeitsbereich“"));
        let key =
            r#"{ "vertrauenswuerdige_schluessel": [ { "land": "NI", "fingerabdruck": "A4F6" } ] }"#;
        assert!(message(key).contains("Eintrag 1: „A4F6“ ist kein Fingerabdruck"));
        let land = r#"{ "vertrauenswuerdige_schluessel": [ { "land": "XY", "fingerabdruck": "A4F6 1C56 42FC 049B A968 75C2 4B48 F627" } ] }"#;
        assert!(message(land).contains("Eintrag 1: „XY“ ist kein Land"), "{}", message(land));
        assert!(message("[1, 2").contains("ungültig"));
        assert!(parse(b"\xff\xfe", Path::new("x.json")).unwrap_err().to_string().contains("UTF-8"));
    }

    #[test]
    fn features_are_turned_off_by_name_and_the_folder_must_be_whole() {
        let folder = std::env::temp_dir().join("Ablage").display().to_string();
        let json = serde_json::json!({
            "abgeschaltet": ["wiederherstellen", "arbeitsbereich_wechseln", "wiederherstellen"],
            "ablageordner": folder,
        });
        let s = parsed(&json.to_string()).unwrap();
        assert_eq!(s.disabled, [Feature::Wiederherstellen, Feature::ArbeitsbereichWechseln]);
        assert_eq!(s.default_folder.as_deref(), Some(folder.as_str()));
        let unknown = parsed(r#"{ "abgeschaltet": ["internet"] }"#).unwrap_err().to_string();
        assert!(unknown.contains("„internet“ ist keine Funktion"), "{unknown}");
        assert!(unknown.contains("„wiederherstellen“"), "{unknown}");
        let relative = parsed(r#"{ "ablageordner": "Berichte" }"#).unwrap_err().to_string();
        assert!(relative.contains("„Berichte“ ist kein vollständiger Pfad"), "{relative}");
    }

    #[test]
    fn a_missing_file_is_no_settings_and_a_big_one_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(read(&dir.path().join(FILE_NAME)).unwrap(), None);
        let big = dir.path().join("gross.json");
        std::fs::write(&big, vec![b' '; MAX_BYTES as usize + 1]).unwrap();
        assert!(read(&big).unwrap_err().to_string().contains("größer als 64 KB"));
        let folder = read(dir.path()).unwrap_err().to_string();
        assert!(folder.contains("ist ein Ordner"), "{folder}");
    }
}
