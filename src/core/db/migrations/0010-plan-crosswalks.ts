import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Crosswalks between successive plans of a partnership: each entry maps a node of the old plan to a node of the
 * new one, or to nothing (`to_node_id` null: the old node is dropped), with a note. One entry per (old node, new
 * node); at most one "dropped" entry per old node (that it is not both dropped and mapped is the service's rule,
 * checked in the writing transaction). Its changes reach the public comparison, so the table sends change notices
 * like those of 0008 (ADR 0014). Same portable types as 0001.
 */

// Kysely's migration interface takes a database of unknown shape.
type AnyDb = Kysely<unknown>;

/** The tables of records this migration adds, whose changes reach public answers (see 0008). */
export const CHANGE_TRACKED_TABLES = ['plan_crosswalk_entries'] as const;

function isPostgres(db: AnyDb): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('plan_crosswalk_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('from_plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('to_plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('from_node_id', 'text', (c) => c.notNull().references('framework_nodes.id'))
    .addColumn('to_node_id', 'text', (c) => c.references('framework_nodes.id'))
    .addColumn('note', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('plan_crosswalk_entries_pair_uq', ['from_node_id', 'to_node_id'])
    .addCheckConstraint('plan_crosswalk_entries_plans_ck', sql`from_plan_id <> to_plan_id`)
    .execute();
  await db.schema
    .createIndex('plan_crosswalk_entries_dropped_uq')
    .on('plan_crosswalk_entries')
    .column('from_node_id')
    .unique()
    .where(sql.ref('to_node_id'), 'is', null)
    .execute();
  await db.schema
    .createIndex('plan_crosswalk_entries_plans_ix')
    .on('plan_crosswalk_entries')
    .columns(['from_plan_id', 'to_plan_id'])
    .execute();
  await db.schema
    .createIndex('plan_crosswalk_entries_to_node_ix')
    .on('plan_crosswalk_entries')
    .column('to_node_id')
    .execute();

  for (const t of CHANGE_TRACKED_TABLES) {
    if (isPostgres(db)) {
      await sql`create trigger ${sql.raw(`${t}_change_notice`)} after insert or update or delete or truncate on ${sql.table(t)}
        for each statement execute function actionline_notify_change()`.execute(db);
    } else {
      for (const event of ['insert', 'update', 'delete']) {
        await sql`create trigger ${sql.raw(`${t}_change_${event}`)} after ${sql.raw(event)} on ${sql.table(t)}
          begin update data_generation set generation = generation + 1 where id = 1; end`.execute(db);
      }
    }
  }
}

export async function down(db: AnyDb): Promise<void> {
  // The triggers go with the table on both databases.
  await db.schema.dropTable('plan_crosswalk_entries').ifExists().execute();
}
