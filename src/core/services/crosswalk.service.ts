import type { Kysely } from 'kysely';
import type {
  CarryOverResult,
  ComparedFigures,
  ComparedNode,
  CoverageFigures,
  CoverageNode,
  CoverageRollup,
  CrosswalkChange,
  CrosswalkEntry,
  PlanComparison,
  PlanComparisonRow,
  PlanCrosswalk,
  PlanSummary,
} from '../../shared/api-types';
import type { CarryOverInput, CrosswalkEntryInput, CrosswalkEntryUpdate } from '../../shared/schemas/crosswalk.schema';
import type { PlanComparisonQuery } from '../../shared/schemas/crosswalk.schema';
import { coverageQuerySchema } from '../../shared/schemas/coverage-query.schema';
import type { ActivityStatus } from '../../shared/vocab';
import type { Audience } from '../audience';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { DomainError, invalidInput, invalidReference, notFound } from '../errors';
import { diffFields, priorState } from '../history';
import { newId, nowIso } from '../ids';
import { authorize, type Actor } from '../policy';
import { StaleVersion, withVersionCheck } from '../versioned';
import { ActivityRepository } from '../repositories/activity.repository';
import { CrosswalkRepository, type CrosswalkEntryRow } from '../repositories/crosswalk.repository';
import { HistoryRepository } from '../repositories/history.repository';
import { loc } from '../repositories/localized';
import { PlanRepository, type NodeRow, type PlanRow } from '../repositories/plan.repository';
import { SearchIndexRepository } from '../repositories/search-index.repository';
import type { ActivityWriteService } from './activity-write.service';
import type { CoverageService } from './coverage.service';
import type { PlanService } from './plan.service';

const CHANGES: readonly CrosswalkChange[] = ['continued', 'dropped', 'undecided', 'new'];

function presentEntry(row: CrosswalkEntryRow): CrosswalkEntry {
  return {
    id: row.id,
    fromNodeId: row.from_node_id,
    toNodeId: row.to_node_id,
    note: row.note,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/** What history keeps of an entry. */
function entrySnapshot(
  row: Pick<CrosswalkEntryRow, 'from_plan_id' | 'to_plan_id' | 'from_node_id' | 'to_node_id' | 'note'>,
) {
  return {
    fromPlanId: row.from_plan_id,
    toPlanId: row.to_plan_id,
    fromNodeId: row.from_node_id,
    toNodeId: row.to_node_id,
    note: row.note,
  };
}

/** The commitments of figures converted to the reporting currency, as decimal text; null when none. */
function committedOf(figures: CoverageFigures): string | null {
  const c = figures.funding.converted.find((a) => a.type === 'commitment');
  return c && c.lines > 0 ? c.amount : null;
}

function figuresOf(figures: CoverageFigures, rollup: CoverageRollup | null): ComparedFigures {
  return {
    activityCount: figures.activityCount,
    partnerCount: figures.partners.count,
    committed: committedOf(figures),
    rollup,
  };
}

function comparedNode(n: CoverageNode): ComparedNode {
  return {
    id: n.id,
    code: n.code,
    kind: n.kind,
    depth: n.depth,
    title: n.title,
    inForce: n.inForce,
    ...figuresOf(n, n.rollup),
  };
}

/** The decision that applies to an old node: its own, else its nearest ancestor's; null when none. */
function decisionFor(
  nodeId: string,
  nodes: ReadonlyMap<string, NodeRow>,
  decisions: ReadonlyMap<string, CrosswalkEntryRow[]>,
): { nodeId: string; entries: CrosswalkEntryRow[] } | null {
  for (let n = nodes.get(nodeId); n; n = n.parent_id ? nodes.get(n.parent_id) : undefined) {
    const entries = decisions.get(n.id);
    if (entries?.length) return { nodeId: n.id, entries };
  }
  return null;
}

/** One activity a carry-over takes along: the new links it gets. */
interface CarryPlan {
  id: string;
  title: { en: string | null; fr: string | null };
  status: ActivityStatus;
  links: { nodeId: string; rationale: string }[];
}

/**
 * Crosswalks between successive plans of a partnership (docs/crosswalks.md): officers map each node of the old plan
 * to nodes of the new one, or record it as dropped; ongoing activities are carried over along the crosswalk; the two
 * plans are compared side by side with the coverage engine's figures.
 */
export class CrosswalkService {
  constructor(
    private readonly db: Db,
    private readonly plans: PlanService,
    private readonly coverage: CoverageService,
    private readonly activityWrites: ActivityWriteService,
  ) {}

  /** The two plans of a crosswalk: both exist, differ, and belong to the same partnership. */
  private async pair(
    fromIdOrSlug: string,
    toIdOrSlug: string,
    audience: Audience = 'staff',
  ): Promise<{ from: PlanRow; to: PlanRow }> {
    const [from, to] = await Promise.all([
      this.plans.requirePlan(fromIdOrSlug, audience),
      this.plans.requirePlan(toIdOrSlug, audience),
    ]);
    if (from.id === to.id) {
      throw invalidInput(
        [
          {
            name: 'to',
            reason: `Choose another plan than ${from.slug}: a crosswalk goes from one plan to its successor.`,
          },
        ],
        'A crosswalk needs two different plans.',
      );
    }
    if (from.partnership_id !== to.partnership_id) {
      throw invalidInput(
        [
          {
            name: 'to',
            reason: `${to.slug} belongs to partnership ${to.partnership_slug}, ${from.slug} to ${from.partnership_slug}; choose a plan of the same partnership.`,
          },
        ],
        'A crosswalk links plans of the same partnership.',
      );
    }
    return { from, to };
  }

  private async summaries(
    from: PlanRow,
    to: PlanRow,
    audience: Audience,
  ): Promise<{ from: PlanSummary; to: PlanSummary }> {
    const all = await this.plans.list(audience);
    const find = (p: PlanRow): PlanSummary => {
      const s = all.find((x) => x.id === p.id);
      if (!s) throw notFound('plan', p.slug);
      return s;
    };
    return { from: find(from), to: find(to) };
  }

  /** Every mapping decided so far from one plan to the other. */
  async get(fromIdOrSlug: string, toIdOrSlug: string, audience: Audience = 'public'): Promise<PlanCrosswalk> {
    const { from, to } = await this.pair(fromIdOrSlug, toIdOrSlug, audience);
    const [plans, rows] = await Promise.all([
      this.summaries(from, to, audience),
      new CrosswalkRepository(this.db.db).list(from.id, to.id),
    ]);
    return { ...plans, entries: rows.map(presentEntry) };
  }

  /** Checks a mapping of `fromNodeId` to `toNodeId` (null: dropped) against the plans and the other entries. */
  private async check(
    trx: Kysely<Database>,
    from: PlanRow,
    to: PlanRow,
    fromNodeId: string,
    toNodeId: string | null,
    selfId: string | null,
  ): Promise<void> {
    // Writes about one old node wait for each other (PostgreSQL; SQLite runs one write at a time), so that two at
    // once cannot both pass the rules below, e.g. one recording it as dropped while the other maps it.
    if (this.db.dialect === 'postgres') {
      await trx.selectFrom('framework_nodes').select('id').where('id', '=', fromNodeId).forUpdate().execute();
    }
    const nodes = await trx
      .selectFrom('framework_nodes')
      .select(['id', 'plan_id', 'code', 'status'])
      .where('id', 'in', toNodeId === null ? [fromNodeId] : [fromNodeId, toNodeId])
      .execute();
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const issues = [];
    const old = byId.get(fromNodeId);
    if (!old) issues.push({ name: 'fromNodeId', reason: `No framework node with id "${fromNodeId}" exists.` });
    else if (old.plan_id !== from.id) {
      issues.push({
        name: 'fromNodeId',
        reason: `${old.code} is not a part of the old plan ${from.slug}; choose one of its parts.`,
      });
    }
    if (toNodeId !== null) {
      const target = byId.get(toNodeId);
      if (!target) issues.push({ name: 'toNodeId', reason: `No framework node with id "${toNodeId}" exists.` });
      else if (target.plan_id !== to.id) {
        issues.push({
          name: 'toNodeId',
          reason: `${target.code} is not a part of the new plan ${to.slug}; choose one of its parts.`,
        });
      } else if (target.status === 'retired') {
        issues.push({ name: 'toNodeId', reason: `${target.code} is retired; map to a current part of ${to.slug}.` });
      }
    }
    if (issues.length) throw invalidReference(issues);

    const others = (await new CrosswalkRepository(trx).ofFromNode(fromNodeId, to.id)).filter((e) => e.id !== selfId);
    const code = old?.code ?? fromNodeId;
    if (toNodeId === null && others.length) {
      throw invalidInput([
        {
          name: 'toNodeId',
          reason: others.some((e) => e.to_node_id === null)
            ? `${code} is already recorded as dropped.`
            : `${code} is mapped to ${others.length} part(s) of ${to.slug}; remove those mappings before recording it as dropped.`,
        },
      ]);
    }
    if (toNodeId !== null && others.some((e) => e.to_node_id === null)) {
      throw invalidInput([
        {
          name: 'toNodeId',
          reason: `${code} is recorded as dropped; remove that decision before mapping it to a part of ${to.slug}.`,
        },
      ]);
    }
    if (toNodeId !== null && others.some((e) => e.to_node_id === toNodeId)) {
      throw invalidInput([{ name: 'toNodeId', reason: `${code} is already mapped to this part of ${to.slug}.` }]);
    }
  }

  private async entryPlans(row: CrosswalkEntryRow): Promise<{ from: PlanRow; to: PlanRow }> {
    return this.pair(row.from_plan_id, row.to_plan_id);
  }

  async createEntry(
    actor: Actor,
    fromIdOrSlug: string,
    toIdOrSlug: string,
    input: CrosswalkEntryInput,
  ): Promise<CrosswalkEntry> {
    authorize(actor, 'plan:manage');
    const { from, to } = await this.pair(fromIdOrSlug, toIdOrSlug);
    const id = newId();
    await this.db.db.transaction().execute(async (trx) => {
      await this.check(trx, from, to, input.fromNodeId, input.toNodeId, null);
      const now = nowIso();
      const row = {
        id,
        from_plan_id: from.id,
        to_plan_id: to.id,
        from_node_id: input.fromNodeId,
        to_node_id: input.toNodeId,
        note: input.note,
        created_by: actor.id,
        created_at: now,
        updated_at: now,
      };
      await new CrosswalkRepository(trx).insert(row);
      await new HistoryRepository(trx).append({
        entityType: 'crosswalk_entry',
        entityId: id,
        version: 1,
        action: 'create',
        actorId: actor.id,
        changes: diffFields(null, entrySnapshot(row)),
        snapshot: entrySnapshot(row),
        before: null,
      });
    });
    return this.requireEntry(id);
  }

  private async requireEntry(id: string): Promise<CrosswalkEntry> {
    const row = await new CrosswalkRepository(this.db.db).find(id);
    if (!row) throw notFound('crosswalk entry', id);
    return presentEntry(row);
  }

  async updateEntry(actor: Actor, id: string, expected: number, input: CrosswalkEntryUpdate): Promise<CrosswalkEntry> {
    authorize(actor, 'plan:manage');
    const current = await new CrosswalkRepository(this.db.db).find(id);
    if (!current) throw notFound('crosswalk entry', id);
    const { from, to } = await this.entryPlans(current);
    await this.changeEntry(actor, id, expected, 'update', async (trx, repo, row) => {
      const after = {
        ...row,
        to_node_id: input.toNodeId === undefined ? row.to_node_id : input.toNodeId,
        note: input.note === undefined ? row.note : input.note,
      };
      await this.check(trx, from, to, row.from_node_id, after.to_node_id, row.id);
      const written = await repo.updateIfVersion(id, expected, {
        to_node_id: after.to_node_id,
        note: after.note,
        updated_at: nowIso(),
      });
      return written ? after : null;
    });
    return this.requireEntry(id);
  }

  async deleteEntry(actor: Actor, id: string, expected: number): Promise<void> {
    authorize(actor, 'plan:manage');
    await this.changeEntry(actor, id, expected, 'delete', async (_trx, repo, row) =>
      (await repo.deleteIfVersion(id, expected)) ? row : null,
    );
  }

  /**
   * A versioned change of an entry in one transaction: `write` changes the row at the expected version and returns
   * its state after (the row itself for a removal), or null when the version moved meanwhile; the history follows.
   */
  private async changeEntry(
    actor: Actor,
    id: string,
    expected: number,
    action: 'update' | 'delete',
    write: (
      trx: Kysely<Database>,
      repo: CrosswalkRepository,
      row: CrosswalkEntryRow,
    ) => Promise<CrosswalkEntryRow | null>,
  ): Promise<void> {
    await withVersionCheck(
      'crosswalk entry',
      expected,
      () => this.requireEntry(id),
      () =>
        this.db.db.transaction().execute(async (trx) => {
          const repo = new CrosswalkRepository(trx);
          const row = await repo.find(id);
          if (!row) throw notFound('crosswalk entry', id);
          if (row.version !== expected) throw new StaleVersion(row.version);
          const after = await write(trx, repo, row);
          if (!after) throw new StaleVersion((await repo.find(id))?.version ?? expected);
          await new HistoryRepository(trx).append({
            entityType: 'crosswalk_entry',
            entityId: id,
            version: expected + 1,
            action,
            actorId: actor.id,
            changes: action === 'delete' ? [] : diffFields(entrySnapshot(row), entrySnapshot(after)),
            snapshot: entrySnapshot(after),
            before: priorState(row, entrySnapshot(row)),
          });
        }),
    );
  }

  /** The new links each selected activity of the old plan would get along the crosswalk. */
  private async carryPlan(
    db: Kysely<Database>,
    from: PlanRow,
    to: PlanRow,
    input: CarryOverInput,
  ): Promise<{ carried: CarryPlan[]; notCarried: number }> {
    const repo = new CrosswalkRepository(db);
    const planRepo = new PlanRepository(db);
    const entries = await repo.list(from.id, to.id);
    const fromNodes = await planRepo.listNodes([from.id]);
    const toNodes = await planRepo.listNodes([to.id]);
    const decisions = new Map<string, CrosswalkEntryRow[]>();
    for (const e of entries) decisions.set(e.from_node_id, [...(decisions.get(e.from_node_id) ?? []), e]);
    const oldNodes = new Map(fromNodes.map((n) => [n.id, n]));
    const newNodes = new Map(toNodes.map((n) => [n.id, n]));
    const rows = await repo.linkedActivities(from.id, input.statuses, input.activityIds);
    const byActivity = new Map<string, typeof rows>();
    for (const r of rows) byActivity.set(r.activity_id, [...(byActivity.get(r.activity_id) ?? []), r]);
    const present = new Set(
      (await repo.linkedNodes([...byActivity.keys()])).map((l) => `${l.activity_id} ${l.node_id}`),
    );
    const carried: CarryPlan[] = [];
    let notCarried = 0;
    for (const [activityId, links] of byActivity) {
      const added = new Map<string, string>();
      let mapped = false;
      for (const link of links) {
        const decision = decisionFor(link.node_id, oldNodes, decisions);
        if (!decision) continue;
        const oldNode = oldNodes.get(link.node_id);
        const via = oldNodes.get(decision.nodeId);
        for (const e of decision.entries) {
          if (e.to_node_id === null) continue;
          const target = newNodes.get(e.to_node_id);
          if (!target || target.status === 'retired') continue;
          mapped = true;
          if (present.has(`${activityId} ${target.id}`) || added.has(target.id)) continue;
          const oldLabel = `${oldNode?.code ?? link.node_id}${oldNode?.title_en ? ` ${oldNode.title_en}` : ''}`;
          const viaLabel = via && via.id !== oldNode?.id ? ` (through ${via.code})` : '';
          added.set(
            target.id,
            `Carried over from ${oldLabel} of ${from.slug}${viaLabel} along the crosswalk to ${to.slug}.`.slice(
              0,
              1000,
            ),
          );
        }
      }
      if (!mapped) {
        notCarried++;
        continue;
      }
      if (!added.size) continue;
      const first = links[0];
      carried.push({
        id: activityId,
        title: { en: first?.title_en ?? null, fr: first?.title_fr ?? null },
        status: (first?.status ?? 'ongoing') as ActivityStatus,
        links: [...added].map(([nodeId, rationale]) => ({ nodeId, rationale })),
      });
    }
    return { carried, notCarried };
  }

  /**
   * Carries the old plan's planned and ongoing activities over to the new plan: each gets links to the new nodes
   * the crosswalk maps its nodes to, through the activity write path (a new version and a history entry each), in
   * one transaction. Old links and funding stay as they are; a link already present is never added again.
   */
  async carryOver(
    actor: Actor,
    fromIdOrSlug: string,
    toIdOrSlug: string,
    input: CarryOverInput,
  ): Promise<CarryOverResult> {
    authorize(actor, 'activity:update');
    const { from, to } = await this.pair(fromIdOrSlug, toIdOrSlug);
    const result = (plan: { carried: CarryPlan[]; notCarried: number }): CarryOverResult => ({
      dryRun: input.dryRun,
      activities: plan.carried.map((a) => ({
        id: a.id,
        title: loc(a.title.en, a.title.fr),
        status: a.status,
        addedNodeIds: a.links.map((l) => l.nodeId),
      })),
      linksAdded: plan.carried.reduce((n, a) => n + a.links.length, 0),
      notCarried: plan.notCarried,
    });
    if (input.dryRun) return result(await this.carryPlan(this.db.db, from, to, input));
    try {
      return await this.db.db.transaction().execute(async (trx) => {
        const plan = await this.carryPlan(trx, from, to, input);
        const activities = new ActivityRepository(trx);
        const comment = `Carried over along the crosswalk from ${from.slug} to ${to.slug}.`;
        for (const a of plan.carried) {
          const row = await activities.findById(a.id);
          if (!row || row.deleted_at) throw notFound('activity', a.id);
          const before = await this.activityWrites.snapshot(activities, row);
          const after = {
            ...before,
            links: [
              ...before.links,
              ...a.links.map((l) => ({ nodeId: l.nodeId, rationale: l.rationale, confidence: null })),
            ],
          };
          await this.activityWrites.replaceWithin(trx, actor, row, after, 'update', comment, true);
        }
        await new SearchIndexRepository(trx, this.db.dialect).apply({ activities: plan.carried.map((a) => a.id) });
        return result(plan);
      });
    } catch (err) {
      if (err instanceof StaleVersion) {
        throw new DomainError(
          'conflict',
          'An activity was changed by someone else while it was being carried over; nothing was carried. Preview again and confirm.',
        );
      }
      throw err;
    }
  }

  /** The two plans side by side along their crosswalk, with the coverage engine's figures of each. */
  async compare(
    fromIdOrSlug: string,
    toIdOrSlug: string,
    q: PlanComparisonQuery,
    audience: Audience = 'public',
  ): Promise<PlanComparison> {
    const { from, to } = await this.pair(fromIdOrSlug, toIdOrSlug, audience);
    const cq = coverageQuerySchema.parse({ currency: q.currency });
    const [plans, entries, fromCoverage, toCoverage] = await Promise.all([
      this.summaries(from, to, audience),
      new CrosswalkRepository(this.db.db).list(from.id, to.id),
      // The audience only decides whether a draft plan may be read: the figures are of published activities.
      this.coverage.forPlan(from.id, cq, audience),
      this.coverage.forPlan(to.id, cq, audience),
    ]);
    const newNodes = new Map(toCoverage.nodes.map((n, i) => [n.id, { node: n, order: i }]));
    const byOld = new Map<string, CrosswalkEntryRow[]>();
    for (const e of entries) byOld.set(e.from_node_id, [...(byOld.get(e.from_node_id) ?? []), e]);
    const mappedTo = new Set(entries.flatMap((e) => (e.to_node_id ? [e.to_node_id] : [])));
    const rows: PlanComparisonRow[] = [];
    for (const n of fromCoverage.nodes) {
      const own = byOld.get(n.id) ?? [];
      const targets = own
        .flatMap((e) => {
          const t = e.to_node_id ? newNodes.get(e.to_node_id) : undefined;
          return t ? [t] : [];
        })
        .sort((a, b) => a.order - b.order)
        .map((t) => comparedNode(t.node));
      const notes = own.flatMap((e) => (e.note ? [e.note] : []));
      const change: CrosswalkChange = targets.length ? 'continued' : own.length ? 'dropped' : 'undecided';
      rows.push({ change, from: comparedNode(n), to: targets, note: notes.length ? notes.join('; ') : null });
    }
    for (const n of toCoverage.nodes) {
      if (!mappedTo.has(n.id)) rows.push({ change: 'new', from: null, to: [comparedNode(n)], note: null });
    }
    const counts = Object.fromEntries(CHANGES.map((c) => [c, 0])) as Record<CrosswalkChange, number>;
    for (const r of rows) counts[r.change]++;
    return {
      ...plans,
      currency: fromCoverage.currency,
      rows,
      counts,
      plans: {
        from: figuresOf(fromCoverage.summary, fromCoverage.summary.rollup),
        to: figuresOf(toCoverage.summary, toCoverage.summary.rollup),
      },
    };
  }
}
