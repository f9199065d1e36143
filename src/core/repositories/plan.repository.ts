import { sql, type Kysely, type Selectable } from 'kysely';
import { activityVisible, planVisible, type Audience } from '../audience';
import type { Database, FrameworkNodesTable, PartnershipsTable, PlanDocumentsTable, PlansTable } from '../db/schema';

export type PlanRow = Selectable<PlansTable> & {
  partnership_slug: string;
  partnership_name_en: string | null;
  partnership_name_fr: string | null;
};
export type NodeRow = Selectable<FrameworkNodesTable>;
export type PartnershipRow = Pick<
  Selectable<PartnershipsTable>,
  'id' | 'slug' | 'name_en' | 'name_fr' | 'description_en' | 'description_fr'
>;
export type PlanDocumentRow = Selectable<PlanDocumentsTable>;

/** Plans, their documents and their framework nodes. Only this file queries those tables. */
export class PlanRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private plans() {
    return this.db
      .selectFrom('plans as p')
      .innerJoin('partnerships as ps', 'ps.id', 'p.partnership_id')
      .selectAll('p')
      .select([
        'ps.slug as partnership_slug',
        'ps.name_en as partnership_name_en',
        'ps.name_fr as partnership_name_fr',
      ]);
  }

  /** Every plan the audience may see, or one partnership's (by its slug), by period. */
  listPlans(audience: Audience, partnershipSlug?: string): Promise<PlanRow[]> {
    let q = this.plans().where(planVisible('p', audience));
    if (partnershipSlug !== undefined) q = q.where('ps.slug', '=', partnershipSlug);
    return q.orderBy('p.period_start').orderBy('p.slug').execute();
  }

  /** Every partnership, by slug. */
  listPartnerships(): Promise<PartnershipRow[]> {
    return this.db
      .selectFrom('partnerships')
      .select(['id', 'slug', 'name_en', 'name_fr', 'description_en', 'description_fr'])
      .orderBy('slug')
      .execute();
  }

  findPartnershipBySlug(slug: string): Promise<{ id: string } | undefined> {
    return this.db.selectFrom('partnerships').select('id').where('slug', '=', slug).executeTakeFirst();
  }

  /** A plan by id or slug, when the audience may see it. */
  findPlan(idOrSlug: string, audience: Audience): Promise<PlanRow | undefined> {
    return this.plans()
      .where((eb) => eb.or([eb('p.id', '=', idOrSlug), eb('p.slug', '=', idOrSlug)]))
      .where(planVisible('p', audience))
      .executeTakeFirst();
  }

  listDocuments(planId: string): Promise<PlanDocumentRow[]> {
    return this.db.selectFrom('plan_documents').selectAll().where('plan_id', '=', planId).orderBy('position').execute();
  }

  listNodes(planIds: readonly string[]): Promise<NodeRow[]> {
    if (planIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('framework_nodes')
      .selectAll()
      .where('plan_id', 'in', planIds)
      .orderBy('depth')
      .orderBy('position')
      .execute();
  }

  /** These nodes, those of plans the audience may see. */
  findNodes(ids: readonly string[], audience: Audience): Promise<NodeRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('framework_nodes as n')
      .innerJoin('plans as p', 'p.id', 'n.plan_id')
      .selectAll('n')
      .where('n.id', 'in', ids)
      .where(planVisible('p', audience))
      .execute();
  }

  /** (activity, node) pairs of every link into the given plans' frameworks. */
  listLinkPairs(planIds: readonly string[], audience: Audience): Promise<{ activity_id: string; node_id: string }[]> {
    if (planIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('activity_links as l')
      .innerJoin('framework_nodes as n', 'n.id', 'l.node_id')
      .innerJoin('activities as a', 'a.id', 'l.activity_id')
      .select(['l.activity_id', 'l.node_id'])
      .where('n.plan_id', 'in', planIds)
      .where(activityVisible('a', audience))
      .execute();
  }

  /** Activities linked anywhere in the plan's framework, as a subquery. */
  private planActivityIds(planId: string, audience: Audience) {
    return this.db
      .selectFrom('activity_links as l')
      .innerJoin('framework_nodes as n', 'n.id', 'l.node_id')
      .innerJoin('activities as a', 'a.id', 'l.activity_id')
      .select('l.activity_id')
      .where('n.plan_id', '=', planId)
      .where(activityVisible('a', audience));
  }

  /** Partners, countries, region-wide activities and funding sums over the plan's activities. */
  async planStats(planId: string, audience: Audience) {
    const ids = this.planActivityIds(planId, audience);
    const [partners, countries, regional, funding] = await Promise.all([
      this.db
        .selectFrom('activity_participants')
        .select(sql<number>`count(distinct organisation_id)`.as('n'))
        .where('activity_id', 'in', ids)
        .executeTakeFirstOrThrow(),
      this.db
        .selectFrom('activity_countries')
        .select(sql<number>`count(distinct country)`.as('n'))
        .where('activity_id', 'in', ids)
        .executeTakeFirstOrThrow(),
      this.db
        .selectFrom('activities')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('regional', '=', 1)
        .where('id', 'in', ids)
        .executeTakeFirstOrThrow(),
      this.db
        .selectFrom('funding_lines')
        .select(['currency', 'type', (eb) => eb.fn.sum<number>('amount_minor').as('amount_minor')])
        .where('activity_id', 'in', ids)
        .groupBy(['currency', 'type'])
        .execute(),
    ]);
    return {
      partners: Number(partners.n),
      countries: Number(countries.n),
      regional: Number(regional.n),
      funding: funding.map((f) => ({ currency: f.currency, type: f.type, amount_minor: Number(f.amount_minor) })),
    };
  }
}
