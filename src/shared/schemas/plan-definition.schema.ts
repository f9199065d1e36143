import { z } from 'zod';

export const PLAN_DEFINITION_FORMATS = ['yaml', 'csv', 'xlsx'] as const;

/** `GET /api/v1/plans/{idOrSlug}/definition`: the plan and its framework as a file (docs/plans.md). */
export const planDefinitionQuerySchema = z
  .object({
    format: z
      .enum(PLAN_DEFINITION_FORMATS, { error: `Use one of: ${PLAN_DEFINITION_FORMATS.join(', ')}.` })
      .default('yaml'),
  })
  .strict();
