/** Pure helpers for the change log. */

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** Field-by-field before/after of two states of a record (`before` null for a creation). */
export function diffFields<T extends object>(before: T | null, after: T): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of Object.keys(after) as (keyof T & string)[]) {
    const b = before ? before[field] : null;
    const a = after[field];
    if (JSON.stringify(b) !== JSON.stringify(a)) changes.push({ field, before: b ?? null, after: a });
  }
  return changes;
}

/** The kinds of record whose changes the history keeps. */
export type HistoryEntityType =
  'activity' | 'organisation' | 'plan' | 'framework_node' | 'user' | 'exchange_rate' | 'crosswalk_entry';

/** A record's state just before a change: its version, when that state was stored, and its full snapshot. */
export interface PriorState {
  version: number;
  at: string;
  snapshot: unknown;
}

/** The state a stored row is in, as its `snapshot` describes it: what a change to it starts from. */
export function priorState(row: { version: number; updated_at: string }, snapshot: unknown): PriorState {
  return { version: row.version, at: row.updated_at, snapshot };
}

/**
 * The entry recorded for a record that came in without history (seeded or imported) at its first
 * recorded change: the state it had before, with no author and no field changes, so that it can be
 * restored like any other version.
 */
export const BASELINE = { action: 'baseline', comment: 'State before the first recorded change.' } as const;
