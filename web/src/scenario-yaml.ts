import { isMap, isSeq, parseDocument, type YAMLMap } from 'yaml';

/** An event as the builder's form makes it: date, type, then its fields. */
export type FormEvent = { date: string; type: string } & Record<string, string | string[] | boolean>;

/** A new scenario's text: what the builder opens with. */
export const NEW_SCENARIO = `id: my-scenario
title: A crisis of my own
# at: 1937-04-01   # the instant the report describes; default: the last event's date
# events: add them with the form, or write them here, one per line
events: []
`;

/**
 * Adds an event to a scenario's YAML text, as one flow-style line at the end of `events`, keeping
 * the rest of the text (comments included) as it was written. Throws if the text is not YAML.
 */
export function addEvent(text: string, event: FormEvent): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new Error(`fix the YAML first: ${doc.errors[0]?.message ?? ''}`);
  if (doc.contents === null) doc.contents = doc.createNode({}) as unknown as typeof doc.contents;
  if (!isMap(doc.contents)) throw new Error('a scenario file is a mapping (id:, title:, events:)');
  let events = doc.get('events', true);
  if (!isSeq(events)) {
    events = doc.createNode([]);
    doc.set('events', events);
  }
  if (!isSeq(events)) throw new Error('`events` is a list');
  events.flow = false;
  const node = doc.createNode(event) as YAMLMap;
  node.flow = true;
  events.items.push(node);
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** The event as it will read in the file: `{date: 1937-03-01, type: approval, by: UKG}`. */
export function eventLine(event: FormEvent): string {
  return addEvent('events:\n', event)
    .replace(/^events:\n\s*- /, '')
    .trim();
}

/**
 * A variant of a scenario: its text with more events at the end of `events`, its `at` set (or
 * removed, with undefined), and its `expect` block left out (a changed timeline is not the test
 * the file was written for). The rest of the text stays as written.
 */
export function variant(text: string, events: readonly FormEvent[], at: string | undefined): string {
  let out = text;
  for (const e of events) out = addEvent(out, e);
  const doc = parseDocument(out);
  if (!isMap(doc.contents)) throw new Error('a scenario file is a mapping (id:, title:, events:)');
  doc.delete('expect');
  if (at === undefined) doc.delete('at');
  else doc.set('at', at);
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** The events of a scenario's text, as plain values (dates as written); [] if it is not readable. */
export function eventsOf(text: string): FormEvent[] {
  const doc = parseDocument(text);
  const events = doc.errors.length === 0 ? (doc.toJS() as { events?: unknown })?.events : undefined;
  return Array.isArray(events) ? (events.filter((e) => e && typeof e === 'object') as FormEvent[]) : [];
}
