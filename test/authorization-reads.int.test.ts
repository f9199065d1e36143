import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { POLICY } from '../src/core/policy';
import { OPERATIONS } from '../src/server/openapi';
import { ROLES, type Role } from '../src/shared/vocab';
import { Client, signedIn } from './support/client';
import { DATABASES, type TestDatabase } from './support/databases';
import { fillRoute, seedRecordIds } from './support/routes';
import { startTestServer, type TestServer } from './support/server';

type Who = 'public' | Role;
const WHO: Who[] = ['public', ...ROLES];

/** Every read that is not public, with the least role its access names (any signed-in person: a viewer). */
const READS = OPERATIONS.filter((o) => o.method === 'GET' && o.access !== 'public').map((o) => ({
  route: o.route,
  least: o.access === 'signed-in' || o.access === 'public' ? 'viewer' : POLICY[o.access],
}));

for (const target of DATABASES) {
  describe(`authorization of every signed-in read on ${target.name}`, () => {
    let database: TestDatabase;
    let server: TestServer;
    const clients = new Map<Who, Client>();
    /** A real record for each kind of path parameter. */
    let ids = new Map<string, string>();

    before(async () => {
      database = await target.create();
      server = await startTestServer(database);
      clients.set('public', new Client(server));
      for (const role of ROLES) clients.set(role, await signedIn(server, role, 'asean'));
      ids = await seedRecordIds(server);
      const users = await clients.get('admin')!.get<{ items: { id: string }[] }>('/api/v1/users');
      const upload = await clients
        .get('editor')!
        .upload<{ id: string }>('/api/v1/imports/csv?dryRun=true', 'not,a,template\n1,2,3\n', 'text/csv');
      ids.set('users', users.body.items[0]!.id);
      ids.set('imports', upload.body.id);
    });
    after(async () => {
      await server?.close();
      await database?.drop();
    });

    it('has a case for every read the OpenAPI description does not mark public', () => {
      const reads = server.app.routeTable.filter((r) => r.method === 'GET' && r.url.startsWith('/api/v1/'));
      const described = new Set(OPERATIONS.filter((o) => o.method === 'GET').map((o) => o.route));
      assert.deepEqual(
        reads.map((r) => r.url).filter((u) => !described.has(u) && u !== '/api/v1/openapi.json'),
        [],
        'reads without an access in the OpenAPI description',
      );
      assert.ok(READS.length >= 10, `${READS.length} signed-in reads`);
    });

    for (const c of READS) {
      it(`GET ${c.route}: answered from ${c.least} up, refused below`, async () => {
        const path = fillRoute(c.route, ids);
        for (const who of WHO) {
          const res = await clients.get(who)!.get(path);
          const allowed = who !== 'public' && ROLES.indexOf(who) >= ROLES.indexOf(c.least);
          if (who === 'public') assert.equal(res.status, 401, `${who}: ${JSON.stringify(res.body)}`);
          else if (!allowed) assert.equal(res.status, 403, `${who}: ${JSON.stringify(res.body)}`);
          else assert.equal(res.status, 200, `${who} got ${res.status}: ${JSON.stringify(res.body)}`);
        }
      });
    }
  });
}
