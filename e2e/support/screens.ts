import type { Browser, BrowserContext, Page } from 'playwright-core';
import type {
  ActivityDetail,
  ActivitySummary,
  OrganisationSummary,
  Page as ApiPage,
  PlanDetail,
  PlanSummary,
} from '../../src/shared/api-types';
import type { Client } from '../../test/support/client';
import { signedIn, TEST_PASSWORD } from '../../test/support/client';
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
  /** An activity with every IATI detail: sectors, other recipients, results with indicators, texts in other languages. */
  detailedActivityId: string;
  /** The staff account signed-in screens use (an admin, so that every workspace page opens). */
  staff: { email: string; password: string; id: string };
}

export interface Screen {
  /** Short, file-safe name, used in test names and screenshot file names. */
  name: string;
  /** Who looks at the screen: a visitor (the default) or the signed-in staff account. */
  session?: 'visitor' | 'staff';
  /** The address after the language prefix, e.g. `/activities?status=completed`. */
  path: (refs: SeedRefs) => string;
  /** Waits until the screen's content has loaded (beyond the h1). */
  ready?: (page: Page) => Promise<void>;
  /** Brings the loaded screen to the state it shows, as a person would (e.g. submits a form to show its errors). */
  act?: (page: Page) => Promise<void>;
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
  ...['', '?from=2011&to=2013&country=ID,TH&currency=USD&map=commitment'].map((query): Screen => ({
    name: query ? 'dashboard-filtered' : 'dashboard',
    path: (r) => `/plans/${r.homePlanSlug}/dashboard${query}`,
    ready: async (page) => {
      await page.waitForFunction(
        () => document.querySelectorAll('[data-chart="map"] path[data-country]').length === 11,
      );
    },
  })),
  { name: 'pillar', path: (r) => `/framework/${r.pillarId}` },
  { name: 'area', path: (r) => `/framework/${r.areaId}` },
  { name: 'activities', path: () => '/activities', ready: filterOptionsLoaded },
  {
    name: 'activities-filtered',
    path: () => '/activities?status=completed,ongoing&type=project,in_kind&yearFrom=2010&q=ASEAN',
    ready: filterOptionsLoaded,
    // With the download panel's column picker open.
    act: async (page) => {
      await page.locator('.downloads__columns > summary').click();
      await page.locator('#download-column-id').waitFor();
    },
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
  { name: 'exchange-rates', path: () => '/exchange-rates' },
  // Hits of every kind with marked matches and facets; then a facet value that leaves nothing.
  { name: 'search', path: () => '/search?q=human%20rights', ready: searchAnswered },
  { name: 'search-empty', path: () => '/search?q=human%20rights&year=1990', ready: searchAnswered },
  {
    name: 'snapshots',
    path: (r) => `/plans/${r.homePlanSlug}/snapshots`,
    ready: comparisonShown,
  },
  {
    name: 'plan-comparison',
    path: () => '/plans/asean-canada-2010-2015/compare/asean-canada-2016-2020',
    ready: planComparisonShown,
  },
  { name: 'not-found', path: () => '/no-such-page' },
  { name: 'sign-in', path: () => '/sign-in' },
  { name: 'sign-in-errors', path: () => '/sign-in', act: submitEmptyForm },
  { name: 'accept-link', path: () => '/account/accept#token=not-a-real-token' },
  // Signed in from here on: a browser context signs in once, at the first of these.
  { name: 'workspace', session: 'staff', path: () => '/workspace', ready: workspaceTablesLoaded },
  { name: 'activity-staff', session: 'staff', path: (r) => `/activities/${r.activityId}`, ready: staffPanelLoaded },
  { name: 'activity-new', session: 'staff', path: () => '/workspace/activities/new' },
  { name: 'activity-new-errors', session: 'staff', path: () => '/workspace/activities/new', act: submitEmptyForm },
  { name: 'activity-edit', session: 'staff', path: (r) => `/workspace/activities/${r.activityId}/edit` },
  {
    name: 'activity-details',
    session: 'staff',
    path: (r) => `/activities/${r.detailedActivityId}`,
    ready: staffPanelLoaded,
  },
  {
    name: 'activity-details-edit',
    session: 'staff',
    path: (r) => `/workspace/activities/${r.detailedActivityId}/edit`,
  },
  {
    name: 'activity-details-edit-errors',
    session: 'staff',
    path: (r) => `/workspace/activities/${r.detailedActivityId}/edit`,
    // A share that breaks the sum and a period that ends before it starts, shown next to their fields.
    act: async (page) => {
      await page.locator('#f-sectors-0-percentage').fill('70');
      await page.locator('#f-results-0-indicators-0-periods-0-end').fill('2012');
      await page.locator('main form button[type="submit"]').first().click();
      await page.locator('main .error-summary').waitFor();
    },
  },
  // A draft that only the signed-in see among the hits, marked as a draft.
  { name: 'search-staff', session: 'staff', path: () => '/search?q=draft%20workshop', ready: searchAnswered },
  { name: 'organisations-admin', session: 'staff', path: () => '/workspace/organisations' },
  { name: 'organisation-edit', session: 'staff', path: (r) => `/workspace/organisations/${r.organisationId}/edit` },
  { name: 'framework-editor', session: 'staff', path: (r) => `/workspace/plans/${r.homePlanSlug}` },
  { name: 'plan-details', session: 'staff', path: (r) => `/workspace/plans/${r.homePlanSlug}/details` },
  { name: 'plan-load', session: 'staff', path: () => '/workspace/plans/load' },
  {
    name: 'crosswalk-editor',
    session: 'staff',
    path: () => '/workspace/plans/asean-canada-2010-2015/crosswalk/asean-canada-2016-2020',
  },
  { name: 'users', session: 'staff', path: () => '/workspace/users' },
  { name: 'user-edit', session: 'staff', path: (r) => `/workspace/users/${r.staff.id}` },
  { name: 'trash', session: 'staff', path: () => '/workspace/trash' },
  { name: 'account', session: 'staff', path: () => '/account' },
  { name: 'exchange-rates-admin', session: 'staff', path: () => '/exchange-rates' },
  { name: 'exchange-rate-edit', session: 'staff', path: () => '/workspace/exchange-rates/USD/2012' },
  {
    name: 'exchange-rate-new-errors',
    session: 'staff',
    path: () => '/workspace/exchange-rates/new',
    act: submitEmptyForm,
  },
  {
    name: 'snapshots-staff',
    session: 'staff',
    path: (r) => `/plans/${r.homePlanSlug}/snapshots`,
    ready: comparisonShown,
  },
  {
    name: 'snapshots-freeze-errors',
    session: 'staff',
    path: (r) => `/plans/${r.homePlanSlug}/snapshots`,
    ready: comparisonShown,
    act: async (page) => {
      await page.locator('#snapshot-form button[type="submit"]').click();
      await page.locator('main .error-summary').waitFor();
    },
  },
  { name: 'imports', session: 'staff', path: () => '/workspace/imports', ready: importRecordShown },
  {
    name: 'imports-preview',
    session: 'staff',
    path: () => '/workspace/imports',
    ready: importRecordShown,
    act: async (page) => {
      await page.locator('#f-file').setInputFiles({
        name: 'screens.xml',
        mimeType: 'application/xml',
        buffer: Buffer.from(SCREEN_IATI_FILE),
      });
      await page.locator('#import-form button[type="submit"]').click();
      await page.locator('#import-result-title').waitFor();
    },
  },
];

/** A small IATI file for the import preview screen: one activity to add, one the schema rejects. */
const SCREEN_IATI_FILE = `<iati-activities version="2.03">
<iati-activity><iati-identifier>XM-SCREENS-1</iati-identifier><reporting-org ref="CA-3" type="10"><narrative>Global Affairs Canada</narrative></reporting-org><title><narrative>Regional workshop on women's economic empowerment</narrative></title><description><narrative>A workshop.</narrative></description><participating-org ref="CA-3" role="1" type="10"><narrative>Global Affairs Canada</narrative></participating-org><activity-status code="2"/><activity-date type="1" iso-date="2014-01-01"/><sector vocabulary="1" code="15170"/></iati-activity>
<iati-activity><iati-identifier>XM-SCREENS-2</iati-identifier><reporting-org ref="CA-3" type="10"><narrative>Global Affairs Canada</narrative></reporting-org><title><narrative>Rejected</narrative></title><description><narrative>x</narrative></description><participating-org ref="CA-3" role="1" type="10"><narrative>Global Affairs Canada</narrative></participating-org><activity-status code="2" reason="none"/><activity-date type="1" iso-date="2014-01-01"/></iati-activity>
</iati-activities>`;

/** The imports page has loaded its record of past imports. */
async function importRecordShown(page: Page): Promise<void> {
  await page.locator('section[aria-labelledby="import-record-title"]').locator('table, .empty-state').first().waitFor();
}

/** The snapshots page has compared the latest snapshot with today. */
async function comparisonShown(page: Page): Promise<void> {
  await page.locator('#comparison-title').waitFor();
}

/** The comparison of two successive plans shows its rows (every node undecided, on the seed). */
async function planComparisonShown(page: Page): Promise<void> {
  await page.locator('table[data-table="rows"]').waitFor();
}

/** The search page shows its hits, or says that nothing matches. */
async function searchAnswered(page: Page): Promise<void> {
  await page.locator('main .search-hits, main .search-empty').first().waitFor();
}

/** Submits the page's form untouched, so that it shows its error summary and field errors. */
async function submitEmptyForm(page: Page): Promise<void> {
  await page.locator('main form button[type="submit"]').first().click();
  await page.locator('main .error-summary').waitFor();
}

/** The workspace home has its lists (drafts, submitted, review queue) filled. */
async function workspaceTablesLoaded(page: Page): Promise<void> {
  await page.locator('main table').first().waitFor();
}

/** A signed-in officer sees the publication panel and the history under an activity. */
async function staffPanelLoaded(page: Page): Promise<void> {
  await page.locator('main section.staff-panel').first().waitFor();
}

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
  await screen?.act?.(page);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

/** Signs the page's browser context in as the staff account (through the sign-in form), or out, as the screen needs. */
async function ensureSession(page: Page, baseUrl: string, lang: Lang, screen: Screen, refs: SeedRefs): Promise<void> {
  const context = page.context();
  const signedInNow = (await context.cookies(baseUrl)).some((c) => c.name === 'al_session');
  const wanted = (screen.session ?? 'visitor') === 'staff';
  if (wanted === signedInNow) return;
  if (!wanted) {
    // Signed out as a visitor who never signed in: without the cookie and the "signed in" hint.
    await context.clearCookies();
    await page.evaluate(() => {
      try {
        localStorage.clear();
      } catch {
        // A blank page has no storage to clear.
      }
    });
    return;
  }
  await page.goto(`${baseUrl}/${lang}/sign-in`);
  await page.locator('#f-email').fill(refs.staff.email);
  await page.locator('#f-password').fill(refs.staff.password);
  await page.locator('#f-password').press('Enter');
  await page.waitForURL((url) => !url.pathname.endsWith('/sign-in'));
}

export async function openScreen(page: Page, baseUrl: string, lang: Lang, screen: Screen, refs: SeedRefs) {
  await ensureSession(page, baseUrl, lang, screen, refs);
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

  const email = 'screens.admin@example.org';
  const client = await signedIn(server, 'admin', 'canada', email);
  const me = await client.get<{ user: { id: string } }>('/api/v1/auth/me');
  const staff = { email, password: TEST_PASSWORD, id: me.body.user.id };
  await fillWorkspace(client, area.id);
  const detailedActivityId = await createDetailedActivity(client, area.id, organisation.id);
  const snapshot = await client.request('POST', `/api/v1/plans/${home.slug}/snapshots`, {
    label: 'Mid-term review 2013',
    asOf: '2013-12-31',
  });
  if (snapshot.status !== 201) throw new Error(`Freezing a snapshot answered ${snapshot.status}`);

  return {
    homePlanSlug: home.slug,
    otherPlanSlug: other.slug,
    pillarId: pillar.id,
    areaId: area.id,
    activityId,
    organisationId: organisation.id,
    detailedActivityId,
    staff,
  };
}

/** A draft with every IATI detail the model keeps, for the activity page's and the editor's detail sections. */
async function createDetailedActivity(staff: Client, areaId: string, organisationId: string): Promise<string> {
  const res = await staff.request<{ id: string }>('POST', '/api/v1/activities', {
    title: { en: 'Regional programme on safe migration', fr: 'Programme régional sur la migration sûre' },
    type: 'project',
    status: 'ongoing',
    plannedStart: '2012-04',
    plannedEnd: '2015-03',
    countries: ['KH', 'TH'],
    otherRecipients: [
      { kind: 'country', code: 'CN' },
      { kind: 'region', code: '798', vocabulary: '1' },
    ],
    reportingOrganisationId: organisationId,
    sectors: [
      { vocabulary: '1', code: '15170', percentage: 60 },
      { vocabulary: '1', code: '16020', percentage: 40 },
      { vocabulary: '99', code: 'MIG', name: 'Safe migration' },
    ],
    results: [
      {
        type: 'outcome',
        title: { en: 'Migrant workers know their rights', fr: 'Les travailleurs migrants connaissent leurs droits' },
        description: { en: 'Measured through surveys.', fr: null },
        indicators: [
          {
            title: { en: 'Workers reached', fr: 'Travailleurs rejoints' },
            measure: 'unit',
            baselineYear: 2012,
            baselineValue: '150',
            periods: [
              { start: '2013-01', end: '2013-12', target: '500', actual: '620' },
              { start: '2014', end: '2014', target: '800', actual: null },
            ],
          },
        ],
      },
    ],
    otherLanguageTexts: [
      { field: 'title', lang: 'km', text: 'កម្មវិធីថ្នាក់តំបន់ស្តីពីការធ្វើចំណាកស្រុកប្រកបដោយសុវត្ថិភាព' },
      { field: 'summary', lang: 'th', text: 'โครงการระดับภูมิภาคว่าด้วยการย้ายถิ่นอย่างปลอดภัย' },
    ],
    funding: [{ amount: '1200000', currency: 'CAD', type: 'commitment', date: '2012-04', valueDate: '2012-03-30' }],
    links: [{ nodeId: areaId, rationale: 'Serves the area.' }],
  });
  if (res.status !== 201)
    throw new Error(`Creating the detailed activity answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/**
 * Gives the workspace screens something to show: a draft, an activity waiting for review and one
 * in the trash, created through the API by the staff account.
 */
async function fillWorkspace(staff: Client, areaId: string): Promise<void> {
  const create = async (title: string): Promise<{ id: string; version: number }> => {
    const res = await staff.request<{ id: string; version: number }>('POST', '/api/v1/activities', {
      title: { en: title, fr: `${title} (FR)` },
      type: 'dialogue',
      status: 'planned',
      plannedStart: '2027-03',
      countries: ['ID'],
      links: [{ nodeId: areaId, rationale: 'Serves the area.' }],
    });
    if (res.status !== 201) throw new Error(`Creating "${title}" answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  await create('Draft regional workshop on data protection');
  const submitted = await create('Submitted dialogue on maritime cooperation');
  const submit = await staff.request('POST', `/api/v1/activities/${submitted.id}/submit`, undefined, {
    'if-match': `"${submitted.version}"`,
  });
  if (submit.status !== 200) throw new Error(`Submitting answered ${submit.status}: ${JSON.stringify(submit.body)}`);
  const trashed = await create('Trashed seminar on cross-border trade');
  const del = await staff.request('DELETE', `/api/v1/activities/${trashed.id}`, undefined, {
    'if-match': `"${trashed.version}"`,
  });
  if (del.status !== 204 && del.status !== 200) throw new Error(`Deleting answered ${del.status}`);
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
