// The state of the Land's package editor: the draft as it is being typed, saved in the
// background a moment after the last change, and the core's problems with it, each under the
// field it names. Every check is the core's (the import's own validation); the editor only
// places the messages.

import { getContext, setContext, tick } from 'svelte';
import { save_package_draft, toIpcError } from '../../lib/api';
import type { FieldIssue, IpcError, Manifest, Publication } from '../../lib/bindings';

/** The sections of the editor, in order. */
export const SECTIONS = [
  'paket',
  'dienste',
  'nachnutzung',
  'kosten',
  'kontakte',
  'veranstaltungen',
  'kommunen',
  'fachverfahren',
  'checkliste',
  'dokumente',
] as const;
export type SectionKey = (typeof SECTIONS)[number];

export const SECTION_TITLES: Record<SectionKey, string> = {
  paket: 'Paket',
  dienste: 'Onlinedienste',
  nachnutzung: 'Rechtliches Nachnutzungsmodell',
  kosten: 'Kosten',
  kontakte: 'Ansprechpersonen und Taskforce',
  veranstaltungen: 'Informationsveranstaltungen',
  kommunen: 'Pilot- und Partnerkommunen',
  fachverfahren: 'Fachverfahren',
  checkliste: 'Checkliste',
  dokumente: 'Dokumente',
};

/** The manifest's lists with entries of their own, by their field path. */
const LISTS: readonly (readonly [string, SectionKey, string])[] = [
  ['services', 'dienste', 'Onlinedienst'],
  ['costs', 'kosten', 'Kostenmodell'],
  ['contacts', 'kontakte', 'Ansprechperson'],
  ['events', 'veranstaltungen', 'Veranstaltung'],
  ['municipalities', 'kommunen', 'Kommune'],
  ['fachverfahren', 'fachverfahren', 'Fachverfahren'],
  ['checklist.additions', 'checkliste', 'Zusatzaufgabe'],
  ['checklist.guidance', 'checkliste', 'Hinweis'],
  ['documents', 'dokumente', 'Dokument'],
];

/**
 * The field an issue is shown at: the issue's path, except where one control holds several
 * values (the LeiKa keys of a service, the services ticked for a municipality or Fachverfahren)
 * and for what the editor does not let the user type (a document's path, type and checksum,
 * shown at the document).
 */
export function fieldKey(path: string): string {
  const many = /^(services\.\d+\.leika|municipalities\.\d+\.services|fachverfahren\.\d+\.services)\.\d+$/.exec(path);
  if (many?.[1]) return many[1];
  const doc = /^(documents\.\d+)\.(path|media_type|sha256|size)$/.exec(path);
  if (doc?.[1]) return doc[1];
  return path;
}

/** The element ID of the control for the field `key` (see [`fieldKey`]). */
export function fieldId(key: string): string {
  return `ed-${key.replaceAll('.', '-')}`;
}

/** The section a field belongs to. */
export function sectionOf(key: string): SectionKey {
  for (const [list, section] of LISTS) {
    if (key === list || key.startsWith(`${list}.`)) return section;
  }
  if (key.startsWith('reuse_model')) return 'nachnutzung';
  return 'paket';
}

/** Where an issue is, in words: "Onlinedienst 2", "Kostenmodell 1, Staffel 2", "Paket". */
export function placeOf(key: string): string {
  for (const [list, , entry] of LISTS) {
    if (key === list) return SECTION_TITLES[sectionOf(key)];
    const m = new RegExp(`^${list.replace('.', '\\.')}\\.(\\d+)(?:\\.brackets(?:\\.(\\d+))?)?`).exec(key);
    if (m?.[1] !== undefined) {
      const bracket = m[2] !== undefined ? `, Staffel ${Number(m[2]) + 1}` : '';
      return `${entry} ${Number(m[1]) + 1}${bracket}`;
    }
  }
  return key.startsWith('reuse_model') ? SECTION_TITLES.nachnutzung : SECTION_TITLES.paket;
}

/** `prefix-n` with the smallest n ≥ `from` that none of `taken` has. */
export function freeId(prefix: string, taken: readonly string[], from = 1): string {
  let n = Math.max(1, from);
  while (taken.includes(`${prefix}-${n}`)) n += 1;
  return `${prefix}-${n}`;
}

/** Empty (or only spaces) is no value. */
export function opt(value: string): string | null {
  return value.trim() === '' ? null : value;
}

/** How long the editor waits after a change before it saves. */
const SAVE_DELAY_MS = 400;

/** `idle`: nothing typed since the draft was loaded. */
export type SaveState = 'idle' | 'saved' | 'pending' | 'error';

export class DraftEditor {
  manifest: Manifest = $state() as Manifest;
  /** The core's problems with the draft as last saved. */
  issues = $state<FieldIssue[]>([]);
  published = $state<Publication | null>(null);
  saveState = $state<SaveState>('idle');
  saveError = $state<IpcError | null>(null);
  /** Which sections are expanded. */
  open = $state<Record<SectionKey, boolean>>(
    Object.fromEntries(SECTIONS.map((s) => [s, s === 'paket'])) as Record<SectionKey, boolean>,
  );
  /** The sample population for the costs, as typed. */
  sample = $state('20.000');
  /** Asks before an entry is removed; set by the view that shows the question. */
  confirmRemove: (title: string, message: string) => Promise<boolean> = () => Promise.resolve(false);

  /** Messages per field (see [`fieldKey`]). */
  #byField = $derived.by(() => {
    const out = new Map<string, string[]>();
    for (const issue of this.issues) {
      const key = fieldKey(issue.field);
      out.set(key, [...(out.get(key) ?? []), issue.message]);
    }
    return out;
  });
  /** Number of issues per section. */
  bySection = $derived.by(() => {
    const out = Object.fromEntries(SECTIONS.map((s) => [s, 0])) as Record<SectionKey, number>;
    for (const issue of this.issues) out[sectionOf(fieldKey(issue.field))] += 1;
    return out;
  });

  /** The draft as last seen by the change tracker (JSON), and how many changes there were. */
  #json = '';
  #edits = 0;
  #savedEdit = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #inflight: Promise<void> | null = null;

  constructor(manifest: Manifest, issues: FieldIssue[], published: Publication | null) {
    this.manifest = manifest;
    this.issues = issues;
    this.published = published;
    this.#json = JSON.stringify(manifest);
  }

  /** The message(s) for the field `key`, or null. */
  error = (key: string): string | null => this.#byField.get(key)?.join(' ') ?? null;

  /**
   * Called with the draft as JSON whenever it may have changed (from an effect that reads all of
   * it): saves a moment after the last change.
   */
  changed(json: string): void {
    if (json === this.#json) return;
    this.#json = json;
    this.#edits += 1;
    this.saveState = 'pending';
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (!this.#inflight) void this.#save();
    }, SAVE_DELAY_MS);
  }

  /** Saves what is typed now, without waiting; resolves once it is stored. */
  async saveNow(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    while (this.#inflight) await this.#inflight;
    if (this.#savedEdit !== this.#edits) await this.#save();
  }

  /**
   * Takes over what the core changed itself (a document added or removed). Everything else
   * stays as typed: the core had the latest edits, since `saveNow` ran before.
   */
  adopt(manifest: Manifest, issues: FieldIssue[]): void {
    this.manifest.documents = manifest.documents;
    this.manifest.reuse_model.document = manifest.reuse_model.document ?? null;
    this.issues = issues;
  }

  /** Forgets the issues of a list whose entries moved; the next answer brings them back. */
  dropIssues(list: string): void {
    this.issues = this.issues.filter((i) => !i.field.startsWith(`${list}.`));
  }

  /**
   * Asks (`title`, `message`), then removes entry `index` of `list`, the manifest's list at
   * `path` (e.g. `contacts`): its issues go until the next save, and the focus moves to the
   * list's add button.
   */
  async removeEntry<T>(list: T[], path: string, index: number, title: string, message: string): Promise<void> {
    if (!(await this.confirmRemove(title, message))) return;
    list.splice(index, 1);
    this.dropIssues(path);
    document.getElementById(fieldId(`${path}.add`))?.focus();
  }

  /** Expands the section of `key` and moves the focus to its control (else to the section). */
  async focusField(key: string): Promise<void> {
    const section = sectionOf(key);
    this.open[section] = true;
    await tick();
    const el = document.getElementById(fieldId(key)) ?? document.getElementById(`ed-${section}-toggle`);
    el?.focus();
  }

  #save(): Promise<void> {
    const edit = this.#edits;
    const json = this.#json;
    const run = (async () => {
      try {
        const saved = await save_package_draft({ manifest: JSON.parse(json) as Manifest });
        this.#savedEdit = edit;
        // An answer to an older state would put messages on fields typed over since.
        if (edit === this.#edits) {
          this.issues = saved.issues;
          this.published = saved.published;
          this.saveError = null;
          this.saveState = 'saved';
        }
      } catch (e) {
        if (edit === this.#edits) {
          this.saveError = toIpcError(e);
          this.saveState = 'error';
        }
      }
    })();
    this.#inflight = run.finally(() => {
      this.#inflight = null;
      if (this.#edits !== edit && this.#timer === undefined) void this.#save();
    });
    return this.#inflight;
  }
}

const KEY = Symbol('draft-editor');

export function setEditor(editor: DraftEditor): void {
  setContext(KEY, editor);
}

export function getEditor(): DraftEditor {
  return getContext<DraftEditor>(KEY);
}
