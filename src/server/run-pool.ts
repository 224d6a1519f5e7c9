import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CasusError, type CasusErrorCode, CasusErrors, inputErrors } from '../base/casus-error.js';
import type { Span } from '../language/ast.js';
import type { RunJob, RunOutput } from './run-report.js';

/** The worker script beside this module; only the built package has it (tests from src run in-thread). */
export const RUN_WORKER = fileURLToPath(new URL('./run-worker.js', import.meta.url));

/** An error as it crosses from a worker to the main thread (structured clone keeps no class). */
export interface ErrorDescription {
  name: string;
  message: string;
  errors?: Array<{ code: CasusErrorCode; message: string; span?: Span; field?: string }>;
}

export function describeError(e: unknown): ErrorDescription {
  const found = inputErrors(e);
  const error = e instanceof Error ? e : new Error(String(e));
  return {
    name: error.name,
    message: error.message,
    ...(found.length > 0 ? { errors: found.map((x) => ({ code: x.code, message: x.message, span: x.span, field: x.field })) } : {}),
  };
}

/** The error a worker described, thrown again as what it was: input errors stay input errors. */
export function reviveError(d: ErrorDescription): Error {
  if (d.errors && d.errors.length > 0) {
    const errors = d.errors.map((x) => new CasusError(x.code, x.message, x.span, x.field));
    return errors.length === 1 ? (errors[0] as CasusError) : new CasusErrors(errors);
  }
  if (d.name === 'RangeError') return new RangeError(d.message);
  return new Error(d.message);
}

interface Pending {
  id: number;
  job: RunJob;
  resolve: (out: RunOutput) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  busy: Pending | undefined;
  /** The worker has loaded the corpus. */
  ready: boolean;
}

/**
 * Worker threads that make runs (POST /api/runs) off the server's event loop: a run of a large
 * scenario takes its seconds in a worker while the other requests are answered, and runs asked
 * together are made side by side, one per core. Each worker loads the corpus the server loaded;
 * jobs wait in one queue, first come first served. A worker that dies fails its job (a 500, with
 * its message) and is replaced.
 */
export class RunPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private next = 1;
  private closed = false;
  /** Why the pool cannot make runs: a worker failed to start (it could not load the corpus). */
  private broken: string | undefined;

  constructor(
    readonly size: number,
    private readonly source: { dir: string; extraFiles: readonly string[] },
    private readonly script: string = RUN_WORKER,
  ) {
    if (!existsSync(script)) throw new Error(`no run worker at ${script}: build the package (npm run build)`);
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  /** The job's report, made by the first free worker. */
  run(job: RunJob): Promise<RunOutput> {
    if (this.closed) return Promise.reject(new Error('the run pool is closed'));
    if (this.broken) return Promise.reject(new Error(this.broken));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.next++, job, resolve, reject });
      this.dispatch();
    });
  }

  /** Jobs waiting for a worker, and jobs being made. */
  get load(): { queued: number; running: number } {
    return { queued: this.queue.length, running: this.slots.filter((s) => s.busy).length };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new Error('the server is closing'));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(): Slot {
    const worker = new Worker(this.script, { workerData: { dir: this.source.dir, extraFiles: [...this.source.extraFiles] } });
    // The server may close while a worker still loads: an idle worker keeps no process alive.
    worker.unref();
    const slot: Slot = { worker, busy: undefined, ready: false };
    worker.on('message', (m: { ready?: boolean; id?: number; out?: RunOutput; error?: ErrorDescription }) => {
      if (m.ready) slot.ready = true;
      const p = slot.busy;
      if (m.id === undefined || !p || p.id !== m.id) return;
      slot.busy = undefined;
      worker.unref();
      if (m.out) p.resolve(m.out);
      else p.reject(reviveError(m.error ?? { name: 'Error', message: 'the run worker answered nothing' }));
      this.dispatch();
    });
    const replace = (why: string) => {
      const p = slot.busy;
      slot.busy = undefined;
      if (!slot.ready) {
        // It died loading the corpus: another would too. Every run is refused with the reason.
        this.broken = `the run workers cannot start: ${why}`;
        for (const q of [...(p ? [p] : []), ...this.queue.splice(0)]) q.reject(new Error(this.broken));
        return;
      }
      p?.reject(new Error(`the run worker stopped (${why}) while making this run`));
      if (this.closed) return;
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots[i] = this.spawn();
      this.dispatch();
    };
    worker.on('error', (e) => replace(e.message));
    worker.on('exit', (code) => {
      if (!this.closed && this.slots.includes(slot)) replace(`exit code ${code}`);
    });
    return slot;
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.busy) continue;
      const p = this.queue.shift() as Pending;
      slot.busy = p;
      // A job keeps the process alive while it is made.
      slot.worker.ref();
      slot.worker.postMessage({ id: p.id, job: p.job });
    }
  }
}
