import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { REPO_ROOT } from '../src/cli/build-web';
import { startPortal } from './support/app';
import { launchBrowser } from './support/browser';
import { clipping, horizontalOverflow, overflowingElements } from './support/inspect';
import {
  LANGUAGES,
  SCREENS,
  SKIP_LANGUAGE,
  findSeedRefs,
  languageGate,
  newContextFor,
  openScreen,
  screenNamed,
  type Lang,
  type Screen,
  type SeedRefs,
} from './support/screens';

const WIDTHS = [360, 768, 1280] as const;
/** WCAG 1.4.10 Reflow: content fits 320 CSS px without scrolling sideways. */
const REFLOW_WIDTH = 320;
/** WCAG 1.4.4 Resize text: at this width the text is also checked at 200 %. */
const TEXT_RESIZE_WIDTH = 1280;
/** Full-page screenshots for a person to look at (git-ignored). */
const SCREENS_DIR = path.join(REPO_ROOT, 'test-results', 'screens');
/**
 * A full-page screenshot of a long page at 200 % text is a tall image: give it time on a busy
 * two-core machine (the checks themselves read the DOM, not the picture).
 */
const SHOT_TIMEOUT_MS = 30_000;

const shotName = (screen: Screen, lang: Lang, suffix: string) =>
  path.join(SCREENS_DIR, `${screen.name}${lang === 'en' ? '' : `-${lang}`}-${suffix}.png`);

async function nextFrames(page: Page): Promise<void> {
  await page.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  );
}

async function assertNoSidewaysScroll(page: Page, what: string): Promise<void> {
  const overflow = await horizontalOverflow(page);
  assert.ok(
    overflow <= 0,
    `${what}: the page scrolls sideways by ${overflow} px; sticking out:\n${(await overflowingElements(page)).join('\n')}`,
  );
}

async function assertNotClipped(page: Page, selector: string, what: string): Promise<void> {
  const items = page.locator(selector);
  const count = await items.count();
  assert.ok(count > 0, `${what}: nothing matches ${selector}`);
  for (let i = 0; i < count; i++) {
    const item = items.nth(i);
    const problem = await clipping(item);
    assert.equal(problem, null, `${what}: "${(await item.innerText()).trim()}" is ${problem}`);
  }
}

/** The site's own navigation: the header's navigation that links to the activity list. */
const primaryNavLinks = (lang: Lang) => `header nav:has(a[href="/${lang}/activities"]) a`;

describe('responsive layout, text size and print', () => {
  let portal: Awaited<ReturnType<typeof startPortal>>;
  let browser: Browser;
  let refs: SeedRefs;
  const serves = languageGate(
    () => browser,
    () => portal.server.baseUrl,
  );

  before(async () => {
    fs.mkdirSync(SCREENS_DIR, { recursive: true });
    portal = await startPortal();
    browser = await launchBrowser();
    refs = await findSeedRefs(portal.server);
  });
  after(async () => {
    await browser?.close();
    await portal?.stop();
  });

  /** A describe block with its own browser context (one viewport), skipped for a language not served. */
  function inContext(
    title: string,
    lang: Lang,
    viewport: { width: number; height: number },
    body: (get: () => Page | undefined) => void,
  ) {
    describe(title, () => {
      let context: BrowserContext | undefined;
      let page: Page | undefined;
      before(async () => {
        if (!(await serves(lang))) return;
        context = await newContextFor(browser, lang, viewport);
        page = await context.newPage();
      });
      after(async () => {
        await context?.close();
      });
      body(() => page);
    });
  }

  for (const lang of LANGUAGES) {
    for (const width of WIDTHS) {
      inContext(`${lang}, ${width} px wide`, lang, { width, height: 900 }, (get) => {
        for (const screen of SCREENS) {
          it(screen.name, async (t) => {
            const page = get();
            if (!page) return t.skip(SKIP_LANGUAGE(lang));
            await openScreen(page, portal.server.baseUrl, lang, screen, refs);
            await t.test('fits the width, with the h1 in view', async () => {
              await page.screenshot({
                path: shotName(screen, lang, String(width)),
                fullPage: true,
                timeout: SHOT_TIMEOUT_MS,
              });
              await assertNoSidewaysScroll(page, `${screen.name} at ${width} px`);
              await assertNotClipped(page, 'h1', 'h1');
            });
            if (width !== TEXT_RESIZE_WIDTH) return;
            await t.test('text at 200 % (WCAG 1.4.4)', async () => {
              await page.evaluate(() => {
                document.documentElement.style.fontSize = '200%';
              });
              await nextFrames(page);
              await page.screenshot({
                path: shotName(screen, lang, `${width}-text200`),
                fullPage: true,
                timeout: SHOT_TIMEOUT_MS,
              });
              await assertNoSidewaysScroll(page, `${screen.name} with text at 200 %`);
              await assertNotClipped(page, 'h1', 'h1');
              await assertNotClipped(page, primaryNavLinks(lang), 'main navigation');
            });
          });
        }
      });
    }

    inContext(
      `${lang}, reflow at ${REFLOW_WIDTH} px (WCAG 1.4.10)`,
      lang,
      { width: REFLOW_WIDTH, height: 640 },
      (get) => {
        for (const screen of SCREENS) {
          it(screen.name, async (t) => {
            const page = get();
            if (!page) return t.skip(SKIP_LANGUAGE(lang));
            await openScreen(page, portal.server.baseUrl, lang, screen, refs);
            await page.screenshot({
              path: shotName(screen, lang, String(REFLOW_WIDTH)),
              fullPage: true,
              timeout: SHOT_TIMEOUT_MS,
            });
            await assertNoSidewaysScroll(page, `${screen.name} at ${REFLOW_WIDTH} px`);
            await assertNotClipped(page, 'h1', 'h1');
            await assertNotClipped(page, primaryNavLinks(lang), 'main navigation');
          });
        }
      },
    );

    inContext(`${lang}, print`, lang, { width: 1280, height: 900 }, (get) => {
      for (const name of ['activity', 'activity-details', 'area', 'activities', 'search']) {
        it(name, async (t) => {
          const page = get();
          if (!page) return t.skip(SKIP_LANGUAGE(lang));
          const screen = screenNamed(name);
          await openScreen(page, portal.server.baseUrl, lang, screen, refs);
          await page.emulateMedia({ media: 'print' });
          try {
            const report = await page.evaluate(() => ({
              skipLinkDisplay: getComputedStyle(document.querySelector('a[href="#main"]') ?? document.body).display,
              shownNavigation: Array.from(document.querySelectorAll('nav, [role="navigation"]'))
                .filter((el) => el.checkVisibility())
                .map((el) => el.getAttribute('aria-label') ?? el.className),
              shownForms: Array.from(document.querySelectorAll('form, button, input, select, textarea'))
                .filter((el) => el.checkVisibility())
                .map((el) => `${el.tagName.toLowerCase()}.${String(el.className)}`),
              h1: document.querySelector('h1')?.checkVisibility() ?? false,
              mainText: document.querySelector<HTMLElement>('main')?.innerText.trim().length ?? 0,
              externalLinks: Array.from(document.querySelectorAll<HTMLAnchorElement>('main a[href^="http"]'))
                .filter((a) => a.checkVisibility())
                .map((a) => ({
                  href: a.getAttribute('href') ?? '',
                  text: a.textContent ?? '',
                  after: getComputedStyle(a, '::after').content,
                })),
            }));
            assert.equal(report.skipLinkDisplay, 'none', 'the skip link is not printed');
            assert.deepEqual(report.shownNavigation, [], 'no navigation is printed');
            assert.deepEqual(report.shownForms, [], 'no form or form control is printed');
            assert.ok(report.h1, 'the h1 is printed');
            assert.ok(report.mainText > 200, `the main content is printed (${report.mainText} characters)`);
            if (name === 'activity') assert.ok(report.externalLinks.length > 0, 'the activity has linked sources');
            for (const link of report.externalLinks) {
              const bare = link.href.replace(/^https?:\/\//, '').replace(/\/$/, '');
              assert.ok(
                link.after.includes(link.href) || link.text.includes(bare),
                `the address of "${link.text}" is printed (::after is ${link.after})`,
              );
            }
            await page.screenshot({ path: shotName(screen, lang, 'print'), fullPage: true, timeout: SHOT_TIMEOUT_MS });
          } finally {
            await page.emulateMedia({ media: 'screen' });
          }
        });
      }
    });
  }
});
