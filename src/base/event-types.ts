/** What a field of an event holds; `choice`: one of the words a declared event type lists. */
export type FieldKind = 'treaty' | 'state' | 'states' | 'bool' | 'tri' | 'text' | 'date' | 'choice';

/** A field of an event type: what it holds and whether the scenario must give it. */
export interface FieldSpec {
  kind: FieldKind;
  required: boolean;
  /** The words a `choice` field takes (`partial`, `general`). */
  choices?: readonly string[];
}

const f = (kind: FieldKind, required = true): FieldSpec => ({ kind, required });

/**
 * The common event vocabulary of the contract (shared/spec/scenarios.md §3), plus casus's own
 * additions (the contract lets treaties add event types): `entry-into-force` for treaties whose
 * entry is a recorded fact (the Covenant); `accession`, `extension` and `termination` for the
 * lifecycle of open or prolonged treaties; `occupation`, `annexation` and `cession` for uses of
 * force short of war and transfers of territory; `council-finding` for the League Council's
 * finding that a state violated an obligation (Locarno Art. 4); and an optional `form` of
 * `assistance` (`limited-offensive`, `main-offensive`, `supplies`...) for treaties that promise
 * a particular kind; and an optional `unprovoked` on `war-declaration`, as on `aggression`, so
 * that "attacked without provocation" can be asked of a declaration too (the Triple Alliance's
 * casus foederis). A library may declare more types, and classes of them (corpus/vocabulary.ts).
 * Every event also has `date` and `type`.
 */
export const EVENT_TYPES: Readonly<Record<string, Readonly<Record<string, FieldSpec>>>> = {
  signature: { treaty: f('treaty'), by: f('state', false) },
  ratification: { treaty: f('treaty'), by: f('state') },
  'ratifications-exchanged': { treaty: f('treaty') },
  'entry-into-force': { treaty: f('treaty') },
  registration: { treaty: f('treaty') },
  denunciation: { treaty: f('treaty'), by: f('state') },
  accession: { treaty: f('treaty'), by: f('state') },
  extension: { treaty: f('treaty'), until: f('date') },
  termination: { treaty: f('treaty'), by: f('state', false) },
  'league-admission': { state: f('state') },
  'league-withdrawal': { state: f('state') },
  'league-expulsion': { state: f('state') },
  threat: { by: f('state'), against: f('state') },
  aggression: { by: f('state'), against: f('state'), unprovoked: f('tri', false) },
  'war-declaration': { by: f('state'), against: f('state'), unprovoked: f('tri', false) },
  peace: { between: f('states') },
  referral: { by: f('state'), against: f('state') },
  'council-report': { dispute: f('states'), unanimous: f('bool') },
  'council-recommendation': { dispute: f('states'), under: f('text') },
  invitation: { to: f('state') },
  'invitation-refused': { to: f('state') },
  approval: { by: f('state'), for: f('text', false) },
  consultation: { between: f('states') },
  assistance: { by: f('state'), to: f('state'), against: f('state', false), form: f('text', false) },
  refusal: { by: f('state'), norm: f('text', false) },
  remilitarisation: { by: f('state'), zone: f('text') },
  occupation: { by: f('state'), against: f('state') },
  annexation: { by: f('state'), against: f('state') },
  cession: { by: f('state'), to: f('state') },
  'council-finding': { against: f('state'), under: f('text') },
};

/** Event types an act of a state (`by`) brings about: withholding it is a veto. */
export const ACT_TYPES: ReadonlySet<string> = new Set([
  'approval',
  'assistance',
  'ratification',
  'referral',
  'signature',
  'consultation',
  'invitation-refused',
  'accession',
]);

/** The event type with its indefinite article, for messages: `an aggression`, `a threat`. */
export function eventTypeWithArticle(type: string): string {
  return `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
}
