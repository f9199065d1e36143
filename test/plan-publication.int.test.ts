import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type {
  ActivityDetail,
  PartnershipWithPlans,
  PlanDetail,
  PlanSummary,
  Problem,
  SearchResults,
} from '../src/shared/api-types';
import { signedIn, type Client } from './support/client';
import { DATABASES, type TestDatabase } from './support/databases';
import { startTestServer, type TestServer } from './support/server';

/** The seed's latest plan, set to draft and back; the one before it stays public. */
const DRAFT = 'asean-canada-2021-2025';
const BEFORE = 'asean-canada-2016-2020';
/** A published seed activity linked to the latest plan only. */
const FTA_TITLE = 'ASEAN-Canada free trade agreement negotiations';

for (const target of DATABASES) {
  describe(`per-plan publication on ${target.name}`, () => {
    let database: TestDatabase;
    let server: TestServer;
    let admin: Client;
    let editor: Client;
    let reviewer: Client;
    let plan: PlanDetail;
    let digital: string;
    let fta: string;

    /** Sets the plan's status through the API, as the plan editor does. */
    const setStatus = async (status: 'draft' | 'active') => {
      const current = await admin.get<PlanDetail>(`/api/v1/plans/${DRAFT}`);
      const version = current.headers.get('etag')!;
      const b = current.body;
      const res = await admin.request<PlanDetail>(
        'PUT',
        `/api/v1/plans/${DRAFT}`,
        {
          title: b.title,
          shortTitle: b.shortTitle,
          summary: b.summary,
          description: b.description,
          status,
          periodStart: b.periodStart,
          periodEnd: b.periodEnd,
          periodNote: b.periodNote,
          adoptedOn: b.adoptedOn,
          adoptedAt: b.adoptedAt,
          fullTextUrl: b.fullTextUrl,
          signoffSides: b.signoffSides,
        },
        { 'if-match': version },
      );
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.status, status);
    };

    before(async () => {
      database = await target.create();
      server = await startTestServer(database);
      admin = await signedIn(server, 'admin', 'asean');
      editor = await signedIn(server, 'editor', 'canada');
      reviewer = await signedIn(server, 'reviewer', 'asean');
      plan = (await server.get<PlanDetail>(`/api/v1/plans/${DRAFT}`)).body;
      digital = plan.framework.find((n) => /digital economy/i.test(n.title.en ?? ''))!.id;
      const found = await server.get<{ items: { id: string; title: { en: string | null } }[] }>(
        `/api/v1/activities?q=${encodeURIComponent('free trade agreement negotiations')}&pageSize=50`,
      );
      fta = found.body.items.find((a) => a.title.en === FTA_TITLE)!.id;
      await setStatus('draft');
    });
    after(async () => {
      await server?.close();
      await database?.drop();
    });

    it('keeps a draft plan out of the public lists, and in the staff ones', async () => {
      const pub = await server.get<{ items: PlanSummary[] }>('/api/v1/plans');
      assert.ok(!pub.body.items.some((p) => p.slug === DRAFT));
      assert.ok(pub.body.items.some((p) => p.slug === BEFORE));
      const ps = await server.get<{ items: PartnershipWithPlans[] }>('/api/v1/partnerships');
      assert.ok(!ps.body.items.flatMap((p) => p.plans).some((p) => p.slug === DRAFT));
      const staff = await editor.get<{ items: PlanSummary[] }>('/api/v1/plans');
      assert.equal(staff.body.items.find((p) => p.slug === DRAFT)?.status, 'draft');
    });

    it('answers 404 to the public for the plan, its nodes, coverage, report, definition and comparison', async () => {
      for (const path of [
        `/api/v1/plans/${DRAFT}`,
        `/api/v1/plans/${plan.id}`,
        `/api/v1/framework-nodes/${digital}`,
        `/api/v1/plans/${DRAFT}/coverage`,
        `/api/v1/plans/${DRAFT}/report?format=html`,
        `/api/v1/plans/${DRAFT}/definition?format=yaml`,
        `/api/v1/plans/${DRAFT}/snapshots`,
        `/api/v1/plans/${BEFORE}/compare/${DRAFT}`,
      ]) {
        const res = await server.get<Problem>(path);
        assert.equal(res.status, 404, path);
        assert.match(res.contentType, /problem\+json/, path);
      }
      // Staff read them all.
      for (const path of [
        `/api/v1/plans/${DRAFT}`,
        `/api/v1/framework-nodes/${digital}`,
        `/api/v1/plans/${DRAFT}/coverage`,
        `/api/v1/plans/${BEFORE}/compare/${DRAFT}`,
      ]) {
        assert.equal((await editor.get(path)).status, 200, path);
      }
    });

    it('does not let the public filter activities by the draft plan, and hides the links into it', async () => {
      const filtered = await server.get<Problem>(`/api/v1/activities?plan=${DRAFT}`);
      assert.equal(filtered.status, 400);
      assert.equal(filtered.body.errors?.[0]?.name, 'plan');
      const byNode = await server.get<Problem>(`/api/v1/activities?node=${digital}`);
      assert.equal(byNode.status, 400);
      assert.equal(byNode.body.errors?.[0]?.name, 'node');
      assert.equal((await editor.get(`/api/v1/activities?plan=${DRAFT}`)).status, 200);

      const pub = await server.get<ActivityDetail>(`/api/v1/activities/${fta}`);
      assert.equal(pub.status, 200, 'the activity itself is published');
      assert.ok(!pub.body.links.some((l) => l.node.plan.slug === DRAFT));
      const staff = await editor.get<ActivityDetail>(`/api/v1/activities/${fta}`);
      assert.ok(staff.body.links.some((l) => l.node.plan.slug === DRAFT));

      const csv = await fetch(`${server.baseUrl}/api/v1/exports/activities?format=csv&id=${fta}`);
      assert.equal(csv.status, 200);
      const text = await csv.text();
      assert.ok(text.includes(FTA_TITLE));
      assert.ok(!text.includes(DRAFT), 'the export names no draft plan');
    });

    it('keeps its nodes out of the public search and its facets', async () => {
      const pub = await server.get<SearchResults>('/api/v1/search?q=digital+economy+smart+cities');
      assert.ok(!pub.body.items.some((h) => h.id === digital));
      assert.ok(!pub.body.facets.plan.some((f) => f.value === plan.id));
      const trade = await server.get<SearchResults>('/api/v1/search?q=free+trade+agreement');
      assert.ok(!trade.body.facets.plan.some((f) => f.value === plan.id));
      const staff = await editor.get<SearchResults>('/api/v1/search?q=digital+economy+smart+cities');
      assert.ok(staff.body.items.some((h) => h.id === digital));
    });

    it('does not let a public search find an activity by the draft plan: neither its area names nor its ids', async () => {
      // "investment" is in the name of the draft plan's area the activity is linked to, not in the activity's own text.
      const byName = await server.get<SearchResults>('/api/v1/search?q=negotiations+investment');
      assert.equal(byName.status, 200);
      assert.ok(!byName.body.items.some((h) => h.id === fta));
      const words = await server.get<SearchResults>('/api/v1/search?q=free+trade+agreement+negotiations');
      const hit = words.body.items.find((h) => h.id === fta);
      assert.ok(hit, 'found by its own words');
      assert.ok(!hit.snippets.some((s) => s.field === 'areas'), "and shown without the draft plan's area");

      for (const filter of [`plan=${plan.id}`, `area=${digital}`, `pillar=${plan.framework[0]!.id}`]) {
        const pub = await server.get<SearchResults>(`/api/v1/search?q=negotiations&${filter}`);
        assert.equal(pub.status, 200, filter);
        assert.equal(pub.body.total, 0, filter);
      }
      const staff = await editor.get<SearchResults>(`/api/v1/search?q=negotiations&plan=${plan.id}`);
      assert.ok(
        staff.body.items.some((h) => h.id === fta),
        'staff filter by the draft plan',
      );
    });

    it('refuses a snapshot of a draft plan, naming the plan and the fix', async () => {
      const res = await reviewer.request<Problem>('POST', `/api/v1/plans/${DRAFT}/snapshots`, {
        label: 'Mid-term',
        asOf: '2024-12-31',
      });
      assert.equal(res.status, 400);
      assert.equal(res.body.errors?.[0]?.name, 'plan');
      assert.match(res.body.errors?.[0]?.reason ?? '', /draft.*active/);
    });

    it('shows the plan to everyone again once it is active', async () => {
      await setStatus('active');
      assert.equal((await server.get(`/api/v1/plans/${DRAFT}`)).status, 200);
      assert.ok((await server.get<{ items: PlanSummary[] }>('/api/v1/plans')).body.items.some((p) => p.slug === DRAFT));
      const detail = await server.get<ActivityDetail>(`/api/v1/activities/${fta}`);
      assert.ok(detail.body.links.some((l) => l.node.plan.slug === DRAFT));
      const found = await server.get<SearchResults>('/api/v1/search?q=digital+economy+smart+cities');
      assert.ok(found.body.items.some((h) => h.id === digital));
      const byName = await server.get<SearchResults>('/api/v1/search?q=negotiations+investment');
      assert.ok(
        byName.body.items.some((h) => h.id === fta),
        'found by its area again',
      );
      const byPlan = await server.get<SearchResults>(`/api/v1/search?q=negotiations&plan=${plan.id}`);
      assert.ok(
        byPlan.body.items.some((h) => h.id === fta),
        'and by the plan',
      );
    });
  });
}
