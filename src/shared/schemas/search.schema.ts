import { z } from 'zod';
import { activityFilterFields, listOf, pagingFields } from './activity-query.schema';

const id = z.string().trim().min(1).max(100);

export const SEARCH_KINDS = ['activity', 'organisation', 'node'] as const;

/** The facets of a search answer, in the order the search page shows them. */
export const SEARCH_FACET_NAMES = [
  'kind',
  'plan',
  'pillar',
  'area',
  'country',
  'partner',
  'status',
  'type',
  'year',
] as const;
export type SearchFacetName = (typeof SEARCH_FACET_NAMES)[number];
/** Values listed per facet, most frequent first (chosen values are listed too). */
export const FACET_LIMIT = 10;
/** Values listed for a facet named in `more`. */
export const FACET_MORE_LIMIT = 50;

/**
 * `GET /api/v1/search` and the portal's search page (URL search params): the text, the facets
 * chosen (OR within one facet, AND across facets) and the page. Shared by the API, the UI and the CLI.
 */
export const searchQuerySchema = z
  .object({
    q: z
      .string({ error: 'Give the words to search for.' })
      .trim()
      .max(200, 'Keep the search text under 200 characters.')
      .default(''),
    /** The language the hits are shown in and ranked for first; both languages are searched. */
    lang: z.enum(['en', 'fr'], { error: 'Use en or fr.' }).default('en'),
    kind: listOf(z.enum(SEARCH_KINDS, { error: `Use one of: ${SEARCH_KINDS.join(', ')}.` })).optional(),
    plan: listOf(id).optional(),
    area: listOf(id).optional(),
    partner: listOf(id).optional(),
    /** Activities running in any of these years (four digits). */
    year: listOf(z.string().regex(/^(19|20|21)\d\d$/, 'Give a year as four digits, for example 2011.')).optional(),
    pillar: activityFilterFields.pillar,
    country: activityFilterFields.country,
    status: activityFilterFields.status,
    type: activityFilterFields.type,
    /** Facets to list more values of: up to FACET_MORE_LIMIT instead of FACET_LIMIT. */
    more: listOf(z.enum(SEARCH_FACET_NAMES, { error: `Use facet names among: ${SEARCH_FACET_NAMES.join(', ')}.` }))
      .meta({
        description:
          `Facets to list up to ${FACET_MORE_LIMIT} values of, instead of the ${FACET_LIMIT} most frequent; ` +
          `comma-separated or repeated, among: ${SEARCH_FACET_NAMES.join(', ')}.`,
      })
      .optional(),
    ...pagingFields(50),
  })
  .strict();

export type SearchQuery = z.infer<typeof searchQuerySchema>;
export type SearchQueryInput = z.input<typeof searchQuerySchema>;
