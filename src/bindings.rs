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
        crate::checklist::GuidanceNote::decl(&cfg),
        crate::ipc::AppInfo::decl(&cfg),
        crate::ipc::IpcError::decl(&cfg),
        crate::package::manifest::ChecklistChanges::decl(&cfg),
        crate::package::manifest::Contact::decl(&cfg),
        crate::package::manifest::CostBracket::decl(&cfg),
        crate::package::manifest::CostModel::decl(&cfg),
        crate::package::manifest::CostShare::decl(&cfg),
        crate::package::manifest::Document::decl(&cfg),
        crate::package::manifest::Event::decl(&cfg),
        crate::package::manifest::Fachverfahren::decl(&cfg),
        crate::package::manifest::Guidance::decl(&cfg),
        crate::package::manifest::ItemAddition::decl(&cfg),
        crate::package::manifest::LandRef::decl(&cfg),
        crate::package::manifest::LandStep::decl(&cfg),
        crate::package::manifest::Manifest::decl(&cfg),
        crate::package::manifest::Municipality::decl(&cfg),
        crate::package::manifest::MunicipalityRole::decl(&cfg),
        crate::package::manifest::ReuseKind::decl(&cfg),
        crate::package::manifest::ReuseModel::decl(&cfg),
        crate::package::manifest::Service::decl(&cfg),
        crate::package::archive::Progress::decl(&cfg),
        crate::package::review::Change::decl(&cfg),
        crate::package::review::ChangeArea::decl(&cfg),
        crate::package::review::ChangeKind::decl(&cfg),
        crate::profile::Profile::decl(&cfg),
        crate::profile::ProfileInput::decl(&cfg),
        crate::progress::BlockingParty::decl(&cfg),
        crate::progress::ItemProgress::decl(&cfg),
        crate::progress::ItemState::decl(&cfg),
        crate::progress::Status::decl(&cfg),
        crate::readiness::Blocker::decl(&cfg),
        crate::report::preview::ReportPreview::decl(&cfg),
        crate::readiness::Deadline::decl(&cfg),
        crate::readiness::DimensionScore::decl(&cfg),
        crate::readiness::Score::decl(&cfg),
        crate::readiness::StatusCounts::decl(&cfg),
        crate::readiness::StatusReport::decl(&cfg),
        crate::evidence::Evidence::decl(&cfg),
        crate::inventory::Analysis::decl(&cfg),
        crate::inventory::FachverfahrenInput::decl(&cfg),
        crate::inventory::Interface::decl(&cfg),
        crate::inventory::Inventory::decl(&cfg),
        crate::inventory::InventoryEntry::decl(&cfg),
        crate::inventory::LandFachverfahren::decl(&cfg),
        crate::readiness::DeadlineKind::decl(&cfg),
        crate::requirements::Area::decl(&cfg),
        crate::requirements::Priority::decl(&cfg),
        crate::requirements::Requirement::decl(&cfg),
        crate::requirements::RequirementInput::decl(&cfg),
        crate::requirements::RequirementKind::decl(&cfg),
        crate::roles::Person::decl(&cfg),
        crate::roles::PersonInput::decl(&cfg),
        crate::roles::Role::decl(&cfg),
        crate::service_state::ConnectionData::decl(&cfg),
        crate::service_state::Phase::decl(&cfg),
        crate::service_state::PhaseDate::decl(&cfg),
        crate::service_state::ServiceState::decl(&cfg),
        crate::service_state::TransportRoute::decl(&cfg),
        crate::store::Decision::decl(&cfg),
        crate::store::ImportAction::decl(&cfg),
        crate::store::ImportPreview::decl(&cfg),
        crate::store::InstalledPackage::decl(&cfg),
        crate::store::KeyStatus::decl(&cfg),
        crate::store::ReportExport::decl(&cfg),
        crate::store::ServiceDecision::decl(&cfg),
        crate::store::StoredDocument::decl(&cfg),
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
