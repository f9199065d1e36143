import type { Db } from '../db/database';
import { notFound } from '../errors';
import { authorize, type Actor } from '../policy';
import { loc } from '../repositories/localized';
import { LinkModel, type RankedNode, type SuggestDoc } from '../suggest/link-model';
import type { SearchLabelRepository } from '../repositories/search.repository';
import { loadConfirmed, loadDocs, loadNodes, yearsOf } from '../suggest/training';
import type { LinkSuggestionAnswer, LinkSuggestionReason, RankedLinkSuggestion } from '../../shared/api-types';
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

  constructor(
    private readonly db: Db,
    private readonly plans: PlanService,
    private readonly labels: SearchLabelRepository,
  ) {}

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
    const model = await this.model();
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
    return this.answer(model, model.rank(doc, { limit: input.limit, exclude: input.exclude, plans }));
  }

  /** Suggestions for a stored activity, leaving out the nodes it is already linked to. */
  async forActivity(actor: Actor, id: string, limit = 5): Promise<LinkSuggestionAnswer> {
    authorize(actor, 'activity:update');
    const [model, docs, links] = await Promise.all([
      this.model(),
      loadDocs(this.db.db, [id]),
      this.db.db.selectFrom('activity_links').select('node_id').where('activity_id', '=', id).execute(),
    ]);
    const doc = docs.get(id);
    if (!doc) throw notFound('activity', id);
    return this.answer(model, model.rank(doc, { limit, exclude: links.map((l) => l.node_id) }));
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
