import assert from 'node:assert/strict';
import { PassThrough, Readable } from 'node:stream';
import { gunzipSync, gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { ActivityDetail, ActivitySummary, Page } from '../src/shared/api-types';
import { BACKUP_TABLES, BackupError, backupDatabase, restoreDatabase, TRANSIENT_TABLES } from '../src/core/backup';
import { openDatabase, type Db } from '../src/core/db/database';
import { migrateToLatest } from '../src/core/db/migrate';
import { DATABASES, type TestDatabase } from './support/databases';
import { signedIn } from './support/client';
import { startTestServer, type TestServer } from './support/server';

async function backupBytes(db: Db): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  await backupDatabase(db, sink);
  return Buffer.concat(chunks);
}

async function tableRows(db: Db, name: string, order: string[]) {
  let q = db.db.selectFrom(name as never).selectAll();
  for (const c of order) q = q.orderBy(sql.ref(c));
  return q.execute();
}

async function emptyDatabase(make: () => Promise<TestDatabase>): Promise<{ target: TestDatabase; db: Db }> {
  const target = await make();
  const db = openDatabase(target.config);
  await migrateToLatest(db);
  return { target, db };
}

describe('backup and restore', () => {
  const servers: TestServer[] = [];
  const databases: TestDatabase[] = [];
  const dbs: Db[] = [];
  const backups = new Map<string, Buffer>();
  const lists = new Map<string, unknown>();

  before(async () => {
    for (const make of DATABASES) {
      const database = await make.create();
      databases.push(database);
      const server = await startTestServer(database);
      servers.push(server);
      // A database with more than the seed: an account, an edited activity with its history and every
      // detail (JSON columns and the value date included), a snapshot.
      const editor = await signedIn(server, 'editor', 'canada');
      const reporter = (await editor.get<Page<{ id: string }>>('/api/v1/organisations?q=UN%20Women')).body.items[0];
      assert.ok(reporter);
      const created = await editor.request<ActivityDetail>('POST', '/api/v1/activities', {
        title: { en: 'Backed-up activity', fr: 'Activité sauvegardée' },
        type: 'training',
        status: 'planned',
        reportingOrganisationId: reporter.id,
        sectors: [{ vocabulary: '1', code: '15170', percentage: 100 }],
        otherRecipients: [{ kind: 'region', vocabulary: '1', code: '798' }],
        results: [{ type: 'output', title: { en: 'Inspectors trained', fr: null } }],
        otherLanguageTexts: [{ field: 'title', lang: 'km', text: 'សកម្មភាព' }],
        funding: [{ amount: '1234.56', currency: 'USD', type: 'commitment', date: '2012-03', valueDate: '2012-03-01' }],
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const reviewer = await signedIn(server, 'reviewer', 'asean');
      const snap = await reviewer.request('POST', '/api/v1/plans/asean-canada-2010-2015/snapshots', {
        label: 'Before the backup',
        asOf: '2015-12-31',
      });
      assert.equal(snap.status, 201);
      const list = await server.get<Page<ActivitySummary>>('/api/v1/activities?pageSize=100&sort=title');
      lists.set(make.name, list.body.items);
    }
  });
  after(async () => {
    for (const s of servers) await s.close();
    for (const d of dbs) await d.close();
    for (const d of databases) await d.drop();
  });

  for (const [i, make] of DATABASES.entries()) {
    it(`copies every table of ${make.name} and restores it row for row into a new ${make.name} database`, async () => {
      const source = servers[i] as TestServer;
      const bytes = await backupBytes(source.db);
      backups.set(make.name, bytes);
      const lines = gunzipSync(bytes).toString('utf8').trim().split('\n');
      assert.match(lines[0] ?? '', /"format":"actionline-backup"/);
      assert.match(lines.at(-1) ?? '', /"end":true/);
      for (const t of TRANSIENT_TABLES) assert.ok(!lines.some((l) => l.includes(`"table":"${t}"`)), `${t} is left out`);

      const { target, db } = await emptyDatabase(make.create);
      databases.push(target);
      dbs.push(db);
      const restored = await restoreDatabase(db, Readable.from([bytes]));
      assert.ok((restored.counts.activities ?? 0) > 10);
      for (const { name, order } of BACKUP_TABLES) {
        assert.deepEqual(await tableRows(db, name, order), await tableRows(source.db, name, order), name);
      }
      const details = await db.db
        .selectFrom('activities')
        .innerJoin('funding_lines', 'funding_lines.activity_id', 'activities.id')
        .select([
          'reporting_org_id',
          'sectors',
          'other_recipients',
          'results',
          'other_language_texts',
          'funding_lines.value_date',
        ])
        .where('activities.title_en', '=', 'Backed-up activity')
        .executeTakeFirstOrThrow();
      assert.ok(
        Object.values(details).every((v) => v !== null),
        'the detail columns were restored with values',
      );
      assert.equal(details.value_date, '2012-03-01');
    });
  }

  it('restores a SQLite backup into PostgreSQL with the same activities', async () => {
    const bytes = backups.get('sqlite');
    assert.ok(bytes, 'the SQLite backup was made');
    const pgMake = DATABASES.find((d) => d.name === 'postgres');
    assert.ok(pgMake);
    const { target, db } = await emptyDatabase(pgMake.create);
    databases.push(target);
    dbs.push(db);
    await restoreDatabase(db, Readable.from([bytes]));
    const { createCore } = await import('../src/core/core');
    const moved = await createCore(db).activities.list({ page: 1, pageSize: 100, sort: 'title' } as never);
    const strip = (items: unknown) => JSON.parse(JSON.stringify(items)) as unknown;
    assert.deepEqual(strip(moved.items), strip(lists.get('sqlite')));
  });

  it('refuses a cut or foreign file and a database that holds data, restoring nothing', async () => {
    const bytes = backups.get('sqlite') as Buffer;
    const text = gunzipSync(bytes).toString('utf8');
    const cut = gzipSync(Buffer.from(text.slice(0, Math.floor(text.length * 0.6)).replace(/\n[^\n]*$/, '\n')));
    const make = DATABASES[0];
    assert.ok(make);
    const { target, db } = await emptyDatabase(make.create);
    databases.push(target);
    dbs.push(db);
    const cases: [Buffer, RegExp][] = [
      [cut, /cut short/],
      [gzipSync('{"hello":"world"}\n'), /not an ActionLine backup/],
      [Buffer.from('plain text'), /damaged or not gzip/],
    ];
    for (const [file, reason] of cases) {
      await assert.rejects(restoreDatabase(db, Readable.from([file])), (e: unknown) => {
        assert.ok(e instanceof BackupError, String(e));
        assert.match(e.message, reason);
        return true;
      });
      const plans = await db.db.selectFrom('plans').select('id').execute();
      assert.equal(plans.length, 0, 'nothing of a refused file stays');
    }
    await restoreDatabase(db, Readable.from([bytes]));
    await assert.rejects(restoreDatabase(db, Readable.from([bytes])), /already holds data/);
  });

  for (const [i, make] of DATABASES.entries()) {
    it(`copies a live ${make.name} database as it stood at one moment while edits go on`, async () => {
      const source = servers[i] as TestServer;
      const editor = await signedIn(source, 'editor', 'canada', `live.${make.name}@example.org`);
      const body = (n: number) => ({ title: { en: `Live edit ${n}`, fr: null }, type: 'training', status: 'planned' });
      const created = await editor.request<ActivityDetail>('POST', '/api/v1/activities', body(0));
      assert.equal(created.status, 201);
      const id = created.body.id;
      let version = created.body.version;
      let writing = true;
      const edits = (async () => {
        for (let n = 1; writing; n++) {
          const res = await editor.request<ActivityDetail>('PUT', `/api/v1/activities/${id}`, body(n), {
            'if-match': `"${version}"`,
          });
          assert.equal(res.status, 200, JSON.stringify(res.body));
          version = res.body.version;
        }
      })();
      await new Promise((r) => setTimeout(r, 100));
      const before = version;
      const bytes = await backupBytes(source.db);
      await new Promise((r) => setTimeout(r, 100));
      writing = false;
      await edits;
      assert.ok(version > before + 1, 'edits went on around the backup');

      // In the copy, the activity and its history agree: each edit is wholly in it or not at all.
      let table = '';
      let columns: string[] = [];
      let stored: number | null = null;
      const history: number[] = [];
      for (const line of gunzipSync(bytes).toString('utf8').trim().split('\n')) {
        const row = JSON.parse(line) as unknown;
        if (!Array.isArray(row)) {
          const head = row as { table?: string; columns?: string[] };
          if (head.table) [table, columns] = [head.table, head.columns ?? []];
          continue;
        }
        const value = (name: string) => row[columns.indexOf(name)] as unknown;
        if (table === 'activities' && value('id') === id) stored = Number(value('version'));
        if (table === 'record_history' && value('entity_id') === id) history.push(Number(value('version')));
      }
      assert.ok(stored !== null && stored >= before, `the copy holds version ${stored}, at least ${before}`);
      assert.ok(stored < version, 'and not the edits made after it');
      assert.deepEqual(
        history.sort((a, b) => a - b),
        Array.from({ length: stored }, (_, k) => k + 1),
        'its history holds exactly the versions up to the one copied',
      );
    });
  }
});
