import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Problem } from '../src/shared/api-types';
import { OPERATIONS } from '../src/server/openapi';
import { Client, signedIn } from './support/client';
import { DATABASES, type TestDatabase } from './support/databases';
import { startTestServer, type TestServer } from './support/server';

/** Small limits, so that a test can reach them. */
const LIMITS = { compute: 5, files: 2 };

for (const target of DATABASES) {
  describe(`rate limits on costly requests on ${target.name}`, () => {
    let database: TestDatabase;
    let server: TestServer;

    before(async () => {
      database = await target.create();
      server = await startTestServer(database, { rateLimits: LIMITS });
      // PostgreSQL's change listener connects on the first read: until then nothing is cached.
      for (let i = 0; i < 100; i++) {
        const res = await fetch(`${server.baseUrl}/api/v1/plans`);
        await res.arrayBuffer();
        if (res.headers.get('x-cache') === 'hit') break;
        await new Promise((r) => setTimeout(r, 20));
      }
    });
    after(async () => {
      await server?.close();
      await database?.drop();
    });

    const get = async (client: Client, path: string) => {
      const res = await client.request<Problem>('GET', path);
      return { ...res, cache: res.headers.get('x-cache') };
    };

    it('refuses a caller beyond the limit with a 429 that says how many and when to retry, and still serves cached answers', async () => {
      const anyone = new Client(server);
      for (let i = 0; i < LIMITS.compute; i++) {
        const res = await get(anyone, `/api/v1/search?q=women${'s'.repeat(i)}`);
        assert.equal(res.status, 200, `request ${i + 1} of ${LIMITS.compute}`);
        assert.equal(res.cache, 'miss');
        assert.equal(res.headers.get('ratelimit-remaining'), String(LIMITS.compute - i - 1));
      }
      const refused = await get(anyone, '/api/v1/activities?q=labour');
      assert.equal(refused.status, 429);
      assert.match(String(refused.headers.get('content-type')), /application\/problem\+json/);
      assert.equal(refused.body.type, 'urn:actionline:problem:rate-limited');
      assert.match(refused.body.detail ?? '', /at most 5 a minute/);
      assert.match(refused.body.detail ?? '', /this address/);
      const retry = Number(refused.headers.get('retry-after'));
      assert.ok(retry > 0 && retry <= 60, `Retry-After ${retry}`);

      // An answer already made costs nothing: it is served whatever the count.
      const cached = await get(anyone, '/api/v1/search?q=women');
      assert.equal(cached.status, 200);
      assert.equal(cached.cache, 'hit');
      // Nor are cheap reads limited.
      assert.equal((await get(anyone, '/api/v1/plans')).status, 200);
    });

    it('counts a signed-in person on their own, and files apart from computed answers', async () => {
      const officer = await signedIn(server, 'viewer', 'canada');
      assert.equal((await get(officer, '/api/v1/search?q=labour')).status, 200, 'not the address’s count');
      for (let i = 0; i < LIMITS.files; i++) {
        const res = await officer.raw(`/api/v1/exports/funding-lines?format=csv&page=${i}`);
        await res.arrayBuffer();
        assert.notEqual(res.status, 429, `export ${i + 1} of ${LIMITS.files}`);
      }
      const refused = await officer.raw('/api/v1/exports/activities?format=csv');
      assert.equal(refused.status, 429);
      const body = (await refused.json()) as Problem;
      assert.match(body.detail ?? '', /exports, reports and imports from this account: at most 2 a minute/);
      // The computed class has its own count.
      assert.equal((await get(officer, '/api/v1/search?q=trade')).status, 200);
    });

    it('limits only routes that exist, and documents the 429 on each of them', async () => {
      const routes = new Set(server.app.routeTable.map((r) => `${r.method} ${r.url}`));
      const costly = OPERATIONS.filter((o) => o.cost);
      assert.ok(costly.length >= 10);
      for (const o of costly) assert.ok(routes.has(`${o.method} ${o.route}`), `${o.method} ${o.route} is a route`);
      const spec = (
        await server.get<{ paths: Record<string, Record<string, { responses: Record<string, unknown> }>> }>(
          '/api/v1/openapi.json',
        )
      ).body;
      const search = spec.paths['/api/v1/search']?.get;
      assert.ok(search?.responses['429'], 'search documents its 429');
    });
  });
}
