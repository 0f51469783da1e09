//! Commands around evidence files of checklist items. The file is picked through the caller's
//! [`Desktop`](super::Desktop), so the page never names a path; size, type and hash checks are
//! the store's and the evidence module's.

use super::{Ctx, FileDialog, Result};
use crate::evidence::{self, Evidence};

/// The evidence of one item, or of all items with `item_id` null, oldest first.
pub fn list_evidence(cx: &Ctx, item_id: Option<String>) -> Result<Vec<Evidence>> {
    cx.workspace.with_any(|s| s.evidence(item_id.as_deref()))
}

/// Lets the user pick a file and attaches it to the item, with `title` or else the file name as
/// its title. `None` if the user cancelled.
pub fn add_evidence(cx: &Ctx, item_id: String, title: Option<String>) -> Result<Option<Evidence>> {
    // A bad title is refused before the user is sent to pick a file.
    evidence::title(title.as_deref(), "")?;
    let dialog = FileDialog {
        title: "Nachweis hinzufügen",
        filter: "Nachweise (PDF, Bilder, Text, Tabellen, E-Mails)",
        extensions: evidence::extensions(),
        file_name: None,
    };
    let Some(path) = cx.desktop.pick_file(&dialog)? else { return Ok(None) };
    cx.workspace.with_any(|s| s.add_evidence(&item_id, &path, title.as_deref())).map(Some)
}

/// Detaches evidence from its item (the history keeps it).
pub fn remove_evidence(cx: &Ctx, id: i64) -> Result<()> {
    cx.workspace.with_any(|s| s.remove_evidence(id))
}

/// Opens a stored evidence file in the system viewer; refused if the file was changed.
pub fn open_evidence(cx: &Ctx, id: i64) -> Result<()> {
    let file = cx.workspace.with_any(|s| s.evidence_file(id))?;
    cx.desktop.open_path(&file)
}
