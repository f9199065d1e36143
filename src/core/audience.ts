import { sql, type RawBuilder } from 'kysely';
import { CREATED_BY_ME } from '../shared/schemas/activity-query.schema';
import type { FieldIssue } from './errors';

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

/** Whether an activity row read already is visible to the audience (the same rule as activityVisible). */
export const activityRowVisible = (
  row: { deleted_at: string | null; workflow_state: string },
  audience: Audience,
): boolean => row.deleted_at === null && (audience === 'staff' || row.workflow_state === 'published');

/**
 * SQL condition on a `plans` row aliased `alias`: visible to the audience. A plan in `draft` is being prepared (or
 * loaded from a file before it is adopted): only signed-in staff see it, its framework and the links into it
 * (ADR 0018).
 */
export function planVisible(alias: string, audience: Audience): RawBuilder<boolean> {
  if (audience === 'staff') return sql<boolean>`1 = 1`;
  return sql<boolean>`${sql.ref(`${alias}.status`)} <> 'draft'`;
}

/** Whether a plan with this status is visible to the audience (the same rule as planVisible). */
export const planStatusVisible = (status: string, audience: Audience): boolean =>
  audience === 'staff' || status !== 'draft';

/**
 * Issues with the activity list filters only staff may use. The public may ask for published
 * activities alone (so it never learns that others exist) and may not filter by creator; `me`
 * needs a signed-in person (`userId`).
 */
export function staffFilterIssues(
  q: { workflowState?: readonly string[] | undefined; createdBy?: string | undefined },
  audience: Audience,
  userId: string | null,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (audience !== 'staff' && q.workflowState?.some((s) => s !== 'published')) {
    issues.push({
      name: 'workflowState',
      reason: 'Only published activities are listed without signing in; sign in to filter on other workflow states.',
    });
  }
  if (q.createdBy === CREATED_BY_ME && !userId) {
    issues.push({ name: 'createdBy', reason: 'Sign in to list the activities you created (createdBy=me).' });
  } else if (q.createdBy !== undefined && audience !== 'staff') {
    issues.push({ name: 'createdBy', reason: 'Sign in to filter activities by who created them.' });
  }
  return issues;
}
