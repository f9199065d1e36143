import type { Language } from '../../shared/vocab';
import en from './messages/en.json';

/** Every message id of the interface; en.json is the reference catalogue. */
export type MessageId = keyof typeof en;
export type Messages = Record<MessageId, string>;

export interface UiLanguage {
  code: Language;
  /** Name of the language in itself, for the language toggle. */
  nativeName: string;
  /** Locale handed to Intl for numbers, dates and plural rules. */
  intlLocale: string;
  /** Loads the catalogue; missing keys fall back to English. */
  load: () => Promise<Partial<Messages>>;
}

/**
 * The interface languages. To add one: put its catalogue next to en.json and add an entry
 * here, e.g. `fr: { code: 'fr', nativeName: 'Français', intlLocale: 'fr-CA', load: () => import('./messages/fr.json').then((m) => m.default) }`.
 */
export const LANGUAGES: Partial<Record<Language, UiLanguage>> = {
  en: { code: 'en', nativeName: 'English', intlLocale: 'en-GB', load: () => Promise.resolve(en) },
};

export const DEFAULT_LANGUAGE: Language = 'en';

export const UI_LANGUAGES: UiLanguage[] = Object.values(LANGUAGES).filter((l): l is UiLanguage => l !== undefined);

export function uiLanguage(code: string | undefined): UiLanguage | undefined {
  return UI_LANGUAGES.find((l) => l.code === code);
}

export const englishMessages: Messages = en;

/** The catalogue for a language, completed with English for keys it does not have yet. */
export async function loadMessages(lang: UiLanguage): Promise<Messages> {
  if (lang.code === 'en') return en;
  const own = await lang.load();
  return { ...en, ...own };
}
