import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import type { ActivityDetail, PlanDetail } from '../src/shared/api-types';
import { startPortal } from './support/app';
import { collectPageErrors, launchBrowser } from './support/browser';
import { apiFromPage, nodeIdsByCode, Workspace } from './support/workspace';

const PASSWORD = 'correct horse battery staple';
const EDITOR = 'editor.suggest@example.org';
const TITLE = 'Support to the ASEAN human rights commission on the rights of women and children';

/**
 * An editor asks for suggested links while recording an activity, reads why each is suggested, adds one and turns
 * another down; only what is added and saved is linked.
 */
describe('suggested links in the activity editor, in Chromium', () => {
  let portal: Awaited<ReturnType<typeof startPortal>>;
  let browser: Browser;
  let nodes: Map<string, string>;

  before(async () => {
    portal = await startPortal();
    browser = await launchBrowser();
    await portal.server.core.auth.createUser(
      null,
      { email: EDITOR, displayName: 'Suggest editor', role: 'editor', side: 'canada' },
      PASSWORD,
    );
    nodes = nodeIdsByCode((await portal.server.get<PlanDetail>('/api/v1/plans/asean-canada-2010-2015')).body);
  });
  after(async () => {
    await browser?.close();
    await portal?.stop();
  });

  for (const lang of ['en', 'fr'] as const) {
    it(`suggests, explains, adds one and turns one down; only the added link is saved (${lang})`, async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-CA' });
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      const ws = new Workspace(page, portal.server.baseUrl);
      await ws.signIn(EDITOR, PASSWORD);
      await ws.open(`/${lang}/workspace/activities/new`);
      const panel = ws.main().getByRole('region', { name: lang === 'en' ? 'Suggested links' : 'Liens suggérés' });
      const ask = panel.getByRole('button', {
        name: lang === 'en' ? /^Suggest (links|again)$/ : /^Suggérer (des liens|à nouveau)$/,
      });
      assert.equal(await ask.isDisabled(), true, 'nothing to go on before a title');

      await ws
        .main()
        .getByRole('group', { name: lang === 'en' ? /^Title/ : /^Titre/ })
        .getByLabel(lang === 'en' ? 'English' : 'Anglais', { exact: true })
        .fill(TITLE);
      await ask.click();
      await panel
        .getByRole('status')
        .getByText(lang === 'en' ? /suggestions?, learned from/ : /apprises de/)
        .waitFor();
      const items = panel.getByRole('listitem').filter({ has: page.getByRole('button') });
      const first = items.first();
      await first.getByText(/^1\.1 /).waitFor();
      await first
        .getByText(lang === 'en' ? /Shares the words .*“right”/ : /Partage les mots .*«\u00a0right\u00a0»/)
        .waitFor();

      const axe = await new AxeBuilder({ page })
        .include('.link-suggestions')
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
        .analyze();
      assert.deepEqual(
        axe.violations.map((v) => v.id),
        [],
      );

      // Turn the second down, add the first: the link row appears in the form, the focus stays in the list.
      const count = await items.count();
      assert.ok(count >= 2, `${count} suggestions`);
      const second = (await items.nth(1).locator('strong').textContent()) ?? '';
      await items
        .nth(1)
        .getByRole('button', { name: lang === 'en' ? /^Do not link to/ : /^Ne pas lier à/ })
        .click();
      await page.waitForFunction(
        (name) => !document.querySelector('.link-suggestions')?.textContent?.includes(name),
        second,
      );
      await first
        .getByRole('button', { name: lang === 'en' ? /^Add a link to 1\.1/ : /^Ajouter un lien vers 1\.1/ })
        .click();
      const row = ws.row(lang === 'en' ? 'Link 1' : 'Lien 1');
      await row.waitFor();
      assert.equal(await row.getByRole('combobox').first().inputValue(), nodes.get('1.1'));
      assert.equal(
        await page.evaluate(() => document.activeElement?.closest('.link-suggestions') !== null),
        true,
        'the focus stays with the suggestions',
      );

      // Ask again: neither the linked nor the turned-down node comes back.
      await ask.click();
      await panel
        .getByRole('status')
        .getByText(lang === 'en' ? /learned from/ : /apprises de/)
        .waitFor();
      const again = await panel.locator('.link-suggestions__item strong').allTextContents();
      assert.ok(!again.some((t) => t.startsWith('1.1 ')), 'the linked node is left out');
      assert.ok(!again.includes(second), 'the turned-down node is left out');

      await ws
        .main()
        .getByLabel(lang === 'en' ? 'Type of activity' : "Type d'activité")
        .selectOption({ index: 1 });
      await ws
        .main()
        .getByRole('button', { name: lang === 'en' ? 'Save the new activity' : 'Enregistrer la nouvelle activité' })
        .click();
      await ws.expectHeading(TITLE);
      const id = ws.path().split('/').pop() ?? '';
      const saved = await apiFromPage(page, 'GET', `/activities/${id}`);
      assert.deepEqual(
        (saved.body as ActivityDetail).links.map((l) => l.node.code),
        ['1.1'],
        'only the added link is saved',
      );
      assert.deepEqual(errors, []);
      await context.close();
    });
  }

  it('for a stored activity, asks at once from the import report’s link and keeps what is turned down across visits', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-CA' });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    const ws = new Workspace(page, portal.server.baseUrl);
    await ws.signIn(EDITOR, PASSWORD);
    const created = await apiFromPage(page, 'POST', '/activities', {
      type: 'training',
      status: 'ongoing',
      title: { en: 'Regional training on disaster management and emergency response', fr: null },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = (created.body as ActivityDetail).id;

    // The link the import report gives: the suggestions come without a click.
    await ws.open(`/en/workspace/activities/${id}/edit?suggest=1`);
    const panel = ws.main().getByRole('region', { name: 'Suggested links' });
    const items = panel.locator('.link-suggestions__item');
    await items.first().waitFor();
    const top = (await items.first().locator('strong').textContent()) ?? '';
    // The node's code: its title is in the page's language.
    const code = top.split(' ')[0] ?? '';
    await items
      .first()
      .getByRole('button', { name: /^Do not link to/ })
      .click();
    const kept = panel.locator('details.link-suggestions__rejected');
    await kept.getByText('One suggestion turned down for this activity').waitFor();

    // Another visit, in French: still turned down, named with who and when; asked again, it does not come back.
    await ws.open(`/fr/workspace/activities/${id}/edit?suggest=1`);
    const panelFr = ws.main().getByRole('region', { name: 'Liens suggérés' });
    await panelFr.locator('.link-suggestions__item').first().waitFor();
    const shown = await panelFr.locator('.link-suggestions__item strong').allTextContents();
    assert.ok(!shown.some((t) => t.startsWith(`${code} `)), `${top} is not suggested again`);
    const keptFr = panelFr.locator('details.link-suggestions__rejected');
    await keptFr.locator('summary').click();
    await keptFr.getByText(/écartée par Suggest editor le/).waitFor();
    const axe = await new AxeBuilder({ page })
      .include('.link-suggestions')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    assert.deepEqual(
      axe.violations.map((v) => v.id),
      [],
    );

    // Withdrawn: the next suggestions may hold it again.
    await keptFr
      .getByRole('button', { name: new RegExp(`^Proposer de nouveau ${code.replaceAll('.', '\\.')} `) })
      .click();
    await keptFr.waitFor({ state: 'detached' });
    await panelFr.getByRole('button', { name: /^Suggérer (des liens|à nouveau)$/ }).click();
    await panelFr
      .locator('.link-suggestions__item strong', { hasText: new RegExp(`^${code.replaceAll('.', '\\.')} `) })
      .waitFor();
    const rejections = await apiFromPage(page, 'GET', `/activities/${id}/link-rejections`);
    assert.deepEqual((rejections.body as { items: unknown[] }).items, []);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
