import { z } from 'zod';
import { partialDateSchema } from '../../shared/partial-date';
import {
  cadPerUnitSchema,
  RATE_YEAR_MAX,
  RATE_YEAR_MIN,
  rateCurrencySchema,
  rateSourceSchema,
  rateYearSchema,
} from '../../shared/schemas/exchange-rate.schema';
import {
  ACTIVITY_STATUSES,
  ACTIVITY_TYPES,
  CONFIDENCE_LEVELS,
  COUNTRY_CODES,
  FUNDING_TYPES,
  ISO_COUNTRY,
  NODE_STATUSES,
  ORGANISATION_TYPES,
  PARTICIPANT_ROLES,
  PLAN_STATUSES,
  SIDES,
} from '../../shared/vocab';

/**
 * The format of the seed data files under `seed/<partnership>/`. Every record has a `key`,
 * unique within its file, from which a stable id is derived: the same seed gives the same
 * ids on every installation, and re-seeding recognises what it already applied.
 */

const key = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'Use lower-case letters, digits and hyphens for keys.');
const localized = z
  .object({ en: z.string().trim().min(1).optional(), fr: z.string().trim().min(1).optional() })
  .strict()
  .refine((v) => v.en !== undefined || v.fr !== undefined, 'Give the text in English, French or both.');
const optionalLocalized = localized.optional();
const url = z.url({ protocol: /^https?$/ });

export const seedSourceSchema = z
  .object({
    url: url.optional(),
    title: z.string().trim().min(1),
    publisher: z.string().trim().min(1).optional(),
    publishedOn: partialDateSchema.optional(),
    confidence: z.enum(CONFIDENCE_LEVELS),
    note: z.string().trim().min(1).optional(),
  })
  .strict();

export interface SeedNode {
  code: string;
  kind: string;
  title: z.infer<typeof localized>;
  description?: z.infer<typeof localized> | undefined;
  status?: (typeof NODE_STATUSES)[number] | undefined;
  children?: SeedNode[] | undefined;
}

export const seedNodeSchema: z.ZodType<SeedNode> = z.lazy(() =>
  z
    .object({
      code: z.string().regex(/^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$/, 'Use dotted codes such as 1, 1.1 or 1.1.3.'),
      kind: z.string().regex(/^[a-z_]+$/),
      title: localized,
      description: optionalLocalized,
      status: z.enum(NODE_STATUSES).optional(),
      children: z.array(seedNodeSchema).optional(),
    })
    .strict(),
);

export const seedPlanSchema = z
  .object({
    key,
    slug: key,
    title: localized,
    shortTitle: localized,
    periodStart: z.number().int(),
    periodEnd: z.number().int(),
    periodNote: z.string().trim().min(1).optional(),
    adoptedOn: partialDateSchema.optional(),
    adoptedAt: optionalLocalized,
    status: z.enum(PLAN_STATUSES),
    summary: optionalLocalized,
    description: optionalLocalized,
    fullTextUrl: url.optional(),
    /** Sides whose reviewers must each approve an activity before it is published. */
    signoffSides: z.array(z.enum(SIDES)).optional(),
    documents: z
      .array(
        z
          .object({
            kind: z.string().regex(/^[a-z_]+$/),
            title: z.string().trim().min(1),
            url: url.optional(),
            publishedOn: partialDateSchema.optional(),
            confidence: z.enum(CONFIDENCE_LEVELS).optional(),
            note: z.string().trim().min(1).optional(),
          })
          .strict(),
      )
      .default([]),
    framework: z.array(seedNodeSchema).default([]),
  })
  .strict();

export const seedOrganisationSchema = z
  .object({
    key,
    name: localized,
    acronym: z.string().trim().min(1).optional(),
    type: z.enum(ORGANISATION_TYPES),
    country: z.string().regex(ISO_COUNTRY, 'Use an ISO 3166-1 alpha-2 code such as CA or ID.').optional(),
    iatiIdentifier: z.string().trim().min(1).optional(),
    website: url.optional(),
    description: optionalLocalized,
    formerNames: z
      .array(
        z
          .object({
            name: z.string().trim().min(1),
            acronym: z.string().trim().min(1).optional(),
            until: partialDateSchema.optional(),
            note: z.string().trim().min(1).optional(),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

/** Amounts are decimal strings in major units so that no float rounding creeps into the seed. */
const amount = z.string().regex(/^\d+(\.\d{1,2})?$/, 'Write the amount as digits with up to two decimals, e.g. "3000000".');

export const seedActivitySchema = z
  .object({
    key,
    iatiIdentifier: z.string().trim().min(1).optional(),
    title: localized,
    summary: optionalLocalized,
    description: optionalLocalized,
    type: z.enum(ACTIVITY_TYPES),
    status: z.enum(ACTIVITY_STATUSES),
    plannedStart: partialDateSchema.optional(),
    plannedEnd: partialDateSchema.optional(),
    actualStart: partialDateSchema.optional(),
    actualEnd: partialDateSchema.optional(),
    countries: z.array(z.enum(COUNTRY_CODES)).default([]),
    regional: z.boolean().default(false),
    participants: z
      .array(
        z
          .object({ organisation: key, role: z.enum(PARTICIPANT_ROLES), note: z.string().trim().min(1).optional() })
          .strict(),
      )
      .default([]),
    funding: z
      .array(
        z
          .object({
            amount,
            currency: z.string().regex(/^[A-Z]{3}$/, 'Use an ISO 4217 currency code such as CAD or USD.'),
            type: z.enum(FUNDING_TYPES),
            date: partialDateSchema.optional(),
            provider: key.optional(),
            recipient: key.optional(),
            note: z.string().trim().min(1).optional(),
          })
          .strict(),
      )
      .default([]),
    /** Links to framework nodes: the plan's key and the node's code. */
    links: z
      .array(
        z
          .object({
            plan: key,
            node: z.string().min(1),
            rationale: z.string().trim().min(1).optional(),
            confidence: z.enum(CONFIDENCE_LEVELS).optional(),
          })
          .strict(),
      )
      .default([]),
    sources: z.array(seedSourceSchema).default([]),
  })
  .strict();

/** One partnership's seed: `partnership.yaml`, `organisations.yaml`, `activities.yaml`. */
export const seedPartnershipFileSchema = z
  .object({
    partnership: z.object({ key, slug: key, name: localized, description: optionalLocalized }).strict(),
    plans: z.array(seedPlanSchema).min(1),
  })
  .strict();
export const seedOrganisationsFileSchema = z.object({ organisations: z.array(seedOrganisationSchema) }).strict();
export const seedActivitiesFileSchema = z.object({ activities: z.array(seedActivitySchema) }).strict();

export type SeedPlan = z.infer<typeof seedPlanSchema>;
export type SeedOrganisation = z.infer<typeof seedOrganisationSchema>;
export type SeedActivity = z.infer<typeof seedActivitySchema>;
export type SeedPartnershipFile = z.infer<typeof seedPartnershipFileSchema>;

/**
 * `seed/exchange-rates.yaml`: annual average rates, CAD per unit, in blocks of one currency that
 * share a source and note (`rates` maps each year to its decimal rate). A currency may have several
 * blocks, one per source; each (currency, year) appears once across them.
 */
const rateYearKey = z
  .string()
  .regex(/^\d{4}$/, 'Use four-digit years as keys, such as 2024.')
  .refine((y) => rateYearSchema.safeParse(Number(y)).success, {
    message: `Give a year from ${RATE_YEAR_MIN} to ${RATE_YEAR_MAX}, such as 2024.`,
  });

export const seedExchangeRateBlockSchema = z
  .object({
    currency: rateCurrencySchema,
    source: rateSourceSchema,
    note: z.string().trim().min(1).optional(),
    rates: z
      .record(rateYearKey, cadPerUnitSchema, {
        // Name the key's own problem rather than "Invalid key in record".
        error: (issue) => (issue.code === 'invalid_key' ? issue.issues[0]?.message : undefined),
      })
      .refine((r) => Object.keys(r).length > 0, 'Give at least one year.'),
  })
  .strict();
export const seedExchangeRatesFileSchema = z.object({ exchangeRates: z.array(seedExchangeRateBlockSchema) }).strict();

export type SeedExchangeRateBlock = z.infer<typeof seedExchangeRateBlockSchema>;
