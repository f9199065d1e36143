import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Change notices, so that every app instance knows at once when the data its public answers are built from has
 * changed, whoever changed it (a request on another instance, the CLI, a restore, an administrator's SQL), and can
 * drop its cached answers (ADR 0014):
 * - PostgreSQL: a statement-level trigger on every table of records sends `NOTIFY actionline_changes` (delivered
 *   to every listening instance when the writing transaction commits; several in one transaction are merged);
 * - SQLite (one file, read by the processes of one machine): a row-level trigger counts the changes in the one row
 *   of `data_generation`, which readers compare before using a cached answer.
 * Sign-in state (sessions, sign-in failures, API tokens' last use) changes nothing the public sees and is left out.
 */

// Kysely's migration interface takes a database of unknown shape.
type AnyDb = Kysely<unknown>;

/** The tables whose changes reach public answers. Every later table of records must be added by its migration. */
export const CHANGE_TRACKED_TABLES = [
  'partnerships',
  'plans',
  'plan_documents',
  'framework_nodes',
  'organisations',
  'organisation_former_names',
  'users',
  'user_links',
  'activities',
  'activity_countries',
  'activity_participants',
  'funding_lines',
  'activity_links',
  'activity_sources',
  'record_history',
  'activity_approvals',
  'exchange_rates',
  'coverage_snapshots',
  'imports',
  'search_documents',
  'search_facets',
  'search_words',
] as const;

export const CHANGE_CHANNEL = 'actionline_changes';

function isPostgres(db: AnyDb): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export async function up(db: AnyDb): Promise<void> {
  if (isPostgres(db)) {
    await sql`
      create function actionline_notify_change() returns trigger language plpgsql as $$
      begin
        perform pg_notify(${sql.lit(CHANGE_CHANNEL)}, '');
        return null;
      end $$`.execute(db);
    for (const t of CHANGE_TRACKED_TABLES) {
      await sql`create trigger ${sql.raw(`${t}_change_notice`)} after insert or update or delete or truncate on ${sql.table(t)}
        for each statement execute function actionline_notify_change()`.execute(db);
    }
    return;
  }
  await sql`create table data_generation (id integer primary key check (id = 1), generation integer not null)`.execute(
    db,
  );
  await sql`insert into data_generation (id, generation) values (1, 0)`.execute(db);
  for (const t of CHANGE_TRACKED_TABLES) {
    for (const event of ['insert', 'update', 'delete']) {
      await sql`create trigger ${sql.raw(`${t}_change_${event}`)} after ${sql.raw(event)} on ${sql.table(t)}
        begin update data_generation set generation = generation + 1 where id = 1; end`.execute(db);
    }
  }
}

export async function down(db: AnyDb): Promise<void> {
  if (isPostgres(db)) {
    for (const t of CHANGE_TRACKED_TABLES) {
      await sql`drop trigger if exists ${sql.raw(`${t}_change_notice`)} on ${sql.table(t)}`.execute(db);
    }
    await sql`drop function if exists actionline_notify_change()`.execute(db);
    return;
  }
  for (const t of CHANGE_TRACKED_TABLES) {
    for (const event of ['insert', 'update', 'delete']) {
      await sql`drop trigger if exists ${sql.raw(`${t}_change_${event}`)}`.execute(db);
    }
  }
  await sql`drop table if exists data_generation`.execute(db);
}
