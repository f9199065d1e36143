import { z } from 'zod';
import { DEFAULT_ADDRESSED_SHARE, DEFAULT_REPORTING_CURRENCY, REPORTING_CURRENCIES } from '../coverage';
import { firstDayOf, isPartialDate, lastDayOf } from '../partial-date';
import { activityFilterFields } from './activity-query.schema';
import { booleanParam } from './fields';

const PERIOD_BOUND = 'Give a year or a date as YYYY, YYYY-MM or YYYY-MM-DD (for example 2011, 2011-05 or 2011-05-03).';
const periodBound = z.string({ error: PERIOD_BOUND }).trim().refine(isPartialDate, { message: PERIOD_BOUND });

const SHARE = 'Give a share between 0 and 1, for example 0.5.';
const share = z.preprocess(
  // An empty value is an error, not 0.
  (v) => (typeof v === 'string' && v.trim() === '' ? Number.NaN : v),
  z.coerce.number({ error: SHARE }).min(0, SHARE).max(1, SHARE),
);

/**
 * Parameters of a plan's coverage report (`GET /api/v1/plans/{id or slug}/coverage`). The
 * period's activities are those running in it; the pillar, organisation, country, status and
 * type filters are the activity list's. Shared by the API, the web UI and the CLI.
 */
export const coverageQuerySchema = z
  .object({
    /** First year or day of the period; open when absent. */
    from: periodBound.optional(),
    /** Last year or day of the period; its end (capped at today) is the reference date. */
    to: periodBound.optional(),
    ...activityFilterFields,
    currency: z
      .enum(REPORTING_CURRENCIES, { error: `Use one of: ${REPORTING_CURRENCIES.join(', ')}.` })
      .default(DEFAULT_REPORTING_CURRENCY),
    addressedShare: share.default(DEFAULT_ADDRESSED_SHARE),
    /** Staff only: count drafts and activities under review too. */
    includeUnpublished: booleanParam.default(false),
  })
  .strict()
  .refine((q) => q.from === undefined || q.to === undefined || firstDayOf(q.from) <= lastDayOf(q.to), {
    message: 'to must not be before from.',
    path: ['to'],
  });

export type CoverageQuery = z.infer<typeof coverageQuerySchema>;
export type CoverageQueryInput = z.input<typeof coverageQuerySchema>;
