import type { OrganisationRef } from '../../shared/api-types';
import type { ReportQuery } from '../../shared/schemas/report-query.schema';
import type { ActivityStatus, FundingType, ParticipantRole } from '../../shared/vocab';
import type { Audience } from '../audience';
import type { RateConverter } from '../coverage/coverage';
import { renderReport, type RenderedReport } from '../reports/render';
import { buildReportModel, type ReportActivityDetail, type ReportModel } from '../reports/report-model';
import type { ActivityRepository } from '../repositories/activity.repository';
import { loc } from '../repositories/localized';
import { groupBy } from '../group-by';
import type { CoverageService } from './coverage.service';

/**
 * The progress report of a plan for a period: the coverage of the plan (same query, same audience
 * rule) plus the details of its activities, loaded in four queries, rendered in one format.
 */
export class ReportService {
  constructor(
    private readonly coverage: CoverageService,
    private readonly activities: ActivityRepository,
    private readonly rateTable: () => Promise<RateConverter>,
    /** The clock; tests pin it. */
    private readonly now: () => Date = () => new Date(),
  ) {}

  async model(idOrSlug: string, q: ReportQuery, audience: Audience): Promise<ReportModel> {
    const coverage = await this.coverage.forPlan(idOrSlug, q, audience);
    const ids = [...new Set(coverage.nodes.filter((n) => n.depth === 0).flatMap((n) => n.activityIds))];
    const [rows, participants, funding, countries, rates, filterOrgs] = await Promise.all([
      this.activities.reportRows(ids),
      this.activities.participants(ids),
      this.activities.fundingLines(ids),
      this.activities.countries(ids),
      this.rateTable(),
      this.activities.organisationsByIds(q.organisation ?? []),
    ]);
    const countriesBy = groupBy(countries, (c) => c.activity_id);
    const participantsBy = groupBy(participants, (p) => p.activity_id);
    const fundingBy = groupBy(funding, (l) => l.activity_id);
    const details = rows.map((r): ReportActivityDetail => ({
      id: r.id,
      title: loc(r.title_en, r.title_fr),
      status: r.status as ActivityStatus,
      start: r.start_date,
      end: r.end_date,
      regional: Number(r.regional) === 1,
      countries: (countriesBy.get(r.id) ?? []).map((c) => c.country),
      participants: (participantsBy.get(r.id) ?? []).map((p) => ({
        organisation: { id: p.organisation_id, name: loc(p.name_en, p.name_fr), acronym: p.acronym },
        role: p.role as ParticipantRole,
      })),
      funding: (fundingBy.get(r.id) ?? []).map((l) => ({
        type: l.type as FundingType,
        currency: l.currency,
        amountMinor: Number(l.amount_minor),
        date: l.date,
      })),
    }));
    const organisations = filterOrgs.map((o): OrganisationRef => ({
      id: o.id,
      name: loc(o.name_en, o.name_fr),
      acronym: o.acronym,
    }));
    return buildReportModel({
      lang: q.lang,
      producedAt: this.now(),
      query: q,
      coverage,
      details,
      rates,
      organisations,
    });
  }

  /** The report as a file in the query's format and language. */
  async render(idOrSlug: string, q: ReportQuery, audience: Audience): Promise<RenderedReport> {
    return renderReport(await this.model(idOrSlug, q, audience), q.format);
  }
}
