import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Transaction } from 'kysely';
import { toMinorUnits } from '../../shared/money';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { SearchIndexRepository } from '../repositories/search-index.repository';
import { nowIso, stableId } from '../ids';
import { ExchangeRateRepository, exchangeRateKey } from '../repositories/exchange-rate.repository';
import type { SeedActivity, SeedNode, SeedOrganisation, SeedPlan } from './seed-file.schema';
import { loadSeed, type PartnershipSeed, type SeedExchangeRate } from './seed-loader';

export { formatSeedIssue, loadSeed, SeedValidationError } from './seed-loader';
export type { LoadedSeed, PartnershipSeed, SeedExchangeRate, SeedIssue } from './seed-loader';

/** `<repo>/seed`: one folder per partnership. */
export const DEFAULT_SEED_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../seed');

/**
 * `<repo>/seed-demo`: the fictional demonstration partnership (docs/demo-data.md), in the same format. Never
 * loaded by default; `seed --demo` and `SEED_DEMO=1` load it after the real seed.
 */
export const DEMO_SEED_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../seed-demo');

/** The PostgreSQL advisory lock held while seeding (any constant; Kysely's migrator holds another). */
const SEED_LOCK_ID = 7_140_319_268n;

/** Zero for every kind of row seeding inserts; kinds are named after their tables. */
function zeroCounts() {
  return {
    partnerships: 0,
    plans: 0,
    plan_documents: 0,
    framework_nodes: 0,
    organisations: 0,
    organisation_former_names: 0,
    activities: 0,
    activity_countries: 0,
    activity_participants: 0,
    funding_lines: 0,
    activity_links: 0,
    activity_sources: 0,
    exchange_rates: 0,
  };
}
export type SeedKind = keyof ReturnType<typeof zeroCounts>;

export interface SeedReport {
  /** Rows newly inserted, per kind. */
  applied: Record<string, number>;
  /**
   * Seed records left alone: applied before, or not applicable because their parent row was deleted
   * or their slug, code or IATI identifier is held by another row.
   */
  skipped: number;
}

/** The seed key of each record; its id is `stableId(key)`. */
export const seedKeys = {
  partnership: (key: string) => `partnership:${key}`,
  plan: (key: string) => `plan:${key}`,
  node: (plan: string, code: string) => `node:${plan}:${code}`,
  organisation: (key: string) => `organisation:${key}`,
  activity: (key: string) => `activity:${key}`,
  exchangeRate: exchangeRateKey,
};

/**
 * Applies the seed in one transaction. Each seed record (partnership, plan, framework node,
 * organisation, activity, exchange rate) is inserted once, when its key is not yet in `seed_applied`, and its key is
 * recorded; a record applied before is skipped even if its row was since edited or deleted. Child
 * rows (documents, former names, countries, participants, funding, links, sources) go in with their
 * parent. A record whose parent row was deleted, or whose slug, code or IATI identifier is now taken
 * by another row, is skipped as well.
 */
export async function seedDatabase(db: Db, options: { dir?: string } = {}): Promise<SeedReport> {
  const seed = loadSeed(options.dir ?? DEFAULT_SEED_DIR);
  return db.db.transaction().execute(async (trx) => {
    // Instances starting together on one PostgreSQL database seed one after the other: the first applies the
    // seed, the others wait here, then find every key claimed. The lock ends with the transaction. (SQLite
    // serializes write transactions by itself.)
    if (db.dialect === 'postgres') await sql`select pg_advisory_xact_lock(${sql.lit(SEED_LOCK_ID)})`.execute(trx);
    const run = new SeedRun(trx, nowIso());
    for (const folder of seed.partnerships) await seedPartnership(run, folder);
    for (const folder of seed.partnerships) {
      for (const org of folder.organisations) await seedOrganisation(run, org);
    }
    const refs = await existingReferences(run, seed.partnerships);
    for (const folder of seed.partnerships) {
      for (const activity of folder.activities) await seedActivity(run, activity, refs);
    }
    for (const rate of seed.exchangeRates) await seedExchangeRate(run, rate);
    // One pass over the search index when anything searchable went in (none on a re-seed that applies nothing).
    const { exchange_rates: _rates, ...searchable } = run.applied;
    if (Object.values(searchable).some((n) => n > 0)) await new SearchIndexRepository(trx, db.dialect).rebuild();
    return { applied: run.applied, skipped: run.skipped };
  });
}

/**
 * The real seed, then with `demo` the demonstration partnership too (each in its own transaction); the reports'
 * counts are added up.
 */
export async function seedDatabaseWith(db: Db, options: { demo: boolean }): Promise<SeedReport> {
  const report = await seedDatabase(db);
  if (!options.demo) return report;
  const demo = await seedDatabase(db, { dir: DEMO_SEED_DIR });
  const applied = { ...report.applied };
  for (const [kind, n] of Object.entries(demo.applied)) applied[kind] = (applied[kind] ?? 0) + n;
  return { applied, skipped: report.skipped + demo.skipped };
}

// ---------------------------------------------------------------------------------------------

type Trx = Transaction<Database>;
type Text = { en?: string | undefined; fr?: string | undefined } | undefined;

const en = (t: Text): string | null => t?.en ?? null;
const fr = (t: Text): string | null => t?.fr ?? null;

/** State of one seeding run: the transaction, the timestamp and the counts. */
class SeedRun {
  readonly applied: Record<SeedKind, number> = zeroCounts();
  skipped = 0;
  readonly record: { created_at: string; updated_at: string; version: number };

  constructor(
    readonly trx: Trx,
    readonly now: string,
  ) {
    this.record = { created_at: now, updated_at: now, version: 1 };
  }

  /** Records the key as applied; false (and counted as skipped) when it was applied before. */
  async claim(key: string): Promise<boolean> {
    const row = await this.trx
      .insertInto('seed_applied')
      .values({ key, applied_at: this.now })
      .onConflict((oc) => oc.column('key').doNothing())
      .returning('key')
      .executeTakeFirst();
    if (row === undefined) this.skipped += 1;
    return row !== undefined;
  }

  /** Counts a record that cannot be applied because its parent is gone or its natural key is taken. */
  skip(): false {
    this.skipped += 1;
    return false;
  }

  count(kind: SeedKind, n = 1): void {
    this.applied[kind] += n;
  }

  async hasRow(table: 'partnerships' | 'plans' | 'framework_nodes', id: string): Promise<boolean> {
    const row = await this.trx.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst();
    return row !== undefined;
  }
}

/** True when another row already uses this slug. */
async function slugTaken(run: SeedRun, table: 'partnerships' | 'plans', slug: string): Promise<boolean> {
  const row = await run.trx.selectFrom(table).select('id').where('slug', '=', slug).executeTakeFirst();
  return row !== undefined;
}

/** True when another row already uses this IATI identifier. */
async function iatiTaken(run: SeedRun, table: 'organisations' | 'activities', iati: string | undefined): Promise<boolean> {
  if (iati === undefined) return false;
  const row = await run.trx.selectFrom(table).select('id').where('iati_identifier', '=', iati).executeTakeFirst();
  return row !== undefined;
}

/** Checks the parent and natural-key conditions, then claims the key. */
async function shouldApply(run: SeedRun, key: string, ready: () => Promise<boolean>): Promise<boolean> {
  if (!(await ready())) return run.skip();
  return run.claim(key);
}

// --- Partnerships, plans and frameworks ------------------------------------------------------

async function seedPartnership(run: SeedRun, folder: PartnershipSeed): Promise<void> {
  const { partnership: p } = folder;
  const key = seedKeys.partnership(p.key);
  const id = stableId(key);
  if (await shouldApply(run, key, async () => !(await slugTaken(run, 'partnerships', p.slug)))) {
    await run.trx
      .insertInto('partnerships')
      .values({ id, slug: p.slug, name_en: en(p.name), name_fr: fr(p.name), description_en: en(p.description), description_fr: fr(p.description), ...run.record })
      .execute();
    run.count('partnerships');
  }
  for (const plan of folder.plans) await seedPlan(run, id, plan);
}

async function seedPlan(run: SeedRun, partnershipId: string, plan: SeedPlan): Promise<void> {
  const key = seedKeys.plan(plan.key);
  const id = stableId(key);
  const ready = async () => (await run.hasRow('partnerships', partnershipId)) && !(await slugTaken(run, 'plans', plan.slug));
  if (await shouldApply(run, key, ready)) {
    await insertPlan(run, id, partnershipId, plan);
  }
  await seedNodes(run, plan, id, plan.framework, null, 0);
}

async function insertPlan(run: SeedRun, id: string, partnershipId: string, plan: SeedPlan): Promise<void> {
  await run.trx
    .insertInto('plans')
    .values({
      id,
      partnership_id: partnershipId,
      slug: plan.slug,
      title_en: en(plan.title),
      title_fr: fr(plan.title),
      short_title_en: en(plan.shortTitle),
      short_title_fr: fr(plan.shortTitle),
      period_start: plan.periodStart,
      period_end: plan.periodEnd,
      period_note: plan.periodNote ?? null,
      adopted_on: plan.adoptedOn ?? null,
      adopted_at_en: en(plan.adoptedAt),
      adopted_at_fr: fr(plan.adoptedAt),
      status: plan.status,
      summary_en: en(plan.summary),
      summary_fr: fr(plan.summary),
      description_en: en(plan.description),
      description_fr: fr(plan.description),
      full_text_url: plan.fullTextUrl ?? null,
      signoff_sides: plan.signoffSides?.join(',') ?? null,
      ...run.record,
    })
    .execute();
  run.count('plans');
  const documents = plan.documents.map((d, position) => ({
    id: stableId(`plan-document:${plan.key}:${position}`),
    plan_id: id,
    position,
    kind: d.kind,
    title: d.title,
    url: d.url ?? null,
    published_on: d.publishedOn ?? null,
    confidence: d.confidence ?? null,
    note: d.note ?? null,
    ...run.record,
  }));
  if (documents.length > 0) await run.trx.insertInto('plan_documents').values(documents).execute();
  run.count('plan_documents', documents.length);
}

async function seedNodes(run: SeedRun, plan: SeedPlan, planId: string, nodes: SeedNode[], parentId: string | null, depth: number): Promise<void> {
  for (const [position, node] of nodes.entries()) {
    const key = seedKeys.node(plan.key, node.code);
    const id = stableId(key);
    const ready = async () =>
      (parentId === null ? await run.hasRow('plans', planId) : await run.hasRow('framework_nodes', parentId)) &&
      !(await nodeCodeTaken(run, planId, node.code));
    if (await shouldApply(run, key, ready)) {
      await run.trx
        .insertInto('framework_nodes')
        .values({
          id,
          plan_id: planId,
          parent_id: parentId,
          kind: node.kind,
          code: node.code,
          depth,
          position,
          title_en: en(node.title),
          title_fr: fr(node.title),
          description_en: en(node.description),
          description_fr: fr(node.description),
          status: node.status ?? 'active',
          ...run.record,
        })
        .execute();
      run.count('framework_nodes');
    }
    await seedNodes(run, plan, planId, node.children ?? [], id, depth + 1);
  }
}

async function nodeCodeTaken(run: SeedRun, planId: string, code: string): Promise<boolean> {
  const row = await run.trx
    .selectFrom('framework_nodes')
    .select('id')
    .where('plan_id', '=', planId)
    .where('code', '=', code)
    .executeTakeFirst();
  return row !== undefined;
}

// --- Organisations ---------------------------------------------------------------------------

async function seedOrganisation(run: SeedRun, org: SeedOrganisation): Promise<void> {
  const key = seedKeys.organisation(org.key);
  const id = stableId(key);
  if (!(await shouldApply(run, key, async () => !(await iatiTaken(run, 'organisations', org.iatiIdentifier))))) return;
  await run.trx
    .insertInto('organisations')
    .values({
      id,
      name_en: en(org.name),
      name_fr: fr(org.name),
      acronym: org.acronym ?? null,
      type: org.type,
      country: org.country ?? null,
      iati_identifier: org.iatiIdentifier ?? null,
      website: org.website ?? null,
      description_en: en(org.description),
      description_fr: fr(org.description),
      ...run.record,
    })
    .execute();
  run.count('organisations');
  const formerNames = org.formerNames.map((f, i) => ({
    id: stableId(`organisation-former-name:${org.key}:${i}`),
    organisation_id: id,
    name: f.name,
    acronym: f.acronym ?? null,
    until: f.until ?? null,
    note: f.note ?? null,
    ...run.record,
  }));
  if (formerNames.length > 0) await run.trx.insertInto('organisation_former_names').values(formerNames).execute();
  run.count('organisation_former_names', formerNames.length);
}

// --- Activities ------------------------------------------------------------------------------

/** Ids of the organisations and framework nodes that exist now, among those the activities refer to. */
interface References {
  organisations: Set<string>;
  nodes: Set<string>;
}

async function existingReferences(run: SeedRun, folders: PartnershipSeed[]): Promise<References> {
  const orgIds = new Set<string>();
  const nodeIds = new Set<string>();
  for (const a of folders.flatMap((f) => f.activities)) {
    for (const p of a.participants) orgIds.add(orgId(p.organisation));
    for (const f of a.funding) for (const k of [f.provider, f.recipient]) if (k) orgIds.add(orgId(k));
    for (const l of a.links) nodeIds.add(nodeId(l.plan, l.node));
  }
  const orgs = orgIds.size > 0 ? await run.trx.selectFrom('organisations').select('id').where('id', 'in', [...orgIds]).execute() : [];
  const nodes = nodeIds.size > 0 ? await run.trx.selectFrom('framework_nodes').select('id').where('id', 'in', [...nodeIds]).execute() : [];
  return { organisations: new Set(orgs.map((r) => r.id)), nodes: new Set(nodes.map((r) => r.id)) };
}

const orgId = (key: string) => stableId(seedKeys.organisation(key));
const nodeId = (plan: string, code: string) => stableId(seedKeys.node(plan, code));

async function seedActivity(run: SeedRun, a: SeedActivity, refs: References): Promise<void> {
  const key = seedKeys.activity(a.key);
  const id = stableId(key);
  if (!(await shouldApply(run, key, async () => !(await iatiTaken(run, 'activities', a.iatiIdentifier))))) return;
  await run.trx
    .insertInto('activities')
    .values({
      id,
      iati_identifier: a.iatiIdentifier ?? null,
      title_en: en(a.title),
      title_fr: fr(a.title),
      summary_en: en(a.summary),
      summary_fr: fr(a.summary),
      description_en: en(a.description),
      description_fr: fr(a.description),
      type: a.type,
      status: a.status,
      planned_start: a.plannedStart ?? null,
      planned_end: a.plannedEnd ?? null,
      actual_start: a.actualStart ?? null,
      actual_end: a.actualEnd ?? null,
      start_date: a.actualStart ?? a.plannedStart ?? null,
      end_date: a.actualEnd ?? a.plannedEnd ?? null,
      regional: a.regional ? 1 : 0,
      ...run.record,
    })
    .execute();
  run.count('activities');
  await insertActivityChildren(run, a, id, refs);
}

async function insertActivityChildren(run: SeedRun, a: SeedActivity, activityId: string, refs: References): Promise<void> {
  const { trx, record } = run;
  const known = (orgKey: string | undefined) => (orgKey && refs.organisations.has(orgId(orgKey)) ? orgId(orgKey) : null);

  const countries = a.countries.map((country) => ({ activity_id: activityId, country, ...record }));
  if (countries.length > 0) await trx.insertInto('activity_countries').values(countries).execute();
  run.count('activity_countries', countries.length);

  const participants = a.participants
    .map((p, position) => ({ p, position, organisation_id: known(p.organisation) }))
    .filter((x): x is typeof x & { organisation_id: string } => x.organisation_id !== null)
    .map(({ p, position, organisation_id }) => ({
      id: stableId(`participant:${a.key}:${p.organisation}:${p.role}`),
      activity_id: activityId,
      organisation_id,
      role: p.role,
      position,
      note: p.note ?? null,
      ...record,
    }));
  if (participants.length > 0) await trx.insertInto('activity_participants').values(participants).execute();
  run.count('activity_participants', participants.length);

  const funding = a.funding.map((f, position) => ({
    id: stableId(`funding-line:${a.key}:${position}`),
    activity_id: activityId,
    position,
    amount_minor: toMinorUnits(f.amount, f.currency),
    currency: f.currency,
    type: f.type,
    date: f.date ?? null,
    provider_id: known(f.provider),
    recipient_id: known(f.recipient),
    note: f.note ?? null,
    ...record,
  }));
  if (funding.length > 0) await trx.insertInto('funding_lines').values(funding).execute();
  run.count('funding_lines', funding.length);

  const links = a.links
    .filter((l) => refs.nodes.has(nodeId(l.plan, l.node)))
    .map((l) => ({
      id: stableId(`link:${a.key}:${l.plan}:${l.node}`),
      activity_id: activityId,
      node_id: nodeId(l.plan, l.node),
      rationale: l.rationale ?? null,
      confidence: l.confidence ?? null,
      ...record,
    }));
  if (links.length > 0) await trx.insertInto('activity_links').values(links).execute();
  run.count('activity_links', links.length);

  const sources = a.sources.map((s, position) => ({
    id: stableId(`source:${a.key}:${position}`),
    activity_id: activityId,
    position,
    url: s.url ?? null,
    title: s.title,
    publisher: s.publisher ?? null,
    published_on: s.publishedOn ?? null,
    confidence: s.confidence,
    note: s.note ?? null,
    ...record,
  }));
  if (sources.length > 0) await trx.insertInto('activity_sources').values(sources).execute();
  run.count('activity_sources', sources.length);
}

// --- Exchange rates --------------------------------------------------------------------------

/**
 * Inserts a rate once. A rate an admin edited or deleted since is left as it is (its key was
 * claimed), and so is a (currency, year) an admin created before the seed had it.
 */
async function seedExchangeRate(run: SeedRun, rate: SeedExchangeRate): Promise<void> {
  const repo = new ExchangeRateRepository(run.trx);
  const free = async () => (await repo.find(rate.currency, rate.year)) === undefined;
  if (!(await shouldApply(run, seedKeys.exchangeRate(rate.currency, rate.year), free))) return;
  await repo.insert(rate.currency, rate.year, { cad_per_unit: rate.cadPerUnit, source: rate.source, note: rate.note }, run.now);
  run.count('exchange_rates');
}
