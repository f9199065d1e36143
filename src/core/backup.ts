/**
 * Backups: a consistent logical copy of every table, written as gzip-compressed JSON lines, and
 * its restore into an empty database of either kind (a SQLite backup restores into PostgreSQL and
 * back). The copy is read in one transaction (PostgreSQL: REPEATABLE READ; SQLite: one read
 * transaction over WAL), so writes made meanwhile are either wholly in it or not at all. Sessions
 * and sign-in failures are transient and left out: a restore signs everyone out.
 *
 * File: `{"format":"actionline-backup",…}` then, per table, `{"table":…,"columns":[…]}` and one
 * array of values per row, and last `{"end":true,"counts":{…}}`, so a cut file is detected.
 */
import { createGzip, createGunzip } from 'node:zlib';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { once } from 'node:events';
import { sql, type Kysely } from 'kysely';
import type { Db } from './db/database';
import type { Database } from './db/schema';
import { SearchIndexRepository } from './repositories/search-index.repository';
import { nowIso } from './ids';

export const BACKUP_FORMAT = 'actionline-backup';
export const BACKUP_VERSION = 1;

/** Tables in the order a restore inserts them (parents first), with the columns that order their rows. */
export const BACKUP_TABLES: readonly { name: keyof Database; order: string[] }[] = [
  { name: 'partnerships', order: ['id'] },
  { name: 'plans', order: ['id'] },
  { name: 'plan_documents', order: ['id'] },
  { name: 'framework_nodes', order: ['id'] },
  { name: 'organisations', order: ['id'] },
  { name: 'organisation_former_names', order: ['id'] },
  { name: 'users', order: ['id'] },
  { name: 'activities', order: ['id'] },
  { name: 'activity_countries', order: ['activity_id', 'country'] },
  { name: 'activity_participants', order: ['id'] },
  { name: 'funding_lines', order: ['id'] },
  { name: 'activity_links', order: ['id'] },
  { name: 'activity_sources', order: ['id'] },
  { name: 'seed_applied', order: ['key'] },
  { name: 'api_tokens', order: ['id'] },
  { name: 'user_links', order: ['id'] },
  { name: 'record_history', order: ['id'] },
  { name: 'activity_approvals', order: ['id'] },
  { name: 'exchange_rates', order: ['id'] },
  { name: 'coverage_snapshots', order: ['id'] },
  { name: 'imports', order: ['id'] },
  { name: 'link_suggestion_rejections', order: ['activity_id', 'node_id'] },
  { name: 'plan_crosswalk_entries', order: ['id'] },
];

/** Tables a backup leaves out on purpose: sign-in state, and the search index (rebuilt on restore). */
export const TRANSIENT_TABLES: readonly (keyof Database)[] = [
  'sessions',
  'sign_in_failures',
  'search_documents',
  'search_facets',
  'search_words',
  'search_word_trigrams',
];

const PAGE = 2000;

/** Raised when a file is not a complete ActionLine backup, or the target is not empty. */
export class BackupError extends Error {}

interface BackupHeader {
  format?: string;
  version?: number;
  createdAt?: string;
  migrations?: string[];
}

export interface BackupSummary {
  createdAt: string;
  counts: Record<string, number>;
}

async function migrationNames(db: Kysely<Database>): Promise<string[]> {
  const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return rows.rows.map((r) => r.name);
}

/** Self-referencing tables: parents must be inserted before their children. */
function parentsFirst(rows: Record<string, unknown>[], parent: string): Record<string, unknown>[] {
  const ids = new Set<unknown>();
  const out: Record<string, unknown>[] = [];
  let pending = rows;
  while (pending.length) {
    const next = pending.filter((r) => r[parent] !== null && !ids.has(r[parent]));
    const ready = pending.filter((r) => r[parent] === null || ids.has(r[parent]));
    if (!ready.length) return [...out, ...next]; // a dangling parent: let the database say so
    for (const r of ready) ids.add(r.id);
    out.push(...ready);
    pending = next;
  }
  return out;
}

async function write(out: Writable, line: unknown): Promise<void> {
  if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, 'drain');
}

/** Writes a backup of `db` to `target` (gzip); answers what it holds. */
export async function backupDatabase(db: Db, target: Writable): Promise<BackupSummary> {
  const gzip = createGzip();
  gzip.pipe(target);
  const createdAt = nowIso();
  const counts: Record<string, number> = {};
  const run = async (trx: Kysely<Database>) => {
    await write(gzip, {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt,
      dialect: db.dialect,
      migrations: await migrationNames(trx),
    });
    for (const { name, order } of BACKUP_TABLES) {
      let columns: string[] | null = null;
      counts[name] = 0;
      for (let offset = 0; ; offset += PAGE) {
        let q = trx.selectFrom(name).selectAll();
        for (const c of order) q = q.orderBy(sql.ref(c));
        const rows = (await q.offset(offset).limit(PAGE).execute()) as Record<string, unknown>[];
        if (!columns) {
          columns = rows[0] ? Object.keys(rows[0]) : [];
          await write(gzip, { table: name, columns });
        }
        for (const r of rows)
          await write(
            gzip,
            columns.map((c) => r[c] ?? null),
          );
        counts[name] += rows.length;
        if (rows.length < PAGE) break;
      }
    }
    await write(gzip, { end: true, counts });
  };
  if (db.dialect === 'postgres') {
    await db.db.transaction().setIsolationLevel('repeatable read').execute(run);
  } else {
    await db.db.transaction().execute(run);
  }
  gzip.end();
  await once(target, 'finish');
  return { createdAt, counts };
}

/**
 * Restores a backup into `db`, which must be migrated and hold no data (no plan, organisation,
 * activity or account). One transaction: a bad or cut file leaves the database as it was.
 */
export async function restoreDatabase(db: Db, source: Readable): Promise<BackupSummary> {
  const known = new Set(BACKUP_TABLES.map((t) => t.name as string));
  return db.db.transaction().execute(async (trx) => {
    for (const table of ['plans', 'organisations', 'activities', 'users'] as const) {
      const row = await trx.selectFrom(table).select('id').limit(1).executeTakeFirst();
      if (row) {
        throw new BackupError(
          `The database already holds data (${table}); restore into an empty database (a new DATABASE_URL), migrated but not seeded.`,
        );
      }
    }
    // The migrations' own seed rows (none) aside, a new database may hold the shipped exchange rates.
    await trx.deleteFrom('exchange_rates').execute();
    await trx.deleteFrom('seed_applied').execute();
    const ours = await migrationNames(trx);
    // Read only once nothing else is awaited before the loop: lines are not buffered for a late reader.
    const lines = createInterface({ input: source.pipe(createGunzip()), crlfDelay: Infinity });
    let header: BackupHeader | null = null;
    let table: { name: string; columns: string[]; rows: Record<string, unknown>[] } | null = null;
    const counts: Record<string, number> = {};
    let ended = false;
    const flush = async () => {
      if (!table || !table.rows.length) return;
      const rows = table.name === 'framework_nodes' ? parentsFirst(table.rows, 'parent_id') : table.rows;
      for (let i = 0; i < rows.length; i += 200) {
        await trx
          .insertInto(table.name as keyof Database)
          .values(rows.slice(i, i + 200))
          .execute();
      }
      table.rows = [];
    };
    try {
      for await (const line of lines) {
        if (!line.trim()) continue;
        const value = JSON.parse(line) as unknown;
        if (!header) {
          header = value as BackupHeader;
          if (header.format !== BACKUP_FORMAT) throw new BackupError('This is not an ActionLine backup.');
          if ((header.version ?? 0) > BACKUP_VERSION) {
            throw new BackupError(
              `The backup is of format version ${header.version}; update ActionLine to restore it.`,
            );
          }
          const missing = (header.migrations ?? []).filter((m) => !ours.includes(m));
          if (missing.length) {
            throw new BackupError(
              `The backup comes from a newer ActionLine (schema ${missing.join(', ')}); update first.`,
            );
          }
          continue;
        }
        if (Array.isArray(value)) {
          if (!table) throw new BackupError('The backup has rows before any table.');
          table.rows.push(Object.fromEntries(table.columns.map((c, i) => [c, value[i] ?? null])));
          counts[table.name] = (counts[table.name] ?? 0) + 1;
          // framework_nodes are ordered as a whole; other tables go in pages.
          if (table.rows.length >= PAGE && table.name !== 'framework_nodes') await flush();
          continue;
        }
        const marker = value as { table?: string; columns?: string[]; end?: boolean; counts?: Record<string, number> };
        if (marker.table) {
          await flush();
          if (!known.has(marker.table)) throw new BackupError(`The backup holds an unknown table, ${marker.table}.`);
          table = { name: marker.table, columns: marker.columns ?? [], rows: [] };
          counts[marker.table] = 0;
        } else if (marker.end) {
          await flush();
          for (const [name, n] of Object.entries(marker.counts ?? {})) {
            if ((counts[name] ?? 0) !== n)
              throw new BackupError(`The backup is damaged: ${name} should hold ${n} rows.`);
          }
          ended = true;
        }
      }
    } catch (e) {
      if (e instanceof SyntaxError) throw new BackupError('The backup is damaged: a line is not JSON.');
      if (e instanceof Error && /unexpected end of file|incorrect header check/i.test(e.message)) {
        throw new BackupError('The backup is damaged or not gzip-compressed.');
      }
      throw e;
    }
    if (!header) throw new BackupError('The file is empty.');
    if (!ended) throw new BackupError('The backup is cut short: it does not end as a complete backup does.');
    // The search index is not in the backup: it is built again from the restored records.
    await new SearchIndexRepository(trx, db.dialect).rebuild();
    return { createdAt: header.createdAt ?? '', counts };
  });
}
