import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { loadCorpus } from '../corpus/load-corpus.js';
import type { Corpus } from '../corpus/treaty.js';
import { SWEEP_OBLIGATIONS, type SweepModel, type SweepObligation, sweepAttacks, sweepDyads, sweepModel, systemIn } from './sweep.js';

/**
 * A sweep as the CLI runs it: which form, which years, which format; run on worker threads,
 * each taking a block of years, and written in year order, so the output is byte-identical
 * whatever the number of workers.
 */
export interface SweepJob {
  corpusDir: string;
  withFiles: string[];
  from: number;
  to: number;
  /**
   * atop: ATOP's directed dyad-year layout (0/1 per obligation, the allied pairs only); universe:
   * the same columns for every directed pair of system members each year (peacesciencer's
   * `create_dyadyears`, with the pairs' abbreviations); obligation: one obligation with status and
   * adversaries; attacks: the conditional form.
   */
  form: 'atop' | 'universe' | 'obligation' | 'attacks';
  obligation?: SweepObligation;
  /** The conditional form's attacker (an abbreviation), or all system members. */
  attacker?: string;
  unprovoked: boolean;
  /** Bind every party for its whole membership, state system or not (ATOP's convention). */
  anyMember?: boolean;
  format: 'csv' | 'json';
}

export const HEADERS: Record<SweepJob['form'], string[]> = {
  atop: ['ccode1', 'ccode2', 'year', ...SWEEP_OBLIGATIONS],
  universe: ['ccode1', 'ccode2', 'stateabb1', 'stateabb2', 'year', ...SWEEP_OBLIGATIONS],
  obligation: ['ccode1', 'ccode2', 'year', 'obligation', 'status', 'against', 'treaties'],
  attacks: ['attacker', 'target', 'year', 'defender', 'status', 'treaties'],
};

/** The header line (CSV) or the opening of the JSON document. */
export function sweepHead(job: SweepJob, citation: string): string {
  if (job.format === 'csv') return `${HEADERS[job.form].join(',')}\n`;
  const meta = {
    citation,
    from: job.from,
    to: job.to,
    form: job.form,
    ...(job.obligation ? { obligation: job.obligation } : {}),
    ...(job.attacker ? { attacker: job.attacker } : {}),
    unprovoked: job.unprovoked ? true : 'unknown',
    anyMember: job.anyMember === true,
    columns: HEADERS[job.form],
  };
  return `${JSON.stringify(meta).slice(0, -1)},"rows":[\n`;
}

export function sweepTail(job: SweepJob): string {
  return job.format === 'csv' ? '' : ']}\n';
}

/**
 * Runs the years `from..to` of a job on a model, passing each output line (with its newline) to
 * `write`. JSON rows are arrays in the column order, each line but the very first of the whole
 * output starting with a comma.
 */
export function runSweepYears(
  model: SweepModel,
  job: SweepJob,
  from: number,
  to: number,
  write: (line: string) => void,
  onYear: (year: number) => void,
  first: boolean,
): number {
  const code = (a: string) => model.ccode.get(a) ?? 0;
  let n = 0;
  const cells = (values: Array<string | number>) => {
    let line: string;
    if (job.format === 'csv') line = `${values.join(',')}\n`;
    else line = `${first && n === 0 ? '' : ','}${JSON.stringify(values)}\n`;
    n++;
    write(line);
  };
  if (job.form === 'attacks') {
    sweepAttacks(
      model,
      { from, to, ...(job.obligation ? { obligation: job.obligation } : {}), ...(job.attacker ? { attacker: job.attacker } : {}) },
      (attacker, target, year, defender, status, treaties) =>
        cells([code(attacker), code(target), year, code(defender), status, treaties.join(' ')]),
      onYear,
    );
    return n;
  }
  for (let year = from; year <= to; year++) {
    const rows = sweepDyads(model, { from: year, to: year, ...(job.obligation ? { obligations: [job.obligation] } : {}) });
    if (job.form === 'atop' || job.form === 'universe') {
      // ATOP's coding: an obligation bound or conditional is 1; untriggerable (no third state can trigger it) is 0.
      const flags = new Map<string, number[]>();
      const order: string[] = [];
      for (const r of rows) {
        if (r.status === 'untriggerable') continue;
        const key = `${r.holder},${r.beneficiary}`;
        let f = flags.get(key);
        if (!f) {
          f = SWEEP_OBLIGATIONS.map(() => 0);
          flags.set(key, f);
          order.push(key);
        }
        f[SWEEP_OBLIGATIONS.indexOf(r.obligation)] = 1;
      }
      if (job.form === 'atop') {
        for (const key of order) {
          const [h, b] = key.split(',') as [string, string];
          cells([code(h), code(b), year, ...(flags.get(key) as number[])]);
        }
      } else {
        // Every system member of the year, and any state an obligation is owed by or to that year
        // (a government in exile), so that no allied row of the ATOP form is left out.
        const members = new Set(systemIn(model, year));
        for (const key of order) for (const s of key.split(',')) members.add(s);
        const sorted = [...members].sort((a, b) => code(a) - code(b) || (a < b ? -1 : a > b ? 1 : 0));
        const none = SWEEP_OBLIGATIONS.map(() => 0);
        for (const a of sorted) {
          for (const b of sorted) {
            if (a === b) continue;
            cells([code(a), code(b), a, b, year, ...(flags.get(`${a},${b}`) ?? none)]);
          }
        }
      }
    } else {
      for (const r of rows) {
        // COW codes in numeric order, after `any except` when the list is of exceptions.
        const words = r.against.split(' ').filter(Boolean);
        const head = words.filter((w) => w === 'any' || w === 'except');
        const codes = words
          .filter((w) => w !== 'any' && w !== 'except')
          .map(code)
          .sort((a, b) => a - b);
        const against = [...head, ...codes].join(' ');
        cells([code(r.holder), code(r.beneficiary), year, r.obligation, r.status, against, r.treaties.join(' ')]);
      }
    }
    onYear(year);
  }
  return n;
}

/** The compiled worker, next to this module once built; absent when running from the TypeScript sources. */
const WORKER = fileURLToPath(new URL('./sweep-worker.js', import.meta.url));

/**
 * Runs a job and passes its text, in order, to `write`. With more than one worker and the
 * compiled worker present, years are split into contiguous blocks, one per worker, and the
 * blocks are written in year order. `corpus`, when already loaded, saves loading it again for a
 * sweep in this thread.
 */
export async function runSweep(
  job: SweepJob,
  citation: string,
  write: (chunk: string) => void,
  options: { workers?: number; onYear?: (done: number) => void; corpus?: Corpus } = {},
): Promise<{ rows: number; workers: number }> {
  const years = job.to - job.from + 1;
  // The main thread formats nothing but still writes every byte: it keeps one core, the workers the rest.
  const wanted = Math.min(options.workers ?? Math.max(1, availableParallelism() - 1), years);
  let done = 0;
  const tick = () => options.onYear?.(++done);
  write(sweepHead(job, citation));
  if (wanted === 0 || !existsSync(WORKER)) {
    const model = sweepModel(options.corpus ?? loadCorpus(job.corpusDir, job.withFiles), {
      unprovoked: job.unprovoked,
      anyMember: job.anyMember === true,
    });
    const rows = runSweepYears(model, job, job.from, job.to, write, tick, true);
    write(sweepTail(job));
    return { rows, workers: 0 };
  }
  // Blocks of years, one per worker, weighted toward the early years (later years have more
  // states and alliances, so their blocks are shorter). Each worker posts its lines in chunks;
  // the first unfinished block is written as it comes, later ones are held until their turn.
  const weights = Array.from({ length: years }, (_, i) => 1 + i / 20);
  const total = weights.reduce((a, b) => a + b, 0);
  const blocks: Array<{ from: number; to: number }> = [];
  let start = job.from;
  let acc = 0;
  for (let i = 0; i < years; i++) {
    acc += weights[i] as number;
    if (acc >= (total * (blocks.length + 1)) / wanted || i === years - 1) {
      blocks.push({ from: start, to: job.from + i });
      start = job.from + i + 1;
    }
  }
  const held: string[][] = blocks.map(() => []);
  const finished: boolean[] = blocks.map(() => false);
  let current = 0;
  let firstWritten = false;
  const emit = (chunk: string) => {
    // A JSON block that follows an empty first block must not start with a comma.
    let text = chunk;
    if (job.format === 'json' && !firstWritten && text.startsWith(',')) text = text.slice(1);
    if (text.length > 0) firstWritten = true;
    write(text);
  };
  const advance = () => {
    while (current < blocks.length) {
      for (const c of held[current] as string[]) emit(c);
      (held[current] as string[]).length = 0;
      if (!finished[current]) return;
      current++;
    }
  };
  const counts = await Promise.all(
    blocks.map(
      (b, i) =>
        new Promise<number>((resolveBlock, reject) => {
          const w = new Worker(WORKER, { workerData: { job, from: b.from, to: b.to, first: i === 0 } });
          let rows = 0;
          w.on('message', (m: { year?: number; chunk?: string; rows?: number }) => {
            if (m.year !== undefined) tick();
            if (m.chunk !== undefined) {
              (held[i] as string[]).push(m.chunk);
              if (i === current) advance();
            }
            if (m.rows !== undefined) rows = m.rows;
          });
          w.on('error', reject);
          w.on('exit', (code) => {
            if (code !== 0) reject(new Error(`sweep worker ${i} exited with code ${code}`));
            finished[i] = true;
            if (i === current) advance();
            resolveBlock(rows);
          });
        }),
    ),
  );
  advance();
  write(sweepTail(job));
  return { rows: counts.reduce((a, b) => a + b, 0), workers: blocks.length };
}
