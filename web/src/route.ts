/** A view of the app and what it shows: every view has a URL that can be shared. */
export type Route =
  | { view: 'library' }
  | { view: 'web'; at: string; large: boolean; state?: string; rejected?: string }
  | { view: 'treaty'; slug: string; provision?: string }
  | { view: 'builder'; scenario?: number; library?: string }
  | { view: 'report'; run?: number; norm?: string }
  | { view: 'cascade'; run: number }
  | { view: 'vetoes'; run?: number; norm?: string; holder?: string; beneficiary?: string }
  | { view: 'timeline'; run?: number; treaty?: string }
  | { view: 'conflicts'; treaties: string[]; from?: string; to?: string; all: boolean };

/**
 * The first and last day of the treaty web's slider: the years of the loaded library (GET
 * /api/span), set once by main.tsx before the app renders; the shipped corpus's until then.
 */
export let FIRST_DAY = '1902-01-01';
export let LAST_DAY = '1949-12-31';
/** The most years one dyad-year download may hold (the API's bound). */
export let SWEEP_YEARS = 51;

/** The years of the loaded library, as GET /api/span gives them; a malformed answer changes nothing. */
export function setSpan(span: { firstDay?: unknown; lastDay?: unknown; sweepYears?: unknown }): void {
  if (typeof span.sweepYears === 'number' && Number.isInteger(span.sweepYears) && span.sweepYears > 0) SWEEP_YEARS = span.sweepYears;
  const ok = (d: unknown): d is string => typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d);
  if (ok(span.firstDay) && ok(span.lastDay) && span.firstDay <= span.lastDay) {
    FIRST_DAY = span.firstDay;
    LAST_DAY = span.lastDay;
  }
}
/** The day the web opens on: the Franco-Soviet treaty's entry into force. */
export const DEFAULT_DAY = '1936-03-27';

/** DEFAULT_DAY, or for a library whose years do not hold it, the middle day of its years. */
export function defaultDay(): string {
  return isDay(DEFAULT_DAY) ? DEFAULT_DAY : dayAt(Math.floor(dayIndex(LAST_DAY) / 2));
}

const MS_PER_DAY = 86_400_000;

/** Whether a text is a real day between FIRST_DAY and LAST_DAY. */
export function isDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text && text >= FIRST_DAY && text <= LAST_DAY;
}

/** Days since FIRST_DAY. */
export function dayIndex(day: string): number {
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${FIRST_DAY}T00:00:00Z`)) / MS_PER_DAY);
}

/** The day `index` days after FIRST_DAY. */
export function dayAt(index: number): string {
  return new Date(Date.parse(`${FIRST_DAY}T00:00:00Z`) + index * MS_PER_DAY).toISOString().slice(0, 10);
}

/** A day moved by some months (the day of the month kept where it exists), kept within the slider. */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const out = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
  return out < FIRST_DAY ? FIRST_DAY : out > LAST_DAY ? LAST_DAY : out;
}

/** "27 March 1936". */
export function longDate(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return day;
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** A date of any precision in words: "27 March 1936", "March 1936", "1936". */
export function dateWords(date: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) return longDate(date);
  const m = /^(\d{4})-(\d{2})$/.exec(date);
  if (m) {
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
    return d.toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  }
  return date;
}

/** A span of dates in words, said once when both ends are the same: "7 March 1936 – 19 March 1936". */
export function spanWords(from: string | undefined, to: string | undefined): string {
  if (!from && !to) return '';
  if (!from || !to || from === to) return dateWords((from ?? to) as string);
  return `${dateWords(from)} – ${dateWords(to)}`;
}

/** Reads a location hash (`#/web?at=1936-03-27`) as a route; anything unknown is the treaty web. */
export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const q = new URLSearchParams(query);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const number = (s: string | null) => (s && /^\d+$/.test(s) ? Number(s) : undefined);
  switch (parts[0]) {
    case 'treaty':
      if (parts[1]) {
        const provision = q.get('provision');
        return { view: 'treaty', slug: parts[1], ...(provision ? { provision } : {}) };
      }
      break;
    case 'builder': {
      const scenario = number(q.get('scenario'));
      const library = q.get('library');
      if (scenario !== undefined) return { view: 'builder', scenario };
      return { view: 'builder', ...(library ? { library } : {}) };
    }
    case 'conflicts': {
      const from = q.get('from');
      const to = q.get('to');
      return {
        view: 'conflicts',
        treaties: (q.get('treaties') ?? '').split(',').filter(Boolean),
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        all: q.get('all') === '1',
      };
    }
    case 'timeline': {
      const run = number(q.get('run'));
      const treaty = q.get('treaty');
      if (run !== undefined) return { view: 'timeline', run };
      if (treaty) return { view: 'timeline', treaty };
      return { view: 'timeline', treaty: 'league-covenant' };
    }
    case 'cascade': {
      const run = number(q.get('run'));
      if (run !== undefined) return { view: 'cascade', run };
      return { view: 'report' };
    }
    case 'vetoes': {
      const run = number(q.get('run'));
      const out: Route = { view: 'vetoes', ...(run !== undefined ? { run } : {}) };
      for (const k of ['norm', 'holder', 'beneficiary'] as const) {
        const v = q.get(k);
        if (v) out[k] = v;
      }
      return out;
    }
    case 'report': {
      const run = number(q.get('run'));
      const norm = q.get('norm');
      return { view: 'report', ...(run !== undefined ? { run } : {}), ...(norm ? { norm } : {}) };
    }
  }
  // The home page (no hash, `#/`, `#/library`) is the crisis library, with the founding case first.
  if (parts[0] === undefined || parts[0] === 'library') return { view: 'library' };
  const at = q.get('at') ?? '';
  const state = q.get('state');
  return {
    view: 'web',
    at: isDay(at) ? at : defaultDay(),
    large: q.get('large') === '1',
    ...(state && /^[A-Z]{2,3}$/.test(state) ? { state } : {}),
    // A day asked for but not on the slider: the view says so, rather than silently showing another.
    ...(at !== '' && !isDay(at) ? { rejected: at } : {}),
  };
}

/** The hash of a route, the inverse of parseRoute. */
export function href(route: Route): string {
  const query = (entries: Array<[string, string | number | undefined]>) => {
    const q = new URLSearchParams();
    for (const [k, v] of entries) if (v !== undefined) q.set(k, String(v));
    const s = q.toString().replaceAll('%2F', '/').replaceAll('%2C', ',');
    return s ? `?${s}` : '';
  };
  switch (route.view) {
    case 'library':
      return '#/library';
    case 'web':
      return `#/web${query([
        ['at', route.at],
        ['large', route.large ? 1 : undefined],
        ['state', route.state],
      ])}`;
    case 'treaty':
      return `#/treaty/${encodeURIComponent(route.slug)}${query([['provision', route.provision]])}`;
    case 'builder':
      return `#/builder${query([
        ['scenario', route.scenario],
        ['library', route.library],
      ])}`;
    case 'cascade':
      return `#/cascade${query([['run', route.run]])}`;
    case 'timeline':
      return `#/timeline${query([
        ['run', route.run],
        ['treaty', route.treaty],
      ])}`;
    case 'conflicts':
      return `#/conflicts${query([
        ['treaties', route.treaties.length > 0 ? route.treaties.join(',') : undefined],
        ['from', route.from],
        ['to', route.to],
        ['all', route.all ? 1 : undefined],
      ])}`;
    case 'vetoes':
      return `#/vetoes${query([
        ['run', route.run],
        ['norm', route.norm],
        ['holder', route.holder],
        ['beneficiary', route.beneficiary],
      ])}`;
    case 'report':
      return `#/report${query([
        ['run', route.run],
        ['norm', route.norm],
      ])}`;
  }
}
