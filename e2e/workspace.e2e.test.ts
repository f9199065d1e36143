import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ActivityDetail, PlanDetail } from '../src/shared/api-types';
import type { Role, Side } from '../src/shared/vocab';
import { formFromDetail, formToInput } from '../src/web/workspace/activityForm';
import { startPortal } from './support/app';
import { collectPageErrors, launchBrowser } from './support/browser';
import { ActivityListPage } from './support/pages';
import { apiFromPage, nodeIdsByCode, Workspace } from './support/workspace';

const PASSWORD = 'correct horse battery staple';
/** A word no seeded record uses, so that a search finds only the test's activity. */
const MARKER = 'Zebrafinch';
const TITLE = `${MARKER} regional dialogue on migrant workers' rights`;
const KHMER_TITLE = 'កិច្ចសន្ទនាថ្នាក់តំបន់ស្តីពីសិទ្ធិពលករចំណាកស្រុក';
const AREA_1_1 = 'Human Rights, Good Governance, Democracy and Rule of Law';
const AREA_3_4 = 'Promotion and Protection of the Rights of Migrant Workers';

/** Retries a check for a few seconds (for lists that re-render after a reload). */
async function eventually(check: () => Promise<void>, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > end) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

describe("officers' workspace in Chromium", () => {
  let portal: Awaited<ReturnType<typeof startPortal>>;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let nodes: Map<string, string>;
  let activityId = '';

  const account = (role: Role, side: Side) => ({ email: `${role}-${side}@example.org`, role, side });
  const EDITOR = account('editor', 'partner');
  const ASEAN_REVIEWER = account('reviewer', 'asean');
  const CANADA_REVIEWER = account('reviewer', 'canada');
  const VIEWER = account('viewer', 'partner');
  const ADMIN = account('admin', 'canada');

  before(async () => {
    portal = await startPortal();
    browser = await launchBrowser();
    for (const a of [EDITOR, ASEAN_REVIEWER, CANADA_REVIEWER, VIEWER, ADMIN]) {
      await portal.server.core.auth.createUser(
        null,
        { email: a.email, displayName: `${a.role} of ${a.side}`, role: a.role, side: a.side },
        PASSWORD,
      );
    }
    const plan = await portal.server.get<PlanDetail>('/api/v1/plans/asean-canada-2010-2015');
    nodes = nodeIdsByCode(plan.body);
  });
  after(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await portal?.stop();
  });

  /** A fresh browser profile: nobody signed in. */
  const fresh = async (width = 1280): Promise<{ page: Page; ws: Workspace; errors: string[] }> => {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'en-CA' });
    contexts.push(context);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    return { page, ws: new Workspace(page, portal.server.baseUrl), errors };
  };

  /** What a signed-out visitor's activity search finds for the marker word. */
  const publicSearchTotal = async (): Promise<number> => {
    const { page, errors } = await fresh();
    const list = new ActivityListPage(page, portal.server.baseUrl);
    await list.open(`/en/activities?q=${MARKER}`);
    const none = list.main().getByText('No activities match these filters.');
    const some = list.main().getByText(/^Showing \d+–\d+ of \d+$/);
    await none.or(some).first().waitFor();
    const total = (await none.isVisible()) ? 0 : await list.total();
    assert.deepEqual(errors, []);
    await page.context().close();
    return total;
  };

  it('an editor records an activity linked to two areas, with funding, and submits it; it stays private', async () => {
    const { page, ws, errors } = await fresh();
    await ws.signIn(EDITOR.email, PASSWORD);
    await ws.follow('Record a new activity', ws.main());
    await ws.expectHeading('New activity');

    await ws.bilingual('Title', 'English').fill(TITLE);
    await ws.bilingual('Summary', 'English').fill('A dialogue on the rights of migrant workers in the region.');
    await ws.main().getByLabel('Type of activity').selectOption({ label: 'Dialogue' });
    await ws
      .main()
      .getByRole('group', { name: /^Planned/ })
      .getByLabel(/^Start/)
      .fill('2013-05');
    await ws
      .main()
      .getByRole('group', { name: /^Countries/ })
      .getByLabel('Indonesia')
      .check();
    await ws
      .main()
      .getByRole('group', { name: /^Countries/ })
      .getByLabel('Philippines')
      .check();

    await ws.main().getByRole('button', { name: 'Add a funding line' }).click();
    const funding = ws.row('Funding line 1');
    const amount = funding.getByLabel('Amount');
    assert.equal(
      await page.evaluate(() => document.activeElement?.id),
      'f-funding-0-amount',
      'a new row takes the focus',
    );
    await amount.fill('1,000');
    await funding.getByLabel('Kind of funding').selectOption({ label: 'Commitment' });

    for (const [i, code] of ['1.1', '3.4'].entries()) {
      await ws.main().getByRole('button', { name: 'Add a link to the plan' }).click();
      const link = ws.row(`Link ${i + 1}`);
      await link.getByLabel('Part of the plan').selectOption(nodes.get(code) ?? '');
      await link.getByLabel(/^Why it contributes/).fill(`Answers area ${code} of the plan.`);
    }

    // IATI details: a sector with its share, a result with an indicator and a period, a Khmer title.
    await ws.main().getByRole('button', { name: 'Add a sector' }).click();
    const sector = ws.row('Sector 1');
    await sector.getByLabel('Vocabulary').selectOption('1');
    await sector.getByLabel('Code', { exact: true }).fill('15170');
    await sector.getByLabel(/^Share/).fill('100');
    await ws.main().getByRole('button', { name: 'Add a result' }).click();
    await page.locator('#f-results-0-title-en').fill('Migrant workers know their rights');
    await ws.main().getByRole('button', { name: 'Add an indicator to result 1' }).click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-results-0-indicators-0-title-en');
    await page.locator('#f-results-0-indicators-0-title-en').fill('Workers reached');
    const indicator = ws.row('Indicator 1 of result 1');
    await indicator.getByLabel(/^Baseline year/).fill('2012');
    await indicator.getByLabel(/^Baseline value/).fill('150');
    await ws.main().getByRole('button', { name: 'Add a period to indicator 1 of result 1' }).click();
    const period = ws.row('Period 1 of indicator 1 of result 1');
    await period.getByLabel(/^Start/).fill('2013-01');
    await period.getByLabel(/^End/).fill('2013-12');
    await period.getByLabel(/^Target/).fill('500');
    await period.getByLabel(/^Actual value/).fill('620');
    await indicator.getByRole('button', { name: 'Remove Period 1 of indicator 1 of result 1' }).waitFor();
    await ws.main().getByRole('button', { name: 'Add a text in another language' }).click();
    const khmer = ws.row('Text in another language 1');
    await khmer.getByLabel('Which text').selectOption({ label: 'Title' });
    await khmer.getByLabel(/^Language code/).fill('km');
    await khmer.getByLabel('Text', { exact: true }).fill(KHMER_TITLE);

    // A malformed amount: named next to its field and in the summary, which takes the focus.
    await ws.main().getByRole('button', { name: 'Save the new activity' }).click();
    const summary = ws.errorSummary();
    await summary.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('error-summary')), true);
    const summaryLink = summary.getByRole('link', { name: /^Funding line 1: Amount: Give the amount in digits/ });
    await summaryLink.waitFor();
    assert.equal(await amount.getAttribute('aria-invalid'), 'true');
    const describedBy = (await amount.getAttribute('aria-describedby')) ?? '';
    const description = await page.evaluate(
      (ids) => ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' '),
      describedBy.split(' '),
    );
    assert.match(description, /Give the amount in digits, without spaces or thousands separators/);
    await summaryLink.click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-funding-0-amount');

    await amount.fill('250000');
    await ws.main().getByRole('button', { name: 'Save the new activity' }).click();
    await ws.expectHeading(TITLE);
    await ws.expectStatus('The activity was created as a draft.');
    activityId = ws.path().split('/').pop() ?? '';
    const panel = ws.staffPanel();
    await panel.getByText('Publication state: Draft.').waitFor();
    for (const area of [AREA_1_1, AREA_3_4]) {
      await ws
        .main()
        .getByRole('link', { name: new RegExp(area) })
        .first()
        .waitFor();
    }
    await ws.main().getByText('CAD 250,000').first().waitFor();
    const sectors = ws.main().getByRole('table', { name: 'Sectors and their share of the activity' });
    const sectorRow = sectors.getByRole('row').nth(1);
    assert.equal(await sectorRow.getByRole('rowheader').innerText(), '15170');
    assert.deepEqual(await sectorRow.getByRole('cell').allInnerTexts(), [
      "Women's rights organisations and movements, and government institutions",
      'OECD DAC CRS Purpose Codes (5 digit)',
      '100%',
    ]);
    const indicatorTable = ws.main().getByRole('table', { name: 'Indicator: Workers reached' });
    const indicatorRows = indicatorTable.getByRole('row');
    assert.deepEqual(await indicatorRows.nth(1).allInnerTexts(), ['Baseline (2012)\t150']);
    assert.equal(await indicatorRows.nth(2).getByRole('rowheader').innerText(), 'January 2013 – December 2013');
    assert.deepEqual(await indicatorRows.nth(2).getByRole('cell').allInnerTexts(), ['500', '620']);
    const khmerTitle = ws.main().locator('[lang="km"]');
    assert.equal(await khmerTitle.innerText(), KHMER_TITLE);
    await ws.main().getByText('Title in Khmer').waitFor();

    await panel.getByRole('button', { name: 'Submit for review' }).click();
    await ws.expectStatus('The activity was submitted for review.');
    await panel.getByText('Publication state: Submitted for review.').waitFor();
    await ws.main().getByRole('heading', { name: 'Version 1: Submitted for review' }).waitFor();
    assert.deepEqual(errors, []);

    assert.equal(await publicSearchTotal(), 0, 'a submitted activity is not public');
    const direct = await portal.server.get(`/api/v1/activities/${activityId}`);
    assert.equal(direct.status, 404);
  });

  it('a reviewer of each side approves it from the review queue; only then is it public', async () => {
    assert.ok(activityId, 'the first test created the activity');
    for (const [reviewer, expected] of [
      [ASEAN_REVIEWER, 'Your approval was recorded; another side still has to approve.'],
      [CANADA_REVIEWER, 'Approved: the activity is now published.'],
    ] as const) {
      const { ws, errors } = await fresh();
      await ws.signIn(reviewer.email, PASSWORD);
      const queue = ws.main().getByRole('region', { name: 'Waiting for your review' });
      await queue.getByRole('link', { name: TITLE }).click();
      await ws.expectHeading(TITLE);
      const panel = ws.staffPanel();
      await panel.getByRole('button', { name: 'Approve' }).click();
      await ws.expectStatus(expected);
      assert.deepEqual(errors, []);
      if (reviewer === ASEAN_REVIEWER) {
        assert.equal(await publicSearchTotal(), 0, 'one side is not enough');
      }
    }

    assert.equal(await publicSearchTotal(), 1, 'published after both sides approved');
    const { page, ws, errors } = await fresh();
    const list = new ActivityListPage(page, portal.server.baseUrl);
    await list.open(`/en/activities?q=${MARKER}`);
    await list.follow(TITLE, list.main());
    await ws.expectHeading(TITLE);
    for (const area of [AREA_1_1, AREA_3_4]) {
      await ws
        .main()
        .getByRole('link', { name: new RegExp(area) })
        .first()
        .waitFor();
    }
    assert.equal(await ws.staffPanel().count(), 0, 'visitors see no workspace controls');
    assert.equal(await page.getByRole('link', { name: 'Edit' }).count(), 0);
    assert.deepEqual(errors, []);
  });

  it('a viewer sees no editing controls, is told the edit page is not allowed, and the API refuses writes', async () => {
    assert.ok(activityId);
    const { page, ws, errors } = await fresh();
    await ws.signIn(VIEWER.email, PASSWORD);
    assert.equal(await ws.main().getByRole('link', { name: 'Record a new activity' }).count(), 0);
    await ws.open(`/en/activities/${activityId}`);
    await ws.expectHeading(TITLE);
    const panel = ws.staffPanel();
    await panel.getByText('Publication state: Published.').waitFor();
    for (const name of ['Edit', 'Submit for review', 'Move to trash', 'Approve']) {
      assert.equal(await panel.getByRole(name === 'Edit' ? 'link' : 'button', { name }).count(), 0, name);
    }
    await ws.open(`/en/workspace/activities/${activityId}/edit`);
    await ws.expectHeading('You are not allowed to do this');
    await ws
      .main()
      .getByText(/Your role \(Viewer\) does not give access to this page/)
      .waitFor();
    assert.deepEqual(errors, []);

    const refused = await apiFromPage(page, 'POST', '/activities', {
      title: { en: 'Not allowed' },
      type: 'dialogue',
      status: 'planned',
    });
    assert.equal(refused.status, 403);
  });

  it('a stale save shows the conflict panel, and saving after merging succeeds', async () => {
    assert.ok(activityId);
    const { page, ws } = await fresh();
    await ws.signIn(EDITOR.email, PASSWORD);
    await ws.open(`/en/workspace/activities/${activityId}/edit`);
    await ws.expectHeading('Edit activity');
    const mySummary = 'A regional dialogue, revised by the editor.';
    await ws.bilingual('Summary', 'English').fill(mySummary);

    // Meanwhile an administrator changes the French title through the API, bumping the version.
    const admin = await fresh();
    await admin.ws.signIn(ADMIN.email, PASSWORD);
    const current = await apiFromPage(admin.page, 'GET', `/activities/${activityId}`);
    const detail = current.body as ActivityDetail;
    const input = formToInput(formFromDetail(detail));
    const theirTitle = `${MARKER}\u00a0: dialogue régional sur les droits des travailleurs migrants`;
    const changed = await apiFromPage(
      admin.page,
      'PUT',
      `/activities/${activityId}`,
      { ...input, title: { ...input.title, fr: theirTitle } },
      detail.version,
    );
    assert.equal(changed.status, 200);

    await ws.main().getByRole('button', { name: 'Save changes' }).click();
    const conflict = ws.main().getByRole('region', { name: 'Someone else saved a change while you were editing' });
    await conflict.waitFor();
    assert.equal(
      await page.evaluate(() => document.activeElement?.textContent),
      'Someone else saved a change while you were editing',
    );
    const frenchTitle = conflict.getByRole('group', { name: 'Title (French)' });
    const englishSummary = conflict.getByRole('group', { name: 'Summary (English)' });
    assert.equal(await frenchTitle.getByRole('radio', { name: /^Use theirs/ }).isChecked(), true);
    assert.equal(await englishSummary.getByRole('radio', { name: /^Keep mine/ }).isChecked(), true);
    await conflict.getByRole('button', { name: 'Save with these choices' }).click();
    await ws.expectHeading(TITLE);
    await ws.expectStatus('Your changes were saved.');

    const saved = await apiFromPage(page, 'GET', `/activities/${activityId}`);
    const after = saved.body as ActivityDetail;
    assert.equal(after.title.fr, theirTitle);
    assert.equal(after.summary.en, mySummary);
    assert.equal(after.version, detail.version + 2);
  });

  it('the history names who changed which fields, and an earlier version can be restored', async () => {
    assert.ok(activityId);
    const { page, ws, errors } = await fresh();
    await ws.signIn(EDITOR.email, PASSWORD);
    await ws.open(`/en/activities/${activityId}`);
    await ws.expectHeading(TITLE);
    const history = ws.main().getByRole('region', { name: 'History' });
    const byAdmin = history.getByRole('listitem').filter({ hasText: 'By admin of canada' });
    await byAdmin.getByRole('heading', { name: /^Version \d+: Edited$/ }).waitFor();
    await byAdmin.getByRole('rowheader', { name: 'Title' }).waitFor();
    const published = history.getByRole('heading', { name: 'Version 1: Approved and published' });
    await published.waitFor();

    await history.getByRole('button', { name: 'Restore version 1' }).click();
    await history.getByRole('button', { name: 'Yes, restore it' }).click();
    await ws.expectStatus('The earlier version was restored as a new version.');
    await history.getByRole('heading', { name: 'Version 4: Earlier version restored' }).waitFor();
    const restored = await apiFromPage(page, 'GET', `/activities/${activityId}`);
    const after = restored.body as ActivityDetail;
    assert.equal(after.summary.en, 'A dialogue on the rights of migrant workers in the region.');
    assert.equal(after.title.fr, null);
    assert.equal(after.workflowState, 'published');
    assert.deepEqual(errors, []);
  });

  it('an editor moves the activity to the trash after confirming; an administrator restores it', async () => {
    assert.ok(activityId);
    const { page, ws, errors } = await fresh();
    await ws.signIn(EDITOR.email, PASSWORD);
    await ws.open(`/en/activities/${activityId}`);
    await ws.expectHeading(TITLE);
    await ws.staffPanel().getByRole('button', { name: 'Move to trash' }).click();
    const question = ws.staffPanel().getByRole('group', { name: /^Move “.+” to the trash\?/ });
    await question.waitFor();
    assert.match((await page.evaluate(() => document.activeElement?.textContent)) ?? '', /^Move “/);
    await question.getByRole('button', { name: 'Cancel' }).click();
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Move to trash');
    await ws.staffPanel().getByRole('button', { name: 'Move to trash' }).click();
    await ws.staffPanel().getByRole('button', { name: 'Yes, move it to the trash' }).click();
    await ws.expectHeading('Workspace');
    await ws.expectStatus(/was moved to the trash/);
    assert.deepEqual(errors, []);
    assert.equal(await publicSearchTotal(), 0, 'trashed activities are not public');

    const admin = await fresh();
    await admin.ws.signIn(ADMIN.email, PASSWORD);
    await admin.ws.follow('Trash', admin.ws.main());
    await admin.ws.expectHeading('Trash');
    await admin.ws
      .main()
      .getByRole('button', { name: `Restore ${TITLE}` })
      .click();
    await admin.ws.expectStatus(/was restored/);
    assert.deepEqual(admin.errors, []);
    assert.equal(await publicSearchTotal(), 1, 'restored as it was: published');
  });

  it('an administrator invites a person, who chooses a password through the link and is signed in', async () => {
    const admin = await fresh();
    await admin.ws.signIn(ADMIN.email, PASSWORD);
    await admin.ws.follow('Users and invitations', admin.ws.main());
    await admin.ws.expectHeading('Users and invitations');
    const form = admin.ws.main().getByRole('region', { name: 'Add a person' });
    await form.getByLabel('Name').fill('Nora New');
    await form.getByLabel('E-mail address').fill('nora@example.org');
    await form.getByLabel('Role').selectOption({ label: 'Reviewer' });
    await form.getByLabel('Side').selectOption({ label: 'ASEAN side' });
    await form.getByRole('button', { name: 'Create the account' }).click();
    const issued = admin.ws.main().getByRole('region', { name: 'Invitation link for Nora New' });
    await issued.waitFor();
    const link = await issued.locator('code').innerText();
    assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/en\/account\/accept#token=all_/);
    assert.deepEqual(admin.errors, []);

    const { ws, errors } = await fresh(360);
    await ws.page.goto(link);
    await ws.expectHeading('Choose your password');
    await ws.main().getByLabel('New password', { exact: true }).fill('short');
    await ws.main().getByLabel('Repeat the new password').fill('short');
    await ws.main().getByRole('button', { name: 'Save the password and sign in' }).click();
    await ws
      .errorSummary()
      .getByRole('link', { name: /^New password: Use at least 12 characters/ })
      .waitFor();
    await ws.main().getByLabel('New password', { exact: true }).fill('nora chooses a long one');
    await ws.main().getByLabel('Repeat the new password').fill('nora chooses a long one');
    await ws.main().getByRole('button', { name: 'Save the password and sign in' }).click();
    await ws.expectHeading('Workspace');
    await ws.main().getByText('Welcome, Nora New. Your role: Reviewer · ASEAN side.').waitFor();
    assert.equal(await ws.horizontalOverflow(), 0);
    assert.deepEqual(errors, []);
  });

  it('an API token is shown once, works, and stops working once revoked', async () => {
    const { ws, errors } = await fresh();
    await ws.signIn(VIEWER.email, PASSWORD);
    await ws.follow('Your account and API tokens', ws.main());
    await ws.expectHeading('Your account');
    await ws.main().getByLabel('Token name').fill('import script');
    await ws.main().getByRole('button', { name: 'Create the token' }).click();
    const shown = ws.main().getByRole('region', { name: 'Your new token “import script”' });
    await shown.waitFor();
    const token = await shown.locator('code').innerText();
    assert.match(token, /^alt_/);
    const me = (t: string) =>
      fetch(`${portal.server.baseUrl}/api/v1/auth/me`, { headers: { authorization: `Bearer ${t}` } });
    assert.equal((await me(token)).status, 200);

    await ws.main().getByRole('button', { name: 'Revoke import script' }).click();
    await ws.main().getByRole('button', { name: 'Yes, revoke it' }).click();
    await ws.expectStatus('The token “import script” has been revoked.');
    assert.equal(await shown.count(), 0, 'the token is not shown again');
    assert.equal((await me(token)).status, 401);
    assert.deepEqual(errors, []);
  });

  it('an administrator adds a part to a framework, moves it, and retires it; editors are no longer offered it', async () => {
    const admin = await fresh();
    const { ws } = admin;
    await ws.signIn(ADMIN.email, PASSWORD);
    await ws.follow('Plans and their frameworks', ws.main());
    await ws.follow('ASEAN–Canada Plan of Action 2010–2015', ws.main());
    await ws.expectHeading('Framework of the ASEAN–Canada Plan of Action 2010–2015');
    await ws.main().getByRole('button', { name: 'Add below 1', exact: true }).click();
    const form = ws.main().getByRole('form', { name: /^Add a part below 1 / });
    assert.equal(await form.getByLabel('Numbering code').inputValue(), '1.4');
    await form.getByLabel('Title (English)').fill('Cyber security');
    await form.getByLabel('Title (French)').fill('Cybersécurité');
    await form.getByRole('button', { name: 'Add', exact: true }).click();
    const tree = ws.main().getByRole('list', { name: 'Pillars, areas and action lines' });
    await tree.getByText('1.4 Cyber security').waitFor();
    assert.equal(await ws.page.evaluate(() => document.activeElement?.textContent), 'Rename 1.4');

    await tree.getByRole('button', { name: 'Move up 1.4', exact: true }).click();
    await ws.page.waitForFunction(() => document.activeElement?.textContent === 'Move up 1.4');
    const order = () =>
      ws.page.evaluate(() =>
        [...document.querySelectorAll('.tree > li:first-child > ul > li > .tree__row .tree__label')].map(
          (e) => e.textContent?.replace(/^Area\s*/, '').split(' ')[0],
        ),
      );
    await eventually(async () => assert.deepEqual(await order(), ['1.1', '1.2', '1.4', '1.3']));

    await tree.getByRole('button', { name: 'Retire 1.4', exact: true }).click();
    await tree.getByRole('button', { name: 'Yes, retire it' }).click();
    await tree.getByRole('button', { name: 'Reinstate 1.4', exact: true }).waitFor();
    assert.deepEqual(admin.errors, []);

    await ws.open('/en/workspace/activities/new');
    await ws.expectHeading('New activity');
    await ws.main().getByRole('button', { name: 'Add a link to the plan' }).click();
    const options = await ws.row('Link 1').getByLabel('Part of the plan').locator('option').allInnerTexts();
    assert.ok(
      options.some((o) => o.includes('1.3 Interfaith Dialogue')),
      'current parts are offered',
    );
    assert.ok(!options.some((o) => o.includes('Cyber security')), 'retired parts are not offered');
  });

  it('an editor adds, corrects, restores, merges and trashes organisations; an administrator restores one', async () => {
    const { page, ws, errors } = await fresh();
    await ws.signIn(EDITOR.email, PASSWORD);
    await ws.follow('Organisations: add, correct, merge', ws.main());
    await ws.expectHeading('Organisations in the workspace');
    const create = async (name: string) => {
      await ws.follow('Add an organisation', ws.main());
      await ws.expectHeading('New organisation');
      await ws.bilingual('Name', 'English').fill(name);
      await ws.main().getByLabel('Type of organisation').selectOption({ label: 'Foundation' });
      await ws
        .main()
        .getByLabel(/^Country/)
        .fill('ca');
      await ws.main().getByRole('button', { name: 'Save the new organisation' }).click();
      await ws.expectHeading('Organisations in the workspace');
      await ws.expectStatus(`“${name}” was saved.`);
    };
    await create(`${MARKER} Foundation`);
    await create(`${MARKER} Foundation (duplicate)`);

    await ws.main().getByLabel('Filter by name or acronym').fill(MARKER);
    await ws
      .main()
      .getByRole('link', { name: `Edit ${MARKER} Foundation`, exact: true })
      .click();
    await ws.expectHeading('Edit organisation');
    await ws
      .main()
      .getByLabel(/^Acronym/)
      .first()
      .fill('ZF');
    await ws.main().getByRole('button', { name: 'Save changes' }).click();
    await ws.expectStatus(`“${MARKER} Foundation” was saved.`);
    await ws
      .main()
      .getByRole('link', { name: `Edit ${MARKER} Foundation`, exact: true })
      .click();
    await ws.expectHeading('Edit organisation');
    const history = ws.main().getByRole('region', { name: 'History' });
    await history.getByRole('heading', { name: 'Version 2: Edited' }).waitFor();
    await history.getByRole('button', { name: 'Restore version 1' }).click();
    await history.getByRole('button', { name: 'Yes, restore it' }).click();
    await ws.expectStatus('The earlier version was restored as a new version.');
    assert.equal(
      await ws
        .main()
        .getByLabel(/^Acronym/)
        .first()
        .inputValue(),
      '',
    );
    await history.getByRole('heading', { name: 'Version 3: Earlier version restored' }).waitFor();

    await ws.open('/en/workspace/organisations');
    await ws.main().getByLabel('Filter by name or acronym').fill('duplicate');
    await ws
      .main()
      .getByRole('link', { name: `Edit ${MARKER} Foundation (duplicate)` })
      .click();
    await ws.expectHeading('Edit organisation');
    await ws
      .main()
      .getByLabel('Organisation to keep')
      .selectOption({ label: `${MARKER} Foundation` });
    await ws.main().getByRole('button', { name: 'Merge into the organisation to keep' }).click();
    await ws.main().getByRole('button', { name: 'Yes, merge them' }).click();
    await ws.expectStatus(`“${MARKER} Foundation (duplicate)” was merged into “${MARKER} Foundation”.`);

    await ws.main().getByLabel('Filter by name or acronym').fill(MARKER);
    await ws
      .main()
      .getByRole('link', { name: `Edit ${MARKER} Foundation`, exact: true })
      .click();
    await ws.expectHeading('Edit organisation');
    await ws.main().getByRole('button', { name: 'Move this organisation to the trash' }).click();
    await ws.main().getByRole('button', { name: 'Yes, move it to the trash' }).click();
    await ws.expectStatus(`“${MARKER} Foundation” was moved to the trash.`);
    assert.deepEqual(errors, []);
    const gone = await apiFromPage(page, 'GET', `/organisations?q=${MARKER}`);
    assert.equal((gone.body as { total: number }).total, 0);

    const admin = await fresh();
    await admin.ws.signIn(ADMIN.email, PASSWORD);
    await admin.ws.open('/en/workspace/trash');
    const orgs = admin.ws.main().getByRole('region', { name: 'Organisations' });
    await orgs.getByText(`Merged into ${MARKER} Foundation`).waitFor();
    await orgs.getByRole('button', { name: `Restore ${MARKER} Foundation`, exact: true }).click();
    await admin.ws.expectStatus(`The organisation ${MARKER} Foundation was restored.`);
    assert.deepEqual(admin.errors, []);
  });

  it('a wrong password is announced in a summary that takes the focus, and repeated failures are rate limited', async () => {
    const { page, ws } = await fresh();
    await ws.open('/en/sign-in');
    await ws.expectHeading('Sign in to the workspace');
    const attempt = async () => {
      await ws.main().getByLabel('E-mail address').fill(VIEWER.email);
      await ws.main().getByLabel('Password').fill('not the password at all');
      const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/sign-in'));
      await ws.main().getByRole('button', { name: 'Sign in' }).click();
      await answered;
    };
    await attempt();
    const summary = ws.main().getByRole('alert').filter({ hasText: 'You could not be signed in' });
    await summary.getByText(/The e-mail address or password is not right/).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('role')), 'alert');
    for (let i = 0; i < 5; i++) await attempt();
    await summary.getByText(/Too many failed sign-in attempts\. Wait 15 minutes/).waitFor();
  });
});
