// Generated from the Rust types of the core (src/bindings.rs). Do not edit.

export type AgsCheck = { valid: boolean, 
/**
 * The key as it will be stored (8 digits for an AGS, 12 for an ARS), if valid.
 */
normalized: string | null, 
/**
 * The Land's name, if valid.
 */
land: string | null, 
/**
 * What is wrong, if invalid.
 */
message: string | null, };

export type HistoryEntry = { id: number, 
/**
 * RFC 3339, UTC.
 */
at: string, 
/**
 * `profile`, `item`, `package`, `service`, `event`, `person`, `fachverfahren`, `evidence`
 * or `requirement`.
 */
entity: string, item_id: string | null, 
/**
 * The item's title, if the item is known.
 */
item_title: string | null, 
/**
 * What was changed, in German: "Profil", the item's title, "Onlinedienst „…“", …
 */
subject: string, field: string, 
/**
 * German name of the field.
 */
field_label: string, old_value: string | null, new_value: string | null, 
/**
 * The values as the clerk reads them (German labels instead of keys).
 */
old_display: string | null, new_display: string | null, };

export type HistoryFilter = { 
/**
 * Only changes of this item.
 */
item_id?: string | null, 
/**
 * Only changes on or after this day (`YYYY-MM-DD`, UTC).
 */
since?: string | null, 
/**
 * Only changes on or before this day (`YYYY-MM-DD`, UTC).
 */
until?: string | null, 
/**
 * At most this many, newest first (default 500).
 */
limit?: number | null, };

export type Actor = "kommune" | "land";

export type Catalogue = { 
/**
 * Title of the source document.
 */
source: string, 
/**
 * The catalogue's version: raised whenever items are added or their meaning changes. A
 * report carries it, so that reports of different versions are not compared blindly.
 */
version: number, 
/**
 * Whose checklist it is: its readiness counts this actor's items (the municipality's for
 * the built-in catalogue, the Land's for the Land's).
 */
owner: Actor, sections: Array<Section>, points: Array<Point>, items: Array<Item>, };

export type Dimension = "finanziell" | "rechtlich" | "organisatorisch" | "technisch";

export type Item = { 
/**
 * Stable ID, e.g. `finanzierung-kosten`.
 */
id: string, 
/**
 * The item's number in its checklist (1, 2, …, unique, in checklist order): what people
 * cite. Given when the checklist is put together; 0 until then.
 */
number?: number, 
/**
 * The source point, e.g. `2.F`.
 */
point: string, dimension: Dimension, actor: Actor, title: string, explanation: string, 
/**
 * Why the item is in the checklist although the source does not mention it („ergänzt“).
 */
added?: string, 
/**
 * The package that added the item; `None` for the built-in checklist.
 */
package?: string, 
/**
 * A deadline the Land set for the item (`YYYY-MM-DD`).
 */
deadline?: string, };

export type Point = { id: string, section: string, title: string, 
/**
 * Where the source says it, e.g. „Abschnitt 2, Rechtliche Dimension, 2. Spiegelstrich“;
 * `None` for the point that gathers additions the source does not mention.
 */
reference?: string, 
/**
 * The source's words at that place.
 */
quote?: string, };

export type Section = { id: string, title: string, };

export type Checklist = { 
/**
 * Title of the source document.
 */
source: string, 
/**
 * The catalogue's version ([`crate::catalogue::Catalogue::version`]).
 */
version: number, 
/**
 * Whose checklist it is (the municipality's or the Land's own).
 */
owner: Actor, sections: Array<Section>, points: Array<Point>, entries: Array<ChecklistEntry>, };

export type ChecklistEntry = { item: Item, progress: ItemProgress, 
/**
 * Regional guidance of the Land for this item, from imported packages.
 */
guidance: Array<GuidanceNote>, 
/**
 * Why the clerk should look at the item again ("bitte prüfen"), after a package update.
 */
review: string | null, };

export type GuidanceNote = { package_title: string, text: string, };

export type AppInfo = { version: string, db_path: string, };

export type StartupFigures = { origin_ms: number, page_ms: number, loaded_ms: number, isolation_ms: number, paint_ms: number, };

export type StartInfo = { workspace: WorkspaceInfo, app: AppInfo, 
/**
 * Whether opening the other workspace is allowed (not turned off by the IT department, and
 * its settings file readable).
 */
switch_allowed: boolean, 
/**
 * The municipality's profile (its workspace only).
 */
profile: Profile | null, 
/**
 * The Land's profile (its workspace only).
 */
land_profile: LandProfile | null, 
/**
 * The dashboard's data ([`get_dashboard`]); `None` before the first-start choice, or when
 * it cannot be read (the dashboard then asks again and shows why).
 */
dashboard: Dashboard | null, };

export type Dashboard = { status: StatusReport, 
/**
 * The municipality's next steps (none in the Land's workspace).
 */
next_steps: Array<NextStep>, 
/**
 * Checklist entries flagged „Bitte prüfen“ after a package update.
 */
review_count: number, 
/**
 * Whether the workspace's profile (the municipality's or the Land's) is saved.
 */
has_profile: boolean, };

export type BackupInfo = { 
/**
 * Where it was saved.
 */
path: string, 
/**
 * Its size in bytes.
 */
bytes: number, 
/**
 * When it was written (RFC 3339, UTC).
 */
at: string, };

export type BackupPreview = { 
/**
 * The file chosen.
 */
path: string, contents: BackupContents, };

export type BackupContents = { 
/**
 * The municipality's (or the Land's coordination's) name; `None` without a profile.
 */
name: string | null, 
/**
 * The AGS of the municipality, or the Land's code.
 */
key: string | null, 
/**
 * The last recorded change (RFC 3339, UTC); `None` if nothing was ever changed.
 */
last_change: string | null, 
/**
 * Size of the file in bytes.
 */
bytes: number, };

export type IpcError = { code: ErrorCode, message: string, field: string | null, };

export type RestoreInfo = { 
/**
 * The backup that is now the database.
 */
from: string, 
/**
 * Where the previous database was kept; `None` if there was none.
 */
kept: string | null, };

export type ErrorCode = "validation" | "not_found" | "schema_newer" | "database_foreign" | "database_remote" | "workspace_wrong_kind" | "workspace_unchosen" | "database" | "io" | "package_io" | "package_limits" | "package_not_zip" | "package_structure" | "package_unsafe_path" | "package_document" | "package_signature" | "package_untrusted_key" | "package_wrong_key" | "package_manifest" | "package_format" | "package_invalid" | "package_older" | "package_other_land" | "package_key" | "package_build" | "key_passphrase" | "key_endorsement" | "key_revocation" | "key_revoked" | "report_no_profile" | "report_glyph" | "report_pdf" | "report_workbook" | "report_not_pdf" | "report_too_large" | "report_damaged" | "report_no_data" | "report_schema" | "report_data" | "report_implausible" | "report_skipped" | "report_nothing_found" | "desktop" | "internal";

export type ChecklistChanges = { additions: Array<ItemAddition>, guidance: Array<Guidance>, };

export type Contact = { id: string, name: string, 
/**
 * e.g. "Kommunale OZG-Koordination", "OZG-Taskforce".
 */
role: string, organisation?: string | null, email?: string | null, phone?: string | null, 
/**
 * Member of the OZG taskforce (Vollzugsteam).
 */
taskforce: boolean, };

export type CostBracket = { max_population?: number | null, one_off_cents: number, annual_cents: number, };

export type CostModel = { service?: string | null, note?: string | null, 
/**
 * Ascending by `max_population`; the last one may have no upper bound.
 */
brackets: Array<CostBracket>, };

export type CostShare = { 
/**
 * The service's name, or `None` for a model that covers all services.
 */
service: string | null, 
/**
 * The bracket that applies, e.g. "bis 50.000 Einwohner".
 */
bracket: string, one_off_cents: number, annual_cents: number, note: string | null, };

export type Document = { 
/**
 * `documents/<name>`; the name uses letters, digits, `.`, `_` and `-`.
 */
path: string, title: string, media_type: string, 
/**
 * Bytes; filled in by `package build`.
 */
size: number, 
/**
 * Hex SHA-256; filled in by `package build`.
 */
sha256: string, };

export type Event = { id: string, title: string, description?: string | null, 
/**
 * Local time (Europe/Berlin), `YYYY-MM-DDTHH:MM`.
 */
start: string, end: string, place?: string | null, 
/**
 * `https://…`
 */
online_url?: string | null, 
/**
 * `YYYY-MM-DD`.
 */
registration_deadline?: string | null, };

export type Fachverfahren = { id: string, product: string, vendor: string, 
/**
 * e.g. "FIT-Connect", "OSCI/XTA".
 */
interface: string, services: Array<string>, };

export type FieldIssue = { 
/**
 * e.g. `title`, `contacts.2.email`, `costs.0.brackets.1.max_population`.
 */
field: string, message: string, };

export type Guidance = { item: string, text: string, };

export type ItemAddition = { id: string, 
/**
 * The source point it belongs to (1.1 … 3.3).
 */
point: string, dimension: Dimension, actor: Actor, title: string, explanation: string, 
/**
 * A deadline the Land sets, `YYYY-MM-DD`.
 */
deadline?: string | null, };

export type LandRef = { 
/**
 * Two digits, 01–16.
 */
code: string, name: string, };

export type LandStep = "offen" | "in_vorbereitung" | "abgeschlossen";

export type Manifest = { 
/**
 * Always [`FORMAT`].
 */
format: string, 
/**
 * Stable package ID, e.g. `by-vergabe-kommunen` (lower-case letters, digits, `-`).
 */
id: string, 
/**
 * Grows with every edition of the package.
 */
version: number, title: string, description?: string | null, land: LandRef, 
/**
 * `YYYY-MM-DD`.
 */
issued: string, 
/**
 * `YYYY-MM-DD`.
 */
valid_until: string, contacts: Array<Contact>, services: Array<Service>, reuse_model: ReuseModel, costs: Array<CostModel>, events: Array<Event>, municipalities: Array<Municipality>, fachverfahren: Array<Fachverfahren>, checklist: ChecklistChanges, documents: Array<Document>, };

export type Municipality = { name: string, ags: string, role: MunicipalityRole, contact?: string | null, email?: string | null, services: Array<string>, };

export type MunicipalityRole = "pilot" | "peer";

export type ReuseKind = "fit_store" | "govdigital" | "kommunalvertreter" | "verwaltungsvereinbarung";

export type ReuseModel = { kind: ReuseKind, description: string, 
/**
 * Path of the agreement document, e.g. `documents/vereinbarung.pdf`.
 */
document?: string | null, };

export type Service = { id: string, name: string, description?: string | null, 
/**
 * LeiKa keys (strings of digits, never numbers).
 */
leika: Array<string>, ozg_id?: string | null, 
/**
 * Who executes the service (Vollzugsebene), e.g. "Kommune".
 */
vollzug: string, 
/**
 * The Land's SaaS re-use contract with FITKO via the FIT-Store.
 */
fit_store_contract: LandStep, 
/**
 * The Land's Nachnutzungsmodell for passing the service on.
 */
reuse_model_status: LandStep, };

export type Progress = { done: number, total: number, };

export type Change = { area: ChangeArea, kind: ChangeKind, 
/**
 * ID of what changed (item ID, service ID, …).
 */
id: string, 
/**
 * Its title as the clerk knows it.
 */
title: string, };

export type ChangeArea = "aufgabe" | "hinweis" | "frist" | "kosten" | "kontakt" | "onlinedienst" | "veranstaltung" | "kommune" | "fachverfahren" | "dokument" | "nachnutzungsmodell";

export type ChangeKind = "added" | "changed" | "removed";

export type LandProfile = { 
/**
 * Two digits, "01" to "16".
 */
land_code: string, 
/**
 * The Land's name, derived from the code.
 */
land: string, name: string, };

export type LandProfileInput = { 
/**
 * The Land's two-digit code ("03") or its name ("Niedersachsen").
 */
land_code: string, 
/**
 * The coordination's name, e.g. "Ministerium für Inneres, OZG-Koordination".
 */
name: string, };

export type NextStep = { kind: NextStepKind, text: string, };

export type NextStepKind = "paket" | "ueberfaellig" | "verantwortliche" | "entscheidung" | "bericht";

export type WorkspaceInfo = { 
/**
 * The open workspace; `None` until the user has chosen one.
 */
kind: WorkspaceKind | null, 
/**
 * Its database file.
 */
path: string | null, 
/**
 * Both workspaces, with their files and whether these exist yet.
 */
workspaces: Array<WorkspaceFile>, };

export type SavedService = { decision: ServiceDecision, state: ServiceState, };

export type AdminSettings = { 
/**
 * The file they come from.
 */
path: string, 
/**
 * The workspace of a new database, without the question at first start.
 */
workspace: WorkspaceKind | null, trusted_keys: Array<PresetKey>, 
/**
 * Where save dialogs (reports, backups, spreadsheets) start.
 */
default_folder: string | null, 
/**
 * The parts of the app turned off.
 */
disabled: Array<Feature>, };

export type PresetKey = { 
/**
 * The Land's two-digit code.
 */
land_code: string, land: string, 
/**
 * 32 hex digits in groups of four, as the Land publishes it.
 */
fingerprint: string, };

export type Feature = "arbeitsbereich_wechseln" | "wiederherstellen";

export type PackageDraft = { manifest: Manifest, 
/**
 * Every problem, under the field it belongs to; publishing needs none.
 */
issues: Array<FieldIssue>, 
/**
 * The newest edition published, if any.
 */
published: Publication | null, };

export type LandFacts = { 
/**
 * Where the facts come from, e.g. "Entwurf des Informationspakets, Version 2"; `None` while
 * there is no package yet.
 */
source: string | null, points: Array<PointFacts>, 
/**
 * What the municipalities' reports say, e.g. "Berichte von 12 der 40 Kommunen"; `None`
 * while no report has come in.
 */
reports_source: string | null, reports: Array<PointFacts>, };

export type ReceivedReport = { report_id: string, ags: string, municipality: string, 
/**
 * `YYYY-MM-DD`.
 */
report_date: string, file_name: string, 
/**
 * When it was received (RFC 3339, UTC).
 */
received_at: string, sha256: string, };

export type InboxSummary = { 
/**
 * Files looked at (reports found in folders included).
 */
files: number, added: number, duplicates: number, 
/**
 * Reports of municipalities of other Länder: listed, not counted.
 */
set_aside: Array<ReceivedReport>, 
/**
 * Files that are no readable, plausible report, each with its reason.
 */
refused: Array<RefusedFile>, };

export type RefusedFile = { path: string, reason: string, };

export type Listed = { ags: string, name: string, 
/**
 * The Kreis's five-digit key.
 */
kreis_ags: string, kreis: string | null, population: number | null, };

export type DirectoryImported = { format: DirectoryFormat, 
/**
 * The directory's date (Gebietsstand), if it gives one.
 */
as_of: string | null, municipalities: number, kreise: number, 
/**
 * Municipalities of other Länder, left out, and those Länder with their counts.
 */
other_lands: number, other_land_names: Array<string>, };

export type DirectoryFormat = "gv100ad" | "csv";

export type LandOverview = { schema: string, date: string, 
/**
 * Days after which a report counts as stale.
 */
stale_days: number, 
/**
 * Municipalities counted: the directory's, else those that reported.
 */
municipalities: number, reported: number, rows: Array<MunicipalityRow>, kreise: Array<KreisRow>, services: Array<ServiceRow>, fachverfahren: Array<FachverfahrenRow>, blockers: Array<BlockerRow>, requirements: Array<RequirementRow>, 
/**
 * The packages' events, by start.
 */
events: Array<EventRow>, };

export type MunicipalityRow = { ags: string, name: string, 
/**
 * The Kreis's five-digit key (the AGS's first five digits).
 */
kreis_ags: string, kreis: string | null, population: number | null, 
/**
 * From the newest report; all `None` without a report.
 */
readiness: number | null, finanziell: number | null, rechtlich: number | null, organisatorisch: number | null, technisch: number | null, report_date: string | null, report_id: string | null, open_items: number | null, blockers: number | null, 
/**
 * No report at all.
 */
missing: boolean, 
/**
 * The newest report is older than the days asked for.
 */
stale: boolean, 
/**
 * Decisions on the services, `service_id` → decision key.
 */
decisions: { [key in string]: string }, 
/**
 * Phases of the services, `service_id` → phase key.
 */
phases: { [key in string]: string }, 
/**
 * Whom to ask: the OZG coordination the newest report names.
 */
contact: MunicipalContact | null, 
/**
 * Agreements and certificates of the services with their end dates.
 */
expiries: Array<Expiry>, 
/**
 * Items the newest report marks as blocked from outside.
 */
blocked_items: Array<string>, 
/**
 * The Gemeindeverband or Kreis whose report covers this member municipality (its figures
 * are that report's); `None` when the row's report is its own or there is none.
 */
covered_by: Named | null, };

export type KreisRow = { kreis_ags: string, kreis: string | null, municipalities: number, reported: number, 
/**
 * Mean and median readiness of the reports with a readiness.
 */
mean: number | null, median: number | null, };

export type ServiceRow = { service_id: string, name: string, ja: number, nein: number, offen: number, 
/**
 * Municipalities per phase key, in the phases' order.
 */
phases: Array<[string, number]>, 
/**
 * The municipalities that take part (Bedarfsträger, 1.1).
 */
bedarfstraeger: Array<Named>, 
/**
 * Pilot interest for this service (1.5).
 */
pilots: Array<Named>, 
/**
 * Staff need training for this service (1.6).
 */
training: Array<Named>, };

export type FachverfahrenRow = { product: string, vendor: string, 
/**
 * Whether the Land's package lists it (for at least one municipality that uses it).
 */
listed_by_land: boolean, municipalities: Array<Named>, };

export type BlockerRow = { party: string, party_label: string, 
/**
 * The blocker's description (as the municipalities wrote it), if any.
 */
text: string | null, municipalities: Array<Named>, };

export type RequirementRow = { service: string, kind_label: string, area_label: string, priority: string, priority_label: string, description: string, municipality: Named, };

export type Named = { ags: string, name: string, };

export type MunicipalContact = { name: string, email: string | null, phone: string | null, };

export type Expiry = { service: string, 
/**
 * "Vereinbarung" or "Zertifikat".
 */
what: string, date: string, };

export type EventRow = { package_id: string, id: string, title: string, 
/**
 * Local time (Europe/Berlin), `YYYY-MM-DDTHH:MM`.
 */
start: string, 
/**
 * The municipalities that marked the event as attended.
 */
attended: Array<Named>, 
/**
 * The municipalities whose report lists the event without marking it attended.
 */
not_attended: Array<Named>, };

export type FollowUp = { ags: string, name: string, 
/**
 * Why, one sentence each.
 */
reasons: Array<string>, report_date: string | null, contact_name: string | null, email: string | null, phone: string | null, };

export type MunicipalityHistory = { ags: string, name: string, 
/**
 * The Kreis's five-digit key (the AGS's first five digits).
 */
kreis_ags: string, 
/**
 * The Kreis's name from the directory, if it lists the municipality.
 */
kreis: string | null, points: Array<HistoryPoint>, };

export type HistoryPoint = { report_id: string, report_date: string, 
/**
 * When it was received (RFC 3339, UTC).
 */
received_at: string, file_name: string, 
/**
 * Readiness in percent, overall and per dimension (`None`: nothing to count).
 */
readiness: number | null, finanziell: number | null, rechtlich: number | null, organisatorisch: number | null, technisch: number | null, open_items: number, blockers: number, 
/**
 * Services the municipality decided to use (decision "ja").
 */
services_ja: number, };

export type FollowUpList = { days: number, entries: Array<FollowUp>, 
/**
 * A `mailto:` link to every address on the list (blind copies), if there is one.
 */
mailto: string | null, };

export type KeyFile = "oeffentlich" | "widerruf" | "geheim";

export type LandKey = { fingerprint: string, land_code: string, state: KeyState, state_label: string, 
/**
 * When it was made (RFC 3339, UTC).
 */
created_at: string, 
/**
 * The key it replaced, whose endorsement the packages signed with it carry.
 */
replaces: string | null, 
/**
 * When it was replaced or revoked.
 */
ended_at: string | null, };

export type KeyState = "aktiv" | "abgeloest" | "widerrufen";

export type PointFacts = { 
/**
 * The task's ID in the Land's catalogue.
 */
item_id: string, 
/**
 * One line each, e.g. "3 Ansprechpersonen: …".
 */
facts: Array<string>, };

export type Publication = { id: number, package_id: string, version: number, title: string, 
/**
 * The fingerprint of the key that signed it.
 */
fingerprint: string, 
/**
 * SHA-256 of the package file (lower-case hex).
 */
sha256: string, bytes: number, 
/**
 * Where the package file was saved.
 */
path: string, 
/**
 * When (RFC 3339, UTC).
 */
published_at: string, };

export type WorkspaceFile = { kind: WorkspaceKind, label: string, path: string, exists: boolean, };

export type WorkspaceKind = "kommune" | "land";

export type PackageReview = { package_id: string, title: string, version: number, land_code: string, land: string, issued: string, valid_until: string, 
/**
 * The version installed before (the previously published one, in the editor).
 */
installed_version: number | null, action: ImportAction, 
/**
 * Empty unless the action is an update.
 */
changes: Array<Change>, documents: number, 
/**
 * The documents' sizes as the manifest gives them (the build fills them in).
 */
document_bytes: number, };

export type KommuneKind = "gemeinde" | "kreisfreie_stadt" | "amt" | "verbandsgemeinde" | "samtgemeinde" | "verwaltungsgemeinschaft" | "kreis";

export type Member = { 
/**
 * The member's AGS, 8 digits.
 */
ags: string, name: string, };

export type Profile = { name: string, 
/**
 * The key: 8 digits (AGS) or 12 (ARS).
 */
ags: string, 
/**
 * Gemeinde in data from before the kind existed.
 */
kind: KommuneKind, 
/**
 * Two-digit Land code, derived from the key.
 */
land_code: string, 
/**
 * The Land's name, derived from the key.
 */
land: string, population: number | null, coordinator_name: string | null, coordinator_email: string | null, coordinator_phone: string | null, };

export type ProfileInput = { name: string, 
/**
 * The key: an AGS (8 digits) or an ARS (12 digits).
 */
ags: string, 
/**
 * Gemeinde if not given.
 */
kind?: KommuneKind | null, population?: number | null, coordinator_name?: string | null, coordinator_email?: string | null, coordinator_phone?: string | null, };

export type BlockingParty = "land" | "hersteller" | "fitko" | "it_dienstleister" | "gremium" | "sonstige";

export type ItemProgress = { status: Status, blocked_by: BlockingParty | null, blocked_text: string | null, owner: string | null, due: string | null, note: string | null, 
/**
 * When the item last changed (RFC 3339, UTC); `None` if never touched.
 */
updated_at: string | null, };

export type ItemState = { status: Status, blocked_by?: BlockingParty | null, blocked_text?: string | null, owner?: string | null, 
/**
 * `YYYY-MM-DD`.
 */
due?: string | null, note?: string | null, };

export type Status = "offen" | "in_arbeit" | "erledigt" | "nicht_zutreffend" | "extern_blockiert";

export type Blocker = { item_id: string, title: string, party: BlockingParty, party_label: string, text: string | null, };

export type ReportPreview = { report_id: string, 
/**
 * `YYYY-MM-DD`.
 */
report_date: string, municipality: string, ags: string, land: string, 
/**
 * Overall readiness in percent (`None` when nothing counts).
 */
percent: number | null, done: number, applicable: number, 
/**
 * Per dimension: label and percent.
 */
dimensions: Array<[string, number | null]>, open_items: number, blockers: number, overdue: number, 
/**
 * "Title, Version N" of each package the report is based on.
 */
packages: Array<string>, services: number, 
/**
 * Gaps worth fixing before the report goes out.
 */
warnings: Array<string>, };

export type Deadline = { kind: DeadlineKind, kind_label: string, 
/**
 * The checklist item (kind `aufgabe`).
 */
item_id: string | null, 
/**
 * What the date belongs to, for other kinds: the service or the package.
 */
context: string | null, title: string, due: string, 
/**
 * Days from the report date to the due date; negative when overdue.
 */
days: number, 
/**
 * The item's status (kind `aufgabe`).
 */
status: Status | null, owner: string | null, };

export type DimensionScore = { dimension: Dimension, label: string, score: Score, };

export type Score = { 
/**
 * Whole percent, rounded down; `None` when no item counts.
 */
percent: number | null, done: number, applicable: number, };

export type StatusCounts = { offen: number, in_arbeit: number, erledigt: number, nicht_zutreffend: number, extern_blockiert: number, };

export type StatusReport = { schema: string, date: string, profile: Profile | null, 
/**
 * Whose checklist it is: `counts` and `overall` count this actor's items.
 */
owner: Actor, overall: Score, dimensions: Array<DimensionScore>, 
/**
 * The checklist owner's own items per status: the headline (docs/readiness.md,
 * „Zählung“).
 */
counts: StatusCounts, 
/**
 * The other side's items per status, counted apart: the Land's tasks in a municipality's
 * checklist, which it follows but does not do.
 */
others: StatusCounts, blockers: Array<Blocker>, 
/**
 * Open items past their due date, oldest first.
 */
overdue: Array<Deadline>, 
/**
 * Open items due from today up to [`DUE_SOON_DAYS`] days ahead, soonest first.
 */
due_soon: Array<Deadline>, 
/**
 * The readiness of every service of the imported packages (docs/readiness.md).
 */
services: Array<ServiceReadiness>, 
/**
 * Ready or not, and why: the checklist and the services together.
 */
verdict: Verdict, };

export type Verdict = { 
/**
 * Every counted item done and every needed service ready.
 */
ready: boolean, 
/**
 * One or two sentences, e.g. „Noch nicht bereit: 3 von 20 Aufgaben der Kommune nicht erledigt, 2 von 3
 * Onlinediensten noch nicht bereit.“
 */
text: string, };

export type CheckState = "ok" | "fehlt" | "nicht_noetig";

export type ServiceCheck = { check: ServiceCheckKind, label: string, state: CheckState, state_label: string, 
/**
 * What was found, as a sentence.
 */
detail: string, 
/**
 * Fulfilled, but needs attention soon (an agreement or certificate expiring within
 * [`DUE_SOON_DAYS`] days).
 */
attention: boolean, };

export type ServiceCheckKind = "entscheidung" | "phase" | "anschlussdaten" | "vereinbarung" | "zertifikat" | "fachverfahren" | "hersteller";

export type ServiceReadiness = { package_id: string, service_id: string, name: string, verdict: ServiceVerdict, verdict_label: string, 
/**
 * One sentence: „Bereit.“, „Noch nicht bereit, weil …“ or „Nicht benötigt: …“.
 */
summary: string, 
/**
 * Every check, in [`ServiceCheckKind`] order; empty for a service not needed.
 */
checks: Array<ServiceCheck>, };

export type ServiceVerdict = "bereit" | "nicht_bereit" | "nicht_benoetigt";

export type Evidence = { id: number, item_id: string, title: string, 
/**
 * The original file name (for display only; the file is stored by its hash).
 */
file_name: string, media_type: string, size: number, sha256: string, 
/**
 * RFC 3339, UTC.
 */
added_at: string, };

export type Analysis = "offen" | "in_pruefung" | "abgeschlossen";

export type FachverfahrenInput = { product: string, vendor: string, version?: string | null, 
/**
 * IDs of the services (from the packages) it serves.
 */
services: Array<string>, interface: Interface, vendor_commissioned: boolean, 
/**
 * `YYYY-MM-DD`, only with `vendor_commissioned`.
 */
commissioned_on?: string | null, analysis: Analysis, note?: string | null, };

export type Interface = "fit_connect" | "osci_xta" | "keine";

export type Inventory = { entries: Array<InventoryEntry>, 
/**
 * Fachverfahren of the Land's list without an entry in the inventory.
 */
land_only: Array<LandFachverfahren>, };

export type InventoryEntry = { id: number, 
/**
 * The same product of the same vendor in the Land's list, if any.
 */
land_match: LandFachverfahren | null, updated_at: string, product: string, vendor: string, version?: string | null, 
/**
 * IDs of the services (from the packages) it serves.
 */
services: Array<string>, interface: Interface, vendor_commissioned: boolean, 
/**
 * `YYYY-MM-DD`, only with `vendor_commissioned`.
 */
commissioned_on?: string | null, analysis: Analysis, note?: string | null, };

export type LandFachverfahren = { package_id: string, id: string, product: string, vendor: string, interface: string, services: Array<string>, };

export type DeadlineKind = "aufgabe" | "anmeldeschluss" | "phase" | "vereinbarung" | "zertifikat";

export type Area = "fachlich" | "technisch";

export type Priority = "hoch" | "mittel" | "niedrig";

export type Requirement = { id: number, created_at: string, updated_at: string, package_id: string, service_id: string, kind: RequirementKind, area: Area, description: string, priority: Priority, };

export type RequirementInput = { package_id: string, service_id: string, kind: RequirementKind, area: Area, description: string, priority: Priority, };

export type RequirementKind = "anforderung" | "funktionswunsch";

export type Person = { id: number, role: Role, role_label: string, name: string, email: string | null, phone: string | null, };

export type PersonInput = { role: Role, name: string, email?: string | null, phone?: string | null, };

export type Role = "ozg_koordination" | "projektleitung" | "technik" | "fachlichkeit" | "datenschutz" | "informationssicherheit" | "betrieb" | "postfach";

export type ConnectionData = { 
/**
 * ID of the organisational unit (PVOG / Zuständigkeitsfinder).
 */
ou_id?: string | null, 
/**
 * Link to the service's entry in the PVOG (`https://…`).
 */
pvog_url?: string | null, 
/**
 * DVDV Behördenkennung, `präfix:kennung`, e.g. `ags:09162000`.
 */
dvdv_key?: string | null, 
/**
 * FIT-Connect destination ID (a UUID).
 */
fit_connect_destination?: string | null, transport_route?: TransportRoute | null, };

export type Phase = "interesse" | "voraussetzungen" | "fragebogen" | "freischaltung" | "produktionstest" | "produktiv";

export type PhaseDate = { phase: Phase, 
/**
 * `YYYY-MM-DD`.
 */
date: string, };

export type ServiceState = { 
/**
 * The phase reached; `None` before the connection has started.
 */
phase?: Phase | null, 
/**
 * At most one date per phase, in phase order.
 */
phase_dates: Array<PhaseDate>, connection: ConnectionData, 
/**
 * End of the Nachnutzung agreement, `YYYY-MM-DD`.
 */
agreement_expires?: string | null, 
/**
 * Expiry of the certificate used for the transport route, `YYYY-MM-DD`.
 */
certificate_expires?: string | null, 
/**
 * The municipality would take part as a pilot.
 */
pilot_interest: boolean, 
/**
 * Staff need training for this service.
 */
training_needed: boolean, };

export type TransportRoute = "fit_connect" | "osci_xta" | "uebergang";

export type Decision = "ja" | "nein" | "offen";

export type ImportAction = "new" | "update" | "unchanged";

export type ImportPreview = { package_id: string, title: string, version: number, land_code: string, land: string, issued: string, valid_until: string, fingerprint: string, key: KeyStatus, 
/**
 * With `key` = `endorsed`: the old key's confirmation of the new one.
 */
key_change: KeyChange | null, 
/**
 * Revocations the package carries that the municipality has not recorded yet; the import
 * records them.
 */
revocations: Array<RevokedKey>, installed_version: number | null, action: ImportAction, changes: Array<Change>, documents: number, document_bytes: number, };

export type InstalledPackage = { manifest: Manifest, fingerprint: string, imported_at: string, 
/**
 * Decision per service ID.
 */
decisions: { [key in string]: ServiceDecision }, 
/**
 * Event IDs marked as attended.
 */
attended: Array<string>, documents: Array<StoredDocument>, 
/**
 * Items of this package that a later version removed (kept with their history).
 */
archived_items: Array<Item>, 
/**
 * The costs for this municipality (empty while its population is not recorded).
 */
costs_for_municipality: Array<CostShare>, 
/**
 * The municipality's state per service ID (phase, connection data, …), where entered.
 */
service_states: { [key in string]: ServiceState }, 
/**
 * Requirements to the Land on services of this package.
 */
requirements: Array<Requirement>, };

export type KeyChange = { 
/**
 * The trusted key that endorsed the new one.
 */
old_fingerprint: string, 
/**
 * The new key, which signed the package.
 */
new_fingerprint: string, 
/**
 * The day of the endorsement (`YYYY-MM-DD`).
 */
endorsed_on: string, 
/**
 * What the clerk reads, in German.
 */
message: string, };

export type MemberDecision = { package_id: string, service_id: string, 
/**
 * The member's AGS.
 */
ags: string, decision: Decision, };

export type KeyStatus = "trusted" | "first_of_land" | "endorsed" | "after_revocation" | "preset";

export type RevokedKey = { land_code: string, 
/**
 * The revoked public key (hex).
 */
public_key: string, fingerprint: string, 
/**
 * The day the Land revoked it (`YYYY-MM-DD`).
 */
revoked_at: string, 
/**
 * The reason as the clerk reads it.
 */
reason: string, 
/**
 * What the clerk reads, in German.
 */
message: string, };

export type RevocationImported = { revocation: RevokedKey, 
/**
 * Whether the municipality trusted the revoked key (it no longer does).
 */
was_trusted: boolean, 
/**
 * `false` if the key was recorded as revoked already (nothing changed).
 */
recorded: boolean, };

export type ReportExport = { id: number, 
/**
 * When it was exported (RFC 3339, UTC).
 */
at: string, report_id: string, 
/**
 * `YYYY-MM-DD`.
 */
report_date: string, path: string, sha256: string, bytes: number, pages: number, recipient: string | null, };

export type ServiceDecision = { decision: Decision, reason: string | null, };

export type StoredDocument = { path: string, title: string, media_type: string, size: number, sha256: string, };
