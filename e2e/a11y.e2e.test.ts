import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startPortal } from './support/app';
import { collectPageErrors, launchBrowser } from './support/browser';
import { focusInfo } from './support/inspect';
import {
  LANGUAGES,
  SCREENS,
  SKIP_LANGUAGE,
  findSeedRefs,
  languageGate,
  newContextFor,
  openScreen,
  type Lang,
  type SeedRefs,
} from './support/screens';

/** WCAG 2.1 level A and AA, the bar the Government of Canada sets. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const WIDTHS = [1280, 360] as const;

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;

function describeViolations(violations: AxeResults['violations']): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => `    - ${n.target.join(' ')}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`)
        .join('\n');
      return `${v.id} [${v.impact ?? 'unknown impact'}]: ${v.help}\n  ${v.helpUrl}\n${nodes}`;
    })
    .join('\n\n');
}

interface Structure {
  lang: string;
  headings: { level: number; text: string }[];
  imagesWithoutAlt: string[];
  navigationNames: (string | null)[];
}

async function readStructure(page: Page): Promise<Structure> {
  return page.evaluate(() => {
    // (No named helper functions in here: the code runs in the page, without the test's runtime.)
    const headings = Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6'))
      .filter(
        (el) =>
          el.checkVisibility({ visibilityProperty: true }) && !el.closest('[aria-hidden="true"], [hidden], [inert]'),
      )
      .map((h) => ({
        level: Number(h.tagName.slice(1)),
        text: (h.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 70),
      }));
    const imagesWithoutAlt = Array.from(document.querySelectorAll('img:not([alt])')).map((i) =>
      i.outerHTML.slice(0, 120),
    );
    const navigationNames = Array.from(document.querySelectorAll('nav, [role="navigation"]'))
      .filter((el) => el.checkVisibility({ visibilityProperty: true }) && !el.closest('[aria-hidden="true"]'))
      .map((n) => {
        const labelledBy = n.getAttribute('aria-labelledby');
        if (labelledBy) return document.getElementById(labelledBy)?.textContent?.trim() ?? null;
        return n.getAttribute('aria-label');
      });
    return { lang: document.documentElement.lang, headings, imagesWithoutAlt, navigationNames };
  });
}

async function assertStructure(page: Page, lang: Lang): Promise<void> {
  const s = await readStructure(page);
  const outline = s.headings.map((h) => `${'  '.repeat(h.level - 1)}h${h.level} ${h.text}`).join('\n');

  assert.equal(s.lang, lang, 'html[lang] is the language in the address');
  assert.equal(s.headings.filter((h) => h.level === 1).length, 1, `exactly one h1:\n${outline}`);
  let previous = 0;
  for (const h of s.headings) {
    assert.ok(h.level <= previous + 1, `h${h.level} "${h.text}" follows h${previous}:\n${outline}`);
    previous = h.level;
  }

  for (const role of ['banner', 'main', 'contentinfo'] as const) {
    assert.equal(await page.getByRole(role).count(), 1, `one ${role} landmark`);
  }
  assert.ok(s.navigationNames.length >= 1, 'a navigation landmark');
  assert.ok(
    s.navigationNames.every((n) => n !== null && n !== ''),
    `every navigation landmark has a name: ${JSON.stringify(s.navigationNames)}`,
  );
  assert.equal(
    new Set(s.navigationNames).size,
    s.navigationNames.length,
    `navigation names differ: ${JSON.stringify(s.navigationNames)}`,
  );
  assert.deepEqual(s.imagesWithoutAlt, [], 'every img has an alt attribute');
}

/** The first Tab reaches a visible skip link; following it puts the focus in main. */
async function assertSkipLink(page: Page): Promise<void> {
  await page.keyboard.press('Tab');
  const first = await focusInfo(page);
  const target = await page.evaluate(() => {
    const href = document.activeElement?.getAttribute('href') ?? '';
    const el = href.startsWith('#') ? document.getElementById(href.slice(1)) : null;
    return el?.tagName.toLowerCase() ?? null;
  });
  assert.equal(target, 'main', `the first focusable element is a link to main, not ${first.label}`);
  assert.ok(first.visible, `the skip link shows when focused (${first.hiddenReason})`);
  assert.ok(first.indicator, 'the skip link has a focus indicator');
  await page.keyboard.press('Enter');
  const inMain = await page.evaluate(() => {
    const main = document.querySelector('main');
    return main !== null && main.contains(document.activeElement);
  });
  assert.ok(inMain, 'the skip link moves the focus into main');
}

describe('accessibility of every screen (axe, WCAG 2.1 AA, structure)', () => {
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
    for (const width of WIDTHS) {
      describe(`${lang}, ${width} px wide`, () => {
        let context: BrowserContext | undefined;
        let page: Page;
        let errors: string[] = [];

        before(async () => {
          if (!(await serves(lang))) return;
          context = await newContextFor(browser, lang, { width, height: 900 });
          page = await context.newPage();
          errors = collectPageErrors(page);
        });
        after(async () => {
          await context?.close();
        });

        for (const screen of SCREENS) {
          it(screen.name, async (t) => {
            if (!context) {
              t.skip(SKIP_LANGUAGE(lang));
              return;
            }
            errors.length = 0;
            await openScreen(page, portal.server.baseUrl, lang, screen, refs);
            const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
            assert.equal(
              results.violations.length,
              0,
              `axe found ${results.violations.length} violation(s) on ${page.url()}:\n\n${describeViolations(results.violations)}`,
            );
            await assertStructure(page, lang);
            if (screen.act) {
              // The action moved the focus (e.g. to an error summary): start again from the top.
              await page.evaluate(() => {
                document.body.tabIndex = -1;
                document.body.focus();
                document.body.removeAttribute('tabindex');
              });
            }
            await assertSkipLink(page);
            assert.deepEqual(errors, [], 'no script errors');
          });
        }
      });
    }
  }
});
