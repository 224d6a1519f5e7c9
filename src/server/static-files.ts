import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context } from 'hono';

/** Where `vite build` puts the web app: dist/web/ of the package (the same path from src/server/ and dist/server/). */
export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../dist/web/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves the built web app from `dir`: a file that exists is sent as it is (hashed assets cached
 * for a year); any other path gets index.html, so that the app's own routes load on a reload or
 * from a shared link. Until the app is built, a page says how to build it.
 */
export function serveWebApp(dir: string): (c: Context) => Response {
  const root = normalize(dir.endsWith(sep) ? dir : `${dir}${sep}`);
  return (c) => {
    const index = join(root, 'index.html');
    let path: string;
    try {
      path = decodeURIComponent(new URL(c.req.url).pathname);
    } catch {
      path = '/';
    }
    const file = normalize(join(root, path));
    // A path that climbs out of the folder (`/../`) never reaches the disk.
    if (file.startsWith(root) && existsSync(file) && statSync(file).isFile()) {
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      const cache = file.startsWith(join(root, 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache';
      return new Response(readFileSync(file), { headers: { 'content-type': type, 'cache-control': cache } });
    }
    if (existsSync(index)) {
      return new Response(readFileSync(index), { headers: { 'content-type': TYPES['.html'] as string, 'cache-control': 'no-cache' } });
    }
    return c.html(
      `<!doctype html><meta charset="utf-8"><title>casus</title><p>The web app is not built yet: run <code>npm run build</code> (or <code>npm start</code>), then reload. The API is at <a href="/api/openapi.json">/api/openapi.json</a>.</p>`,
      503,
    );
  };
}
