import type { Kysely } from 'kysely';

/**
 * Coverage snapshots: a plan's coverage frozen as computed on a day, kept whole as JSON text (the
 * `PlanCoverage` read model), with the headline figures in columns for lists. Snapshots are never
 * edited; an administrator may withdraw one (`deleted_at`). Same portable types as 0001.
 */

// Kysely's migration interface takes a database of unknown shape.
type AnyDb = Kysely<unknown>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('coverage_snapshots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('as_of', 'text', (c) => c.notNull())
    .addColumn('addressed_share', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('addressed', 'integer', (c) => c.notNull())
    .addColumn('launched', 'integer', (c) => c.notNull())
    .addColumn('not_started', 'integer', (c) => c.notNull())
    .addColumn('leaves', 'integer', (c) => c.notNull())
    .addColumn('activity_count', 'integer', (c) => c.notNull())
    .addColumn('gap_count', 'integer', (c) => c.notNull())
    .addColumn('coverage', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('deleted_at', 'text')
    .addColumn('deleted_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('coverage_snapshots_plan_idx')
    .on('coverage_snapshots')
    .columns(['plan_id', 'as_of'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('coverage_snapshots').ifExists().execute();
}
