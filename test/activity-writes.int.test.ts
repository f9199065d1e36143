import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ActivityDetail, Page, ActivitySummary, PlanDetail, Problem } from '../src/shared/api-types';
import type { ActivityInputDraft } from '../src/shared/schemas/activity.schema';
import { BASELINE } from '../src/core/history';
import { stableId } from '../src/core/ids';
import { Client, signedIn } from './support/client';
import { DATABASES, type TestDatabase } from './support/databases';
import { startTestServer, type TestServer } from './support/server';

/**
 * What an activity holds, without what every write renews: its version, when it was stored, and
 * the row ids of its funding lines and sources (rewritten with the activity).
 */
function content({ version: _version, updatedAt: _updatedAt, ...rest }: ActivityDetail) {
  return {
    ...rest,
    funding: rest.funding.map(({ id: _id, ...line }) => line),
    sources: rest.sources.map(({ id: _id, ...source }) => source),
  };
}

interface HistoryItem {
  version: number;
  action: string;
  user: { displayName: string } | null;
  comment: string | null;
  changes: { field: string; before: unknown; after: unknown }[];
}

for (const target of DATABASES) {
  describe(`editing activities on ${target.name}`, () => {
    let database: TestDatabase;
    let server: TestServer;
    let editor: Client;
    let otherEditor: Client;
    let reviewerAsean: Client;
    let secondReviewerAsean: Client;
    let reviewerCanada: Client;
    let admin: Client;
    let viewer: Client;
    let publicClient: Client;
    let areaIds: Record<string, string>;
    let unWomenId: string;

    const draft = (title: string): ActivityInputDraft => ({
      title: { en: title, fr: null },
      summary: {
        en: 'Regional workshops for labour inspectors.',
        fr: 'Ateliers régionaux pour inspecteurs du travail.',
      },
      type: 'training',
      status: 'planned',
      plannedStart: '2027-03',
      plannedEnd: '2028',
      countries: ['PH', 'ID'],
      participants: [{ organisationId: unWomenId, role: 'implementer' }],
      funding: [
        { amount: '250000.50', currency: 'CAD', type: 'commitment', date: '2027-01-15', recipientId: unWomenId },
      ],
      links: [
        { nodeId: areaIds['1.1']!, rationale: 'Women’s rights at work.' },
        { nodeId: areaIds['3.4']!, rationale: 'Migrant workers.', confidence: 'verified' },
      ],
      sources: [{ title: 'Project document', url: 'https://example.org/doc', confidence: 'verified' }],
    });

    const create = async (title: string) => {
      const res = await editor.request<ActivityDetail>('POST', '/api/v1/activities', draft(title));
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return res.body;
    };
    const step = (c: Client, a: { id: string; version: number }, action: string, body?: unknown) =>
      c.request<ActivityDetail & Partial<Omit<Problem, 'status'>>>(
        'POST',
        `/api/v1/activities/${a.id}/${action}`,
        body,
        {
          'if-match': `"${a.version}"`,
        },
      );

    before(async () => {
      database = await target.create();
      server = await startTestServer(database);
      editor = await signedIn(server, 'editor', 'partner');
      otherEditor = await signedIn(server, 'editor', 'canada');
      reviewerAsean = await signedIn(server, 'reviewer', 'asean');
      secondReviewerAsean = await signedIn(server, 'reviewer', 'asean', 'reviewer2.asean@example.org');
      reviewerCanada = await signedIn(server, 'reviewer', 'canada');
      admin = await signedIn(server, 'admin', 'asean');
      viewer = await signedIn(server, 'viewer', 'canada');
      publicClient = new Client(server);
      const plan = (await publicClient.get<PlanDetail>('/api/v1/plans/asean-canada-2010-2015')).body;
      areaIds = Object.fromEntries(plan.framework.flatMap((p) => p.children).map((a) => [a.code, a.id]));
      const orgs = await publicClient.get<Page<{ id: string }>>('/api/v1/organisations?q=UN%20Women');
      unWomenId = orgs.body.items[0]!.id;
    });
    after(async () => {
      await server?.close();
      await database?.drop();
    });

    it('creates a draft linked to two areas, visible to staff only', async () => {
      const a = await create('Labour inspection in ASEAN');
      assert.equal(a.version, 1);
      assert.equal(a.workflowState, 'draft');
      assert.deepEqual(a.links.map((l) => l.node.code).sort(), ['1.1', '3.4']);
      assert.deepEqual(a.countries, ['ID', 'PH']);
      assert.equal(a.funding[0]!.amount, '250000.50');
      assert.equal((await publicClient.get(`/api/v1/activities/${a.id}`)).status, 404);
      const staff = await viewer.get<ActivityDetail>(`/api/v1/activities/${a.id}`);
      assert.equal(staff.status, 200);
      assert.equal(staff.headers.get('etag'), '"1"');
      const list = await publicClient.get<Page<ActivitySummary>>('/api/v1/activities?q=Labour%20inspection');
      assert.equal(list.body.total, 0);
    });

    it('names every bad field and every unknown reference', async () => {
      const bad = await editor.request<Problem>('POST', '/api/v1/activities', {
        ...draft('x'),
        title: { en: '', fr: null },
        type: 'party',
        plannedEnd: '2026',
        funding: [{ amount: '1,000', currency: 'CAD', type: 'commitment' }],
      });
      assert.equal(bad.status, 400);
      const names = bad.body.errors!.map((e) => e.name).sort();
      assert.deepEqual(names, ['funding.0.amount', 'plannedEnd', 'title.en', 'type']);
      const unknown = await editor.request<Problem>('POST', '/api/v1/activities', {
        ...draft('x'),
        links: [{ nodeId: 'no-such-node' }],
        participants: [{ organisationId: 'no-such-org', role: 'funder' }],
      });
      assert.equal(unknown.status, 400);
      assert.deepEqual(unknown.body.errors!.map((e) => e.name).sort(), [
        'links.0.nodeId',
        'participants.0.organisationId',
      ]);
    });

    it('refuses a stale write with 409 and the current state; nothing is lost', async () => {
      const a = await create('Conflict test');
      const first = await editor.request<ActivityDetail>(
        'PUT',
        `/api/v1/activities/${a.id}`,
        { ...draft('Edited by the first'), status: 'ongoing' },
        { 'if-match': '"1"' },
      );
      assert.equal(first.status, 200);
      assert.equal(first.body.version, 2);
      const stale = await otherEditor.request<Problem & { current: ActivityDetail }>(
        'PUT',
        `/api/v1/activities/${a.id}`,
        draft('Edited by the second'),
        {
          'if-match': '"1"',
        },
      );
      assert.equal(stale.status, 409);
      assert.equal(stale.body.currentVersion, 2);
      assert.equal(stale.body.current.title.en, 'Edited by the first');
      const now = await viewer.get<ActivityDetail>(`/api/v1/activities/${a.id}`);
      assert.equal(now.body.title.en, 'Edited by the first');
      assert.equal(now.body.status, 'ongoing');
      const missing = await otherEditor.request<Problem>('PUT', `/api/v1/activities/${a.id}`, draft('No version'));
      assert.equal(missing.status, 428);
      assert.match(missing.body.detail, /If-Match/);
    });

    it('keeps who changed what, and restores an earlier version as a new one', async () => {
      const a = await create('History test');
      await editor.request(
        'PUT',
        `/api/v1/activities/${a.id}`,
        { ...draft('History test, renamed'), countries: ['VN'] },
        { 'if-match': '"1"' },
      );
      const history = await viewer.get<{ items: HistoryItem[] }>(`/api/v1/activities/${a.id}/history`);
      assert.deepEqual(
        history.body.items.map((h) => [h.version, h.action]),
        [
          [2, 'update'],
          [1, 'create'],
        ],
      );
      const update = history.body.items[0]!;
      assert.equal(update.user?.displayName, 'editor partner');
      const title = update.changes.find((c) => c.field === 'title')!;
      assert.deepEqual(title.before, { en: 'History test', fr: null });
      assert.deepEqual(title.after, { en: 'History test, renamed', fr: null });
      assert.deepEqual(update.changes.find((c) => c.field === 'countries')?.after, ['VN']);
      assert.ok(!update.changes.some((c) => c.field === 'funding'), 'unchanged fields are not listed');

      const restored = await editor.request<ActivityDetail>(
        'POST',
        `/api/v1/activities/${a.id}/history/1/restore`,
        undefined,
        { 'if-match': '"2"' },
      );
      assert.equal(restored.status, 200);
      assert.equal(restored.body.version, 3);
      assert.equal(restored.body.title.en, 'History test');
      assert.deepEqual(restored.body.countries, ['ID', 'PH']);
      const after = await viewer.get<{ items: HistoryItem[] }>(`/api/v1/activities/${a.id}/history`);
      assert.equal(after.body.items[0]!.action, 'restore');
    });

    it('publishes only when a reviewer of each required side has approved', async () => {
      const a = await create('Joint sign-off test');
      const submitted = await step(editor, a, 'submit');
      assert.equal(submitted.body.workflowState, 'submitted');
      const queue = await reviewerAsean.get<{ items: { id: string }[] }>('/api/v1/review-queue');
      assert.ok(queue.body.items.some((i) => i.id === a.id));

      assert.equal((await step(otherEditor, a, 'approve')).status, 403, 'editors cannot approve');
      const first = await step(reviewerAsean, a, 'approve', { comment: 'Fine for ASEAN.' });
      assert.equal(first.status, 200);
      assert.equal(first.body.workflowState, 'submitted', 'one side is not enough');
      assert.equal((await publicClient.get(`/api/v1/activities/${a.id}`)).status, 404);
      assert.equal((await step(secondReviewerAsean, a, 'approve')).status, 409, 'the same side cannot approve twice');
      const queueAfter = await secondReviewerAsean.get<{ items: { id: string }[] }>('/api/v1/review-queue');
      assert.ok(!queueAfter.body.items.some((i) => i.id === a.id), 'no longer waiting for ASEAN');

      const second = await step(reviewerCanada, a, 'approve');
      assert.equal(second.body.workflowState, 'published');
      const pub = await publicClient.get<ActivityDetail>(`/api/v1/activities/${a.id}`);
      assert.equal(pub.status, 200);
      assert.equal(pub.body.title.en, 'Joint sign-off test');
      const actions = (await viewer.get<{ items: HistoryItem[] }>(`/api/v1/activities/${a.id}/history`)).body.items.map(
        (h) => h.action,
      );
      assert.deepEqual(actions.slice(0, 3), ['publish', 'approve', 'submit']);
    });

    it('returns for revision with a required comment, and the editor resubmits', async () => {
      const a = await create('Return test');
      await step(editor, a, 'submit');
      const noComment = await step(reviewerCanada, a, 'return', {});
      assert.equal(noComment.status, 400);
      assert.equal(noComment.body.errors![0]!.name, 'comment');
      const returned = await step(reviewerCanada, a, 'return', { comment: 'Add the budget source.' });
      assert.equal(returned.body.workflowState, 'returned');
      assert.equal((await step(editor, a, 'submit')).body.workflowState, 'submitted');
    });

    it('does not let a reviewer approve their own change', async () => {
      const a = await create('Four eyes test');
      const edited = await reviewerAsean.request<ActivityDetail>(
        'PUT',
        `/api/v1/activities/${a.id}`,
        draft('Four eyes test, fixed'),
        { 'if-match': '"1"' },
      );
      assert.equal(edited.status, 200);
      await step(editor, edited.body, 'submit');
      const own = await step(reviewerAsean, edited.body, 'approve');
      assert.equal(own.status, 403);
      assert.match(own.body.detail ?? '', /different reviewer/);
    });

    it('moves a deleted activity to the trash, which only admins read and restore', async () => {
      const a = await create('Trash test');
      assert.equal(
        (await editor.request('DELETE', `/api/v1/activities/${a.id}`, undefined, { 'if-match': '"1"' })).status,
        204,
      );
      assert.equal((await viewer.get(`/api/v1/activities/${a.id}`)).status, 404);
      assert.equal((await editor.get('/api/v1/trash')).status, 403);
      const trash = await admin.get<{ activities: { id: string }[] }>('/api/v1/trash');
      assert.ok(trash.body.activities.some((t) => t.id === a.id));
      const restored = await admin.request<ActivityDetail>('POST', `/api/v1/trash/activities/${a.id}/restore`);
      assert.equal(restored.status, 200);
      assert.equal(restored.body.title.en, 'Trash test');
      assert.equal(restored.body.links.length, 2, 'links survive the trash');
    });

    it('lists activities by workflow state and creator for staff, never for the public', async () => {
      const mine = await signedIn(server, 'editor', 'asean', 'filter.editor@example.org');
      const me = (await mine.get<{ user: { id: string } }>('/api/v1/auth/me')).body.user.id;
      const add = async (title: string, type: string) => {
        const res = await mine.request<ActivityDetail>('POST', '/api/v1/activities', { ...draft(title), type });
        assert.equal(res.status, 201, JSON.stringify(res.body));
        return res.body;
      };
      const first = await add('Filter test: a draft', 'training');
      const second = await add('Filter test: b submitted', 'dialogue');
      await add('Filter test: c draft', 'dialogue');
      assert.equal((await step(mine, second, 'submit')).status, 200);
      const list = async (c: Client, query: string) => {
        const res = await c.get<Page<ActivitySummary>>(`/api/v1/activities?${query}`);
        assert.equal(res.status, 200, JSON.stringify(res.body));
        return res.body;
      };

      const own = await list(mine, 'createdBy=me&sort=title');
      assert.equal(own.total, 3);
      assert.deepEqual(
        own.items.map((a) => [a.title.en, a.workflowState]),
        [
          ['Filter test: a draft', 'draft'],
          ['Filter test: b submitted', 'submitted'],
          ['Filter test: c draft', 'draft'],
        ],
      );
      assert.deepEqual(await list(viewer, `createdBy=${me}&sort=title`), own, 'me is the signed-in person');
      assert.equal((await list(viewer, 'createdBy=me')).total, 0, 'the viewer created nothing');

      const submitted = await list(mine, 'createdBy=me&workflowState=submitted');
      assert.deepEqual(
        submitted.items.map((a) => a.id),
        [second.id],
      );
      const drafts = await list(mine, 'createdBy=me&workflowState=draft,returned&type=dialogue');
      assert.deepEqual(
        drafts.items.map((a) => a.title.en),
        ['Filter test: c draft'],
      );
      const paged = await list(mine, 'createdBy=me&workflowState=draft&sort=-title&pageSize=1&page=2');
      assert.equal(paged.total, 2);
      assert.deepEqual(
        paged.items.map((a) => a.id),
        [first.id],
      );

      const allDrafts = await list(viewer, 'workflowState=draft&pageSize=100');
      assert.ok(allDrafts.total >= 2);
      assert.ok(allDrafts.items.every((a) => a.workflowState === 'draft'));
      const everything = (await list(viewer, 'pageSize=1')).total;
      const byState = await Promise.all(
        ['draft', 'submitted', 'returned', 'published'].map(
          async (s) => (await list(viewer, `workflowState=${s}`)).total,
        ),
      );
      assert.equal(
        byState.reduce((a, b) => a + b, 0),
        everything,
        'the states partition the list',
      );

      const published = await list(publicClient, 'workflowState=published');
      assert.equal(published.total, (await list(publicClient, 'pageSize=1')).total);
      for (const query of ['workflowState=draft', 'workflowState=published,submitted']) {
        const refused = await publicClient.get<Problem>(`/api/v1/activities?${query}`);
        assert.equal(refused.status, 400, query);
        assert.deepEqual(
          refused.body.errors!.map((e) => e.name),
          ['workflowState'],
        );
      }
      const meSignedOut = await publicClient.get<Problem>('/api/v1/activities?createdBy=me');
      assert.equal(meSignedOut.status, 400);
      assert.equal(meSignedOut.body.errors![0]!.name, 'createdBy');
      assert.match(meSignedOut.body.errors![0]!.reason, /Sign in/);
      const byId = await publicClient.get<Problem>(`/api/v1/activities?createdBy=${me}`);
      assert.equal(byId.status, 400);
      assert.equal(byId.body.errors![0]!.name, 'createdBy');
      const unknown = await viewer.get<Problem>('/api/v1/activities?createdBy=nobody');
      assert.equal(unknown.status, 400);
      assert.equal(unknown.body.errors![0]!.name, 'createdBy');
    });

    it('answers the history of a seeded activity, empty until its first change, and 404 for no activity', async () => {
      const seeded = stableId('activity:pmc-2013-funding-package');
      const untouched = await viewer.get<{ items: HistoryItem[] }>(`/api/v1/activities/${seeded}/history`);
      assert.equal(untouched.status, 200);
      assert.deepEqual(untouched.body.items, []);
      const unknown = await viewer.get<Problem>(`/api/v1/activities/${stableId('activity:no-such-activity')}/history`);
      assert.equal(unknown.status, 404);
    });

    it('records the seeded state as a baseline at the first edit, and restores it exactly', async () => {
      const id = stableId('activity:pmc-2013-funding-package');
      const seeded = (await viewer.get<ActivityDetail>(`/api/v1/activities/${id}`)).body;
      assert.ok(seeded.funding.length > 1 && seeded.links.length > 0 && seeded.sources.length > 0);
      const edited = await editor.request<ActivityDetail>('PUT', `/api/v1/activities/${id}`, draft('Replaced'), {
        'if-match': `"${seeded.version}"`,
      });
      assert.equal(edited.status, 200, JSON.stringify(edited.body));

      const history = (await viewer.get<{ items: HistoryItem[] }>(`/api/v1/activities/${id}/history`)).body.items;
      assert.deepEqual(
        history.map((h) => [h.version, h.action]),
        [
          [seeded.version + 1, 'update'],
          [seeded.version, 'baseline'],
        ],
      );
      const baseline = history[1]!;
      assert.equal(baseline.user, null);
      assert.equal(baseline.comment, BASELINE.comment);
      assert.deepEqual(baseline.changes, []);
      assert.deepEqual(history[0]!.changes.find((c) => c.field === 'title')?.before, seeded.title);

      const restored = await editor.request<ActivityDetail>(
        'POST',
        `/api/v1/activities/${id}/history/${seeded.version}/restore`,
        undefined,
        { 'if-match': `"${seeded.version + 1}"` },
      );
      assert.equal(restored.status, 200, JSON.stringify(restored.body));
      assert.equal(restored.body.version, seeded.version + 2);
      assert.deepEqual(content((await viewer.get<ActivityDetail>(`/api/v1/activities/${id}`)).body), content(seeded));
      const after = (await viewer.get<{ items: HistoryItem[] }>(`/api/v1/activities/${id}/history`)).body.items;
      assert.deepEqual(
        after.map((h) => h.action),
        ['restore', 'update', 'baseline'],
        'the baseline is recorded once',
      );
    });

    it('records the baseline of a seeded activity moved to the trash, whose history stays readable', async () => {
      const id = stableId('activity:asean-triangle');
      const seeded = (await viewer.get<ActivityDetail>(`/api/v1/activities/${id}`)).body;
      const deleted = await editor.request('DELETE', `/api/v1/activities/${id}`, undefined, {
        'if-match': `"${seeded.version}"`,
      });
      assert.equal(deleted.status, 204);
      const history = await viewer.get<{ items: HistoryItem[] }>(`/api/v1/activities/${id}/history`);
      assert.equal(history.status, 200);
      assert.deepEqual(
        history.body.items.map((h) => [h.version, h.action]),
        [
          [seeded.version + 1, 'delete'],
          [seeded.version, 'baseline'],
        ],
      );
    });
  });
}
