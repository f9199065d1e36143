import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { PlanSummary } from '../src/shared/api-types';
import { cli, envFor, serve } from './support/cli';
import { DATABASES, type TestDatabase } from './support/databases';

for (const target of DATABASES) {
  describe(`CLI on ${target.name}`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await target.create();
    });
    after(async () => {
      await database?.drop();
    });

    it('migrates, seeds once, and reports nothing new on the second seed', () => {
      const env = envFor(database);
      const migrate = cli(['migrate'], env);
      assert.equal(migrate.status, 0, migrate.stderr);
      assert.match(migrate.stdout, /applied 0001-initial/);
      const again = cli(['migrate'], env);
      assert.match(again.stdout, /Schema is up to date/);

      const seed = cli(['seed'], env);
      assert.equal(seed.status, 0, seed.stderr);
      assert.match(seed.stdout, /added 3 plans/);
      assert.match(seed.stdout, /added \d+ activities/);
      const reseed = cli(['seed'], env);
      assert.equal(reseed.status, 0, reseed.stderr);
      assert.match(reseed.stdout, /Nothing new to seed/);
    });

    it('imports an IATI file: a preview writes nothing, a commit adds, rejections exit 3, a refused file exits 1', () => {
      const env = envFor(database);
      const user = cli(
        [
          'user',
          'create',
          '--email',
          'importer@example.org',
          '--name',
          'Importer',
          '--role',
          'editor',
          '--side',
          'canada',
          '--password-stdin',
        ],
        env,
        'a long enough import password\n',
      );
      assert.equal(user.status, 0, user.stderr);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'actionline-import-'));
      const activity = (id: string, status: 'good' | 'bad') =>
        `<iati-activity><iati-identifier>${id}</iati-identifier><reporting-org ref="CA-3" type="10"><narrative>Global Affairs Canada</narrative></reporting-org><title><narrative>Imported ${id}</narrative></title><description><narrative>About ${id}.</narrative></description><participating-org ref="CA-3" role="1" type="10"><narrative>Global Affairs Canada</narrative></participating-org><activity-status code="2"${status === 'bad' ? ' reason="none"' : ''}/><activity-date type="1" iso-date="2015-01-01"/></iati-activity>`;
      const file = path.join(dir, 'gac.xml');
      fs.writeFileSync(
        file,
        `<iati-activities version="2.03">${activity('CA-3-CLI-1', 'good')}${activity('CA-3-CLI-2', 'bad')}</iati-activities>`,
      );

      const preview = cli(['import', 'iati', file, '--as', 'importer@example.org', '--dry-run'], env);
      assert.equal(preview.status, 3, preview.stderr);
      assert.match(preview.stdout, /preview, nothing written/);
      assert.match(preview.stdout, /1 would be added, 0 would be updated, 0 unchanged, 1 rejected/);
      assert.match(preview.stdout, /CA-3-CLI-2 at line 1:\n\s+- Line 1: not valid IATI 2\.03: .*activity-status/);
      assert.match(preview.stderr, /Previewing: .*2 activities/, 'progress is shown (plain lines off a terminal)');

      const commit = cli(['import', 'iati', file, '--as', 'importer@example.org', '--json'], env);
      assert.equal(commit.status, 3, commit.stderr);
      const report = JSON.parse(commit.stdout) as { counts: Record<string, number>; outcome: string };
      assert.deepEqual(report.counts, { added: 1, updated: 0, unchanged: 0, rejected: 1 });
      assert.equal(report.outcome, 'committed');

      fs.writeFileSync(file, `<iati-activities version="2.03">${activity('CA-3-CLI-1', 'good')}</iati-activities>`);
      const again = cli(['import', 'iati', file, '--as', 'importer@example.org'], env);
      assert.equal(again.status, 0, again.stderr);
      assert.match(again.stdout, /0 were added, 0 were updated, 1 unchanged, 0 rejected/);

      fs.writeFileSync(file, '<iati-activities version="2.03"><iati-activity>');
      const broken = cli(['import', 'iati', file, '--as', 'importer@example.org'], env);
      assert.equal(broken.status, 1);
      assert.match(broken.stdout, /was refused \(line 1\): The file is not well-formed XML/);

      const stranger = cli(['import', 'iati', file, '--as', 'nobody@example.org'], env);
      assert.equal(stranger.status, 2);
      assert.match(stranger.stderr, /No active account has the e-mail address nobody@example.org/);
      const help = cli(['import', '--help'], env);
      assert.equal(help.status, 0);
      assert.match(help.stdout, /--dry-run/);
    });

    it('backs the database up to a file and restores it into an empty one; refuses a non-empty one', async () => {
      const env = envFor(database);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'actionline-backup-'));
      const file = path.join(dir, 'backup.jsonl.gz');
      const backup = cli(['backup', '--out', file], env);
      assert.equal(backup.status, 0, backup.stderr);
      assert.match(backup.stderr, /Backed up .* rows in \d+ tables to .*backup\.jsonl\.gz/);
      const fresh = await target.create();
      try {
        const restore = cli(['restore', file], envFor(fresh));
        assert.equal(restore.status, 0, restore.stderr);
        assert.match(restore.stdout, /Restored \d+ rows into/);
        const again = cli(['restore', file], envFor(fresh));
        assert.equal(again.status, 1);
        assert.match(again.stderr, /already holds data.*Nothing was restored/);
      } finally {
        await fresh.drop();
      }
    });

    it('serves the product on this database and stops cleanly on SIGTERM', async () => {
      const server = await serve({ ...envFor(database), SEED_ON_START: 'true' });
      try {
        const res = await fetch(`${server.url}/api/v1/plans`);
        assert.equal(res.status, 200);
        const body = (await res.json()) as { items: PlanSummary[] };
        assert.equal(body.items[0]?.slug, 'asean-canada-2010-2015');
        const ready = (await (await fetch(`${server.url}/readyz`)).json()) as { database: string };
        assert.equal(ready.database, target.name);
      } finally {
        assert.equal(await server.stop(), 0);
      }
    });
  });
}

describe('CLI defaults and errors', () => {
  it('keeps its SQLite file under DATA_DIR by default', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'actionline-cli-'));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir, LOG_LEVEL: 'info' };
      delete env.DATABASE_URL;
      const server = await serve(env);
      const res = await fetch(`${server.url}/api/v1/plans`);
      assert.equal(res.status, 200);
      assert.equal(await server.stop(), 0);
      assert.ok(fs.existsSync(path.join(dir, 'actionline.sqlite')));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a bad configuration with exit code 2, naming every bad variable', () => {
    const res = cli(['migrate'], { ...process.env, PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    assert.equal(res.status, 2);
    assert.match(res.stderr, /PORT/);
    assert.match(res.stderr, /DATABASE_URL/);
    assert.match(res.stderr, /LOG_LEVEL/);
  });

  it('answers an unknown command with usage and exit code 2', () => {
    const res = cli(['frobnicate'], process.env);
    assert.equal(res.status, 2);
    assert.match(res.stderr, /unknown command/i);
  });
});
