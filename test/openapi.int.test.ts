import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { OPERATIONS } from '../src/server/openapi';
import { DATABASES, type TestDatabase } from './support/databases';
import { startTestServer, type TestServer } from './support/server';

interface OpenApi {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      {
        parameters: { name: string; in: string; required: boolean; schema: Record<string, unknown> }[];
        requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
        responses: Record<string, unknown>;
        security?: unknown[];
      }
    >
  >;
}

for (const target of DATABASES) {
  describe(`OpenAPI description on ${target.name}`, () => {
    let database: TestDatabase;
    let server: TestServer;
    let doc: OpenApi;
    before(async () => {
      database = await target.create();
      server = await startTestServer(database, { seed: false });
      const res = await server.get<OpenApi>('/api/v1/openapi.json');
      assert.equal(res.status, 200);
      doc = res.body;
    });
    after(async () => {
      await server?.close();
      await database?.drop();
    });

    it('describes exactly the routes the server answers', () => {
      const served = server.app.routeTable
        .filter((r) => r.url.startsWith('/api/v1/') && r.method !== 'HEAD' && r.url !== '/api/v1/openapi.json')
        .map((r) => `${r.method} ${r.url}`)
        .sort();
      const described = OPERATIONS.map((o) => `${o.method} ${o.route}`).sort();
      assert.deepEqual(described, served);
      assert.equal(doc.openapi, '3.1.0');
      const count = Object.values(doc.paths).reduce((n, p) => n + Object.keys(p).length, 0);
      assert.equal(count, served.length);
    });

    it('takes query parameters and bodies from the schemas the routes parse with', async () => {
      const list = doc.paths['/api/v1/activities']?.get;
      const names = list?.parameters.map((p) => p.name) ?? [];
      for (const p of ['plan', 'country', 'status', 'page', 'pageSize', 'sort']) assert.ok(names.includes(p), p);
      const status = list?.parameters.find((p) => p.name === 'status');
      assert.match(JSON.stringify(status?.schema), /completed/);

      const create = doc.paths['/api/v1/activities']?.post;
      const body = create?.requestBody?.content['application/json']?.schema as {
        required: string[];
        properties: Record<string, unknown>;
        additionalProperties: boolean;
      };
      assert.deepEqual([...body.required].sort(), ['title', 'type', 'status'].sort());
      assert.equal(body.additionalProperties, false);
      assert.ok(create?.responses['401'] && create.responses['403'], 'writes say who may call them');

      // What the document calls required is what the server requires.
      const missing = await fetch(`${server.baseUrl}/api/v1/exports/activities?format=nope`);
      assert.equal(missing.status, 400);
      const format = doc.paths['/api/v1/exports/activities']?.get?.parameters.find((p) => p.name === 'format');
      assert.deepEqual((format?.schema as { enum: string[] }).enum, ['csv', 'xlsx', 'json', 'iati']);

      const put = doc.paths['/api/v1/activities/{id}']?.put;
      assert.ok(put?.parameters.some((p) => p.in === 'header' && p.name === 'If-Match' && p.required));
      assert.ok(put?.parameters.some((p) => p.in === 'path' && p.name === 'id'));
      const upload = doc.paths['/api/v1/imports/iati']?.post;
      assert.ok(upload?.requestBody?.content['application/xml']);
      assert.equal(doc.paths['/api/v1/plans']?.get?.security, undefined, 'public reads need no credentials');
    });

    it('serves an interactive viewer at /api/docs from the bundled package', async () => {
      const page = await fetch(`${server.baseUrl}/api/docs`);
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-type') ?? '', /text\/html/);
      assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self';/);
      const html = await page.text();
      assert.match(html, /<html lang="en">/);
      for (const src of [...html.matchAll(/(?:src|href)="(\/api\/docs\/[^"]+)"/g)].map((m) => m[1] as string)) {
        const res = await fetch(server.baseUrl + src);
        assert.equal(res.status, 200, src);
        assert.ok((await res.arrayBuffer()).byteLength > 20, src);
      }
      assert.equal(
        (await fetch(`${server.baseUrl}/api/docs/package.json`)).status,
        404,
        'only the viewer files are served',
      );
    });
  });
}
