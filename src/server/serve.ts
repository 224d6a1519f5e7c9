import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import { serve } from '@hono/node-server';
import { CasusError } from '../base/casus-error.js';
import type { Corpus } from '../corpus/treaty.js';
import { createApp } from './app.js';
import { RUN_WORKER, RunPool } from './run-pool.js';
import { normaliseHost } from './same-origin.js';
import { Store } from './store.js';

export interface ServeOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** The SQLite file (created on first start); `:memory:` for none. */
  db?: string;
  /** The built web app; default dist/web/ of the package. */
  webDir?: string;
  /**
   * The host names other machines will address the server by; required when `host` is not a
   * loopback address (requests addressed to any other name are refused, against DNS rebinding).
   */
  allowHosts?: readonly string[];
  /**
   * Worker threads that make runs (POST /api/runs), each with its own copy of the corpus, loaded
   * from `corpusSource` (the directory and extra files `corpus` was loaded from). 0, or no
   * `corpusSource`, or a package not built: runs are made on the event loop.
   */
  workers?: number;
  corpusSource?: { dir: string; extraFiles: readonly string[] };
}

/**
 * Run workers of `casus serve` by default: one per core the process may use, up to four (a run
 * takes one core; more workers than cores only share them).
 */
export const DEFAULT_SERVE_WORKERS = Math.min(4, availableParallelism());

/** Addresses that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** Listening on every interface: no one name to allow for it. */
const WILDCARDS = new Set(['0.0.0.0', '::', '[::]', '']);

/**
 * Starts the HTTP API and the web app on the host and port asked (127.0.0.1 by default); resolves
 * once it listens. A host beyond loopback needs `allowHosts`: the server has no accounts, so it
 * says who may reach it rather than answer any name.
 */
export function startServer(corpus: Corpus, options: ServeOptions = {}): Promise<{ url: string; close: () => Promise<void> }> {
  const host = options.host ?? '127.0.0.1';
  const allowHosts = options.allowHosts ?? [];
  if (!isLoopbackHost(host) && allowHosts.length === 0) {
    return Promise.reject(
      new CasusError(
        'input.bad-option',
        `listening on ${host} lets other machines reach the API, which has no accounts: name the host names they will use with --allow-host name[,name] (allowHosts)`,
      ),
    );
  }
  const allowedHosts = [...allowHosts, ...(WILDCARDS.has(host) ? [] : [host])].map(normaliseHost);
  const store = new Store(options.db ?? 'data/casus.db');
  const workers = options.workers ?? 0;
  const runs = workers > 0 && options.corpusSource && existsSync(RUN_WORKER) ? new RunPool(workers, options.corpusSource) : undefined;
  const app = createApp(corpus, store, { ...(options.webDir ? { webDir: options.webDir } : {}), allowedHosts, ...(runs ? { runs } : {}) });
  return new Promise((resolveStart, reject) => {
    const server = serve({ fetch: app.fetch, hostname: host, port: options.port ?? 8080 }, (info: AddressInfo) => {
      // On every interface, this machine's own address is the one to open.
      const local = host === '0.0.0.0' || host === '' ? '127.0.0.1' : WILDCARDS.has(host) ? '::1' : host;
      const shown = local.includes(':') && !local.startsWith('[') ? `[${local}]` : local;
      resolveStart({
        url: `http://${shown}:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => {
              void (runs?.close() ?? Promise.resolve()).then(() => {
                store.close();
                done();
              });
            });
          }),
      });
    });
    server.on('error', (e) => {
      void runs?.close();
      store.close();
      reject(e);
    });
  });
}
