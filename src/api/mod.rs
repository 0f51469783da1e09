//! The command layer: every user action of the app, the command line tool and the UI test bridge
//! is one plain function here, taking serde input and returning serde output or an [`ApiError`].
//! It is the only place that orchestrates: it opens and checks packages (`package`), asks the
//! store to write rows, gathers report inputs and hands them to `report`. Callers never reach
//! past it.
//!
//! Each command is declared once, in [`for_each_command!`](crate::for_each_command); the Tauri
//! shell, the bridge and the generated TypeScript client all come from that list.
//!
//! What only the caller's surroundings can do (file dialogs, the system viewer, progress messages,
//! today's date)
//! goes through the [`Desktop`] trait, which each caller implements in a few lines.

mod app;
mod backup;
mod checklist;
pub mod commands;
mod editor;
mod error;
mod evidence;
mod inbox;
pub mod land;
mod land_keys;
mod land_profile;
pub mod packages;
pub mod reports;
mod work;
mod worklist;
mod workspace;

pub use app::{
    app_info, check_ags, close_window, get_admin_settings, get_dashboard, get_start,
    open_workspace, set_unsaved_input, startup_probe, workspace_info, AppInfo, Dashboard,
    StartInfo, StartupFigures,
};
pub use backup::{
    backup_folder, choose_backup, create_backup, restore_backup, restore_file, BackupInfo,
    BackupPreview, RestoreInfo, RestoredFile,
};
pub use checklist::{
    add_member, get_checklist, get_next_steps, get_profile, get_status, list_history,
    list_member_decisions, list_members, patch_item, patch_profile, remove_member, set_item,
    set_member_decision, set_profile,
};
pub use editor::{
    add_draft_document, export_draft_source, get_land_facts, get_municipal_catalogue,
    get_package_draft, import_draft_source, list_publications, preview_costs,
    remove_draft_document, review_package_draft, save_package_draft, LandFacts, PackageDraft,
};
pub use error::{ApiError, IpcError};
pub use evidence::{add_evidence, list_evidence, open_evidence, remove_evidence};
pub use inbox::{
    add_dropped_reports, add_reports, add_reports_from, export_follow_up, export_land_report,
    export_land_xlsx, get_follow_up, get_land_overview, get_municipality_history, import_directory,
    import_directory_file, land_report, list_received_reports, write_land_export,
    write_land_report, DirectoryImported, LandExported,
};
pub use land_keys::{
    create_land_key, import_land_key, list_land_keys, publish_package, replace_land_key,
    revoke_land_key, save_fingerprint_sheet, save_land_key_file, KeyFile,
};
pub use land_profile::{get_land_profile, set_land_profile};
pub use packages::{
    choose_package, confirm_review, export_ics, import_package, import_revocation, list_packages,
    open_document, set_event_attended,
};
pub use reports::{
    export_report, list_report_exports, open_report, report_preview, write_report, WrittenReport,
};
pub use work::{
    get_inventory, get_service_readiness, list_people, remove_fachverfahren, remove_person,
    remove_requirement, save_fachverfahren, save_person, save_requirement, save_service,
    SavedService,
};
pub use worklist::{
    checklist_xlsx, export_checklist_xlsx, export_work_list, work_list, write_checklist_xlsx,
    write_work_list,
};
pub use workspace::{NewDatabase, Workspace, WorkspaceFile, WorkspaceInfo};

use std::path::{Path, PathBuf};

use crate::package::archive::Progress;

/// Result of a command.
pub type Result<T, E = ApiError> = std::result::Result<T, E>;

/// A native file dialog the command asks for.
#[derive(Debug, Clone, PartialEq)]
pub struct FileDialog {
    /// The dialog's title (German).
    pub title: &'static str,
    /// The name of the file type offered (German) and its extensions.
    pub filter: &'static str,
    pub extensions: Vec<&'static str>,
    /// The suggested file name of a save dialog.
    pub file_name: Option<String>,
}

impl FileDialog {
    /// The folder the dialog starts in: the IT department's `ablageordner`, if it set one
    /// ([`crate::admin_settings`]); else where the system's dialog starts.
    pub fn start_folder(&self) -> Option<PathBuf> {
        crate::admin_settings::default_folder()
    }
}

/// What only the caller's surroundings can do. The desktop app shows native dialogs and opens
/// files in the system viewer; the command line and the test bridge answer from their input.
pub trait Desktop {
    /// Asks the user for a file to read; `None` if cancelled.
    fn pick_file(&self, dialog: &FileDialog) -> Result<Option<PathBuf>>;
    /// Asks the user for one or more files to read; empty if cancelled.
    fn pick_files(&self, dialog: &FileDialog) -> Result<Vec<PathBuf>> {
        Ok(self.pick_file(dialog)?.into_iter().collect())
    }
    /// Asks the user for a folder (the dialog's title only counts); `None` if cancelled.
    fn pick_folder(&self, dialog: &FileDialog) -> Result<Option<PathBuf>> {
        self.pick_file(dialog)
    }
    /// Asks the user where to write a file; `None` if cancelled.
    fn save_file(&self, dialog: &FileDialog) -> Result<Option<PathBuf>>;
    /// Opens a file the app stored or wrote in the system viewer.
    fn open_path(&self, path: &Path) -> Result<()>;
    /// Reports the progress of a long command (at most one message per percent).
    fn progress(&self, _progress: Progress) {}
    /// Takes the files and folders last dropped on the app's window (empty if none, or where
    /// nothing can be dropped); the next call returns nothing until something is dropped again.
    fn take_dropped(&self) -> Vec<PathBuf> {
        Vec::new()
    }
    /// Today's date as the caller sees it: the computer's local date, or the date the caller
    /// was given (the command line's `--today`, a test's fixed day).
    fn today(&self) -> chrono::NaiveDate {
        crate::clock::today()
    }
    /// Whether closing the app's window is held back and asked about first, because the page
    /// holds unsaved input (where there is no window: nothing).
    fn guard_close(&self, _unsaved: bool) {}
    /// Closes the app's window, once the user agreed to lose unsaved input (where there is no
    /// window: nothing).
    fn close_window(&self) -> Result<()> {
        Ok(())
    }
    /// The start-up probe of `bench/` (desktop app only).
    fn startup_probe(&self, _figures: StartupFigures) -> Result<()> {
        Err(ApiError::Desktop("Die Startmessung gibt es nur in der Desktop-Anwendung.".into()))
    }
}

/// What a command runs with: the open workspace and the caller's desktop.
pub struct Ctx<'a> {
    pub workspace: &'a Workspace,
    pub desktop: &'a dyn Desktop,
}

/// A desktop for the tests of the command layer: its dialogs answer with `file` (cancelled
/// without one), today is a fixed day, and nothing is opened.
#[cfg(test)]
pub(crate) mod test_desktop {
    use super::{ApiError, Desktop, FileDialog, Result};
    use std::path::{Path, PathBuf};

    pub struct Fixed {
        pub file: Option<PathBuf>,
        pub today: chrono::NaiveDate,
    }

    impl Default for Fixed {
        fn default() -> Fixed {
            Fixed { file: None, today: chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap() }
        }
    }

    impl Desktop for Fixed {
        fn pick_file(&self, _: &FileDialog) -> Result<Option<PathBuf>> {
            Ok(self.file.clone())
        }
        fn save_file(&self, _: &FileDialog) -> Result<Option<PathBuf>> {
            Ok(self.file.clone())
        }
        fn open_path(&self, _: &Path) -> Result<()> {
            Err(ApiError::desktop("nicht in Tests"))
        }
        fn today(&self) -> chrono::NaiveDate {
            self.today
        }
    }
}
