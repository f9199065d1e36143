import { z } from 'zod';
import { PLAN_STATUSES, SIDES } from '../vocab';
import {
  evenWhenFieldsAreWrong,
  localizedText,
  optionalPartialDate,
  optionalText,
  optionalUrl,
  requiredLocalizedText,
} from './fields';

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
    title: requiredLocalizedText(500, 'Give it in English, French or both.'),
    description: localizedText(5000),
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
    title: requiredLocalizedText(500, 'Give it in English, French or both.'),
    shortTitle: localizedText(200),
    summary: localizedText(2000),
    description: localizedText(20000),
    status: z.enum(PLAN_STATUSES, { error: `Choose a status: ${PLAN_STATUSES.join(', ')}.` }),
    periodStart: year,
    periodEnd: year,
    periodNote: optionalText(2000),
    adoptedOn: optionalPartialDate,
    adoptedAt: localizedText(500),
    fullTextUrl: optionalUrl,
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
    ...evenWhenFieldsAreWrong,
  });
export type PlanInput = z.output<typeof planInputSchema>;

/** `GET /api/v1/plans`: every plan, or one partnership's. */
export const planListQuerySchema = z
  .object({
    partnership: z
      .string()
      .trim()
      .regex(
        /^[a-z0-9][a-z0-9-]*$/,
        'Give a partnership slug such as asean-canada (GET /api/v1/partnerships lists them).',
      )
      .max(100)
      .optional(),
  })
  .strict();
export type PlanListQuery = z.output<typeof planListQuerySchema>;
