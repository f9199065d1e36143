import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ActivityDetail, ActivitySummary, ImportSummary, Page as ApiPage } from '../src/shared/api-types';
import { startPortal } from './support/app';
import { collectPageErrors, launchBrowser } from './support/browser';
import { WAIT_MS } from './support/screens';
import { apiFromPage, Workspace } from './support/workspace';

const PASSWORD = 'correct horse battery staple';
const EDITOR = 'ivan.importer@example.org';
const VIEWER = 'vera.viewer@example.org';
const TITLES = ['Coastal resilience training', 'Customs modernisation dialogue'] as const;

const activity = (id: string, title: string, statusAttributes = '') =>
  `<iati-activity default-currency="CAD"><iati-identifier>${id}</iati-identifier><reporting-org ref="CA-3" type="10"><narrative>Global Affairs Canada</narrative></reporting-org><title><narrative>${title}</narrative><narrative xml:lang="fr">${title} (FR)</narrative></title><description><narrative>About ${title}.</narrative></description><participating-org ref="CA-3" role="1" type="10"><narrative>Global Affairs Canada</narrative></participating-org><activity-status code="2"${statusAttributes}/><activity-date type="2" iso-date="2013-04-01"/><recipient-country code="PH"/><transaction><transaction-type code="2"/><transaction-date iso-date="2013-04-01"/><value value-date="2013-04-01">75000</value></transaction></iati-activity>`;

/** Two valid activities and a third with an attribute the IATI schema does not allow. */
const FILE = `<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03">
${activity('CA-3-WIZ-1', TITLES[0])}
${activity('CA-3-WIZ-2', TITLES[1])}
${activity('CA-3-WIZ-3', 'Broken record', ' foo="x"')}
</iati-activities>
`;
/** The line of the rejected activity, as the report should give it. */
const IATI_UPLOAD = /\/api\/v1\/imports\/iati\?/;
const REJECTED_LINE = FILE.split('\n').findIndex((l) => l.includes('CA-3-WIZ-3')) + 1;

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
    await portal.server.core.auth.createUser(
      null,
      { email: VIEWER, displayName: 'Vera Viewer', role: 'viewer', side: 'asean' },
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

  /** The activities the editor created, through the API (drafts included: the editor is staff). */
  const mine = async () => {
    const res = await apiFromPage(page, 'GET', '/activities?createdBy=me&pageSize=50&sort=title');
    assert.equal(res.status, 200);
    return (res.body as ApiPage<ActivitySummary>).items;
  };
  const record = async () => {
    const res = await apiFromPage(page, 'GET', '/imports');
    assert.equal(res.status, 200);
    return res.body as ApiPage<ImportSummary>;
  };

  const chooseFile = (name: string, body: string) =>
    page.locator('#f-file').setInputFiles({ name, mimeType: 'application/xml', buffer: Buffer.from(body) });
  const upload = async (name: string, body: string) => {
    await chooseFile(name, body);
    await page.getByRole('button', { name: 'Preview the import' }).click();
    await page.locator('#import-result-title').waitFor({ timeout: WAIT_MS });
  };
  const counts = () => page.locator('main .import-counts').first().innerText();
  const resultSection = () => page.locator('section[aria-labelledby="import-result-title"]');
  const recordRows = () => page.locator('section[aria-labelledby="import-record-title"] tbody tr');

  /** The report table's rows, each as the texts of its cells. */
  const tableRows = () =>
    page
      .locator('main .import-report table tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) =>
          Array.from(tr.querySelectorAll('th, td'), (c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim()),
        ),
      );

  it('asks for a file, previews without writing, then imports on confirmation', async () => {
    await ws.follow(/^Import activities/);
    await ws.expectHeading('Import activities');
    // The mode defaults to "both", each choice explained.
    const modes = page.getByRole('group', { name: 'What the import may do' });
    assert.equal(await modes.getByRole('radio').count(), 3);
    assert.ok(await modes.getByRole('radio', { name: 'Add new activities and update existing ones' }).isChecked());
    assert.match(await modes.innerText(), /Activities ActionLine already holds are rejected\./);

    await page.getByRole('button', { name: 'Preview the import' }).click();
    await ws.errorSummary().waitFor();
    assert.match(await ws.errorSummary().innerText(), /File: Choose a file to import/);
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('error-summary')), true);
    assert.equal(await page.locator('#f-file').getAttribute('aria-invalid'), 'true');
    assert.match(await page.locator('#f-file-error').innerText(), /Choose a file to import/);
    await chooseFile('notes.txt', 'hello');
    await page.getByRole('button', { name: 'Preview the import' }).click();
    await page.locator('#f-file-error').filter({ hasText: 'Choose an .xml, .csv or .xlsx file.' }).waitFor();
    assert.deepEqual(await mine(), []);

    // Hold the server's answer to see the progress the page shows meanwhile.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(IATI_UPLOAD, async (route) => {
      await held;
      await route.continue();
    });
    await page.getByRole('radio', { name: 'Add new activities only' }).check();
    await chooseFile('gac-activities.xml', FILE);
    await page.getByRole('button', { name: 'Preview the import' }).click();
    const status = page.locator('main [role="status"]').filter({ has: page.locator('progress') });
    await status.waitFor();
    assert.match(await status.innerText(), /Sending the file|Checking the activities/);
    assert.equal(await status.getAttribute('aria-live'), 'polite');
    release();
    await page.locator('#import-result-title').waitFor({ timeout: WAIT_MS });
    await page.unroute(IATI_UPLOAD);
    assert.equal(await page.locator('main progress').count(), 0, 'the progress bar goes once the answer is in');

    assert.match(await page.locator('#import-result-title').innerText(), /Preview of gac-activities\.xml/);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'import-result-title');
    const preview = await counts();
    assert.match(preview, /2 activities would be added/);
    assert.match(preview, /0 would be updated/);
    assert.match(preview, /1 rejected/);
    // Rejections are shown first, with their line and the schema's reason.
    const rejected = await tableRows();
    assert.equal(rejected.length, 1);
    assert.match(rejected[0]?.[0] ?? '', /CA-3-WIZ-3/);
    assert.equal(rejected[0]?.[1], String(REJECTED_LINE));
    assert.equal(rejected[0]?.[2], 'Rejected');
    assert.match(
      rejected[0]?.[3] ?? '',
      new RegExp(`Line ${REJECTED_LINE}: not valid IATI 2\\.03: .*attribute 'foo'.*not allowed`),
    );
    await page.getByRole('radio', { name: /^All/ }).check();
    const all = await tableRows();
    assert.deepEqual(
      all.map((r) => [r[1], r[2]]),
      [
        ['3', 'To be added'],
        ['4', 'To be added'],
        [String(REJECTED_LINE), 'Rejected'],
      ],
    );
    assert.equal(
      await page.locator('main .import-report tbody th a').count(),
      0,
      'nothing to link to before the import',
    );
    await page.getByRole('radio', { name: /^Added/ }).check();
    assert.equal((await tableRows()).length, 2);
    assert.deepEqual(await mine(), [], 'a preview writes nothing');
    assert.deepEqual(
      (await record()).items.map((i) => [i.outcome, i.mode, i.counts.added, i.counts.rejected]),
      [['previewed', 'add', 2, 1]],
    );

    await page.getByRole('button', { name: 'Import 2 activities' }).click();
    await ws.expectStatus(/2 activities were written/);
    assert.equal(
      await page.evaluate(() => document.activeElement?.textContent ?? ''),
      '2 activities were written. See the record of this import',
      'the focus moves to the confirmation',
    );
    assert.match(await counts(), /2 activities added/);
    const added = await mine();
    assert.deepEqual(
      added.map((a) => [a.title.en, a.workflowState]),
      [
        [TITLES[0], 'draft'],
        [TITLES[1], 'draft'],
      ],
      'imported activities are drafts waiting for review',
    );
    // The committed report links each activity it wrote.
    for (const a of added) {
      const link = resultSection().getByRole('link', { name: a.title.en ?? '', exact: true });
      assert.equal(await link.getAttribute('href'), `/en/activities/${a.id}`);
      // And asks for its suggested links on demand, in its editor.
      const suggest = resultSection().getByRole('link', { name: `Suggested links for “${a.title.en ?? ''}”` });
      assert.equal(await suggest.getAttribute('href'), `/en/workspace/activities/${a.id}/edit?suggest=1`);
    }
    assert.equal(await page.getByRole('button', { name: /^Import \d/ }).count(), 0);

    await resultSection().getByRole('link', { name: TITLES[0], exact: true }).click();
    await ws.expectHeading(TITLES[0]);
    const detail = (await apiFromPage(page, 'GET', `/activities/${added[0]?.id ?? ''}`)).body as ActivityDetail;
    assert.equal(detail.iatiIdentifier, 'CA-3-WIZ-1');
    assert.deepEqual(detail.countries, ['PH']);
    assert.deepEqual(
      detail.funding.map((f) => [f.type, f.amount, f.currency]),
      [['commitment', '75000.00', 'CAD']],
    );
    await page.goBack();
    await ws.expectHeading('Import activities');
  });

  it('keeps a record of every import, and the same file again changes nothing', async () => {
    await ws.open('/en/workspace/imports');
    await recordRows().first().waitFor();
    assert.equal(await recordRows().count(), 2);
    const committedRow = (await recordRows().first().innerText()).replace(/\s+/g, ' ');
    assert.match(committedRow, /Ivan Importer/);
    assert.match(committedRow, /gac-activities\.xml/);
    assert.match(committedRow, /Add only/);
    assert.match(committedRow, /Import/);
    assert.match(committedRow, /2 activities added/);
    assert.match(committedRow, /1 rejected/);
    assert.match((await recordRows().nth(1).innerText()).replace(/\s+/g, ' '), /Preview .*2 activities would be added/);

    await upload('gac-activities.xml', FILE);
    const again = await counts();
    assert.match(again, /0 activities would be added/);
    assert.match(again, /2 unchanged/);
    assert.match(again, /1 rejected/);
    assert.match(await resultSection().innerText(), /Nothing to import/);
    assert.equal(
      await page.getByRole('button', { name: /^Import \d/ }).count(),
      0,
      'nothing to write, nothing to confirm',
    );
    // Unchanged activities are known: the preview links them.
    await page.getByRole('radio', { name: /^Unchanged/ }).check();
    assert.equal(await resultSection().locator('tbody th a').count(), 2);

    assert.deepEqual(
      (await record()).items.map((i) => [i.outcome, i.counts.added, i.counts.unchanged, i.counts.rejected]),
      [
        ['previewed', 0, 2, 1],
        ['committed', 2, 0, 1],
        ['previewed', 2, 0, 1],
      ],
    );
    await page.getByRole('button', { name: 'Cancel and choose another file' }).click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-file');
    await page.locator('section[aria-labelledby="import-record-title"] tbody tr:nth-child(3)').waitFor();
    assert.equal(await recordRows().count(), 3);

    await recordRows().nth(1).getByRole('link').click();
    await ws.expectHeading('Import of gac-activities.xml');
    assert.match(await ws.main().innerText(), /Import \(add only\), on .* by Ivan Importer/);
    for (const title of TITLES) {
      assert.ok(await ws.main().getByRole('link', { name: title, exact: true }).isVisible());
    }
    await ws.follow('Back to the imports');
    await ws.expectHeading('Import activities');

    await upload('not-iati.xml', '<html><body>hello</body></html>');
    const refusal = page.locator('main .error-summary');
    assert.match(await refusal.innerText(), /not-iati\.xml cannot be imported/);
    assert.match(await refusal.innerText(), /not an IATI activity file/);
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('error-summary')), true);
    assert.equal(await page.getByRole('button', { name: /^Import \d/ }).count(), 0);
    // The browser notes the refusal (422) the last upload provoked on purpose; nothing else.
    assert.deepEqual(
      errors.filter((e) => !e.includes('the server responded with a status of 422 ')),
      [],
    );
  });

  it('shows the bytes sent while a large file goes up', async () => {
    await ws.open('/en/workspace/imports');
    // About 600 kB: the same activities after a long comment, sent at 300 kB/s.
    const padded = FILE.replace('<iati-activities', `<!-- ${'padding '.repeat(75_000)}-->\n<iati-activities`);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 300 * 1024,
    });
    try {
      await chooseFile('padded.xml', padded);
      await page.getByRole('button', { name: 'Preview the import' }).click();
      const status = page
        .locator('main [role="status"]')
        .filter({ hasText: /Sending the file: [\d.]+ kB of 5\d\d kB \(\d+%\)/ });
      await status.waitFor({ timeout: WAIT_MS });
      const bar = status.locator('progress');
      assert.equal(Number(await bar.getAttribute('max')), Buffer.byteLength(padded));
      assert.ok(Number(await bar.getAttribute('value')) < Buffer.byteLength(padded));
      await page.locator('#import-result-title').waitFor({ timeout: WAIT_MS * 3 });
    } finally {
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: -1,
      });
      await cdp.detach();
    }
    // The comment moved the activities down a line.
    assert.match(await counts(), /2 unchanged/);
    assert.match(await resultSection().innerText(), new RegExp(`Line ${REJECTED_LINE + 1}: not valid`));
  });

  it('tells a viewer that importing needs an editor', async () => {
    const viewerContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-CA' });
    try {
      const viewerPage = await viewerContext.newPage();
      const viewer = new Workspace(viewerPage, portal.server.baseUrl);
      await viewer.signIn(VIEWER, PASSWORD);
      assert.equal(
        await viewer
          .main()
          .getByRole('link', { name: /^Import activities/ })
          .count(),
        0,
      );
      await viewer.open('/en/workspace/imports');
      await viewer.expectHeading('You are not allowed to do this');
      assert.equal(await viewerPage.locator('#f-file').count(), 0);
    } finally {
      await viewerContext.close();
    }
  });
});
