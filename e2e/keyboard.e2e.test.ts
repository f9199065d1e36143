import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ActivityDetail } from '../src/shared/api-types';
import en from '../src/web/i18n/messages/en.json' with { type: 'json' };
import fr from '../src/web/i18n/messages/fr.json' with { type: 'json' };
import { Client, TEST_PASSWORD } from '../test/support/client';
import { startPortal } from './support/app';
import { collectPageErrors, launchBrowser } from './support/browser';
import { focusInfo, type FocusInfo } from './support/inspect';
import {
  LANGUAGES,
  SCREENS,
  SKIP_LANGUAGE,
  findSeedRefs,
  languageGate,
  newContextFor,
  openScreen,
  screenNamed,
  settle,
  type Lang,
  type SeedRefs,
} from './support/screens';

/**
 * A visitor who uses the keyboard alone: Tab, Shift+Tab, Enter, Space and the arrow keys; never
 * the mouse. Every element the focus lands on must be visible and show a focus indicator.
 */
class KeyboardVisitor {
  /** Every element the focus landed on, in order, for failure messages. */
  readonly trail: string[] = [];

  constructor(readonly page: Page) {}

  private check(f: FocusInfo): void {
    this.trail.push(f.label);
    assert.ok(
      f.visible,
      `the focus landed on an element that cannot be seen (${f.hiddenReason}): ${f.label}; before:\n${this.trail.slice(-6, -1).join('\n')}`,
    );
    // Elements reached with Tab need a visible focus indicator (WCAG 2.4.7); headings that receive
    // the focus from a script (tabindex -1) to start reading a new page do not.
    if (f.tabIndex >= 0) {
      assert.ok(f.indicator, `no visible focus indicator on ${f.label} (outline ${f.outline}, shadow ${f.boxShadow})`);
    }
  }

  async press(key: string): Promise<FocusInfo> {
    await this.page.keyboard.press(key);
    const f = await focusInfo(this.page);
    this.check(f);
    return f;
  }

  /** Whether the focused element matches `selector` (and, when given, reads exactly `text`). */
  async focusedMatches(selector: string, text?: string): Promise<boolean> {
    return this.page.evaluate(
      ({ s, t }) => {
        const el = document.activeElement;
        return (el?.matches(s) ?? false) && (t === undefined || el?.textContent?.trim() === t);
      },
      { s: selector, t: text },
    );
  }

  /** Presses Tab (or Shift+Tab) until the focus is on an element matching `selector` (and `text`). */
  async tabTo(
    selector: string,
    { backwards = false, max = 200, text }: { backwards?: boolean; max?: number; text?: string } = {},
  ): Promise<void> {
    for (let i = 0; i < max; i++) {
      await this.press(backwards ? 'Shift+Tab' : 'Tab');
      if (await this.focusedMatches(selector, text)) return;
    }
    assert.fail(`${selector} not reached with ${max} presses of Tab; focus went through:\n${this.trail.join('\n')}`);
  }

  /** Follows the focused link with Enter; the new page's h1 takes the focus. */
  async follow(expectedPath: string | RegExp): Promise<void> {
    await this.page.keyboard.press('Enter');
    await this.page.waitForURL((url) =>
      typeof expectedPath === 'string' ? url.pathname === expectedPath : expectedPath.test(url.pathname),
    );
    await this.expectHeadingFocus();
  }

  /**
   * Tabs from the top of the page through every focusable element, until the focus leaves the
   * page; each stop is checked. Returns how many stops there were.
   */
  async tabThroughPage(max = 400): Promise<number> {
    let first: string | undefined;
    for (let i = 0; i < max; i++) {
      await this.page.keyboard.press('Tab');
      const f = await focusInfo(this.page);
      if (f.tag === 'body' && first !== undefined) return i;
      if (f.label === first) return i;
      first ??= f.label;
      this.check(f);
    }
    return max;
  }

  async expectHeadingFocus(): Promise<void> {
    await this.page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    const f = await focusInfo(this.page);
    this.check(f);
  }
}

/** "Showing 1–20 of 29" in any language: the last number. */
async function resultTotal(page: Page): Promise<number> {
  const text = await page.locator('.results-head__count').innerText();
  const m = /(\d+)\D*$/.exec(text.replace(/[\s\u202f\u00a0]/g, ''));
  assert.ok(m, `a result count in "${text}"`);
  return Number(m[1]);
}

async function waitForTotalOtherThan(page: Page, previous: number): Promise<number> {
  await page.waitForFunction((prev) => {
    const text = (document.querySelector('.results-head__count')?.textContent ?? '').replace(/[\s\u202f\u00a0]/g, '');
    const m = /(\d+)\D*$/.exec(text);
    return (
      m !== null && Number(m[1]) !== prev && document.querySelector('.list-layout__results[aria-busy="true"]') === null
    );
  }, previous);
  return resultTotal(page);
}

/** Every result card shows the status badge `status`. */
async function allResultsHaveStatus(page: Page, status: string): Promise<void> {
  const cards = await page.locator('main .activity-list > li').count();
  const matching = await page.locator(`main .activity-list > li .badge--status.badge--${status}`).count();
  assert.ok(cards > 0, 'some results');
  assert.equal(matching, cards, `every result is ${status}`);
}

describe('keyboard only', () => {
  let portal: Awaited<ReturnType<typeof startPortal>>;
  let browser: Browser;
  let refs: SeedRefs;
  const serves = languageGate(
    () => browser,
    () => portal.server.baseUrl,
  );

  before(async () => {
    portal = await startPortal();
    browser = await launchBrowser();
    refs = await findSeedRefs(portal.server);
  });
  after(async () => {
    await browser?.close();
    await portal?.stop();
  });

  for (const lang of LANGUAGES) {
    for (const width of [1280, 360]) {
      describe(`${lang}, ${width} px: Tab through every screen`, () => {
        let context: BrowserContext | undefined;
        let page: Page;
        before(async () => {
          if (!(await serves(lang))) return;
          context = await newContextFor(browser, lang, { width, height: 900 });
          page = await context.newPage();
        });
        after(async () => {
          await context?.close();
        });
        for (const screen of SCREENS) {
          it(screen.name, async (t) => {
            if (!context) return t.skip(SKIP_LANGUAGE(lang));
            await openScreen(page, portal.server.baseUrl, lang, screen, refs);
            const stops = await new KeyboardVisitor(page).tabThroughPage();
            t.diagnostic(`${stops} focus stops, each visible with a focus indicator`);
            assert.ok(stops >= 5, `only ${stops} focusable elements`);
          });
        }
      });
    }

    describe(lang, () => {
      let context: BrowserContext | undefined;
      let errors: string[] = [];

      const newPage = async (width: number): Promise<Page> => {
        await context?.close();
        context = await newContextFor(browser, lang, { width, height: 900 });
        const page = await context.newPage();
        errors = collectPageErrors(page);
        return page;
      };
      after(async () => {
        await context?.close();
      });

      const skip = async (t: { skip: (message: string) => void }, l: Lang) => {
        if (await serves(l)) return false;
        t.skip(SKIP_LANGUAGE(l));
        return true;
      };

      it('goes home → pillar → area → activity with Tab and Enter', async (t) => {
        if (await skip(t, lang)) return;
        const page = await newPage(1280);
        const kb = new KeyboardVisitor(page);
        await openScreen(page, portal.server.baseUrl, lang, screenNamed('home'), refs);

        await kb.tabTo(`main a[href="/${lang}/framework/${refs.pillarId}"]`);
        await kb.follow(`/${lang}/framework/${refs.pillarId}`);
        await settle(page);

        await kb.tabTo(`main a[href="/${lang}/framework/${refs.areaId}"]`);
        await kb.follow(`/${lang}/framework/${refs.areaId}`);
        await settle(page);

        await kb.tabTo(`main .activity-list a[href^="/${lang}/activities/"]`);
        const href = await page.evaluate(() => document.activeElement?.getAttribute('href') ?? '');
        await kb.follow(href);
        await settle(page);
        const heading = await page.evaluate(() => document.activeElement?.textContent ?? '');
        assert.ok(heading.trim().length > 0, 'the focused h1 names the activity');
        assert.equal(await page.locator('h1').count(), 1);
        assert.deepEqual(errors, []);
      });

      it('filters the activity list and opens a result (wide screen)', async (t) => {
        if (await skip(t, lang)) return;
        const page = await newPage(1280);
        const kb = new KeyboardVisitor(page);
        await openScreen(page, portal.server.baseUrl, lang, screenNamed('activity'), refs);

        // From the top of an activity page, the main navigation leads to the activity list.
        await kb.tabTo(`header a[href="/${lang}/activities"]`);
        await kb.follow(`/${lang}/activities`);
        await settle(page, screenNamed('activities'));
        const all = await resultTotal(page);

        await kb.tabTo('#filter-q');
        await page.keyboard.type('women');
        await kb.tabTo('#filter-plan');
        await kb.press('ArrowDown');
        const plan = await page.locator('#filter-plan').inputValue();
        assert.notEqual(plan, '', 'the arrow key picks a plan');
        await kb.tabTo('input[name="status"][value="completed"]');
        await kb.press('Space');
        assert.ok(await page.locator('input[name="status"][value="completed"]').isChecked(), 'Space ticks the box');

        // Back to the search box; Enter submits the form.
        await kb.tabTo('#filter-q', { backwards: true });
        await kb.press('Enter');
        await page.waitForURL((url) => url.searchParams.get('status') === 'completed');
        const url = new URL(page.url());
        assert.equal(url.searchParams.get('q'), 'women');
        assert.equal(url.searchParams.get('plan'), plan);
        const filtered = await waitForTotalOtherThan(page, all);
        assert.ok(filtered > 0 && filtered < all, `${filtered} of ${all}`);
        await allResultsHaveStatus(page, 'completed');

        // The focus is not lost: it moved to the results, from where Tab reaches them.
        await page.waitForFunction(() => document.activeElement !== document.body);
        const afterApply = await focusInfo(page);
        assert.ok(afterApply.visible, `focus after applying the filters: ${afterApply.label}`);

        await kb.tabTo(`main .activity-list a[href^="/${lang}/activities/"]`);
        const href = await page.evaluate(() => document.activeElement?.getAttribute('href') ?? '');
        await kb.follow(href);
        assert.deepEqual(errors, []);
      });

      it('signs in, edits a draft activity and submits it for review', async (t) => {
        if (await skip(t, lang)) return;
        // An editor with a draft of their own, made through the API.
        const email = `keyboard.editor.${lang}@example.org`;
        await portal.server.core.auth.createUser(
          null,
          { email, displayName: `Keyboard editor ${lang}`, role: 'editor', side: 'partner' },
          TEST_PASSWORD,
        );
        const api = new Client(portal.server);
        assert.equal((await api.signIn(email, TEST_PASSWORD)).status, 200);
        const created = await api.request<ActivityDetail>('POST', '/api/v1/activities', {
          title: { en: `Keyboard workshop ${lang}`, fr: `Atelier clavier ${lang}` },
          type: 'training',
          status: 'planned',
          links: [{ nodeId: refs.areaId, rationale: 'Serves the area.' }],
        });
        assert.equal(created.status, 201, JSON.stringify(created.body));
        const id = created.body.id;

        const page = await newPage(1280);
        const kb = new KeyboardVisitor(page);
        await openScreen(page, portal.server.baseUrl, lang, screenNamed('home'), refs);

        // Sign in from the header's link.
        await kb.tabTo(`header a[href^="/${lang}/sign-in"]`);
        await kb.follow(`/${lang}/sign-in`);
        await kb.tabTo('#f-email');
        await page.keyboard.type(email);
        await kb.press('Tab');
        assert.ok(await kb.focusedMatches('#f-password'), 'Tab goes from the e-mail address to the password');
        await page.keyboard.type(TEST_PASSWORD);
        // Enter signs in (no focus check in between: the form is busy and the page is changing).
        await page.keyboard.press('Enter');
        await page.waitForURL((url) => url.pathname === `/${lang}/` || url.pathname === `/${lang}/workspace`);
        await settle(page);
        // The page signed in to takes the focus on its heading, like any other page opened.
        await kb.expectHeadingFocus();

        // From the workspace, the draft's edit link opens the editor (the header is above the heading).
        if (new URL(page.url()).pathname !== `/${lang}/workspace`) {
          await kb.tabTo(`header a[href="/${lang}/workspace"]`, { backwards: true });
          await kb.follow(`/${lang}/workspace`);
          await settle(page);
        }
        await kb.tabTo(`main a[href="/${lang}/workspace/activities/${id}/edit"]`);
        await kb.follow(`/${lang}/workspace/activities/${id}/edit`);
        await settle(page);

        await kb.tabTo('#f-summary-en');
        await page.keyboard.type('Three regional workshops for labour inspectors.');
        await kb.tabTo('main form button[type="submit"]');
        // Enter saves and opens the activity (no focus check in between: the page is changing).
        await page.keyboard.press('Enter');
        await page.waitForURL((url) => url.pathname === `/${lang}/activities/${id}`);
        await settle(page);
        // The confirmation takes the focus, so the next Tab continues from the publication panel.
        await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'status');

        // Submit for review from the publication panel.
        const submitLabel = (lang === 'fr' ? fr : en)['staff.submit'];
        const submitButton = page.locator('main .staff-panel button').filter({ hasText: submitLabel });
        await kb.tabTo('main .staff-panel button', { text: submitLabel });
        await page.keyboard.press('Enter');
        await submitButton.waitFor({ state: 'detached' });
        // The button is gone: the confirmation takes the focus rather than the page's body.
        await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'status');
        const after = await api.get<ActivityDetail & { workflowState: string }>(`/api/v1/activities/${id}`);
        assert.equal(after.body.workflowState, 'submitted');
        assert.equal(after.body.summary.en, 'Three regional workshops for labour inspectors.');
        const focus = await focusInfo(page);
        assert.ok(focus.visible && focus.tag !== 'body', `the focus is kept after submitting: ${focus.label}`);
        assert.deepEqual(errors, []);
      });

      it('opens the filters, filters and opens a result on a phone', async (t) => {
        if (await skip(t, lang)) return;
        const page = await newPage(360);
        const kb = new KeyboardVisitor(page);
        await openScreen(page, portal.server.baseUrl, lang, screenNamed('activities'), refs);
        const all = await resultTotal(page);

        const toggle = 'button[aria-controls="activity-filters"]';
        await kb.tabTo(toggle);
        assert.equal(await page.locator(toggle).getAttribute('aria-expanded'), 'false');
        await kb.press('Space');
        assert.equal(await page.locator(toggle).getAttribute('aria-expanded'), 'true', 'Space opens the filters');

        await kb.tabTo('#filter-q');
        await page.keyboard.type('ASEAN');
        await kb.tabTo('input[name="status"][value="ongoing"]');
        await kb.press('Space');
        await kb.tabTo('button[type="submit"]');
        await kb.press('Enter');
        await page.waitForURL((url) => url.searchParams.get('status') === 'ongoing');
        assert.equal(new URL(page.url()).searchParams.get('q'), 'ASEAN');
        const filtered = await waitForTotalOtherThan(page, all);
        assert.ok(filtered > 0 && filtered < all, `${filtered} of ${all}`);
        await allResultsHaveStatus(page, 'ongoing');

        // On a phone the filters fold away and the focus moves to the results heading.
        await page.waitForFunction(() => document.activeElement?.id === 'results-title');
        assert.equal(await page.locator(toggle).getAttribute('aria-expanded'), 'false');

        await kb.tabTo(`main .activity-list a[href^="/${lang}/activities/"]`);
        const href = await page.evaluate(() => document.activeElement?.getAttribute('href') ?? '');
        await kb.follow(href);
        assert.deepEqual(errors, []);
      });
    });
  }
});
