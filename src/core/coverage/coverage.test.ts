import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CoverageNode, CoverageNodeWithIds } from '../../shared/api-types';
import { coverageRules } from '../../shared/coverage';
import type { NodeStatus } from '../../shared/vocab';
import { RateTable, type AnnualRate } from '../money/rates';
import {
  computeCoverage,
  contributionOf,
  elapsedShare,
  overlapsPeriod,
  type CoverageActivityInput,
  type CoverageInput,
  type CoverageLinkInput,
  type CoverageNodeInput,
  type CoverageOptions,
} from './coverage';

// ---- factories ------------------------------------------------------------------------------

function node(id: string, parentId: string | null, code: string, position: number, status: NodeStatus = 'active') {
  const depth = code.split('.').length;
  const kind = depth === 1 ? 'pillar' : depth === 2 ? 'area' : 'action_line';
  return {
    id,
    parentId,
    code,
    kind,
    status,
    position,
    title: { en: `Node ${code}`, fr: null },
  } satisfies CoverageNodeInput;
}

function activity(id: string, fields: Partial<CoverageActivityInput> = {}): CoverageActivityInput {
  return {
    id,
    status: 'completed',
    plannedStart: null,
    plannedEnd: null,
    actualStart: null,
    actualEnd: null,
    countries: [],
    participants: [],
    funding: [],
    ...fields,
  };
}

function links(activityId: string, ...nodeIds: string[]): CoverageLinkInput[] {
  return nodeIds.map((nodeId) => ({ activityId, nodeId }));
}

const RATES: AnnualRate[] = [{ currency: 'USD', year: 2012, cadPerUnit: '0.9996', source: 'test', note: null }];
const rates = new RateTable(RATES);
/** Options without a shape: the whole result. */
type FullOptions = Omit<CoverageOptions, 'shape'>;
const options = (o: Partial<FullOptions> = {}): FullOptions => ({ asOf: '2013-07-01', rates, ...o });

const byCode = (nodes: CoverageNodeWithIds[], code: string): CoverageNodeWithIds => {
  const n = nodes.find((x) => x.code === code);
  assert.ok(n, `no node ${code}`);
  return n;
};

// ---- the hand-built plan ----------------------------------------------------------------------
//
// 1   pillar                      2   pillar                         3 pillar (retired)
//   1.1 area                        2.1 area                           3.1 area
//     1.1.1, 1.1.2 action lines       2.1.1 action line
//   1.2 area without lines (leaf)     2.1.2 action line (retired)
//   1.3 area (retired)              2.2 area whose only line is retired (leaf)
//     1.3.1 action line               2.2.1 action line (retired)
//   1.4 area without lines (leaf)   2.3 area without lines (leaf)
//
// In-force leaves: 1.1.1, 1.1.2, 1.2, 1.4, 2.1.1, 2.2, 2.3 → M = 7.

const NODES: CoverageNodeInput[] = [
  // Deliberately out of order: the engine orders by parent, position, then code.
  node('l112', 'a11', '1.1.2', 2),
  node('p2', null, '2', 2),
  node('a11', 'p1', '1.1', 1),
  node('p1', null, '1', 1),
  node('l111', 'a11', '1.1.1', 1),
  node('a12', 'p1', '1.2', 2),
  node('a13', 'p1', '1.3', 3, 'retired'),
  node('l131', 'a13', '1.3.1', 1),
  node('a14', 'p1', '1.4', 4),
  node('a21', 'p2', '2.1', 1),
  node('l211', 'a21', '2.1.1', 1),
  node('l212', 'a21', '2.1.2', 2, 'retired'),
  node('a22', 'p2', '2.2', 2),
  node('l221', 'a22', '2.2.1', 1, 'retired'),
  node('a23', 'p2', '2.3', 3),
  node('p3', null, '3', 3, 'retired'),
  node('a31', 'p3', '3.1', 1),
];

const ACTIVITIES: CoverageActivityInput[] = [
  // Serves three leaves of pillar 1 (two lines of one area and another area).
  activity('multi', {
    status: 'completed',
    actualStart: '2011-03',
    actualEnd: '2012',
    countries: ['ID', 'PH'],
    participants: [
      { organisationId: 'gac', role: 'funder' },
      { organisationId: 'unw', role: 'implementer' },
      { organisationId: 'unw', role: 'partner' },
    ],
    funding: [
      { amountMinor: 300_000_000, currency: 'CAD', type: 'commitment', date: '2011' },
      { amountMinor: 100_000, currency: 'USD', type: 'disbursement', date: '2012-05' },
    ],
  }),
  // Serves both pillars; not far enough along on 2013-07-01 (182 of 365 days).
  activity('cross', {
    status: 'ongoing',
    plannedStart: '2013',
    plannedEnd: '2013',
    regional: true,
    participants: [{ organisationId: 'unw', role: 'implementer' }],
    funding: [
      { amountMinor: 50_000, currency: 'USD', type: 'budget', date: '2014' },
      { amountMinor: 1_000, currency: 'EUR', type: 'commitment', date: '2013' },
    ],
  }),
  activity('retiredOnly', { actualStart: '2010', actualEnd: '2011', countries: ['VN'] }),
  activity('viaRetiredChild', { actualStart: '2012', actualEnd: '2012-06' }),
  activity('retiredLine', { actualStart: '2012', actualEnd: '2012' }),
  activity('cancelled', { status: 'cancelled', plannedStart: '2012', plannedEnd: '2014' }),
  // In scope but linked to no node of this plan: ignored.
  activity('elsewhere', { countries: ['SG'] }),
];

const LINKS: CoverageLinkInput[] = [
  ...links('multi', 'l111', 'l112', 'a12', 'a11'),
  ...links('cross', 'l111', 'l211'),
  ...links('retiredOnly', 'l131'),
  ...links('viaRetiredChild', 'l221'),
  ...links('retiredLine', 'l212'),
  ...links('cancelled', 'a23'),
  ...links('elsewhere', 'other-plan-node'),
];

const PLAN: CoverageInput = { nodes: NODES, activities: ACTIVITIES, links: LINKS };

describe('computeCoverage on a hand-built plan', () => {
  const result = computeCoverage(PLAN, options());
  const n = (code: string) => byCode(result.nodes, code);

  it('lists every node in framework order with its depth', () => {
    assert.deepEqual(
      result.nodes.map((x) => `${x.depth}:${x.code}`),
      [
        '0:1',
        '1:1.1',
        '2:1.1.1',
        '2:1.1.2',
        '1:1.2',
        '1:1.3',
        '2:1.3.1',
        '1:1.4',
        '0:2',
        '1:2.1',
        '2:2.1.1',
        '2:2.1.2',
        '1:2.2',
        '2:2.2.1',
        '1:2.3',
        '0:3',
        '1:3.1',
      ],
    );
  });

  it('counts a multi-area activity once per node and once in every total', () => {
    for (const code of ['1.1.1', '1.1.2', '1.2']) assert.ok(n(code).activityIds.includes('multi'), code);
    assert.deepEqual(n('1.1').activityIds, ['cross', 'multi']);
    assert.equal(n('1.1').directActivityCount, 1);
    assert.deepEqual(n('1').activityIds, ['cross', 'multi', 'retiredOnly']);
    // Its CAD 3 million appears once in the pillar and once in the plan, not three times.
    const cad = (f: CoverageNode['funding']) => f.original.find((o) => o.currency === 'CAD' && o.type === 'commitment');
    assert.equal(cad(n('1').funding)?.amountMinor, 300_000_000);
    assert.equal(cad(result.summary.funding)?.amountMinor, 300_000_000);
    assert.equal(result.summary.activityCount, 6, 'multi, cross, retiredOnly, viaRetiredChild, retiredLine, cancelled');
    // An activity in two pillars counts in each pillar and once in the plan.
    assert.equal(n('1').activityCount + n('2').activityCount, 7);
    assert.deepEqual(
      result.breakdowns.byPillar.map((p) => [p.code, p.activityCount]),
      [
        ['1', 3],
        ['2', 4],
        ['3', 0],
      ],
    );
  });

  it('counts partners once per node, by role, and countries with ASEAN for region-wide activities', () => {
    assert.deepEqual(n('1.1').partners, {
      count: 2,
      byRole: { funder: 1, implementer: 1, beneficiary: 0, partner: 1 },
      organisationIds: ['gac', 'unw'],
    });
    assert.deepEqual(n('1.1').countries, ['ID', 'PH', 'ASEAN']);
    assert.deepEqual(n('1').countries, ['ID', 'PH', 'VN', 'ASEAN']);
    assert.deepEqual(result.summary.partners.organisationIds, ['gac', 'unw']);
  });

  it('keeps counts by status, cancelled ones included', () => {
    assert.deepEqual(result.summary.byStatus, { planned: 0, ongoing: 1, completed: 4, cancelled: 1, suspended: 0 });
    assert.deepEqual(n('2.3').byStatus, { planned: 0, ongoing: 0, completed: 0, cancelled: 1, suspended: 0 });
  });

  it('gives first and last dates as recorded, compared by the days they can mean', () => {
    assert.equal(n('1').firstDate, '2010');
    assert.equal(n('1').lastDate, '2013');
    assert.equal(n('1.1').firstDate, '2011-03');
    assert.equal(n('2.2').lastDate, '2012-06');
  });

  it('makes an area without action lines, or whose lines are all retired, its own leaf', () => {
    assert.equal(n('1.2').leaf, true);
    assert.equal(n('1.4').leaf, true);
    assert.equal(n('2.2').leaf, true, 'its only line is retired');
    assert.equal(n('1.1').leaf, false);
    assert.equal(n('2.1').leaf, false, 'it keeps one active line');
    assert.deepEqual(
      result.nodes.filter((x) => x.leaf).map((x) => x.code),
      ['1.1.1', '1.1.2', '1.2', '1.4', '2.1.1', '2.2', '2.3'],
    );
  });

  it('shows retired nodes and those below them with their figures, outside the leaves', () => {
    assert.equal(n('1.3').inForce, false);
    assert.equal(n('1.3.1').inForce, false, 'active, but under a retired area');
    assert.equal(n('1.3.1').leaf, false);
    assert.equal(n('1.3').activityCount, 1);
    assert.equal(n('1.3').state, 'addressed', 'informative: judged by its own activities');
    assert.equal(n('1.3').rollup, null);
    assert.equal(n('3.1').inForce, false);
    assert.equal(result.summary.rollup.leaves, 7);
  });

  it('counts the activities of retired nodes for their ancestors and in the totals', () => {
    assert.ok(n('1').activityIds.includes('retiredOnly'));
    assert.ok(n('2.1').activityIds.includes('retiredLine'));
    // …but they address no in-force leaf: 2.1's only active line is launched.
    assert.equal(n('2.1').state, 'launched');
    // An activity linked to a retired line addresses the area that became a leaf.
    assert.equal(n('2.2').state, 'addressed');
    assert.deepEqual(n('2.2').activityIds, ['viaRetiredChild']);
  });

  it('judges leaves and rolls them up per area, pillar and plan', () => {
    assert.equal(n('1.1.1').state, 'addressed');
    assert.equal(n('1.1.2').state, 'addressed');
    assert.equal(n('1.2').state, 'addressed');
    assert.equal(n('1.4').state, 'not_started');
    assert.equal(n('2.1.1').state, 'launched', 'ongoing, 182 of 365 days elapsed');
    assert.equal(n('2.3').state, 'not_started', 'its only activity is cancelled');
    assert.equal(n('1.1').state, 'addressed');
    assert.deepEqual(n('1.1').rollup, { addressed: 2, launched: 0, notStarted: 0, leaves: 2, percentAddressed: 100 });
    assert.equal(n('1').state, 'launched', 'one leaf not started');
    assert.deepEqual(n('1').rollup, { addressed: 3, launched: 0, notStarted: 1, leaves: 4, percentAddressed: 75 });
    assert.deepEqual(n('2').rollup, { addressed: 1, launched: 1, notStarted: 1, leaves: 3, percentAddressed: 33.3 });
    assert.deepEqual(n('1.1.1').rollup, { addressed: 1, launched: 0, notStarted: 0, leaves: 1, percentAddressed: 100 });
    assert.deepEqual(result.summary.rollup, {
      addressed: 4,
      launched: 1,
      notStarted: 2,
      leaves: 7,
      percentAddressed: 57.1,
    });
  });

  it('lists the gaps in framework order: active leaves not started, retired ones left out', () => {
    assert.deepEqual(
      result.gaps.map((g) => [g.code, g.reason, g.activityCount]),
      [
        ['1.4', 'no_activity', 0],
        ['2.3', 'only_cancelled_or_suspended', 1],
      ],
    );
    assert.equal(result.summary.gapCount, 2);
    assert.ok(!result.gaps.some((g) => g.code === '3.1' || g.code === '1.3.1'));
  });

  it('sums funding per type and original currency, converts what it can and lists the rest', () => {
    assert.deepEqual(result.summary.funding.original, [
      { type: 'commitment', currency: 'CAD', amountMinor: 300_000_000, amount: '3000000.00' },
      { type: 'commitment', currency: 'EUR', amountMinor: 1_000, amount: '10.00' },
      { type: 'disbursement', currency: 'USD', amountMinor: 100_000, amount: '1000.00' },
      { type: 'budget', currency: 'USD', amountMinor: 50_000, amount: '500.00' },
    ]);
    assert.deepEqual(result.summary.funding.converted, [
      {
        type: 'commitment',
        currency: 'CAD',
        amountMinor: 300_000_000,
        amount: '3000000.00',
        lines: 1,
        exact: true,
        complete: false,
      },
      // USD 1,000 × 0.9996 (2012)
      {
        type: 'disbursement',
        currency: 'CAD',
        amountMinor: 99_960,
        amount: '999.60',
        lines: 1,
        exact: true,
        complete: true,
      },
      // USD 500 in 2014 with the nearest rate (2012): not exact.
      {
        type: 'budget',
        currency: 'CAD',
        amountMinor: 49_980,
        amount: '499.80',
        lines: 1,
        exact: false,
        complete: true,
      },
    ]);
    assert.deepEqual(result.summary.funding.unconverted, [
      { type: 'commitment', currency: 'EUR', amountMinor: 1_000, amount: '10.00', year: 2013, lines: 1 },
    ]);
    assert.deepEqual(result.rates, [
      { from: 'USD', to: 'CAD', year: 2012, rateYear: 2012, rate: '0.9996', exact: true },
      { from: 'USD', to: 'CAD', year: 2014, rateYear: 2012, rate: '0.9996', exact: false },
    ]);
  });

  it('converts to USD when asked, the CAD lines included', () => {
    const usd = computeCoverage(PLAN, options({ reportingCurrency: 'USD' }));
    assert.equal(usd.currency, 'USD');
    const commitment = usd.summary.funding.converted.find((c) => c.type === 'commitment')!;
    // CAD 3,000,000 ÷ 0.9996 = 3,001,200.48… (2011 → nearest 2012)
    assert.equal(commitment.currency, 'USD');
    assert.equal(commitment.amount, '3001200.48');
    assert.equal(commitment.exact, false);
    assert.equal(commitment.complete, false, 'the EUR line has no rate');
    assert.ok(usd.rates.some((r) => r.from === 'CAD' && r.to === 'USD'));
  });

  it('breaks down by area, partner, country and year, each activity once per bucket', () => {
    assert.deepEqual(
      result.breakdowns.byArea.map((a) => [a.code, a.activityCount, a.state]),
      [
        ['1.1', 2, 'addressed'],
        ['1.2', 1, 'addressed'],
        ['1.3', 1, 'addressed'],
        ['1.4', 0, 'not_started'],
        ['2.1', 2, 'launched'],
        ['2.2', 1, 'addressed'],
        ['2.3', 1, 'not_started'],
        ['3.1', 0, 'not_started'],
      ],
    );
    assert.deepEqual(
      result.breakdowns.byPartner.map((p) => [p.organisation.id, p.activityCount, p.roles]),
      [
        ['unw', 2, ['implementer', 'partner']],
        ['gac', 1, ['funder']],
      ],
    );
    assert.deepEqual(
      result.breakdowns.byCountry.map((c) => [c.country, c.activityCount]),
      [
        ['ID', 1],
        ['PH', 1],
        ['VN', 1],
        ['ASEAN', 1],
      ],
    );
    const years = result.breakdowns.byYear.map((y) => [y.year, y.activityCount, y.funding.original.length]);
    assert.deepEqual(years, [
      [2010, 1, 0],
      [2011, 2, 1], // retiredOnly, multi; multi's 2011 commitment
      [2012, 4, 1], // multi, viaRetiredChild, retiredLine, cancelled; multi's USD disbursement
      [2013, 2, 1], // cross, cancelled; cross's EUR commitment
      [2014, 1, 1], // cancelled; cross's USD budget dated 2014
    ]);
  });

  it('ignores activities without a link into the given nodes', () => {
    assert.ok(!result.summary.countries.includes('SG'));
  });
});

// ---- single-leaf plans for the state rule ---------------------------------------------------

function leafState(a: CoverageActivityInput, o: Partial<CoverageOptions> = {}) {
  const r = computeCoverage(
    { nodes: [node('p', null, '1', 1), node('a', 'p', '1.1', 1)], activities: [a], links: links(a.id, 'a') },
    options(o),
  );
  return byCode(r.nodes, '1.1').state;
}

describe('the leaf state rule', () => {
  const tenDays = activity('x', { status: 'ongoing', plannedStart: '2013-01-01', plannedEnd: '2013-01-10' });

  it('addresses when the elapsed share reaches the threshold, not one day before', () => {
    assert.equal(elapsedShare(tenDays, '2013-01-05'), 0.5);
    assert.equal(leafState(tenDays, { asOf: '2013-01-05' }), 'addressed');
    assert.equal(elapsedShare(tenDays, '2013-01-04'), 0.4);
    assert.equal(leafState(tenDays, { asOf: '2013-01-04' }), 'launched');
  });

  it('takes the threshold from the options', () => {
    assert.equal(leafState(tenDays, { asOf: '2013-01-04', addressedShare: 0.4 }), 'addressed');
    assert.equal(leafState(tenDays, { asOf: '2013-01-09', addressedShare: 1 }), 'launched');
    assert.equal(leafState(tenDays, { asOf: '2013-01-10', addressedShare: 1 }), 'addressed');
  });

  it('reads partial dates generously: a start "2013" is 1 January, an end "2013" is 31 December', () => {
    const year = activity('x', { status: 'ongoing', plannedStart: '2013', plannedEnd: '2013' });
    assert.equal(elapsedShare(year, '2013-01-01'), 1 / 365);
    assert.equal(elapsedShare(year, '2013-12-31'), 1);
    assert.equal(elapsedShare(year, '2014-06-01'), 1, 'clamped');
    assert.equal(elapsedShare(year, '2012-06-01'), 0, 'clamped');
    // 2 July is day 183 of 365.
    assert.equal(leafState(year, { asOf: '2013-07-02' }), 'addressed');
    assert.equal(leafState(year, { asOf: '2013-07-01' }), 'launched');
  });

  it('uses the planned period, else the actual one, bound by bound', () => {
    const planned = activity('x', { status: 'ongoing', plannedStart: '2013-01-01', plannedEnd: '2013-01-10' });
    assert.equal(elapsedShare({ ...planned, actualStart: '2012-01-01' }, '2013-01-05'), 0.5);
    const actualOnly = activity('x', { status: 'ongoing' });
    assert.equal(
      elapsedShare({ ...actualOnly, actualStart: '2013-01-01', actualEnd: '2013-01-10' }, '2013-01-05'),
      0.5,
    );
    assert.equal(
      elapsedShare(
        { ...actualOnly, actualStart: '2013-01-01', actualEnd: null, plannedEnd: '2013-01-10' },
        '2013-01-05',
      ),
      0.5,
    );
  });

  it('cannot address with unknown dates: an ongoing activity without start or end only launches', () => {
    assert.equal(elapsedShare(activity('x', { status: 'ongoing', plannedStart: '2010' }), '2020-01-01'), null);
    assert.equal(leafState(activity('x', { status: 'ongoing' }), { addressedShare: 0 }), 'launched');
    assert.equal(
      leafState(activity('x', { status: 'ongoing', actualStart: '2010' }), { addressedShare: 0 }),
      'launched',
    );
    assert.equal(
      elapsedShare(activity('x', { status: 'ongoing', plannedStart: '2014', plannedEnd: '2013' }), '2013-06-01'),
      null,
      'an end before the start is unusable',
    );
  });

  it('addresses with a completed activity, even without dates', () => {
    assert.equal(leafState(activity('x', { status: 'completed' })), 'addressed');
  });

  it('judges a completed activity that ends after the reference date as ongoing on that date', () => {
    const late = activity('x', { status: 'completed', actualStart: '2013-01-01', actualEnd: '2013-01-10' });
    assert.equal(leafState(late, { asOf: '2013-01-03' }), 'launched');
    assert.equal(leafState(late, { asOf: '2013-01-06' }), 'addressed');
    assert.equal(contributionOf({ ...late, actualEnd: '2013' }, '2013-12-31', 0.5), 'addresses');
  });

  it('launches with a planned activity', () => {
    assert.equal(leafState(activity('x', { status: 'planned', plannedStart: '2030' })), 'launched');
  });

  it('lets cancelled and suspended activities neither launch nor address', () => {
    for (const status of ['cancelled', 'suspended'] as const) {
      assert.equal(leafState(activity('x', { status, actualStart: '2010', actualEnd: '2011' })), 'not_started');
    }
  });

  it('is not started without any activity, and 0 of 0 has no percentage', () => {
    const r = computeCoverage({ nodes: [node('p', null, '1', 1)], activities: [], links: [] }, options());
    assert.equal(r.nodes[0]!.state, 'not_started');
    assert.deepEqual(
      r.gaps.map((g) => g.reason),
      ['no_activity'],
    );
    const empty = computeCoverage({ nodes: [], activities: [], links: [] }, options());
    assert.deepEqual(empty.summary.rollup, {
      addressed: 0,
      launched: 0,
      notStarted: 0,
      leaves: 0,
      percentAddressed: null,
    });
  });
});

describe('overlapsPeriod', () => {
  const a = (fields: Partial<CoverageActivityInput>) => activity('x', fields);

  it('follows the activity list for whole years', () => {
    const span = a({ actualStart: '2011-05', actualEnd: '2012-02' });
    assert.equal(overlapsPeriod(span, '2012', '2013'), true);
    assert.equal(overlapsPeriod(span, '2013', null), false);
    assert.equal(overlapsPeriod(span, null, '2010'), false);
    assert.equal(overlapsPeriod(span, '2010', '2011'), true);
  });

  it('reads partial bounds as the days they can mean', () => {
    const endsIn2012 = a({ actualStart: '2011', actualEnd: '2012' });
    assert.equal(overlapsPeriod(endsIn2012, '2012-06', null), true, '2012 may run to 31 December');
    assert.equal(overlapsPeriod(a({ actualStart: '2011', actualEnd: '2012-05' }), '2012-06', null), false);
    assert.equal(overlapsPeriod(a({ actualStart: '2012' }), null, '2012-01-01'), true, '2012 may start on 1 January');
  });

  it('leaves planned and ongoing activities open-ended, and undated ones out of bounded sides', () => {
    assert.equal(overlapsPeriod(a({ status: 'ongoing', actualStart: '2010' }), '2020', null), true);
    assert.equal(overlapsPeriod(a({ status: 'completed', actualStart: '2010' }), '2020', null), false);
    assert.equal(overlapsPeriod(a({ status: 'completed' }), null, '2020'), false);
    assert.equal(overlapsPeriod(a({ status: 'completed' }), null, null), true);
  });
});

describe('the year breakdown', () => {
  it('clips spans to the period and puts undated activities under null', () => {
    const r = computeCoverage(
      {
        nodes: [node('p', null, '1', 1)],
        activities: [
          activity('long', { actualStart: '2008', actualEnd: '2016' }),
          activity('open', { status: 'ongoing', actualStart: '2012' }),
          activity('undated', { funding: [{ amountMinor: 5, currency: 'CAD', type: 'budget', date: null }] }),
        ],
        links: [...links('long', 'p'), ...links('open', 'p'), ...links('undated', 'p')],
      },
      options({ asOf: '2013-12-31', period: { from: '2011', to: '2013' } }),
    );
    assert.deepEqual(
      r.breakdowns.byYear.map((y) => [y.year, y.activityCount, y.funding.original[0]?.amountMinor ?? 0]),
      [
        [2011, 1, 0],
        [2012, 2, 0],
        [2013, 2, 0],
        [null, 1, 5],
      ],
    );
    // The undated line is converted in the reference year.
    assert.equal(r.summary.funding.converted[0]?.amountMinor, 5);
  });
});

describe('the rule text', () => {
  it('states the share it is computed with', () => {
    const text = coverageRules(0.75).find((r) => r.id === 'leaf-state')!.text;
    assert.match(text.en ?? '', /75%/);
    assert.match(text.fr ?? '', /75 %/);
  });
});

describe('computeCoverage with a shape (the API’s lean answer)', () => {
  const full = computeCoverage(PLAN, options());
  const lean = computeCoverage(PLAN, { ...options(), shape: { ids: false, partners: 'all' } });

  it('leaves out the ids and nothing else', () => {
    assert.ok(lean.nodes.every((x) => x.activityIds === undefined && x.partners.organisationIds === undefined));
    assert.equal(lean.summary.partners.organisationIds, undefined);
    const withoutIds = {
      ...full,
      summary: {
        ...full.summary,
        partners: { count: full.summary.partners.count, byRole: full.summary.partners.byRole },
      },
      nodes: full.nodes.map(({ activityIds: _a, ...rest }) => ({
        ...rest,
        partners: { count: rest.partners.count, byRole: rest.partners.byRole },
      })),
    };
    assert.deepEqual(lean, withoutIds);
  });

  it('lists the first partners by activity count and sums the others, each activity once', () => {
    const top = computeCoverage(PLAN, { ...options(), shape: { ids: true, partners: 1 } });
    assert.deepEqual(top.breakdowns.byPartner, full.breakdowns.byPartner.slice(0, 1));
    const others = top.breakdowns.otherPartners;
    assert.ok(others);
    assert.equal(others.organisationCount, 1);
    assert.deepEqual(others.roles, ['funder']);
    assert.equal(others.activityCount, 1, 'gac takes part in multi only');
    assert.deepEqual(others.funding, full.breakdowns.byPartner[1]!.funding);
    assert.equal(top.breakdowns.byPartner.length + others.organisationCount, full.summary.partners.count);
    assert.equal(full.breakdowns.otherPartners, null);

    const none = computeCoverage(PLAN, { ...options(), shape: { ids: false, partners: 0 } });
    assert.deepEqual(none.breakdowns.byPartner, []);
    assert.equal(none.breakdowns.otherPartners?.organisationCount, 2);
    // multi and cross have partners: each counts once although both have unw, multi gac too.
    assert.equal(none.breakdowns.otherPartners?.activityCount, 2);
    assert.deepEqual(none.breakdowns.otherPartners?.roles, ['funder', 'implementer', 'partner']);

    const enough = computeCoverage(PLAN, { ...options(), shape: { ids: false, partners: 2 } });
    assert.equal(enough.breakdowns.otherPartners, null, 'nothing left out');
    assert.deepEqual(enough.breakdowns.byPartner, full.breakdowns.byPartner);
  });
});
