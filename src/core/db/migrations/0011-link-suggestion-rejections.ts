import type { Kysely } from 'kysely';

/**
 * Suggested links an officer turned down for an activity ("Not this one"), kept so that the node is not suggested for
 * that activity again, by anyone, until the rejection is withdrawn. One row per (activity, node); removing the
 * activity or the node removes its rejections. Not a record of the plan: not public, no history, no change notice.
 */

// Kysely's migration interface takes a database of unknown shape.
type AnyDb = Kysely<unknown>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('link_suggestion_rejections')
    .addColumn('activity_id', 'text', (c) => c.notNull().references('activities.id').onDelete('cascade'))
    .addColumn('node_id', 'text', (c) => c.notNull().references('framework_nodes.id').onDelete('cascade'))
    .addColumn('rejected_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('rejected_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('link_suggestion_rejections_pk', ['activity_id', 'node_id'])
    .execute();
  await db.schema
    .createIndex('link_suggestion_rejections_node_idx')
    .on('link_suggestion_rejections')
    .column('node_id')
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('link_suggestion_rejections').ifExists().execute();
}
