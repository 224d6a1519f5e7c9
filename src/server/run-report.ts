import { parseDate } from '../base/partial-date.js';
import type { Corpus } from '../corpus/treaty.js';
import { evaluate } from '../engine/evaluate.js';
import { loadScenario } from '../scenario/load-scenario.js';
import { packReport } from './store.js';

/** One run of POST /api/runs, as the server's main thread hands it to a worker (or does it itself). */
export interface RunJob {
  /** The scenario's YAML, as saved or sent. */
  yaml: string;
  /** The file name its errors and spans are given under (`rhineland-1936.yaml`, `scenario.yaml`). */
  file: string;
  /** The instant asked, as text (`1936-03-07`): a date is sent between threads as its text. */
  at: string;
  explain: boolean;
}

/** A run's report as JSON text, the same text deflated for the store, and the instant it describes. */
export interface RunOutput {
  json: string;
  packed: Uint8Array;
  at: string;
}

/**
 * The one way a run is made, in the main thread or in a worker: load, evaluate, print, deflate.
 * The main thread has already loaded the scenario once to check it (its errors are the request's);
 * loading it again here costs about a tenth of the evaluation and sends only text between threads.
 */
export function runReport(corpus: Corpus, job: RunJob): RunOutput {
  const scenario = loadScenario(job.yaml, job.file, corpus);
  const report = evaluate(corpus, scenario, parseDate(job.at), { explain: job.explain });
  const json = JSON.stringify(report);
  return { json, packed: packReport(json), at: report.at };
}
