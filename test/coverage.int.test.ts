import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type {
  ActivityDetail,
  ActivitySummary,
  CoverageNode,
  MoneyTotal,
  Page,
  PlanCoverage,
  PlanDetail,
  Problem,
} from '../src/shared/api-types';
import type { ActivityInputDraft } from '../src/shared/schemas/activity.schema';
import { ACTIVITY_STATUSES, PARTICIPANT_ROLES } from '../src/shared/vocab';
import { signedIn, type Client } from './support/client';
import { DATABASES, type TestDatabase } from './support/databases';
import { startTestServer, type TestServer } from './support/server';

const PLAN = 'asean-canada-2010-2015';
const COVERAGE = `/api/v1/plans/${PLAN}/coverage`;

/**
 * Coverage filters and the activity-list parameters that select the same activities
 * (`from`/`to` given as years are the list's `yearFrom`/`yearTo`).
 */
const FILTERS: { coverage: string; list: string }[] = [
  { coverage: '', list: '' },
  { coverage: 'from=2012&to=2013', list: 'yearFrom=2012&yearTo=2013' },
  { coverage: 'from=2014', list: 'yearFrom=2014' },
  { coverage: 'to=2011', list: 'yearTo=2011' },
  { coverage: 'country=ID,ASEAN', list: 'country=ID,ASEAN' },
  { coverage: 'status=completed', list: 'status=completed' },
  { coverage: 'type=project,training', list: 'type=project,training' },
];

const byCode = (nodes: CoverageNode[], code: string) => {
  const n = nodes.find((x) => x.code === code);
  assert.ok(n, `no node ${code}`);
  return n;
};

for (const target of DATABASES) {
  describe(`coverage on ${target.name}`, () => {
    let database: TestDatabase;
    let server: TestServer;
    let plan: PlanDetail;
    let editor: Client;
    let base: PlanCoverage;

    const coverage = async (query: string, client?: Client) => {
      const path = `${COVERAGE}${query ? `?${query}` : ''}`;
      const res = client ? await client.get<PlanCoverage>(path) : await server.get<PlanCoverage>(path);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body;
    };
    const list = async (query: string) => {
      const res = await server.get<Page<ActivitySummary>>(`/api/v1/activities?pageSize=100&${query}`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.ok(res.body.total <= 100, 'the seed fits on one page');
      return res.body;
    };
    const problem = async (query: string, client?: Client) => {
      const path = `${COVERAGE}?${query}`;
      const res = client ? await client.get<Problem>(path) : await server.get<Problem>(path);
      assert.equal(res.status, 400, JSON.stringify(res.body));
      return res.body;
    };

    before(async () => {
      database = await target.create();
      server = await startTestServer(database);
      plan = (await server.get<PlanDetail>(`/api/v1/plans/${PLAN}`)).body;
      editor = await signedIn(server, 'editor', 'partner');
      base = await coverage('');
    });
    after(async () => {
      await server?.close();
      await database?.drop();
    });

    it('measures the seeded plan on its 17 areas, each its own leaf', () => {
      assert.deepEqual(base.plan.slug, PLAN);
      assert.equal(base.currency, 'CAD');
      assert.equal(base.rule.addressedShare, 0.5);
      assert.ok(base.rule.rules.some((r) => r.id === 'leaf-state' && /50%/.test(r.text.en ?? '')));
      // The seed has no action lines: 3 pillars, 17 areas, nothing below.
      assert.equal(base.nodes.length, 20);
      assert.deepEqual(
        base.nodes.filter((n) => n.depth === 0).map((n) => n.title.en),
        plan.framework.map((p) => p.title.en),
      );
      const areas = base.nodes.filter((n) => n.depth === 1);
      assert.equal(areas.length, 17);
      assert.ok(areas.every((a) => a.leaf && a.kind === 'area' && a.inForce));
      assert.ok(base.nodes.every((n) => n.depth <= 1));
      assert.equal(base.summary.rollup.leaves, 17);
      assert.deepEqual(
        base.breakdowns.byArea.map((a) => a.code),
        areas.map((a) => a.code),
      );
    });

    it('rolls up consistently: N of M per pillar adds up to the plan, gaps are the areas not started', () => {
      const r = base.summary.rollup;
      assert.equal(r.addressed + r.launched + r.notStarted, r.leaves);
      assert.equal(r.percentAddressed, Math.round((1000 * r.addressed) / r.leaves) / 10);
      const pillars = base.nodes.filter((n) => n.depth === 0);
      for (const key of ['addressed', 'launched', 'notStarted', 'leaves'] as const) {
        assert.equal(
          pillars.reduce((s, p) => s + p.rollup![key], 0),
          r[key],
          key,
        );
      }
      assert.ok(r.addressed > 0, 'completed seeded activities address their areas');
      assert.deepEqual(
        base.gaps.map((g) => g.code),
        base.nodes.filter((n) => n.leaf && n.state === 'not_started').map((n) => n.code),
      );
      assert.equal(base.summary.gapCount, r.notStarted);
      for (const g of base.gaps) assert.equal(byCode(base.nodes, g.code).activityCount, g.activityCount);
    });

    for (const f of FILTERS) {
      it(`counts per node what the activity list returns (${f.coverage || 'no filter'})`, async () => {
        const c = await coverage([f.coverage, 'include=ids'].filter(Boolean).join('&'));
        for (const node of c.nodes) {
          const page = await list(`node=${node.id}&${f.list}`);
          assert.equal(node.activityCount, page.total, `node ${node.code}`);
          assert.deepEqual(node.activityIds, page.items.map((a) => a.id).sort(), `node ${node.code}`);
        }
        // Each activity once in the plan total, however many areas it serves.
        assert.equal(c.summary.activityCount, (await list(`plan=${PLAN}&${f.list}`)).total);
        const pillarSum = c.nodes.filter((n) => n.depth === 0).reduce((s, n) => s + n.activityCount, 0);
        assert.ok(pillarSum >= c.summary.activityCount);
      });
    }

    it('narrows the numbers consistently as filters are added', async () => {
      const byStatus = await Promise.all(ACTIVITY_STATUSES.map((s) => coverage(`status=${s}`)));
      ACTIVITY_STATUSES.forEach((s, i) => {
        assert.equal(byStatus[i]!.summary.activityCount, base.summary.byStatus[s], s);
        for (const n of base.nodes) assert.equal(byCode(byStatus[i]!.nodes, n.code).activityCount, n.byStatus[s]);
      });
      const all = await coverage('include=ids');
      const id = await coverage('country=ID&include=ids');
      const idPeriod = await coverage('country=ID&from=2012&to=2013');
      for (const n of all.nodes) {
        const a = byCode(id.nodes, n.code);
        const b = byCode(idPeriod.nodes, n.code);
        assert.ok(a.activityCount <= n.activityCount, n.code);
        assert.ok(b.activityCount <= a.activityCount, n.code);
        assert.ok(a.activityIds?.every((x) => n.activityIds?.includes(x)));
      }
      assert.deepEqual(
        id.breakdowns.byCountry.find((c) => c.country === 'ID')?.activityCount,
        id.summary.activityCount,
        'every activity of the ID filter names Indonesia',
      );
      assert.ok(id.summary.rollup.addressed <= base.summary.rollup.addressed);
    });

    it('filters by organisation and by pillar like the activity list, the pillar also narrowing the framework', async () => {
      const gac = base.breakdowns.byPartner[0]!;
      assert.ok(gac.activityCount > 0);
      const c = await coverage(`organisation=${gac.organisation.id}`);
      assert.equal(c.summary.activityCount, gac.activityCount);
      assert.equal(c.summary.activityCount, (await list(`plan=${PLAN}&organisation=${gac.organisation.id}`)).total);

      const pillar = plan.framework[1]!;
      const p = await coverage(`pillar=${pillar.id}`);
      assert.deepEqual(
        p.nodes.map((n) => n.code),
        base.nodes.filter((n) => n.code === pillar.code || n.parentId === pillar.id).map((n) => n.code),
      );
      assert.equal(p.summary.rollup.leaves, pillar.children.length);
      assert.deepEqual(p.summary.rollup, byCode(base.nodes, pillar.code).rollup);
      for (const n of p.nodes) {
        assert.equal(n.activityCount, (await list(`pillar=${pillar.id}&node=${n.id}`)).total, n.code);
      }
    });

    it('keeps funding per type and original currency, equal to the plan’s totals, and converts it', async () => {
      const original = (funding: MoneyTotal[]) => funding.map((m) => `${m.type} ${m.currency} ${m.amount}`).sort();
      assert.deepEqual(original(base.summary.funding.original), original(plan.stats.funding));
      for (const c of base.summary.funding.converted) assert.equal(c.currency, 'CAD');
      const usd = await coverage('currency=USD');
      assert.equal(usd.currency, 'USD');
      assert.deepEqual(usd.summary.funding.original, base.summary.funding.original);
      for (const c of usd.summary.funding.converted) assert.equal(c.currency, 'USD');
      assert.ok(usd.rates.every((r) => r.to === 'USD'));
      // Every converted line is either converted or listed: never dropped silently.
      for (const cov of [base, usd]) {
        const lines = cov.summary.funding.converted.reduce((s, c) => s + c.lines, 0);
        const unconverted = cov.summary.funding.unconverted.reduce((s, u) => s + u.lines, 0);
        const byYear = cov.breakdowns.byYear.flatMap((y) => y.funding.converted).reduce((s, c) => s + c.lines, 0);
        assert.equal(byYear, lines, 'the year breakdown holds each line once');
        assert.ok(lines + unconverted > 0);
      }
    });

    it('judges states on the end of the period, capped at today, with the share asked for', async () => {
      const today = new Date().toISOString().slice(0, 10);
      assert.equal(base.period.asOf, today);
      assert.deepEqual((await coverage('from=2010&to=2012-06')).period, {
        from: '2010',
        to: '2012-06',
        asOf: '2012-06-30',
      });
      assert.equal((await coverage('to=2199')).period.asOf, today);
      const strict = await coverage('to=2012&addressedShare=1');
      const lenient = await coverage('to=2012&addressedShare=0');
      assert.equal(strict.rule.addressedShare, 1);
      assert.ok(strict.summary.rollup.addressed <= lenient.summary.rollup.addressed);
      assert.equal(strict.summary.activityCount, lenient.summary.activityCount, 'the share changes states, not counts');
    });

    it('shows drafts to staff who ask for them, never to the public', async () => {
      const gap = base.gaps[0]!;
      const draft: ActivityInputDraft = {
        title: { en: 'Draft coverage probe', fr: null },
        summary: { en: 'Not yet published.', fr: null },
        type: 'training',
        status: 'completed',
        actualStart: '2012',
        actualEnd: '2013',
        countries: ['TL'],
        links: [{ nodeId: gap.nodeId }],
      };
      const created = await editor.request<ActivityDetail>('POST', '/api/v1/activities', draft);
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.workflowState, 'draft');

      const publicView = await coverage('');
      assert.deepEqual(publicView.summary, base.summary);
      assert.equal(byCode(publicView.nodes, gap.code).activityCount, 0);
      const staffDefault = await coverage('', editor);
      assert.equal(staffDefault.includeUnpublished, false);
      assert.deepEqual(staffDefault.summary, base.summary, 'staff see published figures unless they ask');

      const staff = await coverage('includeUnpublished=true&include=ids', editor);
      assert.equal(staff.includeUnpublished, true);
      assert.equal(staff.summary.activityCount, base.summary.activityCount + 1);
      const node = byCode(staff.nodes, gap.code);
      assert.deepEqual(node.activityIds, [created.body.id]);
      assert.equal(node.state, 'addressed');
      assert.equal(staff.summary.rollup.addressed, base.summary.rollup.addressed + 1);
      assert.ok(!staff.gaps.some((g) => g.nodeId === gap.nodeId));

      const refused = await problem('includeUnpublished=true');
      assert.deepEqual(
        refused.errors?.map((e) => e.name),
        ['includeUnpublished'],
      );
    });

    it('answers lean by default: no ids, the first 20 partners, every figure of the whole answer', async () => {
      const full = await coverage('include=ids&partners=all');
      assert.equal(full.breakdowns.otherPartners, null);
      assert.equal(full.breakdowns.byPartner.length, full.summary.partners.count);
      assert.equal(full.summary.partners.organisationIds?.length, full.summary.partners.count);
      for (const n of full.nodes) {
        assert.equal(n.activityIds?.length, n.activityCount, n.code);
        assert.equal(n.partners.organisationIds?.length, n.partners.count, n.code);
      }

      assert.ok(base.nodes.every((n) => !('activityIds' in n) && !('organisationIds' in n.partners)));
      assert.ok(!('organisationIds' in base.summary.partners));
      assert.ok(JSON.stringify(base).length < JSON.stringify(full).length);
      const withoutIds = (c: PlanCoverage) => ({
        ...c,
        summary: { ...c.summary, partners: { ...c.summary.partners, organisationIds: undefined } },
        nodes: c.nodes.map((n) => ({
          ...n,
          activityIds: undefined,
          partners: { ...n.partners, organisationIds: undefined },
        })),
        breakdowns: { ...c.breakdowns, byPartner: c.breakdowns.byPartner.slice(0, 20), otherPartners: null },
      });
      assert.deepEqual(withoutIds(base), withoutIds(full), 'the lean answer keeps every figure');
      assert.deepEqual(base.breakdowns.byPartner, full.breakdowns.byPartner.slice(0, 20));
      assert.equal(
        base.breakdowns.byPartner.length + (base.breakdowns.otherPartners?.organisationCount ?? 0),
        base.summary.partners.count,
      );

      // Ids alone, or every partner alone.
      const ids = await coverage('include=ids');
      assert.deepEqual(ids.nodes, full.nodes);
      assert.deepEqual(ids.breakdowns.byPartner, base.breakdowns.byPartner);
      const partners = await coverage('partners=all');
      assert.deepEqual(partners.breakdowns.byPartner, full.breakdowns.byPartner);
      assert.deepEqual(partners.nodes, base.nodes);
    });

    it('lists the top partners asked for and sums the others, each of their activities once', async () => {
      const full = await coverage('partners=all');
      const count = full.summary.partners.count;
      assert.ok(count >= 4, `the seed has ${count} partners`);
      const top = await coverage('partners=2');
      assert.deepEqual(top.breakdowns.byPartner, full.breakdowns.byPartner.slice(0, 2));
      const others = top.breakdowns.otherPartners;
      assert.ok(others);
      assert.equal(top.breakdowns.byPartner.length + others.organisationCount, count, 'partners add up');
      assert.equal(
        Object.values(others.byStatus).reduce((s, x) => s + x, 0),
        others.activityCount,
        'statuses add up',
      );
      const left = full.breakdowns.byPartner.slice(2);
      assert.deepEqual(
        others.roles,
        PARTICIPANT_ROLES.filter((r) => left.some((p) => p.roles.includes(r))),
      );
      // The others' activities are those of any of them, each once: what the organisation filter selects.
      assert.ok(others.activityCount <= left.reduce((s, p) => s + p.activityCount, 0));
      assert.ok(others.activityCount >= Math.max(...left.map((p) => p.activityCount)));
      if (left.length <= 50) {
        const theirs = await coverage(`organisation=${left.map((p) => p.organisation.id).join(',')}`);
        assert.equal(others.activityCount, theirs.summary.activityCount);
        assert.deepEqual(others.byStatus, theirs.summary.byStatus);
        assert.deepEqual(others.funding, theirs.summary.funding);
      }

      const none = await coverage('partners=0');
      assert.deepEqual(none.breakdowns.byPartner, []);
      assert.equal(none.breakdowns.otherPartners?.organisationCount, count);
      if (count <= 50) {
        const any = await coverage(`organisation=${full.breakdowns.byPartner.map((p) => p.organisation.id).join(',')}`);
        assert.equal(none.breakdowns.otherPartners?.activityCount, any.summary.activityCount);
      }
      const every = await coverage(`partners=${count}`);
      assert.equal(every.breakdowns.otherPartners, null, 'nothing left out');
      assert.deepEqual(every.breakdowns.byPartner, full.breakdowns.byPartner);
    });

    it('lists the levels and the breakdowns asked for, each the same as in the whole answer', async () => {
      const whole = await coverage('');
      const maxDepth = Math.max(...whole.nodes.map((n) => n.depth));
      assert.ok(maxDepth >= 1, 'the seed has areas below its pillars');
      for (let depth = 0; depth <= maxDepth; depth += 1) {
        const c = await coverage(`depth=${depth}`);
        assert.deepEqual(
          c.nodes,
          whole.nodes.filter((n) => n.depth <= depth),
          `depth=${depth}`,
        );
        // Roll-ups and gaps still count every level.
        assert.deepEqual(c.summary, whole.summary);
        assert.deepEqual(c.gaps, whole.gaps);
        assert.deepEqual(c.breakdowns, whole.breakdowns);
      }

      const none = await coverage('breakdowns=none&depth=1');
      assert.deepEqual(none.breakdowns, {});
      assert.deepEqual(
        none.nodes,
        whole.nodes.filter((n) => n.depth <= 1),
      );
      assert.deepEqual(none.summary, whole.summary);

      const some = await coverage('breakdowns=year,area&breakdowns=partner&depth=0');
      assert.deepEqual(Object.keys(some.breakdowns).sort(), ['byArea', 'byPartner', 'byYear', 'otherPartners']);
      assert.deepEqual(some.breakdowns.byArea, whole.breakdowns.byArea);
      assert.deepEqual(some.breakdowns.byYear, whole.breakdowns.byYear);
      assert.deepEqual(some.breakdowns.byPartner, whole.breakdowns.byPartner);
      assert.deepEqual(some.breakdowns.otherPartners, whole.breakdowns.otherPartners);
      assert.deepEqual(
        some.nodes,
        whole.nodes.filter((n) => n.depth === 0),
      );

      // With the filters too: a narrower answer is the same part of the same computation.
      const filtered = 'country=ID&from=2011&include=ids';
      const wholeFiltered = await coverage(filtered);
      const country = await coverage(`${filtered}&breakdowns=country&depth=0`);
      assert.deepEqual(country.breakdowns.byCountry, wholeFiltered.breakdowns.byCountry);
      assert.deepEqual(
        country.nodes,
        wholeFiltered.nodes.filter((n) => n.depth === 0),
      );
    });

    it('refuses bad include, partners, breakdowns and depth values with a problem naming them', async () => {
      for (const [query, names] of [
        ['include=names', ['include']],
        ['include=ids,everything', ['include']],
        ['partners=-1', ['partners']],
        ['partners=1001', ['partners']],
        ['partners=some', ['partners']],
        ['partners=2.5', ['partners']],
        ['partners=', ['partners']],
        ['partners=2&partners=3', ['partners']],
        ['include=id&partners=none', ['include', 'partners']],
        ['breakdowns=everything', ['breakdowns']],
        ['breakdowns=none,year', ['breakdowns']],
        ['breakdowns=', ['breakdowns']],
        ['depth=-1', ['depth']],
        ['depth=21', ['depth']],
        ['depth=one', ['depth']],
        ['depth=', ['depth']],
        ['depth=1&depth=2', ['depth']],
      ] as const) {
        const res = await server.get<Problem>(`${COVERAGE}?${query}`);
        assert.equal(res.status, 400, query);
        assert.match(res.contentType, /application\/problem\+json/);
        assert.deepEqual(res.body.errors?.map((e) => e.name).sort(), names, query);
      }
    });

    it('refuses bad parameters with a problem naming each of them', async () => {
      const res = await server.get<Problem>(
        `${COVERAGE}?from=2011-13&currency=EUR&addressedShare=1.5&status=done&country=XX&type=party&includeUnpublished=maybe&colour=red`,
      );
      assert.equal(res.status, 400);
      assert.match(res.contentType, /application\/problem\+json/);
      assert.deepEqual(res.body.errors?.map((e) => e.name).sort(), [
        'addressedShare',
        'colour',
        'country',
        'currency',
        'from',
        'includeUnpublished',
        'status',
        'type',
      ]);
      assert.deepEqual(
        (await problem('from=2014&to=2013')).errors?.map((e) => e.name),
        ['to'],
      );
      assert.deepEqual(
        (await problem('addressedShare=')).errors?.map((e) => e.name),
        ['addressedShare'],
      );
      const area = plan.framework[0]!.children[0]!;
      const refs = await problem(`pillar=${area.id}&organisation=no-such-org`);
      assert.deepEqual(refs.errors?.map((e) => e.name).sort(), ['organisation', 'pillar']);
      assert.match(refs.errors?.find((e) => e.name === 'pillar')?.reason ?? '', /not a pillar/);
      const missing = await server.get<Problem>('/api/v1/plans/no-such-plan/coverage');
      assert.equal(missing.status, 404);
    });
  });
}
