import type { Kysely } from 'kysely';

/**
 * The activity list's country filter reads the chosen countries' activity ids from the index alone:
 * `(country, activity_id)` replaces the index on `country`, whose entries led back to each row for
 * its activity id.
 */

// Kysely's migration interface takes a database of unknown shape.
type AnyDb = Kysely<unknown>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createIndex('activity_countries_country_activity_ix')
    .on('activity_countries')
    .columns(['country', 'activity_id'])
    .execute();
  await db.schema.dropIndex('activity_countries_country_ix').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.createIndex('activity_countries_country_ix').on('activity_countries').column('country').execute();
  await db.schema.dropIndex('activity_countries_country_activity_ix').execute();
}
