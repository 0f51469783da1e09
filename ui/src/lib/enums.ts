// Generated from the Rust types of the core (src/bindings.rs). Do not edit.
// The core's closed lists: their keys in order, and their German labels.

import type {
  Actor,
  Analysis,
  Area,
  BlockingParty,
  ChangeArea,
  ChangeKind,
  DeadlineKind,
  Decision,
  Dimension,
  Feature,
  Interface,
  KeyFile,
  KeyState,
  KommuneKind,
  LandStep,
  MunicipalityRole,
  Phase,
  Priority,
  RequirementKind,
  ReuseKind,
  Role,
  Status,
  TransportRoute,
  WorkspaceKind,
} from './bindings';

/** `Status` in the core's order. */
export const STATUSES: readonly Status[] = [
  'offen',
  'in_arbeit',
  'erledigt',
  'nicht_zutreffend',
  'extern_blockiert',
];

export const STATUS_LABELS: Record<Status, string> = {
  offen: 'Offen',
  in_arbeit: 'In Arbeit',
  erledigt: 'Erledigt',
  nicht_zutreffend: 'Nicht zutreffend',
  extern_blockiert: 'Extern blockiert',
};

/** `BlockingParty` in the core's order. */
export const BLOCKING_PARTIES: readonly BlockingParty[] = [
  'land',
  'hersteller',
  'fitko',
  'it_dienstleister',
  'gremium',
  'sonstige',
];

export const BLOCKING_PARTY_LABELS: Record<BlockingParty, string> = {
  land: 'Land',
  hersteller: 'Hersteller',
  fitko: 'FITKO',
  it_dienstleister: 'IT-Dienstleister',
  gremium: 'Rat / Gremium',
  sonstige: 'Sonstige',
};

/** `Dimension` in the core's order. */
export const DIMENSIONS: readonly Dimension[] = [
  'finanziell',
  'rechtlich',
  'organisatorisch',
  'technisch',
];

export const DIMENSION_LABELS: Record<Dimension, string> = {
  finanziell: 'Finanziell',
  rechtlich: 'Rechtlich',
  organisatorisch: 'Organisatorisch',
  technisch: 'Technisch',
};

/** `Actor` in the core's order. */
export const ACTORS: readonly Actor[] = ['kommune', 'land'];

export const ACTOR_LABELS: Record<Actor, string> = {
  kommune: 'Kommune',
  land: 'Land',
};

/** `DeadlineKind` in the core's order. */
export const DEADLINE_KINDS: readonly DeadlineKind[] = [
  'aufgabe',
  'anmeldeschluss',
  'phase',
  'vereinbarung',
  'zertifikat',
];

export const DEADLINE_KIND_LABELS: Record<DeadlineKind, string> = {
  aufgabe: 'Aufgabe',
  anmeldeschluss: 'Anmeldeschluss',
  phase: 'Phasentermin',
  vereinbarung: 'Vereinbarung läuft ab',
  zertifikat: 'Zertifikat läuft ab',
};

/** `LandStep` in the core's order. */
export const LAND_STEPS: readonly LandStep[] = ['offen', 'in_vorbereitung', 'abgeschlossen'];

export const LAND_STEP_LABELS: Record<LandStep, string> = {
  offen: 'offen',
  in_vorbereitung: 'in Vorbereitung',
  abgeschlossen: 'abgeschlossen',
};

/** `ReuseKind` in the core's order. */
export const REUSE_KINDS: readonly ReuseKind[] = [
  'fit_store',
  'govdigital',
  'kommunalvertreter',
  'verwaltungsvereinbarung',
];

export const REUSE_KIND_LABELS: Record<ReuseKind, string> = {
  fit_store: 'FIT-Store (Inhouse-Ausnahme, § 108 GWB)',
  govdigital: 'govdigital',
  kommunalvertreter: 'Kommunalvertretermodell („NRW-Modell“)',
  verwaltungsvereinbarung: 'Verwaltungsvereinbarung',
};

/** `MunicipalityRole` in the core's order. */
export const MUNICIPALITY_ROLES: readonly MunicipalityRole[] = ['pilot', 'peer'];

export const MUNICIPALITY_ROLE_LABELS: Record<MunicipalityRole, string> = {
  pilot: 'Pilotkommune',
  peer: 'Partnerkommune',
};

/** `ChangeArea` in the core's order. */
export const CHANGE_AREAS: readonly ChangeArea[] = [
  'aufgabe',
  'hinweis',
  'frist',
  'kosten',
  'kontakt',
  'onlinedienst',
  'veranstaltung',
  'kommune',
  'fachverfahren',
  'dokument',
  'nachnutzungsmodell',
];

export const CHANGE_AREA_LABELS: Record<ChangeArea, string> = {
  aufgabe: 'Aufgabe',
  hinweis: 'Hinweis des Landes',
  frist: 'Frist',
  kosten: 'Kosten',
  kontakt: 'Kontakt',
  onlinedienst: 'Onlinedienst',
  veranstaltung: 'Veranstaltung',
  kommune: 'Pilot- oder Partnerkommune',
  fachverfahren: 'Fachverfahren',
  dokument: 'Dokument',
  nachnutzungsmodell: 'Nachnutzungsmodell',
};

/** `ChangeKind` in the core's order. */
export const CHANGE_KINDS: readonly ChangeKind[] = ['added', 'changed', 'removed'];

export const CHANGE_KIND_LABELS: Record<ChangeKind, string> = {
  added: 'neu',
  changed: 'geändert',
  removed: 'entfernt',
};

/** `Phase` in the core's order. */
export const PHASES: readonly Phase[] = [
  'interesse',
  'voraussetzungen',
  'fragebogen',
  'freischaltung',
  'produktionstest',
  'produktiv',
];

export const PHASE_LABELS: Record<Phase, string> = {
  interesse: 'Interesse',
  voraussetzungen: 'Voraussetzungen',
  fragebogen: 'Fragebogen',
  freischaltung: 'Freischaltung',
  produktionstest: 'Produktionstest',
  produktiv: 'In Betrieb',
};

/** `TransportRoute` in the core's order. */
export const TRANSPORT_ROUTES: readonly TransportRoute[] = ['fit_connect', 'osci_xta', 'uebergang'];

export const TRANSPORT_ROUTE_LABELS: Record<TransportRoute, string> = {
  fit_connect: 'FIT-Connect',
  osci_xta: 'OSCI/XTA',
  uebergang: 'Übergangslösung',
};

/** `RequirementKind` in the core's order. */
export const REQUIREMENT_KINDS: readonly RequirementKind[] = ['anforderung', 'funktionswunsch'];

export const REQUIREMENT_KIND_LABELS: Record<RequirementKind, string> = {
  anforderung: 'Anforderung',
  funktionswunsch: 'Funktionswunsch',
};

/** `Area` in the core's order. */
export const AREAS: readonly Area[] = ['fachlich', 'technisch'];

export const AREA_LABELS: Record<Area, string> = {
  fachlich: 'Fachlich',
  technisch: 'Technisch',
};

/** `Priority` in the core's order. */
export const PRIORITIES: readonly Priority[] = ['hoch', 'mittel', 'niedrig'];

export const PRIORITY_LABELS: Record<Priority, string> = {
  hoch: 'Hoch',
  mittel: 'Mittel',
  niedrig: 'Niedrig',
};

/** `Interface` in the core's order. */
export const INTERFACES: readonly Interface[] = ['fit_connect', 'osci_xta', 'keine'];

export const INTERFACE_LABELS: Record<Interface, string> = {
  fit_connect: 'FIT-Connect',
  osci_xta: 'OSCI/XTA',
  keine: 'Keine',
};

/** `Analysis` in the core's order. */
export const ANALYSES: readonly Analysis[] = ['offen', 'in_pruefung', 'abgeschlossen'];

export const ANALYSIS_LABELS: Record<Analysis, string> = {
  offen: 'Offen',
  in_pruefung: 'In Prüfung',
  abgeschlossen: 'Abgeschlossen',
};

/** `Role` in the core's order. */
export const ROLES: readonly Role[] = [
  'ozg_koordination',
  'projektleitung',
  'technik',
  'fachlichkeit',
  'datenschutz',
  'informationssicherheit',
  'betrieb',
  'postfach',
];

export const ROLE_LABELS: Record<Role, string> = {
  ozg_koordination: 'Stellvertretung OZG-Umsetzung',
  projektleitung: 'Projektleitung',
  technik: 'Technik',
  fachlichkeit: 'Fachbereich',
  datenschutz: 'Datenschutz',
  informationssicherheit: 'Informationssicherheit',
  betrieb: 'Betrieb / erste Anlaufstelle',
  postfach: 'Funktionspostfach',
};

/** `KommuneKind` in the core's order. */
export const KOMMUNE_KINDS: readonly KommuneKind[] = [
  'gemeinde',
  'kreisfreie_stadt',
  'amt',
  'verbandsgemeinde',
  'samtgemeinde',
  'verwaltungsgemeinschaft',
  'kreis',
];

export const KOMMUNE_KIND_LABELS: Record<KommuneKind, string> = {
  gemeinde: 'Gemeinde',
  kreisfreie_stadt: 'Kreisfreie Stadt',
  amt: 'Amt',
  verbandsgemeinde: 'Verbandsgemeinde',
  samtgemeinde: 'Samtgemeinde',
  verwaltungsgemeinschaft: 'Verwaltungsgemeinschaft',
  kreis: 'Kreis',
};

/** `Decision` in the core's order. */
export const DECISIONS: readonly Decision[] = ['ja', 'nein', 'offen'];

export const DECISION_LABELS: Record<Decision, string> = {
  ja: 'Ja',
  nein: 'Nein',
  offen: 'Offen',
};

/** `WorkspaceKind` in the core's order. */
export const WORKSPACE_KINDS: readonly WorkspaceKind[] = ['kommune', 'land'];

export const WORKSPACE_KIND_LABELS: Record<WorkspaceKind, string> = {
  kommune: 'Kommune',
  land: 'Land (OZG-Koordination)',
};

/** `KeyState` in the core's order. */
export const KEY_STATES: readonly KeyState[] = ['aktiv', 'abgeloest', 'widerrufen'];

export const KEY_STATE_LABELS: Record<KeyState, string> = {
  aktiv: 'in Gebrauch',
  abgeloest: 'abgelöst',
  widerrufen: 'widerrufen',
};

/** `KeyFile` in the core's order. */
export const KEY_FILES: readonly KeyFile[] = ['oeffentlich', 'widerruf', 'geheim'];

export const KEY_FILE_LABELS: Record<KeyFile, string> = {
  oeffentlich: 'Öffentlicher Schlüssel',
  widerruf: 'Widerrufszertifikat',
  geheim: 'Geheimer Schlüssel (verschlüsselt)',
};

/** `Feature` in the core's order. */
export const FEATURES: readonly Feature[] = ['arbeitsbereich_wechseln', 'wiederherstellen'];

export const FEATURE_LABELS: Record<Feature, string> = {
  arbeitsbereich_wechseln: 'Arbeitsbereich wechseln',
  wiederherstellen: 'Sicherung wiederherstellen',
};

/** Labels of recorded fields, the same for every entity (`audit::FIELD_LABELS`). */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  name: 'Name',
  ags: 'AGS / ARS',
  kommune_kind: 'Art der Kommune',
  member: 'Mitglied',
  member_decision: 'Entscheidung (Bedarfsträger) eines Mitglieds',
  population: 'Einwohnerzahl',
  coordinator_name: 'Ansprechperson für die OZG-Umsetzung',
  coordinator_email: 'E-Mail der Ansprechperson für die OZG-Umsetzung',
  coordinator_phone: 'Telefon der Ansprechperson für die OZG-Umsetzung',
  status: 'Status',
  blocked_by: 'Blockiert durch',
  blocked_text: 'Beschreibung der Blockade',
  owner: 'Verantwortlich',
  due: 'Fällig am',
  note: 'Notiz',
  version: 'Paketversion',
  decision: 'Entscheidung (Bedarfsträger)',
  decision_reason: 'Begründung',
  attended: 'Teilgenommen',
  review: 'Bitte prüfen',
  role: 'Rolle',
  email: 'E-Mail',
  phone: 'Telefon',
  phase: 'Phase',
  phase_dates: 'Termine der Phasen',
  ou_id: 'Organisationseinheit-ID',
  pvog_url: 'PVOG-Link',
  dvdv_key: 'DVDV-Kennung',
  fit_connect_destination: 'FIT-Connect-Zustellpunkt',
  transport_route: 'Transportweg',
  agreement_expires: 'Vereinbarung gültig bis',
  certificate_expires: 'Zertifikat gültig bis',
  pilot_interest: 'Interesse als Pilotkommune',
  training_needed: 'Schulungsbedarf',
  product: 'Produkt',
  vendor: 'Hersteller',
  services: 'Onlinedienste',
  interface: 'Schnittstelle',
  vendor_commissioned: 'Hersteller beauftragt',
  commissioned_on: 'Beauftragt am',
  analysis: 'Analysestand',
  evidence: 'Nachweis',
  kind: 'Art',
  area: 'Bereich',
  description: 'Beschreibung',
  priority: 'Priorität',
  publication: 'Veröffentlicht',
  key: 'Signaturschlüssel',
  key_rotated: 'Neuer Schlüssel, vom bisherigen bestätigt',
  key_trusted: 'Neuer Schlüssel, Fingerabdruck bestätigt',
  key_revoked: 'Schlüssel widerrufen',
};

/** Labels of fields that depend on their entity: `[entity, field, label]`. */
export const ENTITY_FIELD_LABELS: readonly (readonly [string, string, string])[] = [
  ['profile', 'name', 'Name der Kommune'],
  ['fachverfahren', 'version', 'Version'],
  ['land', 'name', 'Name der OZG-Koordination'],
  ['land', 'land_code', 'Land'],
];

/** The Länder by their two-digit code, in code order (`ags::Land`). */
export const LAENDER: readonly (readonly [string, string])[] = [
  ['01', 'Schleswig-Holstein'],
  ['02', 'Hamburg'],
  ['03', 'Niedersachsen'],
  ['04', 'Bremen'],
  ['05', 'Nordrhein-Westfalen'],
  ['06', 'Hessen'],
  ['07', 'Rheinland-Pfalz'],
  ['08', 'Baden-Württemberg'],
  ['09', 'Bayern'],
  ['10', 'Saarland'],
  ['11', 'Berlin'],
  ['12', 'Brandenburg'],
  ['13', 'Mecklenburg-Vorpommern'],
  ['14', 'Sachsen'],
  ['15', 'Sachsen-Anhalt'],
  ['16', 'Thüringen'],
];
