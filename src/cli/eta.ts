/**
 * A time-left estimate for the progress bars that does not jump about.
 *
 * cli-progress estimates from its last ten updates, counted from the bar's start, so the time
 * spent loading the corpus and starting workers before the first run made the first estimates
 * absurd ("1h25m left" at run 1 of 20,000), and every uneven run moved it. This estimator is a
 * pure function of (done, time) pairs, so a test can feed it synthetic clocks:
 * - the clock starts at the first reported progress, not at the start: set-up costs are not
 *   taken for work;
 * - it says "estimating time left" until it has seen at least `warmUpMs` of work and `warmUpItems` items;
 * - the rate is the overall rate since the first report, smoothed towards recent rates with a
 *   time constant of `tauMs` (20 s; an exponential moving average weighted by elapsed time): a
 *   2 s stall moves the estimate by about a tenth, a lasting change of pace is followed within
 *   about a minute;
 * - the text is rounded (5 s under a minute, 10 s under ten minutes, whole minutes above).
 */
export interface EtaOptions {
  warmUpMs?: number;
  warmUpItems?: number;
  tauMs?: number;
}

export class EtaEstimator {
  private readonly total: number;
  private readonly warmUpMs: number;
  private readonly warmUpItems: number;
  private readonly tauMs: number;
  private first: { done: number; t: number } | undefined;
  private last: { done: number; t: number } | undefined;
  /** Items per millisecond, smoothed; undefined until warmed up. */
  private rate: number | undefined;

  constructor(total: number, options: EtaOptions = {}) {
    this.total = total;
    this.warmUpMs = options.warmUpMs ?? 2000;
    this.warmUpItems = options.warmUpItems ?? 2;
    this.tauMs = options.tauMs ?? 20_000;
  }

  /** Records that `done` items were finished by time `t` (milliseconds, any origin). */
  update(done: number, t: number): void {
    if (!this.first) {
      this.first = { done, t };
      this.last = { done, t };
      return;
    }
    const last = this.last as { done: number; t: number };
    if (t < last.t || done < last.done) return;
    const dt = t - last.t;
    const dn = done - last.done;
    this.last = { done, t };
    const span = t - this.first.t;
    const items = done - this.first.done;
    if (this.rate === undefined) {
      if (span >= this.warmUpMs && items >= this.warmUpItems) this.rate = items / span;
      return;
    }
    if (dt === 0) return;
    const alpha = 1 - Math.exp(-dt / this.tauMs);
    this.rate = (1 - alpha) * this.rate + alpha * (dn / dt);
  }

  /** Milliseconds left, or undefined while estimating. */
  remainingMs(): number | undefined {
    if (this.rate === undefined || !this.last) return undefined;
    const left = this.total - this.last.done;
    if (left <= 0) return 0;
    if (this.rate <= 0) return undefined;
    return left / this.rate;
  }

  /** "estimating time left", or the time left rounded: "45s left", "3m 20s left", "1h 25m left". */
  text(): string {
    const ms = this.remainingMs();
    return ms === undefined ? 'estimating time left' : `${durationText(ms)} left`;
  }
}

/** A duration, rounded so that it does not flicker: 5 s under a minute, 10 s under ten minutes, then minutes. */
export function durationText(ms: number): string {
  const s = ms / 1000;
  const five = Math.max(5, Math.ceil(s / 5) * 5);
  if (five < 60) return `${five}s`;
  if (s < 595) {
    const r = Math.max(60, Math.round(s / 10) * 10);
    return `${Math.floor(r / 60)}m ${String(r % 60).padStart(2, '0')}s`;
  }
  const m = Math.round(s / 60);
  return m < 60 ? `${m}m` : `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}
