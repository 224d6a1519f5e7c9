import type { Event } from '../base/event.js';
import { fromDayNumber, type PartialDate } from '../base/partial-date.js';
import type { Corpus, Treaty } from '../corpus/treaty.js';
import type { BindingOptions } from './binding.js';
import { InstanceEngine } from './instances.js';
import type { NormInstance, Report, TreatyReport } from './report.js';
import { indexTimeline } from './timeline-index.js';
import { statusAt, type TreatyLife, treatyLife } from './treaty-status.js';

/** A timeline to evaluate: a scenario's id and its events, sorted by date. */
export interface Timeline {
  id: string;
  title?: string;
  events: readonly Event[];
}

/** Options of `evaluate`. */
export interface EvaluateOptions extends BindingOptions {
  /** Build an explanation tree for every instance (default true); off, evaluation is cheaper. */
  explain?: boolean;
}

/** Every treaty's life under a timeline's events, in slug order. */
export function treatyLives(corpus: Corpus, events: readonly Event[]): Map<string, TreatyLife> {
  const lives = new Map<string, TreatyLife>();
  for (const t of [...corpus.treaties.values()].sort((a, b) => (a.slug < b.slug ? -1 : 1))) lives.set(t.slug, treatyLife(t, events));
  return lives;
}

/**
 * The engine: given the corpus, a timeline and an instant, which treaties are in force
 * and, for every norm the events touched, who owes what to whom, since when and why.
 * Pure and deterministic: same input, same report.
 */
export function evaluate(corpus: Corpus, timeline: Timeline, asked: PartialDate, options: EvaluateOptions = {}): Report {
  const explain = options.explain ?? true;
  // A partial instant (`1936`, `1937-03`) describes the situation at the end of the
  // period: everything that happened in it has happened. The report keeps the words asked.
  const at = asked.hi - asked.lo === 1 ? asked : { ...fromDayNumber(asked.hi - 1), text: asked.text };
  const index = indexTimeline(corpus, timeline.events);
  const lives = treatyLives(corpus, timeline.events);
  const engine = new InstanceEngine(corpus, index, lives, options);
  const norms: NormInstance[] = [];
  for (const treaty of lives.keys()) {
    const t = corpus.treaties.get(treaty) as Treaty;
    for (const norm of t.norms) {
      for (const c of engine.candidates(norm, at)) norms.push(engine.report(c, at, explain));
    }
  }
  const named = new Set(norms.map((n) => n.norm.split('/')[0] as string));
  const mentioned = new Set(timeline.events.map((e) => e.fields.treaty).filter((x): x is string => typeof x === 'string'));
  const treaties: TreatyReport[] = [];
  for (const [slug, life] of lives) {
    // Contract §4 lists every treaty "touched by the events or named by a norm". The acceptance
    // cases read "touched" widely (a treaty signed by the instant is asked about with no event
    // of its own: seed-03), so every treaty signed by then is listed.
    const first = life.history[0];
    const started = first !== undefined && first.at.lo <= at.lo;
    if (!started && !named.has(slug) && !mentioned.has(slug)) continue;
    const s = statusAt(life, at);
    treaties.push({
      treaty: slug,
      title: life.treaty.title,
      status: s.status,
      ...(s.since ? { since: s.since.text } : {}),
      // The history as of the instant: what had surely happened by then.
      history: life.history.filter((h) => h.at.hi - 1 <= at.lo).map(({ at: _at, ...h }) => h),
    });
  }
  return { scenario: timeline.id, ...(timeline.title ? { title: timeline.title } : {}), at: at.text, treaties, norms };
}
