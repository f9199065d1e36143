import { sql, type Insertable, type Transaction } from 'kysely';
import type { Db } from '../src/core/db/database';
import { migrateToLatest } from '../src/core/db/migrate';
import type { Database } from '../src/core/db/schema';
import { SearchIndexRepository } from '../src/core/repositories/search-index.repository';
import { seedDatabase } from '../src/core/seed/seed.service';
import {
  ACTIVITY_STATUSES,
  ACTIVITY_TYPES,
  CONFIDENCE_LEVELS,
  COUNTRY_CODES,
  ORGANISATION_TYPES,
} from '../src/shared/vocab';
import { Prng, words } from './prng';

/** The full-scale dataset of the issue "Scale"; `--scale` multiplies every count but the plans. */
export const FULL_SCALE = {
  plans: 10,
  organisations: 2_000,
  activities: 100_000,
  linksPerActivity: 3,
  fundingLinesPerActivity: 10,
} as const;

/** Pillars, areas under each pillar and priority areas under each area: three levels. */
const FRAMEWORK_SHAPE = [3, 4, 5] as const;
const SEED = 20_100_727;
const NOW = '2025-01-01T00:00:00.000Z';
/** Activities generated and written per transaction. */
const BATCH = 2_000;
/** Currencies of the funding lines, with their weights: each has exchange rates in the seed. */
const CURRENCIES: readonly string[] = ['CAD', 'CAD', 'CAD', 'CAD', 'USD', 'USD', 'USD', 'EUR', 'AUD', 'JPY'];
const FUNDING_TYPES_CYCLE = ['commitment', 'disbursement', 'disbursement', 'budget'] as const;

export interface BenchPlan {
  id: string;
  slug: string;
  pillarIds: string[];
  leafIds: string[];
}

/** What the generator wrote, and the handles the measurements query by. */
export interface DatasetInfo {
  scale: number;
  seconds: number;
  counts: {
    plans: number;
    frameworkNodes: number;
    organisations: number;
    activities: number;
    links: number;
    participants: number;
    countries: number;
    fundingLines: number;
    searchDocuments: number;
  };
  plans: BenchPlan[];
  /** The organisation that funds the most generated activities. */
  busyOrganisationId: string;
}

type Tx = Transaction<Database>;

/** Rows per statement: under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
function rowsPerStatement(columns: number): number {
  return Math.max(1, Math.floor(30_000 / columns));
}

async function insertRows<T extends keyof Database>(trx: Tx, table: T, rows: Insertable<Database[T]>[]): Promise<void> {
  if (rows.length === 0) return;
  const size = rowsPerStatement(Object.keys(rows[0] as object).length);
  for (let i = 0; i < rows.length; i += size) {
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + size))
      .execute();
  }
}

const record = { created_at: NOW, updated_at: NOW, version: 1 };

function partialDate(rng: Prng, year: number): string {
  const month = String(rng.int(1, 12)).padStart(2, '0');
  return rng.next() < 0.5 ? `${year}-${month}` : `${year}-${month}-${String(rng.int(1, 28)).padStart(2, '0')}`;
}

/**
 * Writes the synthetic dataset into a freshly migrated and seeded database: plans with three-level
 * frameworks, organisations, published activities with countries, participants, links, sources and
 * funding lines in several currencies, then builds the search index the way migration 0007 does.
 * The same scale always gives the same rows.
 */
export async function generateDataset(
  target: Db,
  scale: number,
  log: (line: string) => void = () => undefined,
): Promise<DatasetInfo> {
  const started = performance.now();
  await migrateToLatest(target);
  await seedDatabase(target);
  const rng = new Prng(SEED);
  const { db } = target;

  const partnershipId = rng.uuid();
  const plans: BenchPlan[] = [];
  let frameworkNodes = 0;
  await db.transaction().execute(async (trx) => {
    await insertRows(trx, 'partnerships', [
      {
        ...record,
        id: partnershipId,
        slug: 'bench-partnership',
        name_en: 'Benchmark partnership',
        name_fr: 'Partenariat de mesure',
        description_en: null,
        description_fr: null,
      },
    ]);
    for (let p = 1; p <= FULL_SCALE.plans; p++) {
      const planId = rng.uuid();
      const slug = `bench-plan-${String(p).padStart(2, '0')}`;
      await insertRows(trx, 'plans', [
        {
          ...record,
          id: planId,
          partnership_id: partnershipId,
          slug,
          title_en: `${words(rng, 3, 'en')} plan of action ${p}`,
          title_fr: `Plan d'action ${p} : ${words(rng, 3, 'fr')}`,
          short_title_en: `Plan ${p}`,
          short_title_fr: `Plan ${p}`,
          period_start: 2008 + p,
          period_end: 2012 + p,
          period_note: null,
          adopted_on: `${2008 + p}-07-01`,
          adopted_at_en: null,
          adopted_at_fr: null,
          status: 'active',
          summary_en: words(rng, 20, 'en'),
          summary_fr: words(rng, 20, 'fr'),
          description_en: null,
          description_fr: null,
          full_text_url: null,
          signoff_sides: null,
        },
      ]);
      const nodes: Insertable<Database['framework_nodes']>[] = [];
      const plan: BenchPlan = { id: planId, slug, pillarIds: [], leafIds: [] };
      const kinds = ['pillar', 'area', 'priority_area'] as const;
      const addLevel = (parentId: string | null, parentCode: string, depth: number) => {
        const count = FRAMEWORK_SHAPE[depth] ?? 0;
        for (let i = 1; i <= count; i++) {
          const id = rng.uuid();
          const code = parentCode ? `${parentCode}.${i}` : String(i);
          nodes.push({
            ...record,
            id,
            plan_id: planId,
            parent_id: parentId,
            kind: kinds[depth] ?? 'priority_area',
            code,
            depth,
            position: i,
            title_en: words(rng, 4, 'en'),
            title_fr: words(rng, 4, 'fr'),
            description_en: words(rng, 25, 'en'),
            description_fr: words(rng, 25, 'fr'),
            status: 'active',
          });
          if (depth === 0) plan.pillarIds.push(id);
          if (depth === FRAMEWORK_SHAPE.length - 1) plan.leafIds.push(id);
          else addLevel(id, code, depth + 1);
        }
      };
      addLevel(null, '', 0);
      await insertRows(trx, 'framework_nodes', nodes);
      frameworkNodes += nodes.length;
      plans.push(plan);
    }
  });
  log(`  ${plans.length} plans, ${frameworkNodes} framework nodes`);

  const organisationCount = Math.max(20, Math.round(FULL_SCALE.organisations * scale));
  const organisationIds: string[] = [];
  await db.transaction().execute(async (trx) => {
    const rows: Insertable<Database['organisations']>[] = [];
    for (let i = 1; i <= organisationCount; i++) {
      const id = rng.uuid();
      organisationIds.push(id);
      const name = words(rng, 3, 'en');
      rows.push({
        ...record,
        id,
        name_en: `${name} ${i}`,
        name_fr: rng.next() < 0.5 ? `${words(rng, 3, 'fr')} ${i}` : null,
        acronym: rng.next() < 0.4 ? `B${i.toString(36).toUpperCase()}` : null,
        type: rng.pick(ORGANISATION_TYPES),
        country: rng.next() < 0.8 ? rng.pick([...COUNTRY_CODES, 'CA']) : null,
        iati_identifier: rng.next() < 0.3 ? `XB-BENCH-ORG-${i}` : null,
        website: null,
        description_en: null,
        description_fr: null,
        deleted_at: null,
        deleted_by: null,
        merged_into_id: null,
      });
    }
    await insertRows(trx, 'organisations', rows);
  });
  log(`  ${organisationCount} organisations`);

  // A few funders carry most of the money, as in real portfolios.
  const funders = organisationIds.slice(0, Math.max(5, Math.round(organisationIds.length / 20)));
  const busyOrganisationId = funders[0] as string;
  const activityCount = Math.max(100, Math.round(FULL_SCALE.activities * scale));
  const counts = { links: 0, participants: 0, countries: 0, fundingLines: 0 };
  for (let start = 0; start < activityCount; start += BATCH) {
    const activities: Insertable<Database['activities']>[] = [];
    const countries: Insertable<Database['activity_countries']>[] = [];
    const participants: Insertable<Database['activity_participants']>[] = [];
    const links: Insertable<Database['activity_links']>[] = [];
    const sources: Insertable<Database['activity_sources']>[] = [];
    const funding: Insertable<Database['funding_lines']>[] = [];
    for (let n = start; n < Math.min(activityCount, start + BATCH); n++) {
      const id = rng.uuid();
      const plan = plans[n % plans.length] as BenchPlan;
      const planIndex = n % plans.length;
      const startYear = 2009 + planIndex + rng.int(0, 4);
      const endYear = startYear + rng.int(0, 4);
      const plannedStart = partialDate(rng, startYear);
      const plannedEnd = partialDate(rng, endYear);
      const started = rng.next() < 0.6;
      const actualStart = started ? plannedStart : null;
      const regional = rng.next() < 0.15;
      activities.push({
        ...record,
        id,
        iati_identifier: `XB-BENCH-${n + 1}`,
        title_en: words(rng, rng.int(4, 9), 'en'),
        title_fr: rng.next() < 0.7 ? words(rng, rng.int(4, 9), 'fr') : null,
        summary_en: words(rng, rng.int(15, 30), 'en'),
        summary_fr: rng.next() < 0.7 ? words(rng, rng.int(15, 30), 'fr') : null,
        description_en: words(rng, rng.int(40, 90), 'en'),
        description_fr: rng.next() < 0.5 ? words(rng, rng.int(40, 90), 'fr') : null,
        type: rng.pick(ACTIVITY_TYPES),
        status: rng.pick(ACTIVITY_STATUSES),
        planned_start: plannedStart,
        planned_end: plannedEnd,
        actual_start: actualStart,
        actual_end: null,
        start_date: actualStart ?? plannedStart,
        end_date: plannedEnd,
        regional: regional ? 1 : 0,
        deleted_at: null,
        deleted_by: null,
        workflow_state: 'published',
        reporting_org_id: null,
        sectors: null,
        other_recipients: null,
        results: null,
        other_language_texts: null,
      });
      if (!regional) {
        for (const country of rng.sample(COUNTRY_CODES, rng.int(1, 3))) {
          countries.push({ ...record, activity_id: id, country });
        }
      }
      const funder = rng.next() < 0.7 ? rng.pick(funders) : rng.pick(organisationIds);
      const others = rng.sample(organisationIds, 2).filter((o) => o !== funder);
      const roles: [string, string][] = [
        [funder, 'funder'],
        ...others.map((o, i): [string, string] => [o, i === 0 ? 'implementer' : 'partner']),
      ];
      roles.forEach(([organisationId, role], position) => {
        participants.push({
          ...record,
          id: rng.uuid(),
          activity_id: id,
          organisation_id: organisationId,
          role,
          position,
          note: null,
        });
      });
      for (const nodeId of rng.sample(plan.leafIds, FULL_SCALE.linksPerActivity)) {
        links.push({
          ...record,
          id: rng.uuid(),
          activity_id: id,
          node_id: nodeId,
          rationale: rng.next() < 0.3 ? words(rng, 10, 'en') : null,
          confidence: rng.pick(CONFIDENCE_LEVELS),
        });
      }
      sources.push({
        ...record,
        id: rng.uuid(),
        activity_id: id,
        position: 0,
        url: `https://example.org/bench/${n + 1}`,
        title: words(rng, 5, 'en'),
        publisher: null,
        published_on: String(startYear),
        confidence: rng.pick(CONFIDENCE_LEVELS),
        note: null,
      });
      const currency = rng.pick(CURRENCIES);
      for (let f = 0; f < FULL_SCALE.fundingLinesPerActivity; f++) {
        const year = startYear + Math.min(f >> 1, endYear - startYear);
        funding.push({
          ...record,
          id: rng.uuid(),
          activity_id: id,
          position: f,
          amount_minor: rng.int(1_000, 50_000) * 10_000,
          currency,
          type: FUNDING_TYPES_CYCLE[f % FUNDING_TYPES_CYCLE.length] ?? 'disbursement',
          date: partialDate(rng, year),
          value_date: null,
          provider_id: funder,
          recipient_id: others[0] ?? null,
          note: null,
        });
      }
    }
    await db.transaction().execute(async (trx) => {
      await insertRows(trx, 'activities', activities);
      await insertRows(trx, 'activity_countries', countries);
      await insertRows(trx, 'activity_participants', participants);
      await insertRows(trx, 'activity_links', links);
      await insertRows(trx, 'activity_sources', sources);
      await insertRows(trx, 'funding_lines', funding);
    });
    counts.links += links.length;
    counts.participants += participants.length;
    counts.countries += countries.length;
    counts.fundingLines += funding.length;
    if ((start / BATCH) % 10 === 9 || start + BATCH >= activityCount) {
      log(`  ${Math.min(activityCount, start + BATCH)} / ${activityCount} activities`);
    }
  }

  log('  building the search index…');
  const index = await new SearchIndexRepository(db, target.dialect).rebuild();
  // The planner's statistics, as autovacuum (PostgreSQL) or a periodic `PRAGMA optimize` (SQLite) would have them
  // on a database that grew to this size: without them the figures are those of a planner guessing.
  log('  gathering the planner statistics…');
  await sql`analyze`.execute(db);
  return {
    scale,
    seconds: (performance.now() - started) / 1000,
    counts: {
      plans: plans.length,
      frameworkNodes,
      organisations: organisationCount,
      activities: activityCount,
      ...counts,
      searchDocuments: index.documents,
    },
    plans,
    busyOrganisationId,
  };
}
