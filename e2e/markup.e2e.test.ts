import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { ActivityDetail, PlanDetail } from '../src/shared/api-types';
import { Client } from '../test/support/client';
import { startPortal } from './support/app';
import { collectPageErrors, launchBrowser } from './support/browser';
import { nodeIdsByCode } from './support/workspace';

const PASSWORD = 'correct horse battery staple';
/** Text that would run script, load an image or add a link if it were ever read as HTML. */
const TITLE = 'Quokka <img src="x" onerror="window.__ran = \'img\'"> <script>window.__ran = \'script\'</script> forum';
const SUMMARY =
  'Markup <b>stays text</b> & <a href="javascript:window.__ran=\'link\'">click</a> <svg onload="window.__ran=\'svg\'"></svg>';

/**
 * HTML in what officers type is text wherever it is shown: the public activity page, search results with their
 * highlighted matches, the workspace, and the HTML progress report. Nothing in it runs, loads or links.
 */
describe('markup in user text, in Chromium', () => {
  let portal: Awaited<ReturnType<typeof startPortal>>;
  let browser: Browser;
  let id = '';

  before(async () => {
    portal = await startPortal();
    browser = await launchBrowser();
    const clients: Record<string, Client> = {};
    for (const [role, side] of [
      ['editor', 'partner'],
      ['reviewer', 'asean'],
      ['reviewer', 'canada'],
    ] as const) {
      const email = `${role}-${side}.markup@example.org`;
      await portal.server.core.auth.createUser(null, { email, displayName: `${role} ${side}`, role, side }, PASSWORD);
      const client = new Client(portal.server);
      assert.equal((await client.signIn(email, PASSWORD)).status, 200);
      clients[`${role}-${side}`] = client;
    }
    const plan = await portal.server.get<PlanDetail>('/api/v1/plans/asean-canada-2010-2015');
    const area = nodeIdsByCode(plan.body).get('1.1')!;
    const created = await clients['editor-partner']!.request<ActivityDetail>('POST', '/api/v1/activities', {
      title: { en: TITLE, fr: TITLE },
      summary: { en: SUMMARY, fr: SUMMARY },
      type: 'dialogue',
      status: 'ongoing',
      plannedStart: '2012-05',
      countries: ['TH'],
      links: [{ nodeId: area, rationale: '<i>why</i>' }],
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    id = created.body.id;
    let version = created.body.version;
    for (const [who, action] of [
      ['editor-partner', 'submit'],
      ['reviewer-asean', 'approve'],
      ['reviewer-canada', 'approve'],
    ] as const) {
      const res = await clients[who]!.request<ActivityDetail>('POST', `/api/v1/activities/${id}/${action}`, undefined, {
        'if-match': `"${version}"`,
      });
      assert.equal(res.status, 200, `${who} ${action}: ${JSON.stringify(res.body)}`);
      version = res.body.version;
    }
    const published = await portal.server.get<ActivityDetail>(`/api/v1/activities/${id}`);
    assert.equal(published.status, 200, 'published: the public reads it');
  });
  after(async () => {
    await browser?.close();
    await portal?.stop();
  });

  /** What a page shows and did after loading `path`: nothing ran, no element came from the text. */
  async function visit(path: string, shown: (page: Page) => Promise<void>): Promise<void> {
    const context = await browser.newContext({ locale: 'en-CA' });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(portal.server.baseUrl + path);
    await shown(page);
    await page.waitForTimeout(200);
    assert.equal(await page.evaluate(() => (window as { __ran?: string }).__ran), undefined, `${path}: nothing ran`);
    const injected = await page.evaluate(() => ({
      images: document.querySelectorAll('img[src="x"], svg[onload]').length,
      scriptLinks: [...document.querySelectorAll('a')].filter((a) => a.href.startsWith('javascript:')).length,
      bold: [...document.querySelectorAll('b')].filter((b) => b.textContent === 'stays text').length,
    }));
    assert.deepEqual(injected, { images: 0, scriptLinks: 0, bold: 0 }, `${path}: no element came from the text`);
    assert.ok(!requests.some((u) => u.endsWith('/x')), `${path}: no image was asked for`);
    assert.deepEqual(errors, [], `${path}: no error, and no script the Content-Security-Policy had to block`);
    await context.close();
  }

  it('shows the text as typed on the public activity page, in English and French', async () => {
    for (const lang of ['en', 'fr']) {
      await visit(`/${lang}/activities/${id}`, async (page) => {
        await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
        await page.getByText('Markup <b>stays text</b>', { exact: false }).first().waitFor();
      });
    }
  });

  it('shows it as text in search results, with the match highlighted', async () => {
    await visit('/en/search?q=quokka', async (page) => {
      const result = page.getByRole('main').getByRole('link', { name: /Quokka <img src="x"/ });
      await result.first().waitFor();
      assert.equal(
        (await page
          .getByRole('main')
          .locator('mark', { hasText: /^Quokka$/i })
          .count()) > 0,
        true,
      );
    });
  });

  it('shows it as text in the HTML progress report', async () => {
    await visit('/api/v1/plans/asean-canada-2010-2015/report?format=html&lang=en', async (page) => {
      await page
        .getByText(/Quokka <img src="x"/)
        .first()
        .waitFor();
    });
  });
});
