import type { Language } from '../../shared/vocab';
import type { LocalizedText } from '../../shared/localized';
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
  /**
   * How amounts name their currency: `code` puts the ISO code first ("CAD 3,000,000");
   * `symbol` follows the locale ("3 000 000 $ CA", "1 250,50 $ US").
   */
  currencyDisplay: 'code' | 'symbol';
  /** Loads the catalogue; missing keys fall back to English. */
  load: () => Promise<Partial<Messages>>;
}

/**
 * The interface languages, Canada's two official languages. To add one: put its catalogue next
 * to en.json and add an entry here; the catalogue tests then check it against en.json.
 */
export const LANGUAGES: Partial<Record<Language, UiLanguage>> = {
  en: {
    code: 'en',
    nativeName: 'English',
    intlLocale: 'en-GB',
    currencyDisplay: 'code',
    load: () => Promise.resolve(en),
  },
  fr: {
    code: 'fr',
    nativeName: 'Français',
    intlLocale: 'fr-CA',
    currencyDisplay: 'symbol',
    load: () => import('./messages/fr.json').then((m) => m.default),
  },
};

export const DEFAULT_LANGUAGE: Language = 'en';

export const UI_LANGUAGES: UiLanguage[] = Object.values(LANGUAGES).filter((l): l is UiLanguage => l !== undefined);

export function uiLanguage(code: string | undefined): UiLanguage | undefined {
  return UI_LANGUAGES.find((l) => l.code === code);
}

/** The interface language whose Intl locale this is (e.g. the locale of an IntlShape). */
export function uiLanguageForLocale(locale: string): UiLanguage | undefined {
  return UI_LANGUAGES.find((l) => l.intlLocale === locale);
}

/** The interface language a language tag asks for ("fr-CA" → French), if it is one. */
export function uiLanguageForTag(tag: string): UiLanguage | undefined {
  return uiLanguage(tag.split('-')[0]?.toLowerCase());
}

/**
 * The first interface language in the browser's preference list (navigator.languages), or
 * English when the list names neither official language.
 */
export function preferredLanguage(accepted: readonly string[]): Language {
  for (const tag of accepted) {
    const found = uiLanguageForTag(tag);
    if (found) return found.code;
  }
  return DEFAULT_LANGUAGE;
}

export const englishMessages: Messages = en;

const settled = new Map<Language, Messages>([['en', en]]);
const pending = new Map<Language, Promise<Messages>>();

/** The catalogue for a language if it has been loaded already (English always has). */
export function loadedMessages(lang: UiLanguage): Messages | undefined {
  return settled.get(lang.code);
}

/**
 * The catalogue for a language, completed with English for keys it does not have yet. Loaded
 * once; the language toggle starts loading it as soon as it is pointed at or focused.
 */
export function loadMessages(lang: UiLanguage): Promise<Messages> {
  const done = settled.get(lang.code);
  if (done) return Promise.resolve(done);
  let loading = pending.get(lang.code);
  if (!loading) {
    loading = lang.load().then(
      (own) => {
        const messages: Messages = { ...en, ...own };
        settled.set(lang.code, messages);
        return messages;
      },
      (err: unknown) => {
        pending.delete(lang.code);
        throw err;
      },
    );
    pending.set(lang.code, loading);
  }
  return loading;
}

/**
 * Free-text notes that the records keep in English only (research notes, rationales). Shown
 * through <Localized>, they carry lang="en" and the "(in English)" note in other languages.
 */
export function englishOnly(text: string): LocalizedText {
  return { en: text, fr: null };
}
