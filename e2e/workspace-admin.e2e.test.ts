import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { FrameworkNodeDetail, PlanDetail, UserView } from '../src/shared/api-types';
import type { Role, Side } from '../src/shared/vocab';
import { Client } from '../test/support/client';
import { startPortal } from './support/app';
import { collectPageErrors, launchBrowser } from './support/browser';
import { apiFromPage, nodeIdsByCode, Workspace } from './support/workspace';

const PASSWORD = 'correct horse battery staple';
const PLAN = 'asean-canada-2010-2015';
const PLAN_NAME = 'ASEAN–Canada Plan of Action 2010–2015';

/**
 * The page errors other than the browser's own note of the refusals a test provokes on purpose
 * ("Failed to load resource: … status of 409"): those are the server answering as it should.
 */
function unexpected(errors: readonly string[], ...refusals: number[]): string[] {
  return errors.filter(
    (e) => !refusals.some((status) => e.includes(`the server responded with a status of ${status} `)),
  );
}

describe('administration in the workspace, in Chromium', () => {
  let portal: Awaited<ReturnType<typeof startPortal>>;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let nodes: Map<string, string>;

  const account = (role: Role, side: Side, name: string) => ({
    email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.org`,
    role,
    side,
    name,
  });
  const ADMIN = account('admin', 'canada', 'Ada Admin');
  const EDITOR = account('editor', 'partner', 'Edith Editor');
  const LEAVER = account('editor', 'asean', 'Luis Leaver');
  const WRITER = account('editor', 'canada', 'Wanda Writer');
  const OTHER = account('editor', 'partner', 'Otto Other');

  before(async () => {
    portal = await startPortal();
    browser = await launchBrowser();
    for (const a of [ADMIN, EDITOR, LEAVER, WRITER, OTHER]) {
      await portal.server.core.auth.createUser(
        null,
        { email: a.email, displayName: a.name, role: a.role, side: a.side },
        PASSWORD,
      );
    }
    const plan = await portal.server.get<PlanDetail>(`/api/v1/plans/${PLAN}`);
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

  const signedIn = async (who: { email: string }, width?: number) => {
    const session = await fresh(width);
    await session.ws.signIn(who.email, PASSWORD);
    return session;
  };

  /** An account as the API describes it now. */
  const stored = async (page: Page, email: string): Promise<UserView> => {
    const list = await apiFromPage(page, 'GET', '/users');
    const found = (list.body as { items: UserView[] }).items.find((u) => u.email === email);
    assert.ok(found, `${email} exists`);
    return found;
  };

  /** Opens the account page of a person from the list of users. */
  const openAccount = async (ws: Workspace, name: string) => {
    await ws.open('/en/workspace/users');
    await ws.expectHeading('Users and invitations');
    await ws
      .main()
      .getByRole('link', { name: `Edit the account of ${name}` })
      .click();
    await ws.expectHeading(`Account of ${name}`);
  };

  it('refuses to disable or demote the last active administrator, and says why', async () => {
    const { page, ws, errors } = await signedIn(ADMIN);
    await openAccount(ws, ADMIN.name);

    const access = ws.main().getByRole('region', { name: 'Access to the workspace' });
    await access.getByRole('button', { name: 'Disable the account' }).click();
    const question = access.getByRole('group', { name: /^Disable the account of Ada Admin\?/ });
    await question.getByText(/signed out at once, their API tokens are revoked/).waitFor();
    await question.getByRole('button', { name: 'Yes, disable it' }).click();
    await question
      .getByRole('alert')
      .filter({ hasText: /You are the last active administrator\. Disabling this account would leave no one/ })
      .waitFor();

    await ws.main().getByLabel('Role', { exact: true }).selectOption({ label: 'Editor' });
    await ws.main().getByRole('button', { name: 'Save changes' }).click();
    const summary = ws.errorSummary();
    await summary.getByRole('link', { name: /^Role: You are the last active administrator\. Demoting/ }).waitFor();
    const role = ws.main().getByLabel('Role', { exact: true });
    assert.equal(await role.getAttribute('aria-invalid'), 'true');

    const me = await stored(page, ADMIN.email);
    assert.equal(me.role, 'admin');
    assert.equal(me.status, 'active');
    assert.deepEqual(unexpected(errors, 409), []);
  });

  it("an administrator changes an editor's role; the editor then has the reviewer's rights", async () => {
    const editor = await signedIn(EDITOR);
    await editor.ws.main().getByText('Welcome, Edith Editor. Your role: Editor · Implementing partner.').waitFor();
    assert.equal(await editor.ws.main().getByRole('region', { name: 'Waiting for your review' }).count(), 0);

    const { page, ws, errors } = await signedIn(ADMIN);
    await ws.follow('Users and invitations', ws.main());
    await ws.expectHeading('Users and invitations');
    const accounts = ws.main().getByRole('table', { name: /^Workspace accounts/ });
    const row = accounts.getByRole('row').filter({ hasText: EDITOR.email });
    await row.getByRole('cell', { name: 'Active', exact: true }).waitFor();
    await row.getByRole('link', { name: `Edit the account of ${EDITOR.name}` }).click();
    await ws.expectHeading(`Account of ${EDITOR.name}`);
    await ws.main().getByLabel('Role', { exact: true }).selectOption({ label: 'Reviewer' });
    await ws.main().getByRole('button', { name: 'Save changes' }).click();
    await ws.expectHeading('Users and invitations');
    await ws.expectStatus(`The account of ${EDITOR.name} was saved.`);
    await row.getByText('Reviewer').waitFor();
    assert.equal((await stored(page, EDITOR.email)).role, 'reviewer');

    // The history of the account names the change.
    await openAccount(ws, EDITOR.name);
    const history = ws.main().getByRole('region', { name: 'History' });
    const edited = history.getByRole('listitem').filter({ hasText: 'By Ada Admin' }).first();
    await edited.getByRole('heading', { name: /^Version 2: Edited$/ }).waitFor();
    await edited.getByRole('row', { name: /^Role Editor Reviewer$/ }).waitFor();
    assert.deepEqual(errors, []);

    await editor.page.reload();
    await editor.ws.expectHeading('Workspace');
    await editor.ws.main().getByText('Welcome, Edith Editor. Your role: Reviewer · Implementing partner.').waitFor();
    await editor.ws.main().getByRole('region', { name: 'Waiting for your review' }).waitFor();
    assert.deepEqual(editor.errors, []);
  });

  it('a stale save of an account shows what changed meanwhile, and saves the merged account', async () => {
    const { page, ws, errors } = await signedIn(ADMIN);
    await openAccount(ws, EDITOR.name);
    await ws.main().getByLabel('Side', { exact: true }).selectOption({ label: 'ASEAN side' });

    // Meanwhile the name is corrected elsewhere.
    const before = await stored(page, EDITOR.email);
    const renamed = await apiFromPage(
      page,
      'PUT',
      `/users/${before.id}`,
      {
        displayName: 'Edith E. Editor',
        role: before.role,
        side: before.side,
        organisationId: before.organisationId,
        disabled: false,
      },
      before.version,
    );
    assert.equal(renamed.status, 200, JSON.stringify(renamed.body));

    await ws.main().getByRole('button', { name: 'Save changes' }).click();
    const conflict = ws.main().getByRole('region', { name: 'Someone else saved a change while you were editing' });
    await conflict.waitFor();
    assert.equal(
      await conflict
        .getByRole('group', { name: 'Name' })
        .getByRole('radio', { name: /^Use theirs/ })
        .isChecked(),
      true,
    );
    assert.equal(
      await conflict
        .getByRole('group', { name: 'Side' })
        .getByRole('radio', { name: /^Keep mine/ })
        .isChecked(),
      true,
    );
    await conflict.getByRole('button', { name: 'Save with these choices' }).click();
    await ws.expectStatus('The account of Edith E. Editor was saved.');
    const after = await stored(page, EDITOR.email);
    assert.equal(after.displayName, 'Edith E. Editor');
    assert.equal(after.side, 'asean');
    assert.equal(after.version, before.version + 2);
    assert.deepEqual(unexpected(errors, 409), []);
  });

  it("disabling an account ends the person's open session; they cannot sign in until it is enabled again", async () => {
    const leaver = await signedIn(LEAVER);
    await leaver.ws.follow('Record a new activity', leaver.ws.main());
    await leaver.ws.expectHeading('New activity');
    await leaver.ws.bilingual('Title', 'English').fill('Workshop that will not be saved');
    await leaver.ws.main().getByLabel('Type of activity').selectOption({ label: 'Dialogue' });

    const { page, ws, errors } = await signedIn(ADMIN);
    await openAccount(ws, LEAVER.name);
    const access = ws.main().getByRole('region', { name: 'Access to the workspace' });
    await access.getByRole('button', { name: 'Disable the account' }).click();
    await access.getByRole('button', { name: 'Yes, disable it' }).click();
    await ws.expectStatus(
      `The account of ${LEAVER.name} is disabled: they were signed out and their API tokens revoked.`,
    );
    await access.getByRole('button', { name: 'Enable the account again' }).waitFor();
    assert.equal((await stored(page, LEAVER.email)).status, 'disabled');

    await ws.open('/en/workspace/users');
    const row = ws.main().getByRole('row').filter({ hasText: LEAVER.email });
    await row.getByRole('cell', { name: 'Disabled', exact: true }).waitFor();
    assert.equal(await row.getByRole('button').count(), 0, 'no one-time link for a disabled account');

    // The person's next action meets the ended session; what they typed stays on screen.
    await leaver.ws.main().getByRole('button', { name: 'Save the new activity' }).click();
    await leaver.ws
      .errorSummary()
      .getByText(/Your session has ended\. Sign in again/)
      .waitFor();
    assert.equal(await leaver.ws.bilingual('Title', 'English').inputValue(), 'Workshop that will not be saved');
    const ended = leaver.page.getByRole('banner').getByRole('link', { name: 'Session ended: sign in again' });
    await ended.click();
    await leaver.ws.expectHeading('Sign in to the workspace');
    await leaver.ws.main().getByLabel('E-mail address').fill(LEAVER.email);
    await leaver.ws.main().getByLabel('Password').fill(PASSWORD);
    await leaver.ws.main().getByRole('button', { name: 'Sign in' }).click();
    await leaver.ws
      .main()
      .getByRole('alert')
      .getByText('This account is disabled. Ask an administrator to enable it again.')
      .waitFor();
    assert.deepEqual(unexpected(leaver.errors, 401, 403), []);

    await openAccount(ws, LEAVER.name);
    await access.getByRole('button', { name: 'Enable the account again' }).click();
    await access.getByRole('button', { name: 'Yes, enable it' }).click();
    await ws.expectStatus(`The account of ${LEAVER.name} is enabled again.`);
    const history = ws.main().getByRole('region', { name: 'History' });
    await history.getByRole('heading', { name: /^Version \d+: Account enabled again$/ }).waitFor();
    await history.getByRole('heading', { name: /^Version \d+: Account disabled$/ }).waitFor();
    const back = new Client(portal.server);
    assert.equal((await back.signIn(LEAVER.email, PASSWORD)).status, 200);
    assert.deepEqual(errors, []);
  });

  it("an administrator edits the plan's details and restores an earlier version", async () => {
    const { page, ws, errors } = await signedIn(ADMIN);
    await ws.follow('Plans and their frameworks', ws.main());
    await ws.follow(PLAN_NAME, ws.main());
    await ws.expectHeading(`Framework of the ${PLAN_NAME}`);
    await ws.follow(/^Edit the plan's details/, ws.main());
    await ws.expectHeading(`Details of the ${PLAN_NAME}`);

    // The plan's sign-off sides come ticked from the plan itself.
    const sides = ws.main().getByRole('group', { name: /^Sides that must approve its activities/ });
    assert.equal(await sides.getByLabel('ASEAN side').isChecked(), true);
    assert.equal(await sides.getByLabel('Canadian side').isChecked(), true);

    // Without a title: named in the summary, which takes the focus.
    const titleEn = ws.bilingual('Title', 'English');
    const titleFr = ws.bilingual('Title', 'French');
    const englishTitle = await titleEn.inputValue();
    const frenchTitle = await titleFr.inputValue();
    await titleEn.fill('');
    await titleFr.fill('');
    await ws.main().getByRole('button', { name: 'Save changes' }).click();
    const summary = ws.errorSummary();
    await summary
      .getByRole('link', { name: /^Title \(English\): Give a title in English, French or both\./ })
      .waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('error-summary')), true);

    await titleEn.fill(englishTitle);
    await titleFr.fill(frenchTitle);
    const note = ws.main().getByLabel(/^About the period/);
    await note.fill('First note.');
    await ws.main().getByRole('button', { name: 'Save changes' }).click();
    await ws.expectStatus("The plan's details were saved.");
    const first = (await apiFromPage(page, 'GET', `/plans/${PLAN}`)).body as PlanDetail;
    assert.equal(first.periodNote, 'First note.');
    assert.equal(first.title.en, englishTitle);
    assert.deepEqual(first.signoffSides, ['asean', 'canada'], 'the sign-off sides are kept');

    await note.fill('Second note.');
    await ws
      .main()
      .getByLabel(/^Status of the plan/)
      .selectOption({ label: 'In force' });
    await ws.main().getByRole('button', { name: 'Save changes' }).click();
    await ws
      .main()
      .getByText(`You are editing version ${first.version + 1}.`)
      .waitFor();
    const second = (await apiFromPage(page, 'GET', `/plans/${PLAN}`)).body as PlanDetail;
    assert.equal(second.periodNote, 'Second note.');
    assert.equal(second.status, 'active');

    const history = ws.main().getByRole('region', { name: 'History' });
    const latest = history
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: `Version ${second.version}: Edited` }) });
    await latest.getByRole('row', { name: /^Status Completed In force$/ }).waitFor();
    await history.getByRole('button', { name: `Restore version ${first.version}` }).click();
    await history.getByRole('button', { name: 'Yes, restore it' }).click();
    await ws.expectStatus('The earlier version was restored as a new version.');
    await history.getByRole('heading', { name: `Version ${second.version + 1}: Earlier version restored` }).waitFor();
    assert.equal(await note.inputValue(), 'First note.');
    const restored = (await apiFromPage(page, 'GET', `/plans/${PLAN}`)).body as PlanDetail;
    assert.equal(restored.periodNote, 'First note.');
    assert.equal(restored.status, 'completed');
    assert.deepEqual(errors, []);
  });

  it('a plan set to draft is shown to staff with a notice and to visitors as not found, until it is in force again', async () => {
    const LATEST = 'asean-canada-2021-2025';
    const { page, ws, errors } = await signedIn(ADMIN);
    const setStatus = async (label: string) => {
      await ws.open(`/en/workspace/plans/${LATEST}/details`);
      await ws.expectHeading(/^Details of the /);
      const status = ws.main().getByLabel(/^Status of the plan/);
      // The hint says what a draft means, tied to the field.
      assert.match((await status.getAttribute('aria-describedby')) ?? '', /hint/);
      await ws
        .main()
        .getByText(/A draft plan is seen only by signed-in staff/)
        .waitFor();
      await status.selectOption({ label });
      await ws.main().getByRole('button', { name: 'Save changes' }).click();
      await ws.expectStatus("The plan's details were saved.");
    };
    await setStatus('Draft');
    assert.equal(((await apiFromPage(page, 'GET', `/plans/${LATEST}`)).body as PlanDetail).status, 'draft');

    await ws.open(`/en/plans/${LATEST}`);
    await ws
      .main()
      .getByRole('note')
      .filter({ hasText: 'This plan is a draft: only signed-in staff see it.' })
      .waitFor();

    const visitor = await fresh();
    await visitor.ws.open(`/en/plans/${LATEST}`);
    await visitor.ws.expectHeading('Page not found');
    await visitor.ws.open('/en/');
    const plans = visitor.page.getByRole('main').getByRole('navigation', { name: 'Plans of Action', exact: true });
    await plans.waitFor();
    assert.equal(await plans.getByRole('link').count(), 2, 'the draft plan is not offered');

    await setStatus('In force');
    await visitor.ws.open(`/en/plans/${LATEST}`);
    await visitor.ws.expectHeading(/2021/);
    assert.deepEqual(errors, []);
  });

  it('an administrator moves a part under another pillar, restores its earlier versions, and is told why one cannot be', async () => {
    const { page, ws, errors } = await signedIn(ADMIN);
    const pillar1 = nodes.get('1') ?? '';
    const pillar2 = nodes.get('2') ?? '';
    const added = await apiFromPage(page, 'POST', `/plans/${PLAN}/nodes`, {
      parentId: pillar1,
      code: '1.9',
      kind: 'area',
      title: { en: 'Ocean governance', fr: 'Gouvernance des océans' },
    });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    const nodeId = (added.body as FrameworkNodeDetail).id;

    await ws.open(`/en/workspace/plans/${PLAN}`);
    await ws.expectHeading(`Framework of the ${PLAN_NAME}`);
    const tree = ws.main().getByRole('list', { name: 'Pillars, areas and action lines' });
    const part = (label: string) => tree.getByText(`Area ${label}`, { exact: true });
    await part('1.9 Ocean governance').waitFor();
    await tree.getByRole('button', { name: 'Move elsewhere 1.9', exact: true }).click();
    const move = ws.main().getByRole('form', { name: 'Move 1.9 Ocean governance' });
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-parentId');
    const parents = await move.getByLabel('New parent').locator('option').allInnerTexts();
    assert.ok(!parents.some((o) => o.includes('1.9')), 'a part cannot move under itself');
    await move.getByLabel('New parent').selectOption(pillar2);
    await move.getByLabel('Numbering code').fill('2.9');
    await move.getByRole('button', { name: 'Move', exact: true }).click();
    await page.waitForFunction(() => document.activeElement?.textContent === 'Move elsewhere 2.9');
    await part('2.9 Ocean governance').waitFor();
    const moved = (await apiFromPage(page, 'GET', `/framework-nodes/${nodeId}`)).body as FrameworkNodeDetail;
    assert.equal(moved.ancestors.at(-1)?.id, pillar2);

    // Visitors see it under its new pillar.
    const visitor = await fresh();
    await visitor.ws.open(`/en/plans/${PLAN}`);
    const plan = (await apiFromPage(page, 'GET', `/plans/${PLAN}`)).body as PlanDetail;
    const title = (id: string) => plan.framework.find((p) => p.id === id)?.title.en ?? '';
    const card = (id: string) =>
      visitor.ws
        .main()
        .getByRole('listitem')
        .filter({ has: visitor.page.getByRole('heading', { name: title(id) }) });
    await card(pillar2).getByRole('link', { name: 'Ocean governance' }).waitFor();
    assert.equal(await card(pillar1).getByRole('link', { name: 'Ocean governance' }).count(), 0);
    assert.deepEqual(visitor.errors, []);

    // Renamed, then restored to the version that moved it.
    await tree.getByRole('button', { name: 'Rename 2.9', exact: true }).click();
    const rename = ws.main().getByRole('form', { name: /^Rename 2\.9 / });
    await rename.getByLabel('Title (English)').fill('Ocean and coastal governance');
    await rename.getByRole('button', { name: 'Save changes' }).click();
    await part('2.9 Ocean and coastal governance').waitFor();

    await tree.getByRole('button', { name: 'History of 2.9', exact: true }).click();
    // The panel is named after the part, which a restore may rename.
    const history = ws.main().getByRole('region', { name: /^History of 2\.9 / });
    await history.getByRole('heading', { name: 'Version 3: Edited' }).waitFor();
    await history.getByRole('button', { name: 'Restore version 2' }).click();
    await history.getByRole('button', { name: 'Yes, restore it' }).click();
    await ws.expectStatus('Version 2 of 2.9 Ocean and coastal governance was restored as a new version.');
    await part('2.9 Ocean governance').waitFor();
    await history.getByRole('heading', { name: 'Version 4: Earlier version restored' }).waitFor();

    // Its first version sat at 1.9, a code another part has taken since: the restore is refused, with the reason.
    const clash = await apiFromPage(page, 'POST', `/plans/${PLAN}/nodes`, {
      parentId: pillar1,
      code: '1.9',
      kind: 'area',
      title: { en: 'Maritime security' },
    });
    assert.equal(clash.status, 201, JSON.stringify(clash.body));
    await history.getByRole('button', { name: 'Restore version 1' }).click();
    const confirm = history.getByRole('group', { name: /^Restore version 1\?/ });
    await confirm.getByRole('button', { name: 'Yes, restore it' }).click();
    await confirm
      .getByRole('alert')
      .getByText(/Version 1 cannot be restored: another node \(Maritime security\) has its code 1\.9 now/)
      .waitFor();
    const after = (await apiFromPage(page, 'GET', `/framework-nodes/${nodeId}`)).body as FrameworkNodeDetail;
    assert.equal(after.code, '2.9');
    assert.equal(after.version, 4);
    assert.deepEqual(unexpected(errors, 409), []);
  });

  it("the workspace home lists the person's own drafts, paged by the server", async () => {
    const writer = new Client(portal.server);
    assert.equal((await writer.signIn(WRITER.email, PASSWORD)).status, 200);
    const other = new Client(portal.server);
    assert.equal((await other.signIn(OTHER.email, PASSWORD)).status, 200);
    const draft = async (client: Client, title: string) => {
      const res = await client.request('POST', '/api/v1/activities', {
        title: { en: title },
        type: 'dialogue',
        status: 'planned',
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
    };
    for (let i = 1; i <= 11; i++) await draft(writer, `Wanda's draft ${String(i).padStart(2, '0')}`);
    await draft(other, "Otto's draft");

    const { page, ws, errors } = await signedIn(WRITER, 360);
    const drafts = ws.main().getByRole('region', { name: 'Your drafts and activities returned to you' });
    await drafts.getByText('Showing 1–10 of 11').waitFor();
    const table = drafts.getByRole('table', { name: /^Your drafts and returned activities/ });
    assert.equal(await table.getByRole('row').count(), 11, 'a header and ten activities');
    await table.getByRole('link', { name: "Wanda's draft 11", exact: true }).waitFor();
    await table.getByRole('link', { name: "Edit Wanda's draft 11", exact: true }).waitFor();
    assert.equal(await ws.main().getByText("Otto's draft").count(), 0, "others' drafts are not listed");
    await ws
      .main()
      .getByRole('region', { name: 'Your activities waiting for approval' })
      .getByText('None of your activities is waiting for approval.')
      .waitFor();

    await drafts.getByRole('navigation', { name: 'Pages of drafts' }).getByRole('link', { name: /Next/ }).click();
    await drafts.getByText('Showing 11–11 of 11').waitFor();
    await table.getByRole('link', { name: "Wanda's draft 01", exact: true }).waitFor();
    assert.equal(ws.search().get('drafts'), '2');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'drafts-title');
    assert.equal(await ws.horizontalOverflow(), 0);
    assert.deepEqual(errors, []);
  });

  it('an administrator corrects an exchange rate, adds one and deletes it; visitors read the table and sources', async () => {
    const { page, ws, errors } = await signedIn(ADMIN);
    await page.getByRole('contentinfo').getByRole('link', { name: 'Exchange rates and their sources' }).click();
    await ws.expectHeading('Exchange rates');
    const usd = ws.main().getByRole('region', { name: 'USD' });
    await usd.getByRole('link', { name: 'Edit USD 2012' }).click();
    await ws.expectHeading('Exchange rate USD 2012');

    const rate = ws.main().getByLabel('Canadian dollars per unit');
    assert.equal(await rate.inputValue(), '0.9996');
    await rate.fill('0,99');
    await ws.main().getByRole('button', { name: 'Save' }).click();
    const summary = ws.main().locator('.error-summary');
    await summary.waitFor();
    assert.match(await summary.innerText(), /Canadian dollars per unit/);
    assert.equal(await rate.getAttribute('aria-invalid'), 'true');
    await rate.fill('1.0000');
    await ws.main().getByRole('button', { name: 'Save' }).click();
    await ws.expectHeading('Exchange rates');
    await ws.expectStatus('The rate USD 2012 was saved.');
    const row2012 = usd.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '2012', exact: true }) });
    assert.match(await row2012.innerText(), /1\.0000/);
    const stored = await portal.server.get<{ cadPerUnit: string }>('/api/v1/exchange-rates/USD/2012');
    assert.equal(stored.body.cadPerUnit, '1.0000');

    await ws.main().getByRole('link', { name: 'Add a rate' }).click();
    await ws.expectHeading('New exchange rate');
    await ws.main().getByLabel('Currency').fill('nzd');
    await ws.main().getByLabel('Year').fill('2031');
    await ws.main().getByLabel('Canadian dollars per unit').fill('1.5');
    await ws.main().getByLabel('Source').fill('Test source for the year 2031');
    await ws.main().getByRole('button', { name: 'Save' }).click();
    await ws.expectStatus('The rate NZD 2031 was saved.');
    const nzd = ws.main().getByRole('region', { name: 'NZD' });
    assert.match(await nzd.innerText(), /Test source for the year 2031/);

    await nzd.getByRole('link', { name: 'Edit NZD 2031' }).click();
    await ws.expectHeading('Exchange rate NZD 2031');
    await ws.main().getByRole('button', { name: 'Delete NZD 2031' }).click();
    await ws.main().getByRole('button', { name: 'Yes, delete it' }).click();
    await ws.expectStatus('The rate NZD 2031 was deleted.');
    assert.equal(await ws.main().getByRole('region', { name: 'NZD' }).count(), 0);
    assert.equal((await portal.server.get('/api/v1/exchange-rates/NZD/2031')).status, 404);
    assert.deepEqual(unexpected(errors, 400), []);

    const visitor = await fresh();
    await visitor.ws.open('/fr/exchange-rates');
    await visitor.ws.expectHeading('Taux de change');
    assert.equal(
      await visitor.ws
        .main()
        .getByRole('link', { name: /^Modifier/ })
        .count(),
      0,
    );
    assert.equal(await visitor.ws.main().getByRole('link', { name: 'Ajouter un taux' }).count(), 0);
    const source = visitor.ws
      .main()
      .getByRole('region', { name: 'USD' })
      .getByRole('link', { name: /bankofcanada\.ca/ })
      .first();
    assert.match((await source.getAttribute('href')) ?? '', /^https:\/\/www\.bankofcanada\.ca\//);
    assert.deepEqual(visitor.errors, []);
  });
});
