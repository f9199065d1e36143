import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type {
  ActivityDetail,
  ActivitySummary,
  FrameworkNodeDetail,
  FrameworkNodeTree,
  OrganisationDetail,
  OrganisationSummary,
  Page,
  PlanDetail,
  PlanSummary,
  Problem,
} from '../src/shared/api-types';
import { OVERVIEW_2010 } from './fixtures/asean-canada-overview';
import { DATABASES, type TestDatabase } from './support/databases';
import { startTestServer, type TestServer } from './support/server';

const PLAN = 'asean-canada-2010-2015';
/** The 17 areas (codes with a dot), in the overview's order. */
const AREAS = OVERVIEW_2010.filter(([code]) => code.includes('.'));

function flatten(nodes: FrameworkNodeTree[]): FrameworkNodeTree[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}

for (const target of DATABASES) {
  describe(`API on ${target.name}`, () => {
    let database: TestDatabase;
    let server: TestServer;
    let plan: PlanDetail;
    let all: ActivitySummary[];

    const list = async (query: string) => {
      const res = await server.get<Page<ActivitySummary>>(`/api/v1/activities?${query}`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body;
    };
    const area = (code: string) => flatten(plan.framework).find((n) => n.code === code)!;
    const findActivity = (pattern: RegExp) => {
      const a = all.find((x) => pattern.test(x.title.en ?? ''));
      assert.ok(a, `no seeded activity matches ${pattern}`);
      return a;
    };

    before(async () => {
      database = await target.create();
      server = await startTestServer(database);
      plan = (await server.get<PlanDetail>(`/api/v1/plans/${PLAN}`)).body;
      all = (await list('pageSize=100')).items;
    });
    after(async () => {
      await server?.close();
      await database?.drop();
    });

    describe('plans', () => {
      it('lists the seeded plans in period order with activity counts', async () => {
        const res = await server.get<{ items: PlanSummary[] }>('/api/v1/plans');
        assert.equal(res.status, 200);
        assert.match(res.contentType, /application\/json/);
        const slugs = res.body.items.map((p) => p.slug);
        assert.equal(slugs[0], PLAN);
        assert.ok(res.body.items.length >= 3, 'the 2010, 2016 and 2021 plans');
        const first = res.body.items[0]!;
        assert.equal(first.periodStart, 2010);
        assert.equal(first.periodEnd, 2015);
        assert.match(first.periodNote ?? '', /2011/);
        assert.equal(first.adoptedOn?.slice(0, 4), '2010');
        assert.equal(first.partnership.slug.includes('canada'), true);
        assert.ok(first.activityCount >= 6);
      });

      it('returns the framework: 3 pillars and the 17 areas in the overview’s order', () => {
        assert.deepEqual(
          plan.framework.map((p) => p.title.en),
          ['Political and Security Cooperation', 'Economic Cooperation', 'Socio-Cultural Cooperation'],
        );
        const areas = plan.framework.flatMap((p) => p.children.map((a) => [a.code, a.title.en]));
        assert.deepEqual(areas, AREAS);
        assert.match(plan.description.en ?? '', /significant step forward/);
        assert.ok(plan.fullTextUrl, 'pointer to the complete plan');
        assert.ok(plan.documents.length > 0);
      });

      it('finds a plan by id as well as by slug, and 404s an unknown one as a problem', async () => {
        const byId = await server.get<PlanDetail>(`/api/v1/plans/${plan.id}`);
        assert.equal(byId.body.slug, PLAN);
        const missing = await server.get<Problem>('/api/v1/plans/no-such-plan');
        assert.equal(missing.status, 404);
        assert.match(missing.contentType, /application\/problem\+json/);
        assert.equal(missing.body.status, 404);
        assert.match(missing.body.detail, /no-such-plan/);
      });

      it('counts distinct activities per node, matching the filtered list for every node', async () => {
        for (const node of flatten(plan.framework)) {
          const page = await list(`node=${node.id}&pageSize=1`);
          assert.equal(page.total, node.activityCount, `node ${node.code}`);
        }
        const pillarSum = plan.framework.reduce((s, p) => s + p.activityCount, 0);
        assert.ok(pillarSum >= plan.activityCount, 'an activity in two pillars counts in each');
        assert.ok(area('1.1').activityCount >= 3);
      });
    });

    describe('framework nodes', () => {
      it('returns a node with its plan, ancestors and children', async () => {
        const pillar = plan.framework[0]!;
        const p = await server.get<FrameworkNodeDetail>(`/api/v1/framework-nodes/${pillar.id}`);
        assert.equal(p.status, 200);
        assert.equal(p.body.plan.slug, PLAN);
        assert.deepEqual(p.body.ancestors, []);
        assert.deepEqual(
          p.body.children.map((c) => c.code),
          ['1.1', '1.2', '1.3'],
        );
        const a = await server.get<FrameworkNodeDetail>(`/api/v1/framework-nodes/${area('1.2').id}`);
        assert.deepEqual(
          a.body.ancestors.map((n) => n.code),
          ['1'],
        );
        assert.equal(a.body.activityCount, area('1.2').activityCount);
      });
    });

    describe('activities', () => {
      it('shows the UNIFEM grant with its CAD 3,000,000, partners and area', async () => {
        const grant = findActivity(/UNIFEM|UN Women|Regional Mechanisms/i);
        const res = await server.get<ActivityDetail>(`/api/v1/activities/${grant.id}`);
        assert.equal(res.status, 200);
        const d = res.body;
        assert.ok(
          d.funding.some((f) => f.amount === '3000000.00' && f.currency === 'CAD'),
          JSON.stringify(d.funding),
        );
        assert.ok(d.fundingTotals.some((t) => t.currency === 'CAD' && Number(t.amount) >= 3000000));
        const roles = d.participants.map((p) => `${p.role}:${p.organisation.acronym ?? p.organisation.name.en}`);
        assert.ok(
          roles.some((r) => r.startsWith('funder:')),
          roles.join(),
        );
        assert.ok(
          roles.some((r) => /implementer:(UN Women|UNIFEM)/.test(r)),
          roles.join(),
        );
        assert.ok(roles.some((r) => /ACWC/.test(r)) && roles.some((r) => /AICHR/.test(r)), roles.join());
        assert.ok(d.links.some((l) => l.node.code === '1.1' && l.ancestors[0]?.code === '1'));
        assert.ok(d.sources.length > 0 && d.sources.every((s) => s.confidence));
        assert.equal(typeof d.version, 'number');
      });

      it('links IDRC’s research to several areas', async () => {
        const idrc = findActivity(/IDRC|International Development Research Centre/i);
        const d = (await server.get<ActivityDetail>(`/api/v1/activities/${idrc.id}`)).body;
        assert.ok(d.links.length >= 3, `links: ${d.links.map((l) => l.node.code).join()}`);
      });

      it('filters by pillar, including every area below it', async () => {
        const pillar = plan.framework[0]!;
        const page = await list(`pillar=${pillar.id}&pageSize=100`);
        assert.equal(page.total, pillar.activityCount);
        const codes = new Set(pillar.children.map((c) => c.code));
        for (const a of page.items)
          assert.ok(
            a.nodes.some((n) => codes.has(n.code) || n.code === pillar.code),
            a.title.en!,
          );
      });

      it('filters by plan, and the plan’s statistics add up over exactly those activities', async () => {
        const page = await list(`plan=${PLAN}&pageSize=100`);
        assert.equal(page.total, plan.activityCount);
        const countries = new Set(page.items.flatMap((a) => a.countries));
        assert.equal(plan.stats.countryCount, countries.size);
        assert.equal(plan.stats.regionalActivityCount, page.items.filter((a) => a.regional).length);
        assert.ok(
          plan.stats.partnerCount >=
            new Set(page.items.flatMap((a) => [...a.funders, ...a.implementers].map((o) => o.id))).size,
        );
        const sums = new Map<string, number>();
        for (const t of page.items.flatMap((a) => a.funding)) {
          sums.set(
            `${t.type} ${t.currency}`,
            (sums.get(`${t.type} ${t.currency}`) ?? 0) + Math.round(Number(t.amount) * 100),
          );
        }
        const stated = new Map(
          plan.stats.funding.map((t) => [`${t.type} ${t.currency}`, Math.round(Number(t.amount) * 100)]),
        );
        assert.deepEqual(stated, sums);
        assert.ok((stated.get('commitment CAD') ?? 0) >= 300000000, 'at least the CAD 3 million grant');
      });

      it('filters by organisation, country, status and type', async () => {
        const orgs = (await server.get<Page<OrganisationSummary>>('/api/v1/organisations?q=IDRC')).body.items;
        assert.ok(orgs.length >= 1);
        const byOrg = await list(`organisation=${orgs[0]!.id}`);
        assert.ok(byOrg.total >= 1);

        const id = await list('country=ID&pageSize=100');
        assert.ok(id.total >= 1);
        for (const a of id.items) assert.ok(a.countries.includes('ID'));
        const region = await list('country=ASEAN&pageSize=100');
        assert.ok(region.total >= 1);
        for (const a of region.items) assert.equal(a.regional, true);

        const completed = await list('status=completed&pageSize=100');
        assert.ok(completed.total >= 1 && completed.total < all.length);
        for (const a of completed.items) assert.equal(a.status, 'completed');

        const typed = await list('type=dialogue,forum&pageSize=100');
        assert.ok(typed.total >= 2);
        for (const a of typed.items) assert.ok(['dialogue', 'forum'].includes(a.type));
      });

      it('combines plan, organisation, country and status filters as the intersection of each alone', async () => {
        const ids = async (query: string) => (await list(`${query}&pageSize=100`)).items.map((a) => a.id).sort();
        const planIds = await ids(`plan=${PLAN}`);
        const thIds = await ids('country=TH');
        const ongoingIds = await ids('status=ongoing,completed');
        const both = planIds.filter((id) => thIds.includes(id));
        assert.ok(both.length >= 1, 'the plan has activities in Thailand');
        assert.deepEqual(await ids(`plan=${PLAN}&country=TH`), both);
        assert.deepEqual(
          await ids(`plan=${PLAN}&country=TH&status=ongoing,completed`),
          both.filter((id) => ongoingIds.includes(id)),
        );
        const funder = (await list(`plan=${PLAN}&country=TH&pageSize=1`)).items[0]!.funders[0]!.id;
        const orgIds = await ids(`organisation=${funder}`);
        assert.deepEqual(
          await ids(`organisation=${funder}&plan=${PLAN}&country=TH`),
          both.filter((id) => orgIds.includes(id)),
        );
        // Regional activities have no countries: the region is an alternative to the countries chosen.
        const regionIds = await ids('country=ASEAN');
        assert.deepEqual(await ids('country=TH,ASEAN'), [...new Set([...thIds, ...regionIds])].sort());
        assert.deepEqual(
          await ids(`plan=${PLAN}&country=TH,ASEAN`),
          planIds.filter((id) => thIds.includes(id) || regionIds.includes(id)),
        );
      });

      it('filters by year range on the activity’s span', async () => {
        const page = await list('yearFrom=2011&yearTo=2011&pageSize=100');
        assert.ok(page.total >= 1);
        for (const a of page.items) {
          const start = a.startDate ?? a.endDate!;
          assert.ok(Number(start.slice(0, 4)) <= 2011, `${a.title.en} starts ${start}`);
          if (a.endDate) assert.ok(Number(a.endDate.slice(0, 4)) >= 2011, `${a.title.en} ends ${a.endDate}`);
        }
        const later = await list('yearFrom=2021&pageSize=100');
        assert.ok(!later.items.some((a) => a.endDate && Number(a.endDate.slice(0, 4)) < 2021));
      });

      it('searches titles, summaries and partner names', async () => {
        const page = await list('q=unifem');
        assert.ok(page.total >= 1);
      });

      it('sorts and pages with a stable total', async () => {
        const byTitle = await list('sort=title&pageSize=100');
        const titles = byTitle.items.map((a) => (a.title.en ?? a.title.fr ?? '').toLowerCase());
        assert.deepEqual(
          titles,
          [...titles].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)),
        );
        const p1 = await list('sort=title&pageSize=5&page=1');
        const p2 = await list('sort=title&pageSize=5&page=2');
        assert.equal(p1.total, all.length);
        assert.equal(p2.total, all.length);
        assert.equal(p1.items.length, 5);
        assert.deepEqual(
          [...p1.items, ...p2.items].map((a) => a.id),
          byTitle.items.slice(0, p1.items.length + p2.items.length).map((a) => a.id),
        );
        const newest = await list('sort=-start&pageSize=100');
        const starts = newest.items.map((a) => a.startDate).filter((d): d is string => !!d);
        assert.deepEqual(starts, [...starts].sort().reverse());
      });
    });

    describe('organisations', () => {
      it('lists organisations with activity counts and finds former names', async () => {
        const res = await server.get<Page<OrganisationSummary>>('/api/v1/organisations?q=unifem');
        assert.equal(res.status, 200);
        assert.equal(res.body.total, 1, 'UN Women, found by its former name');
        const detail = await server.get<OrganisationDetail>(`/api/v1/organisations/${res.body.items[0]!.id}`);
        assert.ok(
          detail.body.formerNames.some((f) =>
            /UNIFEM|United Nations Development Fund for Women/.test(`${f.name} ${f.acronym}`),
          ),
        );
        assert.ok(detail.body.activityCount >= 1);
        assert.ok(detail.body.roles.some((r) => r.role === 'implementer'));
      });
    });

    describe('errors', () => {
      it('names each bad parameter in an application/problem+json answer', async () => {
        const res = await server.get<Problem>('/api/v1/activities?country=XX&status=done&pageSize=1000&colour=red');
        assert.equal(res.status, 400);
        assert.match(res.contentType, /application\/problem\+json/);
        assert.equal(res.body.status, 400);
        const names = (res.body.errors ?? []).map((e) => e.name).sort();
        assert.deepEqual(names, ['colour', 'country', 'pageSize', 'status']);
        const country = res.body.errors!.find((e) => e.name === 'country')!;
        assert.match(country.reason, /BN, KH, ID/);
        assert.match(res.body.errors!.find((e) => e.name === 'colour')!.reason, /Unknown parameter.*yearFrom/);
      });

      it('reports references to records that do not exist', async () => {
        const res = await server.get<Problem>(
          `/api/v1/activities?node=missing-node&plan=missing-plan&pillar=${area('2.1').id}`,
        );
        assert.equal(res.status, 400);
        const names = (res.body.errors ?? []).map((e) => e.name).sort();
        assert.deepEqual(names, ['node', 'pillar', 'plan']);
        assert.match(res.body.errors!.find((e) => e.name === 'pillar')!.reason, /not a pillar/);
      });

      it('answers unknown records and paths with 404 problems', async () => {
        for (const path of [
          '/api/v1/activities/nope',
          '/api/v1/organisations/nope',
          '/api/v1/framework-nodes/nope',
          '/api/v1/nothing',
        ]) {
          const res = await server.get<Problem>(path);
          assert.equal(res.status, 404, path);
          assert.match(res.contentType, /application\/problem\+json/, path);
        }
      });

      it('refuses a body over the limit with 413 naming the limit', async () => {
        const res = await fetch(`${server.baseUrl}/api/v1/auth/sign-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'a@example.org', password: 'x'.repeat(1024 * 1024) }),
        });
        assert.equal(res.status, 413);
        assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
        const body = (await res.json()) as Problem;
        assert.match(body.detail ?? '', /limit of 1 MB/);
      });

      it('sends security headers and a request id', async () => {
        const res = await fetch(`${server.baseUrl}/healthz`);
        assert.equal(res.status, 200);
        assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
        assert.match(res.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
        assert.ok(res.headers.get('x-request-id'));
        const ready = await server.get<{ status: string; database: string }>('/readyz');
        assert.deepEqual(ready.body, { status: 'ready', database: target.name });
      });
    });
  });
}
