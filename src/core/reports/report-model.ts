import type {
  CoverageAmount,
  CoverageGap,
  CoverageNodeWithIds,
  FullPlanCoverage,
  OrganisationRef,
} from '../../shared/api-types';
import type { LocalizedText } from '../../shared/localized';
import { fromMinorUnits } from '../../shared/money';
import { yearOf, type PartialDate } from '../../shared/partial-date';
import type { CoverageQuery } from '../../shared/schemas/coverage-query.schema';
import {
  ACTIVITY_STATUSES,
  FUNDING_TYPES,
  PARTICIPANT_ROLES,
  type ActivityStatus,
  type FundingType,
  type Language,
  type ParticipantRole,
} from '../../shared/vocab';
import type { RateConverter } from '../coverage/coverage';

/** What the report needs of one activity, beyond what coverage gives. */
export interface ReportActivityDetail {
  id: string;
  title: LocalizedText;
  status: ActivityStatus;
  start: PartialDate | null;
  end: PartialDate | null;
  regional: boolean;
  countries: string[];
  participants: { organisation: OrganisationRef; role: ParticipantRole }[];
  funding: { type: FundingType; currency: string; amountMinor: number; date: PartialDate | null }[];
}

export interface ReportFundingLine {
  activityId: string;
  type: FundingType;
  currency: string;
  amountMinor: number;
  date: PartialDate | null;
  /** The year whose rate applies: the line's date, else the activity's start, else the reference date. */
  year: number;
  /** In the reporting currency; null without a rate. */
  convertedMinor: number | null;
  rateYear: number | null;
  exact: boolean | null;
}

export interface ReportActivity extends Omit<ReportActivityDetail, 'participants' | 'funding'> {
  /** Each organisation once, with every role it plays, in the order recorded. */
  partners: { organisation: OrganisationRef; roles: ParticipantRole[] }[];
  /** Per type and original currency. */
  funding: CoverageAmount[];
  /** Per type in the reporting currency, summed line by line; null when some line has no rate. */
  converted: { type: FundingType; amountMinor: number | null }[];
  lines: ReportFundingLine[];
  pillarCodes: string[];
  areaCodes: string[];
}

export interface ReportArea {
  node: CoverageNodeWithIds;
  activities: ReportActivity[];
  /** The gaps among the area's leaves (the area itself when it is a leaf). */
  gaps: CoverageGap[];
}

export interface ReportPillar {
  node: CoverageNodeWithIds;
  areas: ReportArea[];
}

/** Everything a renderer prints: language-neutral data plus the language to print it in. */
export interface ReportModel {
  lang: Language;
  /** ISO instant the report was produced at. */
  producedAt: string;
  query: CoverageQuery;
  /** The whole coverage (every node's activity ids, every partner). */
  coverage: FullPlanCoverage;
  /** Names of the filter values, ready to print (pillar codes and titles, organisation names…). */
  filterValues: { pillar: LocalizedText[]; organisation: OrganisationRef[] };
  pillars: ReportPillar[];
  /** Every activity of the report, by start date then title. */
  activities: ReportActivity[];
  /** The funding types that carry any amount, in vocabulary order. */
  fundingTypes: FundingType[];
  /** The original currencies present, sorted. */
  currencies: string[];
}

export interface ReportModelInput {
  lang: Language;
  producedAt: Date;
  query: CoverageQuery;
  /** The whole coverage (every node's activity ids, every partner). */
  coverage: FullPlanCoverage;
  details: readonly ReportActivityDetail[];
  rates: RateConverter;
  /** Names of organisations given as filters, when they have no activity in the report. */
  organisations?: readonly OrganisationRef[];
}

/**
 * Builds the report's model from the coverage of the plan and the details of its activities:
 * pillars with their areas, each area with its activities (status, partners with roles, funding)
 * and its gaps; every activity with its funding lines converted line by line for the annex.
 */
export function buildReportModel(input: ReportModelInput): ReportModel {
  const { coverage } = input;
  const currency = coverage.currency;
  const asOfYear = yearOf(coverage.period.asOf);
  const byId = new Map(coverage.nodes.map((n) => [n.id, n]));
  const pillarOf = (n: CoverageNodeWithIds): CoverageNodeWithIds => {
    let cur = n;
    for (let steps = 0; cur.parentId !== null && steps < coverage.nodes.length; steps += 1) {
      const parent = byId.get(cur.parentId);
      if (!parent) break;
      cur = parent;
    }
    return cur;
  };
  const areaOf = (n: CoverageNodeWithIds): CoverageNodeWithIds | null => {
    let cur: CoverageNodeWithIds | undefined = n;
    while (cur && cur.depth > 1) cur = cur.parentId === null ? undefined : byId.get(cur.parentId);
    return cur && cur.depth === 1 ? cur : null;
  };

  const pillarsOfActivity = new Map<string, Set<string>>();
  const areasOfActivity = new Map<string, Set<string>>();
  const note = (m: Map<string, Set<string>>, id: string, code: string) => {
    const s = m.get(id) ?? new Set<string>();
    s.add(code);
    m.set(id, s);
  };
  for (const n of coverage.nodes) {
    if (n.depth === 0) for (const a of n.activityIds) note(pillarsOfActivity, a, n.code);
    if (n.depth === 1) for (const a of n.activityIds) note(areasOfActivity, a, n.code);
  }

  const activities = new Map<string, ReportActivity>();
  for (const d of input.details) {
    const partners: ReportActivity['partners'] = [];
    for (const p of d.participants) {
      const known = partners.find((x) => x.organisation.id === p.organisation.id);
      if (known) {
        if (!known.roles.includes(p.role)) known.roles.push(p.role);
      } else partners.push({ organisation: p.organisation, roles: [p.role] });
    }
    for (const p of partners) p.roles.sort((a, b) => PARTICIPANT_ROLES.indexOf(a) - PARTICIPANT_ROLES.indexOf(b));

    const startYear = d.start !== null ? yearOf(d.start) : null;
    const lines = d.funding.map((f): ReportFundingLine => {
      const year = f.date !== null ? yearOf(f.date) : (startYear ?? asOfYear);
      const c = input.rates.convert(f.amountMinor, f.currency, year, currency);
      return {
        activityId: d.id,
        type: f.type,
        currency: f.currency,
        amountMinor: f.amountMinor,
        date: f.date,
        year,
        convertedMinor: c ? c.amountMinor : null,
        rateYear: c ? c.rateYear : null,
        exact: c ? c.exact : null,
      };
    });
    const original = new Map<string, CoverageAmount>();
    for (const l of lines) {
      const key = `${l.type} ${l.currency}`;
      const o = original.get(key) ?? { type: l.type, currency: l.currency, amountMinor: 0, amount: '' };
      o.amountMinor += l.amountMinor;
      original.set(key, o);
    }
    const funding = [...original.values()]
      .map((o) => ({ ...o, amount: fromMinorUnits(o.amountMinor, o.currency) }))
      .sort(
        (a, b) => FUNDING_TYPES.indexOf(a.type) - FUNDING_TYPES.indexOf(b.type) || a.currency.localeCompare(b.currency),
      );
    const converted = FUNDING_TYPES.filter((t) => lines.some((l) => l.type === t)).map((type) => {
      const ofType = lines.filter((l) => l.type === type);
      return {
        type,
        amountMinor: ofType.every((l) => l.convertedMinor !== null)
          ? ofType.reduce((s, l) => s + (l.convertedMinor ?? 0), 0)
          : null,
      };
    });
    activities.set(d.id, {
      id: d.id,
      title: d.title,
      status: d.status,
      start: d.start,
      end: d.end,
      regional: d.regional,
      countries: d.countries,
      partners,
      funding,
      converted,
      lines,
      pillarCodes: [...(pillarsOfActivity.get(d.id) ?? [])].sort(byCode),
      areaCodes: [...(areasOfActivity.get(d.id) ?? [])].sort(byCode),
    });
  }

  const ordered = [...activities.values()].sort(
    (a, b) =>
      (a.start ?? '9999').localeCompare(b.start ?? '9999') ||
      (a.title.en ?? a.title.fr ?? '').localeCompare(b.title.en ?? b.title.fr ?? '') ||
      a.id.localeCompare(b.id),
  );
  const rank = new Map(ordered.map((a, i) => [a.id, i]));
  const activitiesOf = (n: CoverageNodeWithIds) =>
    n.activityIds
      .map((id) => activities.get(id))
      .filter((a): a is ReportActivity => a !== undefined)
      .sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);

  const gapsByArea = new Map<string, CoverageGap[]>();
  for (const g of coverage.gaps) {
    const node = byId.get(g.nodeId);
    const area = node ? areaOf(node) : null;
    if (!area) continue;
    const list = gapsByArea.get(area.id) ?? [];
    list.push(g);
    gapsByArea.set(area.id, list);
  }

  const pillars = coverage.nodes
    .filter((n) => n.depth === 0)
    .map((p): ReportPillar => ({
      node: p,
      areas: coverage.nodes
        .filter((n) => n.depth === 1 && pillarOf(n).id === p.id)
        .map((a) => ({ node: a, activities: activitiesOf(a), gaps: gapsByArea.get(a.id) ?? [] })),
    }));

  const partnerRefs = new Map<string, OrganisationRef>();
  for (const o of input.organisations ?? []) partnerRefs.set(o.id, o);
  for (const b of coverage.breakdowns.byPartner) partnerRefs.set(b.organisation.id, b.organisation);

  const allLines = ordered.flatMap((a) => a.lines);
  return {
    lang: input.lang,
    producedAt: input.producedAt.toISOString(),
    query: input.query,
    coverage,
    filterValues: {
      pillar: (input.query.pillar ?? []).map((id) => {
        const n = byId.get(id);
        return n
          ? { en: `${n.code} ${n.title.en ?? n.title.fr ?? ''}`, fr: `${n.code} ${n.title.fr ?? n.title.en ?? ''}` }
          : { en: id, fr: id };
      }),
      organisation: (input.query.organisation ?? []).map(
        (id) => partnerRefs.get(id) ?? { id, name: { en: null, fr: null }, acronym: null },
      ),
    },
    pillars,
    activities: ordered,
    fundingTypes: FUNDING_TYPES.filter((t) => allLines.some((l) => l.type === t)),
    currencies: [...new Set(allLines.map((l) => l.currency))].sort(),
  };
}

function byCode(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/** Activity counts by status, zero included, in vocabulary order. */
export function statusRows(byStatus: Record<ActivityStatus, number>): { status: ActivityStatus; count: number }[] {
  return ACTIVITY_STATUSES.map((status) => ({ status, count: byStatus[status] }));
}
