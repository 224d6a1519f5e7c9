import { parentPort, workerData } from 'node:worker_threads';
import { loadCorpus } from '../corpus/load-corpus.js';
import { describeError } from './run-pool.js';
import { type RunJob, runReport } from './run-report.js';

/**
 * One worker of the server's run pool (run-pool.ts): loads the corpus the server loaded (the same
 * directory and extra files, from the parse cache), then answers each job with its report, or with
 * the error it threw, described so that the main thread can throw it again.
 */
const { dir, extraFiles } = workerData as { dir: string; extraFiles: string[] };
const corpus = loadCorpus(dir, extraFiles);
parentPort?.on('message', (m: { id: number; job: RunJob }) => {
  try {
    // Copied, not transferred: a small Buffer may share its memory with Node's buffer pool.
    parentPort?.postMessage({ id: m.id, out: runReport(corpus, m.job) });
  } catch (e) {
    parentPort?.postMessage({ id: m.id, error: describeError(e) });
  }
});
parentPort?.postMessage({ ready: true });
