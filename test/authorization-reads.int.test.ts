import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { POLICY } from '../src/core/policy';
import { OPERATIONS } from '../src/server/openapi';
import { ROLES, type Role } from '../src/shared/vocab';
import { Client, signedIn } from './support/client';
import { DATABASES, type TestDatabase } from './support/databases';
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
    const ids = new Map<string, string>();

    before(async () => {
      database = await target.create();
      server = await startTestServer(database);
      clients.set('public', new Client(server));
      for (const role of ROLES) clients.set(role, await signedIn(server, role, 'asean'));
      const plan = (await server.get<{ items: { slug: string }[] }>('/api/v1/plans')).body.items[0]!;
      const detail = (await server.get<{ framework: { id: string }[] }>(`/api/v1/plans/${plan.slug}`)).body;
      const activity = (await server.get<{ items: { id: string }[] }>('/api/v1/activities?pageSize=1')).body.items[0]!;
      const org = (await server.get<{ items: { id: string }[] }>('/api/v1/organisations?pageSize=1')).body.items[0]!;
      const users = await clients.get('admin')!.get<{ items: { id: string }[] }>('/api/v1/users');
      const upload = await clients
        .get('editor')!
        .upload<{ id: string }>('/api/v1/imports/csv?dryRun=true', 'not,a,template\n1,2,3\n', 'text/csv');
      ids.set('plans', plan.slug);
      ids.set('framework-nodes', detail.framework[0]!.id);
      ids.set('activities', activity.id);
      ids.set('organisations', org.id);
      ids.set('users', users.body.items[0]!.id);
      ids.set('imports', upload.body.id);
    });
    after(async () => {
      await server?.close();
      await database?.drop();
    });

    const pathOf = (route: string): string => {
      const parts = route.split('/');
      return parts
        .map((p, i) => {
          if (!p.startsWith(':')) return p;
          if (p === ':currency') return 'USD';
          if (p === ':year') return '2012';
          return encodeURIComponent(ids.get(parts[i - 1] ?? '') ?? 'not-a-record');
        })
        .join('/');
    };

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
        const path = pathOf(c.route);
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
