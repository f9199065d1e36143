import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FrameworkNodeDetail, FrameworkNodeTree, PlanDetail, Problem } from '../src/shared/api-types';
import { BASELINE } from '../src/core/history';
import { stableId } from '../src/core/ids';
import type { Client } from './support/client';
import { signedIn } from './support/client';
import { DATABASES, type TestDatabase } from './support/databases';
import { startTestServer, type TestServer } from './support/server';

const PLAN = 'asean-canada-2010-2015';

interface HistoryItem {
  version: number;
  action: string;
  user: { displayName: string } | null;
  comment: string | null;
  changes: { field: string; before: unknown; after: unknown }[];
}

/** What a record holds, without what every write renews: its version and when it was stored. */
const content = <T extends { version: number; updatedAt: string }>({
  version: _version,
  updatedAt: _updatedAt,
  ...rest
}: T) => rest;

for (const target of DATABASES) {
  describe(`editing a plan's framework on ${target.name}`, () => {
    let database: TestDatabase;
    let server: TestServer;
    let admin: Client;
    let editor: Client;
    let plan: PlanDetail;
    const area = (code: string) => plan.framework.flatMap((p) => p.children).find((a) => a.code === code)!;
    const etagOf = (headers: Headers) => Number(headers.get('etag')!.replaceAll('"', ''));
    const node = (id: string) => admin.get<FrameworkNodeDetail>(`/api/v1/framework-nodes/${id}`);
    const put = (id: string, version: number, body: Record<string, unknown>) =>
      admin.request<FrameworkNodeDetail>('PUT', `/api/v1/framework-nodes/${id}`, body, { 'if-match': `"${version}"` });
    const restore = (id: string, version: number, current: number | null, as: Client = admin) =>
      as.request<FrameworkNodeDetail & Partial<Omit<Problem, 'status'>>>(
        'POST',
        `/api/v1/framework-nodes/${id}/history/${version}/restore`,
        undefined,
        current === null ? {} : { 'if-match': `"${current}"` },
      );
    /** Positions among siblings run 0, 1, 2… with no gap or double. */
    const assertContiguous = async (parentId: string) => {
      const positions = (await admin.get<PlanDetail>(`/api/v1/plans/${PLAN}`)).body.framework
        .flatMap(function all(n): FrameworkNodeTree[] {
          return [n, ...n.children.flatMap(all)];
        })
        .find((n) => n.id === parentId)!
        .children.map((c) => c.position);
      assert.deepEqual(
        positions,
        positions.map((_, i) => i),
      );
    };

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

    it('restores a plan to an earlier version as a new one, refusing stale and unversioned restores', async () => {
      const current = await admin.get<PlanDetail>(`/api/v1/plans/${PLAN}`);
      const version = etagOf(current.headers);
      const body = (periodNote: string) => ({
        title: current.body.title,
        shortTitle: current.body.shortTitle,
        summary: current.body.summary,
        description: current.body.description,
        status: current.body.status,
        periodStart: current.body.periodStart,
        periodEnd: current.body.periodEnd,
        periodNote,
        adoptedOn: current.body.adoptedOn,
        adoptedAt: current.body.adoptedAt,
        fullTextUrl: current.body.fullTextUrl,
        signoffSides: [],
      });
      const first = await admin.request<PlanDetail>('PUT', `/api/v1/plans/${PLAN}`, body('First note.'), {
        'if-match': `"${version}"`,
      });
      assert.equal(first.status, 200);
      await admin.request('PUT', `/api/v1/plans/${PLAN}`, body('Second note.'), { 'if-match': `"${version + 1}"` });

      const path = `/api/v1/plans/${PLAN}/history/${version + 1}/restore`;
      assert.equal((await admin.request<Problem>('POST', path)).status, 428);
      assert.equal(
        (await editor.request<Problem>('POST', path, undefined, { 'if-match': `"${version + 2}"` })).status,
        403,
      );
      const missing = await admin.request<Problem>('POST', `/api/v1/plans/${PLAN}/history/999/restore`, undefined, {
        'if-match': `"${version + 2}"`,
      });
      assert.equal(missing.status, 404);
      assert.match(missing.body.detail, /version 999 of plan/);

      const restored = await admin.request<PlanDetail>('POST', path, undefined, { 'if-match': `"${version + 2}"` });
      assert.equal(restored.status, 200, JSON.stringify(restored.body));
      assert.equal(restored.body.periodNote, 'First note.');
      assert.equal(restored.body.version, version + 3);
      assert.equal(restored.headers.get('etag'), `"${version + 3}"`);

      const stale = await admin.request<Problem & { current: PlanDetail }>('POST', path, undefined, {
        'if-match': `"${version + 2}"`,
      });
      assert.equal(stale.status, 409);
      assert.equal(stale.body.currentVersion, version + 3);
      assert.equal(stale.body.current.periodNote, 'First note.');

      const history = await admin.get<{ items: { version: number; action: string; comment: string | null }[] }>(
        `/api/v1/plans/${PLAN}/history`,
      );
      assert.deepEqual(
        history.body.items.slice(0, 2).map((h) => [h.version, h.action, h.comment]),
        [
          [version + 3, 'restore', `Restored version ${version + 1}.`],
          [version + 2, 'update', null],
        ],
        'history is never rewritten',
      );
    });

    it('restores a node to an earlier place and content, renumbering the siblings it leaves and joins', async () => {
      const pillar = plan.framework.find((p) => p.code === '2')!;
      const add = async (code: string, parentId: string, title = `Node ${code}`) => {
        const res = await admin.request<FrameworkNodeDetail>('POST', `/api/v1/plans/${PLAN}/nodes`, {
          parentId,
          code,
          kind: code.split('.').length === 2 ? 'area' : 'action_line',
          title: { en: title },
        });
        assert.equal(res.status, 201, JSON.stringify(res.body));
        return res.body;
      };
      const home = await add('2.90', pillar.id);
      const away = await add('2.91', pillar.id);
      await add('2.90.1', home.id);
      const line = await add('2.90.2', home.id, 'Original title');
      await add('2.90.3', home.id);
      await add('2.91.1', away.id);

      const moved = await put(line.id, 1, {
        parentId: away.id,
        code: '2.91.9',
        kind: 'action_line',
        title: { en: 'Moved title' },
        position: 0,
      });
      assert.equal(moved.status, 200);
      assert.deepEqual(
        (await node(home.id)).body.children.map((c) => c.code),
        ['2.90.1', '2.90.3'],
      );

      const restored = await restore(line.id, 1, 2);
      assert.equal(restored.status, 200, JSON.stringify(restored.body));
      assert.equal(restored.body.version, 3);
      assert.equal(restored.body.code, '2.90.2');
      assert.equal(restored.body.title.en, 'Original title');
      assert.equal(restored.body.position, 1);
      assert.deepEqual(
        restored.body.ancestors.map((a) => a.code),
        ['2', '2.90'],
      );
      assert.deepEqual(
        (await node(home.id)).body.children.map((c) => c.code),
        ['2.90.1', '2.90.2', '2.90.3'],
      );
      assert.deepEqual(
        (await node(away.id)).body.children.map((c) => c.code),
        ['2.91.1'],
      );
      await assertContiguous(home.id);
      await assertContiguous(away.id);

      const stale = await restore(line.id, 1, 2);
      assert.equal(stale.status, 409);
      assert.equal(stale.body.currentVersion, 3);
      assert.equal((await restore(line.id, 1, null)).status, 428);
      assert.equal((await restore(line.id, 1, 3, editor)).status, 403);

      const history = await admin.get<{ items: { version: number; action: string; comment: string | null }[] }>(
        `/api/v1/framework-nodes/${line.id}/history`,
      );
      assert.deepEqual(
        history.body.items.map((h) => [h.version, h.action]),
        [
          [3, 'restore'],
          [2, 'update'],
          [1, 'create'],
        ],
      );
      assert.equal(history.body.items[0]!.comment, 'Restored version 1.');
    });

    it('refuses to restore a node under a parent since retired or removed, or below itself', async () => {
      const pillar = plan.framework.find((p) => p.code === '2')!;
      const add = async (code: string, parentId: string) =>
        (
          await admin.request<FrameworkNodeDetail>('POST', `/api/v1/plans/${PLAN}/nodes`, {
            parentId,
            code,
            kind: 'area',
            title: { en: `Node ${code}` },
          })
        ).body;
      const before = await add('2.80', pillar.id);
      const after = await add('2.81', pillar.id);
      const line = await add('2.80.1', before.id);

      // Retired: version 1 sat under 2.80, which is retired now.
      assert.equal(
        (await put(line.id, 1, { parentId: after.id, code: '2.81.1', kind: 'area', title: { en: 'x' } })).status,
        200,
      );
      const retired = await admin.request('POST', `/api/v1/framework-nodes/${before.id}/retire`, undefined, {
        'if-match': '"1"',
      });
      assert.equal(retired.status, 200);
      const underRetired = await restore(line.id, 1, 2);
      assert.equal(underRetired.status, 409);
      assert.match(underRetired.body.detail ?? '', /Version 1 cannot be restored: .*2\.80.* retired/);
      assert.equal(underRetired.body.errors![0]!.name, 'parentId');
      const unchanged = (await node(line.id)).body;
      assert.equal(unchanged.version, 2, 'nothing was written');
      assert.deepEqual(
        unchanged.ancestors.map((a) => a.code),
        ['2', '2.81'],
      );

      // Removed: version 2 sat under 2.81; the node moves out and 2.81 disappears.
      assert.equal(
        (await put(line.id, 2, { parentId: pillar.id, code: '2.82', kind: 'area', title: { en: 'x' } })).status,
        200,
      );
      await server.db.db.deleteFrom('framework_nodes').where('id', '=', after.id).execute();
      const underRemoved = await restore(line.id, 2, 3);
      assert.equal(underRemoved.status, 409);
      assert.match(underRemoved.body.detail ?? '', /no longer exists/);

      // A cycle: version 1 of 2.83 sat under 2.84, which now sits below 2.83.
      const a = await add('2.83', pillar.id);
      const b = await add('2.84', pillar.id);
      assert.equal(
        (await put(a.id, 1, { parentId: b.id, code: '2.83', kind: 'area', title: { en: 'a' } })).status,
        200,
      );
      assert.equal(
        (await put(a.id, 2, { parentId: pillar.id, code: '2.83', kind: 'area', title: { en: 'a' } })).status,
        200,
      );
      assert.equal(
        (await put(b.id, 1, { parentId: a.id, code: '2.84', kind: 'area', title: { en: 'b' } })).status,
        200,
      );
      const cycle = await restore(a.id, 2, 3);
      assert.equal(cycle.status, 409);
      assert.match(cycle.body.detail ?? '', /its own ancestor/);
      assert.deepEqual(
        (await node(a.id)).body.ancestors.map((n) => n.code),
        ['2'],
      );
    });

    it('answers the history of a seeded plan and node, empty until their first change, and 404 for none', async () => {
      const other = (await admin.get<PlanDetail>('/api/v1/plans/asean-canada-2016-2020')).body;
      const plans = await admin.get<{ items: HistoryItem[] }>('/api/v1/plans/asean-canada-2016-2020/history');
      assert.equal(plans.status, 200);
      assert.deepEqual(plans.body.items, []);
      const nodes = await admin.get<{ items: HistoryItem[] }>(
        `/api/v1/framework-nodes/${other.framework[0]!.id}/history`,
      );
      assert.equal(nodes.status, 200);
      assert.deepEqual(nodes.body.items, []);
      assert.equal((await admin.get<Problem>('/api/v1/plans/no-such-plan/history')).status, 404);
      assert.equal(
        (await admin.get<Problem>(`/api/v1/framework-nodes/${stableId('node:no-such-plan:1')}/history`)).status,
        404,
      );
    });

    it('records a seeded plan’s state as a baseline at its first edit, and restores it exactly', async () => {
      const slug = 'asean-canada-2016-2020';
      const seeded = (await admin.get<PlanDetail>(`/api/v1/plans/${slug}`)).body;
      const edited = await admin.request<PlanDetail>(
        'PUT',
        `/api/v1/plans/${slug}`,
        {
          title: { en: 'Renamed plan' },
          status: 'active',
          periodStart: 2016,
          periodEnd: 2021,
          signoffSides: ['asean'],
        },
        { 'if-match': `"${seeded.version}"` },
      );
      assert.equal(edited.status, 200, JSON.stringify(edited.body));
      const history = (await admin.get<{ items: HistoryItem[] }>(`/api/v1/plans/${slug}/history`)).body.items;
      assert.deepEqual(
        history.map((h) => [h.version, h.action]),
        [
          [seeded.version + 1, 'update'],
          [seeded.version, 'baseline'],
        ],
      );
      assert.equal(history[1]!.user, null);
      assert.equal(history[1]!.comment, BASELINE.comment);
      assert.deepEqual(history[1]!.changes, []);
      assert.deepEqual(history[0]!.changes.find((c) => c.field === 'title')?.before, seeded.title);

      const restored = await admin.request<PlanDetail>(
        'POST',
        `/api/v1/plans/${slug}/history/${seeded.version}/restore`,
        undefined,
        { 'if-match': `"${seeded.version + 1}"` },
      );
      assert.equal(restored.status, 200, JSON.stringify(restored.body));
      assert.equal(restored.body.version, seeded.version + 2);
      assert.deepEqual(content((await admin.get<PlanDetail>(`/api/v1/plans/${slug}`)).body), content(seeded));
    });

    it('records a seeded node’s state and place as a baseline at its first move, and restores them', async () => {
      const roots = async () => (await admin.get<PlanDetail>('/api/v1/plans/asean-canada-2021-2025')).body.framework;
      const before = await roots();
      const [first, second, third] = before;
      assert.ok(first && second && third, 'three top-level nodes');
      const seeded = (await node(first.id)).body;
      const sibling = (await node(second.id)).body;
      const moved = await put(seeded.id, seeded.version, {
        parentId: third.id,
        code: `${third.code}.99`,
        kind: seeded.kind,
        title: { en: 'Moved priority area' },
        position: 0,
      });
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
      assert.equal((await node(sibling.id)).body.position, sibling.position - 1, 'the siblings close up');

      const history = (await admin.get<{ items: HistoryItem[] }>(`/api/v1/framework-nodes/${seeded.id}/history`)).body
        .items;
      assert.deepEqual(
        history.map((h) => [h.version, h.action, h.user === null, h.comment]),
        [
          [seeded.version + 1, 'update', false, null],
          [seeded.version, 'baseline', true, BASELINE.comment],
        ],
      );
      assert.deepEqual(history[1]!.changes, []);

      const restored = await restore(seeded.id, seeded.version, seeded.version + 1);
      assert.equal(restored.status, 200, JSON.stringify(restored.body));
      assert.equal(restored.body.version, seeded.version + 2);
      assert.deepEqual(content((await node(seeded.id)).body), content(seeded));
      assert.deepEqual(content((await node(sibling.id)).body), content(sibling));
      assert.deepEqual(
        (await roots()).map((n) => [n.code, n.position]),
        before.map((n, i) => [n.code, i]),
        'back in its place, the others renumbered around it',
      );
    });
  });
}
