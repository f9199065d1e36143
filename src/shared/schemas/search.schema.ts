import { z } from 'zod';
import { activityFilterFields, listOf, pagingFields } from './activity-query.schema';

const id = z.string().trim().min(1).max(100);

export const SEARCH_KINDS = ['activity', 'organisation', 'node'] as const;

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
    ...pagingFields(50),
  })
  .strict();

export type SearchQuery = z.infer<typeof searchQuerySchema>;
export type SearchQueryInput = z.input<typeof searchQuerySchema>;
