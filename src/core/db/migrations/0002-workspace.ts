import type { Kysely } from 'kysely';

/**
 * The officers' workspace: accounts, sessions, API tokens, one-time links, sign-in failures,
 * record history, trash and the publication workflow. Same portable types as 0001.
 */

// Kysely's migration interface takes a database of unknown shape.
type AnyDb = Kysely<unknown>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('side', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'text', (c) => c.references('organisations.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('last_sign_in_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user_ix').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();

  // Invitation and password-reset links: only a hash of the token is kept.
  await db.schema
    .createTable('user_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();

  // Failed sign-ins, kept in the database so that every app instance rate-limits alike.
  await db.schema
    .createTable('sign_in_failures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sign_in_failures_key_ix').on('sign_in_failures').columns(['key', 'at']).execute();

  // Every change: who, when, the before/after of each field, and the full state after, for restore.
  await db.schema
    .createTable('record_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('changes', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('record_history_entity_ix')
    .on('record_history')
    .columns(['entity_type', 'entity_id', 'version'])
    .execute();

  // Trash and workflow on activities; trash on organisations.
  await db.schema.alterTable('activities').addColumn('deleted_at', 'text').execute();
  await db.schema.alterTable('activities').addColumn('deleted_by', 'text').execute();
  await db.schema
    .alterTable('activities')
    .addColumn('workflow_state', 'text', (c) => c.notNull().defaultTo('published'))
    .execute();
  await db.schema
    .createIndex('activities_workflow_ix')
    .on('activities')
    .columns(['workflow_state', 'deleted_at'])
    .execute();
  await db.schema.alterTable('organisations').addColumn('deleted_at', 'text').execute();
  await db.schema.alterTable('organisations').addColumn('deleted_by', 'text').execute();
  await db.schema.alterTable('organisations').addColumn('merged_into_id', 'text').execute();

  // A plan may require approval from a reviewer of each of these sides before publication.
  await db.schema.alterTable('plans').addColumn('signoff_sides', 'text').execute();

  await db.schema
    .createTable('activity_approvals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('activity_id', 'text', (c) => c.notNull().references('activities.id').onDelete('cascade'))
    .addColumn('activity_version', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('side', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('activity_approvals_activity_ix')
    .on('activity_approvals')
    .column('activity_id')
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const t of [
    'activity_approvals',
    'record_history',
    'sign_in_failures',
    'user_links',
    'api_tokens',
    'sessions',
    'users',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
  await db.schema.alterTable('plans').dropColumn('signoff_sides').execute();
  for (const c of ['merged_into_id', 'deleted_by', 'deleted_at'])
    await db.schema.alterTable('organisations').dropColumn(c).execute();
  await db.schema.dropIndex('activities_workflow_ix').ifExists().execute();
  for (const c of ['workflow_state', 'deleted_by', 'deleted_at'])
    await db.schema.alterTable('activities').dropColumn(c).execute();
}
