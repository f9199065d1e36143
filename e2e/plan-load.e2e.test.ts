import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startPortal } from './support/app';
import { collectPageErrors, launchBrowser } from './support/browser';
import { WAIT_MS } from './support/screens';
import { Workspace } from './support/workspace';

const PASSWORD = 'correct horse battery staple';
const ADMIN = 'paula.planner@example.org';

const CSV = [
  'code,parent,kind,status,title_en,title_fr,description_en,description_fr',
  '1,,pillar,,Blue economy,Économie bleue,,',
  '1.1,1,area,,Fisheries,Pêches,,',
  '1.1.1,1.1,action_line,,Sustainable fishing,Pêche durable,,',
  '2,,pillar,,Digital trade,Commerce numérique,,',
].join('\r\n');

const YAML = `plans:
  - slug: plan-charge-yaml
    title: { en: Loaded plan in YAML, fr: Plan chargé en YAML }
    shortTitle: { en: Loaded YAML, fr: YAML chargé }
    periodStart: 2031
    periodEnd: 2035
    status: active
    framework:
      - code: "1"
        kind: pillar
        title: { en: Ocean health, fr: Santé des océans }
        children:
          - code: "1.1"
            kind: area
            title: { en: Coral reefs, fr: Récifs coralliens }
`;

const WORDS = {
  en: {
    heading: 'Load a plan from a file',
    file: 'Plan definition file',
    slug: 'Slug of the new plan',
    check: 'Check file',
    preview: /^Preview of /,
    create: 'Create plan',
    done: /The plan plan-csv-en was created/,
    open: 'Open it in the portal.',
    pillar: 'Blue economy',
    plan: 'Loaded from CSV',
  },
  fr: {
    heading: 'Charger un plan depuis un fichier',
    file: 'Fichier de définition du plan',
    slug: 'Identifiant du nouveau plan',
    check: 'Vérifier le fichier',
    preview: /^Aperçu de /,
    create: 'Créer le plan',
    done: /Le plan plan-charge-yaml a été créé/,
    open: 'L’ouvrir dans le portail.',
    pillar: 'Santé des océans',
    plan: 'Plan chargé en YAML',
  },
} as const;

/** The plan loader: a file checked, previewed, created, then found in the portal, in English and French. */
describe('loading a plan from a file in Chromium', () => {
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
      { email: ADMIN, displayName: 'Paula Planner', role: 'admin', side: 'canada' },
      PASSWORD,
    );
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-CA' });
    page = await context.newPage();
    errors = collectPageErrors(page);
    ws = new Workspace(page, portal.server.baseUrl);
    await ws.signIn(ADMIN, PASSWORD);
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await portal?.stop();
  });

  for (const lang of ['en', 'fr'] as const) {
    it(`${lang}: checks a file, shows its tree, creates the plan, and the portal shows it`, async () => {
      const w = WORDS[lang];
      await ws.open(`/${lang}/workspace`);
      await ws.follow(w.heading, ws.main());
      await ws.expectHeading(w.heading);

      // A file that is not a plan definition is refused before anything is sent.
      await ws
        .main()
        .getByLabel(w.file)
        .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('x') });
      await ws.main().getByRole('button', { name: w.check }).click();
      await ws.errorSummary().waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('error-summary')), true);

      if (lang === 'en') {
        await ws
          .main()
          .getByLabel(w.file)
          .setInputFiles({ name: 'plan.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
        await ws.main().getByLabel(w.slug).fill('plan-csv-en');
        await ws.main().getByLabel('Title in English').fill(w.plan);
        await ws.main().getByLabel('First year').fill('2026');
        await ws.main().getByLabel('Last year').fill('2030');
      } else {
        await ws
          .main()
          .getByLabel(w.file)
          .setInputFiles({ name: 'plan.yaml', mimeType: 'application/yaml', buffer: Buffer.from(YAML) });
      }
      await ws.main().getByRole('button', { name: w.check }).click();
      await page.getByRole('heading', { level: 2, name: w.preview }).waitFor({ timeout: WAIT_MS });
      await ws.main().locator('.plan-load-tree').getByText(w.pillar).first().waitFor();
      // Nothing is written by the check.
      const before = await fetch(`${portal.server.baseUrl}/api/v1/plans`).then(
        (r) => r.json() as Promise<{ items: unknown[] }>,
      );

      const axe = await new AxeBuilder({ page })
        .include('main')
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
        .analyze();
      assert.deepEqual(
        axe.violations.map((v) => v.id),
        [],
      );

      await ws.main().getByRole('button', { name: w.create }).click();
      await ws.expectStatus(w.done);
      const after = await fetch(`${portal.server.baseUrl}/api/v1/plans`).then(
        (r) => r.json() as Promise<{ items: unknown[] }>,
      );
      assert.equal(after.items.length, before.items.length + 1);

      await ws.follow(w.open, ws.main());
      await ws.expectHeading(new RegExp(w.plan.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      await ws.main().getByText(w.pillar).first().waitFor({ timeout: WAIT_MS });
      assert.deepEqual(errors, []);
    });
  }
});
