import { Migrator, type Migration, type MigrationProvider, type MigrationResult } from 'kysely';
import type { Db } from './database';
import * as m0001 from './migrations/0001-initial';
import * as m0002 from './migrations/0002-workspace';
import * as m0003 from './migrations/0003-exchange-rates';
import * as m0004 from './migrations/0004-coverage-snapshots';
import * as m0005 from './migrations/0005-imports';
import * as m0006 from './migrations/0006-activity-iati-details';
import * as m0007 from './migrations/0007-search';
import * as m0008 from './migrations/0008-change-notices';
import * as m0009 from './migrations/0009-activity-filter-indexes';
import * as m0010 from './migrations/0010-plan-crosswalks';
import * as m0011 from './migrations/0011-link-suggestion-rejections';
import * as m0012 from './migrations/0012-user-partnership';

/** Every migration, in order. Names are permanent once released. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-workspace': m0002,
  '0003-exchange-rates': m0003,
  '0004-coverage-snapshots': m0004,
  '0005-imports': m0005,
  '0006-activity-iati-details': m0006,
  '0007-search': m0007,
  '0008-change-notices': m0008,
  '0009-activity-filter-indexes': m0009,
  '0010-plan-crosswalks': m0010,
  '0011-link-suggestion-rejections': m0011,
  '0012-user-partnership': m0012,
};

class StaticMigrationProvider implements MigrationProvider {
  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve(MIGRATIONS);
  }
}

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly results: MigrationResult[],
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'MigrationError';
  }
}

/**
 * Brings the schema to the latest version. On PostgreSQL Kysely holds an advisory lock
 * meanwhile, so concurrent starts are safe.
 */
export async function migrateToLatest({ db }: Db): Promise<MigrationResult[]> {
  const migrator = new Migrator({ db, provider: new StaticMigrationProvider() });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === 'Error');
    throw new MigrationError(
      `Migration ${failed?.migrationName ?? '(unknown)'} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
      results,
      error,
    );
  }
  return results;
}
