import type { PlanSummary } from '../../shared/api-types';

type Succession = Pick<PlanSummary, 'id' | 'slug' | 'partnership' | 'periodStart' | 'periodEnd'>;

/** Earlier periods first; plans that start together by their end, then by slug. */
function byPeriod(a: Succession, b: Succession): number {
  return a.periodStart - b.periodStart || a.periodEnd - b.periodEnd || a.slug.localeCompare(b.slug);
}

/**
 * The plans of the same partnership just before and just after `current`, in the order of their
 * periods: the ones a comparison along the crosswalk is offered with.
 */
export function planNeighbours<T extends Succession>(
  plans: readonly T[],
  current: Succession,
): { previous: T | null; next: T | null } {
  const line = plans.filter((p) => p.partnership.id === current.partnership.id).sort(byPeriod);
  const at = line.findIndex((p) => p.id === current.id);
  if (at < 0) return { previous: null, next: null };
  return { previous: line[at - 1] ?? null, next: line[at + 1] ?? null };
}
