import { z } from 'zod';
import type { CrosswalkChange } from '../../shared/api-types';
import { DEFAULT_REPORTING_CURRENCY } from '../../shared/coverage';
import { planComparisonQuerySchema, type PlanComparisonQuery } from '../../shared/schemas/crosswalk.schema';
import type { QueryValue } from '../api/client';
import { paramIssues, searchParamsToRecord, type ParamIssue } from './activityQuery';

/** The changes in the order the comparison counts and filters them. */
export const CROSSWALK_CHANGES = [
  'continued',
  'new',
  'dropped',
  'undecided',
] as const satisfies readonly CrosswalkChange[];

/**
 * The comparison page's address: the comparison API's own parameters (the reporting currency),
 * and `show`, which keeps one kind of change (every row without it).
 */
const comparisonPageQuerySchema = planComparisonQuerySchema.extend({
  show: z.enum(CROSSWALK_CHANGES, { error: `Use one of: ${CROSSWALK_CHANGES.join(', ')}.` }).optional(),
});

export interface ComparisonPageQuery {
  api: PlanComparisonQuery;
  show: CrosswalkChange | null;
}

export type ParsedComparisonQuery = { ok: true; query: ComparisonPageQuery } | { ok: false; issues: ParamIssue[] };

/** Reads the comparison page's URL; a wrong value, or a parameter it does not know, is reported by name. */
export function parseComparisonQuery(params: URLSearchParams): ParsedComparisonQuery {
  const record = searchParamsToRecord(params);
  for (const [name, value] of Object.entries(record)) {
    if (value === '') delete record[name];
  }
  const result = comparisonPageQuerySchema.safeParse(record);
  if (!result.success) return { ok: false, issues: paramIssues(result.error) };
  const { show, ...api } = result.data;
  return { ok: true, query: { api, show: show ?? null } };
}

/** The page's URL parameters (also the API's, without `show`), leaving out defaults. */
export function comparisonParams(q: ComparisonPageQuery): Record<string, QueryValue> {
  return {
    currency: q.api.currency === DEFAULT_REPORTING_CURRENCY ? undefined : q.api.currency,
    show: q.show ?? undefined,
  };
}
