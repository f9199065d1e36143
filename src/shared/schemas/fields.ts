import { z } from 'zod';
import { partialDateSchema } from '../partial-date';

/** Field schemas shared by the input schemas: same rules and the same messages everywhere. */

export const text = (max: number) => z.string().trim().max(max, `Keep it under ${max} characters.`);

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
