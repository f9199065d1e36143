import type { Language } from './vocab';

/** Text carried in each official language; a missing language is absent or null. */
export interface LocalizedText {
  en: string | null;
  fr: string | null;
}

export interface Resolved {
  text: string;
  /** The language the text is actually in (differs from the wanted one on fallback). */
  lang: Language;
  fallback: boolean;
}

/** Picks the wanted language, falling back to the other one and saying so. */
export function resolveText(value: LocalizedText | null | undefined, want: Language): Resolved | null {
  if (!value) return null;
  const other: Language = want === 'en' ? 'fr' : 'en';
  const first = value[want];
  if (first) return { text: first, lang: want, fallback: false };
  const second = value[other];
  if (second) return { text: second, lang: other, fallback: true };
  return null;
}
