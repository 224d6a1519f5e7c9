import type { MiddlewareHandler } from 'hono';

/**
 * The media types a write must declare. A browser sends `text/plain`, a form's types or none
 * without asking the server first (a "simple" cross-site request); none of those is accepted
 * here, so a page elsewhere cannot make a browser write to the API even before the Origin check.
 */
export const JSON_TYPES: readonly string[] = ['application/json'];

/** A scenario file is YAML (RFC 9512's type, or the older names tools still send) or JSON (contract §3). */
export const SCENARIO_TYPES: readonly string[] = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml', 'application/json'];

/** What a route's body is. */
export type BodyKind = 'json' | 'scenario';

/** The media type of a Content-Type header, without its parameters, lower case ('' if none). */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

const unsupported = (kind: BodyKind | 'delete', got: string) => ({
  error: {
    code: 'input.media-type',
    message:
      kind === 'scenario'
        ? `send the scenario file with Content-Type: application/yaml (or application/json for a JSON file), not ${got || 'no Content-Type'}`
        : kind === 'json'
          ? `send a JSON object with Content-Type: application/json, not ${got || 'no Content-Type'}`
          : `a DELETE needs no body; if it has one, send it with Content-Type: application/json, not ${got || 'no Content-Type'}`,
  },
});

/** Refuses (415) a request whose body is not of the kind the route reads. */
export function accepts(kind: BodyKind): MiddlewareHandler {
  const allowed = kind === 'json' ? JSON_TYPES : SCENARIO_TYPES;
  return async (c, next) => {
    const got = mediaType(c.req.header('content-type'));
    if (!allowed.includes(got)) return c.json(unsupported(kind, got), 415);
    await next();
  };
}

/** A DELETE reads no body; one that carries a body all the same must declare it as JSON or YAML. */
export function bodyless(): MiddlewareHandler {
  return async (c, next) => {
    const got = mediaType(c.req.header('content-type'));
    if (!SCENARIO_TYPES.includes(got) && (await c.req.arrayBuffer()).byteLength > 0) return c.json(unsupported('delete', got), 415);
    await next();
  };
}
