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
