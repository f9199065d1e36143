import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { PartnershipWithPlans, PlanSummary } from '../src/shared/api-types';
import { DATABASES, type TestDatabase } from './support/databases';
import { startTestServer, type TestServer } from './support/server';

interface Problem {
  status: number;
  errors?: { name: string; reason: string }[];
}

for (const target of DATABASES) {
  describe(`partnerships API on ${target.name}`, () => {
    let database: TestDatabase;
    let server: TestServer;
    let plain: TestServer;
    let plainDatabase: TestDatabase;

    before(async () => {
      database = await target.create();
      server = await startTestServer(database, { demo: true });
      plainDatabase = await target.create();
      plain = await startTestServer(plainDatabase);
    });
    after(async () => {
      await server?.close();
      await database?.drop();
      await plain?.close();
      await plainDatabase?.drop();
    });

    it('lists the partnerships with their plans by period, the real one first', async () => {
      const res = await server.get<{ items: PartnershipWithPlans[] }>('/api/v1/partnerships');
      assert.equal(res.status, 200);
      assert.deepEqual(
        res.body.items.map((p) => p.slug),
        ['asean-canada', 'asean-demo'],
      );
      const [canada, demo] = res.body.items;
      assert.ok(canada && demo);
      assert.equal(canada.plans.length, 3);
      assert.deepEqual(
        demo.plans.map((p) => [p.slug, p.periodStart]),
        [
          ['asean-demo-2016-2020', 2016],
          ['asean-demo-2021-2025', 2021],
        ],
      );
      assert.match(demo.name.en ?? '', /fictional/);
      assert.match(demo.description.en ?? '', /invented/);
      for (const p of demo.plans) assert.equal(p.partnership.slug, 'asean-demo');
      assert.ok(demo.plans.every((p) => p.activityCount > 50));
    });

    it('without the demonstration data lists the one real partnership', async () => {
      const res = await plain.get<{ items: PartnershipWithPlans[] }>('/api/v1/partnerships');
      assert.deepEqual(
        res.body.items.map((p) => p.slug),
        ['asean-canada'],
      );
    });

    it('filters the plans by partnership', async () => {
      const demo = await server.get<{ items: PlanSummary[] }>('/api/v1/plans?partnership=asean-demo');
      assert.equal(demo.status, 200);
      assert.deepEqual(
        demo.body.items.map((p) => p.slug),
        ['asean-demo-2016-2020', 'asean-demo-2021-2025'],
      );
      const canada = await server.get<{ items: PlanSummary[] }>('/api/v1/plans?partnership=asean-canada');
      assert.equal(canada.body.items.length, 3);
      assert.ok(canada.body.items.every((p) => p.partnership.slug === 'asean-canada'));
      const all = await server.get<{ items: PlanSummary[] }>('/api/v1/plans');
      assert.equal(all.body.items.length, 5);
    });

    it('names the parameter and the fix for an unknown or malformed partnership', async () => {
      const unknown = await server.get<Problem>('/api/v1/plans?partnership=asean-nowhere');
      assert.equal(unknown.status, 400);
      assert.equal(unknown.body.errors?.[0]?.name, 'partnership');
      assert.match(unknown.body.errors?.[0]?.reason ?? '', /GET \/api\/v1\/partnerships/);
      const malformed = await server.get<Problem>('/api/v1/plans?partnership=Not%20A%20Slug');
      assert.equal(malformed.status, 400);
      assert.equal(malformed.body.errors?.[0]?.name, 'partnership');
      const extra = await server.get<Problem>('/api/v1/plans?partner=asean-demo');
      assert.equal(extra.status, 400);
    });

    it('counts only published activities for the public', async () => {
      const before = await server.get<{ items: PartnershipWithPlans[] }>('/api/v1/partnerships');
      const planBefore = before.body.items[1]?.plans[0];
      assert.ok(planBefore);
      const links = await server.db.db
        .selectFrom('activity_links as l')
        .innerJoin('framework_nodes as n', 'n.id', 'l.node_id')
        .select('l.activity_id')
        .where('n.plan_id', '=', planBefore.id)
        .execute();
      const someActivity = links[0]?.activity_id;
      assert.ok(someActivity);
      await server.db.db
        .updateTable('activities')
        .set({ workflow_state: 'draft' })
        .where('id', '=', someActivity)
        .execute();
      const after = await server.get<{ items: PartnershipWithPlans[] }>('/api/v1/partnerships');
      assert.equal(after.body.items[1]?.plans[0]?.activityCount, planBefore.activityCount - 1);
    });
  });
}
