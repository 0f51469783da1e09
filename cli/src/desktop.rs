//! The command line's [`Desktop`]: it has no dialogs and no viewer. A file "dialog" answers with
//! the path given on the command line, today is the day given with `--today`/`--date` (else the
//! local date), and opening a file in a viewer is refused.

use std::path::{Path, PathBuf};

use anbindungscheck::api::{ApiError, Desktop, FileDialog, Result};
use chrono::NaiveDate;

/// What the command line answers in place of a desktop.
#[derive(Debug, Default)]
pub struct CommandLine {
    /// The file named on the command line, the answer to every file dialog.
    pub file: Option<PathBuf>,
    /// The day given on the command line.
    pub today: Option<NaiveDate>,
}

impl Desktop for CommandLine {
    fn pick_file(&self, _dialog: &FileDialog) -> Result<Option<PathBuf>> {
        Ok(self.file.clone())
    }

    fn save_file(&self, _dialog: &FileDialog) -> Result<Option<PathBuf>> {
        Ok(self.file.clone())
    }

    fn open_path(&self, path: &Path) -> Result<()> {
        Err(ApiError::Desktop(format!(
            "Die Befehlszeile öffnet keine Dateien in einem Anzeigeprogramm; bitte öffnen Sie {} \
             selbst.",
            path.display()
        )))
    }

    fn today(&self) -> NaiveDate {
        self.today.unwrap_or_else(anbindungscheck::clock::today)
    }
}
