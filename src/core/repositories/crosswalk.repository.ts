import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database, PlanCrosswalkEntriesTable } from '../db/schema';
import { chunks } from '../chunks';

export type CrosswalkEntryRow = Selectable<PlanCrosswalkEntriesTable>;

/** An activity linked to a node of a plan, as a carry-over reads it. */
export interface LinkedActivityRow {
  activity_id: string;
  node_id: string;
  status: string;
  title_en: string | null;
  title_fr: string | null;
}

/** The crosswalk entries between successive plans. Only this file queries their table. */
export class CrosswalkRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Every entry from one plan to another, in the order they were made. */
  list(fromPlanId: string, toPlanId: string): Promise<CrosswalkEntryRow[]> {
    return this.db
      .selectFrom('plan_crosswalk_entries')
      .selectAll()
      .where('from_plan_id', '=', fromPlanId)
      .where('to_plan_id', '=', toPlanId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }

  find(id: string): Promise<CrosswalkEntryRow | undefined> {
    return this.db.selectFrom('plan_crosswalk_entries').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The entries of an old node towards one new plan. */
  ofFromNode(fromNodeId: string, toPlanId: string): Promise<CrosswalkEntryRow[]> {
    return this.db
      .selectFrom('plan_crosswalk_entries')
      .selectAll()
      .where('from_node_id', '=', fromNodeId)
      .where('to_plan_id', '=', toPlanId)
      .execute();
  }

  async insert(row: Insertable<PlanCrosswalkEntriesTable>): Promise<void> {
    await this.db.insertInto('plan_crosswalk_entries').values(row).execute();
  }

  /** Updates the entry if it is still at `version`, raising its version; whether it was. */
  async updateIfVersion(id: string, version: number, values: Updateable<PlanCrosswalkEntriesTable>): Promise<boolean> {
    const result = await this.db
      .updateTable('plan_crosswalk_entries')
      .set({ ...values, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Deletes the entry if it is still at `version`; whether it was. */
  async deleteIfVersion(id: string, version: number): Promise<boolean> {
    const result = await this.db
      .deleteFrom('plan_crosswalk_entries')
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }

  /**
   * The links of live activities (drafts included) with one of the statuses into the plan's framework, with each
   * activity's status and title; narrowed to `activityIds` when given.
   */
  async linkedActivities(
    planId: string,
    statuses: readonly string[],
    activityIds?: readonly string[],
  ): Promise<LinkedActivityRow[]> {
    const query = (ids?: readonly string[]) => {
      let q = this.db
        .selectFrom('activity_links as l')
        .innerJoin('framework_nodes as n', 'n.id', 'l.node_id')
        .innerJoin('activities as a', 'a.id', 'l.activity_id')
        .select(['l.activity_id', 'l.node_id', 'a.status', 'a.title_en', 'a.title_fr'])
        .where('n.plan_id', '=', planId)
        .where('a.deleted_at', 'is', null)
        .where('a.status', 'in', statuses)
        .orderBy('a.id')
        .orderBy('n.depth')
        .orderBy('n.position');
      if (ids) q = q.where('a.id', 'in', ids);
      return q.execute();
    };
    if (activityIds === undefined) return query();
    const rows: LinkedActivityRow[] = [];
    for (const ids of chunks([...activityIds])) rows.push(...(await query(ids)));
    return rows;
  }

  /** The nodes each activity is linked to, anywhere. */
  async linkedNodes(activityIds: readonly string[]): Promise<{ activity_id: string; node_id: string }[]> {
    const rows: { activity_id: string; node_id: string }[] = [];
    for (const ids of chunks([...activityIds])) {
      rows.push(
        ...(await this.db
          .selectFrom('activity_links')
          .select(['activity_id', 'node_id'])
          .where('activity_id', 'in', ids)
          .execute()),
      );
    }
    return rows;
  }
}
