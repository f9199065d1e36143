import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FullPlanCoverage } from '../../shared/api-types';
import { coverageQuerySchema } from '../../shared/schemas/coverage-query.schema';
import { computeCoverage, type CoverageActivityInput } from '../coverage/coverage';
import { RateTable } from '../money/rates';
import { ReportFormatter } from './report-format';
import { buildReportModel, type ReportActivityDetail } from './report-model';
import { kpiRows, reportFileName } from './report-sections';

const rates = new RateTable([{ currency: 'USD', year: 2012, cadPerUnit: '1.25', source: 'test', note: null }]);
const title = (en: string, fr: string | null) => ({ en, fr });

function planCoverage(
  activities: CoverageActivityInput[],
  links: { activityId: string; nodeId: string }[],
): FullPlanCoverage {
  const nodes = [
    {
      id: 'p1',
      parentId: null,
      code: '1',
      kind: 'pillar',
      status: 'active' as const,
      position: 1,
      title: title('Politics', 'Politique'),
    },
    {
      id: 'a11',
      parentId: 'p1',
      code: '1.1',
      kind: 'area',
      status: 'active' as const,
      position: 1,
      title: title('Rights', null),
    },
    {
      id: 'a12',
      parentId: 'p1',
      code: '1.2',
      kind: 'area',
      status: 'active' as const,
      position: 2,
      title: title('Security', 'Sécurité'),
    },
    {
      id: 'l121',
      parentId: 'a12',
      code: '1.2.1',
      kind: 'action_line',
      status: 'active' as const,
      position: 1,
      title: title('Line', 'Ligne'),
    },
  ];
  const r = computeCoverage(
    { nodes, activities, links },
    { asOf: '2013-12-31', rates, period: { from: '2012', to: '2013' } },
  );
  return {
    plan: {
      id: 'plan',
      slug: 'test-plan',
      title: title('Test plan', 'Plan d’essai'),
      shortTitle: title('Test', 'Essai'),
    },
    period: { from: '2012', to: '2013', asOf: r.asOf },
    rule: { addressedShare: r.addressedShare, summary: title('Rule', 'Règle'), rules: [] },
    currency: r.currency,
    includeUnpublished: false,
    summary: r.summary,
    nodes: r.nodes,
    gaps: r.gaps,
    breakdowns: r.breakdowns,
    rates: r.rates,
  };
}

const activity = (id: string, status: CoverageActivityInput['status']): CoverageActivityInput => ({
  id,
  status,
  plannedStart: '2012',
  plannedEnd: '2013',
  actualStart: null,
  actualEnd: null,
  countries: ['ID'],
  participants: [],
  funding: [],
});

const detail = (id: string, extra: Partial<ReportActivityDetail> = {}): ReportActivityDetail => ({
  id,
  title: title(`Activity ${id}`, `Activité ${id}`),
  status: 'completed',
  start: '2012',
  end: '2013',
  regional: false,
  countries: ['ID'],
  participants: [],
  funding: [],
  ...extra,
});

describe(buildReportModel.name, () => {
  const coverage = planCoverage(
    [
      {
        ...activity('x', 'completed'),
        funding: [
          { type: 'commitment', currency: 'USD', amountMinor: 100_00, date: '2012-05' },
          { type: 'commitment', currency: 'CAD', amountMinor: 50_00, date: null },
        ],
      },
      activity('y', 'cancelled'),
    ],
    [
      { activityId: 'x', nodeId: 'a11' },
      { activityId: 'y', nodeId: 'l121' },
    ],
  );
  const gac = { id: 'gac', name: title('Global Affairs Canada', 'Affaires mondiales Canada'), acronym: 'GAC' };
  const model = buildReportModel({
    lang: 'fr',
    producedAt: new Date('2026-01-05T10:00:00Z'),
    query: coverageQuerySchema.parse({ from: '2012', to: '2013' }),
    coverage,
    rates,
    details: [
      detail('x', {
        participants: [
          { organisation: gac, role: 'implementer' },
          { organisation: gac, role: 'funder' },
        ],
        funding: [
          { type: 'commitment', currency: 'USD', amountMinor: 100_00, date: '2012-05' },
          { type: 'commitment', currency: 'CAD', amountMinor: 50_00, date: null },
        ],
      }),
      detail('y', { status: 'cancelled' }),
    ],
  });

  it('puts areas under their pillar with their activities and gaps', () => {
    assert.deepEqual(
      model.pillars.map((p) => [p.node.code, p.areas.map((a) => a.node.code)]),
      [['1', ['1.1', '1.2']]],
    );
    const [rights, security] = model.pillars[0]!.areas;
    assert.deepEqual(
      rights!.activities.map((a) => a.id),
      ['x'],
    );
    assert.deepEqual(
      security!.activities.map((a) => a.id),
      ['y'],
    );
    // The action line below 1.2 has only a cancelled activity: the gap belongs to area 1.2.
    assert.deepEqual(
      security!.gaps.map((g) => [g.code, g.reason]),
      [['1.2.1', 'only_cancelled_or_suspended']],
    );
    assert.deepEqual(rights!.gaps, []);
  });

  it('merges an organisation’s roles and converts each funding line', () => {
    const x = model.activities.find((a) => a.id === 'x')!;
    assert.deepEqual(x.partners, [{ organisation: gac, roles: ['funder', 'implementer'] }]);
    assert.deepEqual(
      x.funding.map((f) => [f.type, f.currency, f.amountMinor]),
      [
        ['commitment', 'CAD', 50_00],
        ['commitment', 'USD', 100_00],
      ],
    );
    // 100 USD × 1.25 (2012) + 50 CAD.
    assert.deepEqual(x.converted, [{ type: 'commitment', amountMinor: 175_00 }]);
    assert.deepEqual(x.areaCodes, ['1.1']);
    assert.deepEqual(model.currencies, ['CAD', 'USD']);
    assert.deepEqual(model.fundingTypes, ['commitment']);
  });

  it('formats the key figures in the report language, marking text in the other language', () => {
    const f = new ReportFormatter('fr');
    const rows = kpiRows(model, f);
    assert.equal(rows.find((r) => r.label === 'Activités')?.value, '2');
    assert.equal(rows.find((r) => r.label === 'Engagement (CAD)')?.value, f.money(175_00, 'CAD'));
    assert.match(f.money(175_00, 'CAD'), /^175,00\s\$$/);
    assert.equal(f.text(title('Rights', null)).text, 'Rights [en]');
    assert.equal(new ReportFormatter('en').money(123456_78, 'USD'), 'US$123,456.78');
    assert.equal(reportFileName(model, 'pdf'), 'test-plan_report_2012_2013_fr.pdf');
  });
});
