import type { Kysely } from 'kysely';

/**
 * What an IATI activity says beyond ActionLine's first model: the reporting organisation, sectors,
 * recipients outside the ASEAN member states, results with indicators, texts in other languages,
 * and a funding line's value date. The lists are descriptive, nested and never filtered on, so they
 * are JSON text columns of the activity row (ADR 0011); same portable types as 0001.
 */

// Kysely's migration interface takes a database of unknown shape.
type AnyDb = Kysely<unknown>;

const ACTIVITY_COLUMNS = ['sectors', 'other_recipients', 'results', 'other_language_texts'] as const;

export async function up(db: AnyDb): Promise<void> {
  // SQLite adds one column per ALTER TABLE.
  await db.schema
    .alterTable('activities')
    .addColumn('reporting_org_id', 'text', (c) => c.references('organisations.id'))
    .execute();
  for (const column of ACTIVITY_COLUMNS) {
    await db.schema.alterTable('activities').addColumn(column, 'text').execute();
  }
  await db.schema.alterTable('funding_lines').addColumn('value_date', 'text').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('funding_lines').dropColumn('value_date').execute();
  for (const column of [...ACTIVITY_COLUMNS].reverse()) {
    await db.schema.alterTable('activities').dropColumn(column).execute();
  }
  await db.schema.alterTable('activities').dropColumn('reporting_org_id').execute();
}
