import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Problem, UserView } from '../src/shared/api-types';
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

for (const target of DATABASES) {
  describe(`administering accounts on ${target.name}`, () => {
    let database: TestDatabase;
    let server: TestServer;
    let admin: Client;
    let adminId: string;

    const users = async () => (await admin.get<{ items: UserView[] }>('/api/v1/users')).body.items;
    const account = async (email: string) => (await users()).find((u) => u.email === email)!;
    const edit = (id: string, body: Record<string, unknown>, version: number | null, as: Client = admin) =>
      as.request<UserView & Partial<Omit<Problem, 'status'>>>(
        'PUT',
        `/api/v1/users/${id}`,
        body,
        version === null ? {} : { 'if-match': `"${version}"` },
      );
    const fields = (u: UserView) => ({
      displayName: u.displayName,
      role: u.role,
      side: u.side,
      organisationId: u.organisationId,
      disabled: u.disabled,
    });

    before(async () => {
      database = await target.create();
      server = await startTestServer(database, { seed: false });
      admin = await signedIn(server, 'admin', 'asean', 'only.admin@example.org');
      adminId = (await account('only.admin@example.org')).id;
    });
    after(async () => {
      await server?.close();
      await database?.drop();
    });

    it('lists accounts with their version and whether they are disabled', async () => {
      await signedIn(server, 'viewer', 'canada', 'listed@example.org');
      const listed = await account('listed@example.org');
      assert.equal(listed.disabled, false);
      assert.equal(listed.status, 'active');
      assert.equal(listed.version, 1, 'signing in is not an edit of the account');
      assert.equal(typeof listed.updatedAt, 'string');
    });

    it('changes a role, which takes effect on the person’s open session at once', async () => {
      const person = await signedIn(server, 'viewer', 'canada', 'promoted@example.org');
      assert.equal((await person.get('/api/v1/review-queue')).status, 403);
      const before = await account('promoted@example.org');
      const res = await edit(before.id, { ...fields(before), role: 'reviewer', displayName: 'Promoted Person' }, 1);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.role, 'reviewer');
      assert.equal(res.body.displayName, 'Promoted Person');
      assert.equal(res.body.version, 2);
      assert.equal(res.headers.get('etag'), '"2"');
      assert.equal((await person.get('/api/v1/review-queue')).status, 200);
      const me = await person.get<{ user: { role: string; displayName: string } }>('/api/v1/auth/me');
      assert.equal(me.body.user.role, 'reviewer');
      assert.equal(me.body.user.displayName, 'Promoted Person');

      const history = await admin.get<{ items: { action: string; changes: { field: string }[] }[] }>(
        `/api/v1/users/${before.id}/history`,
      );
      assert.deepEqual(
        history.body.items.map((h) => h.action),
        ['update', 'create'],
      );
      assert.deepEqual(history.body.items[0]!.changes.map((c) => c.field).sort(), ['displayName', 'role']);
      const stored = await server.db.db
        .selectFrom('record_history')
        .select(['snapshot', 'changes'])
        .where('entity_id', '=', before.id)
        .execute();
      for (const h of stored) assert.doesNotMatch(h.snapshot + h.changes, /password|argon2|token|als_|alt_/i);
    });

    it('requires If-Match, refuses a stale version with the current account, and validates every field', async () => {
      await signedIn(server, 'editor', 'partner', 'versioned@example.org');
      const u = await account('versioned@example.org');
      const missing = await edit(u.id, fields(u), null);
      assert.equal(missing.status, 428);
      assert.match(missing.body.detail ?? '', /If-Match/);
      assert.equal((await edit(u.id, { ...fields(u), side: 'canada' }, 1)).status, 200);
      const stale = await edit(u.id, { ...fields(u), role: 'admin' }, 1);
      assert.equal(stale.status, 409);
      assert.equal(stale.body.currentVersion, 2);
      assert.equal((stale.body.current as UserView).side, 'canada');
      assert.equal((await account('versioned@example.org')).role, 'editor', 'the stale edit changed nothing');

      const bad = await edit(
        u.id,
        { displayName: '', role: 'owner', side: 'canada', disabled: 'no', email: 'x@y.z' },
        2,
      );
      assert.equal(bad.status, 400);
      assert.deepEqual(bad.body.errors!.map((e) => e.name).sort(), ['disabled', 'displayName', 'email', 'role']);
      const org = await edit(u.id, { ...fields(u), organisationId: 'no-such-org' }, 2);
      assert.equal(org.status, 400);
      assert.equal(org.body.errors![0]!.name, 'organisationId');
      assert.equal((await edit('no-such-user', fields(u), 1)).status, 404);
    });

    it('disables an account: its sessions end, its API tokens stop, and it cannot sign in', async () => {
      const person = await signedIn(server, 'editor', 'asean', 'leaver@example.org');
      const second = new Client(server);
      assert.equal((await second.signIn('leaver@example.org', TEST_PASSWORD)).status, 200);
      const token = await person.request<{ token: string }>('POST', '/api/v1/auth/tokens', { name: 'script' });
      const api = new Client(server, token.body.token);
      assert.equal((await api.get('/api/v1/auth/me')).status, 200);

      const u = await account('leaver@example.org');
      const res = await edit(u.id, { ...fields(u), disabled: true }, u.version);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.disabled, true);
      assert.equal(res.body.status, 'disabled');
      assert.equal((await person.get('/api/v1/auth/me')).status, 401);
      assert.equal((await second.get('/api/v1/auth/me')).status, 401);
      assert.equal((await api.get('/api/v1/auth/me')).status, 401);
      const sessions = await server.db.db.selectFrom('sessions').select('id').where('user_id', '=', u.id).execute();
      assert.equal(sessions.length, 0);
      const tokens = await server.db.db
        .selectFrom('api_tokens')
        .select('revoked_at')
        .where('user_id', '=', u.id)
        .execute();
      assert.ok(tokens.every((t) => t.revoked_at !== null));

      const refused = await new Client(server).signIn('leaver@example.org', TEST_PASSWORD);
      assert.equal(refused.status, 403);
      assert.match((refused.body as unknown as Problem).detail, /disabled/);
      const wrong = await new Client(server).signIn('leaver@example.org', 'not the password');
      const unknown = await new Client(server).signIn('nobody.here@example.org', 'not the password');
      assert.equal(wrong.status, 401);
      assert.equal(
        (wrong.body as unknown as Problem).detail,
        (unknown.body as unknown as Problem).detail,
        'without the password a disabled account looks like any other',
      );

      const enabled = await edit(u.id, { ...fields(u), disabled: false }, res.body.version);
      assert.equal(enabled.body.status, 'active');
      assert.equal((await new Client(server).signIn('leaver@example.org', TEST_PASSWORD)).status, 200);
      assert.equal((await api.get('/api/v1/auth/me')).status, 401, 'revoked tokens stay revoked');
      const actions = (
        await admin.get<{ items: { action: string }[] }>(`/api/v1/users/${u.id}/history`)
      ).body.items.map((h) => h.action);
      assert.deepEqual(actions, ['enable', 'disable', 'create']);
    });

    it('keeps the last active administrator from disabling or demoting themselves', async () => {
      const me = await account('only.admin@example.org');
      const demote = await edit(adminId, { ...fields(me), role: 'editor' }, me.version);
      assert.equal(demote.status, 409);
      assert.match(demote.body.detail ?? '', /last active administrator/);
      assert.equal(demote.body.errors![0]!.name, 'role');
      const disable = await edit(adminId, { ...fields(me), disabled: true }, me.version);
      assert.equal(disable.status, 409);
      assert.equal(disable.body.errors![0]!.name, 'disabled');
      assert.equal((await admin.get('/api/v1/auth/me')).status, 200, 'still signed in, still an admin');

      // An invited admin cannot act yet, so does not count.
      const invited = await admin.request<UserView>('POST', '/api/v1/users', {
        email: 'invited.admin@example.org',
        displayName: 'Invited admin',
        role: 'admin',
        side: 'canada',
      });
      assert.equal(invited.status, 201);
      assert.equal((await edit(adminId, { ...fields(me), role: 'editor' }, me.version)).status, 409);

      // With a second active administrator, stepping down is allowed and takes effect at once.
      await signedIn(server, 'admin', 'canada', 'second.admin@example.org');
      const stepDown = await edit(adminId, { ...fields(me), role: 'editor' }, me.version);
      assert.equal(stepDown.status, 200, JSON.stringify(stepDown.body));
      assert.equal((await admin.get('/api/v1/users')).status, 403);
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
