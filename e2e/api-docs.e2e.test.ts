import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { startPortal } from './support/app';
import { collectPageErrors, launchBrowser } from './support/browser';
import { WAIT_MS } from './support/screens';

describe('API viewer in Chromium', () => {
  let portal: Awaited<ReturnType<typeof startPortal>>;
  let browser: Browser;
  before(async () => {
    portal = await startPortal();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await portal?.stop();
  });

  it('lists every operation of the API and tries one out', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${portal.server.baseUrl}/api/docs`);
    const operations = page.locator('.opblock');
    await operations.first().waitFor({ timeout: WAIT_MS });
    const doc = (await portal.server.get<{ paths: Record<string, Record<string, unknown>> }>('/api/v1/openapi.json'))
      .body;
    const expected = Object.values(doc.paths).reduce((n, p) => n + Object.keys(p).length, 0);
    assert.equal(await operations.count(), expected);

    // Open "GET /api/v1/plans", try it out, execute: the viewer shows the server's answer.
    const plans = page.locator('.opblock-get', { has: page.locator('[data-path="/api/v1/plans"]') }).first();
    await plans.locator('.opblock-summary').click();
    await plans.getByRole('button', { name: 'Try it out' }).click();
    await plans.getByRole('button', { name: 'Execute' }).click();
    await plans.locator('.live-responses-table tr.response .response-col_status').first().waitFor({ timeout: WAIT_MS });
    assert.match(
      await plans.locator('.live-responses-table tr.response .response-col_status').first().innerText(),
      /200/,
    );
    assert.match(
      await plans.locator('.live-responses-table .microlight').first().innerText(),
      /asean-canada-2010-2015/,
    );
    assert.deepEqual(errors, []);
    await context.close();
  });
});
