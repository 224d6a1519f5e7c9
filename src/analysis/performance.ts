import type { FieldValue } from '../base/event.js';
import { isWarDuty, obligationOf } from '../engine/binding.js';
import { bare, wherePattern } from '../engine/values.js';
import type { NormDef } from '../language/ast.js';

/**
 * What performing a duty records: one reading, used by the cascade (a state entering a war) and
 * by the conflict search (a duty performed, then checked against the other treaties).
 *
 * A defence duty (engine/binding.ts classifies it) is performed by **belligerence in defence of
 * the beneficiary**: the holder's `assistance {by: holder, to: beneficiary, against: counterparty}`
 * and its `war-declaration {by: holder, against: counterparty}`. That is not an aggression: no
 * `aggression` event is recorded, so a norm that forbids aggression (Covenant Art. 10, a
 * non-aggression pact) is not breached by it, and no duty that answers an aggression (sanctions
 * under Art. 16, the counterparty's own defence pacts) is set off by it. Whether the entry
 * breaches a norm that forbids resort to war (Locarno Art. 2, Kellogg-Briand) is that norm's to
 * decide, by its own exceptions (Art. 16 action, legitimate or collective defence). The
 * declaration is not unprovoked (`unprovoked: false`): it answers the counterparty's attack on the
 * beneficiary, so an "attacked without provocation" clause of the counterparty's allies (a
 * pattern on the class `attack`) is not set off by it. This is casus's reading.
 *
 * An offence duty (joining the beneficiary's own war on the counterparty) is performed the same
 * way and, in addition, by the holder's `aggression {by: holder, against: counterparty}`: joining
 * an attack is attacking. Its `unprovoked`, and its declaration's, is that of the attack joined
 * (the war's character is the same), unknown when the trigger says nothing.
 *
 * Fields the duty's `fulfilled by` pattern fixes to a word (`s.form = "main-offensive"`) are set
 * too, so that the act performs the duty as the treaty words it. A duty of aid short of war (an
 * assistance of form `supplies`) is no war duty: it is performed like any other duty.
 */
export const PERFORMANCE_READING =
  'a defence duty is performed by belligerence in defence of the beneficiary: the holder’s assistance ' +
  '{by, to: beneficiary, against: counterparty} and its war-declaration {against: counterparty, unprovoked: false}, the day after it is due, ' +
  'and no aggression; an offence duty (joining the beneficiary’s war) adds the holder’s aggression against the counterparty, ' +
  'both with the unprovoked of the attack it joins; any other duty is performed by the event its `fulfilled by` clause names';

/** An instance to perform: the report's fields that matter. */
export interface Performed {
  norm: string;
  holder: string;
  beneficiary: string;
  counterparty?: string;
  /** The triggering event's fields (its `unprovoked` is carried into an offensive entry). */
  trigger?: Readonly<Record<string, FieldValue | undefined>>;
}

/** The events that perform a war duty (defence or offence), in the order they are recorded; undefined for any other duty. */
export function warPerformance(def: NormDef, n: Performed): Array<Record<string, FieldValue>> | undefined {
  if (!isWarDuty(def) || n.counterparty === undefined) return undefined;
  const obligation = obligationOf(def);
  const assistance: Record<string, FieldValue> = { type: 'assistance', by: n.holder, to: n.beneficiary, against: n.counterparty };
  for (const [field, value] of patternWords(def)) if (!(field in assistance)) assistance[field] = value;
  const joined = n.trigger?.unprovoked;
  const unprovoked = obligation === 'offense' ? (joined === true || joined === false ? joined : 'unknown') : false;
  const out: Array<Record<string, FieldValue>> = [
    assistance,
    { type: 'war-declaration', by: n.holder, against: n.counterparty, unprovoked },
  ];
  if (obligation === 'offense') out.push({ type: 'aggression', by: n.holder, against: n.counterparty, unprovoked });
  return out;
}

/** The fields a `fulfilled by` pattern fixes to a literal word. */
function patternWords(def: NormDef): Array<[string, string]> {
  const p = def.fulfilledBy;
  if (!p) return [];
  const out: Array<[string, string]> = [];
  for (const [field, value] of wherePattern(p.where, p.variable).fixed) {
    const v = bare(value);
    if (v.kind === 'string') out.push([field, v.value]);
  }
  return out;
}
