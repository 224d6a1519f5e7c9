import { YEARS } from './input-ranges.js';
import { F, T, type Tri, U } from './tri.js';

/**
 * A date with the precision the sources give (`1936-03-27`, `1936-02`, `1936`),
 * held as the half-open interval of day numbers [lo, hi) it may denote.
 */
export interface PartialDate {
  /** The text as written, normalised (`1936-02`). */
  text: string;
  /** First day the date may denote, in days since 1970-01-01. */
  lo: number;
  /** Day after the last day it may denote. */
  hi: number;
}

const DAY_MS = 86_400_000;
const PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

function dayNumber(year: number, month: number, day: number): number {
  // Date.UTC reads years 0-99 as 1900-1999; setUTCFullYear does not.
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return Math.floor(d.getTime() / DAY_MS);
}

/** Why a text is not a date, or undefined if it is one. */
export function dateProblem(text: string): string | undefined {
  const m = PATTERN.exec(text);
  if (!m) return `"${text}" is not an ISO date: write YYYY-MM-DD, YYYY-MM or YYYY`;
  // The same years as a year given as a number (input-ranges.ts), on every edge.
  const year = Number(m[1]);
  if (year < YEARS.min) return `"${text}" is before the year ${YEARS.min}: casus takes years ${YEARS.min} to ${YEARS.max}`;
  const month = m[2] === undefined ? 1 : Number(m[2]);
  if (month < 1 || month > 12) return `"${text}" has no month ${m[2]}`;
  if (m[3] !== undefined) {
    const day = Number(m[3]);
    const last = new Date(dayNumber(Number(m[1]), month + 1, 0) * DAY_MS).getUTCDate();
    if (day < 1 || day > last) return `"${text}" does not exist: that month has ${last} days`;
  }
  return undefined;
}

/** Parses an ISO date of any precision; throws on an impossible one (check with dateProblem first). */
export function parseDate(text: string): PartialDate {
  const problem = dateProblem(text);
  if (problem) throw new RangeError(problem);
  const [y, m, d] = text.split('-').map(Number) as [number, number?, number?];
  if (m === undefined) return { text, lo: dayNumber(y, 1, 1), hi: dayNumber(y + 1, 1, 1) };
  if (d === undefined) return { text, lo: dayNumber(y, m, 1), hi: dayNumber(y, m + 1, 1) };
  const lo = dayNumber(y, m, d);
  return { text, lo, hi: lo + 1 };
}

const dayTexts = new Map<number, string>();

/** The exact day with the given day number. */
export function fromDayNumber(day: number): PartialDate {
  let text = dayTexts.get(day);
  if (text === undefined) {
    text = new Date(day * DAY_MS).toISOString().slice(0, 10);
    dayTexts.set(day, text);
  }
  return { text, lo: day, hi: day + 1 };
}

/** `a` lies wholly before `b`: true, false, or unknown where the intervals overlap. */
export function before(a: PartialDate, b: PartialDate): Tri {
  if (a.hi <= b.lo) return T;
  if (a.lo >= b.hi - 1) return F;
  return U;
}

/** `a` on or before `b` (every day of a is at most every day of b). */
export function onOrBefore(a: PartialDate, b: PartialDate): Tri {
  if (a.hi - 1 <= b.lo) return T;
  if (a.lo > b.hi - 1) return F;
  return U;
}

/** `a` lies wholly after `b`. */
export function after(a: PartialDate, b: PartialDate): Tri {
  return before(b, a);
}

/** `a` on or after `b`. */
export function onOrAfter(a: PartialDate, b: PartialDate): Tri {
  return onOrBefore(b, a);
}

/**
 * The same date shifted by a number of days, months or years. Calendar arithmetic: a day
 * past the end of the target month is clamped to it (29 February + 1 year = 28 February),
 * and a month or a year stays a month or a year (`1936-02` + 1 year = `1937-02`).
 */
export function addDuration(d: PartialDate, amount: number, unit: 'day' | 'month' | 'year'): PartialDate {
  if (unit !== 'day' && d.text.length < 10 && PATTERN.test(d.text)) {
    const [y, m] = d.text.split('-').map(Number) as [number, number?];
    const months = (unit === 'month' ? amount : amount * 12) + (y * 12 + (m ?? 1) - 1);
    const year = Math.floor(months / 12);
    // A year beyond those a date may name (a term running past 9999) is worked out on day numbers below.
    if (year >= YEARS.min && year <= YEARS.max) {
      if (m === undefined && unit === 'year') return parseDate(String(year));
      if (m !== undefined) return parseDate(`${String(year)}-${String((months % 12) + 1).padStart(2, '0')}`);
    }
  }
  const shift = (day: number): number => {
    if (unit === 'day') return day + amount;
    const dt = new Date(day * DAY_MS);
    const total = dt.getUTCFullYear() * 12 + dt.getUTCMonth() + (unit === 'month' ? amount : amount * 12);
    const year = Math.floor(total / 12);
    const month = total % 12;
    const last = new Date(dayNumber(year, month + 2, 0) * DAY_MS).getUTCDate();
    return dayNumber(year, month + 1, Math.min(dt.getUTCDate(), last));
  };
  const lo = shift(d.lo);
  const hi = shift(d.hi - 1) + 1;
  const text = hi - lo === 1 ? fromDayNumber(lo).text : `${fromDayNumber(lo).text}/${fromDayNumber(hi - 1).text}`;
  return { text, lo, hi };
}

/** Orders dates by their first possible day, then by precision (exact first). */
export function compareDates(a: PartialDate, b: PartialDate): number {
  return a.lo - b.lo || a.hi - b.hi;
}
