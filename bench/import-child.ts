/**
 * The import measure, in a process of its own so that its peak memory is the import's: opens the
 * database named by BENCH_DATABASE (JSON of a `DatabaseConfig`), migrates and seeds it, adds an
 * editor, then imports the IATI file through the import service as `import iati` does. Prints one
 * JSON line.
 */
import fs from 'node:fs';
import { sql } from 'kysely';
import type { DatabaseConfig } from '../src/core/config';
import { createCore } from '../src/core/core';
import { openDatabase } from '../src/core/db/database';
import { migrateToLatest } from '../src/core/db/migrate';
import { seedDatabase } from '../src/core/seed/seed.service';
import { peakRssMb } from './peak-rss';

const file = process.argv[2];
const config = process.env.BENCH_DATABASE;
if (!file || !config) throw new Error('Usage: BENCH_DATABASE=<json> import-child.ts FILE');
const db = openDatabase(JSON.parse(config) as DatabaseConfig);
await migrateToLatest(db);
await seedDatabase(db);
const core = createCore(db);
const email = 'bench-importer@example.org';
await core.auth.createUser(
  null,
  { email, displayName: 'Benchmark importer', role: 'editor', side: 'canada' },
  'bench-importer-passphrase',
);
const actor = await core.auth.actorForLocalCommand(email);
/** What the database takes, in bytes: its pages (WAL included) on SQLite, its files on PostgreSQL. */
const databaseBytes = async () =>
  Number(
    (
      await (
        db.dialect === 'sqlite'
          ? sql<{ n: number }>`select page_count * page_size as n from pragma_page_count(), pragma_page_size()`
          : sql<{ n: number }>`select pg_database_size(current_database()) as n`
      ).execute(db.db)
    ).rows[0]?.n ?? 0,
  );
const databaseBytesBefore = await databaseBytes();
const rssBeforeMb = process.memoryUsage().rss / 1024 / 1024;
const started = performance.now();
const report = await core.imports.importIati(actor, fs.createReadStream(file), {
  mode: 'both',
  dryRun: false,
  lang: 'en',
  fileName: 'bench.xml',
});
const seconds = (performance.now() - started) / 1000;
const databaseBytesAdded = (await databaseBytes()) - databaseBytesBefore;
await db.close();
console.log(
  JSON.stringify({
    seconds,
    outcome: report.outcome,
    counts: report.counts,
    bytes: fs.statSync(file).size,
    rssBeforeMb,
    databaseBytesAdded,
    maxRssMb: peakRssMb(),
  }),
);
