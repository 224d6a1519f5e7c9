import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Corpus } from '../corpus/treaty.js';
import { createApp } from './app.js';
import { Store } from './store.js';

export interface ServeOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** The SQLite file (created on first start); `:memory:` for none. */
  db?: string;
  /** The built web app; default dist/web/ of the package. */
  webDir?: string;
}

/** Starts the HTTP API and the web app on the host and port asked (127.0.0.1 by default); resolves once it listens. */
export function startServer(corpus: Corpus, options: ServeOptions = {}): Promise<{ url: string; close: () => Promise<void> }> {
  const store = new Store(options.db ?? 'data/casus.db');
  const app = createApp(corpus, store, options.webDir ? { webDir: options.webDir } : {});
  const host = options.host ?? '127.0.0.1';
  return new Promise((resolveStart, reject) => {
    const server = serve({ fetch: app.fetch, hostname: host, port: options.port ?? 8080 }, (info: AddressInfo) => {
      const shown = host.includes(':') ? `[${host}]` : host;
      resolveStart({
        url: `http://${shown}:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => {
              store.close();
              done();
            });
          }),
      });
    });
    server.on('error', (e) => {
      store.close();
      reject(e);
    });
  });
}
