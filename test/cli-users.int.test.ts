import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { UserView } from '../src/shared/api-types';
import { cli, envFor } from './support/cli';
import { DATABASES, type TestDatabase } from './support/databases';
import { startTestServer } from './support/server';

const ADMIN_PASSWORD = 'the first administrator password';

for (const target of DATABASES) {
  describe(`CLI accounts on ${target.name}`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await target.create();
    });
    after(async () => {
      await database?.drop();
    });

    it('lists, updates, disables and re-enables accounts; keeps the last administrator; prints a working link', async () => {
      const env = envFor(database);
      const empty = cli(['user', 'list'], env);
      assert.equal(empty.status, 0, empty.stderr);
      assert.match(empty.stdout, /No accounts yet/);

      const admin = cli(
        [
          'user',
          'create',
          '--email',
          'Admin@Example.org',
          '--name',
          'Ada Admin',
          '--role',
          'admin',
          '--side',
          'asean',
          '--password-stdin',
        ],
        env,
        `${ADMIN_PASSWORD}\n`,
      );
      assert.equal(admin.status, 0, admin.stderr);
      const editor = cli(
        ['user', 'create', '--email', 'ed@example.org', '--name', 'Ed Editor', '--role', 'editor', '--side', 'canada'],
        env,
      );
      assert.equal(editor.status, 0, editor.stderr);
      assert.match(editor.stdout, /Invitation link/, 'without --password-stdin an invitation link is printed');

      const table = cli(['user', 'list'], env);
      assert.equal(table.status, 0, table.stderr);
      const lines = table.stdout.trim().split('\n');
      assert.match(lines[0] ?? '', /^E-mail\s+Name\s+Role\s+Side\s+Organisation\s+Status$/);
      assert.ok(
        lines.some((l) => /^ed@example\.org\s+Ed Editor\s+editor\s+canada\s+–\s+invited$/.test(l)),
        table.stdout,
      );

      const promote = cli(
        ['user', 'update', '--email', 'ed@example.org', '--role', 'reviewer', '--side', 'asean'],
        env,
      );
      assert.equal(promote.status, 0, promote.stderr);
      assert.match(
        promote.stdout,
        /Updated ed@example\.org: reviewer, asean, organisation none, partnership every one, invited\./,
      );

      const disable = cli(['user', 'update', '--email', 'ed@example.org', '--disable'], env);
      assert.equal(disable.status, 0, disable.stderr);
      const listed = JSON.parse(cli(['user', 'list', '--json'], env).stdout) as UserView[];
      const ed = listed.find((u) => u.email === 'ed@example.org');
      assert.equal(ed?.status, 'disabled');
      assert.equal(ed?.role, 'reviewer', 'disabling keeps the role');
      assert.equal(ed?.displayName, 'Ed Editor', 'options not given are kept');

      const adminEmail = listed.find((u) => u.role === 'admin')?.email ?? '';
      const lastAdmin = cli(['user', 'update', '--email', adminEmail, '--disable'], env);
      assert.equal(lastAdmin.status, 1);
      assert.match(lastAdmin.stderr, /last active administrator/);
      const both = cli(['user', 'update', '--email', 'ed@example.org', '--disable', '--enable'], env);
      assert.equal(both.status, 2);
      const badRole = cli(['user', 'update', '--email', 'ed@example.org', '--role', 'owner'], env);
      assert.equal(badRole.status, 2);
      assert.match(badRole.stderr, /role: /);
      const nobody = cli(['user', 'update', '--email', 'nobody@example.org', '--enable'], env);
      assert.equal(nobody.status, 2);
      assert.match(nobody.stderr, /No account has the e-mail address nobody@example\.org/);

      assert.equal(cli(['user', 'update', '--email', 'ed@example.org', '--enable'], env).status, 0);
      const link = cli(['user', 'reset-link', '--email', 'ed@example.org', '--base-url', 'https://al.example/'], env);
      assert.equal(link.status, 0, link.stderr);
      const token = /https:\/\/al\.example\/en\/account\/accept#token=(\S+)/.exec(link.stdout)?.[1];
      assert.ok(token, link.stdout);

      const server = await startTestServer(database, { seed: false });
      try {
        await server.core.auth.acceptLink(decodeURIComponent(token), 'ed’s own new password');
        const session = await server.core.auth.signIn('ed@example.org', 'ed’s own new password', '127.0.0.1');
        assert.equal(session.actor.role, 'reviewer');
        await assert.rejects(server.core.auth.acceptLink(decodeURIComponent(token), 'another new password'));
      } finally {
        await server.close();
      }

      for (const command of ['list', 'update', 'reset-link']) {
        const help = cli(['user', command, '--help'], env);
        assert.equal(help.status, 0);
        assert.match(help.stdout, /Usage: actionline user /);
      }
    });
  });
}
