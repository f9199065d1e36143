import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createSqliteDatabase, type TestDatabase } from './support/databases';
import { startTestServer, type TestServer } from './support/server';

describe('serving the web UI', () => {
  let database: TestDatabase;
  let server: TestServer;
  let webDir: string;

  before(async () => {
    webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'actionline-web-'));
    fs.mkdirSync(path.join(webDir, 'assets'));
    fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>shell</title>');
    fs.writeFileSync(path.join(webDir, 'assets', 'app-1234.js'), 'console.log(1)');
    database = await createSqliteDatabase();
    server = await startTestServer(database, { webDir, seed: false });
  });
  after(async () => {
    await server?.close();
    await database?.drop();
    fs.rmSync(webDir, { recursive: true, force: true });
  });

  it('answers every page URL with the UI shell, for GET and HEAD', async () => {
    for (const p of ['/', '/en/', '/en/activities?country=ID', '/en/framework/abc']) {
      const res = await fetch(server.baseUrl + p);
      assert.equal(res.status, 200, p);
      assert.match(res.headers.get('content-type') ?? '', /text\/html/, p);
      assert.match(await res.text(), /<title>shell<\/title>/, p);
    }
    const head = await fetch(`${server.baseUrl}/en/activities`, { method: 'HEAD' });
    assert.equal(head.status, 200);
  });

  it('serves hashed assets with a long cache lifetime', async () => {
    const res = await fetch(`${server.baseUrl}/assets/app-1234.js`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('cache-control') ?? '', /immutable/);
  });

  it('keeps API and missing files out of the fallback', async () => {
    for (const p of ['/api/v1/nothing', '/assets/missing.js', '/favicon-missing.png']) {
      const res = await fetch(server.baseUrl + p);
      assert.equal(res.status, 404, p);
      assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/, p);
    }
    const post = await fetch(`${server.baseUrl}/en/activities`, { method: 'POST' });
    assert.equal(post.status, 404);
  });
});
