import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startPortal } from './support/app';
import { collectPageErrors, launchBrowser } from './support/browser';
import { ActivityListPage, FrameworkNodePage, HomePage, Portal } from './support/pages';

const PILLAR = 'Political and Security Cooperation';
const AREA = 'Human Rights, Good Governance, Democracy and Rule of Law';
const GRANT = /Regional Mechanisms to Protect the Human Rights of Women and Girls/;

describe('public portal in Chromium', () => {
  let portal: Awaited<ReturnType<typeof startPortal>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  before(async () => {
    portal = await startPortal();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await portal?.stop();
  });

  const newPage = async (width = 1280) => {
    await context?.close();
    context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'en-CA' });
    page = await context.newPage();
    errors = collectPageErrors(page);
    return page;
  };

  it('walks home → pillar → area → activity and back, showing the seeded plan', async () => {
    await newPage();
    const home = new HomePage(page, portal.server.baseUrl);
    await home.open('/');
    assert.equal(home.path(), '/en/');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await home.expectHeading(/ASEAN-Canada Enhanced Partnership \(2010-2015\)/);
    for (const area of ['Interfaith Dialogue', 'Energy', 'Natural Resources', 'Multiculturalism']) {
      await home.main().getByRole('link', { name: area, exact: true }).waitFor();
    }
    assert.match(await page.title(), /ActionLine/);

    await home.openPillar(PILLAR);
    const pillar = new FrameworkNodePage(page, portal.server.baseUrl);
    assert.match(pillar.path(), /^\/en\/framework\/[0-9a-f-]{36}$/);
    for (const area of [AREA, 'Counter-terrorism and transnational crime', 'Interfaith Dialogue']) {
      await pillar.main().getByRole('link', { name: area, exact: true }).waitFor();
    }

    await pillar.openArea(AREA);
    const titles = await pillar.activityTitles();
    assert.ok(
      titles.some((t) => GRANT.test(t)),
      titles.join('\n'),
    );
    assert.ok(
      titles.some((t) => /Human Rights Resource Centre/.test(t)),
      titles.join('\n'),
    );
    await page.getByRole('navigation', { name: 'You are here' }).getByRole('link', { name: PILLAR }).waitFor();

    await pillar.openActivity(GRANT);
    const main = pillar.main();
    await main.getByText('CAD 3,000,000').first().waitFor();
    for (const partner of [
      /UN Women/,
      /ACWC|Commission on the Promotion and Protection of the Rights of Women and Children/,
      /AICHR|Intergovernmental Commission on Human Rights/,
    ]) {
      assert.ok(await main.getByRole('link', { name: partner }).first().isVisible(), String(partner));
    }
    await main
      .getByRole('link', { name: new RegExp(AREA) })
      .first()
      .waitFor();
    await main
      .getByText(/Verified/)
      .first()
      .waitFor();

    await page.goBack();
    await pillar.expectHeading(AREA);
    await page.goBack();
    await pillar.expectHeading(PILLAR);
    assert.deepEqual(errors, []);
  });

  it('filters the activity list through the URL and the form, and keeps filters on reload', async () => {
    await newPage();
    const list = new ActivityListPage(page, portal.server.baseUrl);
    await list.open('/en/activities');
    const all = await list.total();
    assert.ok(all >= 20, `seeded activities: ${all}`);

    await list.tick('Status', 'Completed');
    await list.apply();
    await page.waitForURL(/status=completed/);
    const completed = await list.totalOtherThan(all);
    assert.ok(completed > 0 && completed < all);
    const badges = await list
      .main()
      .locator('ol.activity-list')
      .getByText(/^(Completed|Ongoing|Planned|Cancelled|Suspended)$/)
      .allInnerTexts();
    assert.ok(badges.length > 0 && badges.every((b) => b === 'Completed'), badges.join());

    await page.reload();
    assert.equal(await list.total(), completed);
    assert.equal(list.search().get('status'), 'completed');

    await list.open('/en/activities?country=ID');
    const indonesia = await list.total();
    assert.ok(indonesia > 0 && indonesia < all);
    await page.goBack();
    await page.waitForURL(/status=completed/);
    assert.equal(await list.totalOtherThan(indonesia), completed);
    assert.deepEqual(errors, []);
  });

  it('downloads the filtered list in the page language: each format, and a CSV of chosen columns', async () => {
    await newPage();
    await page.goto(`${portal.server.baseUrl}/fr/activities?country=TH&status=completed`);
    const { total } = (await (
      await fetch(`${portal.server.baseUrl}/api/v1/activities?country=TH&status=completed&pageSize=1`)
    ).json()) as { total: number };
    assert.ok(total > 0);
    await page.getByRole('main').getByText(`sur ${total}`, { exact: false }).first().waitFor();
    const section = page.getByRole('region', { name: 'Télécharger ces activités' });
    const links = section.getByRole('list').getByRole('link');
    assert.equal(await links.count(), 6);
    for (let i = 0; i < 6; i++) {
      const url = new URL((await links.nth(i).getAttribute('href')) ?? '', portal.server.baseUrl);
      assert.equal(url.searchParams.get('lang'), 'fr');
      assert.equal(url.searchParams.get('country'), 'TH');
      assert.equal(url.searchParams.get('status'), 'completed');
      assert.equal(url.searchParams.get('page'), null, 'every page, not the one on screen');
      const res = await fetch(url);
      assert.equal(res.status, 200, url.href);
      assert.match(res.headers.get('content-disposition') ?? '', /^attachment/);
    }

    // Pick three columns by keyboard-accessible labels, then download through the browser.
    await section.getByText('Choisir les colonnes d’un tableur').click();
    const columns = section.getByRole('group', { name: 'Colonnes, dans cet ordre' }).getByRole('checkbox');
    for (let i = 0; i < (await columns.count()); i++) await columns.nth(i).uncheck();
    for (const name of ['Identifiant ActionLine', 'Titre', 'Pays']) {
      await section.getByRole('checkbox', { name, exact: true }).check();
    }
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      section.getByRole('button', { name: 'Télécharger' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^actionline-activities-all-fr-\d{4}-\d{2}-\d{2}\.csv$/);
    const file = await download.path();
    const text = (await import('node:fs')).readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    const lines = text.trim().split(/\r\n/);
    assert.equal(lines[0], 'Identifiant ActionLine,Titre,Pays');
    assert.equal(lines.length - 1, total, 'one row per activity of the filtered list');
    assert.ok(
      lines.slice(1).every((l) => l.includes('Thaïlande')),
      'country names in French',
    );
    assert.deepEqual(errors, []);
  });

  it('names a bad filter in the address and how to fix it', async () => {
    await newPage();
    const list = new ActivityListPage(page, portal.server.baseUrl);
    await list.open('/en/activities?country=XX');
    const alert = page.getByRole('alert').first();
    await alert.waitFor();
    assert.match(await alert.innerText(), /country/i);
  });

  it('shows an organisation with its former name and its activities', async () => {
    await newPage();
    const p = new Portal(page, portal.server.baseUrl);
    await p.open('/en/organisations');
    await p.follow(/UN Women/, p.main());
    await p.expectHeading(/UN Women/);
    await p
      .main()
      .getByText(/UNIFEM/)
      .first()
      .waitFor();
    await p.main().getByRole('link', { name: GRANT }).first().waitFor();
    assert.deepEqual(errors, []);
  });

  it('answers an unknown page with a helpful 404 page', async () => {
    await newPage();
    const p = new Portal(page, portal.server.baseUrl);
    await p.open('/en/no-such-page');
    await p.expectHeading('Page not found');
    await p.open('/en/activities/00000000-0000-0000-0000-000000000000');
    await p.expectHeading(/not found|could not/i);
  });

  it('fits a 360 px phone screen without sideways scrolling', async () => {
    await newPage(360);
    const p = new Portal(page, portal.server.baseUrl);
    for (const path of ['/en/', '/en/activities', '/en/organisations']) {
      await p.open(path);
      await page.waitForLoadState('networkidle');
      assert.equal(await p.horizontalOverflow(), 0, path);
    }
  });
});
