import type { Event } from '../base/event.js';
import type { EventOut } from './report.js';

/** An event as the report writes it: date and type first, then its fields in a fixed order. */
export function eventOut(e: Event): EventOut {
  const out: EventOut = { date: e.date.text, type: e.type };
  for (const k of Object.keys(e.fields).sort()) {
    const v = e.fields[k];
    if (v !== undefined) out[k] = Array.isArray(v) ? [...v] : (v as string | boolean);
  }
  return out;
}
