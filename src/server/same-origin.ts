import type { MiddlewareHandler } from 'hono';

/**
 * The cross-site guard. casus has no accounts: whoever can send it a request can read, write and
 * delete scenarios. So it answers only requests addressed to it by a name it knows (a page whose
 * DNS name is rebound to 127.0.0.1 sends its own name as Host), and, when a browser says which page
 * sent a request (Origin), only pages of its own origin. Scripts and curl send no Origin and pass.
 */

/** The names a request on this machine may be addressed to: loopback, IPv4 and IPv6. */
export const LOOPBACK_NAMES: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

// A Host header is a name or an address, then an optional port: nothing else (no user, no path).
const HOST = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/;

/** The name of a Host header value (`127.0.0.1:8080` → `127.0.0.1`), or undefined if it is not one. */
export function hostName(host: string): string | undefined {
  return HOST.exec(host.toLowerCase())?.[1];
}

/** A configured host name as the Host header would carry it: lower case, IPv6 in brackets, no port. */
export function normaliseHost(name: string): string {
  const n = name.trim().toLowerCase();
  // Two colons or more: a bare IPv6 address, which a Host header carries in brackets.
  if ((n.match(/:/g)?.length ?? 0) > 1 && !n.startsWith('[')) return `[${n}]`;
  return hostName(n) ?? n;
}

/** The host:port of `origin` and of `host` under the origin's scheme, equal: the request comes from this server's own pages. */
function sameOrigin(origin: string, host: string): boolean {
  try {
    const o = new URL(origin);
    if (o.protocol !== 'http:' && o.protocol !== 'https:') return false;
    return o.origin === origin.toLowerCase().replace(/\/$/, '') && o.host === new URL(`${o.protocol}//${host}`).host;
  } catch {
    return false;
  }
}

const refused = (code: string, message: string) => ({ error: { code, message } });

/**
 * Refuses (403) a request whose Host is neither a loopback name nor one of `allowedHosts`, or
 * whose Origin is present and is not the origin the request is addressed to.
 */
export function guardOrigin(allowedHosts: readonly string[] = []): MiddlewareHandler {
  const allowed = new Set([...LOOPBACK_NAMES, ...allowedHosts.map(normaliseHost)]);
  const names = [...allowed].join(', ');
  return async (c, next) => {
    const url = new URL(c.req.url);
    // In-process requests (app.request) have no Host header: the URL's host stands for it.
    const host = c.req.header('host') ?? url.host;
    for (const h of new Set([host, url.host])) {
      const name = hostName(h);
      if (name === undefined || !allowed.has(name)) {
        return c.json(
          refused(
            'forbidden.host',
            `this server answers requests addressed to ${names}, not to "${h}" (a guard against DNS rebinding): open it as http://127.0.0.1:PORT, or start it with \`casus serve --allow-host ${name ?? 'NAME'}\` if that name is yours`,
          ),
          403,
        );
      }
    }
    const origin = c.req.header('origin');
    if (origin !== undefined && !sameOrigin(origin, host)) {
      return c.json(
        refused(
          'forbidden.origin',
          `cross-origin request refused: it comes from a page of ${JSON.stringify(origin)}, not of this server (${host}); use the web app this server serves, or call the API from a script, which sends no Origin`,
        ),
        403,
      );
    }
    await next();
  };
}
