import type { SearchResults } from '../../shared/api-types';
import {
  SEARCH_FACET_NAMES,
  searchQuerySchema,
  type SearchFacetName,
  type SearchQuery,
} from '../../shared/schemas/search.schema';
import type { Language } from '../../shared/vocab';
import type { QueryValue } from '../api/client';
import { paramIssues, searchParamsToRecord, type ParamIssue } from './activityQuery';

/** The facets of the search page, in the order they are shown: the API's, in its order. */
export const SEARCH_FACETS = SEARCH_FACET_NAMES satisfies readonly (keyof SearchResults['facets'])[];
export type { SearchFacetName };

export const SEARCH_PAGE_SIZE = 20;
/** How long the page waits after the last key press before it searches. */
export const SEARCH_DEBOUNCE_MS = 250;

export type ParsedSearchQuery = { ok: true; query: SearchQuery } | { ok: false; issues: ParamIssue[] };

/**
 * Parses the search page's address with the schema the API applies to its query string. The
 * language comes from the page's own prefix, so a `lang` parameter in the address is ignored.
 */
export function parseSearchQuery(params: URLSearchParams): ParsedSearchQuery {
  const record = searchParamsToRecord(params);
  delete record.lang;
  // An empty field submitted by a form means "nothing chosen", not an invalid value.
  for (const [name, value] of Object.entries(record)) {
    if (value === '' && name !== 'q') delete record[name];
  }
  const result = searchQuerySchema.safeParse(record);
  if (result.success) return { ok: true, query: result.data };
  return { ok: false, issues: paramIssues(result.error) };
}

/** The query back as page address parameters, leaving out defaults so that shared links stay short. */
export function searchQueryToParams(query: Partial<SearchQuery>): Record<string, QueryValue> {
  const params: Record<string, QueryValue> = { q: query.q?.trim() || undefined };
  for (const name of SEARCH_FACETS) params[name] = query[name];
  params.page = query.page === undefined || query.page === 1 ? undefined : query.page;
  params.pageSize = query.pageSize === undefined || query.pageSize === SEARCH_PAGE_SIZE ? undefined : query.pageSize;
  return params;
}

/** The API request's parameters: the page's query in the interface language. */
export function searchApiParams(query: SearchQuery, lang: Language): Record<string, QueryValue> {
  return { ...searchQueryToParams(query), lang };
}

/** Whether any facet value is chosen. */
export function hasFacets(query: Partial<SearchQuery>): boolean {
  return SEARCH_FACETS.some((name) => (query[name]?.length ?? 0) > 0);
}

/** Whether there is anything to search for: words, or at least one facet value. */
export function hasSearch(query: Partial<SearchQuery>): boolean {
  return (query.q ?? '').trim() !== '' || hasFacets(query);
}

/** Case and accents set aside, as the search compares words ("Sécurité" and "securite" alike). */
function foldWord(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/**
 * The query as the server understood it after its corrections: each corrected word replaced
 * where it stands as a whole word ("rcie fishing" with rcie → rice reads "rice fishing"), case
 * and accents aside.
 */
export function correctedQuery(q: string, corrections: readonly { from: string; to: string }[]): string {
  const wanted = new Map(corrections.filter((c) => c.from).map((c) => [foldWord(c.from), c.to]));
  return q
    .split(/([\p{L}\p{N}]+)/u)
    .map((part) => wanted.get(foldWord(part)) ?? part)
    .join('');
}

/** A safe element id for a facet value (ids, codes and years; anything else is encoded). */
export function facetValueId(name: string, value: string): string {
  return `search-${name}-${value.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.codePointAt(0)?.toString(16) ?? ''}`)}`;
}
