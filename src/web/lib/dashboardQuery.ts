import { DEFAULT_ADDRESSED_SHARE, DEFAULT_REPORTING_CURRENCY } from '../../shared/coverage';
import { coverageQuerySchema, type CoverageQuery } from '../../shared/schemas/coverage-query.schema';
import { FUNDING_TYPES, type FundingType } from '../../shared/vocab';
import type { QueryValue } from '../api/client';
import { paramIssues, searchParamsToRecord, type ParamIssue } from './activityQuery';

/** What the map shades the countries by: activity counts, or one funding type (types are never added). */
export const MAP_MEASURES = ['activities', ...FUNDING_TYPES] as const;
export type MapMeasure = (typeof MAP_MEASURES)[number];

export interface DashboardQuery {
  coverage: CoverageQuery;
  map: MapMeasure;
}

export type ParsedDashboardQuery = { ok: true; query: DashboardQuery } | { ok: false; issues: ParamIssue[] };

const isMapMeasure = (v: string): v is MapMeasure => (MAP_MEASURES as readonly string[]).includes(v);

/**
 * The dashboard's URL read with the coverage API's own schema (period, pillar, organisation,
 * country, status, type, currency), plus `map`, the measure the map shades by.
 */
export function parseDashboardQuery(params: URLSearchParams): ParsedDashboardQuery {
  const record = searchParamsToRecord(params);
  for (const [name, value] of Object.entries(record)) {
    if (value === '') delete record[name];
  }
  const map = record.map;
  delete record.map;
  const issues: ParamIssue[] = [];
  let measure: MapMeasure = 'activities';
  if (map !== undefined) {
    if (typeof map === 'string' && isMapMeasure(map)) measure = map;
    else issues.push({ name: 'map', reason: `Use one of: ${MAP_MEASURES.join(', ')}.` });
  }
  const result = coverageQuerySchema.safeParse(record);
  if (!result.success) issues.push(...paramIssues(result.error));
  if (issues.length > 0 || !result.success) return { ok: false, issues };
  return { ok: true, query: { coverage: result.data, map: measure } };
}

/** The coverage query as API parameters (also the dashboard's URL), leaving out defaults. */
export function coverageParams(q: Partial<CoverageQuery>): Record<string, QueryValue> {
  return {
    from: q.from,
    to: q.to,
    pillar: q.pillar,
    organisation: q.organisation,
    country: q.country,
    status: q.status,
    type: q.type,
    currency: q.currency === DEFAULT_REPORTING_CURRENCY ? undefined : q.currency,
    addressedShare: q.addressedShare === DEFAULT_ADDRESSED_SHARE ? undefined : q.addressedShare,
    includeUnpublished: q.includeUnpublished ? 'true' : undefined,
  };
}

/** The dashboard's URL parameters: the coverage query and, unless it is the default, the map's measure. */
export function dashboardParams(q: DashboardQuery): Record<string, QueryValue> {
  return { ...coverageParams(q.coverage), map: q.map === 'activities' ? undefined : q.map };
}

/** The year of a period bound ("2011-05" → 2011). */
export const yearOf = (bound: string): number => Number(bound.slice(0, 4));

/**
 * The period of one year within the query's period: the year itself, or the part of it the
 * period covers when the period starts or ends inside it (from=2011-05 → 2011-05 … 2011).
 */
export function yearSlice(q: Pick<CoverageQuery, 'from' | 'to'>, year: number): { from: string; to: string } {
  const from = q.from !== undefined && yearOf(q.from) === year ? q.from : String(year);
  const to = q.to !== undefined && yearOf(q.to) === year ? q.to : String(year);
  return { from, to };
}

/** Lower and upper bound (both included for whole numbers) of each class of a sequential scale. */
export interface Bin {
  min: number;
  max: number;
}

export function isFundingMeasure(m: MapMeasure): m is FundingType {
  return m !== 'activities';
}
