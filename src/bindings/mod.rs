//! TypeScript generated from the Rust types: the declarations of every type that crosses the IPC
//! boundary (`ui/src/lib/bindings.ts`), and the keys in order and German labels of the core's
//! closed lists (`ui/src/lib/enums.ts`), so the UI spells no label of its own. Both are committed;
//! a test fails when either is stale (`make bindings` rewrites them). The command list's files
//! come from [`client`].

pub mod client;

use serde::Serialize;
use ts_rs::{Config, TS};

/// The first line of every generated file.
const GENERATED: &str =
    "// Generated from the Rust types of the core (src/bindings.rs). Do not edit.\n";

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
        crate::api::AppInfo::decl(&cfg),
        crate::api::StartupFigures::decl(&cfg),
        crate::api::StartInfo::decl(&cfg),
        crate::api::Dashboard::decl(&cfg),
        crate::api::BackupInfo::decl(&cfg),
        crate::api::BackupPreview::decl(&cfg),
        crate::store::backup::BackupContents::decl(&cfg),
        crate::api::IpcError::decl(&cfg),
        crate::api::RestoreInfo::decl(&cfg),
        crate::error_code::ErrorCode::decl(&cfg),
        crate::package::manifest::ChecklistChanges::decl(&cfg),
        crate::package::manifest::Contact::decl(&cfg),
        crate::package::manifest::CostBracket::decl(&cfg),
        crate::package::manifest::CostModel::decl(&cfg),
        crate::package::manifest::CostShare::decl(&cfg),
        crate::package::manifest::Document::decl(&cfg),
        crate::package::manifest::Event::decl(&cfg),
        crate::package::manifest::Fachverfahren::decl(&cfg),
        crate::package::manifest::FieldIssue::decl(&cfg),
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
        crate::land_profile::LandProfile::decl(&cfg),
        crate::land_profile::LandProfileInput::decl(&cfg),
        crate::next_steps::NextStep::decl(&cfg),
        crate::next_steps::NextStepKind::decl(&cfg),
        crate::api::WorkspaceInfo::decl(&cfg),
        crate::api::SavedService::decl(&cfg),
        crate::admin_settings::AdminSettings::decl(&cfg),
        crate::admin_settings::PresetKey::decl(&cfg),
        crate::admin_settings::Feature::decl(&cfg),
        crate::api::PackageDraft::decl(&cfg),
        crate::api::LandFacts::decl(&cfg),
        crate::inbox::ReceivedReport::decl(&cfg),
        crate::inbox::InboxSummary::decl(&cfg),
        crate::inbox::RefusedFile::decl(&cfg),
        crate::inbox::Listed::decl(&cfg),
        crate::api::DirectoryImported::decl(&cfg),
        crate::directory::DirectoryFormat::decl(&cfg),
        crate::report::overview::LandOverview::decl(&cfg),
        crate::report::overview::MunicipalityRow::decl(&cfg),
        crate::report::overview::KreisRow::decl(&cfg),
        crate::report::overview::ServiceRow::decl(&cfg),
        crate::report::overview::FachverfahrenRow::decl(&cfg),
        crate::report::overview::BlockerRow::decl(&cfg),
        crate::report::overview::RequirementRow::decl(&cfg),
        crate::report::overview::Named::decl(&cfg),
        crate::report::overview::MunicipalContact::decl(&cfg),
        crate::report::overview::Expiry::decl(&cfg),
        crate::report::overview::EventRow::decl(&cfg),
        crate::report::followup::FollowUp::decl(&cfg),
        crate::report::history::MunicipalityHistory::decl(&cfg),
        crate::report::history::HistoryPoint::decl(&cfg),
        crate::report::followup::FollowUpList::decl(&cfg),
        crate::api::KeyFile::decl(&cfg),
        crate::land_key::LandKey::decl(&cfg),
        crate::land_key::KeyState::decl(&cfg),
        crate::land_facts::PointFacts::decl(&cfg),
        crate::publication::Publication::decl(&cfg),
        crate::api::WorkspaceFile::decl(&cfg),
        crate::workspace_kind::WorkspaceKind::decl(&cfg),
        crate::package::review::PackageReview::decl(&cfg),
        crate::profile::KommuneKind::decl(&cfg),
        crate::profile::Member::decl(&cfg),
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
        crate::readiness::Verdict::decl(&cfg),
        crate::service_readiness::CheckState::decl(&cfg),
        crate::service_readiness::ServiceCheck::decl(&cfg),
        crate::service_readiness::ServiceCheckKind::decl(&cfg),
        crate::service_readiness::ServiceReadiness::decl(&cfg),
        crate::service_readiness::ServiceVerdict::decl(&cfg),
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
        crate::installed::Decision::decl(&cfg),
        crate::installed::ImportAction::decl(&cfg),
        crate::installed::ImportPreview::decl(&cfg),
        crate::installed::InstalledPackage::decl(&cfg),
        crate::installed::KeyChange::decl(&cfg),
        crate::installed::MemberDecision::decl(&cfg),
        crate::installed::KeyStatus::decl(&cfg),
        crate::installed::RevokedKey::decl(&cfg),
        crate::api::packages::RevocationImported::decl(&cfg),
        crate::exports::ReportExport::decl(&cfg),
        crate::installed::ServiceDecision::decl(&cfg),
        crate::installed::StoredDocument::decl(&cfg),
    ];
    let mut out = format!("{GENERATED}\n");
    for decl in decls {
        out.push_str("export ");
        out.push_str(&decl);
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// A closed list of the core as TypeScript: its type, the keys in order and the German labels.
struct List {
    ty: String,
    /// Name of the array of keys, e.g. `PHASES`; the label map is named after the type
    /// (`PHASE_LABELS`).
    keys: &'static str,
    entries: Vec<(String, &'static str)>,
}

impl List {
    /// `all` in the core's order; the keys are the serde names, i.e. the TypeScript type's.
    fn of<T: TS + Serialize + Copy>(
        cfg: &Config,
        all: &[T],
        label: fn(T) -> &'static str,
        keys: &'static str,
    ) -> List {
        let key = |v: T| match serde_json::to_value(v) {
            Ok(serde_json::Value::String(key)) => key,
            other => panic!("{} does not serialize to a string: {other:?}", T::name(cfg)),
        };
        let entries = all.iter().map(|&v| (key(v), label(v))).collect();
        List { ty: T::name(cfg), keys, entries }
    }

    /// `PHASE_LABELS` for `Phase`, `BLOCKING_PARTY_LABELS` for `BlockingParty`.
    fn labels(&self) -> String {
        let mut out = String::new();
        for (i, c) in self.ty.chars().enumerate() {
            if c.is_ascii_uppercase() && i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_uppercase());
        }
        out + "_LABELS"
    }
}

/// The keys and labels of the core's closed lists (`ui/src/lib/enums.ts`).
pub fn enums() -> String {
    use crate::admin_settings::Feature;
    use crate::api::KeyFile;
    use crate::catalogue::{Actor, Dimension};
    use crate::installed::Decision;
    use crate::inventory::{Analysis, Interface};
    use crate::land_key::KeyState;
    use crate::package::manifest::{LandStep, MunicipalityRole, ReuseKind};
    use crate::package::review::{ChangeArea, ChangeKind};
    use crate::profile::KommuneKind;
    use crate::progress::{BlockingParty, Status};
    use crate::readiness::DeadlineKind;
    use crate::requirements::{Area, Priority, RequirementKind};
    use crate::roles::Role;
    use crate::service_state::{Phase, TransportRoute};
    use crate::workspace_kind::WorkspaceKind;

    let cfg = Config::new().with_large_int("number");
    // `T::ALL` (an array or a slice) with `T::label`, and the name of the array of keys.
    macro_rules! list {
        ($ty:ident, $keys:literal) => {
            List::of(&cfg, &$ty::ALL[..], $ty::label, $keys)
        };
    }
    let lists = [
        list!(Status, "STATUSES"),
        list!(BlockingParty, "BLOCKING_PARTIES"),
        list!(Dimension, "DIMENSIONS"),
        list!(Actor, "ACTORS"),
        list!(DeadlineKind, "DEADLINE_KINDS"),
        list!(LandStep, "LAND_STEPS"),
        list!(ReuseKind, "REUSE_KINDS"),
        list!(MunicipalityRole, "MUNICIPALITY_ROLES"),
        list!(ChangeArea, "CHANGE_AREAS"),
        list!(ChangeKind, "CHANGE_KINDS"),
        list!(Phase, "PHASES"),
        list!(TransportRoute, "TRANSPORT_ROUTES"),
        list!(RequirementKind, "REQUIREMENT_KINDS"),
        list!(Area, "AREAS"),
        list!(Priority, "PRIORITIES"),
        list!(Interface, "INTERFACES"),
        list!(Analysis, "ANALYSES"),
        list!(Role, "ROLES"),
        list!(KommuneKind, "KOMMUNE_KINDS"),
        list!(Decision, "DECISIONS"),
        list!(WorkspaceKind, "WORKSPACE_KINDS"),
        list!(KeyState, "KEY_STATES"),
        list!(KeyFile, "KEY_FILES"),
        list!(Feature, "FEATURES"),
    ];

    let mut types: Vec<&str> = lists.iter().map(|l| l.ty.as_str()).collect();
    types.sort_unstable();
    let mut out = format!(
        "{GENERATED}// The core's closed lists: their keys in order, and their German labels.\n\n"
    );
    out.push_str("import type {\n");
    for ty in types {
        out.push_str(&format!("  {ty},\n"));
    }
    out.push_str("} from './bindings';\n");
    for l in &lists {
        let keys: Vec<String> = l.entries.iter().map(|(k, _)| ts_string(k)).collect();
        let head = format!("export const {}: readonly {}[] = [", l.keys, l.ty);
        let line = format!("{head}{}];", keys.join(", "));
        out.push_str(&format!("\n/** `{}` in the core's order. */\n", l.ty));
        if line.chars().count() <= 100 {
            out.push_str(&line);
        } else {
            out.push_str(&head);
            for k in &keys {
                out.push_str(&format!("\n  {k},"));
            }
            out.push_str("\n];");
        }
        out.push_str(&format!("\n\nexport const {}: Record<{}, string> = {{\n", l.labels(), l.ty));
        for (k, label) in &l.entries {
            let name = if is_identifier(k) { k.clone() } else { ts_string(k) };
            out.push_str(&format!("  {name}: {},\n", ts_string(label)));
        }
        out.push_str("};\n");
    }
    out.push_str(
        "\n/** Labels of recorded fields, the same for every entity (`audit::FIELD_LABELS`). */\n",
    );
    out.push_str("export const FIELD_LABELS: Readonly<Record<string, string>> = {\n");
    for (field, label) in crate::audit::FIELD_LABELS {
        out.push_str(&format!("  {field}: {},\n", ts_string(label)));
    }
    out.push_str(
        "};\n\n/** Labels of fields that depend on their entity: `[entity, field, label]`. */\n",
    );
    out.push_str(
        "export const ENTITY_FIELD_LABELS: readonly (readonly [string, string, string])[] = [\n",
    );
    for (entity, field, label) in crate::audit::ENTITY_FIELD_LABELS {
        let row = [entity, field, label].map(|s| ts_string(s)).join(", ");
        out.push_str(&format!("  [{row}],\n"));
    }
    out.push_str("];\n\n/** The Länder by their two-digit code, in code order (`ags::Land`). */\n");
    out.push_str("export const LAENDER: readonly (readonly [string, string])[] = [\n");
    for land in (1..=16).filter_map(crate::ags::Land::from_code) {
        out.push_str(&format!("  [{}, {}],\n", ts_string(&land.code()), ts_string(land.name())));
    }
    out.push_str("];\n");
    out
}

/// A single-quoted TypeScript string literal.
fn ts_string(s: &str) -> String {
    let mut out = String::from("'");
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// Whether `s` can stand unquoted as a property name.
fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::client;

    /// Compares a generated file (path from the repository root) with the committed one;
    /// `UPDATE_BINDINGS` rewrites it first. `fresh` gets the committed text.
    fn assert_current(file: &str, fresh: impl Fn(&str) -> String) {
        let path = format!("{}/{file}", env!("CARGO_MANIFEST_DIR"));
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        let fresh = fresh(&committed);
        if std::env::var_os("UPDATE_BINDINGS").is_some() && committed != fresh {
            std::fs::write(&path, &fresh).unwrap();
            return;
        }
        assert!(committed == fresh, "{file} is stale: run `make bindings`");
    }

    #[test]
    fn committed_bindings_are_current() {
        assert_current("ui/src/lib/bindings.ts", |_| super::typescript());
    }

    #[test]
    fn every_type_is_declared_once() {
        let ts = super::typescript();
        let mut names: Vec<&str> = ts
            .lines()
            .filter_map(|l| l.strip_prefix("export type "))
            .map(|l| l.split([' ', '<', '=']).next().unwrap_or_default())
            .collect();
        let all = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), all, "two Rust types share a TypeScript name");
    }

    #[test]
    fn committed_enum_labels_are_current() {
        assert_current("ui/src/lib/enums.ts", |_| super::enums());
    }

    #[test]
    fn committed_command_files_are_current() {
        assert_current("ui/src/lib/api.ts", |_| client::api_ts());
        assert_current("src-tauri/commands.txt", |_| client::commands_txt());
        assert_current("src-tauri/capabilities/main.json", |_| client::capability());
        assert_current("ui/isolation/index.js", client::isolation_js);
        assert_current("docs/architecture.md", client::architecture_md);
    }

    /// The quoted names between `start` and the next `end` in `text`.
    fn quoted(text: &str, start: &str, end: &str) -> std::collections::BTreeSet<String> {
        let from = text.find(start).expect("start marker") + start.len();
        let block = &text[from..from + text[from..].find(end).expect("end marker")];
        block.split(['"', '\'']).skip(1).step_by(2).map(str::to_owned).collect()
    }

    /// Read as the shell reads them: the permissions its build script makes (one per line of
    /// `commands.txt`), the main window's capability and the isolation hook's allow-list name
    /// exactly the commands of the command list.
    #[test]
    fn the_shell_s_permissions_capability_and_isolation_hook_name_every_command() {
        use std::collections::BTreeSet;
        let core: BTreeSet<String> =
            crate::api::commands::NAMES.iter().map(|n| n.to_string()).collect();
        let built: BTreeSet<String> =
            include_str!("../../src-tauri/commands.txt").lines().map(str::to_owned).collect();
        let capability: BTreeSet<String> =
            quoted(include_str!("../../src-tauri/capabilities/main.json"), "\"permissions\"", "]")
                .into_iter()
                .map(|p| p.strip_prefix("allow-").expect("allow- permission").replace('-', "_"))
                .collect();
        let hook = quoted(include_str!("../../ui/isolation/index.js"), "new Set([", "]");
        assert!(core.len() > 30, "{core:?}");
        assert_eq!(built, core);
        assert_eq!(capability, core);
        assert_eq!(hook, core);
    }

    #[test]
    fn enum_labels_are_typescript_literals() {
        assert_eq!(
            super::ts_string("Kommunalvertretermodell („NRW-Modell“)"),
            "'Kommunalvertretermodell („NRW-Modell“)'"
        );
        assert_eq!(super::ts_string(r"it's a\b"), r"'it\'s a\\b'");
        assert!(super::is_identifier("fit_connect"));
        assert!(!super::is_identifier("in-arbeit"));
        assert!(!super::is_identifier("1a"));
        let enums = super::enums();
        assert!(enums.contains(
            "export const PHASE_LABELS: Record<Phase, string> = {\n  interesse: 'Interesse',\n"
        ));
        assert!(enums.contains("export const STATUSES: readonly Status[] = ["));
    }
}
