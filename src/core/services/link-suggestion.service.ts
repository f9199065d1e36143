import type { Db } from '../db/database';
import { DomainError, notFound } from '../errors';
import { nowIso } from '../ids';
import { authorize, type Actor } from '../policy';
import { LinkRejectionRepository } from '../repositories/link-rejection.repository';
import { loc } from '../repositories/localized';
import { LinkModel, type RankedNode, type SuggestDoc } from '../suggest/link-model';
import type { SearchLabelRepository } from '../repositories/search.repository';
import { loadConfirmed, loadDocs, loadNodes, yearsOf } from '../suggest/training';
import type {
  LinkRejection,
  LinkSuggestionAnswer,
  LinkSuggestionReason,
  RankedLinkSuggestion,
} from '../../shared/api-types';
import type { LinkSuggestionInput } from '../../shared/schemas/link-suggestion.schema';
import type { PlanService } from './plan.service';

/** How long a model is used when the database cannot say whether anything changed (its change listener is down). */
const UNSURE_MODEL_MS = 30_000;
/** A training that takes longer than this runs behind the answers: the last model answers meanwhile. */
const SLOW_TRAINING_MS = 1_000;
/** A slow training runs again at most once per this many times its own length (so at most a fifth of the time). */
const SLOW_TRAINING_SPACING = 5;

interface Trained {
  model: LinkModel;
  generation: number | null;
  at: number;
  trainingMs: number;
}

/**
 * Ranks the framework nodes an activity most likely serves (ADR 0017). The model is trained from the confirmed links
 * when first asked, and again after a change to the records: at once while training is quick (the seed's takes tens
 * of milliseconds), behind the answers once it is slow (tens of thousands of confirmed activities), so that no request
 * waits for it and it does not run more than a fifth of the time. One training runs at a time.
 */
export class LinkSuggestionService {
  private last: Trained | null = null;
  private training: Promise<Trained> | null = null;
  private readonly rejections: LinkRejectionRepository;

  constructor(
    private readonly db: Db,
    private readonly plans: PlanService,
    private readonly labels: SearchLabelRepository,
  ) {
    this.rejections = new LinkRejectionRepository(db.db);
  }

  private train(generation: number | null): Promise<Trained> {
    this.training ??= (async () => {
      try {
        const started = Date.now();
        const [nodes, examples] = await Promise.all([loadNodes(this.db.db), loadConfirmed(this.db.db)]);
        const model = LinkModel.train(nodes, examples);
        this.last = { model, generation, at: Date.now(), trainingMs: Date.now() - started };
        return this.last;
      } finally {
        this.training = null;
      }
    })();
    return this.training;
  }

  private async model(): Promise<LinkModel> {
    const generation = await this.db.changes.current();
    const last = this.last;
    if (!last) return (await this.train(generation)).model;
    const fresh =
      generation === null
        ? last.generation === null && Date.now() - last.at < UNSURE_MODEL_MS
        : last.generation === generation;
    if (fresh) return last.model;
    if (last.trainingMs < SLOW_TRAINING_MS) return (await this.train(generation)).model;
    if (!this.training && Date.now() - last.at > last.trainingMs * SLOW_TRAINING_SPACING) {
      // Behind the answers; a failure leaves the last model in use, and the next request tries again.
      this.train(generation).catch(() => undefined);
    }
    return last.model;
  }

  /** Suggestions for what the editor has typed so far (saved or not). */
  async forDraft(actor: Actor, input: LinkSuggestionInput): Promise<LinkSuggestionAnswer> {
    authorize(actor, 'activity:create');
    const [model, rejected] = await Promise.all([
      this.model(),
      input.activity ? this.rejections.nodeIds(input.activity) : [],
    ]);
    const plans = input.plan ? [(await this.plans.requirePlan(input.plan)).id] : null;
    const doc: SuggestDoc = {
      title: input.title,
      summary: input.summary,
      description: input.description,
      partners: input.partners,
      ...yearsOf({
        actual_start: input.actualStart,
        actual_end: input.actualEnd,
        planned_start: input.plannedStart,
        planned_end: input.plannedEnd,
      }),
    };
    const exclude = [...input.exclude, ...rejected];
    return this.answer(model, model.rank(doc, { limit: input.limit, exclude, plans }));
  }

  /** Suggestions for a stored activity, leaving out the nodes it is already linked to. */
  async forActivity(actor: Actor, id: string, limit = 5): Promise<LinkSuggestionAnswer> {
    authorize(actor, 'activity:update');
    const [model, docs, links, rejected] = await Promise.all([
      this.model(),
      loadDocs(this.db.db, [id]),
      this.db.db.selectFrom('activity_links').select('node_id').where('activity_id', '=', id).execute(),
      this.rejections.nodeIds(id),
    ]);
    const doc = docs.get(id);
    if (!doc) throw notFound('activity', id);
    return this.answer(model, model.rank(doc, { limit, exclude: [...links.map((l) => l.node_id), ...rejected] }));
  }

  /** The suggestions turned down for an activity, newest first. */
  async rejectionsOf(actor: Actor, activityId: string): Promise<LinkRejection[]> {
    authorize(actor, 'activity:update');
    return this.rejectionViews(activityId);
  }

  private async rejectionViews(activityId: string, nodeId?: string): Promise<LinkRejection[]> {
    const rows = await this.rejections.list(activityId, nodeId);
    return rows.map((r) => ({
      nodeId: r.node_id,
      code: r.code,
      title: loc(r.title_en, r.title_fr),
      plan: { id: r.plan_id, slug: r.plan_slug, title: loc(r.plan_title_en, r.plan_title_fr) },
      rejectedBy: r.rejected_by ? { id: r.rejected_by, name: r.rejected_by_name ?? '' } : null,
      rejectedAt: r.rejected_at,
    }));
  }

  /**
   * Turns a node down for an activity: it is not suggested for the activity again, to anyone, until withdrawn. Asking
   * twice keeps the first rejection. A node already linked cannot be turned down (remove the link instead).
   */
  async reject(actor: Actor, activityId: string, nodeId: string): Promise<LinkRejection> {
    authorize(actor, 'activity:update');
    const state = await this.rejections.state(activityId, nodeId);
    if (!state.activity) throw notFound('activity', activityId);
    if (!state.node) throw notFound('framework node', nodeId);
    if (state.linked) {
      throw new DomainError('conflict', 'This node is linked to the activity: remove the link in the editor instead.', [
        { name: 'nodeId', reason: 'Linked to the activity already; remove the link rather than turning it down.' },
      ]);
    }
    await this.rejections.add(activityId, nodeId, actor.id, nowIso());
    const [found] = await this.rejectionViews(activityId, nodeId);
    if (!found) throw notFound('rejection', nodeId);
    return found;
  }

  /** Withdraws a rejection: the node may be suggested for the activity again. */
  async withdrawRejection(actor: Actor, activityId: string, nodeId: string): Promise<void> {
    authorize(actor, 'activity:update');
    if (!(await this.rejections.remove(activityId, nodeId))) throw notFound('rejection of node', nodeId);
  }

  private async answer(model: LinkModel, ranked: RankedNode[]): Promise<LinkSuggestionAnswer> {
    const nodes = ranked.map((r) => model.node(r.nodeId));
    const [plans, organisations] = await Promise.all([
      this.labels.plans([...new Set(nodes.map((n) => n.planId))]),
      this.labels.organisations([
        ...new Set(ranked.flatMap((r) => r.reasons.flatMap((x) => (x.kind === 'partner' ? [x.organisationId] : [])))),
      ]),
    ]);
    const planOf = new Map(plans.map((p) => [p.id, p]));
    const nameOf = new Map(organisations.map((o) => [o.id, loc(o.name_en, o.name_fr)]));
    const suggestions: RankedLinkSuggestion[] = ranked.map((r, i) => {
      const node = nodes[i]!;
      const plan = planOf.get(node.planId);
      return {
        nodeId: node.id,
        code: node.code,
        title: node.title,
        plan: { id: node.planId, slug: plan?.slug ?? node.planId, title: loc(plan?.title_en, plan?.title_fr) },
        score: r.score,
        reasons: r.reasons.map((x): LinkSuggestionReason =>
          x.kind === 'partner' ? { ...x, organisation: nameOf.get(x.organisationId) ?? loc(null, null) } : x,
        ),
      };
    });
    return { suggestions, model: { confirmedActivities: model.confirmedActivities, weights: { ...model.weights } } };
  }
}
