import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FrameworkNodeDetail, PlanDetail, Problem } from '../src/shared/api-types';
import type { Client } from './support/client';
import { signedIn } from './support/client';
import { DATABASES, type TestDatabase } from './support/databases';
import { startTestServer, type TestServer } from './support/server';

const PLAN = 'asean-canada-2010-2015';

for (const target of DATABASES) {
  describe(`editing a plan's framework on ${target.name}`, () => {
    let database: TestDatabase;
    let server: TestServer;
    let admin: Client;
    let editor: Client;
    let plan: PlanDetail;
    const area = (code: string) => plan.framework.flatMap((p) => p.children).find((a) => a.code === code)!;

    before(async () => {
      database = await target.create();
      server = await startTestServer(database);
      admin = await signedIn(server, 'admin');
      editor = await signedIn(server, 'editor');
      plan = (await admin.get<PlanDetail>(`/api/v1/plans/${PLAN}`)).body;
    });
    after(async () => {
      await server?.close();
      await database?.drop();
    });

    it('adds action lines, renames, reorders and moves them, keeping codes unique', async () => {
      const add = (code: string, title: string, parentId: string, position?: number) =>
        admin.request<FrameworkNodeDetail>('POST', `/api/v1/plans/${PLAN}/nodes`, {
          parentId,
          code,
          kind: 'action_line',
          title: { en: title },
          position,
        });
      const first = await add('1.1.1', 'Support the ACWC work plan', area('1.1').id);
      const second = await add('1.1.2', 'Support AICHR thematic studies', area('1.1').id);
      assert.equal(first.status, 201);
      assert.deepEqual(
        second.body.ancestors.map((a) => a.code),
        ['1', '1.1'],
      );
      const dup = await add('1.1.2', 'Duplicate code', area('1.1').id);
      assert.equal(dup.status, 400);
      assert.equal((dup.body as unknown as Problem) && (dup.body as unknown as Problem).errors![0]!.name, 'code');

      // Reorder: the second goes first.
      const moved = await admin.request<FrameworkNodeDetail>(
        'PUT',
        `/api/v1/framework-nodes/${second.body.id}`,
        {
          parentId: area('1.1').id,
          code: '1.1.2',
          kind: 'action_line',
          title: { en: 'Support AICHR thematic studies', fr: 'Appuyer les études thématiques de la CIADH' },
          position: 0,
        },
        { 'if-match': '"1"' },
      );
      assert.equal(moved.status, 200);
      const parent = (await admin.get<FrameworkNodeDetail>(`/api/v1/framework-nodes/${area('1.1').id}`)).body;
      assert.deepEqual(
        parent.children.map((c) => c.code),
        ['1.1.2', '1.1.1'],
      );

      // Move under another area, with a new code.
      const relocated = await admin.request<FrameworkNodeDetail>(
        'PUT',
        `/api/v1/framework-nodes/${first.body.id}`,
        { parentId: area('1.2').id, code: '1.2.1', kind: 'action_line', title: { en: 'Support the ACWC work plan' } },
        { 'if-match': '"1"' },
      );
      assert.equal(relocated.status, 200);
      assert.deepEqual(
        relocated.body.ancestors.map((a) => a.code),
        ['1', '1.2'],
      );

      const cycle = await admin.request<Problem>(
        'PUT',
        `/api/v1/framework-nodes/${area('1.2').id}`,
        { parentId: first.body.id, code: '1.2', kind: 'area', title: { en: 'x' } },
        { 'if-match': '"1"' },
      );
      assert.equal(cycle.status, 400);
      assert.match(cycle.body.errors![0]!.reason, /under itself/);
      const history = await admin.get<{ items: { action: string }[] }>(
        `/api/v1/framework-nodes/${second.body.id}/history`,
      );
      assert.deepEqual(
        history.body.items.map((h) => h.action),
        ['update', 'create'],
      );
    });

    it('retires a node: its links stay, new links are refused, and it can be reinstated', async () => {
      const node = area('3.4');
      assert.ok(node.activityCount > 0);
      const retired = await admin.request<FrameworkNodeDetail>(
        'POST',
        `/api/v1/framework-nodes/${node.id}/retire`,
        undefined,
        { 'if-match': '"1"' },
      );
      assert.equal(retired.body.status, 'retired');
      assert.equal(retired.body.activityCount, node.activityCount, 'links kept');
      const refused = await editor.request<Problem>('POST', '/api/v1/activities', {
        title: { en: 'New migrant-worker project' },
        type: 'project',
        status: 'planned',
        links: [{ nodeId: node.id }],
      });
      assert.equal(refused.status, 400);
      assert.match(refused.body.errors![0]!.reason, /retired/);
      const back = await admin.request<FrameworkNodeDetail>(
        'POST',
        `/api/v1/framework-nodes/${node.id}/reinstate`,
        undefined,
        { 'if-match': '"2"' },
      );
      assert.equal(back.body.status, 'active');
    });

    it('edits the plan itself, including who must sign off, refusing stale versions', async () => {
      const current = await admin.get<PlanDetail>(`/api/v1/plans/${PLAN}`);
      const version = Number(current.headers.get('etag')!.replaceAll('"', ''));
      const body = {
        title: current.body.title,
        shortTitle: current.body.shortTitle,
        summary: current.body.summary,
        description: current.body.description,
        status: 'completed',
        periodStart: 2010,
        periodEnd: 2015,
        periodNote: 'Canada: 2010–2015; ASEAN Secretariat: 2011–2015.',
        adoptedOn: '2010-07',
        adoptedAt: current.body.adoptedAt,
        fullTextUrl: current.body.fullTextUrl,
        signoffSides: ['asean'],
      };
      const ok = await admin.request<PlanDetail>('PUT', `/api/v1/plans/${PLAN}`, body, { 'if-match': `"${version}"` });
      assert.equal(ok.status, 200);
      assert.equal(ok.body.periodNote, 'Canada: 2010–2015; ASEAN Secretariat: 2011–2015.');
      const stale = await admin.request<Problem>('PUT', `/api/v1/plans/${PLAN}`, body, { 'if-match': `"${version}"` });
      assert.equal(stale.status, 409);
      const bad = await admin.request<Problem>(
        'PUT',
        `/api/v1/plans/${PLAN}`,
        { ...body, periodEnd: 2005, signoffSides: ['mars'] },
        { 'if-match': `"${version + 1}"` },
      );
      assert.equal(bad.status, 400);
      assert.deepEqual(bad.body.errors!.map((e) => e.name).sort(), ['periodEnd', 'signoffSides']);
    });
  });
}
