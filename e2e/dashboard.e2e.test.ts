import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { PlanCoverage, PlanSummary } from '../src/shared/api-types';
import { COUNTRY_CODES, FUNDING_TYPES } from '../src/shared/vocab';
import { parseCsv } from '../src/web/lib/csv';
import { startPortal } from './support/app';
import { collectPageErrors, launchBrowser } from './support/browser';
import { WAIT_MS } from './support/screens';

/** The dashboard against the coverage API: every number it shows is one the API gives. */
describe('plan dashboard', () => {
  let portal: Awaited<ReturnType<typeof startPortal>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let slug: string;

  before(async () => {
    portal = await startPortal();
    browser = await launchBrowser();
    const plans = await portal.server.get<{ items: PlanSummary[] }>('/api/v1/plans');
    const first = plans.body.items[0];
    assert.ok(first, 'a seeded plan');
    slug = first.slug;
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await portal?.stop();
  });

  const coverage = async (query: string): Promise<PlanCoverage> => {
    const res = await portal.server.get<PlanCoverage>(`/api/v1/plans/${slug}/coverage${query ? `?${query}` : ''}`);
    assert.equal(res.status, 200, `coverage?${query}`);
    return res.body;
  };

  const open = async (query = '', width = 1280) => {
    await context?.close();
    context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'en-CA', acceptDownloads: true });
    context.setDefaultTimeout(WAIT_MS);
    page = await context.newPage();
    errors = collectPageErrors(page);
    await page.goto(`${portal.server.baseUrl}/en/plans/${slug}/dashboard${query ? `?${query}` : ''}`);
    await loaded();
  };

  const loaded = async () => {
    await page.locator('h1').waitFor();
    await page.waitForFunction(
      () =>
        document.querySelector('.loading, [aria-busy="true"]') === null &&
        document.querySelectorAll('[data-chart="map"] path[data-country]').length === 11,
    );
  };

  const kpi = (name: string) => page.locator(`[data-kpi="${name}"]`).getAttribute('data-value');

  /** A chart's table as the `data-value`s of its cells (the numbers the CSV holds), row by row. */
  const tableValues = (chart: string): Promise<string[][]> =>
    page.evaluate(
      (name) =>
        [...document.querySelectorAll(`[data-chart="${name}"] table tbody tr`)].map((tr) =>
          [...tr.children].map((c) => c.getAttribute('data-value') ?? ''),
        ),
      chart,
    );

  const tableHeader = (chart: string): Promise<string[]> =>
    page.evaluate(
      (name) => [...document.querySelectorAll(`[data-chart="${name}"] table thead th`)].map((c) => c.textContent ?? ''),
      chart,
    );

  it('shows the API key figures, the coverage rule and the gaps', async () => {
    await open();
    const api = await coverage('');
    assert.equal(await kpi('activities'), String(api.summary.activityCount));
    assert.equal(await kpi('partners'), String(api.summary.partners.count));
    assert.equal(await kpi('addressed'), String(api.summary.rollup.percentAddressed ?? ''));
    for (const type of FUNDING_TYPES) {
      const converted = api.summary.funding.converted.find((c) => c.type === type);
      if (converted) assert.equal(await kpi(`funding-${type}`), converted.amount);
    }
    const main = page.locator('main');
    assert.equal(await page.locator('h1').count(), 1);
    await main.getByText(api.rule.summary.en ?? '', { exact: true }).waitFor();
    assert.equal(await page.locator('.rule__list li').count(), api.rule.rules.length);
    assert.equal(await page.locator('[data-gap]').count(), api.gaps.length);
    assert.deepEqual(errors, []);
  });

  it('draws tables with the API numbers: years and countries heat-maps, funding, timeline, map', async () => {
    await open();
    const api = await coverage('');
    const nodes = api.nodes.filter((n) => n.depth <= 1);

    const years = api.breakdowns.byYear.flatMap((b) => (b.year === null ? [] : [b.year]));
    const yearRows = await tableValues('heatmap-years');
    assert.equal(yearRows.length, nodes.length);
    for (const [j, year] of years.entries()) {
      const slice = await coverage(`from=${year}&to=${year}`);
      for (const [i, n] of nodes.entries()) {
        const expected = slice.nodes.find((x) => x.id === n.id)?.activityCount ?? 0;
        assert.equal(yearRows[i]?.[j + 1], String(expected), `${n.code} in ${year}`);
      }
    }

    const countries = api.breakdowns.byCountry.map((b) => b.country);
    assert.deepEqual((await tableHeader('heatmap-countries')).length, countries.length + 1);
    const countryRows = await tableValues('heatmap-countries');
    for (const [j, country] of countries.entries()) {
      const slice = await coverage(`country=${country}`);
      for (const [i, n] of nodes.entries()) {
        const expected = slice.nodes.find((x) => x.id === n.id)?.activityCount ?? 0;
        assert.equal(countryRows[i]?.[j + 1], String(expected), `${n.code} in ${country}`);
      }
    }

    const pillarRows = await tableValues('funding-pillars');
    const expectedPillars = api.breakdowns.byPillar.flatMap((b) =>
      FUNDING_TYPES.flatMap((type) => {
        const c = b.funding.converted.find((x) => x.type === type);
        const any = c || b.funding.original.some((o) => o.type === type);
        return any ? [[type, c?.amount ?? '', String(c?.exact ?? ''), String(c?.complete ?? '')]] : [];
      }),
    );
    assert.deepEqual(
      pillarRows.map((r) => [r[1], r[2], r[3], r[4]]),
      expectedPillars,
    );

    const timeline = await tableValues('timeline');
    assert.deepEqual(
      timeline,
      api.breakdowns.byYear.map((b) => [b.year === null ? '' : String(b.year), String(b.activityCount)]),
    );

    const mapRows = await tableValues('map');
    assert.deepEqual(
      mapRows.map((r) => [r[1], r[2]]),
      COUNTRY_CODES.map((c) => [c, String(api.breakdowns.byCountry.find((b) => b.country === c)?.activityCount ?? 0)]),
    );
    assert.deepEqual(errors, []);
  });

  it('downloads each chart as a CSV equal to its table', async () => {
    await open('currency=USD');
    for (const chart of ['heatmap-years', 'heatmap-countries', 'funding-pillars', 'funding-areas', 'timeline', 'map']) {
      const section = page.locator(`[data-chart="${chart}"]`);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        section.getByRole('button', { name: /Download CSV/ }).click(),
      ]);
      assert.match(download.suggestedFilename(), new RegExp(`^${slug}_${chart}_currency-usd\\.csv$`));
      const file = await download.path();
      const text = fs.readFileSync(file, 'utf8');
      assert.ok(text.startsWith('\ufeff'), `${chart}: UTF-8 BOM`);
      const [header, ...rows] = parseCsv(text);
      assert.deepEqual(header, await tableHeader(chart), `${chart}: header row`);
      assert.deepEqual(rows, await tableValues(chart), `${chart}: rows`);
    }
  });

  it('keeps the filters in the URL and updates the numbers', async () => {
    await open();
    // The partner filter offers every partner of the plan, not only those the lean answer lists.
    const all = await coverage('partners=all');
    assert.equal(all.breakdowns.otherPartners, null);
    const offered = await page
      .locator('#dash-organisation option')
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    assert.deepEqual(offered.sort(), all.breakdowns.byPartner.map((p) => p.organisation.id).sort());
    const before = await kpi('activities');
    await page.locator('#dash-country').selectOption('ID');
    await page.locator('#dash-status').selectOption('completed');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(
      (url) => url.searchParams.get('country') === 'ID' && url.searchParams.get('status') === 'completed',
    );
    await loaded();
    const api = await coverage('country=ID&status=completed');
    await page.waitForFunction(
      (n) => document.querySelector('[data-kpi="activities"]')?.getAttribute('data-value') === n,
      String(api.summary.activityCount),
    );
    assert.notEqual(before, String(api.summary.activityCount));
    assert.equal(await kpi('partners'), String(api.summary.partners.count));

    // The same address, opened afresh, shows the same view.
    const url = page.url();
    await page.goto(url);
    await loaded();
    assert.equal(await kpi('activities'), String(api.summary.activityCount));
    assert.equal(await page.locator('#dash-country').inputValue(), 'ID');
    assert.deepEqual(errors, []);
  });

  it('maps each ASEAN member state and Timor-Leste as a shaded, named shape', async () => {
    await open();
    const api = await coverage('');
    for (const code of COUNTRY_CODES) {
      const path = page.locator(`[data-chart="map"] path[data-country="${code}"]`);
      assert.equal(await path.count(), 1, code);
      const fill = await path.getAttribute('fill');
      assert.ok(fill && fill !== 'none', `${code} is shaded (${fill})`);
      const name = await path.getAttribute('aria-label');
      const count = api.breakdowns.byCountry.find((b) => b.country === code)?.activityCount ?? 0;
      assert.ok(name && name.endsWith(`: ${count}`), `${code}: ${name}`);
      const box = await path.boundingBox();
      assert.ok(
        box && box.width >= 8 && box.height >= 8,
        `${code} is big enough to see and reach: ${JSON.stringify(box)}`,
      );
    }
    // Small states are reached by keyboard like the others: they are links to their activities.
    await page.locator('[data-chart="map"] a:has(path[data-country="SG"])').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/en/activities' && url.searchParams.get('country') === 'SG');
  });

  it('offers the progress report of the same view in each format, in the page language', async () => {
    await open('from=2011&to=2013&status=completed');
    const section = page.getByRole('region', { name: 'Progress report' });
    const links = section.getByRole('link');
    assert.equal(await links.count(), 4);
    const expected: Record<string, string> = {
      html: 'text/html',
      pdf: 'application/pdf',
      docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    };
    for (let i = 0; i < 4; i++) {
      const href = (await links.nth(i).getAttribute('href')) ?? '';
      const url = new URL(href, portal.server.baseUrl);
      const format = url.searchParams.get('format') ?? '';
      assert.ok(format in expected, `a known format in ${href}`);
      assert.equal(url.searchParams.get('lang'), 'en');
      assert.equal(url.searchParams.get('from'), '2011');
      assert.equal(url.searchParams.get('to'), '2013');
      assert.equal(url.searchParams.get('status'), 'completed');
      const res = await fetch(url);
      assert.equal(res.status, 200, href);
      assert.ok((res.headers.get('content-type') ?? '').startsWith(expected[format] ?? '?'), format);
      assert.ok((await res.arrayBuffer()).byteLength > 1000, `${format} has content`);
    }
    assert.deepEqual(errors, []);
  });

  it('fits 320 px wide: charts scroll inside their own labelled boxes', async () => {
    await open('', 320);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px`);
    const regions = page.locator('[data-chart="heatmap-years"] [role="region"][tabindex="0"]');
    assert.ok((await regions.count()) >= 1, 'the heat-map scrolls in a focusable region');
  });
});
