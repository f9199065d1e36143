import { z } from 'zod';
import { isPartialDate } from '../partial-date';
import { ORGANISATION_TYPES } from '../vocab';
import { localizedText, optionalText, optionalUrl, requiredLocalizedText } from './fields';

/** One organisation as officers write it (POST/PUT /api/v1/organisations and the workspace form). */
export const organisationInputSchema = z
  .object({
    name: requiredLocalizedText(300, 'Give the name in English, French or both.'),
    acronym: optionalText(50),
    type: z.enum(ORGANISATION_TYPES, { error: `Choose a type: ${ORGANISATION_TYPES.join(', ')}.` }),
    country: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, 'Use a two-letter ISO country code such as CA or ID, or leave it empty.')
      .nullish()
      .or(z.literal('').transform(() => null))
      .transform((v) => v ?? null),
    iatiIdentifier: optionalText(150),
    website: optionalUrl,
    description: localizedText(5000),
    formerNames: z
      .array(
        z
          .object({
            name: z.string().trim().min(1, 'Give the former name.').max(300),
            acronym: optionalText(50),
            until: optionalText(10).refine((v) => v === null || isPartialDate(v), 'Use YYYY, YYYY-MM or YYYY-MM-DD.'),
            note: optionalText(500),
          })
          .strict(),
      )
      .max(20)
      .default([]),
  })
  .strict();

export type OrganisationInput = z.output<typeof organisationInputSchema>;

export const organisationMergeSchema = z
  .object({ into: z.string().trim().min(1, 'Choose the organisation to keep.').max(100) })
  .strict();
