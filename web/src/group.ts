import type { NormInstance } from './api';

/** Instances that say the same thing but for their holder, shown as one card. */
export interface InstanceGroup<T = NormInstance> {
  first: T;
  holders: string[];
}

/**
 * Groups instances that differ only by holder (every Member's Covenant Art. 16 duty toward the
 * same victim), in the report's order, so a report of 200 instances reads as a few dozen cards.
 * The explanation is left out of the comparison: it names the holder. Used for the vetoes view's
 * duties too, which have no explanation.
 */
export function groupByHolder<T extends { holder: string; explanation?: unknown }>(norms: readonly T[]): Array<InstanceGroup<T>> {
  const groups = new Map<string, InstanceGroup<T>>();
  for (const n of norms) {
    const { holder: _holder, explanation: _explanation, ...rest } = n;
    const key = JSON.stringify(rest);
    const g = groups.get(key);
    if (g) g.holders.push(n.holder);
    else groups.set(key, { first: n, holders: [n.holder] });
  }
  return [...groups.values()];
}

/** The status filters of the report view, in reading order. */
export const STATUS_FILTERS = ['all', 'due', 'pending', 'breached', 'fulfilled', 'other'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

/** Whether an instance passes a status filter (`other`: void, not-triggered, discharged). */
export function passes(n: NormInstance, filter: StatusFilter): boolean {
  if (filter === 'all') return true;
  if (filter === 'other') return !['due', 'pending', 'breached', 'fulfilled'].includes(n.status);
  return n.status === filter;
}
