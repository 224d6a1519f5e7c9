import type { Event } from '../base/event.js';
import type { PartialDate } from '../base/partial-date.js';
import type { Corpus, Norm } from '../corpus/treaty.js';
import type { BindingOptions } from './binding.js';
import { treatyLives } from './evaluate.js';
import { InstanceEngine } from './instances.js';
import type { NormStatus } from './report.js';
import { indexTimeline, type TimelineIndex, withEvents } from './timeline-index.js';
import type { TreatyLife } from './treaty-status.js';

/**
 * The engine asked about hypothetical events: "if A attacked T on day d, what would each norm
 * owe?" — the question every sweep and network cascade asks millions of times. The answer is the
 * engine's own (the same candidates, walks and statuses as `evaluate` on a scenario of those
 * events), without rebuilding the corpus's index and treaty lives for each question: they are
 * computed once, with no scenario events (a hypothetical act is never a lifecycle step), and the
 * question's events are laid over them.
 */
export class Hypotheses {
  /** Every treaty's life as the corpus records it. */
  readonly lives: ReadonlyMap<string, TreatyLife>;
  /** The corpus's own timeline (its recorded lifecycle events). */
  readonly base: TimelineIndex;

  constructor(
    readonly corpus: Corpus,
    readonly options: BindingOptions = {},
  ) {
    this.lives = treatyLives(corpus, []);
    this.base = indexTimeline(corpus, []);
  }

  /** An engine over the corpus and these events. Lifecycle events (a denunciation) are not hypotheses: use `evaluate`. */
  engine(events: readonly Event[]): InstanceEngine {
    if (events.some((e) => typeof e.fields.treaty === 'string')) {
      throw new RangeError('Hypotheses: an event that changes a treaty’s life needs a scenario (evaluate)');
    }
    return new InstanceEngine(this.corpus, withEvents(this.base, events), this.lives, this.options);
  }

  /**
   * The status, on `at` (default: the trigger's day), of the instance of `norm` for this pair that
   * `trigger` creates, on a timeline of `events` (default: the trigger alone); undefined when the
   * trigger creates no such instance (its where-clause, the roles, or a holder bound against itself).
   */
  status(
    norm: Norm,
    holder: string,
    beneficiary: string,
    trigger: Event,
    events: readonly Event[] = [trigger],
    at: PartialDate = trigger.date,
    engine: InstanceEngine = this.engine(events),
  ): NormStatus | undefined {
    for (const c of engine.candidates(norm, at, 0, { holder, beneficiary })) {
      if (c.trigger === trigger) return engine.walk(c, at).status;
    }
    return undefined;
  }

  /** The status, on `at`, of a standing norm's instance for this pair, asked with an event that touches the pair. */
  standingStatus(
    norm: Norm,
    holder: string,
    beneficiary: string,
    touching: Event,
    at: PartialDate = touching.date,
  ): NormStatus | undefined {
    const engine = this.engine([touching]);
    for (const c of engine.candidates(norm, at, 0, { holder, beneficiary })) return engine.walk(c, at).status;
    return undefined;
  }
}
