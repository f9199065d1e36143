import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Client, TEST_PASSWORD } from '../test/support/client';
import { startPortal } from './support/app';
import { collectPageErrors, launchBrowser } from './support/browser';
import { focusInfo } from './support/inspect';
import { SearchResultsPage } from './support/pages';
import { WAIT_MS } from './support/screens';

/** A word no seeded record holds: only the editor's draft has it. */
const DRAFT_WORD = 'Quillwort';

describe('search in Chromium', () => {
  let portal: Awaited<ReturnType<typeof startPortal>>;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let errors: string[] = [];
  const editor = { email: 'search.editor@example.org', password: TEST_PASSWORD };

  before(async () => {
    portal = await startPortal();
    browser = await launchBrowser();
    // An editor with a draft of their own, made through the API.
    await portal.server.core.auth.createUser(
      null,
      { email: editor.email, displayName: 'Search editor', role: 'editor', side: 'partner' },
      TEST_PASSWORD,
    );
    const api = new Client(portal.server);
    assert.equal((await api.signIn(editor.email, TEST_PASSWORD)).status, 200);
    const plans = await api.get<{ items: { slug: string }[] }>('/api/v1/plans');
    const slug = plans.body.items[0]?.slug ?? '';
    const plan = await api.get<{ framework: { children: { id: string }[] }[] }>(`/api/v1/plans/${slug}`);
    const areaId = plan.body.framework[0]?.children[0]?.id ?? '';
    const draft = await api.request('POST', '/api/v1/activities', {
      title: {
        en: `${DRAFT_WORD} workshop on coastal wetlands`,
        fr: `Atelier ${DRAFT_WORD} sur les zones humides côtières`,
      },
      type: 'training',
      status: 'planned',
      links: [{ nodeId: areaId, rationale: 'Serves the area.' }],
    });
    assert.equal(draft.status, 201, JSON.stringify(draft.body));
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await portal?.stop();
  });

  const newPage = async (locale = 'en-CA', width = 1280): Promise<SearchResultsPage> => {
    await context?.close();
    context = await browser.newContext({ viewport: { width, height: 900 }, locale });
    context.setDefaultTimeout(WAIT_MS);
    const page = await context.newPage();
    errors = collectPageErrors(page);
    return new SearchResultsPage(page, portal.server.baseUrl);
  };

  it('shows hits with the typed letters marked as the visitor types, without submitting', async () => {
    const search = await newPage();
    await search.open('/en/search');
    const entries = await search.page.evaluate(() => history.length);

    await search.field().pressSequentially('wom', { delay: 60 });
    await search.answered('wom');
    assert.ok((await search.hits().count()) > 0, 'hits for the start of a word');
    const marked = await search.markedWords();
    assert.ok(marked.length > 0, 'matched words are marked');
    assert.ok(
      marked.every((w) => w.toLowerCase().startsWith('wom')),
      `the marks are the words that start with the letters: ${marked.join(', ')}`,
    );
    const first = await search.total();
    assert.match(await search.status().innerText(), /results? for “wom”/);

    await search.field().pressSequentially('en and girls', { delay: 30 });
    await search.answered('women and girls');
    const narrower = await search.total();
    assert.ok(narrower > 0 && narrower <= first, `${narrower} hits for "women and girls", ${first} for "wom"`);
    assert.ok(
      (await search.markedWords()).some((w) => /^girls$/i.test(w)),
      'the new word is marked',
    );
    assert.equal(await search.page.evaluate(() => history.length), entries, 'typing adds no history entries');
    assert.ok(await search.field().evaluate((el) => el === document.activeElement), 'the focus stays in the field');
    assert.deepEqual(errors, []);
  });

  it('follows a chosen facet: hits and counts change, the address keeps it and a reload restores it', async () => {
    const search = await newPage();
    await search.open('/en/search?q=human%20rights');
    await search.answered('human rights');
    const all = await search.total();
    const activities = await search.facetCount('Kind of result', /^Activities/);
    assert.ok(activities > 0 && activities < all, `${activities} activities among ${all} hits`);

    await search
      .facet('Kind of result')
      .getByRole('checkbox', { name: /^Activities/ })
      .check();
    await search.page.waitForURL((url) => url.searchParams.get('kind') === 'activity');
    await search.page.waitForFunction(
      (n) => /^\d+/.exec(document.querySelector('main .search-status')?.textContent ?? '')?.[0] === String(n),
      activities,
    );
    await search.answered('human rights');
    assert.equal(await search.total(), activities, 'the total is the count the facet showed');
    const kinds = await search
      .hits()
      .locator('article')
      .evaluateAll((els: Element[]) => els.map((e) => e.className));
    assert.ok(kinds.length > 0 && kinds.every((c) => c.includes('search-hit--activity')), kinds.join(', '));
    // The other facets count the activities that are left: each has one status.
    const statusCounts = await search.facet('Status').locator('label').allInnerTexts();
    const sum = statusCounts.reduce((n, l) => n + Number(/\((\d+)\)/.exec(l)?.[1] ?? 0), 0);
    assert.equal(sum, activities, `status counts ${statusCounts.join(', ')} add up to the activities`);

    await search.page.reload();
    await search.answered('human rights');
    assert.ok(
      await search
        .facet('Kind of result')
        .getByRole('checkbox', { name: /^Activities/ })
        .isChecked(),
      'the choice survives a reload',
    );
    assert.equal(await search.total(), activities);
    assert.deepEqual(errors, []);
  });

  it('shows a facet’s other values on demand, from the keyboard, and moves the focus to the first one added', async () => {
    const search = await newPage();
    const page: Page = search.page;
    await search.open('/en/search?q=human%20rights');
    await search.answered('human rights');
    const partner = search.facet('Partner');
    const boxes = partner.getByRole('checkbox');
    assert.equal(await boxes.count(), 6, 'the first six partners');
    const more = partner.getByRole('button', { name: /^Show \d+ more/ });
    assert.equal(await more.getAttribute('aria-expanded'), 'false');
    const hidden = Number(/Show (\d+) more/.exec(await more.innerText())?.[1]);
    assert.ok(hidden > 4, `more partners than the API lists at first (${hidden} hidden)`);

    // Tab from the last partner shown reaches the control; Enter asks the API for the facet's other values.
    await boxes.last().focus();
    await page.keyboard.press('Tab');
    const onMore = await focusInfo(page);
    assert.match(onMore.label, /^button\b.*"Show \d+ more \(Partner\)"$/, `Tab from the last partner: ${onMore.label}`);
    assert.ok(onMore.visible && onMore.indicator, 'the control shows its focus');
    const asked = page.waitForRequest((r) => new URL(r.url()).searchParams.get('more') === 'partner');
    await page.keyboard.press('Enter');
    await asked;
    await search.answered('human rights');
    await page.waitForFunction(() => document.activeElement?.matches('input[type="checkbox"][name="partner"]'));
    assert.equal(await boxes.count(), 6 + hidden, 'every partner shown');
    const focused = await page.evaluate(() => {
      const all = [...document.querySelectorAll('input[type="checkbox"][name="partner"]')];
      return all.indexOf(document.activeElement as Element);
    });
    assert.equal(focused, 6, 'the focus is on the first partner added');
    const fewer = partner.getByRole('button', { name: /^Show fewer/ });
    assert.equal(await fewer.getAttribute('aria-expanded'), 'true');

    // Space ticks the focused partner; the longer list stays while the answer follows the choice.
    await page.keyboard.press('Space');
    await page.waitForURL((url) => url.searchParams.has('partner'));
    await search.answered('human rights');
    assert.ok((await boxes.count()) > 6, 'still expanded after a choice');

    await fewer.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('input[name="partner"]').length <= 7);
    assert.equal(await partner.getByRole('button', { name: /^Show \d+ more/ }).getAttribute('aria-expanded'), 'false');
    assert.deepEqual(errors, []);
  });

  it('corrects a misspelt word and says so', async () => {
    const search = await newPage();
    await search.open('/en/search?q=womne');
    await search.answered('womne');
    const correction = search.main().locator('.search-correction');
    await correction.waitFor();
    assert.match(await correction.innerText(), /Showing results for women instead of womne/);
    assert.ok((await search.hits().count()) > 0, 'hits for the corrected word');
    assert.deepEqual(errors, []);
  });

  it('speaks French: a French word finds hits and the page says so in French', async () => {
    const search = await newPage('fr-CA');
    await search.open('/fr/search?q=femmes');
    await search.answered('femmes');
    assert.match(await search.status().innerText(), /résultats? pour «\s*femmes\s*»/);
    assert.ok(
      (await search.markedWords()).some((w) => /^femmes$/i.test(w)),
      'the French word is marked',
    );
    assert.deepEqual(errors, []);
  });

  it('works with the keyboard alone: header box, Enter, Tab to a hit, Enter opens it', async () => {
    const search = await newPage();
    const page: Page = search.page;
    await search.open('/en/');
    for (let i = 0; i < 20 && !(await search.headerBox().evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    assert.ok(await search.headerBox().evaluate((el) => el === document.activeElement), 'Tab reaches the header box');
    const boxFocus = await focusInfo(page);
    assert.ok(boxFocus.visible && boxFocus.indicator, `the box shows its focus (${boxFocus.outline})`);
    await page.keyboard.type('women');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/en/search' && url.searchParams.get('q') === 'women');
    await search.answered('women');
    await page.waitForFunction(() => document.activeElement?.id === 'results-title');

    await page.keyboard.press('Tab');
    const onHit = await focusInfo(page);
    assert.match(
      onHit.label,
      /^a\[href="\/en\/(activities|organisations|framework)\//,
      `Tab from the results heading: ${onHit.label}`,
    );
    assert.ok(onHit.visible && onHit.indicator, 'the hit shows its focus');
    const href = await page.evaluate(() => document.activeElement?.getAttribute('href') ?? '');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === href);
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    assert.deepEqual(errors, []);
  });

  it('finds an editor’s draft for the signed-in editor, not for the public', async () => {
    const visitor = await newPage();
    await visitor.open(`/en/search?q=${DRAFT_WORD}`);
    await visitor.answered(DRAFT_WORD);
    const seen = await visitor.hits().allInnerTexts();
    assert.ok(
      !seen.some((t) => t.includes('coastal wetlands')),
      `the public does not see the draft: ${seen.join(' | ')}`,
    );

    const staff = await newPage();
    await staff.open('/en/sign-in');
    await staff.main().getByLabel('E-mail address').fill(editor.email);
    await staff.main().getByLabel('Password').fill(editor.password);
    await staff.main().getByRole('button', { name: 'Sign in' }).click();
    await staff.page.waitForURL((url) => !url.pathname.endsWith('/sign-in'));
    await staff.open(`/en/search?q=${DRAFT_WORD.toLowerCase()}`);
    await staff.answered(DRAFT_WORD.toLowerCase());
    const hit = staff.hits().first();
    assert.match(await hit.innerText(), new RegExp(`${DRAFT_WORD} workshop on coastal wetlands`));
    assert.match(await hit.locator('.badge--workflow').innerText(), /Draft/);
    assert.deepEqual(errors, []);
  });
});
