import { describe, expect, it } from 'vitest';
import { CasusError } from '../base/casus-error.js';
import type { ConditionDef, Expr, LifecycleDef, NormDef } from './ast.js';
import { parseRules } from './parse-rules.js';

const origin = { file: 'x.treaty.md', line: 10 };
const parse = (src: string) => parseRules(src, origin);
const condition = (src: string): Expr => (parse(`condition c(a, b) = ${src};`)[0] as ConditionDef).body;

describe('the rule grammar', () => {
  it('reads the four norm kinds with every clause', () => {
    const [norm] = parse(`
      duty art-2 {
        roles: each party toward the other;
        action: assist;
        trigger: aggression a where a.against = beneficiary;
        counterparty: a.by;
        condition: european(a.by) "on the part of a European state";
        fulfilled by: assistance s where s.by = holder;
        breached by: refusal r where r.by = holder;
        deadline: 30 days;
        ends by: peace p where a.by in p.between;
        cites: league-covenant/art-15-7, protocol-1;
      }`) as [NormDef];
    expect(norm).toMatchObject({
      normKind: 'duty',
      name: 'art-2',
      action: 'assist',
      roles: { kind: 'reciprocal' },
      trigger: { eventType: 'aggression', variable: 'a' },
      deadline: { amount: 30, unit: 'day' },
      cites: [{ treaty: 'league-covenant', name: 'art-15-7' }, { name: 'protocol-1' }],
    });
    expect(norm.condition).toMatchObject({ kind: 'labeled', label: 'on the part of a European state' });
    for (const kind of ['prohibition', 'permission', 'power']) {
      expect((parse(`${kind} x { roles: holder FRN, beneficiary parties except {FRN}; }`)[0] as NormDef).normKind).toBe(kind);
    }
  });

  it('lets a label after `not X` quote the negation, not X', () => {
    const [c] = parse('condition c(x) = not x = GMY "a Power other than Germany";') as Array<{ body: unknown }>;
    expect(c?.body).toMatchObject({ kind: 'labeled', label: 'a Power other than Germany', expr: { kind: 'not' } });
  });

  it('binds and tighter than or, and or tighter than implies', () => {
    expect(condition('x implies y or z and w')).toMatchObject({
      kind: 'implies',
      left: { kind: 'path', head: 'x' },
      right: { kind: 'or', right: { kind: 'and' } },
    });
    expect(condition('not x and y')).toMatchObject({ kind: 'and', left: { kind: 'not' } });
  });

  it('reads quantifiers over states and events, and temporal relations', () => {
    expect(condition('forall g in {UKG, ITA} except {a}: exists approval p where p.by = g')).toMatchObject({
      kind: 'forall',
      variable: 'g',
      over: { kind: 'except', left: { kind: 'set' } },
      body: { kind: 'exists-event', eventType: 'approval', variable: 'p' },
    });
    expect(condition('exists s in a: european(s)')).toMatchObject({ kind: 'exists-state' });
    expect(condition('a.date within 3 months after b.date')).toMatchObject({ kind: 'within', duration: { amount: 3, unit: 'month' } });
    expect(condition('a.date before 1936-03-07')).toMatchObject({
      kind: 'compare',
      op: 'before',
      right: { kind: 'date', text: '1936-03-07' },
    });
    expect(condition('a.date on or after b.date + 1 year')).toMatchObject({ kind: 'compare', op: 'on-or-after', right: { kind: 'plus' } });
  });

  it('reads a set of the states that satisfy a condition, and a quantifier over events', () => {
    expect(condition('x in {s in parties where european(s)}')).toMatchObject({
      kind: 'compare',
      right: { kind: 'select', variable: 's', over: { kind: 'path', head: 'parties' }, where: { kind: 'call' } },
    });
    // forall over events: no such event fails the body.
    expect(condition('forall referral r where r.against = a: r.by = b')).toMatchObject({
      kind: 'not',
      expr: { kind: 'exists-event', eventType: 'referral', variable: 'r', where: { kind: 'and', right: { kind: 'not' } } },
    });
  });

  it('reads a reference to the status of another norm', () => {
    expect(condition('status of franco-soviet-1935/art-2(holder: FRN, beneficiary: a) is due or fulfilled')).toMatchObject({
      kind: 'status',
      norm: { treaty: 'franco-soviet-1935', name: 'art-2' },
      statuses: ['due', 'fulfilled'],
    });
  });

  it('reads lifecycle terms', () => {
    const [lc] = parse(
      'lifecycle { entry into force: on exchange of ratifications; duration: 5 years; renewal: tacit 5 years; denunciation: notice 1 year; }',
    ) as [LifecycleDef];
    expect(lc).toMatchObject({
      entry: 'exchange',
      duration: { amount: 5, unit: 'year' },
      renewal: { kind: 'tacit' },
      notice: { amount: 1 },
    });
  });

  it('does not take a keyword prefix for a keyword: `notice-given` is a name, not `not`', () => {
    expect(condition('notice-given(a)')).toMatchObject({ kind: 'call', ref: { name: 'notice-given' } });
    expect(condition('a.by in invitations')).toMatchObject({ kind: 'compare', op: 'in', right: { head: 'invitations' } });
  });

  it('keeps each expression’s source text for explanations', () => {
    expect(condition('european(a.by)  and b')).toMatchObject({ src: 'european(a.by) and b', left: { src: 'european(a.by)' } });
  });

  it('names file, line and column of a syntax error, and what was expected', () => {
    let error: unknown;
    try {
      parse('duty x {\n  roles: each party toward the other\n  action: assist;\n}');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CasusError);
    const e = error as CasusError;
    expect(e.span).toEqual({ file: 'x.treaty.md', line: 12, column: 3 });
    expect(e.message).toMatch(/expected .*";"/);
  });

  it('points at a misspelt word, not inside it', () => {
    expect(() => parse('duty x { condition: a.by innn b; }')).toThrow(/unexpected word "innn"/);
    try {
      parse('duty x { condition: a.by innn b; }');
    } catch (e) {
      expect((e as CasusError).span?.column).toBe(26);
    }
  });
});
