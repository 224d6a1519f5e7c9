import { parentPort, workerData } from 'node:worker_threads';
import { loadCorpus } from '../corpus/load-corpus.js';
import { sweepModel } from './sweep.js';
import { runSweepYears, type SweepJob } from './sweep-job.js';

/** One worker of `casus sweep`: loads the corpus itself (from the parse cache), sweeps its block of years, posts its lines in chunks. */
const { job, from, to, first } = workerData as { job: SweepJob; from: number; to: number; first: boolean };
const model = sweepModel(loadCorpus(job.corpusDir, job.withFiles), { unprovoked: job.unprovoked, anyMember: job.anyMember === true });
let buffer = '';
const rows = runSweepYears(
  model,
  job,
  from,
  to,
  (line) => {
    buffer += line;
    if (buffer.length > 1 << 20) {
      parentPort?.postMessage({ chunk: buffer });
      buffer = '';
    }
  },
  (year) => parentPort?.postMessage({ year }),
  first,
);
if (buffer !== '') parentPort?.postMessage({ chunk: buffer });
parentPort?.postMessage({ rows });
