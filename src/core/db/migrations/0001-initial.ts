import type { Kysely, CreateTableBuilder } from 'kysely';

/**
 * The foundation schema. Written once with Kysely's schema builder so the same file runs on
 * SQLite and PostgreSQL: ids are text (UUIDs), timestamps are ISO-8601 UTC text, booleans are
 * 0/1 integers, money is an integer count of minor units. Never edit this file after release;
 * add a new migration instead.
 */

// Kysely's migration interface takes a database of unknown shape.
type AnyDb = Kysely<unknown>;

function withRecordColumns<T extends string>(table: CreateTableBuilder<T, never>) {
  return table
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1));
}

export async function up(db: AnyDb): Promise<void> {
  await withRecordColumns(
    db.schema
      .createTable('partnerships')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('name_en', 'text')
      .addColumn('name_fr', 'text')
      .addColumn('description_en', 'text')
      .addColumn('description_fr', 'text'),
  ).execute();

  await withRecordColumns(
    db.schema
      .createTable('plans')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnerships.id'))
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('title_en', 'text')
      .addColumn('title_fr', 'text')
      .addColumn('short_title_en', 'text')
      .addColumn('short_title_fr', 'text')
      .addColumn('period_start', 'integer', (c) => c.notNull())
      .addColumn('period_end', 'integer', (c) => c.notNull())
      .addColumn('period_note', 'text')
      .addColumn('adopted_on', 'text')
      .addColumn('adopted_at_en', 'text')
      .addColumn('adopted_at_fr', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('summary_en', 'text')
      .addColumn('summary_fr', 'text')
      .addColumn('description_en', 'text')
      .addColumn('description_fr', 'text')
      .addColumn('full_text_url', 'text'),
  ).execute();

  await withRecordColumns(
    db.schema
      .createTable('plan_documents')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('url', 'text')
      .addColumn('published_on', 'text')
      .addColumn('confidence', 'text')
      .addColumn('note', 'text'),
  ).execute();

  await withRecordColumns(
    db.schema
      .createTable('framework_nodes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id').onDelete('cascade'))
      .addColumn('parent_id', 'text', (c) => c.references('framework_nodes.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('depth', 'integer', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('title_en', 'text')
      .addColumn('title_fr', 'text')
      .addColumn('description_en', 'text')
      .addColumn('description_fr', 'text')
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
      .addUniqueConstraint('framework_nodes_plan_code_uq', ['plan_id', 'code']),
  ).execute();
  await db.schema.createIndex('framework_nodes_parent_ix').on('framework_nodes').column('parent_id').execute();

  await withRecordColumns(
    db.schema
      .createTable('organisations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name_en', 'text')
      .addColumn('name_fr', 'text')
      .addColumn('acronym', 'text')
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('country', 'text')
      .addColumn('iati_identifier', 'text', (c) => c.unique())
      .addColumn('website', 'text')
      .addColumn('description_en', 'text')
      .addColumn('description_fr', 'text'),
  ).execute();

  await withRecordColumns(
    db.schema
      .createTable('organisation_former_names')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('acronym', 'text')
      .addColumn('until', 'text')
      .addColumn('note', 'text'),
  ).execute();

  await withRecordColumns(
    db.schema
      .createTable('activities')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('iati_identifier', 'text', (c) => c.unique())
      .addColumn('title_en', 'text')
      .addColumn('title_fr', 'text')
      .addColumn('summary_en', 'text')
      .addColumn('summary_fr', 'text')
      .addColumn('description_en', 'text')
      .addColumn('description_fr', 'text')
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('planned_start', 'text')
      .addColumn('planned_end', 'text')
      .addColumn('actual_start', 'text')
      .addColumn('actual_end', 'text')
      // Derived for ordering and year filters: actual date if known, else planned.
      .addColumn('start_date', 'text')
      .addColumn('end_date', 'text')
      .addColumn('regional', 'integer', (c) => c.notNull().defaultTo(0)),
  ).execute();
  await db.schema.createIndex('activities_start_ix').on('activities').columns(['start_date', 'id']).execute();
  await db.schema.createIndex('activities_status_ix').on('activities').column('status').execute();

  await withRecordColumns(
    db.schema
      .createTable('activity_countries')
      .addColumn('activity_id', 'text', (c) => c.notNull().references('activities.id').onDelete('cascade'))
      .addColumn('country', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('activity_countries_pk', ['activity_id', 'country']),
  ).execute();
  await db.schema.createIndex('activity_countries_country_ix').on('activity_countries').column('country').execute();

  await withRecordColumns(
    db.schema
      .createTable('activity_participants')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('activity_id', 'text', (c) => c.notNull().references('activities.id').onDelete('cascade'))
      .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('note', 'text')
      .addUniqueConstraint('activity_participants_uq', ['activity_id', 'organisation_id', 'role']),
  ).execute();
  await db.schema
    .createIndex('activity_participants_org_ix')
    .on('activity_participants')
    .columns(['organisation_id', 'activity_id'])
    .execute();

  await withRecordColumns(
    db.schema
      .createTable('funding_lines')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('activity_id', 'text', (c) => c.notNull().references('activities.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('amount_minor', 'bigint', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('date', 'text')
      .addColumn('provider_id', 'text', (c) => c.references('organisations.id'))
      .addColumn('recipient_id', 'text', (c) => c.references('organisations.id'))
      .addColumn('note', 'text'),
  ).execute();
  await db.schema.createIndex('funding_lines_activity_ix').on('funding_lines').column('activity_id').execute();

  await withRecordColumns(
    db.schema
      .createTable('activity_links')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('activity_id', 'text', (c) => c.notNull().references('activities.id').onDelete('cascade'))
      .addColumn('node_id', 'text', (c) => c.notNull().references('framework_nodes.id'))
      .addColumn('rationale', 'text')
      .addColumn('confidence', 'text')
      .addUniqueConstraint('activity_links_uq', ['activity_id', 'node_id']),
  ).execute();
  await db.schema
    .createIndex('activity_links_node_ix')
    .on('activity_links')
    .columns(['node_id', 'activity_id'])
    .execute();

  await withRecordColumns(
    db.schema
      .createTable('activity_sources')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('activity_id', 'text', (c) => c.notNull().references('activities.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('url', 'text')
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('publisher', 'text')
      .addColumn('published_on', 'text')
      .addColumn('confidence', 'text', (c) => c.notNull())
      .addColumn('note', 'text'),
  ).execute();

  // Which seed records were ever applied: re-seeding skips them, so later edits and deletions stand.
  await db.schema
    .createTable('seed_applied')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const t of [
    'seed_applied',
    'activity_sources',
    'activity_links',
    'funding_lines',
    'activity_participants',
    'activity_countries',
    'activities',
    'organisation_former_names',
    'organisations',
    'framework_nodes',
    'plan_documents',
    'plans',
    'partnerships',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
