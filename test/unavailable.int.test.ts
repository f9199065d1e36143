import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createCore } from '../src/core/core';
import { openDatabase, type Db } from '../src/core/db/database';
import { migrateToLatest } from '../src/core/db/migrate';
import { seedDatabase } from '../src/core/seed/seed.service';
import type { Problem } from '../src/shared/api-types';
import { buildApp } from '../src/server/app';
import { DATABASES, type TestDatabase } from './support/databases';

async function get(app: FastifyInstance, url: string) {
  const res = await app.inject({ method: 'GET', url });
  return { status: res.statusCode, headers: res.headers, body: res.json<Problem>() };
}

for (const target of DATABASES) {
  const skip =
    target.name === 'sqlite'
      ? 'an SQLite file is never unreachable; a lock held too long is the same error path'
      : false;

  describe(`when ${target.name} cannot serve`, { skip }, () => {
    let database: TestDatabase;

    before(async () => {
      database = await target.create();
      const db = openDatabase(database.config);
      await migrateToLatest(db);
      await seedDatabase(db);
      await db.close();
    });
    after(async () => {
      await database?.drop();
    });

    it('answers 503 with a clear message, at once, while the server is unreachable', async () => {
      const url = new URL(database.config.kind === 'postgres' ? database.config.url : '');
      url.port = '1'; // nothing listens there
      const db = openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 2, connectTimeoutMs: 1_000 });
      const app = await buildApp({ core: createCore(db) });
      try {
        const started = Date.now();
        const res = await get(app, '/api/v1/plans');
        assert.equal(res.status, 503);
        assert.match(String(res.headers['content-type']), /application\/problem\+json/);
        assert.equal(res.body.type, 'urn:actionline:problem:database-unavailable');
        assert.match(res.body.detail ?? '', /retry/i);
        assert.equal(res.headers['retry-after'], '5');
        assert.ok(Date.now() - started < 5_000, 'fails fast');
      } finally {
        await app.close();
        await db.close();
      }
    });

    it('answers a search 503 while the server is unreachable, leaving no failure unhandled', async () => {
      const url = new URL(database.config.kind === 'postgres' ? database.config.url : '');
      url.port = '1';
      const db = openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 2, connectTimeoutMs: 1_000 });
      const app = await buildApp({ core: createCore(db), responseCache: { maxBytes: 0, ttlMs: 0 } });
      // An unhandled rejection would stop the whole server process; here it is caught and counted.
      const unhandled: unknown[] = [];
      const onUnhandled = (reason: unknown) => void unhandled.push(reason);
      process.on('unhandledRejection', onUnhandled);
      try {
        // Words too short to correct: the search's own queries are the first to reach the database.
        for (const q of ['ab', '2011&country=TH']) {
          const res = await get(app, `/api/v1/search?q=${q}`);
          assert.equal(res.status, 503, q);
          assert.equal(res.body.type, 'urn:actionline:problem:database-unavailable');
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
        assert.deepEqual(unhandled, []);
      } finally {
        process.off('unhandledRejection', onUnhandled);
        await app.close();
        await db.close();
      }
    });

    it('answers 503 when every connection stays busy past the wait limit, and serves again once one is free', async () => {
      const db: Db = openDatabase({
        ...(database.config as Extract<TestDatabase['config'], { kind: 'postgres' }>),
        poolSize: 1,
        connectTimeoutMs: 300,
      });
      const app = await buildApp({ core: createCore(db), responseCache: { maxBytes: 0, ttlMs: 1 } });
      try {
        let release!: () => void;
        const held = new Promise<void>((r) => (release = r));
        const holding = db.db.transaction().execute(() => held);
        await new Promise((r) => setTimeout(r, 50));
        const busy = await get(app, '/api/v1/plans');
        assert.equal(busy.status, 503);
        assert.equal(busy.body.type, 'urn:actionline:problem:database-unavailable');
        release();
        await holding;
        assert.equal((await app.inject({ method: 'GET', url: '/api/v1/plans' })).statusCode, 200);
      } finally {
        await app.close();
        await db.close();
      }
    });
  });
}
