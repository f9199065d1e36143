import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ActivitySummary, CoverageAnswer, Page as ApiPage, PlanSummary } from '../src/shared/api-types';
import { startPortal } from './support/app';
import { collectPageErrors, launchBrowser } from './support/browser';
import { ActivityListPage, Portal } from './support/pages';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const CANADA_2010 = /ASEAN-Canada Enhanced Partnership \(2010-2015\)/;
const DEMO_2016_EN = 'Plan of Action of the ASEAN–Demonstration Partner Partnership (2016–2020) (fictional)';
const DEMO_2021_EN = 'Plan of Action of the ASEAN–Demonstration Partner Partnership (2021–2025) (fictional)';
const DEMO_2016_FR = 'Plan d’action du partenariat ANASE-Partenaire de démonstration (2016-2020) (fictif)';
const DEMO_NAME_EN = 'ASEAN–Demonstration Partner (fictional demo data)';
const DEMO_NAME_FR = 'ANASE-Partenaire de démonstration (données fictives)';

type Portal_ = Awaited<ReturnType<typeof startPortal>>;

const literally = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  assert.deepEqual(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
    `axe violations on ${page.url()}`,
  );
}

/** The links of a navigation landmark, as their accessible texts. */
async function navLinks(page: Page, name: string): Promise<string[]> {
  const nav = page.getByRole('main').getByRole('navigation', { name, exact: true });
  await nav.waitFor();
  return nav.getByRole('link').allInnerTexts();
}

describe('several partnerships in one portal (Chromium)', () => {
  let demo: Portal_;
  let plain: Portal_;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let page: Page;
  let errors: string[];

  before(async () => {
    demo = await startPortal({ demo: true });
    plain = await startPortal();
    browser = await launchBrowser();
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await demo?.stop();
    await plain?.stop();
  });

  const newPage = async (locale: string) => {
    await context?.close();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale });
    page = await context.newPage();
    errors = collectPageErrors(page);
    return page;
  };

  const api = async <T>(portal: Portal_, path: string): Promise<T> => {
    const res = await portal.server.get<T>(path);
    assert.equal(res.status, 200, path);
    return res.body;
  };

  it("shows the plan's heading and facts from the plans list while its framework and figures load", async () => {
    await newPage('en-CA');
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    // Hold the plan's own request (not the lists): the page must not wait for it to show what it already knows.
    await page.route(/\/api\/v1\/plans\/[^/?]+$/, async (route) => {
      await held;
      await route.continue();
    });
    const home = new Portal(page, plain.server.baseUrl);
    await home.open('/en/');
    await home.expectHeading(CANADA_2010);
    await page.getByRole('status').filter({ hasText: 'Loading the Plan of Action…' }).waitFor();
    assert.equal(await page.getByRole('heading', { name: 'The plan in figures' }).count(), 0);
    release();
    await page.getByRole('heading', { name: 'The plan in figures' }).waitFor({ state: 'attached' });
    // The latest activities load after the plan; then nothing is left loading.
    await page.waitForFunction(() => document.querySelector('.loading') === null);
    await page.unroute(/\/api\/v1\/plans\/[^/?]+$/);
    assert.deepEqual(errors, []);
  });

  it('with the default seed the home page is unchanged: no picker, the first ASEAN–Canada plan', async () => {
    await newPage('en-CA');
    const home = new Portal(page, plain.server.baseUrl);
    await home.open('/en/');
    await home.expectHeading(CANADA_2010);
    assert.equal(await page.getByRole('navigation', { name: 'Partnerships' }).count(), 0);
    const plans = await navLinks(page, 'Plans of Action');
    assert.equal(plans.length, 3);
    assert.deepEqual(errors, []);
  });

  it('picks the demonstration partnership and follows its plans to the dashboard and the activity list (EN)', async () => {
    await newPage('en-CA');
    const home = new Portal(page, demo.server.baseUrl);
    await home.open('/en/');
    // By default the first partnership, as before.
    await home.expectHeading(CANADA_2010);
    const picker = page.getByRole('navigation', { name: 'Partnerships', exact: true });
    assert.equal(await picker.locator('a[aria-current="page"]').innerText(), 'ASEAN–Canada\n3 Plans of Action');
    assert.equal((await navLinks(page, 'Plans of Action')).length, 3);
    await expectNoAxeViolations(page);

    await picker.getByRole('link', { name: literally(DEMO_NAME_EN) }).click();
    await home.expectHeading(DEMO_2016_EN);
    assert.equal(home.path(), '/en/');
    assert.equal(home.search().get('partnership'), 'asean-demo');
    assert.match(await picker.locator('a[aria-current="page"]').innerText(), /Demonstration Partner/);
    const plans = await navLinks(page, 'Plans of Action');
    assert.deepEqual(
      plans.map((t) => t.split('\n')[0]),
      ['2016–2020', '2021–2025'],
    );
    await expectNoAxeViolations(page);

    // Open the second plan from the switcher.
    const switcher = page.getByRole('main').getByRole('navigation', { name: 'Plans of Action', exact: true });
    await switcher.getByRole('link', { name: /2021–2025/ }).click();
    await home.expectHeading(DEMO_2021_EN);
    assert.equal(home.path(), '/en/plans/asean-demo-2021-2025');
    assert.equal((await navLinks(page, 'Plans of Action')).length, 2);
    await page.getByRole('link', { name: DEMO_NAME_EN, exact: true }).waitFor();
    await expectNoAxeViolations(page);

    const [plan] = (await api<{ items: PlanSummary[] }>(demo, '/api/v1/plans?partnership=asean-demo')).items.filter(
      (p) => p.slug === 'asean-demo-2021-2025',
    );
    assert.ok(plan && plan.activityCount > 0);

    // Its dashboard: the figures of that plan alone.
    await home.main().getByRole('link', { name: 'Dashboard', exact: true }).click();
    await page.waitForURL(/\/en\/plans\/asean-demo-2021-2025\/dashboard/);
    await page.locator('[data-kpi="activities"]').waitFor();
    const coverage = await api<CoverageAnswer>(demo, '/api/v1/plans/asean-demo-2021-2025/coverage');
    assert.equal(coverage.summary.activityCount, plan.activityCount);
    await page.waitForFunction(
      (n) => document.querySelector('[data-kpi="activities"]')?.getAttribute('data-value') === n,
      String(plan.activityCount),
    );
    // The coverage charts and tables name the plan's own areas (some only in SVG titles), not the other partnership's.
    assert.ok((await home.main().getByText('1.1 Transnational crime').count()) > 0);
    assert.equal(await home.main().getByText('Interfaith Dialogue').count(), 0);

    // Its activities: the list arrives filtered by the plan, and shows that plan's activities only.
    await page.goBack();
    await home.expectHeading(DEMO_2021_EN);
    await home
      .main()
      .getByRole('link', { name: `Browse all ${plan.activityCount} activities` })
      .click();
    const list = new ActivityListPage(page, demo.server.baseUrl);
    await page.waitForURL(/\/en\/activities\?/);
    assert.equal(list.search().get('plan'), plan.id);
    assert.equal(await list.total(), plan.activityCount);
    const expected = await api<ApiPage<ActivitySummary>>(demo, `/api/v1/activities?plan=${plan.id}&pageSize=100`);
    const titles = await list.main().getByRole('heading', { level: 3 }).allInnerTexts();
    const shown = titles.filter((t) => expected.items.some((a) => a.title.en === t));
    assert.ok(shown.length >= 10, `the first page lists the plan's activities:\n${titles.join('\n')}`);
    assert.ok(
      titles.every((t) => !/Regional Mechanisms to Protect|Human Rights Resource Centre/.test(t)),
      'no ASEAN–Canada activity in the list',
    );
    // The filter form shows the plan chosen, its plans grouped under each partnership's name.
    const planSelect = list.main().getByRole('combobox', { name: 'Plan of Action', exact: true });
    assert.equal(await planSelect.inputValue(), plan.id);
    assert.deepEqual(await planSelect.locator('optgroup').evaluateAll((gs) => gs.map((g) => g.getAttribute('label'))), [
      'ASEAN–Canada',
      DEMO_NAME_EN,
    ]);
    await expectNoAxeViolations(page);
    assert.deepEqual(errors, []);
  });

  it('offers the same choice in French', async () => {
    await newPage('fr-CA');
    const home = new Portal(page, demo.server.baseUrl);
    await home.open('/fr/?partnership=asean-demo');
    await home.expectHeading(DEMO_2016_FR);
    const picker = page.getByRole('navigation', { name: 'Partenariats', exact: true });
    assert.match(await picker.locator('a[aria-current="page"]').innerText(), literally(DEMO_NAME_FR));
    assert.match(await picker.locator('a[aria-current="page"]').innerText(), /2 plans d'action/);
    const plans = await navLinks(page, "Plans d'action");
    assert.deepEqual(
      plans.map((t) => t.split('\n')[0]),
      ['2016–2020', '2021–2025'],
    );
    await expectNoAxeViolations(page);
    // The picker fits a phone screen without sideways scrolling.
    await page.setViewportSize({ width: 360, height: 800 });
    assert.equal(await home.horizontalOverflow(), 0);
    await page.setViewportSize({ width: 1280, height: 900 });

    // An unknown partnership says so and keeps the picker.
    await home.open('/fr/?partnership=inconnu');
    await home
      .main()
      .getByText(/Aucun partenariat n'a l'adresse «\u00a0inconnu\u00a0»/)
      .waitFor();
    assert.equal(await picker.getByRole('link').count(), 2);
    await expectNoAxeViolations(page);
    assert.deepEqual(errors, []);
  });
});
