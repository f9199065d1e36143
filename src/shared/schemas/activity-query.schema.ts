import { z } from 'zod';
import { ACTIVITY_STATUSES, ACTIVITY_TYPES, COUNTRY_CODES, REGION_CODE, WORKFLOW_STATES } from '../vocab';

const id = z.string().trim().min(1).max(100);

/** Accepts `a`, `a,b` or repeated parameters and yields a de-duplicated list. */
export function listOf<O extends string, T extends z.ZodType<O, string>>(item: T) {
  return z
    .union([z.string(), z.array(z.string())])
    .transform((v) =>
      (Array.isArray(v) ? v : [v])
        .flatMap((s) => s.split(','))
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).max(50, 'Give at most 50 values.'))
    .transform((v) => [...new Set(v)])
    .meta({
      description: `One or more values, comma-separated or repeated${
        item instanceof z.ZodEnum ? `, among: ${(item.options as string[]).join(', ')}` : ''
      }.`,
    });
}

const year = z.coerce
  .number({ error: 'Give a year as four digits, for example 2011.' })
  .int('Give a whole year, for example 2011.')
  .min(1900, 'Give a year from 1900 on.')
  .max(2200, 'Give a year up to 2200.');

export const ACTIVITY_SORTS = ['start', '-start', 'title', '-title', 'updated', '-updated'] as const;

/** `createdBy=me`: the activities the signed-in person created. */
export const CREATED_BY_ME = 'me';

/**
 * The filters on who, where and what that the activity list shares with other reports (coverage):
 * pillar ids, organisation ids, countries (or `ASEAN` for region-wide), statuses and types.
 */
export const activityFilterFields = {
  pillar: listOf(id).optional(),
  organisation: listOf(id).optional(),
  country: listOf(
    z.enum([...COUNTRY_CODES, REGION_CODE], {
      error: `Use ISO country codes of the ASEAN member states and Timor-Leste (${COUNTRY_CODES.join(', ')}) or ${REGION_CODE} for region-wide activities.`,
    }),
  ).optional(),
  status: listOf(z.enum(ACTIVITY_STATUSES, { error: `Use one of: ${ACTIVITY_STATUSES.join(', ')}.` })).optional(),
  type: listOf(z.enum(ACTIVITY_TYPES, { error: `Use one of: ${ACTIVITY_TYPES.join(', ')}.` })).optional(),
};

/** Which activities, in what order: the list's parameters other than paging. */
const activitySelectionFields = {
  plan: id.optional(),
  node: listOf(id).optional(),
  ...activityFilterFields,
  /** Staff only, except `published`: the public reads published activities alone. */
  workflowState: listOf(z.enum(WORKFLOW_STATES, { error: `Use one of: ${WORKFLOW_STATES.join(', ')}.` })).optional(),
  /** Staff only: a user id, or `me` for the signed-in person. */
  createdBy: id.optional(),
  yearFrom: year.optional(),
  yearTo: year.optional(),
  q: z.string().trim().max(200, 'Keep the search text under 200 characters.').optional(),
  sort: z.enum(ACTIVITY_SORTS, { error: `Use one of: ${ACTIVITY_SORTS.join(', ')}.` }).default('-start'),
};

const yearOrder = {
  check: (q: { yearFrom?: number | undefined; yearTo?: number | undefined }) =>
    q.yearFrom === undefined || q.yearTo === undefined || q.yearFrom <= q.yearTo,
  params: { message: 'yearFrom must not be after yearTo.', path: ['yearTo'] },
};

/** `page` (from 1) and `pageSize` (20 unless given, at most `maxPageSize`) of a paged list. */
export function pagingFields(maxPageSize: number) {
  return {
    page: z.coerce
      .number({ error: 'Give a page number.' })
      .int('Give a whole page number.')
      .min(1, 'Pages start at 1.')
      .default(1),
    pageSize: z.coerce
      .number({ error: 'Give a page size.' })
      .int('Give a whole page size.')
      .min(1, 'Give a page size of at least 1.')
      .max(maxPageSize, `Give a page size of at most ${maxPageSize}.`)
      .default(20),
  };
}

/**
 * Filters, sort and paging of the activity list. Shared by the API (query string),
 * the web UI (URL search params) and the CLI.
 */
export const activityListQuerySchema = z
  .object({
    ...activitySelectionFields,
    ...pagingFields(100),
  })
  .strict()
  .refine(yearOrder.check, yearOrder.params);

/**
 * The activity list's selection without paging, plus chosen activity ids: what an export reads
 * (`GET /api/v1/exports/…`, `export` in the CLI).
 */
export const activitySelectionSchema = z
  .object({
    ...activitySelectionFields,
    /** Only these activities (e.g. one activity's IATI file). */
    id: listOf(id).optional(),
  })
  .strict()
  .refine(yearOrder.check, yearOrder.params);

export type ActivitySelection = z.infer<typeof activitySelectionSchema>;

export type ActivityListQuery = z.infer<typeof activityListQuerySchema>;
export type ActivityListQueryInput = z.input<typeof activityListQuerySchema>;

export const organisationListQuerySchema = z
  .object({
    q: z.string().trim().max(200, 'Keep the search text under 200 characters.').optional(),
    page: z.coerce.number().int().min(1, 'Pages start at 1.').default(1),
    pageSize: z.coerce.number().int().min(1).max(200, 'Give a page size of at most 200.').default(50),
  })
  .strict();
export type OrganisationListQuery = z.infer<typeof organisationListQuerySchema>;
