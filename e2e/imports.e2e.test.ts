import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ActivityDetail, ImportSummary, Page as ApiPage } from '../src/shared/api-types';
import { startPortal } from './support/app';
import { collectPageErrors, launchBrowser } from './support/browser';
import { WAIT_MS } from './support/screens';
import { apiFromPage, Workspace } from './support/workspace';

const PASSWORD = 'correct horse battery staple';
const EDITOR = 'ivan.importer@example.org';

const activity = (id: string, title: string, statusAttributes = '') =>
  `<iati-activity default-currency="CAD"><iati-identifier>${id}</iati-identifier><reporting-org ref="CA-3" type="10"><narrative>Global Affairs Canada</narrative></reporting-org><title><narrative>${title}</narrative><narrative xml:lang="fr">${title} (FR)</narrative></title><description><narrative>About ${title}.</narrative></description><participating-org ref="CA-3" role="1" type="10"><narrative>Global Affairs Canada</narrative></participating-org><activity-status code="2"${statusAttributes}/><activity-date type="2" iso-date="2013-04-01"/><recipient-country code="PH"/><transaction><transaction-type code="2"/><transaction-date iso-date="2013-04-01"/><value value-date="2013-04-01">75000</value></transaction></iati-activity>`;

const FILE = `<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03">
${activity('CA-3-WIZ-1', 'Coastal resilience training')}
${activity('CA-3-WIZ-2', 'Customs modernisation dialogue')}
${activity('CA-3-WIZ-3', 'Broken record', ' foo="x"')}
</iati-activities>
`;

/** The import wizard: upload, preview, confirm, and the record of imports. */
describe('importing activities in Chromium', () => {
  let portal: Awaited<ReturnType<typeof startPortal>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let ws: Workspace;
  let errors: string[];

  before(async () => {
    portal = await startPortal();
    browser = await launchBrowser();
    await portal.server.core.auth.createUser(
      null,
      { email: EDITOR, displayName: 'Ivan Importer', role: 'editor', side: 'canada' },
      PASSWORD,
    );
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-CA' });
    page = await context.newPage();
    errors = collectPageErrors(page);
    ws = new Workspace(page, portal.server.baseUrl);
    await ws.signIn(EDITOR, PASSWORD);
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await portal?.stop();
  });

  const byIdentifier = async (id: string) =>
    portal.server.db.db
      .selectFrom('activities')
      .select(['id', 'workflow_state'])
      .where('iati_identifier', '=', id)
      .executeTakeFirst();

  const upload = async (name: string, body: string) => {
    await page.locator('#f-file').setInputFiles({ name, mimeType: 'application/xml', buffer: Buffer.from(body) });
    await page.getByRole('button', { name: 'Preview the import' }).click();
    await page.locator('#import-result-title').waitFor({ timeout: WAIT_MS });
  };

  const tableRows = () =>
    page
      .locator('main .import-report table tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) =>
          Array.from(tr.querySelectorAll('th, td'), (c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim()),
        ),
      );

  it('asks for a file, previews without writing, then imports on confirmation', async () => {
    await page.getByRole('link', { name: /Import activities/ }).click();
    await ws.expectHeading('Import activities');
    await page.getByRole('button', { name: 'Preview the import' }).click();
    await ws.errorSummary().waitFor();
    assert.match(await ws.errorSummary().innerText(), /File: Choose a file to import/);

    await upload('gac-activities.xml', FILE);
    assert.match(await page.locator('#import-result-title').innerText(), /Preview of gac-activities\.xml/);
    const counts = await page.locator('.import-counts').first().innerText();
    assert.match(counts, /2 activities would be added/);
    assert.match(counts, /1 rejected/);
    // Rejections are shown first, with their line and the schema's reason.
    const rejected = await tableRows();
    assert.equal(rejected.length, 1);
    assert.match(rejected[0]?.[0] ?? '', /CA-3-WIZ-3/);
    assert.equal(rejected[0]?.[1], '5');
    assert.match(rejected[0]?.[3] ?? '', /Line 5: not valid IATI 2\.03: .*'foo'/);
    await page.getByRole('radio', { name: /^All/ }).check();
    assert.equal((await tableRows()).length, 3);
    assert.equal(await byIdentifier('CA-3-WIZ-1'), undefined, 'a preview writes nothing');

    await page.getByRole('button', { name: 'Import 2 activities' }).click();
    await ws.expectStatus(/2 activities were written/);
    const added = await byIdentifier('CA-3-WIZ-1');
    assert.equal(added?.workflow_state, 'draft', 'imported activities wait for review');
    assert.ok(await byIdentifier('CA-3-WIZ-2'));
    assert.equal(await byIdentifier('CA-3-WIZ-3'), undefined);

    await page.getByRole('radio', { name: /^Added/ }).check();
    await page.getByRole('link', { name: 'Coastal resilience training' }).click();
    await ws.expectHeading('Coastal resilience training');
    const detail = (await apiFromPage(page, 'GET', `/activities/${added?.id ?? ''}`)).body as ActivityDetail;
    assert.deepEqual(detail.countries, ['PH']);
    assert.deepEqual(
      detail.funding.map((f) => [f.type, f.amount, f.currency]),
      [['commitment', '75000.00', 'CAD']],
    );
  });

  it('keeps a record of every import, and the same file again changes nothing', async () => {
    await ws.open('/en/workspace/imports');
    await upload('gac-activities.xml', FILE);
    assert.match(await page.locator('.import-counts').first().innerText(), /2 unchanged/);
    assert.equal(
      await page.getByRole('button', { name: /^Import \d/ }).count(),
      0,
      'nothing to write, nothing to confirm',
    );

    const record = (await apiFromPage(page, 'GET', '/imports')).body as ApiPage<ImportSummary>;
    assert.deepEqual(
      record.items.map((i) => [i.outcome, i.counts.added, i.counts.unchanged, i.counts.rejected]),
      [
        ['previewed', 0, 2, 1],
        ['committed', 2, 0, 1],
        ['previewed', 2, 0, 1],
      ],
    );
    await page.getByRole('button', { name: 'Cancel and choose another file' }).click();
    const rows = page.locator('section[aria-labelledby="import-record-title"] tbody tr');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 3);
    await rows.nth(1).getByRole('link').click();
    await ws.expectHeading('Import of gac-activities.xml');
    assert.match(await ws.main().innerText(), /Import \(add and update\), on .* by Ivan Importer/);
    await page.getByRole('radio', { name: /^Added/ }).check();
    assert.ok(await page.getByRole('link', { name: 'Customs modernisation dialogue' }).isVisible());

    await ws.open('/en/workspace/imports');
    await upload('not-iati.xml', '<html><body>hello</body></html>');
    assert.match(await ws.main().innerText(), /not-iati\.xml cannot be imported/);
    assert.match(await ws.main().innerText(), /not an IATI activity file/);
    // The browser notes the refusal (422) the last upload provoked on purpose; nothing else.
    assert.deepEqual(
      errors.filter((e) => !e.includes('the server responded with a status of 422 ')),
      [],
    );
  });
});
