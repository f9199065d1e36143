import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import type { ActivityDetail, CarryOverResult, PlanCrosswalk, PlanDetail } from '../src/shared/api-types';
import { startPortal } from './support/app';
import { collectPageErrors, launchBrowser } from './support/browser';
import { apiFromPage, nodeIdsByCode, Workspace } from './support/workspace';

const PASSWORD = 'correct horse battery staple';
const OFFICER = 'officer.crosswalk@example.org';
const FROM = 'asean-canada-2016-2020';
const TO = 'asean-canada-2021-2025';

async function axeViolations(page: Page): Promise<string[]> {
  const axe = await new AxeBuilder({ page })
    .include('main')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return axe.violations.map((v) => v.id);
}

/**
 * An officer maps two parts of the 2016–2020 plan to the 2021–2025 plan, records a third as dropped, previews the
 * carry-over of ongoing activities and confirms it.
 */
describe('the crosswalk editor, in Chromium', () => {
  let portal: Awaited<ReturnType<typeof startPortal>>;
  let browser: Browser;
  let oldIds: Map<string, string>;
  let newIds: Map<string, string>;

  before(async () => {
    portal = await startPortal();
    browser = await launchBrowser();
    await portal.server.core.auth.createUser(
      null,
      { email: OFFICER, displayName: 'Crosswalk officer', role: 'admin', side: 'asean' },
      PASSWORD,
    );
    oldIds = nodeIdsByCode((await portal.server.get<PlanDetail>(`/api/v1/plans/${FROM}`)).body);
    newIds = nodeIdsByCode((await portal.server.get<PlanDetail>(`/api/v1/plans/${TO}`)).body);
  });
  after(async () => {
    await browser?.close();
    await portal?.stop();
  });

  it('maps two parts, drops one, previews and confirms a carry-over', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-CA' });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    const ws = new Workspace(page, portal.server.baseUrl);
    await ws.signIn(OFFICER, PASSWORD);

    // From the framework editor of the old plan to its crosswalk with the next one.
    await ws.open(`/en/workspace/plans/${FROM}`);
    await ws
      .main()
      .getByRole('link', { name: /^Crosswalk to the .*2021/ })
      .click();
    await ws.expectHeading(/^Crosswalk from the .*2016.* to the .*2021/);
    const total = oldIds.size;
    await ws.main().getByText(`0 of ${total} parts decided, ${total} undecided.`).waitFor();

    // Nothing chosen: the error summary names the fields.
    const form = ws.main().getByRole('form', { name: 'Add a mapping' });
    await form.getByRole('button', { name: 'Add mapping' }).click();
    await ws
      .errorSummary()
      .getByRole('link', { name: /Part of the new plan/ })
      .waitFor();

    const map = async (from: string, to: string | null, note = '') => {
      await form.getByLabel('Part of the old plan').selectOption(oldIds.get(from)!);
      await form
        .getByLabel('Part of the new plan')
        .selectOption(to === null ? { label: 'Dropped' } : { value: newIds.get(to)! });
      await form.getByLabel(/^Note/).fill(note);
      await form.getByRole('button', { name: 'Add mapping' }).click();
      await ws.expectStatus(
        to === null ? new RegExp(`^${from} .* recorded as dropped\\.$`) : new RegExp(`^${from} .* mapped to ${to} `),
      );
    };
    await map('P7', 'P7', 'Same scope.');
    // From the list: "Map P8" chooses it in the form and moves to the new part.
    const decisions = ws.main().getByRole('region', { name: 'Parts of the old plan' });
    await decisions.getByRole('button', { name: /^Map P8 / }).click();
    assert.equal(await form.getByLabel('Part of the old plan').inputValue(), oldIds.get('P8'));
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-toNodeId');
    await map('P8', 'P8');
    await map('P10', null, 'Not taken up in 2021–2025.');
    await ws
      .main()
      .getByText(`3 of ${total} parts decided, ${total - 3} undecided.`)
      .waitFor();
    await decisions.getByRole('button', { name: /^Remove the mapping of P10 .* to Dropped$/ }).waitFor();

    const crosswalk = (await portal.server.get<PlanCrosswalk>(`/api/v1/plans/${FROM}/crosswalk/${TO}`)).body;
    assert.deepEqual(
      crosswalk.entries.map((e) => [e.fromNodeId, e.toNodeId, e.note]),
      [
        [oldIds.get('P7'), newIds.get('P7'), 'Same scope.'],
        [oldIds.get('P8'), newIds.get('P8'), null],
        [oldIds.get('P10'), null, 'Not taken up in 2021–2025.'],
      ],
    );
    assert.deepEqual(await axeViolations(page), []);

    // Preview, then confirm.
    const carry = ws.main().getByRole('region', { name: 'Carry over ongoing activities' });
    await carry.getByRole('button', { name: 'Preview the carry-over' }).click();
    const result = carry.locator('#carry-result');
    await result.getByText(/^Preview: /).waitFor();
    const expected = await apiFromPage(page, 'POST', `/plans/${FROM}/crosswalk/${TO}/carry-over`, { dryRun: true });
    const preview = expected.body as CarryOverResult;
    assert.ok(preview.activities.length > 0, 'the seed has ongoing activities under P7 or P8');
    const rows = carry
      .getByRole('table', { name: 'Activities the carry-over would link to the new plan' })
      .locator('tbody tr');
    assert.equal(await rows.count(), preview.activities.length);
    assert.deepEqual(await axeViolations(page), []);

    const n = preview.activities.length;
    await carry.getByRole('button', { name: `Carry over ${n} ${n === 1 ? 'activity' : 'activities'}` }).click();
    await result
      .getByText(new RegExp(`^Done: ${n} activit(y|ies) carried over with ${preview.linksAdded} new links?`))
      .waitFor();
    for (const a of preview.activities) {
      const detail = (await portal.server.get<ActivityDetail>(`/api/v1/activities/${a.id}`)).body;
      for (const id of a.addedNodeIds)
        assert.ok(
          detail.links.some((l) => l.node.id === id),
          `${a.id} linked to ${id}`,
        );
    }
    // A second preview finds nothing left to carry.
    await carry.getByRole('button', { name: 'Preview the carry-over' }).click();
    await result.getByText(/^Preview: 0 activities would get 0 new links/).waitFor();
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
