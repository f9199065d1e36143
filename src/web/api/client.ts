import type {
  ActivityDetail,
  ActivitySummary,
  ExchangeRateList,
  FrameworkNodeDetail,
  OrganisationDetail,
  OrganisationSummary,
  Page,
  CoverageAnswer,
  PlanComparison,
  PlanDetail,
  PartnershipWithPlans,
  PlanSummary,
  Problem,
  SearchResults,
  SnapshotComparison,
  SnapshotSummary,
} from '../../shared/api-types';
import type { CoverageApiQueryInput } from '../../shared/schemas/coverage-query.schema';

export const API_BASE = '/api/v1';

/** A GET request to the API whose JSON answer has type T. */
export interface ApiRequest<T> {
  readonly url: string;
  /** Carries the response type only; never set. */
  readonly response?: T;
}

/** Query values: lists are sent comma-separated; undefined, null, '' and [] are left out. */
export type QueryValue = string | number | readonly string[] | null | undefined;

export function queryString(params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) search.set(name, value.join(','));
    } else {
      search.set(name, String(value));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

function request<T>(path: string, params: Record<string, QueryValue> = {}): ApiRequest<T> {
  return { url: `${API_BASE}${path}${queryString(params)}` };
}

const seg = encodeURIComponent;

export interface ActivityListParams {
  plan?: string | undefined;
  node?: readonly string[] | undefined;
  pillar?: readonly string[] | undefined;
  organisation?: readonly string[] | undefined;
  country?: readonly string[] | undefined;
  status?: readonly string[] | undefined;
  type?: readonly string[] | undefined;
  yearFrom?: number | undefined;
  yearTo?: number | undefined;
  q?: string | undefined;
  sort?: string | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
}

/** The API's read endpoints. */
export const api = {
  plans: () => request<{ items: PlanSummary[] }>('/plans'),
  partnerships: () => request<{ items: PartnershipWithPlans[] }>('/partnerships'),
  plan: (idOrSlug: string) => request<PlanDetail>(`/plans/${seg(idOrSlug)}`),
  /** The parameters of the coverage API's shared schema (`coverageApiQuerySchema`). */
  coverage: (idOrSlug: string, params: Partial<Record<keyof CoverageApiQueryInput, QueryValue>>) =>
    request<CoverageAnswer>(`/plans/${seg(idOrSlug)}/coverage`, params),
  frameworkNode: (id: string) => request<FrameworkNodeDetail>(`/framework-nodes/${seg(id)}`),
  activities: (params: ActivityListParams) => request<Page<ActivitySummary>>('/activities', { ...params }),
  activity: (id: string) => request<ActivityDetail>(`/activities/${seg(id)}`),
  organisations: (params: { q?: string | undefined; page?: number | undefined; pageSize?: number | undefined }) =>
    request<Page<OrganisationSummary>>('/organisations', { ...params }),
  organisation: (id: string) => request<OrganisationDetail>(`/organisations/${seg(id)}`),
  exchangeRates: () => request<ExchangeRateList>('/exchange-rates'),
  snapshots: (idOrSlug: string) => request<{ items: SnapshotSummary[] }>(`/plans/${seg(idOrSlug)}/snapshots`),
  /** Two snapshot ids, or `current` for the coverage today. */
  snapshotComparison: (idOrSlug: string, params: { from: string; to: string }) =>
    request<SnapshotComparison>(`/plans/${seg(idOrSlug)}/snapshots/compare`, params),
  /** Two successive plans side by side along the crosswalk from the first (earlier) to the second. */
  planComparison: (fromIdOrSlug: string, toIdOrSlug: string, params: { currency?: string | undefined } = {}) =>
    request<PlanComparison>(`/plans/${seg(fromIdOrSlug)}/compare/${seg(toIdOrSlug)}`, params),
  /** One search over activities, organisations and framework nodes, with facet counts. */
  search: (params: Record<string, QueryValue>) => request<SearchResults>('/search', params),
};

/** A failed API call, carrying the problem details the server sent (or one made up for network failures). */
export class ApiError extends Error {
  readonly problem: Problem;
  readonly status: number;
  /** True when the server could not be reached at all. */
  readonly network: boolean;

  constructor(problem: Problem, network = false) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
    this.problem = problem;
    this.status = problem.status;
    this.network = network;
  }
}

function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.title === 'string' && typeof v.status === 'number';
}

/** The problem details of a failed answer, keeping any extra members (e.g. `current` on a 409). */
export async function problemFrom(response: Response): Promise<Problem> {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body: unknown = await response.json();
      if (isProblem(body)) {
        return {
          ...body,
          type: typeof body.type === 'string' ? body.type : 'about:blank',
          detail: typeof body.detail === 'string' ? body.detail : '',
          errors: Array.isArray(body.errors) ? body.errors : [],
        };
      }
    } catch {
      // fall through to a generic problem
    }
  }
  return { type: 'about:blank', title: response.statusText || 'Request failed', status: response.status, detail: '' };
}

const TTL_MS = 60_000;
const cache = new Map<string, { at: number; value: unknown }>();

/** Forgets every cached answer: after a write, or when the reader signs in or out (drafts appear or vanish). */
export function clearApiCache(): void {
  cache.clear();
}

/** A recent answer for this request, if one is cached (lets the back button render at once). */
export function peekCached<T>(req: ApiRequest<T>): T | undefined {
  const hit = cache.get(req.url);
  if (!hit || Date.now() - hit.at > TTL_MS) return undefined;
  return hit.value as T;
}

/** Fetches a request; resolves with the typed body or rejects with an ApiError (or an AbortError). */
export async function fetchApi<T>(req: ApiRequest<T>, signal?: AbortSignal): Promise<T> {
  const cached = peekCached(req);
  if (cached !== undefined) return cached;
  let response: Response;
  try {
    response = await fetch(req.url, { headers: { accept: 'application/json' }, signal: signal ?? null });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ApiError({ type: 'about:blank', title: 'Network error', status: 0, detail: String(err) }, true);
  }
  if (!response.ok) throw new ApiError(await problemFrom(response));
  const body = (await response.json()) as T;
  cache.set(req.url, { at: Date.now(), value: body });
  if (cache.size > 200) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  return body;
}

export const getPlans = (signal?: AbortSignal) => fetchApi(api.plans(), signal);
export const getPlan = (idOrSlug: string, signal?: AbortSignal) => fetchApi(api.plan(idOrSlug), signal);
export const getFrameworkNode = (id: string, signal?: AbortSignal) => fetchApi(api.frameworkNode(id), signal);
export const listActivities = (params: ActivityListParams, signal?: AbortSignal) =>
  fetchApi(api.activities(params), signal);
export const getActivity = (id: string, signal?: AbortSignal) => fetchApi(api.activity(id), signal);
export const listOrganisations = (params: { q?: string; page?: number; pageSize?: number }, signal?: AbortSignal) =>
  fetchApi(api.organisations(params), signal);
export const getOrganisation = (id: string, signal?: AbortSignal) => fetchApi(api.organisation(id), signal);
