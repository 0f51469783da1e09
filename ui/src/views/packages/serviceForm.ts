// The service card's one form: the decision, the phase with its dates and the connection data,
// built from what is stored and turned back into the core's input on "Speichern".
import type { Decision, IpcError, Phase, Service, ServiceDecision, ServiceState, TransportRoute } from '../../lib/bindings';
import type { FormState } from '../../lib/formState.svelte';
import { PHASES, PHASE_LABELS } from '../../lib/labels';

export type Dates = Record<Phase, string>;

export type ConnectionForm = {
  ou_id: string;
  pvog_url: string;
  dvdv_key: string;
  fit_connect_destination: string;
  transport_route: TransportRoute | '';
  agreement_expires: string;
  certificate_expires: string;
  pilot_interest: boolean;
  training_needed: boolean;
};

export type ServiceForm = {
  decision: Decision;
  reason: string;
  phase: Phase | '';
  dates: Dates;
  connection: ConnectionForm;
};

/** The connection fields by the core's names, which are also the suffixes of their IDs. */
export const CONNECTION_FIELDS = [
  'ou_id',
  'pvog_url',
  'dvdv_key',
  'fit_connect_destination',
  'transport_route',
  'agreement_expires',
  'certificate_expires',
  'pilot_interest',
  'training_needed',
] as const;

/** Every field of the card by the core's names. */
export const SERVICE_FIELDS = ['reason', 'phase', 'phase_dates', ...CONNECTION_FIELDS] as const;
export type ServiceField = (typeof SERVICE_FIELDS)[number];

/** The props of a part of the card (phase, connection data): it edits the card's form. */
export type ServicePartProps = {
  service: Service;
  base: string;
  /** The service's state as last saved, for the part's summary line. */
  saved: ServiceState;
  form: ServiceForm;
  status: FormState<ServiceField>;
};

export const EMPTY_STATE: ServiceState = {
  phase: null,
  phase_dates: [],
  connection: {},
  agreement_expires: null,
  certificate_expires: null,
  pilot_interest: false,
  training_needed: false,
};

export function formOf(decision: ServiceDecision | undefined, s: ServiceState): ServiceForm {
  const dates = Object.fromEntries(PHASES.map((p) => [p, ''])) as Dates;
  for (const pd of s.phase_dates) dates[pd.phase] = pd.date;
  const c = s.connection;
  return {
    decision: decision?.decision ?? 'offen',
    reason: decision?.reason ?? '',
    phase: s.phase ?? '',
    dates,
    connection: {
      ou_id: c.ou_id ?? '',
      pvog_url: c.pvog_url ?? '',
      dvdv_key: c.dvdv_key ?? '',
      fit_connect_destination: c.fit_connect_destination ?? '',
      transport_route: c.transport_route ?? '',
      agreement_expires: s.agreement_expires ?? '',
      certificate_expires: s.certificate_expires ?? '',
      pilot_interest: s.pilot_interest,
      training_needed: s.training_needed,
    },
  };
}

function orNull(v: string): string | null {
  return v.trim() === '' ? null : v;
}

/** What the card sends to the core. */
export function inputOf(form: ServiceForm): { decision: ServiceDecision; state: ServiceState } {
  const c = form.connection;
  return {
    decision: { decision: form.decision, reason: orNull(form.reason) },
    state: {
      phase: form.phase === '' ? null : form.phase,
      phase_dates: PHASES.filter((p) => form.dates[p].trim() !== '').map((p) => ({ phase: p, date: form.dates[p].trim() })),
      connection: {
        ou_id: orNull(c.ou_id),
        pvog_url: orNull(c.pvog_url),
        dvdv_key: orNull(c.dvdv_key),
        fit_connect_destination: orNull(c.fit_connect_destination),
        transport_route: c.transport_route === '' ? null : c.transport_route,
      },
      agreement_expires: orNull(c.agreement_expires),
      certificate_expires: orNull(c.certificate_expires),
      pilot_interest: c.pilot_interest,
      training_needed: c.training_needed,
    },
  };
}

/** The phase whose date the core refused: the one its message names, else the first filled in. */
export function badDateOf(error: IpcError | null, dates: Dates): Phase | null {
  if (error?.field !== 'phase_dates') return null;
  return (
    PHASES.find((p) => error.message.includes(`„${PHASE_LABELS[p]}“`)) ??
    PHASES.find((p) => dates[p] !== '') ??
    'interesse'
  );
}

/** The ID of the element that shows the error of `field` on the card with `base`. */
export function fieldElementId(base: string, field: ServiceField | null, error: IpcError | null, dates: Dates): string {
  if (field === null) return `${base}-error`;
  if (field === 'reason') return `${base}-reason`;
  if (field === 'phase') return `${base}-phase`;
  if (field === 'phase_dates') return `${base}-date-${badDateOf(error, dates)}`;
  return `${base}-conn-${field}`;
}
