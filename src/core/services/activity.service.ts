import type {
  ActivityDetail,
  ActivityLink,
  ActivitySector,
  ActivitySummary,
  NodeRef,
  OrganisationRef,
  OtherRecipient,
  Page,
  Participant,
} from '../../shared/api-types';
import {
  CREATED_BY_ME,
  type ActivityListQuery,
  type ActivitySelection,
} from '../../shared/schemas/activity-query.schema';
import type {
  ActivityStatus,
  ActivityType,
  Confidence,
  FundingType,
  OrganisationType,
  ParticipantRole,
  WorkflowState,
} from '../../shared/vocab';
import { activityDetailsOf, type ActivityDetails } from '../activity-details';
import { activityRowVisible, staffFilterIssues, type Audience } from '../audience';
import { iatiName, regionCodelist, sectorCodelist } from '../iati-names';
import { invalidInput, invalidReference, notFound, type FieldIssue } from '../errors';
import { ancestorsOf, withDescendants } from '../framework-tree';
import { fundingTotals } from '../funding';
import { fromMinorUnits } from '../../shared/money';
import type { ActivityFilter, ActivityRepository, ActivityRow } from '../repositories/activity.repository';
import { loc } from '../repositories/localized';
import type { OrganisationRepository } from '../repositories/organisation.repository';
import type { NodeRow, PlanRepository } from '../repositories/plan.repository';
import type { UserRepository } from '../repositories/user.repository';
import { nodeRef } from './plan.service';
import { groupBy } from '../group-by';

/** The IATI details of an activity as the API shows them: codes with their official names. */
function presentDetails(
  d: ActivityDetails,
  org: (orgId: string | null) => OrganisationRef | null,
): Pick<ActivityDetail, 'reportingOrganisation' | 'sectors' | 'otherRecipients' | 'results' | 'otherLanguageTexts'> {
  return {
    reportingOrganisation: org(d.reportingOrganisationId),
    sectors: d.sectors.map((s): ActivitySector => {
      const list = sectorCodelist(s.vocabulary);
      return { ...s, label: list ? iatiName(list, s.code) : null };
    }),
    otherRecipients: d.otherRecipients.map((r): OtherRecipient => {
      const list = r.kind === 'country' ? 'Country' : regionCodelist(r.vocabulary);
      return { ...r, label: list ? iatiName(list, r.code) : null };
    }),
    results: d.results,
    otherLanguageTexts: d.otherLanguageTexts,
  };
}

function orgRef(o: {
  organisation_id: string;
  name_en: string | null;
  name_fr: string | null;
  acronym: string | null;
}): OrganisationRef {
  return { id: o.organisation_id, name: loc(o.name_en, o.name_fr), acronym: o.acronym };
}

type Rows<K extends 'countries' | 'participants' | 'links' | 'fundingLines' | 'sources'> = Awaited<
  ReturnType<ActivityRepository[K]>
>;

/** What hangs off one activity, as read for `details`. */
interface DetailParts {
  countries: Rows<'countries'>;
  participants: Rows<'participants'>;
  links: Rows<'links'>;
  funding: Rows<'fundingLines'>;
  sources: Rows<'sources'>;
}

/** Lists and reads cooperation activities. */
export class ActivityService {
  constructor(
    private readonly activities: ActivityRepository,
    private readonly plans: PlanRepository,
    private readonly organisations: OrganisationRepository,
    private readonly users: UserRepository,
  ) {}

  /**
   * Turns the query's plan, node, pillar, organisation and creator references into ids; reports each
   * unknown one. `userId` is the signed-in person, whom `createdBy=me` names.
   */
  private async resolveFilter(
    q: Omit<ActivityListQuery, 'page' | 'pageSize'> & { id?: string[] | undefined },
    audience: Audience,
    userId: string | null,
  ): Promise<ActivityFilter> {
    const refused = staffFilterIssues(q, audience, userId);
    if (refused.length) throw invalidInput(refused, 'Some filters need a signed-in person; see errors.');
    const issues: FieldIssue[] = [];
    const nodeIdSets: string[][] = [];

    if (q.plan) {
      const plan = await this.plans.findPlan(q.plan, audience);
      if (!plan) issues.push({ name: 'plan', reason: `No plan with id or slug "${q.plan}" exists.` });
      else nodeIdSets.push((await this.plans.listNodes([plan.id])).map((n) => n.id));
    }

    for (const param of ['node', 'pillar'] as const) {
      const ids = q[param];
      if (!ids?.length) continue;
      const found = await this.plans.findNodes(ids, audience);
      const byId = new Map(found.map((n) => [n.id, n]));
      for (const id of ids) {
        const n = byId.get(id);
        if (!n) issues.push({ name: param, reason: `No framework node with id "${id}" exists.` });
        else if (param === 'pillar' && n.parent_id !== null) {
          issues.push({
            name: param,
            reason: `"${id}" is ${n.kind} ${n.code}, not a pillar; filter on it with node=${id}.`,
          });
        }
      }
      const planNodes = await this.plans.listNodes([...new Set(found.map((n) => n.plan_id))]);
      nodeIdSets.push([
        ...withDescendants(
          planNodes,
          found.map((n) => n.id),
        ),
      ]);
    }

    if (q.organisation?.length) {
      const existing = new Set((await this.organisations.findExisting(q.organisation)).map((o) => o.id));
      for (const id of q.organisation) {
        if (!existing.has(id)) issues.push({ name: 'organisation', reason: `No organisation with id "${id}" exists.` });
      }
    }
    let createdBy: string | undefined;
    if (q.createdBy === CREATED_BY_ME) createdBy = userId ?? undefined;
    else if (q.createdBy !== undefined) {
      if (await this.users.findById(q.createdBy)) createdBy = q.createdBy;
      else issues.push({ name: 'createdBy', reason: `No user with id "${q.createdBy}" exists; use a user id or me.` });
    }
    if (issues.length) throw invalidReference(issues);

    return {
      audience,
      ids: q.id,
      nodeIdSets,
      organisationIds: q.organisation,
      countries: q.country,
      statuses: q.status,
      types: q.type,
      workflowStates: q.workflowState,
      createdBy,
      yearFrom: q.yearFrom,
      yearTo: q.yearTo,
      text: q.q || undefined,
    };
  }

  /** One page of activities the audience may read; `userId` is the signed-in person, if any. */
  async list(
    q: ActivityListQuery,
    audience: Audience = 'public',
    userId: string | null = null,
  ): Promise<Page<ActivitySummary>> {
    const filter = await this.resolveFilter(q, audience, userId);
    const { rows, total } = await this.activities.list(filter, q.sort, {
      offset: (q.page - 1) * q.pageSize,
      limit: q.pageSize,
    });
    const ids = rows.map((r) => r.id);
    const [countries, participants, links, funding] = await Promise.all([
      this.activities.countries(ids),
      this.activities.participants(ids),
      this.activities.links(ids, audience),
      this.activities.fundingLines(ids),
    ]);
    const countriesBy = groupBy(countries, (c) => c.activity_id);
    const participantsBy = groupBy(participants, (p) => p.activity_id);
    const linksBy = groupBy(links, (l) => l.activity_id);
    const fundingBy = groupBy(funding, (f) => f.activity_id);
    const items = rows.map((a): ActivitySummary => {
      const ps = participantsBy.get(a.id) ?? [];
      return {
        id: a.id,
        title: loc(a.title_en, a.title_fr),
        summary: loc(a.summary_en, a.summary_fr),
        type: a.type as ActivityType,
        status: a.status as ActivityStatus,
        workflowState: a.workflow_state as WorkflowState,
        startDate: a.start_date,
        endDate: a.end_date,
        countries: (countriesBy.get(a.id) ?? []).map((c) => c.country),
        regional: a.regional === 1,
        funders: ps.filter((p) => p.role === 'funder').map(orgRef),
        implementers: ps.filter((p) => p.role === 'implementer').map(orgRef),
        nodes: (linksBy.get(a.id) ?? []).map((l): NodeRef => ({
          id: l.node_id,
          code: l.code,
          kind: l.kind,
          title: loc(l.title_en, l.title_fr),
        })),
        funding: fundingTotals(fundingBy.get(a.id) ?? []),
        updatedAt: a.updated_at,
      };
    });
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  async get(id: string, audience: Audience = 'public'): Promise<ActivityDetail> {
    const a: ActivityRow | undefined = await this.activities.findById(id);
    if (!a || !activityRowVisible(a, audience)) {
      throw notFound('activity', id);
    }
    const [detail] = await this.details([a], audience);
    return detail as ActivityDetail;
  }

  /**
   * All activities matching the selection (paging aside) in its sort order, as full records read
   * `batchSize` at a time, so that an export's memory stays bounded. The selection is checked
   * before this resolves: an unknown plan or organisation fails here, not halfway through a file.
   */
  async selectDetails(
    q: ActivitySelection,
    audience: Audience = 'public',
    userId: string | null = null,
    batchSize = 200,
  ): Promise<AsyncIterable<ActivityDetail[]>> {
    const filter = await this.resolveFilter(q, audience, userId);
    // The selection's ids in order, once; then its records a batch at a time. An activity deleted (or, for the
    // public, unpublished) meanwhile is left out.
    const ids = await this.activities.sortedIds(filter, q.sort);
    const read = async function* (this: ActivityService): AsyncGenerator<ActivityDetail[]> {
      for (let i = 0; i < ids.length; i += batchSize) {
        const batch = ids.slice(i, i + batchSize);
        const byId = new Map((await this.activities.findByIds(batch)).map((r) => [r.id, r]));
        const rows = batch.flatMap((id) => {
          const r = byId.get(id);
          return r && activityRowVisible(r, audience) ? [r] : [];
        });
        if (rows.length) yield await this.details(rows, audience);
      }
    };
    return read.call(this);
  }

  /** Full records of these activity rows, in the same order, with six queries whatever their number. */
  async details(rows: readonly ActivityRow[], audience: Audience): Promise<ActivityDetail[]> {
    const ids = rows.map((r) => r.id);
    const [countries, participants, links, funding, sources] = await Promise.all([
      this.activities.countries(ids),
      this.activities.participants(ids),
      this.activities.links(ids, audience),
      this.activities.fundingLines(ids),
      this.activities.sources(ids),
    ]);
    const planNodes = await this.plans.listNodes([...new Set(links.map((l) => l.plan_id))]);
    const nodesById = new Map(planNodes.map((n) => [n.id, n]));
    const orgIds = [
      ...new Set(
        [...funding.flatMap((f) => [f.provider_id, f.recipient_id]), ...rows.map((r) => r.reporting_org_id)].filter(
          (x): x is string => !!x,
        ),
      ),
    ];
    const orgs = new Map((await this.activities.organisationsByIds(orgIds)).map((o) => [o.id, o]));
    const fundingOrg = (orgId: string | null): OrganisationRef | null => {
      const o = orgId ? orgs.get(orgId) : undefined;
      return o ? { id: o.id, name: loc(o.name_en, o.name_fr), acronym: o.acronym } : null;
    };
    const countriesBy = groupBy(countries, (c) => c.activity_id);
    const participantsBy = groupBy(participants, (p) => p.activity_id);
    const linksBy = groupBy(links, (l) => l.activity_id);
    const fundingBy = groupBy(funding, (f) => f.activity_id);
    const sourcesBy = groupBy(sources, (s) => s.activity_id);
    return rows.map((a) =>
      this.detail(
        a,
        {
          countries: countriesBy.get(a.id) ?? [],
          participants: participantsBy.get(a.id) ?? [],
          links: linksBy.get(a.id) ?? [],
          funding: fundingBy.get(a.id) ?? [],
          sources: sourcesBy.get(a.id) ?? [],
        },
        nodesById,
        fundingOrg,
      ),
    );
  }

  private detail(
    a: ActivityRow,
    { countries, participants, links, funding, sources }: DetailParts,
    nodesById: Map<string, NodeRow>,
    fundingOrg: (orgId: string | null) => OrganisationRef | null,
  ): ActivityDetail {
    return {
      id: a.id,
      iatiIdentifier: a.iati_identifier,
      title: loc(a.title_en, a.title_fr),
      summary: loc(a.summary_en, a.summary_fr),
      description: loc(a.description_en, a.description_fr),
      type: a.type as ActivityType,
      status: a.status as ActivityStatus,
      workflowState: a.workflow_state as WorkflowState,
      plannedStart: a.planned_start,
      plannedEnd: a.planned_end,
      actualStart: a.actual_start,
      actualEnd: a.actual_end,
      countries: countries.map((c) => c.country),
      regional: a.regional === 1,
      participants: participants.map((p): Participant => ({
        organisation: { ...orgRef(p), type: p.type as OrganisationType, country: p.country },
        role: p.role as ParticipantRole,
        note: p.note,
      })),
      funding: funding.map((f) => ({
        id: f.id,
        amount: fromMinorUnits(Number(f.amount_minor), f.currency),
        currency: f.currency,
        type: f.type as FundingType,
        date: f.date,
        valueDate: f.value_date,
        provider: fundingOrg(f.provider_id),
        recipient: fundingOrg(f.recipient_id),
        note: f.note,
      })),
      fundingTotals: fundingTotals(funding),
      links: links.map((l): ActivityLink => {
        const node = nodesById.get(l.node_id);
        return {
          node: {
            id: l.node_id,
            code: l.code,
            kind: l.kind,
            title: loc(l.title_en, l.title_fr),
            plan: { id: l.plan_id, slug: l.plan_slug, shortTitle: loc(l.plan_short_title_en, l.plan_short_title_fr) },
          },
          ancestors: node ? ancestorsOf(nodesById, node).map(nodeRef) : [],
          rationale: l.rationale,
          confidence: l.confidence as Confidence | null,
        };
      }),
      sources: sources.map((s) => ({
        id: s.id,
        url: s.url,
        title: s.title,
        publisher: s.publisher,
        publishedOn: s.published_on,
        confidence: s.confidence as Confidence,
        note: s.note,
      })),
      ...presentDetails(activityDetailsOf(a), fundingOrg),
      createdAt: a.created_at,
      updatedAt: a.updated_at,
      version: a.version,
    };
  }
}
