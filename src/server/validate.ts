import { zValidator } from '@hono/zod-validator';
import type { Context } from 'hono';
import type * as z from 'zod';

/** One problem of a request, located by the path of its field (`compliance.FRN`, `events[0].by`). */
export interface RequestProblem {
  code: string;
  message: string;
  field?: string;
}

/** The codes a schema failure is answered with; a refinement names its own in `params.code`. */
const MISSING = 'input.missing-option';
const UNKNOWN = 'input.unknown-field';
const BAD = 'input.bad-option';
const NOT_AN_OBJECT = 'input.invalid';

/** A path as the scenario loader writes it: `compliance.FRN`, `treaties[2]`. */
export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>(
    (out, step) => (typeof step === 'number' ? `${out}[${step}]` : out === '' ? String(step) : `${out}.${String(step)}`),
    '',
  );
}

function valueAt(value: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let v = value;
  for (const step of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, step)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[step];
  }
  return v;
}

/** What was sent, short: a long text is cut, an object or a list is named, not printed. */
function shown(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'an object';
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

/**
 * Turns zod's issues into the API's problems: each names its field, says what the field is (the
 * schema's own message, written as "is a year from 1000 to 9999") and what was sent instead.
 * `value` is the request's raw query, params or body; `keys` the fields the target takes.
 */
export function requestProblems(
  issues: readonly z.core.$ZodIssue[],
  value: unknown,
  keys: readonly string[],
  target: 'json' | 'query' | 'param' = 'json',
): RequestProblem[] {
  const out: RequestProblem[] = [];
  const seen = new Set<string>();
  const add = (p: RequestProblem) => {
    const key = `${p.field}\u0000${p.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(p);
  };
  for (const issue of issues) {
    const field = fieldPath(issue.path);
    if (issue.code === 'unrecognized_keys') {
      for (const k of issue.keys) {
        const where = fieldPath([...issue.path, k]);
        const what = target === 'query' ? 'query parameter' : 'field';
        const known =
          issue.path.length > 0 ? 'leave it out' : keys.length > 0 ? `the ${what}s are ${keys.join(', ')}` : `this route takes no ${what}s`;
        add({ code: UNKNOWN, message: `unknown ${what} \`${where}\`: ${known}`, field: where });
      }
      continue;
    }
    if (field === '') {
      add({ code: NOT_AN_OBJECT, message: `the request ${issue.message}` });
      continue;
    }
    const params = (issue as { params?: { code?: string } }).params;
    if (issue.code === 'custom') {
      add({ code: params?.code ?? BAD, message: `\`${field}\`: ${issue.message}`, field });
      continue;
    }
    const sent = valueAt(value, issue.path);
    if (sent === undefined) add({ code: MISSING, message: `\`${field}\` is missing: it ${issue.message}`, field });
    else add({ code: BAD, message: `\`${field}\` ${issue.message}; got ${shown(sent)}`, field });
  }
  return out;
}

/** The fields an object schema takes, in order (none for any other schema). */
function keysOf(schema: z.ZodType): string[] {
  const shape = (schema as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

/** The API's answer to a request its schema refuses: 400, the first problem's code, every problem located. */
export function refuse(c: Context, problems: RequestProblem[]): Response {
  const first = problems[0] ?? { code: BAD, message: 'the request is not valid' };
  return c.json(
    {
      error: {
        code: first.code,
        message: problems.map((p) => p.message).join('\n'),
        ...(first.field ? { field: first.field } : {}),
        errors: problems,
      },
    },
    400,
  );
}

/**
 * `zValidator` with the API's error shape: a wrong type, a missing or an unknown field is a 400
 * naming the field's path, never a 500 further in.
 */
export function validate<Target extends 'json' | 'query' | 'param', S extends z.ZodType>(target: Target, schema: S) {
  const keys = keysOf(schema);
  return zValidator(target, schema, (result, c) => {
    if (!result.success) return refuse(c, requestProblems(result.error.issues, result.data, keys, target));
  });
}
