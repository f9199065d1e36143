import { z } from 'zod';
import { partialDateSchema } from '../partial-date';

/** Field schemas shared by the input schemas: same rules and the same messages everywhere. */

/** Why text with a NUL character is refused: PostgreSQL's text cannot hold it, so neither database is given it. */
export const NUL_REASON = 'Remove the NUL character (U+0000): text cannot hold it.';

export const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Keep it under ${max} characters.`)
    .refine((v) => !v.includes('\u0000'), NUL_REASON);

/** Optional text: empty means absent, and absent is stored as null. */
export const optionalText = (max: number) =>
  text(max)
    .transform((v) => (v === '' ? null : v))
    .nullish()
    .transform((v) => v ?? null);

/** Text in each official language, either or both optional. */
export const localizedText = (max: number) =>
  z
    .object({ en: optionalText(max), fr: optionalText(max) })
    .strict()
    .default({ en: null, fr: null });

/** Text in each official language, at least one given. */
export const requiredLocalizedText = (max: number, message: string) =>
  z
    .object({ en: optionalText(max), fr: optionalText(max) })
    .strict()
    .refine((t) => t.en !== null || t.fr !== null, { message, path: ['en'] });

export const optionalPartialDate = partialDateSchema.nullish().transform((v) => v ?? null);

/** An optional http(s) address; empty means absent. */
export const optionalUrl = z
  .url({ protocol: /^https?$/, error: 'Give a web address starting with http:// or https://.' })
  .nullish()
  .or(z.literal('').transform(() => null))
  .transform((v) => v ?? null);

/** A true/false query parameter (or JSON boolean). */
export const booleanParam = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')], {
  error: 'Use true or false.',
});

/**
 * For a refinement that checks several fields together: run it even when some fields are wrong, so that every problem
 * is reported at once, but only on an object (a body of `null` or `[]` is reported as such, not crashed on).
 */
export const evenWhenFieldsAreWrong = {
  when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null,
};
