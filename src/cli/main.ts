#!/usr/bin/env node
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Presets, SingleBar } from 'cli-progress';
import { Command, CommanderError } from 'commander';
import { agreementText, compareWithAtop, type DyadFlags, dyadKey, oracleFlags, readDdyr } from '../analysis/atop-compare.js';
import { cascade, cascadeText, readCompliance } from '../analysis/cascade.js';
import { checkExpectations, type Mismatch } from '../analysis/check-expectations.js';
import { conflicts, conflictsText } from '../analysis/conflicts.js';
import { corpusStatus, corpusTimeline, timelineCsv } from '../analysis/corpus-time.js';
import { compileNetwork, networkCascade, networkCascadeText } from '../analysis/network-cascade.js';
import { SWEEP_OBLIGATIONS, type SweepObligation, sweepDyads, sweepModel } from '../analysis/sweep.js';
import { runSweep, type SweepJob } from '../analysis/sweep-job.js';
import { vetoAnalysis, vetoText } from '../analysis/vetoes.js';
import { whatIf, whatIfText } from '../analysis/whatif.js';
import { CasusError, formatError, inputErrors } from '../base/casus-error.js';
import {
  CASCADE_RUNS,
  inRange,
  MAX_REMOVALS,
  MAX_ROUNDS,
  NETWORK_RUNS,
  PORTS,
  SEEDS,
  type WholeRange,
  WITNESS_EVENTS,
  WORKERS,
  YEARS,
} from '../base/input-ranges.js';
import { MAX_DATA_BYTES, MAX_SCENARIO_BYTES } from '../base/limits.js';
import { didYouMean } from '../base/nearest.js';
import { dateProblem, type PartialDate, parseDate } from '../base/partial-date.js';
import { readBounded } from '../base/read-bounded.js';
import { DEFAULT_CORPUS_DIR, libraryFilesIn, loadCorpus } from '../corpus/load-corpus.js';
import { hasNorm, normIds, unknownTreatyError } from '../corpus/lookup.js';
import type { Corpus } from '../corpus/treaty.js';
import { evaluate } from '../engine/evaluate.js';
import type { NormInstance, Report } from '../engine/report.js';
import { ATOP_CITATION, atopImportReport, atopSourcesMd, importAtop, LEAGUE_HEADER } from '../importers/atop.js';
import { importCowStates, readStateRows, statesCsv } from '../importers/cow-states.js';
import { loadScenario } from '../scenario/load-scenario.js';
import type { Scenario } from '../scenario/scenario.js';
import { LIBRARY_DIR } from '../server/library.js';
import { hostName, normaliseHost } from '../server/same-origin.js';
import { DEFAULT_SERVE_WORKERS, isLoopbackHost, startServer } from '../server/serve.js';
import { EtaEstimator } from './eta.js';
import { addExportCommand } from './export-command.js';
import { explanationText, instanceText, reportText } from './format-report.js';
import { corpusStatusText } from './format-status.js';

/** Where the CLI writes: standard output and standard error, or a test's buffers. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

/** The project's own crisis library, shown by `casus demo` (and `npm run demo`). */

class Exit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/** The bar's `{left}`: the estimator's text once it has seen `done` at the current time. */
function progressPayload(eta: EtaEstimator, done: number): { left: string } {
  eta.update(done, performance.now());
  return { left: eta.text() };
}

/** casus's version, from its package.json (dist/cli and src/cli are both two levels down). */
function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : 'unknown';
}

/**
 * Runs the casus command line and returns its exit code: 0 success, 1 an `expect`
 * mismatch, 2 invalid input (file, line, field, what was expected).
 */
export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  let corpus: Corpus | undefined;
  const program = new Command();
  /** Where the corpus comes from: --corpus and --with (the server's run workers load it again). */
  const corpusSource = (): { dir: string; extraFiles: string[] } => {
    const o = program.opts<{ corpus?: string; with?: string[] }>();
    return { dir: o.corpus ?? DEFAULT_CORPUS_DIR, extraFiles: (o.with ?? []).map((f) => resolve(f)) };
  };
  const getCorpus = (): Corpus => {
    const { dir, extraFiles } = corpusSource();
    corpus ??= loadCorpus(dir, extraFiles);
    return corpus;
  };
  const json = (value: unknown) => io.out(`${JSON.stringify(value, null, 2)}\n`);
  program
    .name('casus')
    .description('Executable treaties: which pacts are in force, who owes what to whom, since when and why.')
    .version(packageVersion(), '-V, --version', 'print the version of casus')
    .option('--corpus <dir>', 'treaty library to use', DEFAULT_CORPUS_DIR)
    .option(
      '--with <file or folder>',
      'an extra treaty file, or every *.treaty.md of a folder, to load with the library (a variant of a pact, treaties of your own); repeat for more',
      (file: string, files: string[]) => [...files, file],
      [] as string[],
    )
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .showHelpAfterError();

  program
    .command('run')
    .description('evaluate a scenario: treaty statuses and every norm instance its events touch')
    .argument('<scenario>', 'scenario file (YAML or JSON)')
    .option('--at <date>', 'instant to describe (default: the scenario’s `at`, else its last event)')
    .option('--json', 'print the report as JSON (the contract’s report fields)')
    .option('--no-explain', 'leave the explanation trees out of the JSON report')
    .action((file: string, opts: { at?: string; json?: boolean; explain: boolean }) => {
      const { scenario, report } = runScenario(file, getCorpus(), opts.at, opts.explain || !opts.json);
      void scenario;
      if (opts.json) json(report);
      else io.out(`${reportText(report)}\n`);
    });

  program
    .command('test')
    .description('check the `expect` blocks of scenario files; a readable diff and exit 1 on mismatch')
    .argument('<paths...>', 'scenario files or directories')
    .option('--json', 'print the results as JSON')
    .action((paths: string[], opts: { json?: boolean }) => {
      const files = paths.flatMap(scenarioFiles);
      // A corpus error is reported once, not once per scenario.
      const c = getCorpus();
      const results: Array<{ file: string; mismatches: Mismatch[]; expectations: number }> = [];
      let failed = 0;
      let invalid = 0;
      for (const file of files) {
        try {
          const { scenario, report } = runScenario(file, c, undefined, false);
          const mismatches = checkExpectations(scenario, report);
          results.push({ file, mismatches, expectations: scenario.expect.length });
          if (mismatches.length > 0) failed++;
          if (!opts.json) io.out(`${mismatches.length === 0 ? 'ok  ' : 'FAIL'} ${file} (${scenario.expect.length} expectation(s))\n`);
          if (!opts.json) for (const m of mismatches) io.out(`${mismatchText(file, m)}\n`);
        } catch (e) {
          const errors = inputErrors(e);
          if (errors.length === 0) throw e;
          invalid++;
          io.err(`${errors.map(formatError).join('\n')}\n`);
        }
      }
      if (opts.json) json(results);
      else io.out(`\n${files.length - failed - invalid} passed, ${failed} failed, ${invalid} invalid, of ${files.length} scenario(s)\n`);
      if (invalid > 0) throw new Exit(2);
      if (failed > 0) throw new Exit(1);
    });

  program
    .command('status')
    .description('a treaty’s status at an instant, with its history; with no treaty, every treaty of the corpus on that day')
    .argument('[treaty]', 'treaty slug, e.g. franco-soviet-1935 (omit for the whole corpus)')
    .option('--at <date>', 'instant (default: the last step of the treaty’s recorded history; required for the whole corpus)')
    .option('--json', 'print as JSON')
    .action((slug: string | undefined, opts: { at?: string; json?: boolean }) => {
      const c = getCorpus();
      if (slug === undefined) {
        if (!opts.at) {
          throw new CasusError(
            'input.missing-option',
            'say which day: `casus status --at 1939-09-17` (or name a treaty: `casus status franco-soviet-1935`)',
          );
        }
        const at = dateOption(opts.at);
        const rows = corpusStatus(c, at);
        if (opts.json) {
          json({ at: at.text, treaties: rows });
          return;
        }
        io.out(corpusStatusText(at.text, rows));
        return;
      }
      const treaty = c.treaties.get(slug);
      if (!treaty) {
        throw unknownTreatyError(c, slug);
      }
      const probe = evaluate(c, { id: 'status', events: [] }, parseDate('9999-12-31'), { explain: false });
      const lastStep = probe.treaties.find((t) => t.treaty === slug)?.history.at(-1)?.date;
      const at = opts.at ? dateOption(opts.at) : parseDate((lastStep ?? '1920').split('/')[0] as string);
      const report = evaluate(c, { id: 'status', events: [] }, at, { explain: false });
      const entry = report.treaties.find((t) => t.treaty === slug);
      if (opts.json) {
        json(entry ?? { treaty: slug, status: 'negotiating', history: [] });
        return;
      }
      io.out(
        `${slug} — ${treaty.title}\nat ${at.text}: ${entry?.status ?? 'negotiating'}${entry?.since ? ` since ${entry.since}` : ''}\n\nHistory\n`,
      );
      for (const h of entry?.history ?? []) {
        io.out(`  ${h.date.padEnd(10)} ${h.event.padEnd(24)} ${h.status}${h.by ? ` (${h.by})` : ''}${h.note ? ` — ${h.note}` : ''}\n`);
      }
    });

  program
    .command('timeline')
    .description(
      'every lifecycle event of the corpus in date order: signatures, ratifications, entries into force, accessions, extensions, renewals, denunciations, terminations, League membership',
    )
    .option('--from <date>', 'first day (a year or month means its first day)')
    .option('--to <date>', 'last day (a year or month means its last day)')
    .option('--treaty <slug>', 'only this treaty')
    .option('--json', 'print as JSON')
    .option('--csv', 'print as CSV (date, treaty, event, by, status, note, source, by_ccode: the COW number of `by`)')
    .action((opts: { from?: string; to?: string; treaty?: string; json?: boolean; csv?: boolean }) => {
      const c = getCorpus();
      if (opts.json && opts.csv) throw new CasusError('input.bad-option', 'choose one of --json and --csv');
      if (opts.treaty && !c.treaties.has(opts.treaty)) {
        throw unknownTreatyError(c, opts.treaty);
      }
      const from = opts.from ? dateOption(opts.from) : undefined;
      const to = opts.to ? dateOption(opts.to) : undefined;
      if (from && to && to.hi <= from.lo) throw new CasusError('input.bad-option', `--to ${to.text} comes before --from ${from.text}`);
      const rows = corpusTimeline(c, { ...(from ? { from } : {}), ...(to ? { to } : {}) }).filter(
        (r) => !opts.treaty || r.treaty === opts.treaty,
      );
      if (opts.json) {
        json(rows);
        return;
      }
      if (opts.csv) {
        io.out(timelineCsv(rows, (abb) => c.states.states.find((x) => x.abb === abb)?.ccode));
        return;
      }
      const width = Math.max(0, ...rows.map((r) => r.treaty.length));
      for (const r of rows) {
        io.out(
          `${r.date.padEnd(10)}  ${r.treaty.padEnd(width)}  ${(r.event + (r.by ? ` ${r.by}` : '')).padEnd(28)} ${r.status}${r.note ? ` — ${r.note}` : ''}\n`,
        );
      }
      if (rows.length === 0) io.out('no lifecycle event in that period\n');
    });

  program
    .command('explain')
    .description('why a norm instance has its status: the condition tree, with the treaty’s words and the deciding events')
    .argument('<scenario>', 'scenario file')
    .requiredOption('--norm <id>', 'norm, e.g. franco-soviet-1935/art-2')
    .option('--holder <state>', 'only the instance owed by this state')
    .option('--beneficiary <state>', 'only the instance owed to this state')
    .option('--at <date>', 'instant (default: the scenario’s `at`)')
    .option('--json', 'print the explanation trees as JSON')
    .action((file: string, opts: { norm: string; holder?: string; beneficiary?: string; at?: string; json?: boolean }) => {
      const c = getCorpus();
      const { report } = runScenario(file, c, opts.at, true);
      const holder = opts.holder ? c.states.resolve(opts.holder, undefined, 'input.unknown-state', '--holder') : undefined;
      const beneficiary = opts.beneficiary
        ? c.states.resolve(opts.beneficiary, undefined, 'input.unknown-state', '--beneficiary')
        : undefined;
      const found = report.norms.filter(
        (n) => n.norm === opts.norm && (!holder || n.holder === holder) && (!beneficiary || n.beneficiary === beneficiary),
      );
      if (found.length === 0) {
        const known = [...new Set(report.norms.map((n) => n.norm))];
        throw new CasusError(
          'input.unknown-norm',
          `no instance of ${opts.norm}${holder ? ` held by ${holder}` : ''} in this scenario${hasNorm(c, opts.norm) ? '' : didYouMean(opts.norm, normIds(c))}; it has ${known.length > 0 ? known.join(', ') : 'no norm instances'}`,
        );
      }
      if (opts.json) {
        json(found);
        return;
      }
      for (const n of found) {
        io.out(`${instanceText(n)}\n\n${n.explanation ? explanationText(n.explanation) : ''}\n\n`);
      }
    });

  program
    .command('vetoes')
    .description(
      'blocking coalitions: for each duty, every minimal set of states that can keep it from becoming due by withholding their own acts, and the steps between its trigger and the duty',
    )
    .argument('<scenario>', 'scenario file')
    .option('--norm <id>', 'only this norm, e.g. franco-soviet-1935/art-2')
    .option('--treaty <slug>', 'only the duties of this treaty')
    .option('--holder <state>', 'only the instances owed by this state')
    .option('--beneficiary <state>', 'only the instances owed to this state')
    .option('--at <date>', 'instant (default: the scenario’s `at`, else its last event)')
    .option('--json', 'print as JSON')
    .action(
      (file: string, opts: { norm?: string; treaty?: string; holder?: string; beneficiary?: string; at?: string; json?: boolean }) => {
        const c = getCorpus();
        const { scenario, instant } = scenarioAt(file, c, opts.at);
        const r = vetoAnalysis(c, scenario, instant, {
          ...(opts.norm ? { norm: opts.norm } : {}),
          ...(opts.treaty ? { treaty: opts.treaty } : {}),
          ...(opts.holder ? { holder: c.states.resolve(opts.holder, undefined, 'input.unknown-state', '--holder') } : {}),
          ...(opts.beneficiary
            ? { beneficiary: c.states.resolve(opts.beneficiary, undefined, 'input.unknown-state', '--beneficiary') }
            : {}),
        });
        if (opts.json) json(r);
        else io.out(`${vetoText(r)}\n`);
      },
    );

  program
    .command('cascade')
    .description(
      'how a war spreads through the pacts: round after round, the duties that become due are performed (holders enter the war), until nothing changes; with --runs, Monte Carlo distributions',
    )
    .argument('[scenario]', 'scenario file (or --network and --attack)')
    .option(
      '--network <when>',
      'instead of a scenario: the pledges of the library that make a state enter a war, compiled for a day (1939-09-01) or a year (1939: a pledge counts if it binds on some day of it); fast: millions of runs',
    )
    .option('--attack <attacker,target>', 'with --network: the attack that starts the war, e.g. AUH,YUG')
    .option('--compliance <file>', 'per-state probabilities of performing (YAML or JSON: {FRN: 0.5, default: 1})')
    .option('--runs <n>', 'Monte Carlo runs', '1')
    .option('--seed <s>', 'seed of the random draws (same seed, same result)', '1')
    .option('--max-rounds <n>', 'the most rounds per run', '20')
    .option('--from <date>', 'start on this day, leaving out later events (default: the scenario’s `at`, else its last event)')
    .option('--json', 'print as JSON')
    .action(
      (
        file: string | undefined,
        opts: {
          network?: string;
          attack?: string;
          compliance?: string;
          runs: string;
          seed: string;
          maxRounds: string;
          from?: string;
          json?: boolean;
        },
      ) => {
        const c = getCorpus();
        const whole = (v: string, name: string, range: WholeRange) => {
          const n = Number(v);
          if (!inRange(n, range)) throw new CasusError('input.bad-option', `${name} is a whole number from ${range.min} to ${range.max}`);
          return n;
        };
        const seed = whole(opts.seed, '--seed', SEEDS);
        if (opts.network !== undefined || opts.attack !== undefined) {
          if (file !== undefined) throw new CasusError('input.bad-option', 'give a scenario, or --network and --attack, not both');
          if (opts.network === undefined || opts.attack === undefined) {
            throw new CasusError('input.missing-option', '--network YEAR and --attack ATTACKER,TARGET go together');
          }
          const when: number | PartialDate = /^\d{4}$/.test(opts.network)
            ? whole(opts.network, '--network', YEARS)
            : networkDay(opts.network);
          const runs = whole(opts.runs, '--runs', NETWORK_RUNS);
          const parts = opts.attack.split(',').map((x) => x.trim());
          if (parts.length !== 2) throw new CasusError('input.bad-option', '--attack is ATTACKER,TARGET, e.g. AUH,YUG');
          const [attacker, target] = parts.map((x, i) =>
            c.states.resolve(x, undefined, 'input.bad-option', i === 0 ? '--attack (attacker)' : '--attack (target)'),
          ) as [string, string];
          const compliance = opts.compliance ? readCompliance(readText(opts.compliance, 'compliance file'), opts.compliance, c) : undefined;
          const net = compileNetwork(c, when);
          if (!net.states.includes(attacker) || !net.states.includes(target) || attacker === target) {
            throw new CasusError(
              'input.bad-option',
              `${attacker} attacking ${target}: both must be distinct states of the ${net.when} network (COW system members or treaty parties then)`,
            );
          }
          const r = networkCascade(net, attacker, target, { runs, seed, ...(compliance ? { compliance } : {}) });
          if (opts.json) json(r);
          else io.out(`${networkCascadeText(r)}\n`);
          return;
        }
        if (file === undefined)
          throw new CasusError('input.missing-option', 'give a scenario file, or --network YEAR --attack ATTACKER,TARGET');
        const runs = whole(opts.runs, '--runs', CASCADE_RUNS);
        const maxRounds = whole(opts.maxRounds, '--max-rounds', MAX_ROUNDS);
        const scenario = loadScenario(readText(file, 'scenario file'), file, c);
        const compliance = opts.compliance ? readCompliance(readText(opts.compliance, 'compliance file'), opts.compliance, c) : undefined;
        const bar =
          runs > 1 && process.stderr.isTTY && !opts.json
            ? new SingleBar({ format: 'cascades {bar} {value}/{total} runs | {left}', hideCursor: true }, Presets.shades_classic)
            : undefined;
        const eta = new EtaEstimator(runs);
        bar?.start(runs, 0, { left: eta.text() });
        try {
          const r = cascade(c, scenario, {
            runs,
            seed,
            maxRounds,
            ...(compliance ? { compliance } : {}),
            ...(opts.from ? { from: dateOption(opts.from) } : {}),
            ...(bar ? { onProgress: (done: number) => bar.update(done, progressPayload(eta, done)) } : {}),
          });
          bar?.stop();
          if (opts.json) json(r);
          else io.out(`${cascadeText(r)}\n`);
        } finally {
          bar?.stop();
        }
      },
    );

  program
    .command('conflicts')
    .description(
      'compatibility over time: splits the time the treaties are in force together into periods in which their legal situation is constant, and searches a bounded space of scenarios in each for one in which performing a duty of one treaty breaches another; answers "compatible within these bounds, in every period searched" or a witness scenario and its period',
    )
    .argument('<treaties...>', 'two or more treaty slugs, e.g. franco-soviet-1935 locarno-rhineland-1925')
    .option('--from <date>', 'first day of the window searched (default: the first day all are in force)')
    .option('--to <date>', 'last day of the window (default: the last day all are in force; if none ends, the last day the corpus records)')
    .option('--all', 'search every period and report each one (default: stop at the first witness)')
    .option('--max-events <n>', 'the most events a scenario may hold before the performance', '8')
    .option('--out <file>', 'write the (first) witness scenario, if any, to this file')
    .option('--json', 'print as JSON')
    .action((slugs: string[], opts: { from?: string; to?: string; all?: boolean; maxEvents: string; out?: string; json?: boolean }) => {
      const c = getCorpus();
      const maxEvents = Number(opts.maxEvents);
      if (!inRange(maxEvents, WITNESS_EVENTS)) {
        throw new CasusError('input.bad-option', `--max-events is a whole number from ${WITNESS_EVENTS.min} to ${WITNESS_EVENTS.max}`);
      }
      for (const d of [opts.from, opts.to]) if (d) dateOption(d);
      const r = conflicts(c, slugs, {
        ...(opts.from ? { from: opts.from } : {}),
        ...(opts.to ? { to: opts.to } : {}),
        ...(opts.all ? { all: true } : {}),
        maxEvents,
      });
      if (opts.out && !r.compatible) writeFileSync(opts.out, r.witness.scenarioYaml);
      if (opts.json) json(r);
      else {
        const written =
          opts.out && !r.compatible
            ? `\n${r.witnesses.length > 1 ? `the first witness (${r.witness.period.from} … ${r.witness.period.to})` : 'witness'} written to ${opts.out}\n`
            : '';
        io.out(`${conflictsText(r)}\n${written}`);
      }
    });

  program
    .command('whatif')
    .description(
      'counterfactuals: the smallest changes to the scenario (events added or removed) that would make an instance due, or stop it from being due, each as a runnable scenario',
    )
    .argument('<scenario>', 'scenario file')
    .requiredOption('--norm <id>', 'norm, e.g. franco-soviet-1935/art-2')
    .requiredOption('--holder <state>', 'the state that owes it')
    .option('--beneficiary <state>', 'the state it is owed to (default: every instance the holder has)')
    .option('--at <date>', 'instant (default: the scenario’s `at`, else its last event)')
    .option('--max-removals <n>', 'the most events one change may remove', '2')
    .option('--out <dir>', 'write each changed scenario as a file in this folder')
    .option('--json', 'print as JSON (each change with its scenario file as text)')
    .action(
      (
        file: string,
        opts: { norm: string; holder: string; beneficiary?: string; at?: string; maxRemovals: string; out?: string; json?: boolean },
      ) => {
        const c = getCorpus();
        const { scenario, instant } = scenarioAt(file, c, opts.at);
        const maxRemovals = Number(opts.maxRemovals);
        if (!inRange(maxRemovals, MAX_REMOVALS)) {
          throw new CasusError('input.bad-option', `--max-removals is a whole number from ${MAX_REMOVALS.min} to ${MAX_REMOVALS.max}`);
        }
        const r = whatIf(c, scenario, instant, {
          norm: opts.norm,
          holder: c.states.resolve(opts.holder, undefined, 'input.unknown-state', '--holder'),
          ...(opts.beneficiary
            ? { beneficiary: c.states.resolve(opts.beneficiary, undefined, 'input.unknown-state', '--beneficiary') }
            : {}),
          maxRemovals,
        });
        const written: string[] = [];
        if (opts.out) {
          mkdirSync(opts.out, { recursive: true });
          for (const i of r.instances) {
            i.changes.forEach((ch, k) => {
              const path = join(opts.out as string, `${scenario.id}-${i.holder}-${i.beneficiary}-whatif-${k + 1}.yaml`);
              writeFileSync(path, ch.scenarioYaml);
              written.push(path);
            });
          }
        }
        if (opts.json) json(r);
        else io.out(`${whatIfText(r)}\n${written.length > 0 ? `\nwritten:\n${written.map((w) => `  ${w}`).join('\n')}\n` : ''}`);
      },
    );

  program
    .command('serve')
    .description('the web app and its HTTP API (JSON; OpenAPI at /api/openapi.json) on an embedded SQLite store (npm start)')
    .option('--host <host>', 'address to listen on (beyond loopback, also give --allow-host)', '127.0.0.1')
    .option('--port <n>', 'port (0: any free port)', '8080')
    .option('--db <file>', 'SQLite database file, created on first start', 'data/casus.db')
    .option(
      '--allow-host <names>',
      'host names (comma-separated) that requests may be addressed to besides localhost, 127.0.0.1 and [::1]: the names other machines use; required with a --host beyond loopback',
      (names: string, all: string[]) => [...all, ...names.split(',').map((n) => n.trim())],
      [] as string[],
    )
    .option(
      '--workers <n>',
      'worker threads that make runs, so that a long run does not hold up other requests (0: on the main thread)',
      String(DEFAULT_SERVE_WORKERS),
    )
    .action(async (opts: { host: string; port: string; db: string; allowHost: string[]; workers: string }) => {
      const port = Number(opts.port);
      if (!inRange(port, PORTS)) throw new CasusError('input.bad-option', `--port is a whole number from ${PORTS.min} to ${PORTS.max}`);
      const workers = Number(opts.workers);
      if (!inRange(workers, WORKERS)) {
        throw new CasusError('input.bad-option', `--workers is a whole number from ${WORKERS.min} to ${WORKERS.max}; got ${opts.workers}`);
      }
      const allowHosts = opts.allowHost;
      const bad = allowHosts.find((n) => hostName(normaliseHost(n)) === undefined);
      if (bad !== undefined) {
        throw new CasusError(
          'input.bad-option',
          `--allow-host takes host names or addresses, e.g. casus.example.org,192.168.1.20; not "${bad}"`,
        );
      }
      if (!isLoopbackHost(opts.host)) {
        if (allowHosts.length === 0) {
          throw new CasusError(
            'input.bad-option',
            `--host ${opts.host} lets other machines reach the API, which has no accounts: anyone who reaches it can read, change and delete the scenarios. Name the host names they will use: --allow-host name[,name] (e.g. --allow-host casus.example.org,192.168.1.20), or keep the default --host 127.0.0.1`,
          );
        }
        io.err(
          `warning: casus listens on ${opts.host}, beyond this machine, with no accounts: anyone who can reach it can read, change and delete the scenarios. Requests are answered only when addressed to localhost, 127.0.0.1, [::1] or ${allowHosts.join(', ')}.\n`,
        );
      }
      const server = await startServer(getCorpus(), {
        host: opts.host,
        port,
        db: opts.db,
        allowHosts,
        workers,
        corpusSource: corpusSource(),
      }).catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'EADDRINUSE')
          throw new CasusError(
            'input.bad-option',
            `${opts.host}:${port} is already in use: choose another with --port (npm start -- --port 8081)`,
          );
        if (e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND')
          throw new CasusError('input.bad-option', `cannot listen on ${opts.host}: give an address of this machine with --host`);
        throw e;
      });
      io.out(`casus is listening on ${server.url} — open it in a browser (API: ${server.url}/api/openapi.json; store: ${opts.db})\n`);
      await new Promise<void>((resolveStop) => {
        const stop = () => {
          void server.close().then(resolveStop);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });

  program
    .command('sweep')
    .description(
      'dyad-year answers over the whole library (e.g. one imported from ATOP): does A owe B an obligation, in which years, against whom; with --attacker, which states must defend each target against each attacker. CSV keyed by COW codes, one row per dyad-year',
    )
    .requiredOption('--from <year>', 'first year')
    .requiredOption('--to <year>', 'last year')
    .option(
      '--obligation <kind>',
      'defense | offense | neutral | nonagg | consul: one obligation, with its status (bound, conditional, untriggerable), adversaries and treaties',
    )
    .option(
      '--attacker <who>',
      'the conditional form: `any` (every state in the system) or one state; rows attacker, target, year, defender, status (with --obligation offense, "attacker" is the state the target makes war on)',
    )
    .option(
      '--unprovoked',
      'take the hypothetical attacks as unprovoked (otherwise a non-provocation condition stays unsettled: conditional)',
    )
    .option(
      '--any-member',
      'bind every party for its whole membership, even on days COW does not list it as a state (ATOP’s own convention: 1815, Monaco before 1993…); by default a party owes only while it is a state of the system, or has a recognised government in exile (what is owed to it stays owed: the engine’s one rule)',
    )
    .option('--csv', 'CSV (the default)')
    .option('--json', 'JSON: the citation, the columns and the rows')
    .option('--out <file>', 'write here instead of printing')
    .option('--workers <n>', 'worker threads (default: one per core but the one that writes; 0: sweep in this thread)')
    .option(
      '--compare <ddyr.csv>',
      'compare with ATOP 5.1 directed dyad-years (atop5_1_ddyr_obligations.csv): agreement per obligation, every disagreement classified',
    )
    .option(
      '--members <atop4_01m.csv>',
      'with --compare: the ATOP 4.01 member rows the library was imported from, read directly to tell casus errors from version differences',
    )
    .option('--disagreements <file>', 'with --compare: write every disagreement and its class as CSV')
    .addHelpText(
      'after',
      `
Each answer is the engine's on the one-event scenario of the act asked about (an aggression by the
adversary against the beneficiary; a threat for most consultation pledges; the beneficiary's own
aggression for offence), on some day of the year: due is bound, pending conditional. Which norms
express which obligation is read off their structure (src/engine/binding.ts).
Statuses: bound (owed outright against that adversary), conditional (only under a condition casus
cannot settle: a location, a provocation, a request; ATOP's codes), untriggerable (in force, but only
the pair itself is named as adversary). The ATOP layout (no --obligation, no --attacker) counts bound
and conditional as 1, as ATOP does.

Disagreement classes of --compare: casus-error (casus differs from the 4.01 rows: should never occur),
state-system (the state that owes, ccode1, outside the COW state system part of that year),
no-adversary (untriggerable, above), date-boundary (the versions have the obligation a year apart), 5.1-new (5.1 allies the pair, 4.01 does
not), 5.1-dropped (4.01 allies the pair, 5.1 codes no obligation at all), 5.1-recoded (both ally the
pair, the obligation is coded differently).

Cite ATOP data as: ${ATOP_CITATION}`,
    )
    .action(
      async (opts: {
        from: string;
        to: string;
        obligation?: string;
        attacker?: string;
        unprovoked?: boolean;
        anyMember?: boolean;
        csv?: boolean;
        json?: boolean;
        out?: string;
        workers?: string;
        compare?: string;
        members?: string;
        disagreements?: string;
      }) => {
        const year = (v: string, name: string) => {
          const n = Number(v);
          if (!inRange(n, YEARS))
            throw new CasusError('input.bad-option', `${name} is a year from ${YEARS.min} to ${YEARS.max}, e.g. 1815`);
          return n;
        };
        const from = year(opts.from, '--from');
        const to = year(opts.to, '--to');
        if (to < from) throw new CasusError('input.bad-option', '--to comes before --from');
        if (opts.csv && opts.json) throw new CasusError('input.bad-option', 'choose --csv or --json');
        const obligation = opts.obligation as SweepObligation | undefined;
        if (obligation !== undefined && !SWEEP_OBLIGATIONS.includes(obligation)) {
          throw new CasusError('input.bad-option', `--obligation is one of ${SWEEP_OBLIGATIONS.join(', ')}`);
        }
        const c = getCorpus();
        let attacker: string | undefined;
        if (opts.attacker !== undefined && opts.attacker !== 'any') {
          attacker = c.states.resolve(opts.attacker, undefined, 'input.bad-option', '--attacker');
        }
        const o = program.opts<{ corpus?: string; with?: string[] }>();
        const corpusDir = o.corpus ?? DEFAULT_CORPUS_DIR;
        const withFiles = (o.with ?? []).map((f) => resolve(f));
        if (opts.compare) {
          const model = sweepModel(c, { unprovoked: opts.unprovoked === true, anyMember: opts.anyMember === true });
          const rows = sweepDyads(model, { from, to });
          const flags: DyadFlags = new Map();
          const idle: DyadFlags = new Map();
          for (const r of rows) {
            const k = dyadKey(model.ccode.get(r.holder) ?? 0, model.ccode.get(r.beneficiary) ?? 0, r.year);
            const m = r.status === 'untriggerable' ? idle : flags;
            m.set(k, (m.get(k) ?? 0) | (1 << SWEEP_OBLIGATIONS.indexOf(r.obligation)));
          }
          const atop51 = readDdyr(readText(opts.compare, 'ATOP directed dyad-year file'), opts.compare, from, to);
          const oracle = opts.members ? oracleFlags(readText(opts.members, 'ATOP member-level file'), opts.members, from, to) : undefined;
          const byCode = new Map(c.states.states.map((s) => [s.ccode, s]));
          const inSystem = (cc: number, y: number) => {
            const s = byCode.get(cc);
            if (!s || s.spells.length === 0) return true;
            const lo = parseDate(String(y)).lo;
            const hi = parseDate(String(y + 1)).lo;
            return s.spells.some((x) => x.from.lo <= lo && x.to.hi >= hi);
          };
          const report = compareWithAtop(flags, atop51, oracle, { from, to }, inSystem, idle);
          if (opts.disagreements) {
            writeFileSync(
              opts.disagreements,
              `ccode1,ccode2,year,obligation,casus,atop51,atop401,class\n${report.disagreements
                .map((d) => [d.ccode1, d.ccode2, d.year, d.obligation, d.casus, d.atop51, d.atop401, d.class].join(','))
                .join('\n')}\n`,
            );
          }
          if (opts.json) json({ citation: ATOP_CITATION, ...report, disagreements: report.disagreements.length });
          else io.out(`${agreementText(report)}\nCite: ${ATOP_CITATION}\n`);
          return;
        }
        const job: SweepJob = {
          corpusDir,
          withFiles,
          from,
          to,
          form: opts.attacker !== undefined ? 'attacks' : obligation ? 'obligation' : 'atop',
          ...(obligation ? { obligation } : {}),
          ...(attacker ? { attacker } : {}),
          unprovoked: opts.unprovoked === true,
          anyMember: opts.anyMember === true,
          format: opts.json ? 'json' : 'csv',
        };
        let workers: number | undefined;
        if (opts.workers !== undefined) {
          workers = Number(opts.workers);
          if (!inRange(workers, WORKERS))
            throw new CasusError(
              'input.bad-option',
              `--workers is a whole number from ${WORKERS.min} to ${WORKERS.max} (0: sweep in this thread)`,
            );
        }
        const bar = process.stderr.isTTY
          ? new SingleBar({ format: 'sweep {bar} {value}/{total} years | {left}', hideCursor: true }, Presets.shades_classic)
          : undefined;
        const eta = new EtaEstimator(to - from + 1);
        bar?.start(to - from + 1, 0, { left: eta.text() });
        if (opts.out) writeFileSync(opts.out, '');
        let buffer = '';
        const flush = () => {
          if (buffer === '') return;
          if (opts.out) appendFileSync(opts.out, buffer);
          else io.out(buffer);
          buffer = '';
        };
        const write = (chunk: string) => {
          buffer += chunk;
          if (buffer.length > 1 << 20) flush();
        };
        let result: { rows: number; workers: number };
        try {
          result = await runSweep(job, ATOP_CITATION, write, {
            corpus: c,
            ...(workers !== undefined ? { workers } : {}),
            ...(bar ? { onYear: (done: number) => bar.update(done, progressPayload(eta, done)) } : {}),
          });
        } finally {
          bar?.stop();
        }
        flush();
        if (opts.out) {
          io.err(
            `${result.rows} rows written to ${opts.out} (${result.workers === 0 ? 'in this thread' : `${result.workers} worker${result.workers > 1 ? 's' : ''}`})\n`,
          );
        }
        if (c.treaties.size > 0 && [...c.treaties.keys()].some((k) => k.startsWith('atop-'))) io.err(`Cite: ${ATOP_CITATION}\n`);
      },
    );

  addExportCommand(program, {
    out: (t) => io.out(t),
    err: (t) => io.err(t),
    corpus: getCorpus,
    corpusSource,
    day: (text, option) => {
      const problem = dateProblem(text);
      if (problem || text.length !== 10) {
        throw new CasusError('input.bad-option', `${option} is a day, e.g. 1936-03-27${problem ? `: ${problem}` : `, not "${text}"`}`);
      }
      return parseDate(text);
    },
    scenarioAt: (file, at) => scenarioAt(file, getCorpus(), at),
  });

  const importer = program.command('import').description('turn datasets of the field into casus files');
  importer
    .command('cow-states')
    .description('the COW State System Membership List (states2016.csv) into casus’s states table (corpus/data/states.csv)')
    .argument('<file>', 'COW states2016.csv (stateabb, ccode, statenme, styear, … endday)')
    .option('--from <year>', 'keep the states and spells from this year on')
    .option('--to <year>', 'keep the states and spells up to this year')
    .option('--merge <file>', 'an existing states.csv whose aliases and casus additions (ccode ≥ 9000) are kept')
    .option('--out <file>', 'write here instead of printing')
    .action((file: string, opts: { from?: string; to?: string; merge?: string; out?: string }) => {
      const year = (v: string | undefined, name: string) => {
        if (v === undefined) return undefined;
        const n = Number(v);
        if (!inRange(n, YEARS)) throw new CasusError('input.bad-option', `${name} is a year from ${YEARS.min} to ${YEARS.max}, e.g. 1919`);
        return n;
      };
      const from = year(opts.from, '--from');
      const to = year(opts.to, '--to');
      const rows = importCowStates(readText(file, 'COW state list'), file, {
        ...(from !== undefined ? { from } : {}),
        ...(to !== undefined ? { to } : {}),
        ...(opts.merge ? { merge: readText(opts.merge, 'states table') } : {}),
      });
      const csv = statesCsv(rows);
      if (opts.out) {
        writeFileSync(opts.out, csv);
        io.out(
          `${rows.length} states written to ${opts.out}\nCite: Correlates of War Project. 2017. "State System Membership List, v2016."\n`,
        );
      } else io.out(csv);
    });

  importer
    .command('atop')
    .description('ATOP member-level data (atop4_01m.csv) into literate casus treaties, one per alliance phase, in a library folder')
    .argument('<member-file>', 'ATOP member-level CSV (atopid, member, yrent … consul, their conditions)')
    .option('--alliances <file>', 'ATOP alliance-level CSV (atop4_01a.csv): its member lists are checked against the member file')
    .option('--cow-states <file>', 'COW states2016.csv: the states table of the new library (default: the shipped corpus’s, COW 1816-2016)')
    .requiredOption('--out <dir>', 'the library folder to write (*.treaty.md and data/); use it with --corpus')
    .action((file: string, opts: { alliances?: string; cowStates?: string; out: string }) => {
      const states = opts.cowStates
        ? importCowStates(readText(opts.cowStates, 'COW state list'), opts.cowStates)
        : readStateRows(readFileSync(join(DEFAULT_CORPUS_DIR, 'data', 'states.csv'), 'utf8'));
      const result = importAtop(readText(file, 'ATOP member-level file'), file, states, {
        ...(opts.alliances ? { alliances: { text: readText(opts.alliances, 'ATOP alliance-level file'), file: opts.alliances } } : {}),
      });
      const out = resolve(opts.out);
      mkdirSync(join(out, 'data'), { recursive: true });
      for (const old of readdirSync(out)) if (/^atop-.*\.treaty\.md$/.test(old)) rmSync(join(out, old));
      for (const t of result.treaties) writeFileSync(join(out, t.name), t.text);
      writeFileSync(join(out, 'data', 'states.csv'), result.statesCsv);
      writeFileSync(join(out, 'data', 'league-membership.csv'), LEAGUE_HEADER);
      // casus's recognised governments in exile (1939-1945, each with its source): occupied allies stay bound.
      writeFileSync(join(out, 'data', 'exile-governments.csv'), readFileSync(join(DEFAULT_CORPUS_DIR, 'data', 'exile-governments.csv')));
      writeFileSync(join(out, 'data', 'SOURCES.md'), atopSourcesMd(file, opts.cowStates));
      writeFileSync(join(out, 'IMPORT.md'), atopImportReport(result, file));
      const withGaps = result.treaties.filter((t) => t.unexpressed.length > 0).length;
      io.out(
        `${result.treaties.length} treaties (${new Set(result.treaties.map((t) => t.atopid)).size} alliances, ${result.rows} member rows) written to ${out}\n` +
          `${withGaps} of them code something casus cannot express: listed in each file under "Not expressed" and in ${join(out, 'IMPORT.md')}\n` +
          (result.addedStates.length > 0
            ? `states without a COW code, named by casus: ${result.addedStates.map((a) => `${a.ccode} → ${a.abb}`).join(', ')}\n`
            : '') +
          (result.crossCheck.length > 0 ? `alliance-level cross-check: ${result.crossCheck.length} differences (in IMPORT.md)\n` : '') +
          `check it: casus --corpus ${opts.out} check\nCite: ${ATOP_CITATION}\n`,
      );
    });

  program
    .command('check')
    .description('parse and check treaty files against the corpus (with no file: the corpus itself); errors name file, line and column')
    .argument('[files...]', 'treaty files (*.treaty.md), or folders of them, to check together with the corpus and any --with')
    .action((files: string[]) => {
      const { dir, extraFiles } = corpusSource();
      const named = [...extraFiles, ...files.map((f) => resolve(f))];
      const c = loadCorpus(dir, named);
      corpus = c;
      const checked = new Set(named.flatMap((f) => (existsSync(f) && statSync(f).isDirectory() ? libraryFilesIn(f) : [f])));
      for (const t of [...c.treaties.values()].filter((x) => checked.has(x.file))) io.out(`ok   ${t.slug}  ${t.file}\n`);
      io.out(
        `${c.treaties.size} treaties checked (${dir}${checked.size > 0 ? `, with ${checked.size} more file${checked.size > 1 ? 's' : ''}` : ''})\n`,
      );
    });

  program
    .command('list')
    .description('the treaties of the corpus')
    .option('--json', 'print as JSON')
    .action((opts: { json?: boolean }) => {
      const c = getCorpus();
      const rows = [...c.treaties.values()]
        .sort((a, b) => (a.slug < b.slug ? -1 : 1))
        .map((t) => ({
          treaty: t.slug,
          title: t.title,
          parties: t.parties,
          signed: t.lifecycle.find((e) => e.type === 'signature')?.date.text ?? null,
          norms: t.norms.map((n) => n.id),
          file: t.file,
        }));
      if (opts.json) {
        json(rows);
        return;
      }
      for (const r of rows) {
        io.out(
          `${r.treaty.padEnd(28)} ${String(r.signed ?? '').padEnd(11)} ${r.parties.join(' ').padEnd(18)} ${r.norms.length} norm(s)  ${r.title}\n`,
        );
      }
    });

  program
    .command('demo')
    .description('the founding case: every scenario of the crisis library, as readable reports (npm run demo)')
    .argument('[dir]', 'scenario directory', LIBRARY_DIR)
    .action((dir: string) => {
      const c = getCorpus();
      let why: { file: string; norm: NormInstance } | undefined;
      for (const file of scenarioFiles(dir)) {
        const { report } = runScenario(file, c, undefined, true);
        io.out(`${'─'.repeat(100)}\n${reportText(report)}\n\n`);
        // The founding question: why was the Franco-Soviet duty of assistance a hollow threat?
        why ??= ((n) => (n ? { file, norm: n } : undefined))(
          report.norms.find((n) => n.norm === 'franco-soviet-1935/art-2' && n.status === 'pending' && n.vetoes.length > 0),
        );
      }
      if (why?.norm.explanation) {
        io.out(
          `${'═'.repeat(100)}\nWhy France was held back (casus explain ${why.file} --norm ${why.norm.norm} --holder ${why.norm.holder})\n\n`,
        );
        io.out(`${instanceText(why.norm)}\n\n${explanationText(why.norm.explanation)}\n`);
      }
    });

  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof Exit) return e.code;
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    const errors = inputErrors(e);
    if (errors.length === 0) throw e;
    io.err(`${errors.map(formatError).join('\n')}\n`);
    return 2;
  }
}

/** `--network`'s day: a full date (a year is read as a year network before this). */
function networkDay(text: string): PartialDate {
  const problem = dateProblem(text);
  if (problem || text.length !== 10) {
    throw new CasusError(
      'input.bad-option',
      `--network is a year (1939) or a day (1939-09-01)${problem ? `: ${problem}` : `, not "${text}"`}`,
    );
  }
  return parseDate(text);
}

function dateOption(text: string): PartialDate {
  const problem = dateProblem(text);
  if (problem) throw new CasusError('input.bad-date', `--at: ${problem}`);
  return parseDate(text);
}

/** A file's text; a missing file, a directory or an unreadable file is an input error, not a crash. */
function readText(file: string, what: string): string {
  return readBounded(file, what, /scenario/.test(what) ? MAX_SCENARIO_BYTES : MAX_DATA_BYTES);
}

function runScenario(file: string, corpus: Corpus, at: string | undefined, explain: boolean): { scenario: Scenario; report: Report } {
  const { scenario, instant } = scenarioAt(file, corpus, at);
  return { scenario, report: evaluate(corpus, scenario, instant, { explain }) };
}

/** A scenario file and the instant to describe: `--at`, else the scenario's `at`, else its last event. */
function scenarioAt(file: string, corpus: Corpus, at: string | undefined): { scenario: Scenario; instant: PartialDate } {
  const scenario = loadScenario(readText(file, 'scenario file'), file, corpus);
  const instant = at ? dateOption(at) : (scenario.at ?? scenario.events.at(-1)?.date);
  if (!instant) {
    throw new CasusError(
      'scenario.missing-field',
      'the scenario has no events and no `at`: say which instant to describe',
      {
        file,
        line: 1,
        column: 1,
      },
      'at',
    );
  }
  return { scenario, instant };
}

function scenarioFiles(path: string): string[] {
  if (!existsSync(path)) throw new CasusError('input.not-found', `no such file or directory: ${path}`);
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((f) => {
      const p = join(path, f);
      if (statSync(p).isDirectory()) return scenarioFiles(p);
      return /\.(ya?ml|json)$/.test(f) ? [p] : [];
    });
}

function mismatchText(file: string, m: Mismatch): string {
  const lines = [`  ${file}:${m.line}  expected ${JSON.stringify(m.expected)}`];
  for (const d of m.differences) {
    lines.push(`    ${d.field}:`, `      - expected ${JSON.stringify(d.expected)}`, `      + actual   ${JSON.stringify(d.actual)}`);
  }
  if (m.candidates.length > 1) lines.push(`    (${m.candidates.length} instances of this name in the report)`);
  return lines.join('\n');
}

const invokedDirectly = (() => {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
})();

if (invokedDirectly) {
  // `casus timeline | head`: a reader that stops early is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  runCli(process.argv.slice(2), {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`casus: internal error (a bug, please report it): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 3;
    },
  );
}
