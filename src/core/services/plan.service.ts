import type {
  FrameworkNodeDetail,
  FrameworkNodeTree,
  NodeRef,
  PartnershipWithPlans,
  PlanDetail,
  PlanSummary,
} from '../../shared/api-types';
import { SIDES, type Confidence, type NodeStatus, type PlanStatus, type Side } from '../../shared/vocab';

const isSide = (s: string): s is Side => (SIDES as readonly string[]).includes(s);
import type { Audience } from '../audience';
import { invalidReference, notFound } from '../errors';
import {
  planDefinitionCsv,
  planDefinitionXlsx,
  planDefinitionYaml,
  type PlanDefinitionFormat,
} from '../plans/plan-definition';
import { fundingTotals } from '../funding';
import { activityCounts, ancestorsOf, childrenIndex } from '../framework-tree';
import { loc } from '../repositories/localized';
import type { NodeRow, PlanRepository, PlanRow } from '../repositories/plan.repository';
import type { PlanListQuery } from '../../shared/schemas/plan.schema';

export function nodeRef(n: NodeRow): NodeRef {
  return { id: n.id, code: n.code, kind: n.kind, title: loc(n.title_en, n.title_fr) };
}

function presentPlanSummary(p: PlanRow, activityCount: number): PlanSummary {
  return {
    id: p.id,
    slug: p.slug,
    partnership: {
      id: p.partnership_id,
      slug: p.partnership_slug,
      name: loc(p.partnership_name_en, p.partnership_name_fr),
    },
    title: loc(p.title_en, p.title_fr),
    shortTitle: loc(p.short_title_en, p.short_title_fr),
    periodStart: p.period_start,
    periodEnd: p.period_end,
    periodNote: p.period_note,
    adoptedOn: p.adopted_on,
    adoptedAt: loc(p.adopted_at_en, p.adopted_at_fr),
    status: p.status as PlanStatus,
    summary: loc(p.summary_en, p.summary_fr),
    activityCount,
    createdAt: p.created_at,
    updatedAt: p.updated_at,
    version: p.version,
  };
}

/** Reads plans and their frameworks, with activity counts per node. */
export class PlanService {
  constructor(private readonly plans: PlanRepository) {}

  private async distinctActivityCountByPlan(planIds: string[], audience: Audience): Promise<Map<string, number>> {
    const [nodes, links] = await Promise.all([
      this.plans.listNodes(planIds),
      this.plans.listLinkPairs(planIds, audience),
    ]);
    const planOfNode = new Map(nodes.map((n) => [n.id, n.plan_id]));
    const sets = new Map<string, Set<string>>();
    for (const l of links) {
      const planId = planOfNode.get(l.node_id);
      if (!planId) continue;
      const set = sets.get(planId) ?? new Set<string>();
      set.add(l.activity_id);
      sets.set(planId, set);
    }
    return new Map([...sets].map(([k, v]) => [k, v.size]));
  }

  /** Every plan by period, or only the plans of the partnership with this slug (invalid_reference when none has it). */
  async list(audience: Audience = 'public', query: PlanListQuery = {}): Promise<PlanSummary[]> {
    if (query.partnership !== undefined && !(await this.plans.findPartnershipBySlug(query.partnership))) {
      throw invalidReference([
        {
          name: 'partnership',
          reason: `No partnership has the slug "${query.partnership}"; GET /api/v1/partnerships lists them.`,
        },
      ]);
    }
    const rows = await this.plans.listPlans(audience, query.partnership);
    const counts = await this.distinctActivityCountByPlan(
      rows.map((r) => r.id),
      audience,
    );
    return rows.map((r) => presentPlanSummary(r, counts.get(r.id) ?? 0));
  }

  /**
   * Every partnership with its plans by period; partnerships in the order of their first plan (those without a
   * plan last), then by slug.
   */
  async partnerships(audience: Audience = 'public'): Promise<PartnershipWithPlans[]> {
    const [rows, plans] = await Promise.all([this.plans.listPartnerships(), this.list(audience)]);
    const first = (p: PartnershipWithPlans) => p.plans[0]?.periodStart ?? Number.POSITIVE_INFINITY;
    return rows
      .map((r) => ({
        id: r.id,
        slug: r.slug,
        name: loc(r.name_en, r.name_fr),
        description: loc(r.description_en, r.description_fr),
        plans: plans.filter((p) => p.partnership.id === r.id),
      }))
      .sort((a, b) => first(a) - first(b) || a.slug.localeCompare(b.slug));
  }

  /** Resolves a plan id or slug the audience may see (staff: any, as writes need); throws not_found. */
  async requirePlan(idOrSlug: string, audience: Audience = 'staff'): Promise<PlanRow> {
    const plan = await this.plans.findPlan(idOrSlug, audience);
    if (!plan) throw notFound('plan', idOrSlug);
    return plan;
  }

  /** The plan's definition as a file (docs/plans.md): YAML with everything, or the framework as CSV or XLSX. */
  async definition(
    idOrSlug: string,
    format: PlanDefinitionFormat,
    audience: Audience,
  ): Promise<{ contentType: string; fileName: string; body: string | Buffer }> {
    const plan = await this.get(idOrSlug, audience);
    const fileName = `${plan.slug}-plan.${format}`;
    if (format === 'yaml')
      return { contentType: 'application/yaml; charset=utf-8', fileName, body: planDefinitionYaml(plan) };
    if (format === 'csv') return { contentType: 'text/csv; charset=utf-8', fileName, body: planDefinitionCsv(plan) };
    return {
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      fileName,
      body: await planDefinitionXlsx(plan),
    };
  }

  async get(idOrSlug: string, audience: Audience = 'public'): Promise<PlanDetail> {
    const plan = await this.requirePlan(idOrSlug, audience);
    const [nodes, links, documents, stats] = await Promise.all([
      this.plans.listNodes([plan.id]),
      this.plans.listLinkPairs([plan.id], audience),
      this.plans.listDocuments(plan.id),
      this.plans.planStats(plan.id, audience),
    ]);
    const counts = activityCounts(nodes, links);
    const index = childrenIndex(nodes);
    const build = (parentId: string | null): FrameworkNodeTree[] =>
      (index.get(parentId) ?? []).map((n) => ({
        id: n.id,
        code: n.code,
        kind: n.kind,
        position: n.position,
        title: loc(n.title_en, n.title_fr),
        description: loc(n.description_en, n.description_fr),
        status: n.status as NodeStatus,
        activityCount: counts.get(n.id)?.total ?? 0,
        directActivityCount: counts.get(n.id)?.direct ?? 0,
        children: build(n.id),
      }));
    return {
      ...presentPlanSummary(plan, new Set(links.map((l) => l.activity_id)).size),
      description: loc(plan.description_en, plan.description_fr),
      signoffSides: (plan.signoff_sides ?? '').split(',').filter(isSide),
      stats: {
        partnerCount: stats.partners,
        countryCount: stats.countries,
        regionalActivityCount: stats.regional,
        funding: fundingTotals(stats.funding),
      },
      fullTextUrl: plan.full_text_url,
      documents: documents.map((d) => ({
        id: d.id,
        kind: d.kind,
        title: d.title,
        url: d.url,
        publishedOn: d.published_on,
        confidence: d.confidence as Confidence | null,
        note: d.note,
      })),
      framework: build(null),
    };
  }

  async getNode(id: string, audience: Audience = 'public'): Promise<FrameworkNodeDetail> {
    // A draft plan's nodes are as unknown to the public as the plan.
    const [node] = await this.plans.findNodes([id], audience);
    if (!node) throw notFound('framework node', id);
    const plan = await this.requirePlan(node.plan_id, audience);
    const [nodes, links] = await Promise.all([
      this.plans.listNodes([plan.id]),
      this.plans.listLinkPairs([plan.id], audience),
    ]);
    const counts = activityCounts(nodes, links);
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const children = childrenIndex(nodes).get(node.id) ?? [];
    return {
      id: node.id,
      code: node.code,
      kind: node.kind,
      position: node.position,
      title: loc(node.title_en, node.title_fr),
      description: loc(node.description_en, node.description_fr),
      status: node.status as NodeStatus,
      plan: {
        id: plan.id,
        slug: plan.slug,
        title: loc(plan.title_en, plan.title_fr),
        shortTitle: loc(plan.short_title_en, plan.short_title_fr),
      },
      ancestors: ancestorsOf(byId, node).map(nodeRef),
      children: children.map((c) => ({ ...nodeRef(c), activityCount: counts.get(c.id)?.total ?? 0 })),
      activityCount: counts.get(node.id)?.total ?? 0,
      directActivityCount: counts.get(node.id)?.direct ?? 0,
      createdAt: node.created_at,
      updatedAt: node.updated_at,
      version: node.version,
    };
  }
}
