/**
 * Issue 12's reproducers, each as a file on disk through the CLI in-process (the same functions the
 * binary calls): every one is an input error, exit 2, located at file:line:column, and the message
 * quotes the bound it hit. And the bounds themselves: each is refused one past it, accepted at it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type CasusError, inputErrors } from '../src/base/casus-error.js';
import {
  bytesText,
  countText,
  MAX_EVENTS,
  MAX_LINE_LENGTH,
  MAX_NAME_LENGTH,
  MAX_REPORTED_ERRORS,
  MAX_RULE_BLOCK_BYTES,
  MAX_RULE_DEPTH,
  MAX_RULE_OPERATORS,
  MAX_SCENARIO_BYTES,
  MAX_TREATY_RULE_BYTES,
  MAX_YAML_ALIASES,
  MAX_YAML_DEPTH,
} from '../src/base/limits.js';
import { readYaml } from '../src/base/yaml-source.js';
import { runCli } from '../src/cli/main.js';
import { parseRules } from '../src/language/parse-rules.js';
import { temporaryDirectories } from './helpers.js';

const tempDir = temporaryDirectories();
const fixture = readFileSync(fileURLToPath(new URL('./fixtures/open-pact.treaty.md', import.meta.url)), 'utf8');

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

function file(name: string, text: string): string {
  const f = join(tempDir('casus-limits-'), name);
  writeFileSync(f, text);
  return f;
}

/** Ten levels of ten aliases each: 10^10 values if expanded. */
const bomb = (name: string) =>
  Array.from(
    { length: 10 },
    (_, i) =>
      `${name}${i}: &${name}${i} [${
        i === 0
          ? `${'a, '.repeat(9)}a`
          : Array(10)
              .fill(`*${name}${i - 1}`)
              .join(', ')
      }]`,
  ).join('\n');

/** The fixture treaty with its first rule's `forbids` pattern given a condition `cond`. */
const treatyWith = (cond: string) => fixture.replace('x.against = beneficiary;', `x.against = beneficiary and ${cond};`);

describe('every reproducer of issue 12 is exit 2 with a located message', () => {
  it('an alias that names no anchor', async () => {
    const f = file('alias.yaml', 'id: x\nevents: *nope\n');
    const r = await cli('run', f);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${f}:2:9`);
    expect(r.err).toMatch(/alias \*nope names no anchor/);
    expect(r.err).not.toMatch(/ReferenceError|at .*\.js/);
  });

  it('a ten-level alias expansion, in a scenario and in a treaty front matter', async () => {
    const s = file('bomb.yaml', `${bomb('x')}\nid: x\nevents: []\n`);
    const r = await cli('run', s);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`${s}:\\d+:\\d+ .*aliases may expand at most ${MAX_YAML_ALIASES} times`));
    const t = file('bomb.treaty.md', fixture.replace('---\ntreaty:', `---\n${bomb('y')}\ntreaty:`));
    const c = await cli('check', t);
    expect(c.code).toBe(2);
    expect(c.err).toMatch(new RegExp(`${t}:\\d+:\\d+ .*aliases may expand at most ${MAX_YAML_ALIASES} times`));
  });

  it('5,000 nested parentheses, and a long chain of `not`, in a rule', async () => {
    const deep = file('deep.treaty.md', treatyWith(`${'('.repeat(5000)}x.by = holder${')'.repeat(5000)}`));
    const r = await cli('check', deep);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`${deep}:\\d+:\\d+ .*rules nest at most ${MAX_RULE_DEPTH} deep.*5,001 deep`));
    const nots = file('nots.treaty.md', treatyWith(`${'not\n'.repeat(3000)}x.by = holder`));
    const n = await cli('check', nots);
    expect(n.code).toBe(2);
    expect(n.err).toMatch(new RegExp(`${nots}:\\d+:\\d+ .*(rules nest at most|operators)`));
  });

  it('a long run of one YAML flow character is refused at once, located', async () => {
    const f = file('flow.yaml', `id: x\nevents: ${'['.repeat(200_000)}\n`);
    const r = await cli('run', f);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`${f}:2:\\d+ .*nest at most ${MAX_YAML_DEPTH} deep`));
  });

  it('/dev/zero, a directory and a file over the size bound are refused without reading them', async () => {
    const zero = await cli('run', '/dev/zero');
    expect(zero.code).toBe(2);
    expect(zero.err).toMatch(/not a regular file/);
    const dir = await cli('run', tempDir('casus-dir-'));
    expect(dir.code).toBe(2);
    const big = file('big.yaml', `id: x\nevents:\n${'  - {date: 1936-03-07, type: threat, by: GMY, against: FRN}\n'.repeat(80_000)}`);
    const r = await cli('run', big);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${big}:1:1`);
    expect(r.err).toContain(`at most ${bytesText(MAX_SCENARIO_BYTES)}`);
  });

  it('more events than the bound, in a file under the size bound', async () => {
    const line = '  - {date: 1936-03-07, type: threat, by: GMY, against: FRN}\n';
    const f = file('many.yaml', `id: x\nevents:\n${line.repeat(MAX_EVENTS + 1)}`);
    const r = await cli('run', f);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${f}:${MAX_EVENTS + 3}:`);
    expect(r.err).toContain(`at most ${countText(MAX_EVENTS)} events; this one holds ${countText(MAX_EVENTS + 1)}`);
  });

  it('identifiers of 10^6 characters: a scenario id, a treaty slug, a name in a rule', async () => {
    const long = 'a'.repeat(1_000_000);
    const s = file('ident.yaml', `id: ${long}\nevents: []\n`);
    const r = await cli('run', s);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${s}:1:5`);
    expect(r.err).toContain(`at most ${MAX_NAME_LENGTH} characters; this one is 1,000,000`);
    const slug = file('slug.treaty.md', fixture.replace('treaty: open-pact-test', `treaty: ${long}`));
    const t = await cli('check', slug);
    expect(t.code).toBe(2);
    expect(t.err).toMatch(/at most 20,000 characters|at most 200 characters/);
    // Under the line bound, a name of a rule is refused by the name bound, where it stands.
    const name = 'b'.repeat(MAX_NAME_LENGTH + 1);
    const rule = file('name.treaty.md', treatyWith(`x.${name} = holder`));
    const n = await cli('check', rule);
    expect(n.code).toBe(2);
    expect(n.err).toMatch(
      new RegExp(`${rule}:\\d+:\\d+ .*a name in a rule is at most ${MAX_NAME_LENGTH} characters; this one is ${MAX_NAME_LENGTH + 1}`),
    );
  });
});

/** The one CasusError `f` throws (fails if it throws anything else or nothing). */
function refusal(f: () => unknown): CasusError {
  try {
    f();
  } catch (e) {
    const errors = inputErrors(e);
    expect(errors.length).toBeGreaterThan(0);
    return errors[0] as CasusError;
  }
  throw new Error('no error thrown');
}

const origin = { file: 'x.treaty.md', line: 10 };
const rule = (cond: string) => `prohibition art-1 {\n  roles: each party toward the other;\n  action: refrain;\n  condition: ${cond};\n}`;

describe('each bound is refused one past it and accepted at it', () => {
  it('rule depth (brackets and `not`)', () => {
    // The norm's own braces are one level.
    expect(() => parseRules(rule(`${'('.repeat(MAX_RULE_DEPTH - 1)}true${')'.repeat(MAX_RULE_DEPTH - 1)}`), origin)).not.toThrow();
    const e = refusal(() => parseRules(rule(`${'('.repeat(MAX_RULE_DEPTH)}true${')'.repeat(MAX_RULE_DEPTH)}`), origin));
    expect(e.code).toBe('treaty.too-large');
    expect(e.message).toContain(`rules nest at most ${MAX_RULE_DEPTH} deep`);
    expect(e.span).toMatchObject({ file: 'x.treaty.md', line: 13 });
    expect(() => parseRules(rule(`${'not '.repeat(MAX_RULE_DEPTH - 1)}true`), origin)).not.toThrow();
    expect(refusal(() => parseRules(rule(`${'not '.repeat(MAX_RULE_DEPTH)}true`), origin)).code).toBe('treaty.too-large');
  });

  it('operators per rule block', () => {
    const chain = (n: number) => Array.from({ length: n + 1 }, () => 'true').join(' or\n ');
    expect(() => parseRules(rule(chain(MAX_RULE_OPERATORS)), origin)).not.toThrow();
    const e = refusal(() => parseRules(rule(chain(MAX_RULE_OPERATORS + 1)), origin));
    expect(e.message).toContain(`at most ${MAX_RULE_OPERATORS} operators`);
    expect(e.span?.line).toBe(13 + MAX_RULE_OPERATORS);
  });

  it('bytes per rule block, and per treaty file', () => {
    const e = refusal(() => parseRules(rule(`true ${'# pad\n'.repeat(MAX_RULE_BLOCK_BYTES / 6)}`), origin));
    expect(e.message).toContain(`a rule block is at most ${bytesText(MAX_RULE_BLOCK_BYTES)}`);
    const block = `\`\`\`casus\nset s${'x'} = {FRN};\n${'# pad pad pad pad pad pad pad pad pad pad\n'.repeat(300)}\`\`\`\n`;
    const blocks = Math.ceil(MAX_TREATY_RULE_BYTES / block.length) + 1;
    const t = fixture.replace('## Article 1 {#art-1}', `## Article 1 {#art-1}\n\n${block.repeat(blocks)}`);
    return cli('check', file('blocks.treaty.md', t)).then((r) => {
      expect(r.code).toBe(2);
      expect(r.err).toContain(`at most ${bytesText(MAX_TREATY_RULE_BYTES)} in all`);
    });
  });

  it('line length of a treaty file', async () => {
    const t = fixture.replace('# Open pact (test fixture)', `# Open pact ${'x'.repeat(MAX_LINE_LENGTH)}`);
    const f = file('line.treaty.md', t);
    const r = await cli('check', f);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`${f}:\\d+:1 .*a line of a treaty file is at most ${countText(MAX_LINE_LENGTH)} characters`));
  });

  it('YAML depth and aliases', () => {
    // The top mapping is one level.
    const nested = (n: number) => `a: ${'['.repeat(n - 1)}${']'.repeat(n - 1)}\n`;
    expect(() => readYaml(nested(MAX_YAML_DEPTH), 'x.yaml', 'scenario.syntax')).not.toThrow();
    const deep = refusal(() => readYaml(nested(MAX_YAML_DEPTH + 1), 'x.yaml', 'scenario.syntax'));
    expect(deep.message).toContain(`nest at most ${MAX_YAML_DEPTH} deep`);
    expect(deep.span).toMatchObject({ file: 'x.yaml', line: 1 });
    // Block-style nesting counts too.
    const blockDeep = Array.from({ length: MAX_YAML_DEPTH + 2 }, (_, i) => `${'  '.repeat(i)}k:`).join('\n');
    expect(refusal(() => readYaml(`${blockDeep} 1\n`, 'x.yaml', 'scenario.syntax')).message).toContain(`at most ${MAX_YAML_DEPTH} deep`);
    // A key must be a word or a number: a list, a mapping or an alias as key is refused where it stands.
    for (const text of ['? [a, b]\n: 1\n', 'a: &a [1]\n? *a\n: 2\n', 'x: &k {p: 1}\ny: {*k : 3}\n']) {
      const e = refusal(() => readYaml(text, 'x.yaml', 'scenario.syntax'));
      expect(e.message).toContain('a YAML key is a word or a number');
      expect(e.span?.line).toBe(text.startsWith('?') ? 1 : 2);
    }
    const aliases = (n: number) => `a: &a 1\nb: [${Array(n).fill('*a').join(', ')}]\n`;
    expect(() => readYaml(aliases(MAX_YAML_ALIASES), 'x.yaml', 'scenario.syntax')).not.toThrow();
    expect(refusal(() => readYaml(aliases(MAX_YAML_ALIASES + 1), 'x.yaml', 'scenario.syntax')).message).toContain(
      `used at most ${MAX_YAML_ALIASES} times`,
    );
  });

  it('errors listed for one input: the first ones, then a count of the rest', async () => {
    // Each line gives several YAML syntax errors: 900 in all.
    const f = file('damaged.yaml', `id: x\n${'  ]: }\n'.repeat(300)}`);
    const r = await cli('run', f);
    expect(r.code).toBe(2);
    const lines = r.err.trimEnd().split('\n');
    expect(lines).toHaveLength(MAX_REPORTED_ERRORS + 1);
    expect(lines.slice(0, -1).every((l) => l.startsWith(`${f}:`) && l.includes('YAML syntax'))).toBe(true);
    // Errors come three to a line from line 2 on: the 101st stands on line 35.
    expect(lines.at(-1)).toBe(
      `${f}:35:4  and 800 more errors from here: casus lists at most ${MAX_REPORTED_ERRORS} (MAX_REPORTED_ERRORS); fix these first`,
    );
    // The library (and so the API) gives the same list, the count last, with its code.
    let errors: CasusError[] = [];
    try {
      readYaml(readFileSync(f, 'utf8'), 'x.yaml', 'scenario.syntax');
    } catch (e) {
      errors = inputErrors(e);
    }
    expect(errors).toHaveLength(MAX_REPORTED_ERRORS + 1);
    expect(errors.at(-1)?.code).toBe('input.too-many-errors');
  });
});

describe('the library takes the same ranges as the CLI and the API', () => {
  it('years, runs, seeds and rounds out of range are input errors naming the option', async () => {
    const { loadCorpus } = await import('../src/corpus/load-corpus.js');
    const { sweepModel, sweepDyads, sweepAttacks } = await import('../src/analysis/sweep.js');
    const { compileNetwork, networkCascade } = await import('../src/analysis/network-cascade.js');
    const { cascade } = await import('../src/analysis/cascade.js');
    const { loadScenario } = await import('../src/scenario/load-scenario.js');
    const { CASCADE_RUNS, MAX_ROUNDS, NETWORK_RUNS, YEARS } = await import('../src/base/input-ranges.js');
    const corpus = loadCorpus();
    const model = sweepModel(corpus, { unprovoked: true });
    const refused = (f: () => unknown) => {
      const e = refusal(f);
      expect(e.code).toBe('input.bad-option');
      return e;
    };
    for (const year of [YEARS.min - 1, YEARS.max + 1, 1936.5, Number.NaN]) {
      expect(refused(() => sweepDyads(model, { from: year, to: 1939 })).field).toBe('from');
      expect(refused(() => sweepAttacks(model, { from: 1936, to: year }, () => {})).field).toBe('to');
      expect(refused(() => compileNetwork(corpus, year, model)).field).toBe('year');
    }
    expect(refused(() => sweepDyads(model, { from: 1939, to: 1938 })).field).toBe('to');
    expect(sweepDyads(model, { from: YEARS.max, to: YEARS.max })).toEqual([]);
    const net = compileNetwork(corpus, 1938, model);
    expect(refused(() => networkCascade(net, 'GMY', 'CZE', { runs: 0 })).message).toBe(
      `runs is a whole number from ${NETWORK_RUNS.min} to ${NETWORK_RUNS.max}; got 0`,
    );
    expect(refused(() => networkCascade(net, 'GMY', 'CZE', { seed: -1 })).field).toBe('seed');
    expect(refusal(() => networkCascade(net, 'GMY', 'XXX')).code).toBe('input.unknown-state');
    const scenario = loadScenario('id: x\nevents:\n  - {date: 1938-09-30, type: aggression, by: GMY, against: CZE}\n', 'x.yaml', corpus);
    expect(refused(() => cascade(corpus, scenario, { runs: CASCADE_RUNS.max + 1 })).field).toBe('runs');
    expect(refused(() => cascade(corpus, scenario, { maxRounds: MAX_ROUNDS.max + 1 })).field).toBe('maxRounds');
  }, 60_000);
});
