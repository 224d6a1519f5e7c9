import { describe, expect, it } from 'vitest';
import { run } from '../../test/helpers.js';

const status = (events: string[], at: string, treaty: string) => {
  const t = run(events, at).treaties.find((x) => x.treaty === treaty);
  return t && { status: t.status, since: t.since };
};

describe('treaty status from the recorded lifecycle', () => {
  it('is signed, not in force, between signature and the exchange of ratifications', () => {
    expect(status([], '1936-03-07', 'franco-soviet-1935')).toEqual({ status: 'signed', since: '1935-05-02' });
    expect(status([], '1936-03-27', 'franco-soviet-1935')).toEqual({ status: 'in-force', since: '1936-03-27' });
  });

  it('lists each ratification in the history without changing the status', () => {
    const t = run([], '1936-04-30').treaties.find((x) => x.treaty === 'franco-soviet-1935');
    expect(t?.history.map((h) => [h.date, h.event, h.status, h.by ?? ''])).toEqual([
      ['1935-05-02', 'signature', 'signed', ''],
      ['1936-02', 'ratification', 'signed', 'FRN'],
      ['1936-03-27', 'ratifications-exchanged', 'in-force', ''],
      ['1936-04-18', 'registration', 'in-force', ''],
    ]);
    const later = run([], '1941-04-01').treaties.find((x) => x.treaty === 'franco-soviet-1935');
    expect(later?.history.at(-1)).toMatchObject({ date: '1941-03-27', event: 'renewal', status: 'in-force' });
  });

  it('orders a year-only exchange of ratifications after a signature dated within that year', () => {
    expect(status([], '1935-10-10', 'czechoslovak-soviet-1935')).toEqual({ status: 'signed', since: '1935-05-16' });
    expect(status([], '1936-01-01', 'czechoslovak-soviet-1935')).toEqual({ status: 'in-force', since: '1935' });
  });

  it('enters into force on signature where the treaty says so', () => {
    expect(status([], '1939-08-23', 'german-soviet-1939')).toEqual({ status: 'in-force', since: '1939-08-23' });
  });

  it('leaves out a treaty not yet signed at the instant', () => {
    expect(status([], '1936-01-01', 'german-soviet-1939')).toBeUndefined();
  });
});

describe('treaty status with denunciation, renewal and expiry', () => {
  it('ends a denounced treaty at the end of its term when notice was given in time', () => {
    const events = ['{date: 1938-01-10, type: denunciation, treaty: franco-soviet-1935, by: FRN}'];
    expect(status(events, '1941-03-26', 'franco-soviet-1935')).toEqual({ status: 'in-force', since: '1936-03-27' });
    expect(status(events, '1941-03-27', 'franco-soviet-1935')).toEqual({ status: 'terminated', since: '1941-03-27' });
  });

  it('renews indefinitely when notice came late, and then ends a year after it', () => {
    const events = ['{date: 1940-06-01, type: denunciation, treaty: franco-soviet-1935, by: RUS}'];
    expect(status(events, '1941-04-01', 'franco-soviet-1935')?.status).toBe('in-force');
    expect(status(events, '1941-06-01', 'franco-soviet-1935')).toEqual({ status: 'terminated', since: '1941-06-01' });
  });

  it('renews tacitly by whole periods: a late denunciation runs to the end of the next one', () => {
    const events = ['{date: 1949-01-01, type: denunciation, treaty: german-soviet-1939, by: GMY}'];
    expect(status(events, '1950-01-01', 'german-soviet-1939')?.status).toBe('in-force');
    expect(status(events, '1954-08-23', 'german-soviet-1939')).toEqual({ status: 'terminated', since: '1954-08-23' });
  });

  it('expires at the end of a fixed term with no renewal', () => {
    expect(status([], '1940-02-01', 'two-keys-test')).toEqual({ status: 'terminated', since: '1940-02-01' });
  });

  it('discharges an open duty when its treaty ends, and voids one triggered after', () => {
    const open = run(['{date: 1939-12-01, type: aggression, by: GMY, against: UKG, unprovoked: true}'], '1940-03-01');
    expect(open.norms.find((n) => n.norm === 'two-keys-test/art-1')).toMatchObject({ status: 'discharged', since: '1940-02-01' });
    const late = run(['{date: 1940-03-01, type: aggression, by: GMY, against: UKG, unprovoked: true}'], '1940-03-02');
    expect(late.norms.find((n) => n.norm === 'two-keys-test/art-1')).toMatchObject({ status: 'void', holder: 'FRN' });
  });
});

describe('parties that join and leave one by one', () => {
  const war = (by: string, against: string, date: string) => `{date: ${date}, type: aggression, by: ${by}, against: ${against}}`;
  const instance = (events: string[], at: string, holder: string, beneficiary: string) =>
    run(events, at).norms.find((n) => n.norm === 'open-pact-test/art-1' && n.holder === holder && n.beneficiary === beneficiary);

  it('binds an early acceder from entry into force and a late one from its accession', () => {
    expect(instance([war('ITA', 'FRN', '1931-02-01')], '1931-02-02', 'ITA', 'FRN')?.status).toBe('breached');
    expect(instance([war('NTH', 'FRN', '1932-02-01')], '1932-02-02', 'NTH', 'FRN')?.status).toBe('void');
    expect(instance([war('NTH', 'FRN', '1932-04-01')], '1932-04-02', 'NTH', 'FRN')?.status).toBe('breached');
    // An attack before the accession, looked at afterwards, is not a breach: the pair is bound from 1932-03-01.
    expect(instance([war('NTH', 'FRN', '1932-02-01')], '1932-04-02', 'NTH', 'FRN')).toMatchObject({ status: 'due', since: '1932-03-01' });
  });

  it('moves the end of the term with an extension protocol', () => {
    const t = run([], '1940-01-01').treaties.find((x) => x.treaty === 'open-pact-test');
    expect(t?.history.filter((h) => h.event === 'extension' || h.event === 'renewal').map((h) => [h.event, h.date])).toEqual([
      ['extension', '1934-05-01'],
      ['renewal', '1938-12-31'],
    ]);
    const early = ['{date: 1936-03-01, type: denunciation, treaty: open-pact-test, by: FRN}'];
    const left = run(early, '1939-01-01').treaties.find((x) => x.treaty === 'open-pact-test');
    expect(left?.history.find((h) => h.event === 'withdrawal')).toMatchObject({ date: '1938-12-31', by: 'FRN' });
  });

  it('lets a denouncing party of a multilateral treaty leave at the end of the term, the others staying bound', () => {
    const events = ['{date: 1936-01-01, type: denunciation, treaty: open-pact-test, by: BEL}'];
    const t = run(events, '1941-01-01').treaties.find((x) => x.treaty === 'open-pact-test');
    expect(t?.history.find((h) => h.event === 'withdrawal')).toMatchObject({ date: '1938-12-31', by: 'BEL' });
    expect(t?.status).toBe('in-force');
    expect(instance([...events, war('BEL', 'FRN', '1938-06-01')], '1938-06-02', 'BEL', 'FRN')?.status).toBe('breached');
    expect(instance([...events, war('BEL', 'FRN', '1939-01-15')], '1939-01-16', 'BEL', 'FRN')?.status).toBe('void');
    expect(instance([...events, war('UKG', 'FRN', '1939-01-15')], '1939-01-16', 'UKG', 'FRN')?.status).toBe('breached');
  });

  it('enters into force on the second ratification and binds each later party from its own', () => {
    const pair = (h: string, b: string, events: string[], at: string) =>
      run(events, at).norms.find((n) => n.norm === 'each-ratified-test/art-1' && n.holder === h && n.beneficiary === b);
    expect(status([], '1929-03-29', 'each-ratified-test')).toEqual({ status: 'signed', since: '1929-02-09' });
    expect(status([], '1929-03-30', 'each-ratified-test')).toEqual({ status: 'in-force', since: '1929-03-30' });
    // Romania signed but has not ratified: not bound, until its own ratification.
    expect(pair('ROM', 'POL', [war('ROM', 'POL', '1929-05-01')], '1929-05-02')?.status).toBe('void');
    const late = ['{date: 1929-06-01, type: ratification, treaty: each-ratified-test, by: ROM}', war('ROM', 'POL', '1929-06-02')];
    expect(pair('ROM', 'POL', late, '1929-06-03')?.status).toBe('breached');
    expect(pair('EST', 'POL', [war('EST', 'POL', '1929-04-01')], '1929-04-02')?.status).toBe('breached');
  });

  it('lets an acceding state in a scenario join, bound from its accession', () => {
    const events = ['{date: 1935-01-01, type: accession, treaty: open-pact-test, by: POL}', war('POL', 'UKG', '1935-02-01')];
    expect(instance(events, '1935-02-02', 'POL', 'UKG')?.status).toBe('breached');
    expect(instance([war('POL', 'UKG', '1935-02-01')], '1935-02-02', 'POL', 'UKG')).toBeUndefined();
  });
});

describe('a scenario that repeats a recorded step', () => {
  it('lists the step once', () => {
    const events = ['{date: 1939-11-28, type: denunciation, treaty: soviet-finnish-1932, by: RUS}'];
    const t = run(events, '1940-01-01').treaties.find((x) => x.treaty === 'soviet-finnish-1932');
    expect(t?.history.filter((h) => h.event === 'denunciation')).toHaveLength(1);
  });
});
