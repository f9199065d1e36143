import { sql, type RawBuilder } from 'kysely';

/**
 * Who is reading. The public sees published activities only; signed-in staff (any role) also
 * see drafts and records under review. Deleted records (in the trash) are seen by neither.
 */
export type Audience = 'public' | 'staff';

/** SQL condition on an `activities` row aliased `alias`: visible to the audience. */
export function activityVisible(alias: string, audience: Audience): RawBuilder<boolean> {
  const deleted = sql.ref(`${alias}.deleted_at`);
  if (audience === 'staff') return sql<boolean>`${deleted} is null`;
  return sql<boolean>`(${deleted} is null and ${sql.ref(`${alias}.workflow_state`)} = 'published')`;
}
