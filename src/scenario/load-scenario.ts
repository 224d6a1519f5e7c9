import { z } from 'zod';
import { CasusError, CasusErrors } from '../base/casus-error.js';
import type { Event, FieldValue } from '../base/event.js';
import { eventTypeWithArticle } from '../base/event-types.js';
import { bytesText, countText, MAX_EVENTS, MAX_EXPECTATIONS, MAX_NAME_LENGTH, MAX_SCENARIO_BYTES } from '../base/limits.js';
import { didYouMean } from '../base/nearest.js';
import { compareDates, dateProblem, parseDate } from '../base/partial-date.js';
import { NORM_KINDS, NORM_STATUSES, TREATY_STATUSES } from '../base/status-words.js';
import { readYaml, type YamlSource } from '../base/yaml-source.js';
import { unknownTreatyError } from '../corpus/lookup.js';
import type { Corpus } from '../corpus/treaty.js';
import { fieldsNamed } from '../corpus/vocabulary.js';
import type { Expectation, Scenario } from './scenario.js';

const TOP = z
  .object({
    id: z
      .string()
      .max(MAX_NAME_LENGTH, {
        error: (issue) =>
          `an id is at most ${MAX_NAME_LENGTH} characters; this one is ${countText(String(issue.input).length)}: shorten it`,
      })
      .regex(/^[a-z0-9][a-z0-9-]*$/, 'an id is a slug: lower-case letters, digits and hyphens'),
    title: z.string().optional(),
    description: z.string().optional(),
    at: z.union([z.string(), z.number()]).optional(),
    events: z.array(z.record(z.string(), z.unknown())),
    expect: z.array(z.record(z.string(), z.unknown())).optional(),
  })
  .strict();

const EXPECT_FIELDS = ['norm', 'treaty', 'kind', 'holder', 'beneficiary', 'counterparty', 'action', 'status', 'since', 'missing', 'vetoes'];
const STATE_EXPECT_FIELDS = ['holder', 'beneficiary', 'counterparty'];

/**
 * Reads a scenario file (YAML or JSON) against the contract: every event's type,
 * fields, states, treaties and dates are checked, and every problem is reported with
 * its file, line and field. Nothing of a rejected file is evaluated.
 */
export function loadScenario(text: string, file: string, corpus: Corpus): Scenario {
  if (text.length > MAX_SCENARIO_BYTES) {
    throw new CasusError(
      'scenario.too-large',
      `a scenario file is at most ${bytesText(MAX_SCENARIO_BYTES)}; this one is ${bytesText(text.length)}: split the timeline`,
      { file, line: 1, column: 1 },
    );
  }
  const yaml = readYaml(text, file, 'scenario.syntax');
  const raw = yaml.value as { events?: unknown; expect?: unknown } | null;
  for (const [key, max] of [
    ['events', MAX_EVENTS],
    ['expect', MAX_EXPECTATIONS],
  ] as const) {
    const list = raw && typeof raw === 'object' ? raw[key] : undefined;
    if (Array.isArray(list) && list.length > max) {
      throw new CasusError(
        'scenario.too-large',
        `a scenario holds at most ${countText(max)} ${key === 'events' ? 'events' : 'expectations'}; this one holds ${countText(list.length)}: split the timeline`,
        yaml.locate([key, max]),
        key,
      );
    }
  }
  const top = TOP.safeParse(yaml.value);
  if (!top.success) {
    throw new CasusErrors(
      top.error.issues.map((issue) => {
        const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
        if (issue.code === 'unrecognized_keys') {
          const key = issue.keys[0] as string;
          return new CasusError(
            'scenario.unknown-field',
            `unknown field "${key}": a scenario has id, title, description, at, events and expect`,
            yaml.locate([...path, key], true),
            [...path, key].join('.'),
          );
        }
        const missing = issue.code === 'invalid_type' && getIn(yaml.value, path) === undefined;
        const field = path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i > 0 ? `.${p}` : p)).join('');
        return new CasusError(
          missing ? 'scenario.missing-field' : 'scenario.invalid',
          missing ? `"${field}" is required` : shapeHint(path, issue.message),
          yaml.locate(path),
          field || undefined,
        );
      }),
    );
  }
  const data = top.data;
  const errors: CasusError[] = [];
  const events: Event[] = [];
  data.events.forEach((raw, i) => {
    const ev = readEvent(raw, i, yaml, corpus, errors);
    if (ev) events.push(ev);
  });
  let at: Scenario['at'];
  if (data.at !== undefined) {
    const problem = dateProblem(String(data.at));
    if (problem) errors.push(new CasusError('scenario.bad-date', problem, yaml.locate(['at']), 'at'));
    else at = parseDate(String(data.at));
  }
  const expect: Expectation[] = (data.expect ?? []).map((raw, i) => readExpectation(raw, i, yaml, corpus, errors));
  if (errors.length > 0) {
    const at = (e: CasusError) => (e.span?.line ?? 0) * 10_000 + (e.span?.column ?? 0);
    throw new CasusErrors(
      errors
        .map((e, i) => ({ e, i }))
        .sort((a, b) => at(a.e) - at(b.e) || a.i - b.i)
        .map((x) => x.e),
    );
  }
  events.sort((a, b) => compareDates(a.date, b.date) || a.seq - b.seq);
  events.forEach((e, i) => {
    e.seq = i;
  });
  return {
    id: data.id,
    title: data.title ?? data.id,
    ...(data.description ? { description: data.description.trim() } : {}),
    file,
    ...(at ? { at } : {}),
    events,
    expect,
  };
}

function readEvent(raw: Record<string, unknown>, i: number, yaml: YamlSource, corpus: Corpus, errors: CasusError[]): Event | undefined {
  const path = (k?: string) => (k === undefined ? ['events', i] : ['events', i, k]);
  const field = (k: string) => `events[${i}].${k}`;
  const before = errors.length;
  const type = raw.type;
  if (typeof type !== 'string') {
    errors.push(new CasusError('scenario.missing-field', 'every event needs a `type`', yaml.locate(path()), field('type')));
    return undefined;
  }
  const spec = type === 'entry-into-force' ? undefined : corpus.vocabulary.types.get(type);
  if (!spec) {
    const members = corpus.vocabulary.classes.get(type);
    const known = scenarioTypes(corpus);
    errors.push(
      new CasusError(
        'scenario.unknown-event-type',
        members
          ? `"${type}" is a class of event types, not a type: an event is one of ${members.join(', ')}`
          : `unknown event type "${type}"${didYouMean(type, known)}; the library's types are ${known.join(', ')}`,
        yaml.locate(path('type')),
        field('type'),
      ),
    );
    return undefined;
  }
  let date: Event['date'] | undefined;
  if (raw.date === undefined) {
    errors.push(
      new CasusError('scenario.missing-field', `${eventTypeWithArticle(type)} event needs a \`date\``, yaml.locate(path()), field('date')),
    );
  } else {
    const problem = dateProblem(String(raw.date));
    if (problem) errors.push(new CasusError('scenario.bad-date', `impossible date: ${problem}`, yaml.locate(path('date')), field('date')));
    else date = parseDate(String(raw.date));
  }
  const fields: Record<string, FieldValue> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'date' || key === 'type') continue;
    if (key === 'place') {
      // Any event may say where it happened (corpus/places.ts): GMY, GMY/europe, AUH/border/ROM, rhineland.
      const at = yaml.locate(path(key));
      const problem = typeof value === 'string' ? corpus.places.check(value, at, field(key), 'scenario.invalid') : undefined;
      if (typeof value !== 'string')
        errors.push(new CasusError('scenario.invalid', '"place" is a place code, e.g. AUH/border/ROM', at, field(key)));
      else if (problem) errors.push(problem);
      else fields.place = value;
      continue;
    }
    const fs = spec[key];
    const span = yaml.locate(path(key), true);
    if (!fs) {
      const known = Object.keys(spec);
      errors.push(
        new CasusError(
          'scenario.unknown-field',
          `${eventTypeWithArticle(type)} event has no field "${key}"${didYouMean(key, [...known, 'place'])}; its fields are date, type, ${known.join(', ')}, place`,
          span,
          field(key),
        ),
      );
      continue;
    }
    const at = yaml.locate(path(key));
    switch (fs.kind) {
      case 'state':
        if (typeof value !== 'string' && typeof value !== 'number') {
          errors.push(
            new CasusError('scenario.invalid', `"${key}" is one state: a COW abbreviation, number or name, e.g. GMY`, at, field(key)),
          );
          break;
        }
        try {
          fields[key] = corpus.states.resolve(value as string, at, 'scenario.unknown-state', field(key));
        } catch (e) {
          errors.push(e as CasusError);
        }
        break;
      case 'states':
        if (!Array.isArray(value) || value.length === 0) {
          errors.push(new CasusError('scenario.invalid', `"${key}" is a list of states, e.g. [FRN, RUS]`, at, field(key)));
          break;
        }
        fields[key] = value.map((v, j) => {
          if (typeof v !== 'string' && typeof v !== 'number') {
            errors.push(
              new CasusError(
                'scenario.invalid',
                'a state is a COW abbreviation, number or name',
                yaml.locate([...path(key), j]),
                `${field(key)}[${j}]`,
              ),
            );
            return String(v);
          }
          try {
            return corpus.states.resolve(v as string, yaml.locate([...path(key), j]), 'scenario.unknown-state', `${field(key)}[${j}]`);
          } catch (e) {
            errors.push(e as CasusError);
            return String(v);
          }
        });
        break;
      case 'treaty':
        if (typeof value !== 'string' || !corpus.treaties.has(value)) {
          errors.push(unknownTreatyError(corpus, String(value), 'scenario.unknown-treaty', at, field(key)));
        } else fields[key] = value;
        break;
      case 'bool':
        if (typeof value !== 'boolean') errors.push(new CasusError('scenario.invalid', `"${key}" is true or false`, at, field(key)));
        else fields[key] = value;
        break;
      case 'tri':
        if (typeof value === 'boolean' || value === 'unknown') fields[key] = value;
        else errors.push(new CasusError('scenario.invalid', `"${key}" is true, false or unknown`, at, field(key)));
        break;
      case 'text':
        fields[key] = String(value);
        break;
      case 'choice':
        if (typeof value !== 'string' || !fs.choices?.includes(value)) {
          errors.push(
            new CasusError(
              'scenario.invalid',
              `"${key}" is one of ${(fs.choices ?? []).join(', ')}${typeof value === 'string' ? didYouMean(value, fs.choices ?? []) : ''}`,
              at,
              field(key),
            ),
          );
        } else fields[key] = value;
        break;
      case 'date': {
        const text = value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
        const problem = dateProblem(text);
        if (problem) errors.push(new CasusError('scenario.bad-date', `impossible date in "${key}": ${problem}`, at, field(key)));
        else fields[key] = text;
        break;
      }
    }
  }
  for (const [key, fs] of Object.entries(spec)) {
    if (fs.required && raw[key] === undefined) {
      errors.push(
        new CasusError('scenario.missing-field', `${eventTypeWithArticle(type)} event needs \`${key}\``, yaml.locate(path()), field(key)),
      );
    }
  }
  // A three-valued field left out is unknown (contract §3: an aggression's `unprovoked`).
  for (const [key, fs] of Object.entries(spec)) if (fs.kind === 'tri' && fields[key] === undefined) fields[key] = 'unknown';
  if (errors.length > before || !date) return undefined;
  return { seq: i, date, type, fields, span: yaml.locate(path()) };
}

function readExpectation(raw: Record<string, unknown>, i: number, yaml: YamlSource, corpus: Corpus, errors: CasusError[]): Expectation {
  const span = yaml.locate(['expect', i]);
  const fields: Record<string, unknown> = { ...raw };
  for (const key of Object.keys(raw)) {
    if (!EXPECT_FIELDS.includes(key)) {
      errors.push(
        new CasusError(
          'scenario.unknown-field',
          `an expect entry has no field "${key}"${didYouMean(key, EXPECT_FIELDS)}; it may name ${EXPECT_FIELDS.join(', ')}`,
          yaml.locate(['expect', i, key], true),
          `expect[${i}].${key}`,
        ),
      );
    }
  }
  if ((raw.norm === undefined) === (raw.treaty === undefined)) {
    errors.push(new CasusError('scenario.invalid', 'an expect entry names either a `norm` or a `treaty`', span, `expect[${i}]`));
  }
  for (const key of STATE_EXPECT_FIELDS) {
    if (raw[key] === undefined) continue;
    try {
      fields[key] = corpus.states.resolve(
        raw[key] as string,
        yaml.locate(['expect', i, key]),
        'scenario.unknown-state',
        `expect[${i}].${key}`,
      );
    } catch (e) {
      errors.push(e as CasusError);
    }
  }
  if (Array.isArray(raw.vetoes)) {
    fields.vetoes = raw.vetoes.map((v, j) => {
      try {
        return corpus.states.resolve(
          v as string,
          yaml.locate(['expect', i, 'vetoes', j]),
          'scenario.unknown-state',
          `expect[${i}].vetoes[${j}]`,
        );
      } catch (e) {
        errors.push(e as CasusError);
        return v;
      }
    });
  }
  if (raw.since !== undefined) {
    fields.since = String(raw.since);
    const problem = dateProblem(String(raw.since));
    if (problem) errors.push(new CasusError('scenario.bad-date', problem, yaml.locate(['expect', i, 'since']), `expect[${i}].since`));
  }
  const words: Record<string, readonly string[]> = { status: [...NORM_STATUSES, ...TREATY_STATUSES], kind: NORM_KINDS };
  for (const [key, allowed] of Object.entries(words)) {
    if (raw[key] !== undefined && !allowed.includes(String(raw[key]))) {
      errors.push(
        new CasusError(
          'scenario.invalid',
          `"${String(raw[key])}" is not a ${key}; use one of ${allowed.join(', ')}`,
          yaml.locate(['expect', i, key]),
          `expect[${i}].${key}`,
        ),
      );
    }
  }
  if (raw.vetoes !== undefined && !Array.isArray(raw.vetoes)) {
    errors.push(
      new CasusError(
        'scenario.invalid',
        '"vetoes" is a list of states, e.g. [BEL, ITA, UKG] or []',
        yaml.locate(['expect', i, 'vetoes']),
        `expect[${i}].vetoes`,
      ),
    );
  }
  if (raw.missing !== undefined) {
    const ok =
      Array.isArray(raw.missing) &&
      raw.missing.every(
        (alt) => Array.isArray(alt) && alt.every((p) => p !== null && typeof p === 'object' && !Array.isArray(p) && 'type' in p),
      );
    if (!ok) {
      errors.push(
        new CasusError(
          'scenario.invalid',
          '"missing" is a list of alternatives, each a list of event patterns with a type: [[{type: approval, by: UKG}]] or []',
          yaml.locate(['expect', i, 'missing']),
          `expect[${i}].missing`,
        ),
      );
    } else {
      fields.missing = (raw.missing as Array<Array<Record<string, unknown>>>).map((alt, a) =>
        alt.map((p, q) => resolvePatternStates(p, yaml, ['expect', i, 'missing', a, q], corpus, errors)),
      );
    }
  }
  return { line: span.line, fields };
}

function getIn(value: unknown, path: ReadonlyArray<string | number>): unknown {
  let v: unknown = value;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[p];
  }
  return v;
}

/** The event types a scenario may name: the library's, but entry into force, which casus derives. */
function scenarioTypes(corpus: Corpus): string[] {
  return [...corpus.vocabulary.types.keys()].filter((t) => t !== 'entry-into-force');
}

/** The states of an expected event pattern, resolved like an event's (`Britain` → UKG). */
function resolvePatternStates(
  p: Record<string, unknown>,
  yaml: YamlSource,
  path: Array<string | number>,
  corpus: Corpus,
  errors: CasusError[],
): Record<string, unknown> {
  const spec = fieldsNamed(corpus.vocabulary, String(p.type)) ?? {};
  const out: Record<string, unknown> = { ...p };
  for (const [key, value] of Object.entries(p)) {
    const kind = spec[key]?.kind;
    const at = yaml.locate([...path, key]);
    const where = `${path[0]}[${path[1]}].missing[${path[3]}][${path[4]}].${key}`;
    try {
      if (kind === 'state' && (typeof value === 'string' || typeof value === 'number'))
        out[key] = corpus.states.resolve(value, at, 'scenario.unknown-state', where);
      if (kind === 'states' && Array.isArray(value))
        out[key] = value.map((v) => corpus.states.resolve(String(v), at, 'scenario.unknown-state', where));
    } catch (e) {
      errors.push(e as CasusError);
    }
  }
  return out;
}

/** A plainer message than the schema's for the usual mistakes of shape. */
function shapeHint(path: ReadonlyArray<string | number>, message: string): string {
  if (path.length === 0)
    return 'a scenario is a YAML (or JSON) mapping with `id`, `events` and optionally `title`, `at`, `description`, `expect`';
  if (path[0] === 'events' && path.length === 1) return '`events` is a list of events (possibly empty: `events: []`)';
  if (path[0] === 'events' && path.length === 2)
    return 'each event is a mapping, e.g. {date: 1936-09-01, type: threat, by: GMY, against: FRN}';
  if (path[0] === 'expect' && path.length === 1) return '`expect` is a list of entries, each naming a `norm` or a `treaty`';
  if (path[0] === 'expect' && path.length === 2)
    return 'each expect entry is a mapping, e.g. {norm: franco-soviet-1935/art-2, holder: FRN, status: pending}';
  return message;
}
