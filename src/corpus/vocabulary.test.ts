import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { instance, run, temporaryDirectories } from '../../test/helpers.js';
import { inputErrors } from '../base/casus-error.js';
import { loadScenario } from '../scenario/load-scenario.js';
import { loadCorpus } from './load-corpus.js';
import { fieldsNamed, typesNamed } from './vocabulary.js';

const fixture = fileURLToPath(new URL('../../test/fixtures/mobilisation-pact.treaty.md', import.meta.url));
const corpus = loadCorpus(undefined, [fixture]);
const tempDir = temporaryDirectories();

/** The errors of loading the shipped corpus with one more treaty file made of these rule blocks. */
function errorsWith(rules: string): string[] {
  const file = join(tempDir('casus-vocabulary-'), 'x.treaty.md');
  writeFileSync(
    file,
    `---\ntreaty: x-test\ntitle: X\nparties: [GMY, AUH]\nsources:\n  test: a test\nlifecycle:\n  - {date: 1880-01-01, type: signature, source: test}\n---\n\n## Article 1 {#art-1}\n\nA test (source: test).\n\n\`\`\`casus\n${rules}\nlifecycle { entry into force: on signature; }\n\`\`\`\n`,
  );
  try {
    loadCorpus(undefined, [fixture, file]);
    return [];
  } catch (e) {
    return inputErrors(e).map((x) => x.message);
  }
}

describe('the event vocabulary: declared types and classes', () => {
  it('has the shipped class of attacks, and the fields its members share', () => {
    expect(typesNamed(corpus.vocabulary, 'attack')).toEqual(['aggression', 'war-declaration']);
    expect(fieldsNamed(corpus.vocabulary, 'attack')).toEqual({
      by: { kind: 'state', required: true },
      against: { kind: 'state', required: true },
      unprovoked: { kind: 'tri', required: false },
    });
    expect(fieldsNamed(corpus.vocabulary, 'mobilisation')).toEqual({
      by: { kind: 'state', required: true },
      scope: { kind: 'choice', required: true, choices: ['partial', 'general'] },
      against: { kind: 'state', required: false },
    });
  });

  it('triggers "if attacked without provocation" by an aggression or by a declaration of war alike', () => {
    for (const type of ['aggression', 'war-declaration']) {
      const r = run([`{date: 1914-08-03, type: ${type}, by: FRN, against: GMY, unprovoked: true}`], '1914-08-05', corpus);
      expect(instance(r, 'mobilisation-pact-test/art-1', 'AUH', 'GMY')).toMatchObject({
        status: 'due',
        since: '1914-08-03',
        counterparty: 'FRN',
      });
    }
    // A declaration whose provocation is not known leaves the duty short of due, as an aggression does.
    const unknown = run(['{date: 1914-08-03, type: war-declaration, by: FRN, against: GMY}'], '1914-08-05', corpus);
    expect(unknown.norms.find((n) => n.norm === 'mobilisation-pact-test/art-1' && n.holder === 'AUH')?.status).not.toBe('due');
    // A threat is no attack.
    const threat = run(['{date: 1914-08-03, type: threat, by: FRN, against: GMY}'], '1914-08-05', corpus);
    expect(threat.norms.filter((n) => n.norm === 'mobilisation-pact-test/art-1')).toEqual([]);
  });

  it('tells a general mobilisation from a partial one, and counts the holder’s own general mobilisation as performance', () => {
    const partial = run(['{date: 1914-07-29, type: mobilisation, by: RUS, against: AUH, scope: partial}'], '1914-08-01', corpus);
    expect(partial.norms.filter((n) => n.norm === 'mobilisation-pact-test/art-2')).toEqual([]);
    const general = ['{date: 1914-07-31, type: mobilisation, by: RUS, against: AUH, scope: general}'];
    expect(instance(run(general, '1914-08-01', corpus), 'mobilisation-pact-test/art-2', 'GMY', 'AUH').status).toBe('due');
    const answered = [...general, '{date: 1914-08-01, type: mobilisation, by: GMY, scope: general}'];
    expect(instance(run(answered, '1914-08-02', corpus), 'mobilisation-pact-test/art-2', 'GMY', 'AUH').status).toBe('fulfilled');
  });

  it('counts a mobilisation made before the trigger as performance while it lasts, and not once demobilised', () => {
    const early = '{date: 1914-07-30, type: mobilisation, by: GMY, scope: general}';
    const trigger = '{date: 1914-07-31, type: mobilisation, by: RUS, against: AUH, scope: general}';
    const kept = instance(run([early, trigger], '1914-08-02', corpus), 'mobilisation-pact-test/art-2', 'GMY', 'AUH');
    // Fulfilled from the day it became due, by the mobilisation already in effect.
    expect([kept.status, kept.since]).toEqual(['fulfilled', '1914-07-31']);
    const ended = [early, '{date: 1914-07-30, type: demobilisation, by: GMY}', trigger];
    expect(instance(run(ended, '1914-08-02', corpus), 'mobilisation-pact-test/art-2', 'GMY', 'AUH').status).toBe('due');
    // A type that does not last (an assistance) counts only from the trigger on.
    const help = run(
      [
        '{date: 1914-08-01, type: assistance, by: AUH, to: GMY}',
        '{date: 1914-08-03, type: war-declaration, by: FRN, against: GMY, unprovoked: true}',
      ],
      '1914-08-05',
      corpus,
    );
    expect(instance(help, 'mobilisation-pact-test/art-1', 'AUH', 'GMY').status).toBe('due');
  });

  it('checks scenario events of a declared type like the built-in ones, and refuses a class as an event', () => {
    const errors = (event: string) => {
      try {
        loadScenario(`id: x\nevents:\n  - ${event}\n`, 'x.yaml', corpus);
        return [];
      } catch (e) {
        return inputErrors(e).map((x) => `${x.field}: ${x.message}`);
      }
    };
    expect(errors('{date: 1914-07-31, type: mobilisation, by: RUS, scope: total}')).toEqual([
      'events[0].scope: "scope" is one of partial, general',
    ]);
    expect(errors('{date: 1914-07-31, type: mobilisation, by: RUS, scope: generl}')).toEqual([
      'events[0].scope: "scope" is one of partial, general (did you mean "general"?)',
    ]);
    expect(errors('{date: 1914-07-31, type: mobilisation, by: RUS}')).toEqual(['events[0].scope: a mobilisation event needs `scope`']);
    expect(errors('{date: 1914-08-03, type: attack, by: FRN, against: GMY}')).toEqual([
      'events[0].type: "attack" is a class of event types, not a type: an event is one of aggression, war-declaration',
    ]);
    expect(errors('{date: 1914-07-31, type: mobilsation, by: RUS, scope: general}')[0]).toMatch(
      /unknown event type "mobilsation" \(did you mean "mobilisation"\?\)/,
    );
  });

  it('refuses a declaration that clashes, a class that does not hold, a field not every member has, and a word not among the choices', () => {
    expect(errorsWith('event aggression { by: state; }')).toEqual([
      expect.stringMatching(/event type or class "aggression" is one of casus's built-in event types/),
    ]);
    expect(errorsWith('event mobilisation { by: state; }')).toEqual([
      expect.stringMatching(/"mobilisation" is already declared at .*mobilisation-pact\.treaty\.md:\d+/),
    ]);
    expect(errorsWith('class strike = aggression | raid;')).toEqual([
      expect.stringMatching(/class strike names "raid", which is no event type/),
    ]);
    expect(errorsWith('class alone = aggression;')).toEqual(['class alone needs at least two different event types']);
    expect(errorsWith('event siege { against: state; lasts until relief; }')).toEqual([
      'event type siege lasts until relief: "relief" is no event type',
    ]);
    expect(errorsWith('event siege { by: state; lasts until demobilisation; lasts until demobilisation; }')).toEqual([
      'event type siege says "lasts until" twice: say it once',
    ]);
    expect(errorsWith('event siege { against: state; lasts until demobilisation; }')).toEqual([
      'event type siege lasts until demobilisation: both types need a `by` field: an event lasts until its own actor ends it',
    ]);
    expect(errorsWith('event drill { by: state; by: tri; date: date; }')).toEqual([
      'field "by" of event type drill is declared twice',
      'field "date" of event type drill is given to every event',
    ]);
    expect(
      errorsWith(
        'class menace = aggression | threat;\nduty art-1 { roles: each party toward the other; action: assist; trigger: menace a where a.against = beneficiary and a.unprovoked = true; }',
      ),
    ).toEqual([expect.stringMatching(/not every event of class menace \(aggression, threat\) has a field "unprovoked"/)]);
    expect(
      errorsWith(
        'duty art-1 { roles: each party toward the other; action: mobilise; trigger: mobilisation m where m.against = beneficiary and m.scope = "generl"; }',
      ),
    ).toEqual(['"generl" is not a value of m.scope (did you mean "general"?): it is one of partial, general']);
  });
});

describe('a standing prohibition about a third state', () => {
  const third = loadCorpus(undefined, [fileURLToPath(new URL('../../test/fixtures/third-state.treaty.md', import.meta.url))]);

  it('is breached toward every other party by its holder’s forbidden act, though the act involves no other party', () => {
    const r = run(['{date: 1883-05-01, type: war-declaration, by: RUS, against: ROM}'], '1883-06-01', third);
    const of = r.norms.filter((n) => n.norm === 'third-state-test/art-1');
    expect(of.map((n) => [n.holder, n.beneficiary, n.status, n.since])).toEqual([
      ['RUS', 'GMY', 'breached', '1883-05-01'],
      ['RUS', 'AUH', 'breached', '1883-05-01'],
    ]);
    // An attack on another state touches no pair of it.
    expect(
      run(['{date: 1883-05-01, type: aggression, by: RUS, against: BUL}'], '1883-06-01', third).norms.filter(
        (n) => n.norm === 'third-state-test/art-1',
      ),
    ).toEqual([]);
  });
});
