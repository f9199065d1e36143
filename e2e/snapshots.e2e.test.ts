import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { SnapshotComparison, SnapshotSummary } from '../src/shared/api-types';
import type { Role } from '../src/shared/vocab';
import { startPortal } from './support/app';
import { collectPageErrors, launchBrowser } from './support/browser';
import { WAIT_MS } from './support/screens';
import { Workspace } from './support/workspace';

const PASSWORD = 'correct horse battery staple';
const PLAN = 'asean-canada-2010-2015';
const STATE: Record<string, string> = { not_started: 'Not started', launched: 'Launched', addressed: 'Addressed' };
const stateText = (state: string | null) => (state ? STATE[state] : 'Not in the framework');
const DIRECTION: Record<string, string> = {
  progress: 'Progress',
  regress: 'Setback',
  added: 'Added to the framework',
  removed: 'No longer in the framework',
};

/** Coverage snapshots: frozen by a reviewer, compared by anyone, withdrawn by an administrator. */
describe('coverage snapshots in Chromium', () => {
  let portal: Awaited<ReturnType<typeof startPortal>>;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const accounts: Record<'reviewer' | 'admin', string> = {
    reviewer: 'rita.reviewer@example.org',
    admin: 'ada.admin@example.org',
  };

  before(async () => {
    portal = await startPortal();
    browser = await launchBrowser();
    for (const [role, email] of Object.entries(accounts) as [Role, string][]) {
      await portal.server.core.auth.createUser(
        null,
        { email, displayName: role === 'admin' ? 'Ada Admin' : 'Rita Reviewer', role, side: 'asean' },
        PASSWORD,
      );
    }
  });
  after(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await portal?.stop();
  });

  const session = async (email?: string): Promise<{ page: Page; ws: Workspace; errors: string[] }> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-CA' });
    contexts.push(context);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    const ws = new Workspace(page, portal.server.baseUrl);
    if (email) await ws.signIn(email, PASSWORD);
    return { page, ws, errors };
  };

  /** A table's body rows as cell texts. */
  const rowsOf = async (page: Page, caption: RegExp): Promise<string[][]> => {
    const table = page.locator('main table').filter({ has: page.locator('caption', { hasText: caption }) });
    await table.waitFor({ timeout: WAIT_MS });
    return table
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) =>
          Array.from(tr.querySelectorAll('th, td'), (c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim()),
        ),
      );
  };

  let frozen: SnapshotSummary;

  it('a reviewer freezes the coverage at an earlier date, and it is listed', async () => {
    const { page, ws, errors } = await session(accounts.reviewer);
    await ws.open(`/en/plans/${PLAN}/snapshots`);
    await ws.expectHeading(/Coverage snapshots/);
    await page.getByText(/No snapshots yet/).waitFor();

    const form = page.locator('#snapshot-form');
    await form.getByRole('button', { name: 'Freeze the coverage' }).click();
    await ws.errorSummary().waitFor();
    assert.match(await ws.errorSummary().innerText(), /Name: /);

    await form.getByLabel('Name', { exact: true }).fill('Mid-term review 2012');
    await form.getByLabel('Judged on').fill('2012-12-31');
    await form.getByRole('button', { name: 'Freeze the coverage' }).click();
    await ws.expectStatus(/was frozen as “Mid-term review 2012”/);

    const list = await portal.server.get<{ items: SnapshotSummary[] }>(`/api/v1/plans/${PLAN}/snapshots`);
    assert.equal(list.body.items.length, 1);
    frozen = list.body.items[0] as SnapshotSummary;
    assert.equal(frozen.asOf, '2012-12-31');
    assert.equal(frozen.createdBy, 'Rita Reviewer');
    const rows = await rowsOf(page, /^Snapshots of the coverage/);
    assert.equal(rows.length, 1);
    assert.match(rows[0]?.[0] ?? '', /Mid-term review 2012/);
    assert.match(
      rows[0]?.[2] ?? '',
      new RegExp(`^${frozen.rollup.addressed} of ${frozen.rollup.leaves} action lines addressed`),
    );
    assert.deepEqual(errors, []);
  });

  it('a visitor compares it with today: the tables show the API’s figures, the address keeps the choice', async () => {
    const { page, ws, errors } = await session();
    await ws.open(`/en/plans/${PLAN}/snapshots`);
    await page.locator('#comparison-title').waitFor({ timeout: WAIT_MS });
    assert.equal(await page.locator('#snapshot-form').count(), 0, 'visitors cannot freeze');
    assert.equal(await page.getByRole('button', { name: /Withdraw/ }).count(), 0, 'nor withdraw');
    const listed = await rowsOf(page, /^Snapshots of the coverage/);
    assert.deepEqual(
      listed.map((r) => r[0]),
      ['Mid-term review 2012'],
      'visitors see the list',
    );

    await page.getByLabel('From').selectOption(frozen.id);
    await page.getByLabel('To').selectOption('current');
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.waitForURL(new RegExp(`from=${frozen.id}`));
    assert.match(page.url(), /to=current/);

    const api = (
      await portal.server.get<SnapshotComparison>(
        `/api/v1/plans/${PLAN}/snapshots/compare?from=${frozen.id}&to=current`,
      )
    ).body;
    assert.ok(api.moves.length > 0, 'the seed has activities after 2012 that moved some parts');
    const check = async () => {
      const transitions = await rowsOf(page, /^Action lines that changed state/);
      assert.deepEqual(
        transitions.map((r) => [r[0], r[1], r[2]]),
        api.leafTransitions.map((t) => [stateText(t.from), stateText(t.to), String(t.count)]),
      );
      const moves = await rowsOf(page, /^Parts of the plan whose coverage state changed/);
      assert.deepEqual(
        // Code, state (from), state (to), direction in words (after its mark), activities (from), activities (to).
        moves.map((r) => [r[0], r[2], r[3], (r[4] ?? '').replace(/^\S+\s+/, ''), r[5], r[6]]),
        api.moves.map((m) => [
          m.code,
          stateText(m.from),
          stateText(m.to),
          DIRECTION[m.direction],
          String(m.fromActivityCount),
          String(m.toActivityCount),
        ]),
      );
    };
    await check();
    await page.reload();
    await page.locator('#comparison-title').waitFor({ timeout: WAIT_MS });
    await check();
    assert.deepEqual(errors, []);
  });

  it('an administrator withdraws the snapshot, and it is no longer listed', async () => {
    const { page, ws, errors } = await session(accounts.admin);
    await ws.open(`/en/plans/${PLAN}/snapshots`);
    await page.getByRole('button', { name: /Withdraw the snapshot Mid-term review 2012/ }).click();
    await page.getByRole('button', { name: 'Yes, withdraw it' }).click();
    await ws.expectStatus(/was withdrawn/);
    await page.getByText(/No snapshots yet/).waitFor();
    const list = await portal.server.get<{ items: SnapshotSummary[] }>(`/api/v1/plans/${PLAN}/snapshots`);
    assert.deepEqual(list.body.items, []);
    assert.deepEqual(errors, []);
  });
});
