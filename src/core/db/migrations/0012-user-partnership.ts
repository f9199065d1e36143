import type { Kysely } from 'kysely';

/**
 * An account may be kept to one partnership (`partnership_id`): its reviewer then signs off only activities linked to
 * that partnership's plans, and its review queue lists only those. Null (every account before this migration): every
 * partnership. Removing the partnership leaves the account unrestricted rather than removed.
 */

// Kysely's migration interface takes a database of unknown shape.
type AnyDb = Kysely<unknown>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('partnership_id', 'text', (c) => c.references('partnerships.id').onDelete('set null'))
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('users').dropColumn('partnership_id').execute();
}
