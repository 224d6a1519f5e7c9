import { describe, expect, it } from 'vitest';
import { instance, run } from '../../test/helpers.js';

const attackOnUkg = '{date: 1931-05-01, type: aggression, by: GMY, against: UKG, unprovoked: true}';
const keysOf = (missing: Array<Array<Record<string, unknown>>>) => missing.map((alt) => alt.map((p) => `${p.type}:${p.by}`).join('+'));

describe('evaluate: missing and vetoes', () => {
  it('lists every way still open, and no veto while two ways stay open', () => {
    const n = instance(run([attackOnUkg], '1931-05-05'), 'two-keys-test/art-1', 'FRN', 'UKG');
    expect(n.status).toBe('pending');
    expect(keysOf(n.missing)).toEqual(['referral:UKG', 'approval:BEL+approval:ITA', 'approval:BEL+approval:NTH']);
    expect(n.vetoes).toEqual([]);
  });

  it('closes an alternative whose window has passed, and then finds the veto', () => {
    const n = instance(run([attackOnUkg], '1931-06-01'), 'two-keys-test/art-1', 'FRN', 'UKG');
    expect(keysOf(n.missing)).toEqual(['approval:BEL+approval:ITA', 'approval:BEL+approval:NTH']);
    expect(n.vetoes).toEqual(['BEL']);
  });

  it('becomes due when one alternative is complete, then breached when the deadline passes unperformed', () => {
    const events = [attackOnUkg, '{date: 1931-05-20, type: approval, by: BEL}', '{date: 1931-05-22, type: approval, by: NTH}'];
    const due = instance(run(events, '1931-06-01'), 'two-keys-test/art-1', 'FRN', 'UKG');
    expect([due.status, due.since, due.missing, due.vetoes]).toEqual(['due', '1931-05-22', [], []]);
    const late = instance(run(events, '1931-07-01'), 'two-keys-test/art-1', 'FRN', 'UKG');
    expect([late.status, late.since]).toEqual(['breached', '1931-06-22']);
  });

  it('marks a refusal while due as a breach, and an act of assistance as fulfilment', () => {
    const base = [attackOnUkg, '{date: 1931-05-02, type: referral, by: UKG, against: GMY}'];
    const refused = instance(
      run([...base, '{date: 1931-05-03, type: refusal, by: FRN}'], '1931-05-10'),
      'two-keys-test/art-1',
      'FRN',
      'UKG',
    );
    expect([refused.status, refused.since]).toEqual(['breached', '1931-05-03']);
    const helped = instance(
      run([...base, '{date: 1931-05-04, type: assistance, by: FRN, to: UKG}'], '1931-05-10'),
      'two-keys-test/art-1',
      'FRN',
      'UKG',
    );
    expect([helped.status, helped.since]).toEqual(['fulfilled', '1931-05-04']);
  });
});

describe('evaluate: roles picked out by a condition, and quantifiers over events', () => {
  const attack = '{date: 1931-05-01, type: aggression, by: GMY, against: UKG, unprovoked: true}';

  it('makes every other party the holder, and is due while no one else has referred the dispute', () => {
    const r = run([attack], '1931-05-02');
    expect(r.norms.filter((n) => n.norm === 'two-keys-test/art-3').map((n) => [n.holder, n.beneficiary, n.status])).toEqual([
      ['FRN', 'UKG', 'due'],
    ]);
    expect(
      instance(
        run([attack, '{date: 1931-05-02, type: referral, by: UKG, against: GMY}'], '1931-05-03'),
        'two-keys-test/art-3',
        'FRN',
        'UKG',
      ).status,
    ).toBe('due');
  });

  it('is not triggered when a third state had already referred the dispute', () => {
    const r = run(['{date: 1931-04-20, type: referral, by: FRN, against: GMY}', attack], '1931-05-03');
    expect(instance(r, 'two-keys-test/art-3', 'FRN', 'UKG')).toMatchObject({ status: 'not-triggered', since: '1931-05-01' });
  });

  it('is discharged when its condition fails for good after it became due', () => {
    const r = run([attack, '{date: 1931-05-02, type: referral, by: FRN, against: GMY}'], '1931-05-03');
    expect(instance(r, 'two-keys-test/art-3', 'FRN', 'UKG')).toMatchObject({ status: 'discharged', since: '1931-05-02' });
  });
});

describe('evaluate: references to the status of another norm', () => {
  const attack = [
    '{date: 1937-03-01, type: aggression, by: GMY, against: RUS, unprovoked: true}',
    '{date: 1937-03-01, type: referral, by: RUS, against: GMY}',
    '{date: 1937-03-05, type: council-report, dispute: [RUS, GMY], unanimous: false}',
  ];

  it('waits on the other norm, and inherits what it misses and who can veto it', () => {
    const n = instance(run(attack, '1937-04-01'), 'two-keys-test/art-2', 'UKG', 'FRN');
    expect(n.status).toBe('pending');
    expect(keysOf(n.missing)).toEqual(['approval:BEL+approval:ITA+approval:UKG']);
    expect(n.vetoes).toEqual(['BEL', 'ITA', 'UKG']);
  });

  it('dates a pending instance from the day it came to wait on what it waits on now', () => {
    const before = instance(run(attack, '1937-03-03'), 'franco-soviet-1935/art-2', 'FRN', 'RUS');
    expect([before.status, before.since, before.missing[0]?.length]).toEqual(['pending', '1937-03-01', 4]);
    const after = instance(run(attack, '1937-04-01'), 'franco-soviet-1935/art-2', 'FRN', 'RUS');
    expect([after.status, after.since, after.missing[0]?.length]).toEqual(['pending', '1937-03-05', 3]);
  });

  it('becomes due the day the other norm does', () => {
    const approvals = ['UKG', 'ITA', 'BEL'].map((s, i) => `{date: 1937-03-0${6 + i}, type: approval, by: ${s}}`);
    const n = instance(run([...attack, ...approvals], '1937-04-01'), 'two-keys-test/art-2', 'UKG', 'FRN');
    expect([n.status, n.since]).toEqual(['due', '1937-03-08']);
  });
});

describe('evaluate: statuses', () => {
  it('tells a condition that can no longer hold (not-triggered) from one still open (pending)', () => {
    const r = run(['{date: 1938-07-29, type: aggression, by: JPN, against: RUS, unprovoked: true}'], '1938-08-15');
    expect(instance(r, 'franco-soviet-1935/art-2', 'FRN', 'RUS')).toMatchObject({ status: 'not-triggered', missing: [], vetoes: [] });
  });

  it('discharges an open duty when peace comes', () => {
    const r = run(
      [
        '{date: 1937-03-01, type: aggression, by: GMY, against: RUS, unprovoked: true}',
        '{date: 1937-05-01, type: peace, between: [GMY, RUS]}',
      ],
      '1937-06-01',
    );
    expect(instance(r, 'franco-soviet-1935/art-2', 'FRN', 'RUS')).toMatchObject({ status: 'discharged', since: '1937-05-01' });
  });

  it('counts the act that triggers a prohibition as its breach when the prohibition forbids it', () => {
    const r = run(['{date: 1935-10-03, type: aggression, by: ITA, against: ETH, unprovoked: true}'], '1935-10-10');
    const art12 = r.norms.find((n) => n.norm === 'league-covenant/art-12-war' && n.holder === 'ITA');
    expect(art12).toMatchObject({ beneficiary: 'ETH', status: 'breached', since: '1935-10-03' });
    // A duty the same attack creates is not performed by it.
    const sanctions = r.norms.find((n) => n.norm === 'league-covenant/art-16-1-sanctions' && n.holder === 'UKG');
    expect(sanctions).toMatchObject({ beneficiary: 'ETH', counterparty: 'ITA', status: 'due' });
  });

  it('ends what a vanished state owed on the day it left the state system, but not what was owed to it', () => {
    const r = run(['{date: 1938-03-12, type: occupation, by: GMY, against: AUS}'], '1938-04-30');
    const of = (h: string, b: string) =>
      r.norms.find((n) => n.norm === 'kellogg-briand-1928/art-2' && n.holder === h && n.beneficiary === b);
    // Austria's spell ends on 13 March 1938: its own undertaking ran unbroken until then.
    expect(of('AUS', 'GMY')).toMatchObject({ status: 'fulfilled', since: '1938-03-14' });
    expect(of('GMY', 'AUS')).toMatchObject({ status: 'breached', since: '1938-03-12' });
  });

  it('dates a verdict decided by an event of a partial date with that date, not its first day', () => {
    const r = run(['{date: 1939-03, type: occupation, by: HUN, against: CZE}'], '1939-04-30');
    const art2 = r.norms.find((n) => n.norm === 'kellogg-briand-1928/art-2' && n.holder === 'HUN' && n.beneficiary === 'CZE');
    expect(art2).toMatchObject({ status: 'breached', since: '1939-03' });
  });

  it('applies a treaty to a war begun before its entry into force and still going on (VCLT Art. 28)', () => {
    const war = '{date: 1937-07-07, type: aggression, by: JPN, against: CHN, unprovoked: true}';
    const of = (events: string[], at: string) =>
      run(events, at).norms.find((n) => n.norm === 'sino-soviet-1937/art-2' && n.holder === 'RUS' && n.beneficiary === 'CHN');
    expect(of([war], '1937-09-01')).toMatchObject({ status: 'due', since: '1937-08-21', counterparty: 'JPN' });
    expect(of([war, '{date: 1937-08-25, type: assistance, by: RUS, to: JPN}'], '1937-09-01')).toMatchObject({
      status: 'breached',
      since: '1937-08-25',
    });
    // A war that ended before the treaty entered into force is outside it.
    expect(of([war, '{date: 1937-08-01, type: peace, between: [JPN, CHN]}'], '1937-09-01')?.status).toBe('void');
  });

  it('does not count an act as performance of a duty that is not yet owed', () => {
    const events = [
      '{date: 1937-06-01, type: aggression, by: GMY, against: UKG, unprovoked: true}',
      '{date: 1937-06-02, type: assistance, by: FRN, to: UKG, against: GMY}',
    ];
    const first = run(events, '1937-06-03').norms.find((n) => n.norm === 'two-keys-test/art-1' && n.holder === 'FRN');
    expect(first?.status).toBe('pending');
    // Once the keys turn, the assistance already given performs it.
    const later = run([...events, '{date: 1937-06-05, type: referral, by: UKG, against: GMY}'], '1937-06-06').norms.find(
      (n) => n.norm === 'two-keys-test/art-1' && n.holder === 'FRN',
    );
    expect(later).toMatchObject({ status: 'fulfilled', since: '1937-06-05' });
  });

  it('keeps a standing prohibition in force until it is broken', () => {
    const r = run(['{date: 1940-01-01, type: threat, by: GMY, against: RUS}'], '1940-01-02');
    expect(instance(r, 'german-soviet-1939/art-1', 'GMY', 'RUS')).toMatchObject({
      kind: 'prohibition',
      status: 'due',
      since: '1939-08-23',
    });
  });

  it('answers unknown-in-force as pending, not void, when the entry date is only a year', () => {
    const r = run(['{date: 1935-09-01, type: threat, by: GMY, against: CZE}'], '1935-09-02');
    expect(instance(r, 'czechoslovak-soviet-1935/art-1', 'RUS', 'CZE').status).toBe('pending');
  });

  it('reads a partial instant as the end of its period', () => {
    const events = [
      '{date: 1937-03-01, type: aggression, by: GMY, against: RUS, unprovoked: true}',
      '{date: 1937-05-01, type: peace, between: [GMY, RUS]}',
    ];
    const r = run(events, '1937-05');
    expect(r.at).toBe('1937-05');
    expect(instance(r, 'franco-soviet-1935/art-2', 'FRN', 'RUS')).toMatchObject({ status: 'discharged', since: '1937-05-01' });
    expect(r.treaties.find((t) => t.treaty === 'franco-soviet-1935')?.status).toBe('in-force');
  });

  it('is deterministic: the same input gives byte-identical JSON', () => {
    const events = ['{date: 1937-03-01, type: aggression, by: GMY, against: RUS, unprovoked: unknown}'];
    expect(JSON.stringify(run(events, '1937-04-01', undefined, true))).toBe(JSON.stringify(run(events, '1937-04-01', undefined, true)));
  });
});

describe('evaluate: explanations', () => {
  const r = run(
    [
      '{date: 1937-03-01, type: aggression, by: GMY, against: RUS, unprovoked: true}',
      '{date: 1937-03-01, type: referral, by: RUS, against: GMY}',
      '{date: 1937-03-05, type: council-report, dispute: [RUS, GMY], unanimous: false}',
    ],
    '1937-04-01',
    undefined,
    true,
  );
  const x = instance(r, 'franco-soviet-1935/art-2', 'FRN', 'RUS').explanation;
  const flat = (n: NonNullable<typeof x>): NonNullable<typeof x>[] => [n, ...(n.children ?? []).flatMap(flat)];

  it('quotes the article and cites each provision a condition comes from', () => {
    expect(x?.quote).toMatch(/unprovoked aggression on the part of a European state/);
    const provisions = new Set(flat(x as NonNullable<typeof x>).map((n) => n.provision));
    expect([...provisions]).toEqual(
      expect.arrayContaining(['franco-soviet-1935/art-2', 'league-covenant/art-15-7', 'franco-soviet-1935/protocol-2']),
    );
  });

  it('shows the events that decided a condition and the interpretation casus chose', () => {
    const nodes = flat(x as NonNullable<typeof x>);
    const report = nodes.find((n) => n.provision === 'league-covenant/art-15-7' && n.kind === 'exists');
    expect(report).toMatchObject({ value: 'true', events: [{ date: '1937-03-05', type: 'council-report' }] });
    const approvals = nodes.filter((n) => n.rule?.startsWith('exists approval'));
    expect(approvals.map((n) => [n.value, n.note?.slice(0, 7)])).toEqual([
      ['false', 'g = BEL'],
      ['false', 'g = ITA'],
      ['false', 'g = UKG'],
    ]);
    expect(nodes.find((n) => n.interpretation)?.interpretation).toMatch(/casus scopes the approval/);
  });
});
