import { z } from 'zod';
import {
  COVERAGE_BREAKDOWNS,
  COVERAGE_INCLUDES,
  DEFAULT_ADDRESSED_SHARE,
  DEFAULT_PARTNER_LIMIT,
  DEFAULT_REPORTING_CURRENCY,
  MAX_COVERAGE_DEPTH,
  MAX_PARTNER_LIMIT,
  REPORTING_CURRENCIES,
} from '../coverage';
import { firstDayOf, isPartialDate, lastDayOf } from '../partial-date';
import { activityFilterFields, listOf } from './activity-query.schema';
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
 * Which coverage of a plan: the period, the filters, the currency, the rule and the scope. The
 * period's activities are those running in it; the pillar, organisation, country, status and
 * type filters are the activity list's. Shared by the API, the web UI (the dashboard's URL), the
 * progress report and snapshots; the coverage API adds what its answer carries
 * (`coverageApiQuerySchema`).
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

const PARTNERS = `Use all, or the number of partners to list: a whole number from 0 to ${MAX_PARTNER_LIMIT}.`;

/**
 * `partners`: how many partners the partner breakdown lists (the most active first), the others
 * summed in one row; `all` lists every one.
 */
const partnerLimit = z
  .string({ error: PARTNERS })
  .trim()
  .regex(/^(all|\d{1,4})$/, PARTNERS)
  .transform((v): number | 'all' => (v === 'all' ? 'all' : Number(v)))
  .refine((v) => v === 'all' || v <= MAX_PARTNER_LIMIT, PARTNERS)
  .meta({
    description: `How many partners the partner breakdown lists, the most active first (default ${DEFAULT_PARTNER_LIMIT}); the others are summed in \`breakdowns.otherPartners\`. \`all\` lists every partner.`,
  });

const BREAKDOWNS = `Use none, or one or more of: ${COVERAGE_BREAKDOWNS.join(', ')}.`;

/** `breakdowns`: which breakdowns the answer carries; `none` for none. All when absent. */
const breakdownList = listOf(z.enum([...COVERAGE_BREAKDOWNS, 'none'], { error: BREAKDOWNS }))
  .refine((v) => !v.includes('none') || v.length === 1, BREAKDOWNS)
  .refine((v) => v.length > 0, BREAKDOWNS)
  .transform((v) => v.filter((b) => b !== 'none'))
  .meta({
    description: `Which breakdowns the answer carries, comma-separated or repeated, among: ${COVERAGE_BREAKDOWNS.join(', ')}; \`none\` for none. All when absent; those not asked are left out of \`breakdowns\`.`,
  });

const DEPTH = `Give the deepest level to list as a whole number from 0 (the pillars) to ${MAX_COVERAGE_DEPTH}.`;

/** `depth`: the nodes listed stop at this level (0: pillars, 1: areas…); the roll-ups still count every level. */
const depth = z
  .string({ error: DEPTH })
  .trim()
  .regex(/^\d{1,2}$/, DEPTH)
  .transform(Number)
  .refine((v) => v <= MAX_COVERAGE_DEPTH, DEPTH)
  .meta({
    description:
      'The deepest framework level `nodes` lists (0: pillars, 1: areas of cooperation, 2: action lines…); every level when absent. States and roll-ups still count the levels below.',
  });

/**
 * Parameters of `GET /api/v1/plans/{id or slug}/coverage`: the coverage query, plus what the
 * answer carries. By default it is lean: no per-node ids (`include=ids` adds them) and the first
 * partners only (`partners=all` lists every one). A chart may ask for less still: the levels of
 * nodes it shows (`depth`) and the breakdowns it draws (`breakdowns`). Shared by the API, the web
 * UI and the CLI.
 */
export const coverageApiQuerySchema = coverageQuerySchema.safeExtend({
  include: listOf(z.enum(COVERAGE_INCLUDES, { error: `Use one of: ${COVERAGE_INCLUDES.join(', ')}.` }))
    .optional()
    .meta({
      description: `What to add to the lean answer, comma-separated or repeated, among: ${COVERAGE_INCLUDES.join(', ')}. \`ids\`: every node's activity ids and partner organisation ids, and the plan's partner ids.`,
    }),
  partners: partnerLimit.default(DEFAULT_PARTNER_LIMIT),
  breakdowns: breakdownList.optional(),
  depth: depth.optional(),
});

export type CoverageApiQuery = z.infer<typeof coverageApiQuerySchema>;
export type CoverageApiQueryInput = z.input<typeof coverageApiQuerySchema>;
