import type { Kysely, Selectable } from 'kysely';
import type { Database, FrameworkNodesTable, PlanDocumentsTable, PlansTable } from '../db/schema';

export type PlanRow = Selectable<PlansTable> & {
  partnership_slug: string;
  partnership_name_en: string | null;
  partnership_name_fr: string | null;
};
export type NodeRow = Selectable<FrameworkNodesTable>;
export type PlanDocumentRow = Selectable<PlanDocumentsTable>;

/** Plans, their documents and their framework nodes. Only this file queries those tables. */
export class PlanRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private plans() {
    return this.db
      .selectFrom('plans as p')
      .innerJoin('partnerships as ps', 'ps.id', 'p.partnership_id')
      .selectAll('p')
      .select(['ps.slug as partnership_slug', 'ps.name_en as partnership_name_en', 'ps.name_fr as partnership_name_fr']);
  }

  listPlans(): Promise<PlanRow[]> {
    return this.plans().orderBy('p.period_start').orderBy('p.slug').execute();
  }

  /** A plan by id or slug. */
  findPlan(idOrSlug: string): Promise<PlanRow | undefined> {
    return this.plans()
      .where((eb) => eb.or([eb('p.id', '=', idOrSlug), eb('p.slug', '=', idOrSlug)]))
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

  findNodes(ids: readonly string[]): Promise<NodeRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('framework_nodes').selectAll().where('id', 'in', ids).execute();
  }

  /** (activity, node) pairs of every link into the given plans' frameworks. */
  listLinkPairs(planIds: readonly string[]): Promise<{ activity_id: string; node_id: string }[]> {
    if (planIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('activity_links as l')
      .innerJoin('framework_nodes as n', 'n.id', 'l.node_id')
      .select(['l.activity_id', 'l.node_id'])
      .where('n.plan_id', 'in', planIds)
      .execute();
  }
}
