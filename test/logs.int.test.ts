import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loggerOptions } from '../src/server/logging';
import { acceptLinkPath } from '../src/shared/links';
import { Client, signedIn, TEST_PASSWORD } from './support/client';
import { DATABASES, type TestDatabase } from './support/databases';
import { startTestServer, type TestServer } from './support/server';

for (const target of DATABASES) {
  describe(`the server's logs on ${target.name}`, () => {
    let database: TestDatabase;
    let server: TestServer;
    const lines: string[] = [];

    before(async () => {
      database = await target.create();
      // The logger `serve` uses, at its most verbose, writing into memory.
      server = await startTestServer(database, {
        seed: false,
        logger: loggerOptions('trace', { write: (line) => void lines.push(line) }),
      });
    });
    after(async () => {
      await server?.close();
      await database?.drop();
    });

    it('are JSON lines with a request id, and hold no password, session, CSRF, API or link token', async () => {
      const admin = await signedIn(server, 'admin');
      const session = /al_session=[^;]+/.exec(
        (
          await fetch(`${server.baseUrl}/api/v1/auth/sign-in`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email: 'admin.asean@example.org', password: TEST_PASSWORD }),
          })
        ).headers.get('set-cookie') ?? '',
      )?.[0];
      assert.ok(session, 'a session cookie');
      const wrong = 'not the password at all';
      assert.equal((await new Client(server).signIn('admin.asean@example.org', wrong)).status, 401);

      const apiToken = (await admin.request<{ token: string }>('POST', '/api/v1/auth/tokens', { name: 'script' })).body
        .token;
      assert.equal((await new Client(server, apiToken).get('/api/v1/auth/me')).status, 200);
      const forged = 'forged-csrf-token-value';
      assert.equal(
        (await admin.request('POST', '/api/v1/auth/tokens', { name: 'x' }, { 'x-csrf-token': forged })).status,
        403,
      );

      const user = await admin.request<{ id: string }>('POST', '/api/v1/users', {
        email: 'invitee@example.org',
        displayName: 'Invitee',
        role: 'editor',
        side: 'canada',
      });
      const link = await admin.request<{ token: string; path: string }>('POST', `/api/v1/users/${user.body.id}/links`, {
        kind: 'invite',
      });
      assert.equal(link.body.path, acceptLinkPath('en', link.body.token));
      // A link issued before the token moved to the fragment carried it in the query: opened, it is requested.
      await fetch(`${server.baseUrl}/en/account/accept?token=${encodeURIComponent(link.body.token)}`);
      const chosen = 'the invitee chooses this passphrase';
      const accepted = await new Client(server).request('POST', '/api/v1/auth/accept', {
        token: link.body.token,
        password: chosen,
      });
      assert.equal(accepted.status, 200);
      // A bad value is logged as a client error, not with the body that carried it.
      assert.equal((await new Client(server).signIn('x', 'short')).status, 400);

      assert.ok(lines.length > 20, `${lines.length} log lines`);
      const records = lines.map((l) => JSON.parse(l) as { reqId?: string; req?: { url?: string } });
      assert.ok(
        records.some((r) => r.reqId && r.req?.url === '/api/v1/auth/sign-in'),
        'requests are logged',
      );
      assert.ok(
        records.some((r) => r.req?.url === '/en/account/accept?token=[Redacted]'),
        'the link is logged with its token redacted',
      );
      const text = lines.join('\n');
      for (const [what, secret] of [
        ['password', TEST_PASSWORD],
        ['wrong password', wrong],
        ['chosen password', chosen],
        ['session token', session.split('=')[1]!],
        ['CSRF token', admin.csrf!],
        ['forged CSRF token', forged],
        ['API token', apiToken],
        ['link token', link.body.token],
        ['link token (URL-encoded)', encodeURIComponent(link.body.token)],
      ] as const) {
        assert.ok(!text.includes(secret), `the ${what} is in the logs`);
      }
    });
  });
}
