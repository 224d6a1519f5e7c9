// `./api.js`, not `./api`: test/treaty-web-status.test.ts imports this file under NodeNext resolution.
import type { NormInstance, PatternOut, UnboundParty, UnboundReason } from './api.js';
import type { ApartTreaty } from './treaty-web.js';

/** Names a state by its abbreviation (falls back to the abbreviation itself). */
export type Namer = (abb: string) => string;

/** How the interwar record names a few states whose COW names read oddly in a sentence. */
const DISPLAY: Record<string, string> = {
  RUS: 'the USSR',
  UKG: 'the United Kingdom',
  USA: 'the United States',
  NTH: 'the Netherlands',
};

/** A namer over the state list: "the United Kingdom", "France", "the USSR". */
export function namer(states: ReadonlyArray<{ abb: string; name: string }>): Namer {
  const names = new Map(states.map((s) => [s.abb, s.name]));
  return (abb) => DISPLAY[abb] ?? names.get(abb) ?? abb;
}

/** Capitalises the first letter: "the USSR" at the start of a sentence is "The USSR". */
export function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "A", "A and B", "A, B and C". */
export function listWords(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
}

/** What a state does, for the event types a state performs: [singular, plural]. */
const ACTS: Record<string, [string, string]> = {
  approval: ['approves', 'approve'],
  assistance: ['renders assistance', 'render assistance'],
  referral: ['refers the dispute to the League', 'refer the dispute to the League'],
  ratification: ['ratifies', 'ratify'],
  signature: ['signs', 'sign'],
  accession: ['accedes', 'accede'],
  consultation: ['consults', 'consult'],
  'invitation-refused': ['refuses the League’s invitation', 'refuse the League’s invitation'],
  denunciation: ['denounces the treaty', 'denounce the treaty'],
  'war-declaration': ['declares war', 'declare war'],
  aggression: ['attacks', 'attack'],
  threat: ['threatens', 'threaten'],
};

function fieldWords(p: PatternOut, name: Namer, skip: readonly string[]): string {
  const parts = Object.entries(p)
    .filter(([k]) => k !== 'type' && !skip.includes(k))
    .map(([k, v]) => {
      const value = Array.isArray(v) ? listWords(v.map(name)) : typeof v === 'string' && /^[A-Z]{2,3}$/.test(v) ? name(v) : String(v);
      return `${k} ${value}`;
    });
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/** One missing fact or event in words: "the League Council reports, without unanimity". */
function patternWords(p: PatternOut, name: Namer): string {
  if (p.type === 'council-report') {
    const how = p.unanimous === true ? ', unanimously' : p.unanimous === false ? ', without unanimity' : '';
    return `the League Council reports on the dispute${how}${fieldWords(p, name, ['unanimous', 'dispute'])}`;
  }
  if (p.type === 'aggression' && 'unprovoked' in p && !('by' in p)) return 'the aggression is established as unprovoked';
  const act = ACTS[p.type];
  if (act && typeof p.by === 'string') return `${name(p.by)} ${act[0]}${fieldWords(p, name, ['by'])}`;
  return `${/^[aeiou]/.test(p.type) ? 'an' : 'a'} ${p.type} is recorded${fieldWords(p, name, [])}`;
}

/** One alternative of `missing` in words, acts of the same kind by several states said once: "the United Kingdom, Italy and Belgium approve". */
export function alternativeWords(alternative: readonly PatternOut[], name: Namer): string {
  const groups = new Map<string, string[]>();
  const rest: string[] = [];
  for (const p of alternative) {
    const keys = Object.keys(p).filter((k) => k !== 'type');
    if (ACTS[p.type] && keys.length === 1 && typeof p.by === 'string') groups.set(p.type, [...(groups.get(p.type) ?? []), p.by]);
    else rest.push(patternWords(p, name));
  }
  const acts = [...groups].map(([type, by]) => {
    const [one, many] = ACTS[type] as [string, string];
    return `${listWords(by.map(name))} ${by.length === 1 ? one : many}`;
  });
  return listWords([...acts, ...rest]);
}

/** The action owed in words: "assist the USSR against Germany". */
export function dutyWords(n: NormInstance, name: Namer): string {
  const against = n.counterparty ? ` (against ${name(n.counterparty)})` : '';
  return `${n.action.replaceAll('-', ' ')}, owed to ${name(n.beneficiary)}${against}`;
}

/**
 * What keeps a pending duty from becoming due, as a sentence: "France is held back until the
 * United Kingdom, Italy and Belgium approve". Several alternatives are joined by "or until".
 * Undefined when nothing is missing.
 */
export function heldBackSentence(n: NormInstance, name: Namer): string | undefined {
  if (n.missing.length === 0) return undefined;
  const alternatives = n.missing.map((alt) => alternativeWords(alt, name));
  return `${capital(name(n.holder))} is held back until ${alternatives.join(', or until ')}.`;
}

/** Who can keep the duty from ever becoming due, as a sentence; undefined when no one can. */
export function vetoSentence(n: NormInstance, name: Namer): string | undefined {
  if (n.vetoes.length === 0) return undefined;
  const who = listWords(n.vetoes.map(name));
  if (n.vetoes.length === 1) return `${capital(who)} alone can hold ${name(n.holder)} back, by withholding its own act.`;
  return `${capital(who)} can each hold ${name(n.holder)} back on their own, by withholding their own act.`;
}

/** The status of a norm instance in a short phrase for the card. */
export function statusWords(n: NormInstance): string {
  const phrases: Record<string, string> = {
    void: 'void: the treaty did not bind the holder at the trigger',
    'not-triggered': 'not triggered: a condition is false for good',
    pending: 'pending: waiting on facts or acts still to come',
    due: 'due: owed now',
    fulfilled: 'fulfilled',
    breached: 'breached',
    discharged: 'discharged: no longer owed',
  };
  return `${phrases[n.status] ?? n.status} (since ${n.since})`;
}

/** A state by name and abbreviation, as `casus status` prints it: "France (FRN)", "the USSR (RUS)". */
export function stateWithCode(abb: string, name: Namer): string {
  return `${name(abb)} (${abb})`;
}

/** Each reason in words: the verb for one state and for several, then why it matters. */
const UNBOUND_WORDS: Record<
  Exclude<UnboundReason, 'treaty-not-in-force'>,
  { one: [string, string]; many: [string, string]; why: string }
> = {
  'not-a-state': {
    one: ['was', 'not an independent state'],
    many: ['were', 'not independent states'],
    why: 'occupied or annexed, with no recognised government in exile',
  },
  'not-yet-party': {
    one: ['was', 'not yet a party'],
    many: ['were', 'not yet parties'],
    why: 'a ratification or accession was still to come',
  },
  'no-longer-party': {
    one: ['was', 'no longer a party'],
    many: ['were', 'no longer parties'],
    why: 'a withdrawal, or a denunciation, had taken effect',
  },
  'not-league-member': {
    one: ['was', 'not a Member of the League'],
    many: ['were', 'not Members of the League'],
    why: 'the Covenant binds only Members',
  },
};

/**
 * Why a treaty binds none of these parties on a day, one clause per reason, from the engine's
 * reasons: "Czechoslovakia (CZE) was not an independent state on 1 September 1939 — occupied or
 * annexed, with no recognised government in exile". Where a partial date leaves it open, "perhaps".
 * `onDay` is the day in words; `status` the treaty's, for a treaty not in force.
 */
export function unboundClauses(unbound: readonly UnboundParty[], name: Namer, onDay: string, status = 'in-force'): string[] {
  const groups = new Map<string, { reason: UnboundReason; unsure: boolean; states: string[] }>();
  for (const u of unbound) {
    const key = `${u.reason}|${u.value}`;
    const g = groups.get(key) ?? { reason: u.reason, unsure: u.value === 'unknown', states: [] };
    g.states.push(u.state);
    groups.set(key, g);
  }
  return [...groups.values()].map(({ reason, unsure, states }) => {
    const who = capital(listWords(states.map((s) => stateWithCode(s, name))));
    const open = unsure ? '; a partial date in the record leaves it open' : '';
    if (reason === 'treaty-not-in-force') {
      return `${who} ${states.length === 1 ? 'was' : 'were'} not bound on ${onDay}: the treaty was ${status.replace('-', ' ')}${open}`;
    }
    const words = UNBOUND_WORDS[reason];
    const [verb, rest] = states.length === 1 ? words.one : words.many;
    return `${who} ${verb}${unsure ? ' perhaps' : ''} ${rest} on ${onDay} — ${words.why}${open}`;
  });
}

/**
 * Why a treaty the engine counts that day is not drawn between two states, as one sentence: "In
 * force, but binds only France (FRN): Czechoslovakia (CZE) was not an independent state on
 * 1 September 1939 — occupied or annexed, with no recognised government in exile."
 */
export function apartSentence(t: ApartTreaty, name: Namer, onDay: string): string {
  if (t.status === 'suspended') {
    const parties = listWords(t.parties.map((s) => stateWithCode(s, name)));
    return `Suspended${t.since ? ` since ${t.since}` : ''}: it binds none of its parties${parties ? ` (${parties})` : ''} while suspended.`;
  }
  const head =
    t.bound.length === 1
      ? `In force, but binds only ${stateWithCode(t.bound[0] as string, name)}`
      : 'In force, but binds none of its parties';
  const why = unboundClauses(t.unbound, name, onDay, t.status);
  return `${head}${why.length > 0 ? `: ${why.join('; ')}` : ''}.`;
}
