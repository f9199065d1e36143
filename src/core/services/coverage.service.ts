import type { CoverageAnswer, FullPlanCoverage, OrganisationRef, PlanCoverage } from '../../shared/api-types';
import { coverageRules, coverageRuleSummary } from '../../shared/coverage';
import { lastDayOf, yearOf } from '../../shared/partial-date';
import type { CoverageApiQuery, CoverageQuery } from '../../shared/schemas/coverage-query.schema';
import type { ActivityStatus, FundingType, NodeStatus, ParticipantRole } from '../../shared/vocab';
import type { Audience } from '../audience';
import {
  computeCoverage,
  overlapsPeriod,
  type CoverageActivityInput,
  type CoverageFundingInput,
  type CoverageInput,
  type CoverageOptions,
  type CoverageResult,
  type RateConverter,
} from '../coverage/coverage';
import { invalidInput, invalidReference, notFound, type FieldIssue } from '../errors';
import { withDescendants } from '../framework-tree';
import type { ActivityFilter, ActivityRepository } from '../repositories/activity.repository';
import { groupBy } from '../group-by';
import { loc } from '../repositories/localized';
import type { OrganisationRepository } from '../repositories/organisation.repository';
import type { PlanRepository, PlanRow } from '../repositories/plan.repository';

/** Today as YYYY-MM-DD (UTC). */
export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Coverage of a plan's framework by its activities: loads the plan, the activities in scope and
 * their links in a handful of queries, then hands them to the pure engine (`core/coverage`).
 */
export class CoverageService {
  constructor(
    private readonly plans: PlanRepository,
    private readonly activities: ActivityRepository,
    private readonly organisations: OrganisationRepository,
    /** Where the exchange rates come from: `core.rates.table()`. */
    private readonly rateTable: () => Promise<RateConverter>,
    /** The clock, as YYYY-MM-DD; tests pin it. */
    private readonly today: () => string = todayIso,
  ) {}

  /**
   * The whole coverage of a plan for the query's period and filters: every node's ids, every
   * partner. What the progress report and snapshots are made from. The public sees published
   * activities only; staff (`audience` "staff") may ask for drafts and records under review too.
   */
  async forPlan(idOrSlug: string, q: CoverageQuery, audience: Audience): Promise<FullPlanCoverage> {
    const { plan, input, options } = await this.load(idOrSlug, q, audience);
    return answer(plan, q, options, computeCoverage(input, options));
  }

  /**
   * The coverage API's answer: lean unless the query asks for more (`include=ids` for the ids,
   * `partners` for how many partners to list), or less (`depth`, `breakdowns`); computed without
   * what it leaves out.
   */
  async answer(idOrSlug: string, q: CoverageApiQuery, audience: Audience): Promise<CoverageAnswer> {
    const { plan, input, options } = await this.load(idOrSlug, q, audience);
    const shape = {
      ids: q.include?.includes('ids') ?? false,
      partners: q.partners,
      depth: q.depth ?? null,
      breakdowns: q.breakdowns ?? null,
    };
    return answer(plan, q, options, computeCoverage(input, { ...options, shape }));
  }

  /** The plan, the engine's input and its options, for the query; refuses what the audience may not ask. */
  private async load(
    idOrSlug: string,
    q: CoverageQuery,
    audience: Audience,
  ): Promise<{ plan: PlanRow; input: CoverageInput; options: Omit<CoverageOptions, 'shape'> }> {
    if (q.includeUnpublished && audience !== 'staff') {
      throw invalidInput(
        [{ name: 'includeUnpublished', reason: 'Sign in to include drafts and activities under review.' }],
        'Some parameters need a signed-in person; see errors.',
      );
    }
    const plan = await this.plans.findPlan(idOrSlug, audience);
    if (!plan) throw notFound('plan', idOrSlug);

    const planNodes = await this.plans.listNodes([plan.id]);
    const issues: FieldIssue[] = [];
    let nodes = planNodes;
    if (q.pillar?.length) {
      const byId = new Map(planNodes.map((n) => [n.id, n]));
      for (const id of q.pillar) {
        const n = byId.get(id);
        if (!n) issues.push({ name: 'pillar', reason: `No pillar with id "${id}" exists in plan ${plan.slug}.` });
        else if (n.parent_id !== null) {
          issues.push({ name: 'pillar', reason: `"${id}" is ${n.kind} ${n.code}, not a pillar of plan ${plan.slug}.` });
        }
      }
      const kept = withDescendants(planNodes, q.pillar);
      nodes = planNodes.filter((n) => kept.has(n.id));
    }
    if (q.organisation?.length) {
      const existing = new Set((await this.organisations.findExisting(q.organisation)).map((o) => o.id));
      for (const id of q.organisation) {
        if (!existing.has(id)) issues.push({ name: 'organisation', reason: `No organisation with id "${id}" exists.` });
      }
    }
    if (issues.length) throw invalidReference(issues);

    const from = q.from ?? null;
    const to = q.to ?? null;
    const today = this.today();
    const periodEnd = to === null ? null : lastDayOf(to);
    const asOf = periodEnd !== null && periodEnd < today ? periodEnd : today;

    const nodeIds = nodes.map((n) => n.id);
    const filter: ActivityFilter = {
      audience: q.includeUnpublished ? 'staff' : 'public',
      nodeIdSets: [nodeIds],
      organisationIds: q.organisation,
      countries: q.country,
      statuses: q.status,
      types: q.type,
      // The years narrow the query; the exact overlap with partial dates is applied below.
      yearFrom: from === null ? undefined : yearOf(from),
      yearTo: to === null ? undefined : yearOf(to),
    };
    const [facts, rates] = await Promise.all([this.activities.coverageFacts(filter, nodeIds), this.rateTable()]);

    const countriesBy = groupBy(facts.countries, (c) => c.activity_id);
    const participantsBy = groupBy(facts.participants, (p) => p.activity_id);
    const fundingBy = groupBy(facts.funding, (f) => f.activity_id);
    const activities = facts.activities
      .map((a): CoverageActivityInput => ({
        id: a.id,
        status: a.status as ActivityStatus,
        plannedStart: a.planned_start,
        plannedEnd: a.planned_end,
        actualStart: a.actual_start,
        actualEnd: a.actual_end,
        regional: Number(a.regional) === 1,
        countries: (countriesBy.get(a.id) ?? []).map((c) => c.country),
        participants: (participantsBy.get(a.id) ?? []).map((p) => ({
          organisationId: p.organisation_id,
          role: p.role as ParticipantRole,
        })),
        funding: (fundingBy.get(a.id) ?? []).map((f): CoverageFundingInput => ({
          amountMinor: Number(f.amount_minor),
          currency: f.currency,
          type: f.type as FundingType,
          date: f.date,
        })),
      }))
      .filter((a) => overlapsPeriod(a, from, to));

    const organisations = facts.organisations.map((o): OrganisationRef => ({
      id: o.id,
      name: loc(o.name_en, o.name_fr),
      acronym: o.acronym,
    }));
    return {
      plan,
      input: {
        nodes: nodes.map((n) => ({
          id: n.id,
          parentId: n.parent_id,
          code: n.code,
          kind: n.kind,
          status: n.status as NodeStatus,
          position: n.position,
          title: loc(n.title_en, n.title_fr),
        })),
        activities,
        links: facts.links.map((l) => ({ activityId: l.activity_id, nodeId: l.node_id })),
      },
      options: {
        asOf,
        addressedShare: q.addressedShare,
        reportingCurrency: q.currency,
        rates,
        organisations,
        period: { from, to },
      },
    };
  }
}

/** The answer around the engine's result: the plan, the period, the rule and the scope. */
function answer<R extends CoverageResult>(
  plan: PlanRow,
  q: CoverageQuery,
  options: CoverageOptions,
  result: R,
): Omit<PlanCoverage, 'summary' | 'nodes' | 'breakdowns'> & Pick<R, 'summary' | 'nodes' | 'breakdowns'> {
  return {
    plan: {
      id: plan.id,
      slug: plan.slug,
      title: loc(plan.title_en, plan.title_fr),
      shortTitle: loc(plan.short_title_en, plan.short_title_fr),
    },
    period: { from: options.period?.from ?? null, to: options.period?.to ?? null, asOf: result.asOf },
    rule: {
      addressedShare: result.addressedShare,
      summary: coverageRuleSummary(result.addressedShare),
      rules: coverageRules(result.addressedShare),
    },
    currency: result.currency,
    includeUnpublished: q.includeUnpublished,
    summary: result.summary,
    nodes: result.nodes,
    gaps: result.gaps,
    breakdowns: result.breakdowns,
    rates: result.rates,
  };
}
