import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DatabaseConfig } from '../../src/core/config';

/**
 * The databases every integration suite runs against: a real SQLite file and a real
 * PostgreSQL database, each created fresh for the suite and removed afterwards.
 * PostgreSQL is reached through TEST_DATABASE_URL (default: the machine's local server).
 */
export const TEST_PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  config: DatabaseConfig;
  drop(): Promise<void>;
}

export async function createSqliteDatabase(): Promise<TestDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'actionline-test-'));
  return {
    name: 'sqlite',
    config: { kind: 'sqlite', file: path.join(dir, 'test.sqlite') },
    drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

export async function createPostgresDatabase(): Promise<TestDatabase> {
  const name = `actionline_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  try {
    await admin.connect();
  } catch (err) {
    throw new Error(
      `PostgreSQL is not reachable at ${TEST_PG_URL.replace(/:[^:@/]*@/, ':***@')} (${(err as Error).message}). ` +
        'Start it, or point TEST_DATABASE_URL at a server where this user may CREATE DATABASE.',
    );
  }
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  return {
    name: 'postgres',
    config: { kind: 'postgres', url: url.toString(), poolSize: 5 },
    drop: async () => {
      const c = new pg.Client({ connectionString: TEST_PG_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Both databases, for `for (const make of DATABASES) describe(...)`. */
export const DATABASES: { name: 'sqlite' | 'postgres'; create: () => Promise<TestDatabase> }[] = [
  { name: 'sqlite', create: createSqliteDatabase },
  { name: 'postgres', create: createPostgresDatabase },
];
