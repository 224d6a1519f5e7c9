import type { EventOut } from '../engine/report.js';

/** What a generated scenario file holds: the contract's fields (shared/spec/scenarios.md §3). */
export interface ScenarioDraft {
  id: string;
  title: string;
  description?: string;
  at?: string;
  events: readonly EventOut[];
  expect?: ReadonlyArray<Record<string, unknown>>;
}

/** A scalar as YAML: plain when it reads back as the same string, quoted otherwise. */
function scalar(v: unknown): string {
  if (typeof v === 'boolean' || typeof v === 'number') return String(v);
  if (Array.isArray(v)) return `[${v.map(scalar).join(', ')}]`;
  if (v !== null && typeof v === 'object') return flow(v as Record<string, unknown>);
  const s = String(v);
  return /^[A-Za-z0-9][A-Za-z0-9_./-]*$/.test(s) && !/^(true|false|null|yes|no|on|off|unknown)$/i.test(s) ? s : JSON.stringify(s);
}

function flow(o: Record<string, unknown>): string {
  return `{ ${Object.entries(o)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${k === 'unprovoked' && v === 'unknown' ? 'unknown' : scalar(v)}`)
    .join(', ')} }`;
}

/** An event's fields in reading order: date, type, who acts, toward whom, then the rest. */
function ordered(e: EventOut): Record<string, unknown> {
  const first = ['date', 'type', 'by', 'against', 'to'];
  const out: Record<string, unknown> = {};
  for (const k of first) if (e[k] !== undefined) out[k] = e[k];
  for (const [k, v] of Object.entries(e)) if (!first.includes(k)) out[k] = v;
  return out;
}

/**
 * A runnable scenario file, in the house style of scenarios/: one flow mapping per event and
 * per expectation, so a person can read and edit it. `casus run` and `casus test` accept it.
 */
export function scenarioYaml(d: ScenarioDraft): string {
  const lines = [`id: ${scalar(d.id)}`, `title: ${JSON.stringify(d.title)}`];
  if (d.description) {
    lines.push('description: >');
    for (const para of d.description.split('\n')) lines.push(`  ${para}`);
  }
  if (d.at) lines.push(`at: ${d.at}`);
  lines.push('events:');
  for (const e of d.events) lines.push(`  - ${flow(ordered(e))}`);
  if (d.expect && d.expect.length > 0) {
    lines.push('expect:');
    for (const x of d.expect) lines.push(`  - ${flow(x)}`);
  }
  return `${lines.join('\n')}\n`;
}
