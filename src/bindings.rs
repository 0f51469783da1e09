//! TypeScript declarations of every type that crosses the IPC boundary, generated from the Rust
//! types. `ui/src/lib/bindings.ts` is the committed output; a test fails when it is stale
//! (`UPDATE_BINDINGS=1 cargo test --features ts bindings` rewrites it).

use ts_rs::{Config, TS};

/// All declarations, in a stable order.
pub fn typescript() -> String {
    let cfg = Config::new().with_large_int("number");
    let decls = [
        crate::ags::AgsCheck::decl(&cfg),
        crate::audit::HistoryEntry::decl(&cfg),
        crate::audit::HistoryFilter::decl(&cfg),
        crate::catalogue::Actor::decl(&cfg),
        crate::catalogue::Catalogue::decl(&cfg),
        crate::catalogue::Dimension::decl(&cfg),
        crate::catalogue::Item::decl(&cfg),
        crate::catalogue::Point::decl(&cfg),
        crate::catalogue::Section::decl(&cfg),
        crate::checklist::Checklist::decl(&cfg),
        crate::checklist::ChecklistEntry::decl(&cfg),
        crate::ipc::AppInfo::decl(&cfg),
        crate::ipc::IpcError::decl(&cfg),
        crate::profile::Profile::decl(&cfg),
        crate::profile::ProfileInput::decl(&cfg),
        crate::progress::BlockingParty::decl(&cfg),
        crate::progress::ItemProgress::decl(&cfg),
        crate::progress::ItemState::decl(&cfg),
        crate::progress::Status::decl(&cfg),
        crate::readiness::Blocker::decl(&cfg),
        crate::readiness::Deadline::decl(&cfg),
        crate::readiness::DimensionScore::decl(&cfg),
        crate::readiness::Score::decl(&cfg),
        crate::readiness::StatusCounts::decl(&cfg),
        crate::readiness::StatusReport::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from the Rust types of the core (src/bindings.rs). Do not edit.\n\n",
    );
    for decl in decls {
        out.push_str("export ");
        out.push_str(&decl);
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn committed_bindings_are_current() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/ui/src/lib/bindings.ts");
        let fresh = super::typescript();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(path, &fresh).unwrap();
        }
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            committed == fresh,
            "ui/src/lib/bindings.ts is stale: run `UPDATE_BINDINGS=1 cargo test --features ts bindings`"
        );
    }
}
