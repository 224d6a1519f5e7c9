import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.js';

// The acceptance cases live in ../shared beside the checkout (the contract's fixed
// scenarios); the crisis library of the project itself is always here.
const shared = fileURLToPath(new URL('../../shared/scenarios/', import.meta.url));
const library = fileURLToPath(new URL('../scenarios/', import.meta.url));
const bin = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const hasShared = existsSync(shared);
const yamlIn = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => /\.(ya?ml|json)$/.test(f))
        .sort()
    : [];
/** The shared cases by name (test/acceptance-cases.json): without ../shared they are reported skipped, one by one. */
const cases = JSON.parse(readFileSync(fileURLToPath(new URL('./acceptance-cases.json', import.meta.url)), 'utf8')) as {
  seed: string[];
  invalid: string[];
};
const inCi = process.env.CI === 'true';

describe('the shared acceptance suite is there', () => {
  it.skipIf(!hasShared)('and holds exactly the cases test/acceptance-cases.json names (update the list when the suite changes)', () => {
    expect({ seed: yamlIn(`${shared}seed`), invalid: yamlIn(`${shared}invalid`) }).toEqual({ seed: cases.seed, invalid: cases.invalid });
  });
  // In CI a missing ../shared is a failure, never a quiet skip.
  it.runIf(inCi)('in CI (CI=true): ../shared/scenarios is beside the checkout', () => {
    expect(hasShared, `no ${shared}: the acceptance cases cannot run`).toBe(true);
  });
});

if (!hasShared) {
  describe('shared acceptance scenarios (../shared absent: each case skipped by name)', () => {
    for (const file of cases.seed) it.skip(`passes casus test: ${file}`, () => {});
    for (const file of cases.invalid) it.skip(`rejects ${file}`, () => {});
  });
}

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

describe.skipIf(!hasShared)('shared acceptance scenarios: seed (must pass)', () => {
  for (const file of yamlIn(`${shared}seed`)) {
    it(`passes casus test: ${file}`, async () => {
      const r = await cli('test', `${shared}seed/${file}`);
      expect(r.err).toBe('');
      expect(r.out).toContain('1 passed, 0 failed, 0 invalid');
      expect(r.code).toBe(0);
    });
  }
});

describe.skipIf(!hasShared)('shared acceptance scenarios: invalid (must be rejected with exit 2, file, line and field)', () => {
  for (const file of yamlIn(`${shared}invalid`)) {
    it(`rejects ${file}`, async () => {
      const r = await cli('run', `${shared}invalid/${file}`);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      // file:line:column, then the field for everything but a YAML syntax error
      expect(r.err).toMatch(new RegExp(`invalid/${file.replace('.', '\\.')}:\\d+:\\d+  `));
      if (file !== 'bad-yaml.yaml') expect(r.err).toMatch(/events\[\d+\]\.\w+: /);
    });
  }
});

describe('the crisis library (scenarios/ of the project)', () => {
  for (const file of yamlIn(library)) {
    it(`passes casus test: ${file}`, async () => {
      const r = await cli('test', `${library}${file}`);
      expect(r.out).toContain('1 passed, 0 failed, 0 invalid');
      expect(r.code).toBe(0);
    });
  }
});

describe.skipIf(!existsSync(bin))('the built casus binary, end to end', () => {
  it.skipIf(!hasShared)('passes the whole seed directory and rejects each invalid file with exit 2', () => {
    const seed = spawnSync(process.execPath, [bin, 'test', `${shared}seed`], { encoding: 'utf8' });
    expect(seed.stdout).toMatch(new RegExp(`${cases.seed.length} passed, 0 failed, 0 invalid`));
    expect(seed.status).toBe(0);
    for (const file of yamlIn(`${shared}invalid`)) {
      const r = spawnSync(process.execPath, [bin, 'run', `${shared}invalid/${file}`], { encoding: 'utf8' });
      expect([file, r.status]).toEqual([file, 2]);
      expect(r.stderr).toContain(file);
    }
  });

  it('prints the same JSON report twice, byte for byte', () => {
    const args = [bin, 'run', `${library}${yamlIn(library)[0]}`, '--json'];
    expect(execFileSync(process.execPath, args, { encoding: 'utf8' })).toBe(execFileSync(process.execPath, args, { encoding: 'utf8' }));
  });
});
