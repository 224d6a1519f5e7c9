/**
 * `npm run durability -- [--kills N] [--saves N] [--seed S] [--keep]`: the kill loop of
 * test/durability.test.ts at full size (default 25 kills over at least 1,200 acknowledged saves).
 * The built CLI's server saves scenarios and runs, is killed with SIGKILL at random moments and
 * restarted on the same file; every acknowledged save must read back byte for byte and SQLite's
 * integrity check must say ok. Prints the counts; exits 1 on any loss.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killLoop } from '../test/durability/kill-loop.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const kills = option('--kills', 25);
const saves = option('--saves', 1200);
const seed = option('--seed', 1);
if (![kills, saves, seed].every(Number.isInteger) || kills < 1 || saves < 0) {
  console.error('usage: npm run durability -- [--kills N] [--saves N] [--seed S] [--keep]');
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'casus-durability-'));
const db = join(dir, 'casus.db');
console.log(`kill loop on ${db}: at least ${kills} SIGKILLs over at least ${saves} acknowledged saves (seed ${seed})`);
const r = await killLoop({ db, kills, saves, maxDelayMs: 3000, clients: 6, seed, log: (line) => console.log(`  ${line}`) });
console.log(
  `\n${r.kills} kills, ${r.scenarios + r.runs} acknowledged saves (${r.scenarios} scenarios, ${r.runs} runs), ${r.unanswered} requests cut off by a kill`,
);
console.log(
  `lost: ${r.lost.length}; stored but never sent: ${r.phantoms.length}; damage: ${r.damaged.length === 0 ? 'none, integrity_check ok after every restart' : r.damaged.length}`,
);
for (const line of [...r.lost, ...r.phantoms, ...r.damaged]) console.log(`  ${line}`);
console.log(`${(r.ms / 1000).toFixed(1)} s`);
if (args.includes('--keep')) console.log(`database kept: ${db}`);
else rmSync(dir, { recursive: true, force: true });
process.exit(r.lost.length + r.phantoms.length + r.damaged.length > 0 ? 1 : 0);
