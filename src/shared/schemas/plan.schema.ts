import { z } from 'zod';
import { partialDateSchema } from '../partial-date';
import { PLAN_STATUSES, SIDES } from '../vocab';

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Keep it under ${max} characters.`)
    .transform((v) => (v === '' ? null : v))
    .nullish()
    .transform((v) => v ?? null);
const localized = (max: number) =>
  z
    .object({ en: optionalText(max), fr: optionalText(max) })
    .strict()
    .default({ en: null, fr: null });
const requiredLocalized = (max: number) =>
  z
    .object({ en: optionalText(max), fr: optionalText(max) })
    .strict()
    .refine((t) => t.en !== null || t.fr !== null, { message: 'Give it in English, French or both.', path: ['en'] });
const year = z.number({ error: 'Give a year such as 2021.' }).int().min(1950, 'Give a year from 1950 on.').max(2200);

/** A framework node (pillar, area, action line…) as an admin writes it. */
export const frameworkNodeInputSchema = z
  .object({
    parentId: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .nullish()
      .transform((v) => v ?? null),
    code: z
      .string()
      .trim()
      .regex(/^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$/, 'Use a dotted code such as 1, 1.2 or 1.2.3.')
      .max(30),
    kind: z
      .string()
      .trim()
      .regex(/^[a-z_]{2,30}$/, 'Use a lower-case word such as pillar, area or action_line.'),
    title: requiredLocalized(500),
    description: localized(5000),
    /** 0-based place among its siblings; at the end when left out. */
    position: z
      .number()
      .int()
      .min(0)
      .max(10000)
      .nullish()
      .transform((v) => v ?? null),
  })
  .strict();
export type FrameworkNodeInput = z.output<typeof frameworkNodeInputSchema>;

/** A plan's own fields as an admin writes them. */
export const planInputSchema = z
  .object({
    title: requiredLocalized(500),
    shortTitle: localized(200),
    summary: localized(2000),
    description: localized(20000),
    status: z.enum(PLAN_STATUSES, { error: `Choose a status: ${PLAN_STATUSES.join(', ')}.` }),
    periodStart: year,
    periodEnd: year,
    periodNote: optionalText(2000),
    adoptedOn: partialDateSchema.nullish().transform((v) => v ?? null),
    adoptedAt: localized(500),
    fullTextUrl: z
      .url({ protocol: /^https?$/, error: 'Give a web address starting with http:// or https://.' })
      .nullish()
      .transform((v) => v ?? null),
    signoffSides: z
      .array(z.enum(SIDES, { error: `Use sides from: ${SIDES.join(', ')}.` }))
      .max(SIDES.length)
      .default([]),
  })
  .strict()
  // Runs even when other fields are wrong, so that every problem is reported at once.
  .refine((p) => typeof p.periodEnd !== 'number' || typeof p.periodStart !== 'number' || p.periodEnd >= p.periodStart, {
    message: 'The period must not end before it starts.',
    path: ['periodEnd'],
    when: () => true,
  });
export type PlanInput = z.output<typeof planInputSchema>;
