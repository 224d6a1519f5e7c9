import { CasusError } from '../base/casus-error.js';
import { eventTypeWithArticle } from '../base/event-types.js';
import { didYouMean } from '../base/nearest.js';
import { dateProblem } from '../base/partial-date.js';
import type { Duration, EventPattern, Expr, Ref, Span } from '../language/ast.js';
import { visitExpr } from '../language/sub-expressions.js';
import { BUILTINS } from './builtins.js';
import { citationProblems } from './citations.js';
import { unknownTreatyError } from './lookup.js';
import type { Corpus, Treaty } from './treaty.js';
import { fieldsNamed, typesNamed } from './vocabulary.js';

/** What a name stands for inside a rule. */
type Binding = { kind: 'event'; eventType: string } | { kind: 'value' };

/** Names every norm can use: the instance's roles and the treaty's parties. */
const ROLE_NAMES = ['holder', 'beneficiary', 'parties', 'counterparty'];

/**
 * Checks every rule of the corpus against the rest of it: references resolve, event
 * types and their fields exist, variables are bound, states are known, calls have the
 * right number of arguments. Returns every problem found (an empty list when sound).
 */
export function checkCorpus(corpus: Corpus): CasusError[] {
  const errors: CasusError[] = [];
  for (const treaty of corpus.treaties.values()) {
    errors.push(...citationProblems(treaty));
    const check = (expr: Expr, scope: Map<string, Binding>) => checkExpr(expr, scope, treaty, corpus, errors);
    const roles = new Map<string, Binding>(ROLE_NAMES.map((n) => [n, { kind: 'value' }]));
    for (const set of treaty.sets.values()) check(set.value, new Map());
    for (const cond of treaty.conditions.values()) {
      check(cond.def.body, new Map(cond.def.params.map((p) => [p, { kind: 'value' }])));
    }
    for (const norm of treaty.norms) {
      const def = norm.def;
      const scope = new Map(roles);
      if (def.trigger) {
        bindPattern(def.trigger, scope, check, corpus, errors);
        scope.set('trigger', { kind: 'event', eventType: def.trigger.eventType });
      }
      // Roles may depend on the trigger (the victim of the aggression), so they come after it.
      if (def.roles?.kind === 'explicit') {
        check(def.roles.holder, scope);
        check(def.roles.beneficiary, scope);
      }
      if (def.counterparty) check(def.counterparty, scope);
      if (def.condition) check(def.condition, scope);
      for (const p of [def.forbids, def.fulfilledBy, def.breachedBy, def.endsBy]) {
        if (p) bindPattern(p, new Map(scope), check, corpus, errors);
      }
      for (const ref of def.cites) {
        const t = ref.treaty ?? treaty.slug;
        if (!corpus.treaties.get(t)?.provisions.has(`${t}/${ref.name}`)) {
          errors.push(unknownRef(ref, `provision ${t}/${ref.name}`));
        }
      }
      if (def.deadline) checkDuration(def.deadline, def.span, errors);
      if (def.normKind === 'prohibition' && !def.forbids) {
        errors.push(
          new CasusError('treaty.invalid', `prohibition ${def.name} needs a \`forbids:\` clause naming the forbidden act`, def.span),
        );
      }
      if (def.normKind !== 'prohibition' && !def.trigger) {
        errors.push(new CasusError('treaty.invalid', `${def.normKind} ${def.name} needs a \`trigger:\` clause`, def.span));
      }
      if (!def.roles) errors.push(new CasusError('treaty.invalid', `${def.name} needs a \`roles:\` clause`, def.span));
    }
  }
  for (const treaty of corpus.treaties.values()) {
    const { duration, renewal, notice, span, lastsWith } = treaty.terms;
    if (lastsWith !== undefined) {
      if (!treaty.lastsWith) errors.push(unknownTreatyError(corpus, lastsWith, 'input.unknown-treaty', span));
      else if (duration !== undefined) {
        errors.push(new CasusError('treaty.invalid', `say one duration: "as long as ${lastsWith}" or a term, not both`, span));
      }
      for (let t: Treaty | undefined = treaty.lastsWith, n = 0; t; t = t.lastsWith, n++) {
        if (t === treaty || n > corpus.treaties.size) {
          errors.push(
            new CasusError('treaty.invalid', `${treaty.slug} lasts as long as a treaty that lasts as long as it: break the cycle`, span),
          );
          break;
        }
      }
    }
    for (const d of [duration, renewal?.kind === 'tacit' ? renewal.period : undefined, notice]) {
      if (d && typeof d === 'object') checkDuration(d, span, errors);
    }
  }
  errors.push(...checkCycles(corpus));
  return errors;
}

/**
 * A named condition that calls itself, or a norm that waits on its own status, would
 * never finish evaluating: both are rejected, naming the cycle.
 */
function checkCycles(corpus: Corpus): CasusError[] {
  const errors: CasusError[] = [];
  const calls = new Map<string, { span: Span; edges: string[] }>();
  const waits = new Map<string, { span: Span; edges: string[] }>();
  const refs = (e: Expr | undefined, treaty: Treaty, kind: 'call' | 'status'): string[] => {
    const out: string[] = [];
    if (!e) return out;
    visitExpr(e, (x) => {
      if (x.kind !== kind) return;
      const ref = x.kind === 'call' ? x.ref : x.kind === 'status' ? x.norm : undefined;
      if (ref && !(x.kind === 'call' && !ref.treaty && Object.hasOwn(BUILTINS, ref.name)))
        out.push(`${ref.treaty ?? treaty.slug}/${ref.name}`);
    });
    return out;
  };
  for (const t of corpus.treaties.values()) {
    for (const c of t.conditions.values()) calls.set(c.id, { span: c.def.span, edges: refs(c.def.body, t, 'call') });
  }
  // A norm waits on the norms its condition names with `status of`, directly or through the conditions it calls.
  const reachable = (start: string[]): string[] => {
    const seen = new Set<string>();
    const stack = [...start];
    while (stack.length > 0) {
      const id = stack.pop() as string;
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...(calls.get(id)?.edges ?? []));
    }
    return [...seen];
  };
  for (const t of corpus.treaties.values()) {
    for (const n of t.norms) {
      const viaCalls = reachable(refs(n.def.condition, t, 'call')).flatMap((id) => {
        const [slug, name] = id.split('/') as [string, string];
        const tt = corpus.treaties.get(slug);
        const def = tt?.conditions.get(name);
        return def && tt ? refs(def.def.body, tt, 'status') : [];
      });
      waits.set(n.id, { span: n.def.span, edges: [...refs(n.def.condition, t, 'status'), ...viaCalls] });
    }
  }
  for (const [graph, what] of [
    [calls, 'condition'],
    [waits, 'norm'],
  ] as const) {
    const state = new Map<string, 'open' | 'done'>();
    const path: string[] = [];
    const reported = new Set<string>();
    const visit = (id: string): void => {
      if (state.get(id) === 'done') return;
      if (state.get(id) === 'open') {
        const cycle = [...path.slice(path.indexOf(id)), id];
        const key = [...cycle].sort().join(' ');
        const at = graph.get(id);
        if (!reported.has(key) && at) {
          reported.add(key);
          const message =
            what === 'condition'
              ? `condition ${id} calls itself (${cycle.join(' → ')}): a condition cannot depend on itself`
              : `norm ${id} waits on its own status (${cycle.join(' → ')}): break the cycle`;
          errors.push(new CasusError('treaty.invalid', message, at.span));
        }
        return;
      }
      state.set(id, 'open');
      path.push(id);
      for (const next of graph.get(id)?.edges ?? []) if (graph.has(next)) visit(next);
      path.pop();
      state.set(id, 'done');
    };
    for (const id of graph.keys()) visit(id);
  }
  return errors;
}

/** Durations beyond a thousand years are mistakes, and would overflow the calendar. */
function checkDuration(d: Duration, span: Span, errors: CasusError[]): void {
  const years = d.unit === 'year' ? d.amount : d.unit === 'month' ? d.amount / 12 : d.amount / 365;
  if (years > 1000) errors.push(new CasusError('treaty.invalid', `${d.amount} ${d.unit}s is longer than a thousand years`, span));
}

function bindPattern(
  p: EventPattern,
  scope: Map<string, Binding>,
  check: (e: Expr, s: Map<string, Binding>) => void,
  corpus: Corpus,
  errors: CasusError[],
) {
  if (typesNamed(corpus.vocabulary, p.eventType).length === 0) errors.push(unknownEventType(p.eventType, p.span, corpus));
  scope.set(p.variable, { kind: 'event', eventType: p.eventType });
  if (p.where) check(p.where, scope);
}

function checkExpr(expr: Expr, scope: Map<string, Binding>, treaty: Treaty, corpus: Corpus, errors: CasusError[]): void {
  const rec = (e: Expr, s = scope) => checkExpr(e, s, treaty, corpus, errors);
  switch (expr.kind) {
    case 'and':
    case 'or':
    case 'implies':
    case 'except':
      rec(expr.left);
      rec(expr.right);
      return;
    case 'compare':
      rec(expr.left);
      rec(expr.right);
      checkChoice(expr.left, expr.right, scope, corpus, errors);
      checkChoice(expr.right, expr.left, scope, corpus, errors);
      return;
    case 'within':
      checkDuration(expr.duration, expr.span, errors);
      rec(expr.left);
      rec(expr.right);
      return;
    case 'not':
    case 'labeled':
      rec(expr.expr);
      return;
    case 'plus':
      checkDuration(expr.duration, expr.span, errors);
      rec(expr.left);
      return;
    case 'set':
      for (const i of expr.items) rec(i);
      return;
    case 'exists-event': {
      if (typesNamed(corpus.vocabulary, expr.eventType).length === 0) errors.push(unknownEventType(expr.eventType, expr.span, corpus));
      const inner = new Map(scope).set(expr.variable, { kind: 'event', eventType: expr.eventType });
      if (expr.where) rec(expr.where, inner);
      return;
    }
    case 'exists-state':
    case 'forall': {
      rec(expr.over);
      rec(expr.body, new Map(scope).set(expr.variable, { kind: 'value' }));
      return;
    }
    case 'select': {
      rec(expr.over);
      rec(expr.where, new Map(scope).set(expr.variable, { kind: 'value' }));
      return;
    }
    case 'status': {
      const t = expr.norm.treaty ?? treaty.slug;
      if (!corpus.treaties.get(t)?.norms.some((n) => n.id === `${t}/${expr.norm.name}`)) {
        errors.push(unknownRef(expr.norm, `norm ${t}/${expr.norm.name}`));
      }
      rec(expr.holder);
      rec(expr.beneficiary);
      return;
    }
    case 'call': {
      for (const a of expr.args) rec(a);
      const arity = callArity(expr.ref, treaty, corpus);
      if (arity === undefined)
        errors.push(unknownRef(expr.ref, `condition ${expr.ref.treaty ? `${expr.ref.treaty}/` : ''}${expr.ref.name}`));
      else if (arity !== expr.args.length) {
        errors.push(new CasusError('treaty.invalid', `${expr.ref.name} takes ${arity} argument(s), not ${expr.args.length}`, expr.span));
      }
      // A place written as a word (`in-place(a.place, "rhineland")`) must be one casus knows.
      const zone = expr.args[1];
      if (!expr.ref.treaty && expr.ref.name === 'in-place' && zone?.kind === 'string') {
        const problem = corpus.places.check(zone.value, zone.span, undefined, 'treaty.invalid');
        if (problem) errors.push(problem);
      }
      return;
    }
    case 'date': {
      const problem = dateProblem(expr.text);
      if (problem) errors.push(new CasusError('treaty.invalid', problem, expr.span));
      return;
    }
    case 'state':
      if (!corpus.states.find(expr.code)) {
        errors.push(new CasusError('treaty.unknown-state', `unknown state ${expr.code}: use a COW abbreviation`, expr.span));
      }
      return;
    case 'path': {
      const b = scope.get(expr.head);
      if (!b) {
        // A treaty's set, or `states`: every state that can be bound on the day (engine/binding.ts: statesOn).
        if (expr.fields.length === 0 && (treaty.sets.has(expr.head) || expr.head === 'states')) return;
        errors.push(
          new CasusError(
            'treaty.unbound-variable',
            `"${expr.head}" is not bound here: bind it with a trigger, an exists/forall, a condition parameter or a set`,
            expr.span,
          ),
        );
        return;
      }
      const [field] = expr.fields;
      if (b.kind === 'event' && field !== undefined && field !== 'date' && field !== 'type' && field !== 'place') {
        const spec = fieldsNamed(corpus.vocabulary, b.eventType);
        if (spec && !(field in spec)) {
          const what = corpus.vocabulary.classes.has(b.eventType)
            ? `not every event of class ${b.eventType} (${corpus.vocabulary.classes.get(b.eventType)?.join(', ')}) has a field "${field}"`
            : `${eventTypeWithArticle(b.eventType)} event has no field "${field}"${didYouMean(field, Object.keys(spec))}`;
          errors.push(new CasusError('treaty.unknown-field', `${what}; it has ${['date', ...Object.keys(spec)].join(', ')}`, expr.span));
        }
      }
      return;
    }
    default:
      return;
  }
}

function callArity(ref: Ref, treaty: Treaty, corpus: Corpus): number | undefined {
  if (!ref.treaty && Object.hasOwn(BUILTINS, ref.name)) return BUILTINS[ref.name]?.arity;
  const t = ref.treaty ? corpus.treaties.get(ref.treaty) : treaty;
  return t?.conditions.get(ref.name)?.def.params.length;
}

function unknownRef(ref: Ref, what: string): CasusError {
  return new CasusError('treaty.unknown-reference', `${what} does not exist in the corpus`, ref.span);
}

function unknownEventType(type: string, span: Span, corpus: Corpus): CasusError {
  const known = [...corpus.vocabulary.types.keys(), ...corpus.vocabulary.classes.keys()];
  return new CasusError(
    'treaty.unknown-event-type',
    `unknown event type "${type}"${didYouMean(type, known)}; known: ${known.join(', ')}`,
    span,
  );
}

/** A choice field compared with a word (`m.scope = "general"`): the word must be one of its choices. */
function checkChoice(field: Expr, word: Expr, scope: Map<string, Binding>, corpus: Corpus, errors: CasusError[]): void {
  if (field.kind !== 'path' || field.fields.length !== 1 || word.kind !== 'string') return;
  const b = scope.get(field.head);
  if (b?.kind !== 'event') return;
  const spec = fieldsNamed(corpus.vocabulary, b.eventType)?.[field.fields[0] as string];
  if (spec?.kind !== 'choice' || spec.choices?.includes(word.value)) return;
  errors.push(
    new CasusError(
      'treaty.invalid',
      `"${word.value}" is not a value of ${field.head}.${field.fields[0]}${didYouMean(word.value, spec.choices ?? [])}: it is one of ${(spec.choices ?? []).join(', ')}`,
      word.span,
    ),
  );
}
