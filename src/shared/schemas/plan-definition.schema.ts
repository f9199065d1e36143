import { z } from 'zod';
import { PLAN_STATUSES } from '../vocab';
import { booleanParam } from './fields';

export const PLAN_DEFINITION_FORMATS = ['yaml', 'csv', 'xlsx'] as const;
export type PlanDefinitionFormat = (typeof PLAN_DEFINITION_FORMATS)[number];

/** `GET /api/v1/plans/{idOrSlug}/definition`: the plan and its framework as a file (docs/plans.md). */
export const planDefinitionQuerySchema = z
  .object({
    format: z
      .enum(PLAN_DEFINITION_FORMATS, { error: `Use one of: ${PLAN_DEFINITION_FORMATS.join(', ')}.` })
      .default('yaml'),
  })
  .strict();

/** The largest plan definition file a load takes (bytes): a framework of thousands of nodes is far smaller. */
export const MAX_PLAN_FILE_BYTES = 5 * 1024 * 1024;

const detailText = (max: number) =>
  z.string().trim().min(1, 'Leave it out or give a text.').max(max, `Use at most ${max} characters.`).optional();
const detailYear = z.coerce
  .number({ error: 'Give a year such as 2021.' })
  .int('Give a year such as 2021.')
  .min(1950, 'Give a year from 1950 on.')
  .max(2200, 'Give a year up to 2200.')
  .optional();

/**
 * The plan's details given beside the file: a CSV file holds the framework only, so its plan needs at least `slug`,
 * a title and the period from here; for YAML and XLSX, a detail given here replaces the file's (a new `slug` loads
 * a plan a second time). See docs/plans.md, "Loading a plan".
 */
export const planLoadDetailsSchema = z.object({
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'Use lower-case letters, digits and hyphens, e.g. asean-canada-2026-2030.')
    .max(100, 'Use at most 100 characters.')
    .optional(),
  titleEn: detailText(500),
  titleFr: detailText(500),
  shortTitleEn: detailText(200),
  shortTitleFr: detailText(200),
  periodStart: detailYear,
  periodEnd: detailYear,
  status: z.enum(PLAN_STATUSES, { error: `Use one of: ${PLAN_STATUSES.join(', ')}.` }).optional(),
});
export type PlanLoadDetails = z.infer<typeof planLoadDetailsSchema>;

/**
 * `POST /api/v1/plan-definitions?partnership=…&format=…&dryRun=…` (the file is the request body), the workspace's
 * plan loader and the CLI's `plan load`: a new plan and its framework from a YAML, CSV or XLSX file.
 */
export const planLoadQuerySchema = planLoadDetailsSchema
  .extend({
    partnership: z
      .string({ error: 'Name the partnership the plan belongs to by its slug, e.g. partnership=asean-canada.' })
      .trim()
      .min(1, 'Name the partnership the plan belongs to by its slug, e.g. partnership=asean-canada.')
      .max(100, 'Use at most 100 characters.'),
    format: z.enum(PLAN_DEFINITION_FORMATS, { error: `Use one of: ${PLAN_DEFINITION_FORMATS.join(', ')}.` }),
    dryRun: booleanParam.default(false),
    fileName: z.string().trim().min(1).max(255, 'Use a file name of at most 255 characters.').optional(),
  })
  .strict();
export type PlanLoadQuery = z.output<typeof planLoadQuerySchema>;
