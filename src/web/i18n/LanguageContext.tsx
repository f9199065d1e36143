import { createContext, useContext } from 'react';
import type { Language } from '../../shared/vocab';
import { LANGUAGES, type UiLanguage } from './index';

const fallback = LANGUAGES.en as UiLanguage;

export const LanguageContext = createContext<UiLanguage>(fallback);

/** The interface language taken from the URL prefix. */
export function useUiLanguage(): UiLanguage {
  return useContext(LanguageContext);
}

export function useLang(): Language {
  return useContext(LanguageContext).code;
}
