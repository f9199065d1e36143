import type { Browser, BrowserContext, Page } from 'playwright-core';
import type {
  ActivityDetail,
  ActivitySummary,
  OrganisationSummary,
  Page as ApiPage,
  PlanDetail,
  PlanSummary,
} from '../../src/shared/api-types';
import type { TestServer } from '../../test/support/server';

/**
 * The portal's screens, in one place: every browser check that walks "every page type" (axe,
 * structure, widths, text size, print) takes its list from here. A new screen (e.g. a signed-in
 * one) is added to SCREENS and is then covered by all of them.
 */

/** Interface languages the tests try; one the app does not serve yet is skipped. */
export const LANGUAGES = ['en', 'fr'] as const;
export type Lang = (typeof LANGUAGES)[number];

/** Records of the seeded database the screens show, looked up through the public API. */
export interface SeedRefs {
  /** The plan the home page shows (the first one). */
  homePlanSlug: string;
  /** Another plan, shown on its own page. */
  otherPlanSlug: string;
  /** A pillar (a root node with areas below it). */
  pillarId: string;
  /** An area under that pillar that has activities. */
  areaId: string;
  /** An activity with funding lines and sources that have web addresses. */
  activityId: string;
  /** An organisation with activities. */
  organisationId: string;
}

export interface Screen {
  /** Short, file-safe name, used in test names and screenshot file names. */
  name: string;
  /** Runs before the screen is opened, e.g. to sign in for a screen behind a session. */
  prepare?: (page: Page, baseUrl: string, lang: Lang) => Promise<void>;
  /** The address after the language prefix, e.g. `/activities?status=completed`. */
  path: (refs: SeedRefs) => string;
  /** Waits until the screen's content has loaded (beyond the h1). */
  ready?: (page: Page) => Promise<void>;
}

/** The activity list's form has its drop-downs filled once the plans and organisations have loaded. */
async function filterOptionsLoaded(page: Page): Promise<void> {
  await page.waitForFunction(
    () => (document.querySelector('#filter-plan')?.querySelectorAll('option').length ?? 0) > 1,
  );
}

export const SCREENS: readonly Screen[] = [
  { name: 'home', path: () => '/' },
  { name: 'plan', path: (r) => `/plans/${r.otherPlanSlug}` },
  { name: 'pillar', path: (r) => `/framework/${r.pillarId}` },
  { name: 'area', path: (r) => `/framework/${r.areaId}` },
  { name: 'activities', path: () => '/activities', ready: filterOptionsLoaded },
  {
    name: 'activities-filtered',
    path: () => '/activities?status=completed,ongoing&type=project,in_kind&yearFrom=2010&q=ASEAN',
    ready: filterOptionsLoaded,
  },
  {
    name: 'activities-error',
    path: () => '/activities?country=XX&yearFrom=20x0',
    ready: async (page) => {
      await page.locator('.error-summary').waitFor();
      await filterOptionsLoaded(page);
    },
  },
  { name: 'activity', path: (r) => `/activities/${r.activityId}` },
  { name: 'organisations', path: () => '/organisations' },
  { name: 'organisation', path: (r) => `/organisations/${r.organisationId}` },
  { name: 'not-found', path: () => '/no-such-page' },
];

export function screenNamed(name: string): Screen {
  const screen = SCREENS.find((s) => s.name === name);
  if (!screen) throw new Error(`No screen named ${name}`);
  return screen;
}

export function screenUrl(baseUrl: string, lang: Lang, screen: Screen, refs: SeedRefs): string {
  return `${baseUrl}/${lang}${screen.path(refs)}`;
}

/** Waits for the h1 and for every loading placeholder and busy region to finish. */
export async function settle(page: Page, screen?: Screen): Promise<void> {
  await page.locator('h1').first().waitFor();
  await page.waitForFunction(() => document.querySelector('.loading, [aria-busy="true"]') === null);
  await screen?.ready?.(page);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

export async function openScreen(page: Page, baseUrl: string, lang: Lang, screen: Screen, refs: SeedRefs) {
  await screen.prepare?.(page, baseUrl, lang);
  await page.goto(screenUrl(baseUrl, lang, screen, refs));
  await settle(page, screen);
}

async function getJson<T>(server: TestServer, path: string): Promise<T> {
  const res = await server.get<T>(path);
  if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}`);
  return res.body;
}

export async function findSeedRefs(server: TestServer): Promise<SeedRefs> {
  const plans = (await getJson<{ items: PlanSummary[] }>(server, '/api/v1/plans')).items;
  const home = plans[0];
  const other = plans[plans.length - 1];
  if (!home || !other || home === other) throw new Error('The seed should hold at least two plans.');
  const plan = await getJson<PlanDetail>(server, `/api/v1/plans/${home.slug}`);
  const pillar = plan.framework.find((p) => p.children.some((c) => c.activityCount > 0));
  const area = pillar?.children.find((c) => c.activityCount > 0);
  if (!pillar || !area) throw new Error('The home plan should have a pillar with an area that has activities.');

  const activities = await getJson<ApiPage<ActivitySummary>>(server, '/api/v1/activities?pageSize=100&sort=start');
  let activityId: string | undefined;
  for (const summary of activities.items.filter((a) => a.funding.length > 0)) {
    const detail = await getJson<ActivityDetail>(server, `/api/v1/activities/${summary.id}`);
    if (detail.funding.length > 0 && detail.sources.some((s) => s.url?.startsWith('http'))) {
      activityId = detail.id;
      break;
    }
  }
  if (!activityId) throw new Error('The seed should hold an activity with funding and sources.');

  const organisations = await getJson<ApiPage<OrganisationSummary>>(server, '/api/v1/organisations?pageSize=200');
  const organisation = [...organisations.items].sort((a, b) => b.activityCount - a.activityCount)[0];
  if (!organisation) throw new Error('The seed should hold organisations.');

  return {
    homePlanSlug: home.slug,
    otherPlanSlug: other.slug,
    pillarId: pillar.id,
    areaId: area.id,
    activityId,
    organisationId: organisation.id,
  };
}

/** Waits fail after this long: every screen loads from a local server in well under a second. */
export const WAIT_MS = 10_000;

/** A fresh browser context (one viewport) in the language's locale. */
export async function newContextFor(
  browser: Browser,
  lang: Lang,
  viewport: { width: number; height: number },
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, locale: `${lang}-CA` });
  context.setDefaultTimeout(WAIT_MS);
  return context;
}

/**
 * Whether the app serves `lang`: an unsupported language redirects to /en/, so the page's
 * `lang` attribute and address tell.
 */
export async function servesLanguage(browser: Browser, baseUrl: string, lang: Lang): Promise<boolean> {
  const context = await browser.newContext();
  context.setDefaultTimeout(WAIT_MS);
  try {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/${lang}/`);
    await page.locator('h1').first().waitFor();
    return await page.evaluate(
      (l) => document.documentElement.lang === l && window.location.pathname.startsWith(`/${l}/`),
      lang,
    );
  } finally {
    await context.close();
  }
}

/** Languages served, checked once per file. */
export function languageGate(browser: () => Browser, baseUrl: () => string) {
  const known = new Map<Lang, Promise<boolean>>();
  return (lang: Lang): Promise<boolean> => {
    let answer = known.get(lang);
    if (!answer) {
      answer = servesLanguage(browser(), baseUrl(), lang);
      known.set(lang, answer);
    }
    return answer;
  };
}

export const SKIP_LANGUAGE = (lang: Lang) =>
  lang === 'fr' ? 'French not available yet' : `Language ${lang} not available yet`;
