import type { LocalizedText } from '../../shared/localized';

/** Builds the API's localized text from a row's `<name>_en` / `<name>_fr` columns. */
export function loc(en: string | null | undefined, fr: string | null | undefined): LocalizedText {
  return { en: en ?? null, fr: fr ?? null };
}
