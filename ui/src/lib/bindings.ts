// Generated from the Rust types of the core (src/bindings.rs). Do not edit.

export type AgsCheck = { valid: boolean, 
/**
 * The AGS as it will be stored (8 digits), if valid.
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
 * `profile` or `item`.
 */
entity: string, item_id: string | null, 
/**
 * The item's title, if the item is known.
 */
item_title: string | null, field: string, 
/**
 * German name of the field.
 */
field_label: string, old_value: string | null, new_value: string | null, };

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
source: string, sections: Array<Section>, points: Array<Point>, items: Array<Item>, };

export type Dimension = "finanziell" | "rechtlich" | "organisatorisch" | "technisch";

export type Item = { 
/**
 * Stable ID, e.g. `finanzierung-kosten`.
 */
id: string, 
/**
 * The source point, e.g. `2.F`.
 */
point: string, dimension: Dimension, actor: Actor, title: string, explanation: string, };

export type Point = { id: string, section: string, title: string, };

export type Section = { id: string, title: string, };

export type Checklist = { 
/**
 * Title of the source document.
 */
source: string, sections: Array<Section>, points: Array<Point>, entries: Array<ChecklistEntry>, };

export type ChecklistEntry = { item: Item, progress: ItemProgress, };

export type AppInfo = { version: string, db_path: string, };

export type IpcError = { code: string, message: string, field: string | null, };

export type Profile = { name: string, 
/**
 * 8 digits.
 */
ags: string, 
/**
 * Two-digit Land code, derived from the AGS.
 */
land_code: string, 
/**
 * The Land's name, derived from the AGS.
 */
land: string, population: number | null, coordinator_name: string | null, coordinator_email: string | null, coordinator_phone: string | null, };

export type ProfileInput = { name: string, ags: string, population?: number | null, coordinator_name?: string | null, coordinator_email?: string | null, coordinator_phone?: string | null, };

export type BlockingParty = "land" | "hersteller" | "fitko" | "sonstige";

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

export type Deadline = { item_id: string, title: string, due: string, 
/**
 * Days from the report date to the due date; negative when overdue.
 */
days: number, status: Status, owner: string | null, };

export type DimensionScore = { dimension: Dimension, label: string, score: Score, };

export type Score = { 
/**
 * Whole percent, rounded down; `None` when no item counts.
 */
percent: number | null, done: number, applicable: number, };

export type StatusCounts = { offen: number, in_arbeit: number, erledigt: number, nicht_zutreffend: number, extern_blockiert: number, };

export type StatusReport = { schema: string, date: string, profile: Profile | null, overall: Score, dimensions: Array<DimensionScore>, counts: StatusCounts, blockers: Array<Blocker>, 
/**
 * Open items past their due date, oldest first.
 */
overdue: Array<Deadline>, 
/**
 * Open items due from today up to [`DUE_SOON_DAYS`] days ahead, soonest first.
 */
due_soon: Array<Deadline>, };
