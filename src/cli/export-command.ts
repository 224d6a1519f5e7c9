import { appendFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { scenarioTimeline } from '../analysis/scenario-timeline.js';
import { SWEEP_OBLIGATIONS } from '../analysis/sweep.js';
import { HEADERS, runSweep, type SweepJob } from '../analysis/sweep-job.js';
import { CasusError } from '../base/casus-error.js';
import { inRange, YEARS } from '../base/input-ranges.js';
import type { PartialDate } from '../base/partial-date.js';
import type { Corpus } from '../corpus/treaty.js';
import { evaluate } from '../engine/evaluate.js';
import { exportNetwork, NETWORK_FORMATS, type NetworkFormat, treatyNetwork } from '../export/network.js';
import { reportCsv, scenarioTimelineCsv } from '../export/tables.js';
import { ATOP_CITATION } from '../importers/atop.js';
import type { Scenario } from '../scenario/scenario.js';

/** What the export commands need from the CLI around them. */
export interface ExportContext {
  out(text: string): void;
  err(text: string): void;
  corpus(): Corpus;
  corpusSource(): { dir: string; extraFiles: string[] };
  day(text: string, option: string): PartialDate;
  scenarioAt(file: string, at: string | undefined): { scenario: Scenario; instant: PartialDate };
}

/** Writes text to `--out`, or prints it. */
function emit(ctx: ExportContext, text: string, out: string | undefined, what: string): void {
  if (out) {
    writeFileSync(out, text);
    ctx.err(`${what} written to ${out}\n`);
  } else ctx.out(text);
}

/**
 * `casus export`: files for the tools researchers already use — Gephi, yEd, igraph and networkx
 * (GEXF, GraphML), R and pandas (CSV, Arrow). The same writers serve the HTTP API's downloads.
 */
export function addExportCommand(program: Command, ctx: ExportContext): void {
  const exp = program
    .command('export')
    .description('files for Gephi, R and pandas: the treaty network on a day, a report, a timeline, the dyad-year universe');

  exp
    .command('network')
    .description(
      'the treaty network on a day, as the web app draws it: states (COW number, abbreviation, name) and treaties between them (slug, kind, start, end); treaties of more than five parties as hub nodes',
    )
    .requiredOption('--at <date>', 'the day, e.g. 1936-03-27')
    .option('--format <format>', `one of ${NETWORK_FORMATS.join(', ')}`, 'gexf')
    .option('--out <file>', 'write here instead of printing')
    .action((opts: { at: string; format: string; out?: string }) => {
      if (!(NETWORK_FORMATS as readonly string[]).includes(opts.format)) {
        throw new CasusError('input.bad-option', `--format is one of ${NETWORK_FORMATS.join(', ')}, not "${opts.format}"`);
      }
      const network = treatyNetwork(ctx.corpus(), ctx.day(opts.at, '--at'));
      emit(
        ctx,
        exportNetwork(network, opts.format as NetworkFormat),
        opts.out,
        `${network.nodes.length} nodes and ${network.edges.length} edges`,
      );
    });

  exp
    .command('report')
    .description('a scenario’s report as CSV, one row per norm instance, with COW numbers')
    .argument('<scenario>', 'scenario file')
    .option('--at <date>', 'instant (default: the scenario’s `at`, else its last event)')
    .option('--out <file>', 'write here instead of printing')
    .action((file: string, opts: { at?: string; out?: string }) => {
      const c = ctx.corpus();
      const { scenario, instant } = ctx.scenarioAt(file, opts.at);
      const report = evaluate(c, scenario, instant, { explain: false });
      emit(ctx, reportCsv(c, report), opts.out, `${report.norms.length} norm instances`);
    });

  exp
    .command('timeline')
    .description('a scenario through time as CSV: each treaty’s and each norm instance’s statuses as bands (from, to), with COW numbers')
    .argument('<scenario>', 'scenario file')
    .option('--at <date>', 'instant (default: the scenario’s `at`, else its last event)')
    .option('--out <file>', 'write here instead of printing')
    .action((file: string, opts: { at?: string; out?: string }) => {
      const c = ctx.corpus();
      const { scenario, instant } = ctx.scenarioAt(file, opts.at);
      const timeline = scenarioTimeline(c, scenario, instant);
      emit(
        ctx,
        scenarioTimelineCsv(c, timeline),
        opts.out,
        `${timeline.treaties.length} treaties and ${timeline.instances.length} instances`,
      );
    });

  exp
    .command('dyad-years')
    .description(
      'the directed dyad-year universe: every ordered pair of system members each year, 0/1 per obligation (defense, offense, neutral, nonagg, consul; ATOP’s coding, as `casus sweep`), like peacesciencer’s create_dyadyears; CSV or Arrow (Feather v2)',
    )
    .requiredOption('--from <year>', 'first year')
    .requiredOption('--to <year>', 'last year')
    .option('--format <format>', 'csv or arrow (arrow needs --out)', 'csv')
    .option('--unprovoked', 'take the hypothetical attacks as unprovoked (as `casus sweep --unprovoked`)')
    .option('--out <file>', 'write here instead of printing')
    .action(async (opts: { from: string; to: string; format: string; unprovoked?: boolean; out?: string }) => {
      const year = (v: string, name: string) => {
        const n = Number(v);
        if (!inRange(n, YEARS)) throw new CasusError('input.bad-option', `${name} is a year from ${YEARS.min} to ${YEARS.max}, e.g. 1919`);
        return n;
      };
      const from = year(opts.from, '--from');
      const to = year(opts.to, '--to');
      if (to < from) throw new CasusError('input.bad-option', '--to comes before --from');
      if (opts.format !== 'csv' && opts.format !== 'arrow') {
        throw new CasusError('input.bad-option', `--format is csv or arrow, not "${opts.format}"`);
      }
      if (opts.format === 'arrow' && !opts.out) {
        throw new CasusError('input.bad-option', 'an Arrow file is binary: name it with --out, e.g. --out dyad-years.arrow');
      }
      const { dir, extraFiles } = ctx.corpusSource();
      const job: SweepJob = {
        corpusDir: dir,
        withFiles: extraFiles,
        from,
        to,
        form: 'universe',
        unprovoked: opts.unprovoked === true,
        format: 'csv',
      };
      if (opts.format === 'arrow') {
        const { ArrowCollector } = await import('../export/arrow.js');
        const rows = new ArrowCollector(HEADERS.universe, new Set(['stateabb1', 'stateabb2']), new Set(SWEEP_OBLIGATIONS));
        const r = await runSweep(job, ATOP_CITATION, (chunk) => rows.push(chunk), { corpus: ctx.corpus() });
        writeFileSync(opts.out as string, rows.bytes());
        ctx.err(`${r.rows} dyad-years written to ${opts.out}\n`);
        return;
      }
      // Streamed: the universe of 1816-2014 is millions of rows.
      if (opts.out) writeFileSync(opts.out, '');
      let buffer = '';
      const flush = () => {
        if (opts.out) appendFileSync(opts.out, buffer);
        else ctx.out(buffer);
        buffer = '';
      };
      const r = await runSweep(
        job,
        ATOP_CITATION,
        (chunk) => {
          buffer += chunk;
          if (buffer.length > 1 << 20) flush();
        },
        { corpus: ctx.corpus() },
      );
      flush();
      if (opts.out) ctx.err(`${r.rows} dyad-years written to ${opts.out}\n`);
    });
}
