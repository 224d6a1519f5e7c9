import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import * as ohm from 'ohm-js';
import { CasusError } from '../base/casus-error.js';
import { bytesText, countText, MAX_NAME_LENGTH, MAX_RULE_BLOCK_BYTES, MAX_RULE_DEPTH, MAX_RULE_OPERATORS } from '../base/limits.js';
import type {
  CompareOp,
  Duration,
  EntryMode,
  EventClassDef,
  EventPattern,
  EventTypeDef,
  Expr,
  FieldDecl,
  Item,
  LifecycleDef,
  NormDef,
  NormKind,
  Ref,
  Roles,
  Span,
} from './ast.js';

/**
 * The grammar: from the recipe the build precompiles next to the compiled module (fast
 * start-up), else from the specification itself (running from source).
 */
function loadGrammar(): { grammar: ohm.Grammar; fingerprint: string } {
  const recipe = new URL('./casus.recipe.json', import.meta.url);
  // makeRecipe is exported by ohm-js at run time (it is how ohm loads its own grammars) but
  // is missing from its type declarations.
  const { makeRecipe } = ohm as unknown as { makeRecipe(recipe: unknown): ohm.Grammar };
  if (existsSync(recipe)) {
    const text = readFileSync(recipe, 'utf8');
    return { grammar: makeRecipe(JSON.parse(text)), fingerprint: hash(text) };
  }
  const source = readFileSync(new URL('./casus.ohm', import.meta.url), 'utf8');
  return { grammar: ohm.grammar(source), fingerprint: hash(source) };
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

const { grammar, fingerprint } = loadGrammar();

/** Identifies the grammar in use: parse results cached under another grammar are not reused. */
export const GRAMMAR_FINGERPRINT = fingerprint;

/** Where a rule block sits in its file, so spans name the file's own lines. */
export interface BlockOrigin {
  file: string;
  /** The file line of the block's first source line (1-based). */
  line: number;
}

type Clause =
  | { clause: 'roles'; value: Roles }
  | { clause: 'action'; value: string }
  | { clause: 'trigger' | 'forbids' | 'fulfilledBy' | 'breachedBy' | 'endsBy'; value: EventPattern }
  | { clause: 'counterparty' | 'condition'; value: Expr }
  | { clause: 'deadline'; value: Duration }
  | { clause: 'cites'; value: Ref[] };

type LifecycleClause =
  | { clause: 'entry'; value: EntryMode }
  | { clause: 'duration'; value: Duration | 'indefinite' }
  | { clause: 'renewal'; value: NonNullable<LifecycleDef['renewal']> }
  | { clause: 'notice'; value: Duration | 'none' }
  | { clause: 'linked'; value: string };

/** The block being converted; spans are relative to it. Set by parseRules, read by the actions. */
let origin: BlockOrigin = { file: '', line: 1 };

function makeSemantics() {
  const semantics = grammar.createSemantics();
  const span = (node: ohm.Node): Span => {
    const [line, column] = lineCol(node.source);
    return { file: origin.file, line: origin.line + line - 1, column };
  };
  const bin =
    (kind: 'and' | 'or' | 'implies') =>
    (l: ohm.Node, _op: ohm.Node, r: ohm.Node): Expr => ({
      kind,
      left: l.ast(),
      right: r.ast(),
      span: span(l),
    });
  const cmp =
    (op: CompareOp) =>
    (l: ohm.Node, ...rest: ohm.Node[]): Expr => ({
      kind: 'compare',
      op,
      left: l.ast(),
      right: (rest[rest.length - 1] as ohm.Node).ast(),
      span: span(l),
    });
  const clause =
    (name: Clause['clause']) =>
    (_k: ohm.Node, ...rest: ohm.Node[]): Clause => {
      const value = rest.find((n) => !n.isTerminal() && n.ctorName !== 'kw' && n.sourceString !== ':');
      return { clause: name, value: (value as ohm.Node).ast() } as Clause;
    };
  const patternClause =
    (name: 'fulfilledBy' | 'breachedBy' | 'endsBy') =>
    (_k: ohm.Node, _by: ohm.Node, _c: ohm.Node, p: ohm.Node, _s: ohm.Node): Clause => ({
      clause: name,
      value: p.ast(),
    });

  const actions: Record<string, (this: ohm.Node, ...children: ohm.Node[]) => unknown> = {
    Block(items) {
      return items.children.map((c) => c.ast());
    },
    NormDef(kind, name, _o, clauses, _c): NormDef {
      const def: NormDef = { kind: 'norm', normKind: kind.sourceString as NormKind, name: name.sourceString, cites: [], span: span(kind) };
      for (const c of clauses.children.map((n) => n.ast() as Clause)) {
        switch (c.clause) {
          case 'roles':
            def.roles = c.value;
            break;
          case 'action':
            def.action = c.value;
            break;
          case 'trigger':
            def.trigger = c.value;
            break;
          case 'forbids':
            def.forbids = c.value;
            break;
          case 'fulfilledBy':
            def.fulfilledBy = c.value;
            break;
          case 'breachedBy':
            def.breachedBy = c.value;
            break;
          case 'endsBy':
            def.endsBy = c.value;
            break;
          case 'counterparty':
            def.counterparty = c.value;
            break;
          case 'condition':
            def.condition = c.value;
            break;
          case 'deadline':
            def.deadline = c.value;
            break;
          case 'cites':
            def.cites.push(...c.value);
            break;
        }
      }
      return def;
    },
    NormClause_roles: clause('roles'),
    NormClause_action(_k, _c, name, _s) {
      return { clause: 'action', value: name.sourceString };
    },
    NormClause_trigger: clause('trigger'),
    NormClause_counterparty: clause('counterparty'),
    NormClause_condition: clause('condition'),
    NormClause_forbids: clause('forbids'),
    NormClause_fulfilled: patternClause('fulfilledBy'),
    NormClause_breached: patternClause('breachedBy'),
    NormClause_deadline: clause('deadline'),
    NormClause_ends: patternClause('endsBy'),
    NormClause_cites(_k, _c, refs, _s) {
      return { clause: 'cites', value: refs.asIteration().children.map((r) => r.ast()) };
    },
    Roles_reciprocal(first, _2, _3, _4, _5): Roles {
      return { kind: 'reciprocal', span: span(first) };
    },
    Roles_explicit(first, holder, _c, _b, beneficiary): Roles {
      return { kind: 'explicit', holder: holder.ast(), beneficiary: beneficiary.ast(), span: span(first) };
    },
    EventPattern(type, variable, _where, cond): EventPattern {
      const where = cond.children[0];
      return {
        eventType: type.sourceString,
        variable: variable.sourceString,
        ...(where ? { where: where.ast() } : {}),
        span: span(type),
      };
    },
    ConditionDef(_k, name, _o, params, _c, _eq, body, _s) {
      return {
        kind: 'condition',
        name: name.sourceString,
        params: params.asIteration().children.map((p) => p.sourceString),
        body: body.ast(),
        span: span(name),
      };
    },
    EventTypeDef(_k, name, _o, clauses, _c): EventTypeDef {
      const parts = clauses.children.map((f) => f.ast() as FieldDecl | { lastsUntil: string });
      const def: EventTypeDef = {
        kind: 'event-type',
        name: name.sourceString,
        fields: parts.filter((p): p is FieldDecl => !('lastsUntil' in p)),
        span: span(name),
      };
      const lasts = parts.filter((p): p is { lastsUntil: string } => 'lastsUntil' in p);
      if (lasts.length > 1) {
        throw new CasusError('treaty.duplicate', `event type ${def.name} says "lasts until" twice: say it once`, span(name));
      }
      if (lasts[0]) def.lastsUntil = lasts[0].lastsUntil;
      return def;
    },
    EventClause_lasts(_l, _u, type, _s) {
      return { lastsUntil: type.sourceString };
    },
    FieldDecl(name, _c, type, optional, _s): FieldDecl {
      return {
        name: name.sourceString,
        type: type.asIteration().children.map((t) => t.sourceString),
        optional: optional.children.length > 0,
        span: span(name),
      };
    },
    EventClassDef(_k, name, _eq, members, _s): EventClassDef {
      return {
        kind: 'event-class',
        name: name.sourceString,
        members: members.asIteration().children.map((m) => m.sourceString),
        span: span(name),
      };
    },
    SetDef(_k, name, _eq, value, _s) {
      return { kind: 'set', name: name.sourceString, value: value.ast(), span: span(name) };
    },
    LifecycleDef(k, _o, clauses, _c): LifecycleDef {
      const def: LifecycleDef = { kind: 'lifecycle', span: span(k) };
      for (const c of clauses.children.map((n) => n.ast() as LifecycleClause)) {
        if (c.clause === 'entry') def.entry = c.value;
        else if (c.clause === 'duration') def.duration = c.value;
        else if (c.clause === 'renewal') def.renewal = c.value;
        else if (c.clause === 'linked') def.lastsWith = c.value;
        else def.notice = c.value;
      }
      return def;
    },
    LifecycleClause_entry(_1, _2, _3, _c, mode, _s) {
      return { clause: 'entry', value: mode.ast() };
    },
    LifecycleClause_duration(_k, _c, d, _s) {
      return { clause: 'duration', value: d.ast() };
    },
    LifecycleClause_linked(_k, _c, _as, _long, _as2, slug, _s) {
      return { clause: 'linked', value: slug.sourceString };
    },
    LifecycleClause_indefinite(_k, _c, _i, _s) {
      return { clause: 'duration', value: 'indefinite' };
    },
    LifecycleClause_renewIndefinite(_k, _c, _i, _s) {
      return { clause: 'renewal', value: { kind: 'indefinite' } };
    },
    LifecycleClause_renewTacit(_k, _c, _t, d, _s) {
      return { clause: 'renewal', value: { kind: 'tacit', period: d.ast() } };
    },
    LifecycleClause_notice(_k, _c, _n, d, _s) {
      return { clause: 'notice', value: d.ast() };
    },
    LifecycleClause_noDenunciation(_k, _c, _n, _p, _s) {
      return { clause: 'notice', value: 'none' };
    },
    EntryMode_signature(_o, _s) {
      return 'signature';
    },
    EntryMode_exchange(_o, _e, _of, _r) {
      return 'exchange';
    },
    EntryMode_allRatified(_o, _r, _b, _a, _p) {
      return 'all-ratified';
    },
    EntryMode_eachRatified(_o, _r, _b, _e, _p) {
      return 'each-ratified';
    },
    EntryMode_recorded(_a, _r) {
      return 'recorded';
    },
    Imp_implies: bin('implies'),
    Or_or: bin('or'),
    And_and: bin('and'),
    Not_not(k, e): Expr {
      return { kind: 'not', expr: e.ast(), span: span(k) };
    },
    Labeled_labeled(e, s): Expr {
      return { kind: 'labeled', expr: e.ast(), label: s.ast(), span: span(e) };
    },
    Cmp_eq: cmp('='),
    Cmp_ne: cmp('!='),
    Cmp_notIn: cmp('not-in'),
    Cmp_in: cmp('in'),
    Cmp_onOrBefore: cmp('on-or-before'),
    Cmp_onOrAfter: cmp('on-or-after'),
    Cmp_before: cmp('before'),
    Cmp_after: cmp('after'),
    Cmp_within(l, _w, d, _a, r): Expr {
      return { kind: 'within', left: l.ast(), duration: d.ast(), right: r.ast(), span: span(l) };
    },
    Quantified_existsEventWhere(k, type, variable, _w, where): Expr {
      return { kind: 'exists-event', eventType: type.sourceString, variable: variable.sourceString, where: where.ast(), span: span(k) };
    },
    Quantified_existsEvent(k, type, variable): Expr {
      return { kind: 'exists-event', eventType: type.sourceString, variable: variable.sourceString, span: span(k) };
    },
    Quantified_existsState(k, variable, _in, over, _c, body): Expr {
      return { kind: 'exists-state', variable: variable.sourceString, over: over.ast(), body: body.ast(), span: span(k) };
    },
    Quantified_forall(k, variable, _in, over, _c, body): Expr {
      return { kind: 'forall', variable: variable.sourceString, over: over.ast(), body: body.ast(), span: span(k) };
    },
    Quantified_forallEventWhere(k, type, variable, _w, where, _c, body): Expr {
      // Every such event satisfies the body: no such event fails it.
      const b: Expr = body.ast();
      const w: Expr = where.ast();
      const sp = span(k);
      const failing: Expr = { kind: 'and', left: w, right: { kind: 'not', expr: b, span: sp }, span: sp };
      return {
        kind: 'not',
        expr: { kind: 'exists-event', eventType: type.sourceString, variable: variable.sourceString, where: failing, span: sp },
        span: sp,
      };
    },
    Quantified_forallEvent(k, type, variable, _c, body): Expr {
      const sp = span(k);
      const failing: Expr = { kind: 'not', expr: body.ast(), span: sp };
      return {
        kind: 'not',
        expr: { kind: 'exists-event', eventType: type.sourceString, variable: variable.sourceString, where: failing, span: sp },
        span: sp,
      };
    },
    Quantified_status(k, _of, ref, _o, b1, _c, b2, _cl, _is, words): Expr {
      const bindings = new Map<string, Expr>();
      for (const b of [b1, b2]) {
        const [name, value] = b.ast() as [string, Expr];
        bindings.set(name, value);
      }
      const holder = bindings.get('holder');
      const beneficiary = bindings.get('beneficiary');
      if (!holder || !beneficiary) {
        throw new CasusError('treaty.syntax', 'a status reference binds `holder:` and `beneficiary:`', span(k));
      }
      return {
        kind: 'status',
        norm: ref.ast(),
        holder,
        beneficiary,
        statuses: words.asIteration().children.map((w) => w.sourceString),
        span: span(k),
      };
    },
    Binding(name, _c, value) {
      return [name.sourceString, value.ast()];
    },
    Term_except(l, _e, r): Expr {
      return { kind: 'except', left: l.ast(), right: r.ast(), span: span(l) };
    },
    Term_plus(l, _p, d): Expr {
      return { kind: 'plus', left: l.ast(), duration: d.ast(), span: span(l) };
    },
    Primary_paren(_o, e, _c) {
      return e.ast();
    },
    Primary_select(o, variable, _in, over, _w, where, _c): Expr {
      return { kind: 'select', variable: variable.sourceString, over: over.ast(), where: where.ast(), span: span(o) };
    },
    Primary_set(o, items, _c): Expr {
      return { kind: 'set', items: items.asIteration().children.map((i) => i.ast()), span: span(o) };
    },
    Primary_call(ref, _o, args, _c): Expr {
      return { kind: 'call', ref: ref.ast(), args: args.asIteration().children.map((a) => a.ast()), span: span(ref) };
    },
    Primary_text(s): Expr {
      return { kind: 'string', value: s.ast(), span: span(s) };
    },
    bool(_w): Expr {
      return { kind: 'bool', value: this.sourceString as 'true' | 'false' | 'unknown', span: span(this) };
    },
    date(_1, _2, _3, _4, _5, _6, _7, _8, _9, _10): Expr {
      return { kind: 'date', text: this.sourceString, span: span(this) };
    },
    state(_a, _b): Expr {
      return { kind: 'state', code: this.sourceString, span: span(this) };
    },
    string(_o, chars, _c) {
      return chars.sourceString;
    },
    Path(head, _dots, fields): Expr {
      return { kind: 'path', head: head.sourceString, fields: fields.children.map((f) => f.sourceString), span: span(head) };
    },
    ref_qualified(treaty, _s, name): Ref {
      return { treaty: treaty.sourceString, name: name.sourceString, span: span(treaty) };
    },
    ref_local(name): Ref {
      return { name: name.sourceString, span: span(name) };
    },
    duration(n, _s, unit): Duration {
      const u = unit.sourceString.replace(/s$/, '') as Duration['unit'];
      return { amount: Number(n.sourceString), unit: u };
    },
    _iter(...children) {
      return children.map((c) => c.ast());
    },
    _terminal() {
      return this.sourceString;
    },
  };
  // Every expression node keeps the source text it was parsed from, so explanations
  // can show the rule as the treaty file writes it.
  const withSource = Object.fromEntries(
    Object.entries(actions).map(([name, action]) => {
      const wrapped = function (this: ohm.Node, ...children: ohm.Node[]) {
        const result = action.apply(this, children);
        if (result && typeof result === 'object' && 'kind' in result && 'span' in result && !('src' in result)) {
          (result as { src?: string }).src = this.sourceString.replace(/\s+/g, ' ').trim();
        }
        return result;
      };
      // ohm checks each action's arity against its rule.
      const rule = (grammar.rules as Record<string, { body: { getArity(): number } } | undefined>)[name];
      Object.defineProperty(wrapped, 'length', { value: rule ? rule.body.getArity() : action.length });
      return [name, wrapped];
    }),
  );
  semantics.addOperation<unknown>('ast', withSource as ohm.ActionDict<unknown>);
  return semantics;
}

/** Where each line of the last source asked about starts: spans are found by binary search, not by rescanning the block. */
let lineStarts: { source: string; starts: number[] } = { source: '', starts: [0] };

function lineCol(interval: ohm.Interval): [number, number] {
  const source = interval.sourceString;
  if (lineStarts.source !== source) {
    const starts = [0];
    for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) starts.push(i + 1);
    lineStarts = { source, starts };
  }
  const { starts } = lineStarts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= interval.startIdx) lo = mid;
    else hi = mid - 1;
  }
  return [lo + 1, interval.startIdx - (starts[lo] as number) + 1];
}

// Built once: building the semantics is most of the cost of parsing a small block.
const semantics = makeSemantics();

/** The words that each add a level to the tree a rule parses into. */
const OPERATORS = new Set(['and', 'or', 'implies', 'not']);

/**
 * The bounds a rule block must keep before the grammar sees it (the parser recurses once per level
 * of nesting, and a name of a million letters takes it minutes): brackets and a chain of `not` nest
 * at most MAX_RULE_DEPTH deep, a name is at most MAX_NAME_LENGTH long. Quoted labels are skipped.
 */
function checkBounds(source: string, at: BlockOrigin): void {
  if (source.length > MAX_RULE_BLOCK_BYTES) {
    throw new CasusError(
      'treaty.too-large',
      `a rule block is at most ${bytesText(MAX_RULE_BLOCK_BYTES)}; this one is ${bytesText(source.length)}: split the article's rules over several blocks`,
      { file: at.file, line: at.line, column: 1 },
    );
  }
  let operators = 0;
  let depth = 0;
  let nots = 0;
  let deepest = 0;
  let first = -1;
  const where = (i: number) => {
    const [line, column] = lineCol({ sourceString: source, startIdx: i } as ohm.Interval);
    return { file: at.file, line: at.line + line - 1, column };
  };
  for (let i = 0; i < source.length; i++) {
    const ch = source[i] as string;
    if (ch === '"' || ch === '#') {
      const end = source.indexOf(ch === '"' ? '"' : '\n', i + 1);
      i = end < 0 ? source.length : end;
      continue;
    }
    if (ch === '(' || ch === '{' || ch === '[') depth++;
    else if (ch === ')' || ch === '}' || ch === ']') {
      depth = Math.max(0, depth - 1);
      nots = 0;
    } else if (/[A-Za-z0-9_]/.test(ch)) {
      let end = i;
      while (end < source.length && /[A-Za-z0-9_-]/.test(source[end] as string)) end++;
      if (end - i > MAX_NAME_LENGTH) {
        throw new CasusError(
          'treaty.too-large',
          `a name in a rule is at most ${MAX_NAME_LENGTH} characters; this one is ${countText(end - i)}: shorten it`,
          where(i),
        );
      }
      const word = source.slice(i, end);
      if (OPERATORS.has(word) && ++operators > MAX_RULE_OPERATORS) {
        throw new CasusError(
          'treaty.too-large',
          `a rule block holds at most ${MAX_RULE_OPERATORS} operators (and, or, implies, not); this one holds more: split it into named conditions`,
          where(i),
        );
      }
      nots = word === 'not' ? nots + 1 : 0;
      i = end - 1;
    }
    if (depth + nots > deepest) deepest = depth + nots;
    if (first < 0 && deepest > MAX_RULE_DEPTH) first = i;
  }
  if (first >= 0) {
    throw new CasusError(
      'treaty.too-large',
      `rules nest at most ${MAX_RULE_DEPTH} deep (brackets, and chains of \`not\`); this one nests ${countText(deepest)} deep`,
      where(first),
    );
  }
}

/** Parses one ```casus block into its items; a syntax error names file, line, column and what was expected. */
export function parseRules(source: string, at: BlockOrigin): Item[] {
  checkBounds(source, at);
  let match: ohm.MatchResult;
  try {
    match = grammar.match(source);
  } catch (e) {
    // The bounds above keep the parser's recursion shallow; should a block still exhaust the stack, it is bad input, not a crash.
    if (e instanceof RangeError) {
      throw new CasusError('treaty.too-large', 'this rule block is too deeply nested for the parser: simplify it', {
        file: at.file,
        line: at.line,
        column: 1,
      });
    }
    throw e;
  }
  if (match.failed()) {
    let pos = match.getRightmostFailurePosition();
    let expected = match.getExpectedText();
    let message: string;
    if (/^not an? (idchar|innerHyphen)/.test(expected)) {
      // The parser matched a keyword inside a longer word (`in` in `innn`): point at the word.
      while (pos > 0 && /[a-z0-9_-]/.test(source[pos - 1] as string)) pos--;
      const word = /^[A-Za-z0-9_-]+/.exec(source.slice(pos))?.[0] ?? '';
      message = `unexpected word "${word}": expected an operator (and, or, in, =, before, ...), a clause or ";"`;
    } else {
      if (expected.includes('a lowercase letter') && expected.includes('an uppercase letter')) {
        expected = 'a term: a name such as a.by, a state such as GMY, a date, a "string", true/false/unknown, a set {...} or (...)';
      }
      message = `syntax error: expected ${expected}`;
    }
    const [line, column] = lineCol({ sourceString: source, startIdx: pos } as ohm.Interval);
    throw new CasusError('treaty.syntax', message, { file: at.file, line: at.line + line - 1, column });
  }
  origin = at;
  return semantics(match).ast() as Item[];
}
