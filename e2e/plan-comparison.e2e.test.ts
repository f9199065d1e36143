import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { createIntl } from 'react-intl';
import type {
  ComparedFigures,
  CrosswalkChange,
  PlanComparison,
  PlanComparisonRow,
  PlanDetail,
} from '../src/shared/api-types';
import { formatMoney } from '../src/web/components/Money';
import { TEST_PASSWORD, signedIn, type Client } from '../test/support/client';
import { startPortal } from './support/app';
import { collectPageErrors, launchBrowser } from './support/browser';
import { focusInfo } from './support/inspect';
import { WAIT_MS } from './support/screens';
import { Workspace, nodeIdsByCode } from './support/workspace';

const OLD = 'asean-canada-2010-2015';
const NEW = 'asean-canada-2016-2020';
const NEXT = 'asean-canada-2021-2025';
const COMPARE = `/plans/${OLD}/compare/${NEW}`;
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const ADMIN = 'crosswalk.admin@example.org';

type Lang = 'en' | 'fr';

/** Intl separates groups and units with (narrow) no-break spaces; compare with plain spaces. */
const plain = (s: string) =>
  s
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const WORDS = {
  en: {
    change: { continued: 'Continued', new: 'New', dropped: 'Dropped', undecided: 'Undecided' },
    activities: (n: number) => (n === 0 ? 'No activities' : n === 1 ? '1 activity' : `${n} activities`),
    partners: (n: number) => (n === 0 ? 'No partners' : n === 1 ? '1 partner' : `${n} partners`),
    committed: (money: string) => `${money} committed`,
    nothingCommitted: 'Nothing committed',
    notInEarlier: 'Not in the earlier plan',
    notTakenUp: 'Not taken up',
  },
  fr: {
    change: { continued: 'Poursuivie', new: 'Nouvelle', dropped: 'Abandonnée', undecided: 'À décider' },
    activities: (n: number) => (n <= 1 ? (n === 0 ? 'Aucune activité' : '1 activité') : `${n} activités`),
    partners: (n: number) => (n === 0 ? 'Aucun partenaire' : n === 1 ? '1 partenaire' : `${n} partenaires`),
    committed: (money: string) => `${money} engagés`,
    nothingCommitted: 'Aucun engagement',
    notInEarlier: 'Absente du plan précédent',
    notTakenUp: 'Non reprise',
  },
} as const;

const INTL = { en: createIntl({ locale: 'en-CA' }), fr: createIntl({ locale: 'fr-CA' }) };

/** The figures cell as the page writes it: activities, partners, committed amount (the addressed line left out). */
function figureTexts(lang: Lang, f: ComparedFigures, currency: string): string[] {
  const w = WORDS[lang];
  return [
    w.activities(f.activityCount),
    w.partners(f.partnerCount),
    f.committed === null ? w.nothingCommitted : w.committed(formatMoney(INTL[lang], f.committed, currency)),
  ].map(plain);
}

/** Three old parts decided: two continued (one of them into two new parts), one dropped. */
async function recordCrosswalk(admin: Client, oldPlan: PlanDetail, newPlan: PlanDetail): Promise<void> {
  const oldIds = nodeIdsByCode(oldPlan);
  const newIds = nodeIdsByCode(newPlan);
  const id = (ids: Map<string, string>, code: string) => {
    const found = ids.get(code);
    assert.ok(found, `the seed has a node ${code}`);
    return found;
  };
  const entries = [
    { fromNodeId: id(oldIds, '1.1'), toNodeId: id(newIds, 'P1'), note: 'Taken up as the first priority.' },
    { fromNodeId: id(oldIds, '2.1'), toNodeId: id(newIds, 'P2'), note: null },
    { fromNodeId: id(oldIds, '2.1'), toNodeId: id(newIds, 'P3'), note: 'Split in two.' },
    { fromNodeId: id(oldIds, '3.1'), toNodeId: null, note: 'Not continued after 2015.' },
  ];
  for (const e of entries) {
    const res = await admin.request('POST', `/api/v1/plans/${OLD}/crosswalk/${NEW}/entries`, e);
    assert.equal(res.status, 201, JSON.stringify(res.body));
  }
}

/** The public page: counts, rows and the filter of two successive plans, in both languages. */
describe('plan comparison in Chromium', () => {
  let portal: Awaited<ReturnType<typeof startPortal>>;
  let browser: Browser;
  let comparison: PlanComparison;
  const contexts: BrowserContext[] = [];

  before(async () => {
    portal = await startPortal();
    browser = await launchBrowser();
    const admin = await signedIn(portal.server, 'admin', 'canada', ADMIN);
    const oldPlan = (await portal.server.get<PlanDetail>(`/api/v1/plans/${OLD}`)).body;
    const newPlan = (await portal.server.get<PlanDetail>(`/api/v1/plans/${NEW}`)).body;
    await recordCrosswalk(admin, oldPlan, newPlan);
    const res = await portal.server.get<PlanComparison>(`/api/v1${COMPARE}`);
    assert.equal(res.status, 200);
    comparison = res.body;
  });
  after(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await portal?.stop();
  });

  const session = async (lang: Lang, width = 1280): Promise<{ page: Page; ws: Workspace; errors: string[] }> => {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: `${lang}-CA` });
    context.setDefaultTimeout(WAIT_MS);
    contexts.push(context);
    const page = await context.newPage();
    return { page, ws: new Workspace(page, portal.server.baseUrl), errors: collectPageErrors(page) };
  };

  const rowsTable = (page: Page): Locator => page.locator('main table[data-table="rows"]');
  const rowOf = (page: Page, code: string): Locator =>
    rowsTable(page)
      .locator('tbody tr')
      .filter({ has: page.locator('th[scope="row"] .node-code', { hasText: new RegExp(`^${code}$`) }) });
  const cellTexts = (row: Locator) =>
    row.locator('th, td').evaluateAll((cells) => cells.map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim()));
  const figureItems = (cell: Locator) =>
    cell.locator('li[data-figure]:not([data-figure="addressed"])').evaluateAll((lis) =>
      lis.map((li) =>
        (li.textContent ?? '')
          .replace(/[\u00a0\u202f]/g, ' ')
          .replace(/\s+/g, ' ')
          .trim(),
      ),
    );
  const countOf = async (page: Page, change: CrosswalkChange) =>
    Number(plain((await page.locator(`.change-counts__item[data-change="${change}"] dd`).textContent()) ?? ''));
  const rowChanges = (page: Page) =>
    rowsTable(page)
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-change')));

  /** Waits until the table lists `n` rows (the filter re-renders after the address changes). */
  const rowsShown = (page: Page, n: number) =>
    page.waitForFunction(
      (count) => document.querySelectorAll('main table[data-table="rows"] tbody tr').length === count,
      n,
    );

  const apiRow = (code: string): PlanComparisonRow => {
    const row = comparison.rows.find((r) => r.from?.code === code);
    assert.ok(row, `the comparison has a row for ${code}`);
    return row;
  };

  it('the API records two continued parts and one dropped part', () => {
    assert.equal(comparison.counts.continued, 2);
    assert.equal(comparison.counts.dropped, 1);
    assert.ok(comparison.counts.new > 0, 'the later plan has parts no old part maps to');
    assert.ok(comparison.counts.undecided > 0);
    assert.deepEqual(
      apiRow('2.1').to.map((n) => n.code),
      ['P2', 'P3'],
    );
  });

  for (const lang of ['en', 'fr'] as const) {
    it(`${lang}: counts, a continued row with the API's figures, a dropped row and new rows`, async () => {
      const { page, ws, errors } = await session(lang);
      const w = WORDS[lang];
      await ws.open(`/${lang}${COMPARE}`);
      await rowsTable(page).waitFor();
      const heading = plain(await ws.heading().innerText());
      assert.match(heading, /2010.2015/);
      assert.match(heading, /2016.2020/);
      assert.equal(await page.locator('html').getAttribute('lang'), lang);

      for (const change of ['continued', 'new', 'dropped', 'undecided'] as const) {
        assert.equal(await countOf(page, change), comparison.counts[change], `${change} count`);
      }
      assert.equal(await rowsTable(page).locator('tbody tr').count(), comparison.rows.length);
      assert.equal(await page.locator('[data-empty="crosswalk"]').count(), 0, 'no empty state once recorded');

      // Headline figures, then and now.
      const headline = page.locator('main table[data-table="headline"] tbody tr[data-figure="activities"] td');
      assert.deepEqual(
        (await headline.allTextContents()).slice(0, 2).map(plain),
        [comparison.plans.from.activityCount, comparison.plans.to.activityCount].map((n) =>
          plain(INTL[lang].formatNumber(n)),
        ),
      );

      // A continued part: both sides, each with its own figures as the API gives them.
      const continued = apiRow('2.1');
      const row = rowOf(page, '2.1');
      assert.equal(await row.getAttribute('data-change'), 'continued');
      const cells = await cellTexts(row);
      assert.ok((cells[0] ?? '').startsWith(`2.1 ${continued.from?.title[lang] ?? '?'}`), cells[0]);
      assert.match(plain(cells[2] ?? ''), new RegExp(w.change.continued));
      for (const to of continued.to) {
        assert.ok((cells[3] ?? '').includes(`${to.code} ${to.title[lang] ?? ''}`), `${to.code} in ${cells[3]}`);
      }
      assert.equal(cells[5], 'Split in two.');
      const tds = row.locator('td');
      assert.deepEqual(
        await figureItems(tds.nth(0)),
        figureTexts(lang, continued.from ?? assert.fail('from'), comparison.currency),
      );
      assert.deepEqual(
        await figureItems(tds.nth(3)),
        continued.to.flatMap((n) => figureTexts(lang, n, comparison.currency)),
      );

      // The dropped part: no part of the later plan.
      const dropped = rowOf(page, '3.1');
      assert.equal(await dropped.getAttribute('data-change'), 'dropped');
      const droppedCells = await cellTexts(dropped);
      assert.match(plain(droppedCells[2] ?? ''), new RegExp(w.change.dropped));
      assert.equal(plain(droppedCells[3] ?? ''), w.notTakenUp);
      assert.equal(droppedCells[5], 'Not continued after 2015.');

      // New parts: no earlier part, the later part with its figures.
      const newRows = rowsTable(page).locator('tbody tr[data-change="new"]');
      assert.equal(await newRows.count(), comparison.counts.new);
      const firstNew = comparison.rows.find((r) => r.change === 'new');
      const newCells = await cellTexts(newRows.first());
      assert.equal(plain(newCells[0] ?? ''), w.notInEarlier);
      assert.ok((newCells[3] ?? '').includes(firstNew?.to[0]?.code ?? '?'));

      // The filter, in this language: one kind of change, kept in the address.
      await page
        .getByRole('group', { name: lang === 'en' ? 'Show' : 'Afficher' })
        .getByRole('button', { name: new RegExp(`^${w.change.dropped}\\s*: ${comparison.counts.dropped}$`) })
        .click();
      await page.waitForURL(/[?&]show=dropped/);
      await rowsShown(page, 1);
      assert.deepEqual(await rowChanges(page), ['dropped']);

      const axe = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
      assert.deepEqual(
        axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
        [],
      );
      assert.deepEqual(errors, []);
    });
  }

  it('the filter keeps one kind of change, in the address, and by keyboard', async () => {
    const { page, ws, errors } = await session('en');
    await ws.open(`/en${COMPARE}`);
    await rowsTable(page).waitFor();
    const filter = page.getByRole('group', { name: 'Show' });
    const all = filter.getByRole('button', { name: /^All/ });
    assert.equal(await all.getAttribute('aria-pressed'), 'true');

    await filter.getByRole('button', { name: `Continued: ${comparison.counts.continued}` }).click();
    await page.waitForURL(/[?&]show=continued/);
    await rowsShown(page, 2);
    assert.deepEqual(await rowChanges(page), ['continued', 'continued']);
    assert.match(plain((await rowsTable(page).locator('caption').textContent()) ?? ''), /“Continued” only$/);
    await page
      .getByRole('status')
      .filter({ hasText: `2 rows of ${comparison.rows.length} shown` })
      .waitFor();

    // The address alone brings the filtered view back.
    await page.reload();
    await rowsTable(page).waitFor();
    assert.deepEqual(await rowChanges(page), ['continued', 'continued']);
    assert.equal(
      await filter.getByRole('button', { name: /^Continued/ }).getAttribute('aria-pressed'),
      'true',
      'the pressed button follows the address',
    );

    // By keyboard: Tab from the heading to "Dropped", Enter, and the focus stays on it.
    await ws.heading().focus();
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = (await focusInfo(page)).label.includes('Dropped');
    }
    assert.ok(reached, 'the filter is reachable with Tab');
    const focus = await focusInfo(page);
    assert.ok(focus.visible && focus.indicator, `the focused filter shows its focus (${focus.hiddenReason})`);
    await page.keyboard.press('Enter');
    await page.waitForURL(/[?&]show=dropped/);
    await rowsShown(page, 1);
    assert.deepEqual(await rowChanges(page), ['dropped']);
    assert.match((await focusInfo(page)).label, /Dropped/, 'the focus stays on the pressed button');
    // Tab on to the table: its links are reachable too.
    let inTable = false;
    for (let i = 0; i < 20 && !inTable; i++) {
      await page.keyboard.press('Tab');
      inTable = await page.evaluate(() => document.activeElement?.closest('table[data-table="rows"]') !== null);
    }
    assert.ok(inTable, 'the rows are reachable with Tab');

    await all.click();
    await page.waitForURL((url) => !url.searchParams.has('show'));
    await rowsShown(page, comparison.rows.length);
    assert.equal(await all.getAttribute('aria-pressed'), 'true');

    // A wrong value is named, with a way out; every row stays listed.
    await ws.open(`/en${COMPARE}?show=maybe`);
    await ws.errorSummary().waitFor();
    assert.match(await ws.errorSummary().innerText(), /show/);
    assert.equal(await rowsTable(page).locator('tbody tr').count(), comparison.rows.length);
    assert.deepEqual(errors, []);
  });

  it('the reporting currency is chosen in the address, as the API converts it', async () => {
    const { page, ws, errors } = await session('en');
    await ws.open(`/en${COMPARE}?show=continued`);
    await rowsTable(page).waitFor();
    await page.getByLabel('Reporting currency').selectOption('USD');
    await page.getByRole('button', { name: 'Show amounts in this currency' }).click();
    await page.waitForURL(/[?&]currency=USD/);
    assert.match(page.url(), /show=continued/, 'the filter is kept');
    const usd = (await portal.server.get<PlanComparison>(`/api/v1${COMPARE}?currency=USD`)).body;
    assert.equal(usd.currency, 'USD');
    const committedRow = page.locator('main table[data-table="headline"] tbody tr[data-figure="committed"]');
    await committedRow.locator('th', { hasText: 'Committed, in USD' }).waitFor();
    const committed = committedRow.locator('td').first();
    const expected =
      usd.plans.from.committed === null ? 'None' : plain(formatMoney(INTL.en, usd.plans.from.committed, 'USD'));
    assert.equal(plain((await committed.textContent()) ?? ''), expected);
    assert.deepEqual(errors, []);
  });

  it('prints the table without the filter', async () => {
    const { page, ws } = await session('en');
    await ws.open(`/en${COMPARE}`);
    await rowsTable(page).waitFor();
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.change-filter').isVisible(), false);
    assert.equal(await page.locator('.currency-form').isVisible(), false);
    assert.equal(await rowsTable(page).isVisible(), true);
    assert.equal(await page.locator('.change-counts').isVisible(), true, 'the counts print');
  });

  it('is linked from the plan pages and the dashboard, from the earlier plan to the later', async () => {
    const { page, ws, errors } = await session('en');
    await ws.open(`/en/plans/${NEW}`);
    const main = ws.main();
    await main.getByRole('link', { name: 'Compare with the next plan (2021–2025)' }).waitFor();
    assert.equal(
      await main.getByRole('link', { name: 'Compare with the next plan (2021–2025)' }).getAttribute('href'),
      `/en/plans/${NEW}/compare/${NEXT}`,
    );
    await main.getByRole('link', { name: 'Compare with the previous plan (2010–2015)' }).click();
    await ws.expectHeading(/2010.2015.*2016.2020/);
    assert.equal(ws.path(), `/en${COMPARE}`);
    await rowsTable(page).waitFor();

    await ws.open(`/en/plans/${OLD}`);
    await main.getByRole('link', { name: /^Compare with the next plan/ }).waitFor();
    assert.equal(await main.getByRole('link', { name: /^Compare with the previous plan/ }).count(), 0);

    await ws.open(`/en/plans/${OLD}/dashboard`);
    const link = main.getByRole('link', { name: 'Compare with the next plan (2016–2020)' });
    await link.waitFor();
    assert.equal(await link.getAttribute('href'), `/en${COMPARE}`);
    assert.deepEqual(errors, []);
  });

  it('without a crosswalk every old part is undecided, and officers are pointed to the editor', async () => {
    const { page, ws, errors } = await session('fr');
    await ws.signIn(ADMIN, TEST_PASSWORD);
    await ws.open(`/fr/plans/${NEW}/compare/${NEXT}`);
    const empty = page.locator('[data-empty="crosswalk"]');
    await empty.waitFor();
    assert.match(
      plain(await empty.innerText()),
      /Aucune correspondance enregistrée pour l’instant : chaque nœud est à décider/,
    );
    const api = (await portal.server.get<PlanComparison>(`/api/v1/plans/${NEW}/compare/${NEXT}`)).body;
    assert.equal(api.counts.continued + api.counts.dropped, 0);
    assert.equal(await countOf(page, 'undecided'), api.counts.undecided);
    const editor = ws.main().getByRole('link', { name: 'Établir la correspondance dans l’espace de travail' });
    assert.equal(await editor.getAttribute('href'), `/fr/workspace/plans/${NEW}/crosswalk/${NEXT}`);
    const axe = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
    assert.deepEqual(
      axe.violations.map((v) => v.id),
      [],
    );
    assert.deepEqual(errors, []);

    // Visitors get the empty state, without the editor's link.
    const visitor = await session('en');
    await visitor.ws.open(`/en/plans/${NEW}/compare/${NEXT}`);
    await visitor.page.getByText('No crosswalk recorded yet: every node is undecided').waitFor();
    assert.equal(
      await visitor.ws
        .main()
        .getByRole('link', { name: /crosswalk in the workspace/ })
        .count(),
      0,
    );
  });
});
