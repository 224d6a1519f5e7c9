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
