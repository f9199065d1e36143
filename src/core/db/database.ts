import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase as KyselySqliteDatabase } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config';
import { postgresChangeFeed, sqliteChangeFeed, type ChangeFeed } from './changes';
import type { Database } from './schema';

export type Dialect = 'sqlite' | 'postgres';

export interface Db {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Whether the records behind public answers changed since a cached answer was made (ADR 0014). */
  changes: ChangeFeed;
  close(): Promise<void>;
}

// PostgreSQL returns bigint (int8) and count(*) as strings; every value we keep in them fits a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

/** Opens the configured database. SQLite files are created (with their folder) on first use. */
export function openDatabase(config: DatabaseConfig): Db {
  if (config.kind === 'sqlite') {
    if (config.file !== ':memory:') fs.mkdirSync(path.dirname(config.file), { recursive: true });
    const sqlite = new SqliteDatabase(config.file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // The query planner's statistics, kept up to date as SQLite recommends for long-lived connections: at open (with
    // the analysis limit that keeps it quick on large files) and then every hour; PostgreSQL has autovacuum.
    sqlite.pragma('optimize = 0x10002');
    const optimize = setInterval(() => {
      if (sqlite.open && !sqlite.inTransaction) sqlite.pragma('optimize');
    }, 3_600_000);
    optimize.unref();
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: reusingStatements(sqlite) }) });
    return {
      db,
      dialect: 'sqlite',
      changes: sqliteChangeFeed(sqlite),
      close: () => {
        clearInterval(optimize);
        return db.destroy();
      },
    };
  }
  const pool = new pg.Pool({
    connectionString: config.url,
    max: config.poolSize,
    // 0 waits without limit, for a new connection and for a free one of the pool.
    connectionTimeoutMillis: config.connectTimeoutMs ?? 0,
    ...(config.statementTimeoutMs ? { statement_timeout: config.statementTimeoutMs } : {}),
    // Names the app's connections in pg_stat_activity; an application_name in the URL wins.
    application_name: 'actionline',
  });
  // An idle connection can be cut by the server (restart, failover, an administrator). The pool drops it and
  // opens a new one on the next query; without this listener the event would end the process.
  pool.on('error', (err) => process.emitWarning(`PostgreSQL dropped an idle connection: ${err.message}`));
  // A connection in use (a transaction between two of its statements) can be cut too. The pool listens only to the
  // idle ones, so the client's own 'error' event would end the process; the next statement on it fails instead, as
  // "unavailable" (503), and the pool discards it when it is released.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const changes = postgresChangeFeed(config.url, config.connectTimeoutMs);
  return {
    db,
    dialect: 'postgres',
    changes,
    close: async () => {
      await changes.close();
      await db.destroy();
    },
  };
}

/** How many prepared statements a SQLite connection keeps for reuse. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * The SQLite connection as Kysely sees it, keeping its prepared statements for reuse, most recently used first:
 * preparing a statement costs about as much as running a short one, and the app runs the same few hundred.
 * A statement still being read (a stream) is not handed out twice; a fresh one is prepared instead.
 */
export function reusingStatements(sqlite: SqliteDatabase.Database, size = STATEMENT_CACHE_SIZE): KyselySqliteDatabase {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => {
      statements.clear();
      sqlite.close();
    },
    prepare: (sql) => {
      const kept = statements.get(sql);
      if (kept?.busy) return sqlite.prepare(sql);
      if (kept) {
        statements.delete(sql);
        statements.set(sql, kept);
        return kept;
      }
      const statement = sqlite.prepare(sql);
      statements.set(sql, statement);
      if (statements.size > size) {
        const oldest = statements.keys().next();
        if (!oldest.done) statements.delete(oldest.value);
      }
      return statement;
    },
  };
}

/** PostgreSQL SQLSTATE classes and codes that mean "the server cannot serve now", not "the query is wrong". */
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);
const UNAVAILABLE_SYSTEM_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
]);
const UNAVAILABLE_MESSAGES = [
  /timeout exceeded when trying to connect/i,
  /Connection terminated/i,
  /Client has encountered a connection error/i,
  /terminating connection due to administrator command/i,
];

/**
 * Whether an error says the database is unreachable or busy (a restart, a failover, every connection in use, an SQLite
 * file locked for longer than its busy timeout) rather than that a query failed: a request may be retried later.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_SYSTEM_CODES.has(code)) return true;
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return true;
  }
  if (UNAVAILABLE_MESSAGES.some((re) => re.test(err.message))) return true;
  const cause = (err as { cause?: unknown }).cause;
  return cause !== undefined && cause !== err && isDatabaseUnavailable(cause);
}
