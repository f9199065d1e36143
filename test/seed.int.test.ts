import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openDatabase, type Db } from '../src/core/db/database';
import { migrateToLatest } from '../src/core/db/migrate';
import { stableId } from '../src/core/ids';
import type { SeedNode } from '../src/core/seed/seed-file.schema';
import { DEFAULT_SEED_DIR, loadSeed, seedDatabase, type SeedReport } from '../src/core/seed/seed.service';
import { DATABASES, type TestDatabase } from './support/databases';

const seed = loadSeed(DEFAULT_SEED_DIR);
const plans = seed.partnerships.flatMap((p) => p.plans);
const organisations = seed.partnerships.flatMap((p) => p.organisations);
const activities = seed.partnerships.flatMap((p) => p.activities);
const countNodes = (nodes: SeedNode[]): number => nodes.reduce((n, node) => n + 1 + countNodes(node.children ?? []), 0);
const nodeCount = plans.reduce((n, p) => n + countNodes(p.framework), 0);
const recordCount =
  seed.partnerships.length +
  plans.length +
  nodeCount +
  organisations.length +
  activities.length +
  seed.exchangeRates.length;

const PLAN_2010 = stableId('plan:poa-2010-2015');
const UNIFEM = stableId('activity:unifem-grant-acwc-aichr');
const HRRCA = stableId('activity:hrrca-support');
const IDRC = stableId('activity:idrc-southeast-asia-research');

const total = (report: SeedReport) => Object.values(report.applied).reduce((a, b) => a + b, 0);

for (const target of DATABASES) {
  describe(`seed on ${target.name}`, () => {
    let database: TestDatabase;
    let db: Db;
    let first: SeedReport;
    let extraDir: string;

    before(async () => {
      database = await target.create();
      db = openDatabase(database.config);
      await migrateToLatest(db);
      first = await seedDatabase(db);
    });

    after(async () => {
      await db?.close();
      await database?.drop();
      if (extraDir) fs.rmSync(extraDir, { recursive: true, force: true });
    });

    it('applies every seed record once and reports the counts', async () => {
      assert.equal(first.skipped, 0);
      assert.equal(first.applied.partnerships, seed.partnerships.length);
      assert.equal(first.applied.plans, plans.length);
      assert.equal(first.applied.framework_nodes, nodeCount);
      assert.equal(first.applied.organisations, organisations.length);
      assert.equal(first.applied.activities, activities.length);
      assert.equal(first.applied.exchange_rates, seed.exchangeRates.length);
      assert.equal(
        first.applied.funding_lines,
        activities.reduce((n, a) => n + a.funding.length, 0),
      );
      assert.equal(
        first.applied.activity_links,
        activities.reduce((n, a) => n + a.links.length, 0),
      );
      const count = async (
        table: 'activities' | 'framework_nodes' | 'organisations' | 'seed_applied' | 'exchange_rates',
      ) =>
        Number(
          (
            await db.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      assert.equal(await count('activities'), activities.length);
      assert.equal(await count('framework_nodes'), nodeCount);
      assert.equal(await count('organisations'), organisations.length);
      assert.equal(await count('exchange_rates'), seed.exchangeRates.length);
      assert.equal(await count('seed_applied'), recordCount);
    });

    it('stores the 2010-2015 plan with its 3 pillars and 17 areas in order', async () => {
      const plan = await db.db.selectFrom('plans').selectAll().where('id', '=', PLAN_2010).executeTakeFirstOrThrow();
      assert.equal(plan.slug, 'asean-canada-2010-2015');
      assert.equal(plan.adopted_on, '2010-07');
      assert.equal(plan.status, 'completed');
      assert.match(
        plan.description_en ?? '',
        /^The adoption of the Plan of Action in 2010 was a significant step forward/,
      );

      const nodes = await db.db
        .selectFrom('framework_nodes')
        .select(['id', 'parent_id', 'code', 'kind', 'depth', 'position', 'title_en'])
        .where('plan_id', '=', PLAN_2010)
        .execute();
      const pillars = nodes.filter((n) => n.depth === 0).sort((a, b) => a.position - b.position);
      assert.deepEqual(
        pillars.map((p) => [p.code, p.kind, p.title_en]),
        [
          ['1', 'pillar', 'Political and Security Cooperation'],
          ['2', 'pillar', 'Economic Cooperation'],
          ['3', 'pillar', 'Socio-Cultural Cooperation'],
        ],
      );
      const areas = pillars.flatMap((p) =>
        nodes.filter((n) => n.parent_id === p.id).sort((a, b) => a.position - b.position),
      );
      assert.equal(areas.length, 17);
      assert.ok(areas.every((a) => a.kind === 'area' && a.depth === 1));
      assert.deepEqual(
        areas.map((a) => a.code),
        [
          '1.1',
          '1.2',
          '1.3',
          '2.1',
          '2.2',
          '2.3',
          '2.4',
          '2.5',
          '2.6',
          '3.1',
          '3.2',
          '3.3',
          '3.4',
          '3.5',
          '3.6',
          '3.7',
          '3.8',
        ],
      );
      assert.equal(areas[0]?.title_en, 'Human Rights, Good Governance, Democracy and Rule of Law');
      assert.equal(areas[16]?.title_en, 'Education, Culture and People-to-People Contacts');
    });

    it('stores the UNIFEM grant as CAD 3,000,000.00 from Global Affairs Canada to UN Women', async () => {
      const lines = await db.db.selectFrom('funding_lines').selectAll().where('activity_id', '=', UNIFEM).execute();
      assert.equal(lines.length, 1);
      const [line] = lines;
      assert.equal(Number(line?.amount_minor), 300000000);
      assert.equal(line?.currency, 'CAD');
      assert.equal(line?.type, 'commitment');
      assert.equal(line?.provider_id, stableId('organisation:global-affairs-canada'));
      assert.equal(line?.recipient_id, stableId('organisation:un-women'));

      const activity = await db.db
        .selectFrom('activities')
        .selectAll()
        .where('id', '=', UNIFEM)
        .executeTakeFirstOrThrow();
      assert.equal(activity.start_date, '2010-04');
      assert.equal(activity.end_date, '2014-03');
      assert.equal(Number(activity.regional), 1);
      assert.equal(activity.version, 1);

      const roles = await db.db
        .selectFrom('activity_participants')
        .select(['organisation_id', 'role'])
        .where('activity_id', '=', UNIFEM)
        .orderBy('position')
        .execute();
      assert.deepEqual(
        roles.map((r) => r.role),
        ['funder', 'implementer', 'beneficiary', 'beneficiary', 'partner'],
      );
      const former = await db.db
        .selectFrom('organisation_former_names')
        .select(['acronym', 'until'])
        .where('organisation_id', '=', stableId('organisation:un-women'))
        .execute();
      assert.deepEqual(former, [{ acronym: 'UNIFEM', until: '2011-01' }]);
    });

    it('links the IDRC research to several areas of the 2010-2015 plan', async () => {
      const links = await db.db
        .selectFrom('activity_links')
        .innerJoin('framework_nodes', 'framework_nodes.id', 'activity_links.node_id')
        .select(['framework_nodes.code', 'framework_nodes.plan_id', 'activity_links.rationale'])
        .where('activity_links.activity_id', '=', IDRC)
        .execute();
      const codes = links.map((l) => l.code).sort();
      assert.ok(codes.length >= 5, codes.join(', '));
      for (const code of ['2.6', '3.1', '3.2', '3.6']) assert.ok(codes.includes(code), `IDRC is linked to ${code}`);
      assert.ok(links.every((l) => l.plan_id === PLAN_2010 && l.rationale));
    });

    it('applies nothing new when run again', async () => {
      const again = await seedDatabase(db);
      assert.equal(total(again), 0);
      assert.equal(again.skipped, recordCount);
    });

    it('keeps later edits and deletions of seeded records', async () => {
      await db.db
        .updateTable('activities')
        .set({ title_en: 'Edited title', version: 2 })
        .where('id', '=', UNIFEM)
        .execute();
      await db.db.deleteFrom('activities').where('id', '=', HRRCA).execute();

      const again = await seedDatabase(db);
      assert.equal(total(again), 0);

      const unifem = await db.db
        .selectFrom('activities')
        .select(['title_en', 'version'])
        .where('id', '=', UNIFEM)
        .executeTakeFirstOrThrow();
      assert.deepEqual(unifem, { title_en: 'Edited title', version: 2 });
      const hrrca = await db.db.selectFrom('activities').select('id').where('id', '=', HRRCA).executeTakeFirst();
      assert.equal(hrrca, undefined);
      const orphans = await db.db
        .selectFrom('activity_sources')
        .select('id')
        .where('activity_id', '=', HRRCA)
        .execute();
      assert.equal(orphans.length, 0);
    });

    it('applies only the records added to the seed since', async () => {
      extraDir = fs.mkdtempSync(path.join(os.tmpdir(), 'actionline-seed-'));
      fs.cpSync(DEFAULT_SEED_DIR, extraDir, { recursive: true });
      const file = path.join(extraDir, 'asean-canada', 'activities.yaml');
      fs.appendFileSync(
        file,
        `
  - key: added-later
    title: { en: Added later }
    type: dialogue
    status: planned
    plannedStart: 2026-05
    regional: true
    participants: [{ organisation: asean-secretariat, role: partner }]
    links: [{ plan: poa-2021-2025, node: P1, confidence: inferred }]
    sources: [{ title: Meeting notice, confidence: verified }]
`,
      );
      const report = await seedDatabase(db, { dir: extraDir });
      assert.equal(report.applied.activities, 1);
      assert.equal(report.applied.activity_participants, 1);
      assert.equal(report.applied.activity_links, 1);
      assert.equal(total(report), 4);
      assert.equal(report.skipped, recordCount);

      const added = await db.db
        .selectFrom('activities')
        .select(['title_en', 'start_date', 'regional'])
        .where('id', '=', stableId('activity:added-later'))
        .executeTakeFirstOrThrow();
      assert.deepEqual(
        { ...added, regional: Number(added.regional) },
        { title_en: 'Added later', start_date: '2026-05', regional: 1 },
      );
    });
  });
}
