import type { Kysely, Selectable } from 'kysely';
import type { FrameworkNodeDetail, PlanDetail } from '../../shared/api-types';
import { z } from 'zod';
import {
  frameworkNodeInputSchema,
  planInputSchema,
  type FrameworkNodeInput,
  type PlanInput,
} from '../../shared/schemas/plan.schema';
import type { Db } from '../db/database';
import type { Database, FrameworkNodesTable, PlansTable } from '../db/schema';
import { DomainError, invalidInput, invalidReference, notFound } from '../errors';
import { diffFields, priorState } from '../history';
import { newId, nowIso } from '../ids';
import { authorize, type Actor } from '../policy';
import { StaleVersion, withVersionCheck } from '../versioned';
import { SearchIndexRepository } from '../repositories/search-index.repository';
import { HistoryRepository } from '../repositories/history.repository';
import { versionToRestore } from './history.service';
import type { PlanService } from './plan.service';

type NodeRow = Selectable<FrameworkNodesTable>;
type PlanRow = Selectable<PlansTable>;

export function nodeSnapshot(n: NodeRow) {
  return {
    parentId: n.parent_id,
    code: n.code,
    kind: n.kind,
    title: { en: n.title_en, fr: n.title_fr },
    description: { en: n.description_en, fr: n.description_fr },
    position: n.position,
    status: n.status,
  };
}

/** A node's recorded state as the input edits take; its status, also recorded, is left out. */
const nodeSnapshotInput = z.preprocess((snapshot) => {
  if (typeof snapshot !== 'object' || snapshot === null) return snapshot;
  const { status: _status, ...content } = snapshot as Record<string, unknown>;
  return content;
}, frameworkNodeInputSchema);

export function planSnapshot(p: PlanRow): PlanInput {
  return {
    title: { en: p.title_en, fr: p.title_fr },
    shortTitle: { en: p.short_title_en, fr: p.short_title_fr },
    summary: { en: p.summary_en, fr: p.summary_fr },
    description: { en: p.description_en, fr: p.description_fr },
    status: p.status as PlanInput['status'],
    periodStart: p.period_start,
    periodEnd: p.period_end,
    periodNote: p.period_note,
    adoptedOn: p.adopted_on,
    adoptedAt: { en: p.adopted_at_en, fr: p.adopted_at_fr },
    fullTextUrl: p.full_text_url,
    signoffSides: (p.signoff_sides ?? '').split(',').filter(Boolean) as PlanInput['signoffSides'],
  };
}

/**
 * Plans and their frameworks, edited by admins: add, rename, reorder, move and retire nodes.
 * Retired nodes keep their links and history; they only stop taking new links.
 */
export class FrameworkWriteService {
  constructor(
    private readonly db: Db,
    private readonly reader: PlanService,
  ) {}

  private async siblings(trx: Kysely<Database>, planId: string, parentId: string | null, exceptId?: string) {
    let q = trx
      .selectFrom('framework_nodes')
      .select(['id', 'position'])
      .where('plan_id', '=', planId)
      .orderBy('position')
      .orderBy('code');
    q = parentId === null ? q.where('parent_id', 'is', null) : q.where('parent_id', '=', parentId);
    if (exceptId) q = q.where('id', '!=', exceptId);
    return q.execute();
  }

  /** Renumbers siblings 0…n, placing `id` at `position` (or last). */
  private async place(
    trx: Kysely<Database>,
    planId: string,
    parentId: string | null,
    id: string,
    position: number | null,
    now: string,
  ) {
    const order = (await this.siblings(trx, planId, parentId, id)).map((s) => s.id);
    order.splice(position === null ? order.length : Math.min(position, order.length), 0, id);
    for (const [i, sid] of order.entries()) {
      await trx
        .updateTable('framework_nodes')
        .set({ position: i, updated_at: now })
        .where('id', '=', sid)
        .where('position', '!=', i)
        .execute();
    }
  }

  /**
   * Checks a node's code and parent and returns its depth. When `restoring` names the version being
   * restored, what an edit would report as a bad input is a conflict with the tree as it is now: a
   * code another node has taken since, a parent since removed or retired, a parent now below the node.
   */
  private async checkNode(
    trx: Kysely<Database>,
    planId: string,
    input: FrameworkNodeInput,
    self: NodeRow | null,
    restoring: number | null = null,
  ): Promise<number> {
    const conflict = (name: 'code' | 'parentId', reason: string) =>
      new DomainError('conflict', `Version ${restoring} cannot be restored: ${reason}`, [{ name, reason }]);
    const clash = await trx
      .selectFrom('framework_nodes')
      .select(['id', 'title_en', 'title_fr'])
      .where('plan_id', '=', planId)
      .where('code', '=', input.code)
      .executeTakeFirst();
    if (clash && clash.id !== self?.id) {
      throw restoring === null
        ? invalidInput([{ name: 'code', reason: `Code ${input.code} is taken in this plan; choose another.` }])
        : conflict(
            'code',
            `another node (${clash.title_en ?? clash.title_fr ?? clash.id}) has its code ${input.code} now. Give that node another code first, or edit this one instead.`,
          );
    }
    if (input.parentId === null) return 0;
    const nodes = await trx
      .selectFrom('framework_nodes')
      .select(['id', 'parent_id', 'depth', 'plan_id', 'code', 'status'])
      .where('plan_id', '=', planId)
      .execute();
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const parent = byId.get(input.parentId);
    if (!parent) {
      throw restoring === null
        ? invalidReference([{ name: 'parentId', reason: `No node with id "${input.parentId}" exists in this plan.` }])
        : conflict('parentId', 'the node it sat under no longer exists. Edit this node to place it elsewhere instead.');
    }
    for (let p: typeof parent | undefined = parent; p; p = p.parent_id ? byId.get(p.parent_id) : undefined) {
      if (p.id !== self?.id) continue;
      throw restoring === null
        ? invalidInput([{ name: 'parentId', reason: 'A node cannot move under itself or one of its own children.' }])
        : conflict(
            'parentId',
            `the node it sat under (${parent.code}) is now below this node, which would make the node its own ancestor. Move ${parent.code} out from under it first, or edit this node instead.`,
          );
    }
    // A restore does not move a node under a retired one; a node that sits there already may stay.
    if (restoring !== null && parent.status === 'retired' && parent.id !== self?.parent_id) {
      throw conflict(
        'parentId',
        `the node it sat under (${parent.code}) has been retired since. Reinstate ${parent.code} first, or edit this node to place it elsewhere.`,
      );
    }
    return parent.depth + 1;
  }

  private async fixDepths(trx: Kysely<Database>, planId: string) {
    const nodes = await trx
      .selectFrom('framework_nodes')
      .select(['id', 'parent_id', 'depth'])
      .where('plan_id', '=', planId)
      .execute();
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const depthOf = (id: string, guard = 0): number => {
      const n = byId.get(id);
      return !n?.parent_id || guard > 50 ? 0 : 1 + depthOf(n.parent_id, guard + 1);
    };
    for (const n of nodes) {
      const d = depthOf(n.id);
      if (d !== n.depth) await trx.updateTable('framework_nodes').set({ depth: d }).where('id', '=', n.id).execute();
    }
  }

  /** The search index, written in the same transaction as the framework (linked activities follow). */
  private searchIndex(trx: Kysely<Database>): SearchIndexRepository {
    return new SearchIndexRepository(trx, this.db.dialect);
  }

  async createNode(actor: Actor, planIdOrSlug: string, input: FrameworkNodeInput): Promise<FrameworkNodeDetail> {
    authorize(actor, 'plan:manage');
    const plan = await this.reader.requirePlan(planIdOrSlug);
    const id = newId();
    await this.db.db.transaction().execute(async (trx) => {
      const depth = await this.checkNode(trx, plan.id, input, null);
      const now = nowIso();
      await trx
        .insertInto('framework_nodes')
        .values({
          id,
          plan_id: plan.id,
          parent_id: input.parentId,
          kind: input.kind,
          code: input.code,
          depth,
          position: 1_000_000,
          title_en: input.title.en,
          title_fr: input.title.fr,
          description_en: input.description.en,
          description_fr: input.description.fr,
          status: 'active',
          created_at: now,
          updated_at: now,
        })
        .execute();
      await this.place(trx, plan.id, input.parentId, id, input.position, now);
      const row = await trx.selectFrom('framework_nodes').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      await this.searchIndex(trx).apply({ nodes: [id] });
      await new HistoryRepository(trx).append({
        entityType: 'framework_node',
        entityId: id,
        version: 1,
        action: 'create',
        actorId: actor.id,
        changes: diffFields(null, nodeSnapshot(row)),
        snapshot: nodeSnapshot(row),
        before: null,
      });
    });
    return this.reader.getNode(id, 'staff');
  }

  /**
   * Renames, re-codes, moves under another parent or reorders a node. A restore (`restoring`: the
   * version brought back) goes the same way, so that siblings are renumbered and depths follow.
   */
  async updateNode(
    actor: Actor,
    id: string,
    expected: number,
    input: FrameworkNodeInput,
    restoring: { version: number; comment: string } | null = null,
  ): Promise<FrameworkNodeDetail> {
    authorize(actor, 'plan:manage');
    await withVersionCheck(
      'framework node',
      expected,
      () => this.reader.getNode(id, 'staff'),
      () =>
        this.db.db.transaction().execute(async (trx) => {
          const row = await trx.selectFrom('framework_nodes').selectAll().where('id', '=', id).executeTakeFirst();
          if (!row) throw notFound('framework node', id);
          if (row.version !== expected) throw new StaleVersion(row.version);
          await this.checkNode(trx, row.plan_id, input, row, restoring?.version ?? null);
          const now = nowIso();
          const res = await trx
            .updateTable('framework_nodes')
            .set({
              parent_id: input.parentId,
              code: input.code,
              kind: input.kind,
              title_en: input.title.en,
              title_fr: input.title.fr,
              description_en: input.description.en,
              description_fr: input.description.fr,
              updated_at: now,
            })
            .set((eb) => ({ version: eb('version', '+', 1) }))
            .where('id', '=', id)
            .where('version', '=', expected)
            .executeTakeFirst();
          if (Number(res.numUpdatedRows) !== 1) throw new StaleVersion(expected + 1);
          if (row.parent_id !== input.parentId)
            await this.place(trx, row.plan_id, row.parent_id, '__none__', null, now);
          await this.place(
            trx,
            row.plan_id,
            input.parentId,
            id,
            input.position ?? (row.parent_id === input.parentId ? row.position : null),
            now,
          );
          await this.fixDepths(trx, row.plan_id);
          const after = await trx
            .selectFrom('framework_nodes')
            .selectAll()
            .where('id', '=', id)
            .executeTakeFirstOrThrow();
          await this.searchIndex(trx).apply({ nodes: [id] });
          await new HistoryRepository(trx).append({
            entityType: 'framework_node',
            entityId: id,
            version: expected + 1,
            action: restoring ? 'restore' : 'update',
            comment: restoring?.comment ?? null,
            actorId: actor.id,
            changes: diffFields(nodeSnapshot(row), nodeSnapshot(after)),
            snapshot: nodeSnapshot(after),
            before: priorState(row, nodeSnapshot(row)),
          });
        }),
    );
    return this.reader.getNode(id, 'staff');
  }

  /** Retires (or reinstates) a node: it keeps its links and history but takes no new links. */
  async setNodeStatus(
    actor: Actor,
    id: string,
    expected: number,
    status: 'active' | 'retired',
  ): Promise<FrameworkNodeDetail> {
    authorize(actor, 'plan:manage');
    await withVersionCheck(
      'framework node',
      expected,
      () => this.reader.getNode(id, 'staff'),
      () =>
        this.db.db.transaction().execute(async (trx) => {
          const row = await trx.selectFrom('framework_nodes').selectAll().where('id', '=', id).executeTakeFirst();
          if (!row) throw notFound('framework node', id);
          if (row.version !== expected) throw new StaleVersion(row.version);
          if (row.status === status) throw new DomainError('conflict', `This node is ${status} already.`);
          const now = nowIso();
          await trx
            .updateTable('framework_nodes')
            .set({ status, updated_at: now })
            .set((eb) => ({ version: eb('version', '+', 1) }))
            .where('id', '=', id)
            .where('version', '=', expected)
            .execute();
          await this.searchIndex(trx).apply({ nodes: [id] });
          await new HistoryRepository(trx).append({
            entityType: 'framework_node',
            entityId: id,
            version: expected + 1,
            action: status === 'retired' ? 'retire' : 'reinstate',
            actorId: actor.id,
            changes: [{ field: 'status', before: row.status, after: status }],
            snapshot: { ...nodeSnapshot(row), status },
            before: priorState(row, nodeSnapshot(row)),
          });
        }),
    );
    return this.reader.getNode(id, 'staff');
  }

  /**
   * Brings back a node's content and place recorded at `version`, as a new version: parent, code,
   * kind, title, description and position among its siblings. Its status is not content: retire
   * and reinstate change it.
   */
  async restoreNodeVersion(actor: Actor, id: string, version: number, expected: number): Promise<FrameworkNodeDetail> {
    authorize(actor, 'plan:manage');
    const { input, comment } = await versionToRestore(this.db.db, 'framework_node', id, version, nodeSnapshotInput);
    return this.updateNode(actor, id, expected, input, { version, comment });
  }

  async updatePlan(
    actor: Actor,
    idOrSlug: string,
    expected: number,
    input: PlanInput,
    action: 'update' | 'restore' = 'update',
    comment: string | null = null,
  ): Promise<PlanDetail> {
    authorize(actor, 'plan:manage');
    const plan = await this.reader.requirePlan(idOrSlug);
    await withVersionCheck(
      'plan',
      expected,
      () => this.reader.get(plan.id, 'staff'),
      () =>
        this.db.db.transaction().execute(async (trx) => {
          const row = await trx.selectFrom('plans').selectAll().where('id', '=', plan.id).executeTakeFirstOrThrow();
          if (row.version !== expected) throw new StaleVersion(row.version);
          const now = nowIso();
          const res = await trx
            .updateTable('plans')
            .set({
              title_en: input.title.en,
              title_fr: input.title.fr,
              short_title_en: input.shortTitle.en,
              short_title_fr: input.shortTitle.fr,
              summary_en: input.summary.en,
              summary_fr: input.summary.fr,
              description_en: input.description.en,
              description_fr: input.description.fr,
              status: input.status,
              period_start: input.periodStart,
              period_end: input.periodEnd,
              period_note: input.periodNote,
              adopted_on: input.adoptedOn,
              adopted_at_en: input.adoptedAt.en,
              adopted_at_fr: input.adoptedAt.fr,
              full_text_url: input.fullTextUrl,
              signoff_sides: input.signoffSides.length ? input.signoffSides.join(',') : null,
              updated_at: now,
            })
            .set((eb) => ({ version: eb('version', '+', 1) }))
            .where('id', '=', plan.id)
            .where('version', '=', expected)
            .executeTakeFirst();
          if (Number(res.numUpdatedRows) !== 1) throw new StaleVersion(expected + 1);
          await new HistoryRepository(trx).append({
            entityType: 'plan',
            entityId: plan.id,
            version: expected + 1,
            action,
            comment,
            actorId: actor.id,
            changes: diffFields(planSnapshot(row), input),
            snapshot: input,
            before: priorState(row, planSnapshot(row)),
          });
          // Into or out of draft: the plan's nodes are shown to the public in search, or no longer, and so are
          // their names in the text of the activities linked to them (which `apply` re-indexes with the nodes).
          if ((row.status === 'draft') !== (input.status === 'draft')) {
            const nodes = await trx.selectFrom('framework_nodes').select('id').where('plan_id', '=', plan.id).execute();
            await this.searchIndex(trx).apply({ nodes: nodes.map((n) => n.id) });
          }
        }),
    );
    return this.reader.get(plan.id, 'staff');
  }

  /** Brings back the plan's own fields recorded at `version`, as a new version. */
  async restorePlanVersion(actor: Actor, idOrSlug: string, version: number, expected: number): Promise<PlanDetail> {
    authorize(actor, 'plan:manage');
    const plan = await this.reader.requirePlan(idOrSlug);
    const { input, comment } = await versionToRestore(this.db.db, 'plan', plan.id, version, planInputSchema);
    return this.updatePlan(actor, plan.id, expected, input, 'restore', comment);
  }
}
