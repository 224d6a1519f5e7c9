import { z } from 'zod';
import { CasusError, CasusErrors } from '../base/casus-error.js';
import type { Event, FieldValue } from '../base/event.js';
import { EVENT_TYPES, eventTypeWithArticle } from '../base/event-types.js';
import { bytesText, countText, MAX_LINE_LENGTH, MAX_NAME_LENGTH, MAX_TREATY_BYTES } from '../base/limits.js';
import { dateProblem, parseDate } from '../base/partial-date.js';
import { readYaml, type YamlSource } from '../base/yaml-source.js';
import type { EventClassDef, EventTypeDef, LifecycleDef } from '../language/ast.js';
import { readLiterate, type TreatySource } from '../language/literate.js';
import type { StateRegistry } from './states.js';
import type { Treaty } from './treaty.js';

/** The event types a treaty's recorded lifecycle may hold. */
export const LIFECYCLE_TYPES: readonly string[] = [
  'signature',
  'ratification',
  'ratifications-exchanged',
  'entry-into-force',
  'registration',
  'accession',
  'extension',
  'denunciation',
  'termination',
];

const slug = z
  .string()
  .max(MAX_NAME_LENGTH, `a slug is at most ${MAX_NAME_LENGTH} characters`)
  .regex(/^[a-z][a-z0-9-]*$/, 'a slug: lower-case letters, digits and hyphens');
const dateText = z
  .union([z.string(), z.number(), z.date()])
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v)));

const FrontMatter = z
  .object({
    treaty: slug,
    title: z.string(),
    short: z.string().optional(),
    parties: z.array(z.union([z.string(), z.number()])).min(1),
    place: z.string().optional(),
    languages: z.array(z.string()).optional(),
    sources: z.record(z.string(), z.string()),
    lifecycle: z.array(
      z
        .object({
          date: dateText,
          type: z.string(),
          by: z.union([z.string(), z.number()]).optional(),
          until: dateText.optional(),
          source: z.string(),
          note: z.string().optional(),
        })
        .strict(),
    ),
    interpretations: z.array(z.object({ id: slug, text: z.string(), conditions: z.array(slug).optional() }).strict()).default([]),
  })
  .strict();

/** The front matter's schema errors, each at its key; `shape` is the message for front matter that is no mapping. */
function frontMatterErrors(error: z.ZodError, yaml: YamlSource, shape: string): CasusErrors {
  return new CasusErrors(
    error.issues.map((issue) => {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
      const field = [...path, ...keys].join('.');
      if (path.length === 0 && issue.code === 'invalid_type') return new CasusError('treaty.front-matter', shape, yaml.locate([]));
      const span = keys.length > 0 ? yaml.locate([...path, keys[0] as string], true) : yaml.locate(path);
      return new CasusError('treaty.front-matter', issue.message, span, field || undefined);
    }),
  );
}

/**
 * A literate file read and its front matter checked against its schema: the one way treaty and
 * vocabulary files are read (bounds, literate split, YAML, schema errors each at its key).
 */
function readLiterateFile<S extends z.ZodType>(
  text: string,
  file: string,
  read: (text: string, file: string) => TreatySource,
  schema: S,
  shape: string,
): { lit: TreatySource; yaml: YamlSource; data: z.output<S> } {
  checkSourceBounds(text, file);
  const lit = read(text, file);
  const yaml = readYaml(lit.frontMatter, file, 'treaty.front-matter', lit.frontMatterLine);
  const parsed = schema.safeParse(yaml.value);
  if (!parsed.success) throw frontMatterErrors(parsed.error, yaml, shape);
  return { lit, yaml, data: parsed.data };
}

/** The bounds every literate file is held to before it is parsed: its size and the length of its lines. */
function checkSourceBounds(text: string, file: string): void {
  if (text.length > MAX_TREATY_BYTES) {
    throw new CasusError(
      'treaty.too-large',
      `a treaty file is at most ${bytesText(MAX_TREATY_BYTES)}; this one is ${bytesText(text.length)}`,
      {
        file,
        line: 1,
        column: 1,
      },
    );
  }
  let lineNo = 1;
  for (let start = 0; start <= text.length; lineNo++) {
    const end = text.indexOf('\n', start);
    const stop = end < 0 ? text.length : end;
    if (stop - start > MAX_LINE_LENGTH) {
      throw new CasusError(
        'treaty.too-large',
        `a line of a treaty file is at most ${countText(MAX_LINE_LENGTH)} characters; this one is ${countText(stop - start)}: break it`,
        { file, line: lineNo, column: 1 },
      );
    }
    if (end < 0) break;
    start = end + 1;
  }
}

const VocabularyFrontMatter = z.object({ vocabulary: slug, title: z.string(), sources: z.record(z.string(), z.string()) }).strict();

/** A vocabulary file (`*.vocabulary.md`): event types and classes the whole library may use, each with its text and source. */
export interface VocabularyFile {
  name: string;
  title: string;
  file: string;
  declarations: Array<EventTypeDef | EventClassDef>;
}

/**
 * Loads a literate vocabulary file: front matter (vocabulary, title, sources), then headings
 * whose ```casus blocks declare event types (`event …`) and classes (`class …`) and nothing else.
 */
export function loadVocabulary(
  text: string,
  file: string,
  read: (text: string, file: string) => TreatySource = readLiterate,
): VocabularyFile {
  const { lit, data } = readLiterateFile(
    text,
    file,
    read,
    VocabularyFrontMatter,
    'the front matter of a vocabulary file is a YAML mapping with vocabulary, title and sources',
  );
  const errors: CasusError[] = [];
  const declarations: VocabularyFile['declarations'] = [];
  for (const p of lit.provisions) {
    for (const item of p.items) {
      if (item.kind === 'event-type' || item.kind === 'event-class') declarations.push(item);
      else
        errors.push(
          new CasusError(
            'treaty.invalid',
            'a vocabulary file declares event types (`event`) and classes (`class`) only: norms, conditions and sets belong in a treaty',
            item.span,
          ),
        );
    }
  }
  if (errors.length > 0) throw new CasusErrors(errors);
  return { name: data.vocabulary, title: data.title, file, declarations };
}

/**
 * Loads one literate treaty file: front matter (metadata, recorded lifecycle with
 * sources), provisions and their rule blocks. Cross-treaty references are checked
 * later, once the whole corpus is loaded (checkCorpus).
 */
export function loadTreaty(
  text: string,
  file: string,
  states: StateRegistry,
  read: (text: string, file: string) => TreatySource = readLiterate,
): Treaty {
  const {
    lit,
    yaml,
    data: fm,
  } = readLiterateFile(
    text,
    file,
    read,
    FrontMatter,
    'the front matter is a YAML mapping with treaty, title, parties, sources and lifecycle (see docs/language.md)',
  );
  const errors: CasusError[] = [];
  const parties = fm.parties.map((p, i) => {
    try {
      return states.resolve(p, yaml.locate(['parties', i]), 'treaty.unknown-state', `parties.${i}`);
    } catch (e) {
      errors.push(e as CasusError);
      return String(p);
    }
  });
  if (new Set(parties).size !== parties.length) {
    errors.push(new CasusError('treaty.front-matter', 'a party is listed twice: each party once', yaml.locate(['parties']), 'parties'));
  }
  const lifecycle: Event[] = [];
  fm.lifecycle.forEach((entry, i) => {
    const span = yaml.locate(['lifecycle', i]);
    const problem = dateProblem(entry.date);
    if (problem) {
      errors.push(new CasusError('treaty.front-matter', problem, yaml.locate(['lifecycle', i, 'date']), `lifecycle.${i}.date`));
      return;
    }
    const spec = EVENT_TYPES[entry.type];
    if (!spec || !LIFECYCLE_TYPES.includes(entry.type)) {
      errors.push(
        new CasusError(
          'treaty.front-matter',
          `"${entry.type}" is not a lifecycle event: use ${LIFECYCLE_TYPES.join(', ')}`,
          yaml.locate(['lifecycle', i, 'type']),
          `lifecycle.${i}.type`,
        ),
      );
      return;
    }
    const fields: Record<string, FieldValue> = { treaty: fm.treaty };
    if (entry.by !== undefined) {
      try {
        fields.by = states.resolve(entry.by, yaml.locate(['lifecycle', i, 'by']), 'treaty.unknown-state', `lifecycle.${i}.by`);
      } catch (e) {
        errors.push(e as CasusError);
      }
    }
    if (entry.until !== undefined) {
      const untilProblem = entry.type === 'extension' ? dateProblem(entry.until) : 'only an extension has `until`';
      if (untilProblem) {
        errors.push(new CasusError('treaty.front-matter', untilProblem, yaml.locate(['lifecycle', i, 'until']), `lifecycle.${i}.until`));
      } else fields.until = entry.until;
    }
    for (const [key, fs] of Object.entries(spec)) {
      if (fs.required && key !== 'treaty' && entry[key as 'by' | 'until'] === undefined) {
        errors.push(
          new CasusError('treaty.front-matter', `${eventTypeWithArticle(entry.type)} needs \`${key}\``, span, `lifecycle.${i}.${key}`),
        );
      }
    }
    lifecycle.push({ seq: i, date: parseDate(entry.date), type: entry.type, fields, span, source: entry.source });
  });

  const treaty: Treaty = {
    slug: fm.treaty,
    title: fm.title,
    file,
    parties,
    lifecycle,
    terms: { kind: 'lifecycle', span: { file, line: 1, column: 1 } },
    provisions: new Map(),
    norms: [],
    conditions: new Map(),
    sets: new Map(),
    declarations: [],
    sources: fm.sources,
    interpretations: fm.interpretations,
  };
  let terms: LifecycleDef | undefined;
  for (const p of lit.provisions) {
    const id = `${fm.treaty}/${p.id}`;
    if (treaty.provisions.has(id)) {
      errors.push(new CasusError('treaty.duplicate', `provision ${p.id} is defined twice`, { file, line: p.line, column: 1 }));
      continue;
    }
    treaty.provisions.set(id, {
      id,
      treaty: fm.treaty,
      heading: p.heading,
      text: p.text,
      notes: p.notes,
      span: { file, line: p.line, column: 1 },
    });
    for (const item of p.items) {
      if (item.kind === 'event-type' || item.kind === 'event-class') {
        treaty.declarations.push(item);
        continue;
      }
      const taken = (name: string) => treaty.norms.some((n) => n.def.name === name) || treaty.conditions.has(name) || treaty.sets.has(name);
      if (item.kind !== 'lifecycle' && taken(item.name)) {
        errors.push(new CasusError('treaty.duplicate', `"${item.name}" is defined twice in ${fm.treaty}`, item.span));
        continue;
      }
      if (item.kind === 'norm') treaty.norms.push({ id: `${fm.treaty}/${item.name}`, treaty: fm.treaty, provision: id, def: item });
      else if (item.kind === 'condition')
        treaty.conditions.set(item.name, { id: `${fm.treaty}/${item.name}`, treaty: fm.treaty, provision: id, def: item });
      else if (item.kind === 'set')
        treaty.sets.set(item.name, { id: `${fm.treaty}/${item.name}`, treaty: fm.treaty, provision: id, value: item.value });
      else if (terms) errors.push(new CasusError('treaty.duplicate', 'a treaty has one lifecycle block', item.span));
      else terms = item;
    }
  }
  // An interpretation may name the conditions that carry its reading: each must exist.
  fm.interpretations.forEach((interp, i) => {
    (interp.conditions ?? []).forEach((name, j) => {
      if (!treaty.conditions.has(name)) {
        errors.push(
          new CasusError(
            'treaty.unknown-reference',
            `interpretation ${interp.id} names condition "${name}", which ${fm.treaty} does not define`,
            yaml.locate(['interpretations', i, 'conditions', j]),
            `interpretations.${i}.conditions.${j}`,
          ),
        );
      }
    });
  });
  if (terms) treaty.terms = terms;
  else
    errors.push(
      new CasusError('treaty.invalid', 'the treaty has no `lifecycle { ... }` block: say how it enters into force', {
        file,
        line: 1,
        column: 1,
      }),
    );
  if (errors.length > 0) throw new CasusErrors(errors);
  return treaty;
}
