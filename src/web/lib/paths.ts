import { useMemo } from 'react';
import { acceptLinkPath } from '../../shared/links';
import type { Language } from '../../shared/vocab';
import { queryString, type QueryValue } from '../api/client';
import { useLang } from '../i18n/LanguageContext';

const seg = encodeURIComponent;

/** Every page URL carries the language prefix. */
export function pathsFor(lang: Language) {
  return {
    home: () => `/${lang}/`,
    /** The home page showing one partnership's plans (when the instance holds several). */
    partnership: (slug: string) => `/${lang}/${queryString({ partnership: slug })}`,
    plan: (slug: string) => `/${lang}/plans/${seg(slug)}`,
    dashboard: (slug: string, params: Record<string, QueryValue> = {}) =>
      `/${lang}/plans/${seg(slug)}/dashboard${queryString(params)}`,
    snapshots: (slug: string, params: Record<string, QueryValue> = {}) =>
      `/${lang}/plans/${seg(slug)}/snapshots${queryString(params)}`,
    /** Two successive plans side by side, the earlier first; `show` keeps the change filter. */
    planComparison: (from: string, to: string, params: Record<string, QueryValue> = {}) =>
      `/${lang}/plans/${seg(from)}/compare/${seg(to)}${queryString(params)}`,
    /** The officers' crosswalk editor from one plan to its successor. */
    crosswalkEditor: (from: string, to: string) => `/${lang}/workspace/plans/${seg(from)}/crosswalk/${seg(to)}`,
    node: (id: string) => `/${lang}/framework/${seg(id)}`,
    activities: (params: Record<string, QueryValue> = {}) => `/${lang}/activities${queryString(params)}`,
    activity: (id: string) => `/${lang}/activities/${seg(id)}`,
    organisations: (params: Record<string, QueryValue> = {}) => `/${lang}/organisations${queryString(params)}`,
    organisation: (id: string) => `/${lang}/organisations/${seg(id)}`,
    signIn: (next?: string) => `/${lang}/sign-in${queryString({ next })}`,
    account: () => `/${lang}/account`,
    acceptLink: (token: string) => acceptLinkPath(lang, token),
    workspace: () => `/${lang}/workspace`,
    newActivity: () => `/${lang}/workspace/activities/new`,
    editActivity: (id: string) => `/${lang}/workspace/activities/${seg(id)}/edit`,
    workspaceOrganisations: () => `/${lang}/workspace/organisations`,
    newOrganisation: () => `/${lang}/workspace/organisations/new`,
    editOrganisation: (id: string) => `/${lang}/workspace/organisations/${seg(id)}/edit`,
    users: () => `/${lang}/workspace/users`,
    editUser: (id: string) => `/${lang}/workspace/users/${seg(id)}`,
    trash: () => `/${lang}/workspace/trash`,
    imports: () => `/${lang}/workspace/imports`,
    importReport: (id: string) => `/${lang}/workspace/imports/${seg(id)}`,
    frameworkEditor: (slug?: string) => `/${lang}/workspace/plans${slug ? `/${seg(slug)}` : ''}`,
    /** Load a new plan from a plan definition file. */
    planLoad: () => `/${lang}/workspace/plans/load`,
    planDetails: (slug: string) => `/${lang}/workspace/plans/${seg(slug)}/details`,
    exchangeRates: () => `/${lang}/exchange-rates`,
    search: (params: Record<string, QueryValue> = {}) => `/${lang}/search${queryString(params)}`,
    newExchangeRate: () => `/${lang}/workspace/exchange-rates/new`,
    editExchangeRate: (currency: string, year: number) => `/${lang}/workspace/exchange-rates/${seg(currency)}/${year}`,
  };
}

export type Paths = ReturnType<typeof pathsFor>;

/**
 * The same page in another language: the language prefix swapped, the rest of the path, the
 * search parameters (filters) and the hash kept as they are.
 */
export function pathInLanguage(location: { pathname: string; search: string; hash: string }, lang: Language): string {
  const rest = location.pathname.replace(/^\/[^/]*/, '');
  return `/${lang}${rest || '/'}${location.search}${location.hash}`;
}

export function usePaths(): Paths {
  const lang = useLang();
  return useMemo(() => pathsFor(lang), [lang]);
}
