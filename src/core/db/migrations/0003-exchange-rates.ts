import type { Kysely } from 'kysely';

/**
 * Annual average exchange rates, Canadian dollars per one unit of a currency, for converting
 * funding totals into a reporting currency. The rate is decimal text (e.g. "1.3698"), never a
 * float, so conversions stay exact. The id is derived from the currency and year (see
 * `exchangeRateId`), so that the history of a (currency, year) continues through a delete and a
 * new create. Same portable types as 0001.
 */

// Kysely's migration interface takes a database of unknown shape.
type AnyDb = Kysely<unknown>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('exchange_rates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('cad_per_unit', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('exchange_rates_currency_year_uq', ['currency', 'year'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('exchange_rates').ifExists().execute();
}
