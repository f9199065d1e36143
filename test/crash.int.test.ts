import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { writeIatiFile } from '../bench/iati-file';
import { openDatabase, type Db } from '../src/core/db/database';
import type { ActivityDetail } from '../src/shared/api-types';
import type { ActivityInputDraft } from '../src/shared/schemas/activity.schema';
import { envFor, seedWithEditors, serve, type ServedChild } from './support/cli';
import { Client, TEST_PASSWORD } from './support/client';
import { DATABASES, type TestDatabase } from './support/databases';
import { pgProgram } from './support/postgres-cluster';

/**
 * A server in a child process is killed with SIGKILL, several times, in the middle of an import and
 * in the middle of a burst of edits. After each kill the database must pass its own integrity check,
 * the import must be all there or not there at all, and every write the server acknowledged must be
 * there, with no two writers acknowledged on the same version.
 */

const ROUNDS = ['import', 'edits', 'import', 'edits'] as const;
/** Writers that each own an activity, and rivals that all edit one shared activity. */
const OWNERS = 4;
const RIVALS = 3;
/** Activities in each round's IATI file: several seconds of work, so the kill lands in the middle. */
const IMPORT_BYTES = 6 * 1024 * 1024;
const EMAIL = 'editor.crash@example.org';

const draft = (title: string): ActivityInputDraft => ({
  title: { en: title, fr: null },
  summary: { en: 'Regional workshops for labour inspectors.', fr: null },
  type: 'training',
  status: 'planned',
  plannedStart: '2027-03',
  countries: ['PH', 'ID'],
});

interface Ack {
  title: string;
  version: number;
}

/** What the test knows of one activity: the last write acknowledged, and any write sent but not answered. */
interface Tracked {
  id: string;
  acked: Ack;
  inFlight: string | null;
}

/** The database's own check of its pages and indexes; throws with its findings when it fails. */
async function checkIntegrity(database: TestDatabase, db: Db): Promise<void> {
  if (database.config.kind === 'sqlite') {
    const integrity = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(db.db);
    assert.deepEqual(
      integrity.rows.map((r) => r.integrity_check),
      ['ok'],
    );
    const orphans = await sql`PRAGMA foreign_key_check`.execute(db.db);
    assert.deepEqual(orphans.rows, [], 'no row points at a row that is not there');
  } else {
    // Every table's heap and every B-tree index, each index checked against its heap (amcheck).
    const url = new URL(database.config.url);
    const where = ['-h', url.hostname, '-p', url.port || '5432', '-U', decodeURIComponent(url.username)];
    execFileSync(
      pgProgram('pg_amcheck') ?? 'pg_amcheck',
      ['--install-missing', '--heapallindexed', ...where, '-d', url.pathname.slice(1)],
      {
        encoding: 'utf8',
        stdio: 'pipe',
        timeout: 120_000,
        env: { ...process.env, PGPASSWORD: decodeURIComponent(url.password) },
      },
    );
  }
}

/** Sends writes until the server stops answering; `tracked` always holds what was acknowledged. */
async function ownerBurst(client: Client, prefix: string, tracked: Tracked[]): Promise<void> {
  const created = await client.request<ActivityDetail>('POST', '/api/v1/activities', draft(`${prefix} #0`));
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const t: Tracked = {
    id: created.body.id,
    acked: { title: `${prefix} #0`, version: created.body.version },
    inFlight: null,
  };
  tracked.push(t);
  for (let k = 1; ; k++) {
    const title = `${prefix} #${k}`;
    t.inFlight = title;
    const res = await client.request<ActivityDetail>('PUT', `/api/v1/activities/${t.id}`, draft(title), {
      'if-match': `"${t.acked.version}"`,
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    t.acked = { title, version: res.body.version };
    t.inFlight = null;
  }
}

/** Edits the shared activity from its last read version; a 409 sends the rival back to read it again. */
async function rivalBurst(client: Client, id: string, prefix: string, acks: Ack[], inFlight: Set<string>) {
  for (let k = 1; ; k++) {
    const read = await client.get<ActivityDetail>(`/api/v1/activities/${id}`);
    assert.equal(read.status, 200);
    const title = `${prefix} #${k}`;
    inFlight.add(title);
    const res = await client.request<ActivityDetail>('PUT', `/api/v1/activities/${id}`, draft(title), {
      'if-match': `"${read.body.version}"`,
    });
    assert.ok(res.status === 200 || res.status === 409, `${res.status} ${JSON.stringify(res.body)}`);
    if (res.status === 200) acks.push({ title, version: res.body.version });
    inFlight.delete(title);
  }
}

/** Runs a burst until the kill: the fetch that the kill cuts short ends it; any other failure is kept. */
async function untilKilled(burst: Promise<unknown>, killed: () => boolean): Promise<void> {
  try {
    await burst;
  } catch (err) {
    if (!(killed() && err instanceof TypeError)) throw err; // fetch fails with a TypeError once the server is gone
  }
}

for (const target of DATABASES) {
  describe(`a server killed with SIGKILL on ${target.name}`, () => {
    let database: TestDatabase;
    let dir: string;
    let env: NodeJS.ProcessEnv;

    before(async () => {
      database = await target.create();
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'actionline-crash-'));
      await seedWithEditors(database.config, [{ email: EMAIL, displayName: 'Crash editor' }]);
      env = { ...envFor(database), SEED_ON_START: 'false' };
    });
    after(async () => {
      await database?.drop();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it('keeps every acknowledged write, no import half-written and the database sound, over several kills', async () => {
      const file = path.join(dir, 'activities.xml');
      const generated = await writeIatiFile(file, IMPORT_BYTES);
      const xml = fs.readFileSync(file, 'utf8');
      const owned: Tracked[] = [];
      const rivalAcks: Ack[] = [];
      const rivalInFlight = new Set<string>();
      let shared: string | null = null;

      for (const [round, kind] of ROUNDS.entries()) {
        const server: ServedChild = await serve(env);
        const where = { baseUrl: server.url };
        const client = new Client(where);
        const signIn = await client.signIn(EMAIL, TEST_PASSWORD);
        assert.equal(signIn.status, 200, JSON.stringify(signIn.body));
        if (!shared) {
          const created = await client.request<ActivityDetail>('POST', '/api/v1/activities', draft('shared #0'));
          assert.equal(created.status, 201);
          shared = created.body.id;
          rivalAcks.push({ title: 'shared #0', version: created.body.version });
        }

        let killed = false;
        const isKilled = () => killed;
        const bursts: Promise<void>[] = [];
        let importAnswered: number | null = null;
        const before = { owned: owned.length, rivals: rivalAcks.length };
        if (kind === 'import') {
          const tagged = xml.replaceAll('XB-BENCH-IMPORT-', `XB-CRASH-R${round}-`);
          bursts.push(
            untilKilled(
              client.upload('/api/v1/imports/iati', tagged).then((res) => void (importAnswered = res.status)),
              isKilled,
            ),
          );
        }
        for (let w = 0; w < OWNERS; w++)
          bursts.push(untilKilled(ownerBurst(client, `r${round} w${w}`, owned), isKilled));
        for (let w = 0; w < RIVALS; w++) {
          bursts.push(
            untilKilled(rivalBurst(client, shared, `r${round} rival${w}`, rivalAcks, rivalInFlight), isKilled),
          );
        }

        // In the middle of the work: the import has seconds left to run, the edits are in full flow.
        // A burst that fails before then ends the wait with its error.
        try {
          await Promise.race([
            new Promise((resolve) => setTimeout(resolve, kind === 'import' ? 1_500 : 1_000)),
            Promise.all(bursts),
          ]);
        } finally {
          killed = true;
          await server.kill();
        }
        await Promise.all(bursts);

        if (kind === 'import') assert.equal(importAnswered, null, 'the kill came before the import ended');
        if (kind === 'edits') {
          // (During an import, SQLite's one connection makes edits wait for it: they are in flight at the kill.)
          assert.ok(owned.length > before.owned, 'the owners had written before the kill');
          assert.ok(rivalAcks.length > before.rivals, 'the rivals had written before the kill');
        }

        // The database as the kill left it: sound, and each import whole or absent.
        const db = openDatabase(database.config);
        try {
          await checkIntegrity(database, db);
          for (let r = 0; r <= round; r++) {
            if (ROUNDS[r] !== 'import') continue;
            const row = await db.db
              .selectFrom('activities')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where('iati_identifier', 'like', `XB-CRASH-R${r}-%`)
              .executeTakeFirstOrThrow();
            assert.ok(
              Number(row.n) === 0 || Number(row.n) === generated.activities,
              `round ${r}'s import is all or nothing: ${row.n} of ${generated.activities}`,
            );
          }
        } finally {
          await db.close();
        }

        // Restarted on the same database: every acknowledged write is there.
        const again = await serve(env);
        try {
          where.baseUrl = again.url;
          for (const t of owned) {
            const res = await client.get<ActivityDetail>(`/api/v1/activities/${t.id}`);
            assert.equal(res.status, 200, `${t.id} is there`);
            const stored = { title: res.body.title.en ?? '', version: res.body.version };
            // The write cut short by the kill may have landed (after its commit, before its answer), or not.
            const expected = [t.acked, ...(t.inFlight ? [{ title: t.inFlight, version: t.acked.version + 1 }] : [])];
            assert.ok(
              expected.some((e) => e.title === stored.title && e.version === stored.version),
              `${t.id}: stored ${JSON.stringify(stored)}, acknowledged ${JSON.stringify(t.acked)}`,
            );
            t.acked = stored;
            t.inFlight = null;
          }
          const versions = rivalAcks.map((a) => a.version);
          assert.equal(new Set(versions).size, versions.length, 'no two writers were acknowledged on one version');
          const last = rivalAcks.reduce((a, b) => (b.version > a.version ? b : a));
          const res = await client.get<ActivityDetail>(`/api/v1/activities/${shared}`);
          const stored = { title: res.body.title.en ?? '', version: res.body.version };
          assert.ok(
            (stored.version === last.version && stored.title === last.title) ||
              (stored.version === last.version + 1 && rivalInFlight.has(stored.title)),
            `shared: stored ${JSON.stringify(stored)}, last acknowledged ${JSON.stringify(last)}`,
          );
          if (stored.version !== last.version) rivalAcks.push(stored);
          rivalInFlight.clear();
        } finally {
          await again.stop();
        }
      }
    });
  });
}
