import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { PartnershipWithPlans } from '../src/shared/api-types';
import { EXIT_USAGE } from '../src/cli/exit-codes';
import { cli, envFor, serve } from './support/cli';
import { DATABASES, type TestDatabase } from './support/databases';

/** `seed --demo` and `SEED_DEMO=1`: the demonstration partnership only when asked for. */
for (const target of DATABASES) {
  describe(`demonstration data through the CLI on ${target.name}`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await target.create();
    });
    after(async () => {
      await database?.drop();
    });

    const partnerships = async (url: string) => {
      const res = await fetch(`${url}/api/v1/partnerships`);
      assert.equal(res.status, 200);
      return ((await res.json()) as { items: PartnershipWithPlans[] }).items.map((p) => p.slug);
    };

    it('serve seeds only the real data by default', async () => {
      const server = await serve({ ...envFor(database), SEED_ON_START: 'true' });
      try {
        assert.deepEqual(await partnerships(server.url), ['asean-canada']);
      } finally {
        assert.equal(await server.stop(), 0);
      }
    });

    it('seed --demo adds the demonstration partnership once', () => {
      const env = envFor(database);
      const both = cli(['seed', '--demo', '--dir', 'seed'], env);
      assert.equal(both.status, EXIT_USAGE);
      assert.match(both.stderr, /either --dir or --demo/);

      const demo = cli(['seed', '--demo'], env);
      assert.equal(demo.status, 0, demo.stderr);
      assert.match(demo.stdout, /added 1 partnerships/);
      assert.match(demo.stdout, /added 2 plans/);
      assert.match(demo.stdout, /added 1\d\d activities/);
      const again = cli(['seed', '--demo'], env);
      assert.equal(again.status, 0, again.stderr);
      assert.match(again.stdout, /Nothing new to seed/);
    });

    it('serve with SEED_DEMO=1 seeds both partnerships on a fresh database, the real one first', async () => {
      const fresh = await target.create();
      try {
        const server = await serve({ ...envFor(fresh), SEED_ON_START: 'true', SEED_DEMO: '1' });
        try {
          assert.deepEqual(await partnerships(server.url), ['asean-canada', 'asean-demo']);
        } finally {
          assert.equal(await server.stop(), 0);
        }
      } finally {
        await fresh.drop();
      }
    });
  });
}
