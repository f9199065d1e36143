import type { z } from 'zod';
import { activityListQuerySchema, type ActivityListQuery } from '../../shared/schemas/activity-query.schema';
import type { QueryValue } from '../api/client';
import type { IssueDetail } from '../i18n/issues';

export interface ParamIssue {
  /** The URL parameter at fault ('' when the issue concerns the query as a whole). */
  name: string;
  /** The schema's explanation (from the shared API contract), empty for unknown parameters. */
  reason: string;
  unknown?: boolean;
  /** What the check found, so that the interface can explain it in its own language. */
  detail?: IssueDetail;
}

function issueDetail(issue: z.core.$ZodIssue): IssueDetail {
  if (issue.code === 'too_small') return { code: issue.code, origin: issue.origin, limit: issue.minimum };
  if (issue.code === 'too_big') return { code: issue.code, origin: issue.origin, limit: issue.maximum };
  if (issue.code === 'invalid_value') return { code: issue.code, values: issue.values };
  if (issue.code === 'invalid_type') return { code: issue.code, expected: issue.expected };
  return { code: issue.code };
}

/** Schema issues as URL parameter issues: unknown parameters one by one, list items by their parameter. */
export function paramIssues(error: z.ZodError): ParamIssue[] {
  const issues: ParamIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) issues.push({ name: key, reason: '', unknown: true });
      continue;
    }
    const first = issue.path[0];
    issues.push({ name: typeof first === 'string' ? first : '', reason: issue.message, detail: issueDetail(issue) });
  }
  return issues;
}

export type ParsedActivityQuery = { ok: true; query: ActivityListQuery } | { ok: false; issues: ParamIssue[] };

/** URL search params as the schema expects them: repeated parameters become arrays. */
export function searchParamsToRecord(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const name of new Set(params.keys())) {
    const all = params.getAll(name);
    out[name] = all.length === 1 ? (all[0] ?? '') : all;
  }
  return out;
}

/** Parses the activity list's URL with the same schema the API applies to its query string. */
export function parseActivityQuery(params: URLSearchParams): ParsedActivityQuery {
  const record = searchParamsToRecord(params);
  // An empty field submitted by a form means "no filter", not an invalid value.
  for (const [name, value] of Object.entries(record)) {
    if (value === '') delete record[name];
  }
  const result = activityListQuerySchema.safeParse(record);
  if (result.success) return { ok: true, query: result.data };
  return { ok: false, issues: paramIssues(result.error) };
}

export const LIST_FILTERS = [
  'plan',
  'pillar',
  'node',
  'organisation',
  'country',
  'status',
  'type',
  'yearFrom',
  'yearTo',
  'q',
] as const;
export type ListFilter = (typeof LIST_FILTERS)[number];

export const DEFAULT_SORT = '-start';
export const DEFAULT_PAGE_SIZE = 20;

/** The query back as URL params, leaving out defaults so that shared links stay short. */
export function activityQueryToParams(query: Partial<ActivityListQuery>): Record<string, QueryValue> {
  return {
    plan: query.plan,
    pillar: query.pillar,
    node: query.node,
    organisation: query.organisation,
    country: query.country,
    status: query.status,
    type: query.type,
    yearFrom: query.yearFrom,
    yearTo: query.yearTo,
    q: query.q,
    sort: query.sort === DEFAULT_SORT ? undefined : query.sort,
    page: query.page === 1 ? undefined : query.page,
    pageSize: query.pageSize === DEFAULT_PAGE_SIZE ? undefined : query.pageSize,
  };
}

export function hasFilters(query: Partial<ActivityListQuery>): boolean {
  return LIST_FILTERS.some((name) => {
    const value = query[name];
    return Array.isArray(value) ? value.length > 0 : value !== undefined && value !== '';
  });
}
