import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { ActivitySummary, OrganisationSummary, Page } from '../src/shared/api-types';
import { DATABASES, type TestDatabase } from './support/databases';
import { startTestServer, type TestServer } from './support/server';

for (const target of DATABASES) {
  describe(`list formats and conditional reads on ${target.name}`, () => {
    let database: TestDatabase;
    let server: TestServer;
    before(async () => {
      database = await target.create();
      server = await startTestServer(database);
    });
    after(async () => {
      await server?.close();
      await database?.drop();
    });

    it('answers a list as CSV with the same rows as the JSON page', async () => {
      const query = '/api/v1/activities?country=ID&sort=title&pageSize=7&page=1';
      const json = await server.get<Page<ActivitySummary>>(query);
      const res = await fetch(server.baseUrl + query, { headers: { accept: 'text/csv' } });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
      assert.equal(res.headers.get('x-total-count'), String(json.body.total));
      const rows = parse<Record<string, string>>(await res.text(), { bom: true, columns: true });
      assert.deepEqual(
        rows.map((r) => [r.id, r.title, r.status, r.countries?.split('; ').includes('ID')]),
        json.body.items.map((a) => [a.id, a.title.en ?? a.title.fr, a.status, true]),
      );
      const orgs = await server.get<Page<OrganisationSummary>>('/api/v1/organisations?pageSize=5');
      const orgCsv = await fetch(`${server.baseUrl}/api/v1/organisations?pageSize=5`, {
        headers: { accept: 'text/csv' },
      });
      const orgRows = parse<Record<string, string>>(await orgCsv.text(), { bom: true, columns: true });
      assert.deepEqual(
        orgRows.map((r) => [r.id, Number(r.activityCount)]),
        orgs.body.items.map((o) => [o.id, o.activityCount]),
      );
      const jsonByDefault = await fetch(`${server.baseUrl}/api/v1/activities?pageSize=1`, {
        headers: { accept: '*/*' },
      });
      assert.match(jsonByDefault.headers.get('content-type') ?? '', /application\/json/);
      await jsonByDefault.arrayBuffer();
    });

    it('sends ETags and answers 304 to a matching If-None-Match, and 200 once the data changed', async () => {
      const path = '/api/v1/organisations?pageSize=3';
      const first = await fetch(server.baseUrl + path);
      await first.arrayBuffer();
      const etag = first.headers.get('etag');
      assert.match(etag ?? '', /^W\/"[\w-]+"$/);
      const again = await fetch(server.baseUrl + path, { headers: { 'if-none-match': etag ?? '' } });
      assert.equal(again.status, 304);
      assert.equal((await again.text()).length, 0);
      const other = await fetch(`${server.baseUrl}/api/v1/organisations?pageSize=4`, {
        headers: { 'if-none-match': etag ?? '' },
      });
      assert.equal(other.status, 200, 'another answer has another tag');
      await other.arrayBuffer();
      await server.db.db.updateTable('organisations').set({ acronym: 'CHANGED' }).execute();
      const changed = await fetch(server.baseUrl + path, { headers: { 'if-none-match': etag ?? '' } });
      assert.equal(changed.status, 200);
      assert.notEqual(changed.headers.get('etag'), etag);
      await changed.arrayBuffer();
      const record = await fetch(`${server.baseUrl}/api/v1/plans/asean-canada-2010-2015`);
      assert.match(record.headers.get('etag') ?? '', /^"\d+"$/, 'records keep their version as the tag');
      await record.arrayBuffer();
    });
  });
}
