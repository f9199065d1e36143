import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ActivityDetail, Problem } from '../src/shared/api-types';
import { signedIn, type Client } from './support/client';
import { DATABASES, type TestDatabase } from './support/databases';
import { startTestServer, type TestServer } from './support/server';

/** Text that breaks naive code, each to come back exactly as sent. */
const ODD = {
  rtl: 'Report \u202Eevil.exe\u202C and مرحبا بالعالم',
  combining: 'Cafe\u0301 Đa\u0300 Na\u0306\u0303ng',
  emoji: 'Women farmers 👩🏽‍🌾 in 🇨🇦 and 🇻🇳',
  markup: '<script>alert("x")</script> & <b>bold</b>',
};

for (const target of DATABASES) {
  describe(`odd input on ${target.name}`, () => {
    let database: TestDatabase;
    let server: TestServer;
    let editor: Client;

    before(async () => {
      database = await target.create();
      server = await startTestServer(database);
      editor = await signedIn(server, 'editor');
    });
    after(async () => {
      await server?.close();
      await database?.drop();
    });

    const count = async () => (await editor.get<{ total: number }>('/api/v1/activities?pageSize=1')).body.total;
    const draft = (title: string) => ({
      title: { en: title, fr: ODD.rtl },
      summary: { en: ODD.markup, fr: ODD.combining },
      type: 'dialogue',
      status: 'planned',
    });

    it('stores right-to-left text, combining marks, emoji and markup exactly as sent', async () => {
      const created = await editor.request<ActivityDetail>('POST', '/api/v1/activities', draft(ODD.emoji));
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const read = await editor.get<ActivityDetail>(`/api/v1/activities/${created.body.id}`);
      assert.deepEqual(read.body.title, { en: ODD.emoji, fr: ODD.rtl });
      assert.deepEqual(read.body.summary, { en: ODD.markup, fr: ODD.combining });
    });

    it('refuses a NUL character wherever it comes, naming where, and stores nothing', async () => {
      const before = await count();
      for (const [method, path, body, name] of [
        ['POST', '/api/v1/activities', { ...draft('a'), title: { en: 'Nul\u0000here', fr: null } }, 'title.en'],
        ['POST', '/api/v1/activities', { ...draft('b'), ['bad\u0000key']: 1 }, 'bad\u0000key'],
        ['GET', '/api/v1/activities?q=%00', undefined, 'q'],
        ['GET', '/api/v1/activities/a%00b', undefined, 'id'],
        ['GET', '/api/v1/search?q=water%00', undefined, 'q'],
      ] as const) {
        const res = await editor.request<Problem>(method, path, body);
        assert.equal(res.status, 400, `${method} ${path}`);
        assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
        assert.deepEqual(
          res.body.errors?.map((e) => e.name),
          [name],
        );
        assert.match(res.body.errors?.[0]?.reason ?? '', /NUL character \(U\+0000\)/);
      }
      assert.equal(await count(), before);
    });

    it('refuses JSON nested too deeply, without running out of stack', async () => {
      const deep = `{"title":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
      const res = await fetch(`${server.baseUrl}/api/v1/activities`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...editor.writeHeaders() },
        body: deep,
      });
      assert.equal(res.status, 400);
      const body = (await res.json()) as Problem;
      assert.match(body.errors?.[0]?.reason ?? '', /at most 32 levels/);
      assert.match(body.errors?.[0]?.name ?? '', /^title(\.0)+$/);
    });

    it('answers a request whose address is over the limit with a problem naming the limit', async () => {
      const res = await fetch(`${server.baseUrl}/api/v1/activities?q=${'x'.repeat(20_000)}`);
      assert.equal(res.status, 431);
      assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
      assert.match(((await res.json()) as Problem).detail, /limit of 16 KB/);
      // The server goes on.
      assert.equal((await server.get('/healthz')).status, 200);
    });
  });
}
