import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { OrganisationDetail, PlanCoverage } from '../src/shared/api-types';
import { openDatabase, type Db } from '../src/core/db/database';
import { CHANGE_TRACKED_TABLES } from '../src/core/db/migrations/0008-change-notices';
import { CHANGE_TRACKED_TABLES as CROSSWALK_TRACKED_TABLES } from '../src/core/db/migrations/0010-plan-crosswalks';
import { signedIn, type Client } from './support/client';
import { DATABASES, type TestDatabase } from './support/databases';
import { startTestServer, type TestServer } from './support/server';

const PLAN = 'asean-canada-2010-2015';
/** Tables whose changes never reach a public answer (sign-in state), and SQLite's own bookkeeping. */
const UNTRACKED = new Set([
  'sessions',
  'sign_in_failures',
  'api_tokens',
  'seed_applied',
  // Suggestions turned down: never in a public answer, and not what the suggestion model learns from.
  'link_suggestion_rejections',
  'search_word_trigrams',
  'data_generation',
  'kysely_migration',
  'kysely_migration_lock',
]);

interface Answer<T> {
  status: number;
  cache: string | null;
  etag: string | null;
  body: T;
}

async function anonymous<T>(
  server: TestServer,
  path: string,
  headers: Record<string, string> = {},
): Promise<Answer<T>> {
  const res = await fetch(server.baseUrl + path, { headers });
  const text = await res.text();
  return {
    status: res.status,
    cache: res.headers.get('x-cache'),
    etag: res.headers.get('etag'),
    body: JSON.parse(text) as T,
  };
}

/** Reads until the cache answers (PostgreSQL's change listener connects on the first read). */
async function warm<T>(server: TestServer, path: string): Promise<Answer<T>> {
  for (let i = 0; i < 100; i++) {
    const a = await anonymous<T>(server, path);
    if (a.cache === 'hit') return a;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${path} was never answered from the cache`);
}

async function tables(db: Db): Promise<string[]> {
  const rows =
    db.dialect === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'
          and sql not like 'CREATE VIRTUAL TABLE%' and name not like 'search_fts%'`.execute(db.db)
      : await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(db.db);
  return rows.rows.map((r) => r.name).sort();
}

async function triggeredTables(db: Db): Promise<string[]> {
  const rows =
    db.dialect === 'sqlite'
      ? await sql<{ name: string }>`select distinct tbl_name as name from sqlite_master
          where type = 'trigger' and name like '%_change_%'`.execute(db.db)
      : await sql<{ name: string }>`select distinct event_object_table as name from information_schema.triggers
          where trigger_name like '%_change_notice'`.execute(db.db);
  return rows.rows.map((r) => r.name).sort();
}

for (const target of DATABASES) {
  describe(`the public answers' cache on ${target.name}`, () => {
    let database: TestDatabase;
    let server: TestServer;
    let admin: Client;
    let organisation: OrganisationDetail;

    before(async () => {
      database = await target.create();
      server = await startTestServer(database);
      admin = await signedIn(server, 'admin');
      const created = await admin.request<OrganisationDetail>('POST', '/api/v1/organisations', {
        name: { en: 'Mekong Institute', fr: 'Institut du Mékong' },
        type: 'research',
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      organisation = created.body;
    });
    after(async () => {
      await server?.close();
      await database?.drop();
    });

    it('answers a repeated public read from memory, with the same body and ETag', async () => {
      const path = `/api/v1/plans/${PLAN}/coverage?currency=CAD`;
      const first = await anonymous<PlanCoverage>(server, path, { 'cache-control': 'no-cache' });
      assert.equal(first.status, 200);
      const hit = await warm<PlanCoverage>(server, path);
      assert.deepEqual(hit.body, first.body);
      assert.equal(hit.etag, first.etag);
      // Revalidation still works on a cached answer.
      const revalidated = await fetch(server.baseUrl + path, { headers: { 'if-none-match': hit.etag ?? '' } });
      assert.equal(revalidated.status, 304);
    });

    it('keeps compressed copies for clients that accept Brotli or gzip', async () => {
      const path = `/api/v1/plans/${PLAN}/coverage?currency=CAD`;
      const plain = await warm<PlanCoverage>(server, path);
      for (const [accept, encoding] of [
        ['gzip, deflate, br', 'br'],
        ['gzip', 'gzip'],
        ['br;q=0, gzip;q=0.8', 'gzip'],
      ] as const) {
        const res = await fetch(server.baseUrl + path, { headers: { 'accept-encoding': accept } });
        assert.equal(res.headers.get('x-cache'), 'hit');
        assert.equal(res.headers.get('content-encoding'), encoding, accept);
        assert.deepEqual(await res.json(), plain.body);
      }
    });

    it('answers afresh when asked with Cache-Control: no-cache', async () => {
      const path = `/api/v1/organisations/${organisation.id}`;
      await warm(server, path);
      const fresh = await anonymous(server, path, { 'cache-control': 'no-cache' });
      assert.equal(fresh.cache, 'miss');
    });

    it('never answers a signed-in reader from the cache, nor keeps what it reads', async () => {
      const path = `/api/v1/activities?plan=${PLAN}&pageSize=5`;
      await warm(server, path);
      const staff = await admin.request('GET', path);
      assert.equal(staff.status, 200);
      assert.equal(staff.headers.get('x-cache'), null);
    });

    it('drops a cached answer as soon as the record changes through the API', async () => {
      const path = `/api/v1/organisations/${organisation.id}`;
      for (let round = 1; round <= 5; round++) {
        const cached = await warm<OrganisationDetail>(server, path);
        const name = `Mekong Institute (${round})`;
        const put = await admin.request<OrganisationDetail>(
          'PUT',
          path,
          { name: { en: name }, type: 'research' },
          { 'if-match': `"${cached.body.version}"` },
        );
        assert.equal(put.status, 200, JSON.stringify(put.body));
        const after = await anonymous<OrganisationDetail>(server, path);
        assert.equal(after.body.name.en, name, `round ${round}: the change is seen at once`);
        assert.equal(after.cache, 'miss');
      }
    });

    it('makes one answer for many readers asking the same question at once', async () => {
      const path = `/api/v1/plans/${PLAN}/coverage?currency=USD`;
      const answers = await Promise.all(Array.from({ length: 12 }, () => anonymous<PlanCoverage>(server, path)));
      assert.deepEqual(answers.map((a) => a.status).sort(), Array(12).fill(200));
      assert.equal(answers.filter((a) => a.cache === 'miss').length, 1, answers.map((a) => a.cache).join());
      assert.equal(new Set(answers.map((a) => a.etag)).size, 1);
    });

    it('drops cached answers when another process changes the database', async () => {
      const path = `/api/v1/organisations/${organisation.id}`;
      await warm(server, path);
      const other = openDatabase(database.config);
      try {
        await other.db.updateTable('organisations').set({ acronym: 'MI' }).where('id', '=', organisation.id).execute();
      } finally {
        await other.close();
      }
      // SQLite sees the counter at once; PostgreSQL's notice arrives within moments.
      let seen: string | null = null;
      for (let i = 0; i < 50 && seen !== 'MI'; i++) {
        seen = (await anonymous<OrganisationDetail>(server, path)).body.acronym;
        if (seen !== 'MI') await new Promise((r) => setTimeout(r, 20));
      }
      assert.equal(seen, 'MI');
    });

    it('watches every table of records (a new table must be added to the change notices)', async () => {
      const expected = (await tables(server.db)).filter((t) => !UNTRACKED.has(t));
      assert.deepEqual(await triggeredTables(server.db), expected);
      assert.deepEqual([...CHANGE_TRACKED_TABLES, ...CROSSWALK_TRACKED_TABLES].sort(), expected);
    });
  });
}
