import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/** Suggested links turned down for activities (migration 0011). Only this file queries `link_suggestion_rejections`. */
export class LinkRejectionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** An activity's rejections (or its rejection of one node) with the node, its plan and who turned it down, newest first. */
  list(activityId: string, nodeId?: string) {
    let q = this.db
      .selectFrom('link_suggestion_rejections as r')
      .innerJoin('framework_nodes as n', 'n.id', 'r.node_id')
      .innerJoin('plans as p', 'p.id', 'n.plan_id')
      .leftJoin('users as u', 'u.id', 'r.rejected_by')
      .select([
        'r.node_id',
        'r.rejected_at',
        'r.rejected_by',
        'u.display_name as rejected_by_name',
        'n.code',
        'n.title_en',
        'n.title_fr',
        'p.id as plan_id',
        'p.slug as plan_slug',
        'p.title_en as plan_title_en',
        'p.title_fr as plan_title_fr',
      ])
      .where('r.activity_id', '=', activityId);
    if (nodeId !== undefined) q = q.where('r.node_id', '=', nodeId);
    return q.orderBy('r.rejected_at', 'desc').orderBy('n.code').execute();
  }

  /** Whether the activity exists (out of the trash), the node exists, and the node is linked to the activity. */
  async state(activityId: string, nodeId: string) {
    const [activity, node, link] = await Promise.all([
      this.db
        .selectFrom('activities')
        .select('id')
        .where('id', '=', activityId)
        .where('deleted_at', 'is', null)
        .executeTakeFirst(),
      this.db.selectFrom('framework_nodes').select('id').where('id', '=', nodeId).executeTakeFirst(),
      this.db
        .selectFrom('activity_links')
        .select('id')
        .where('activity_id', '=', activityId)
        .where('node_id', '=', nodeId)
        .executeTakeFirst(),
    ]);
    return { activity: Boolean(activity), node: Boolean(node), linked: Boolean(link) };
  }

  /** The nodes turned down for an activity. */
  async nodeIds(activityId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('link_suggestion_rejections')
      .select('node_id')
      .where('activity_id', '=', activityId)
      .execute();
    return rows.map((r) => r.node_id);
  }

  /** Records a rejection; one already recorded is kept as it was. */
  async add(activityId: string, nodeId: string, userId: string | null, at: string): Promise<void> {
    await this.db
      .insertInto('link_suggestion_rejections')
      .values({ activity_id: activityId, node_id: nodeId, rejected_by: userId, rejected_at: at })
      .onConflict((oc) => oc.columns(['activity_id', 'node_id']).doNothing())
      .execute();
  }

  /** Withdraws a rejection; true when there was one. */
  async remove(activityId: string, nodeId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('link_suggestion_rejections')
      .where('activity_id', '=', activityId)
      .where('node_id', '=', nodeId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
