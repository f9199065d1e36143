import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Problem } from '../src/shared/api-types';
import { Client, signedIn, TEST_PASSWORD } from './support/client';
import { DATABASES, type TestDatabase } from './support/databases';
import { startTestServer, type TestServer } from './support/server';

for (const target of DATABASES) {
  describe(`accounts and sign-in on ${target.name}`, () => {
    let database: TestDatabase;
    let server: TestServer;

    before(async () => {
      database = await target.create();
      server = await startTestServer(database, { seed: false });
    });
    after(async () => {
      await server?.close();
      await database?.drop();
    });

    it('signs in with a secure session cookie, tells who is signed in, and signs out', async () => {
      const c = await signedIn(server, 'editor');
      const me = await c.get<{ user: { email: string; role: string }; csrfToken: string }>('/api/v1/auth/me');
      assert.equal(me.status, 200);
      assert.equal(me.body.user.email, 'editor.asean@example.org');
      assert.equal(me.body.csrfToken, c.csrf);
      const out = await c.request('POST', '/api/v1/auth/sign-out');
      assert.equal(out.status, 204);
      assert.equal((await c.get('/api/v1/auth/me')).status, 401);
    });

    it('sets the cookie HttpOnly and SameSite, never exposing the password hash', async () => {
      await server.core.auth.createUser(
        null,
        { email: 'c@example.org', displayName: 'C', role: 'viewer', side: 'canada' },
        TEST_PASSWORD,
      );
      const res = await fetch(`${server.baseUrl}/api/v1/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'C@Example.org ', password: TEST_PASSWORD }),
      });
      assert.equal(res.status, 200);
      const cookie = res.headers.get('set-cookie') ?? '';
      assert.match(cookie, /al_session=als_/);
      assert.match(cookie, /HttpOnly/i);
      assert.match(cookie, /SameSite=Lax/i);
      assert.doesNotMatch(await res.text(), /argon2|password_hash/);
    });

    it('answers a wrong password and an unknown account alike, then rate-limits', async () => {
      await server.core.auth.createUser(
        null,
        { email: 'rl@example.org', displayName: 'R', role: 'viewer', side: 'asean' },
        TEST_PASSWORD,
      );
      const c = new Client(server);
      const wrong = await c.signIn('rl@example.org', 'not the password');
      const unknown = await c.signIn('nobody@example.org', 'not the password');
      assert.equal(wrong.status, 401);
      assert.equal(unknown.status, 401);
      assert.deepEqual((wrong.body as unknown as Problem).detail, (unknown.body as unknown as Problem).detail);
      for (let i = 0; i < 4; i++) await c.signIn('rl@example.org', 'still wrong');
      const limited = await c.signIn('rl@example.org', TEST_PASSWORD);
      assert.equal(limited.status, 429, 'even the right password waits once the limit is hit');
      assert.match((limited.body as unknown as Problem).detail, /Too many failed sign-ins/);
    });

    it('validates sign-in input and names the field', async () => {
      const c = new Client(server);
      const res = await c.request<Problem>('POST', '/api/v1/auth/sign-in', { email: 'not-an-email', password: '' });
      assert.equal(res.status, 400);
      assert.deepEqual(res.body.errors?.map((e) => e.name).sort(), ['email', 'password']);
    });

    it('refuses cookie-authenticated writes without the CSRF token', async () => {
      const c = await signedIn(server, 'viewer', 'partner');
      const res = await c.request<Problem>('POST', '/api/v1/auth/tokens', { name: 'x' }, { 'x-csrf-token': 'forged' });
      assert.equal(res.status, 403);
      assert.match(res.body.detail, /CSRF/);
      const ok = await c.request('POST', '/api/v1/auth/tokens', { name: 'script' });
      assert.equal(ok.status, 201);
    });

    it('issues API tokens shown once, usable as Bearer, revocable', async () => {
      const c = await signedIn(server, 'reviewer', 'canada');
      const created = await c.request<{ id: string; token: string }>('POST', '/api/v1/auth/tokens', { name: 'cli' });
      assert.equal(created.status, 201);
      assert.match(created.body.token, /^alt_/);
      const listed = await c.get<{ items: { id: string; token?: string }[] }>('/api/v1/auth/tokens');
      assert.ok(
        listed.body.items.every((t) => t.token === undefined),
        'the secret is never shown again',
      );

      const api = new Client(server, created.body.token);
      const me = await api.get<{ user: { role: string } }>('/api/v1/auth/me');
      assert.equal(me.body.user.role, 'reviewer');
      assert.equal((await c.request('DELETE', `/api/v1/auth/tokens/${created.body.id}`)).status, 204);
      assert.equal((await api.get('/api/v1/auth/me')).status, 401);
    });

    it('lets an admin invite a person who sets a password through the link, once', async () => {
      const admin = await signedIn(server, 'admin');
      const created = await admin.request<{ id: string; status: string }>('POST', '/api/v1/users', {
        email: 'new.officer@example.org',
        displayName: 'New Officer',
        role: 'editor',
        side: 'canada',
      });
      assert.equal(created.status, 201);
      assert.equal(created.body.status, 'invited');
      const link = await admin.request<{ token: string }>('POST', `/api/v1/users/${created.body.id}/links`, {
        kind: 'invite',
      });
      assert.equal(link.status, 201);

      const invitee = new Client(server);
      const short = await invitee.request<Problem>('POST', '/api/v1/auth/accept', {
        token: link.body.token,
        password: 'short',
      });
      assert.equal(short.status, 400);
      assert.match(short.body.errors![0]!.reason, /at least 12/);
      const accepted = await invitee.request('POST', '/api/v1/auth/accept', {
        token: link.body.token,
        password: 'a long enough password',
      });
      assert.equal(accepted.status, 200);
      assert.equal((await invitee.get('/api/v1/auth/me')).status, 200);
      const again = await new Client(server).request('POST', '/api/v1/auth/accept', {
        token: link.body.token,
        password: 'another long password',
      });
      assert.equal(again.status, 400);
      assert.equal((await new Client(server).signIn('new.officer@example.org', 'a long enough password')).status, 200);
    });

    it('changes the password, ending the person’s other sessions', async () => {
      const first = await signedIn(server, 'editor', 'partner');
      const second = new Client(server);
      await second.signIn('editor.partner@example.org', TEST_PASSWORD);
      const bad = await first.request<Problem>('POST', '/api/v1/auth/password', {
        currentPassword: 'nope',
        newPassword: 'brand new password!',
      });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.errors![0]!.name, 'currentPassword');
      const ok = await first.request('POST', '/api/v1/auth/password', {
        currentPassword: TEST_PASSWORD,
        newPassword: 'brand new password!',
      });
      assert.equal(ok.status, 204);
      assert.equal((await first.get('/api/v1/auth/me')).status, 200);
      assert.equal((await second.get('/api/v1/auth/me')).status, 401);
    });

    it('keeps user management to admins', async () => {
      const editor = await signedIn(server, 'editor', 'canada');
      const res = await editor.request<Problem>('POST', '/api/v1/users', {
        email: 'x@example.org',
        displayName: 'X',
        role: 'admin',
        side: 'asean',
      });
      assert.equal(res.status, 403);
      assert.equal((await new Client(server).get('/api/v1/users')).status, 401);
    });
  });
}

describe('session expiry', () => {
  it('ends an idle session and refuses expired invitation links', async () => {
    const database = await DATABASES[0]!.create();
    const server = await startTestServer(database, { seed: false, auth: { sessionIdleMs: 300, linkTtlMs: 1 } });
    try {
      const c = await signedIn(server, 'viewer');
      assert.equal((await c.get('/api/v1/auth/me')).status, 200);
      await new Promise((r) => setTimeout(r, 400));
      const expired = await c.get<Problem>('/api/v1/auth/me');
      assert.equal(expired.status, 401);

      const u = await server.core.auth.createUser(null, {
        email: 'late@example.org',
        displayName: 'Late',
        role: 'viewer',
        side: 'asean',
      });
      const link = await server.core.auth.issueLink(null, u.id, 'invite');
      await new Promise((r) => setTimeout(r, 10));
      const res = await new Client(server).request<Problem>('POST', '/api/v1/auth/accept', {
        token: link.token,
        password: 'a long enough password',
      });
      assert.equal(res.status, 400);
      assert.match(res.body.errors![0]!.reason, /expired/);
    } finally {
      await server.close();
      await database.drop();
    }
  });
});
