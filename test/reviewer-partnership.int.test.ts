import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ActivityDetail, PartnershipWithPlans, PlanDetail, Problem, UserView } from '../src/shared/api-types';
import type { Client } from './support/client';
import { signedIn } from './support/client';
import { DATABASES, type TestDatabase } from './support/databases';
import { startTestServer, type TestServer } from './support/server';

/**
 * Each partnership has its own reviewers: an account kept to one partnership signs off only the activities linked to
 * that partnership's plans, and its review queue lists only those; an account of every partnership reviews all.
 */
for (const target of DATABASES) {
  describe(`reviewers kept to one partnership on ${target.name}`, () => {
    let database: TestDatabase;
    let server: TestServer;
    let admin: Client;
    let editor: Client;
    let demoReviewer: Client;
    let anyReviewer: Client;
    let demoId: string;
    let canadaNode: string;
    let demoNode: string;

    const firstNode = (plan: PlanDetail) => (plan.framework[0]!.children[0] ?? plan.framework[0]!).id;

    before(async () => {
      database = await target.create();
      server = await startTestServer(database, { demo: true });
      admin = await signedIn(server, 'admin');
      editor = await signedIn(server, 'editor', 'canada');
      anyReviewer = await signedIn(server, 'reviewer', 'asean', 'any.reviewer@example.org');
      demoReviewer = await signedIn(server, 'reviewer', 'asean', 'demo.reviewer@example.org');
      const partnerships = (await server.get<{ items: PartnershipWithPlans[] }>('/api/v1/partnerships')).body.items;
      demoId = partnerships.find((p) => p.slug === 'asean-demo')!.id;
      canadaNode = firstNode((await server.get<PlanDetail>('/api/v1/plans/asean-canada-2021-2025')).body);
      demoNode = firstNode((await server.get<PlanDetail>('/api/v1/plans/asean-demo-2021-2025')).body);
    });
    after(async () => {
      await server?.close();
      await database?.drop();
    });

    const account = async (email: string) =>
      (await admin.get<{ items: UserView[] }>('/api/v1/users')).body.items.find((u) => u.email === email)!;
    const keepTo = (u: UserView, partnershipId: string | null) =>
      admin.request<UserView & Partial<Omit<Problem, 'status'>>>(
        'PUT',
        `/api/v1/users/${u.id}`,
        {
          displayName: u.displayName,
          role: u.role,
          side: u.side,
          organisationId: u.organisationId,
          partnershipId,
          disabled: u.disabled,
        },
        { 'if-match': `"${u.version}"` },
      );
    const submitted = async (title: string, nodeId: string) => {
      const created = await editor.request<ActivityDetail>('POST', '/api/v1/activities', {
        title: { en: title, fr: null },
        type: 'dialogue',
        status: 'ongoing',
        links: [{ nodeId }],
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const res = await editor.request<ActivityDetail>(
        'POST',
        `/api/v1/activities/${created.body.id}/submit`,
        undefined,
        {
          'if-match': `"${created.body.version}"`,
        },
      );
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body;
    };
    const queue = async (c: Client) =>
      (await c.get<{ items: { id: string }[] }>('/api/v1/review-queue')).body.items.map((i) => i.id);
    const approve = (c: Client, a: ActivityDetail) =>
      c.request<ActivityDetail & Partial<Omit<Problem, 'status'>>>(
        'POST',
        `/api/v1/activities/${a.id}/approve`,
        {},
        { 'if-match': `"${a.version}"` },
      );

    it('an administrator keeps an account to one partnership, and is told when the partnership does not exist', async () => {
      const u = await account('demo.reviewer@example.org');
      assert.equal(u.partnershipId, null, 'every partnership until kept to one');
      const bad = await keepTo(u, 'no-such-partnership');
      assert.equal(bad.status, 400);
      assert.equal(bad.body.errors?.[0]?.name, 'partnershipId');
      assert.match(bad.body.errors?.[0]?.reason ?? '', /GET \/api\/v1\/partnerships/);
      const kept = await keepTo(u, demoId);
      assert.equal(kept.status, 200, JSON.stringify(kept.body));
      assert.equal(kept.body.partnershipId, demoId);
      const history = await admin.get<{ items: { changes: { field: string; after: unknown }[] }[] }>(
        `/api/v1/users/${u.id}/history`,
      );
      assert.ok(
        history.body.items.some((h) => h.changes.some((c) => c.field === 'partnershipId' && c.after === demoId)),
        'the change is in the account history',
      );
    });

    it('such a reviewer sees and signs off only its partnership’s activities; others review all', async () => {
      const canada = await submitted('ASEAN–Canada policy dialogue on cyber norms', canadaNode);
      const demo = await submitted('Demonstration partnership dialogue on cyber norms', demoNode);

      const mine = await queue(demoReviewer);
      assert.ok(mine.includes(demo.id), 'its partnership’s activity waits for it');
      assert.ok(!mine.includes(canada.id), 'another partnership’s does not');
      const all = await queue(anyReviewer);
      assert.ok(all.includes(demo.id) && all.includes(canada.id));

      const refused = await approve(demoReviewer, canada);
      assert.equal(refused.status, 403);
      assert.match(refused.body.detail ?? '', /one partnership/);
      const returned = await demoReviewer.request<Problem>(
        'POST',
        `/api/v1/activities/${canada.id}/return`,
        { comment: 'Not mine.' },
        { 'if-match': `"${canada.version}"` },
      );
      assert.equal(returned.status, 403, 'nor return it');

      const approved = await approve(demoReviewer, demo);
      assert.equal(approved.status, 200, JSON.stringify(approved.body));
      const other = await approve(anyReviewer, canada);
      assert.equal(other.status, 200, JSON.stringify(other.body));
    });

    it('kept to every partnership again, the reviewer reviews all', async () => {
      const u = await account('demo.reviewer@example.org');
      assert.equal((await keepTo(u, null)).status, 200);
      const canada = await submitted('ASEAN–Canada workshop on maritime law', canadaNode);
      assert.ok((await queue(demoReviewer)).includes(canada.id), 'the change holds from the next request');
    });
  });
}
