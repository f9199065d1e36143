import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type {
  ActivityDetail,
  LinkRejection,
  LinkSuggestionAnswer,
  Page,
  PlanDetail,
  Problem,
} from '../src/shared/api-types';
import { Client, signedIn } from './support/client';
import { DATABASES, type TestDatabase } from './support/databases';
import { startTestServer, type TestServer } from './support/server';

const PLAN = 'asean-canada-2010-2015';

for (const target of DATABASES) {
  describe(`link suggestions on ${target.name}`, () => {
    let database: TestDatabase;
    let server: TestServer;
    let editor: Client;
    let areas: Map<string, string>;

    before(async () => {
      database = await target.create();
      server = await startTestServer(database);
      editor = await signedIn(server, 'editor', 'canada');
      const plan = (await server.get<PlanDetail>(`/api/v1/plans/${PLAN}`)).body;
      areas = new Map(plan.framework.flatMap((p) => p.children).map((a) => [a.code, a.id]));
    });
    after(async () => {
      await server?.close();
      await database?.drop();
    });

    const suggest = (body: unknown, client = editor) =>
      client.request<LinkSuggestionAnswer & Problem>('POST', '/api/v1/link-suggestions', body);

    it('ranks the areas a draft most likely serves, with the plan and the reasons, and links nothing', async () => {
      const res = await suggest({
        title: { en: 'Support to the ASEAN human rights commission on the rights of women and children', fr: null },
        plannedStart: '2012',
        plannedEnd: '2014',
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const [first] = res.body.suggestions;
      assert.equal(first?.code, '1.1');
      assert.equal(first?.plan.slug, PLAN);
      assert.ok(first.reasons.some((r) => r.kind === 'words' && r.words.includes('right')));
      assert.ok(first.reasons.some((r) => r.kind === 'period' && r.from === 2010 && r.to === 2015));
      assert.ok(res.body.suggestions.length <= 5);
      assert.ok(res.body.model.confirmedActivities >= 20, 'learned from the seed’s confirmed links');
    });

    it('keeps to one plan when asked, and leaves out the nodes given', async () => {
      const body = { title: { en: 'Disaster management and emergency response training', fr: null }, plan: PLAN };
      const all = await suggest(body);
      assert.equal(all.status, 200);
      assert.ok(all.body.suggestions.every((s) => s.plan.slug === PLAN));
      const top = all.body.suggestions[0]!.nodeId;
      const without = await suggest({ ...body, exclude: [top] });
      assert.ok(!without.body.suggestions.some((s) => s.nodeId === top));
    });

    it('refuses bad input naming the field, and anyone below an editor', async () => {
      const bad = await suggest({ title: { en: '', fr: null }, limit: 11 });
      assert.equal(bad.status, 400);
      assert.deepEqual(bad.body.errors?.map((e) => e.name).sort(), ['limit', 'title.en']);
      const unknownPlan = await suggest({ title: { en: 'Trade', fr: null }, plan: 'no-such-plan' });
      assert.equal(unknownPlan.status, 404);
      assert.equal((await suggest({ title: { en: 'Trade', fr: null } }, new Client(server))).status, 401);
      const viewer = await signedIn(server, 'viewer', 'canada');
      assert.equal((await suggest({ title: { en: 'Trade', fr: null } }, viewer)).status, 403);
    });

    it('learns from a link an officer confirms: a like activity is then suggested that node, naming it', async () => {
      const draft = { title: { en: 'Quokka aquaculture cooperative for coastal villages', fr: null } };
      const before = await suggest(draft);
      assert.ok(!before.body.suggestions.some((s) => s.code === '3.3'), 'nothing points at 3.3 yet');

      const created = await editor.request<ActivityDetail>('POST', '/api/v1/activities', {
        title: { en: 'Quokka aquaculture pilot', fr: null },
        type: 'project',
        status: 'ongoing',
        links: [{ nodeId: areas.get('3.3')!, rationale: 'Food security in coastal villages.' }],
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));

      const after = await suggest(draft);
      const learned = after.body.suggestions.find((s) => s.code === '3.3');
      assert.ok(learned, JSON.stringify(after.body.suggestions.map((s) => s.code)));
      assert.ok(
        learned.reasons.some((r) => r.kind === 'like' && r.activityId === created.body.id),
        'the reason names the confirmed activity alike',
      );
      const stored = await editor.get<ActivityDetail>(`/api/v1/activities/${created.body.id}`);
      assert.equal(stored.body.links.length, 1, 'asking links nothing');
    });

    it('suggests for a stored activity beyond the nodes it is already linked to', async () => {
      const list = await editor.get<Page<{ id: string }>>(`/api/v1/activities?plan=${PLAN}&pageSize=5`);
      const id = list.body.items[0]!.id;
      const detail = await editor.get<ActivityDetail>(`/api/v1/activities/${id}`);
      const linked = new Set(detail.body.links.map((l) => l.node.id));
      const res = await editor.get<LinkSuggestionAnswer>(`/api/v1/activities/${id}/link-suggestions?limit=3`);
      assert.equal(res.status, 200);
      assert.ok(res.body.suggestions.length > 0 && res.body.suggestions.length <= 3);
      assert.ok(res.body.suggestions.every((s) => !linked.has(s.nodeId)));
      assert.equal((await editor.get(`/api/v1/activities/no-such-id/link-suggestions`)).status, 404);
    });

    it('remembers a suggestion turned down for an activity, for everyone, until it is withdrawn', async () => {
      const list = await editor.get<Page<{ id: string }>>(`/api/v1/activities?plan=${PLAN}&pageSize=5&page=1`);
      const id = list.body.items[1]!.id;
      const detail = (await editor.get<ActivityDetail>(`/api/v1/activities/${id}`)).body;
      const first = await editor.get<LinkSuggestionAnswer>(`/api/v1/activities/${id}/link-suggestions`);
      const top = first.body.suggestions[0]!;

      const put = await editor.request<LinkRejection>('PUT', `/api/v1/activities/${id}/link-rejections/${top.nodeId}`);
      assert.equal(put.status, 200, JSON.stringify(put.body));
      assert.equal(put.body.nodeId, top.nodeId);
      assert.equal(put.body.code, top.code);
      assert.equal(put.body.plan.slug, top.plan.slug);
      assert.ok(put.body.rejectedBy?.name, 'who turned it down');
      const again = await editor.request<LinkRejection>(
        'PUT',
        `/api/v1/activities/${id}/link-rejections/${top.nodeId}`,
      );
      assert.equal(again.status, 200, 'asking twice keeps the first rejection');
      assert.equal(again.body.rejectedAt, put.body.rejectedAt);

      // Another officer, in another session, is not offered it either: not for the stored activity, nor in the editor.
      const colleague = await signedIn(server, 'editor', 'asean');
      const later = await colleague.get<LinkSuggestionAnswer>(`/api/v1/activities/${id}/link-suggestions?limit=10`);
      assert.ok(!later.body.suggestions.some((s) => s.nodeId === top.nodeId));
      const draft = { title: detail.title, summary: detail.summary, description: detail.description, limit: 10 };
      const asDraft = await suggest({ ...draft, activity: id }, colleague);
      assert.equal(asDraft.status, 200, JSON.stringify(asDraft.body));
      assert.ok(!asDraft.body.suggestions.some((s) => s.nodeId === top.nodeId));
      const listed = await colleague.get<{ items: LinkRejection[] }>(`/api/v1/activities/${id}/link-rejections`);
      assert.deepEqual(
        listed.body.items.map((r) => r.nodeId),
        [top.nodeId],
      );

      // Withdrawn: suggested again.
      const del = await colleague.request('DELETE', `/api/v1/activities/${id}/link-rejections/${top.nodeId}`);
      assert.equal(del.status, 204);
      const back = await editor.get<LinkSuggestionAnswer>(`/api/v1/activities/${id}/link-suggestions`);
      assert.equal(back.body.suggestions[0]?.nodeId, top.nodeId);
      assert.equal(
        (await editor.request('DELETE', `/api/v1/activities/${id}/link-rejections/${top.nodeId}`)).status,
        404,
        'nothing left to withdraw',
      );
    });

    it('refuses to turn down a linked node, an unknown node or activity, and anyone below an editor', async () => {
      const list = await editor.get<Page<{ id: string }>>(`/api/v1/activities?plan=${PLAN}&pageSize=5`);
      const id = list.body.items[2]!.id;
      const linked = (await editor.get<ActivityDetail>(`/api/v1/activities/${id}`)).body.links[0]!.node.id;
      const conflict = await editor.request<Problem>('PUT', `/api/v1/activities/${id}/link-rejections/${linked}`);
      assert.equal(conflict.status, 409);
      assert.match(conflict.body.detail ?? '', /remove the link/);
      assert.equal(conflict.body.errors?.[0]?.name, 'nodeId');
      assert.equal((await editor.request('PUT', `/api/v1/activities/${id}/link-rejections/no-such-node`)).status, 404);
      assert.equal((await editor.request('PUT', `/api/v1/activities/no-such/link-rejections/${linked}`)).status, 404);
      const viewer = await signedIn(server, 'viewer', 'asean');
      assert.equal((await viewer.get(`/api/v1/activities/${id}/link-rejections`)).status, 403);
      assert.equal((await server.get(`/api/v1/activities/${id}/link-rejections`)).status, 401);
      assert.equal(
        (await editor.get<{ items: unknown[] }>(`/api/v1/activities/${id}/link-rejections`)).body.items.length,
        0,
      );
    });
  });
}
