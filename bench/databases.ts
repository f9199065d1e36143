import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DatabaseConfig } from '../src/core/config';

export type DbKind = 'sqlite' | 'pg';

/** The databases `--db` names (`sqlite`, `pg` or `both`); anything else goes to `fail`. */
export function dbsOf(value: string | undefined, fail: (message: string) => never): DbKind[] {
  if (value === 'both') return ['sqlite', 'pg'];
  if (value === 'sqlite' || value === 'pg') return [value];
  return fail('--db: use sqlite, pg or both.');
}

/** The PostgreSQL server the benchmarks make their databases on. */
export const PG_SERVER =
  process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh, empty database of the kind asked for, and how to remove it. */
export async function makeDatabase(
  kind: DbKind,
  name: string,
): Promise<{ config: DatabaseConfig; drop: () => Promise<void> }> {
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
    return {
      config: { kind: 'sqlite', file: path.join(dir, `${name}.sqlite`) },
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: PG_SERVER });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  // One database per run: two runs on one server (a benchmark beside another) must not drop each other's.
  const unique = `${name}_${process.pid}`;
  await admin(`DROP DATABASE IF EXISTS "${unique}" WITH (FORCE)`);
  await admin(`CREATE DATABASE "${unique}"`);
  const url = new URL(PG_SERVER);
  url.pathname = `/${unique}`;
  return {
    config: { kind: 'postgres', url: url.toString(), poolSize: 10 },
    drop: () => admin(`DROP DATABASE IF EXISTS "${unique}" WITH (FORCE)`),
  };
}
