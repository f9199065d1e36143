import type { OrganisationDetail, OrganisationSummary, Page } from '../../shared/api-types';
import type { OrganisationListQuery } from '../../shared/schemas/activity-query.schema';
import type { OrganisationType, ParticipantRole } from '../../shared/vocab';
import type { Audience } from '../audience';
import { notFound } from '../errors';
import { loc } from '../repositories/localized';
import type { OrganisationRepository } from '../repositories/organisation.repository';

/** Lists and reads organisations. */
export class OrganisationService {
  constructor(private readonly organisations: OrganisationRepository) {}

  async list(q: OrganisationListQuery, audience: Audience = 'public'): Promise<Page<OrganisationSummary>> {
    const { rows, total } = await this.organisations.list(
      q.q || undefined,
      {
        offset: (q.page - 1) * q.pageSize,
        limit: q.pageSize,
      },
      audience,
    );
    return {
      items: rows.map((o) => ({
        id: o.id,
        name: loc(o.name_en, o.name_fr),
        acronym: o.acronym,
        type: o.type as OrganisationType,
        country: o.country,
        activityCount: Number(o.activity_count ?? 0),
      })),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  async get(id: string, audience: Audience = 'public'): Promise<OrganisationDetail> {
    const o = await this.organisations.findById(id);
    if (!o || o.deleted_at !== null) throw notFound('organisation', id);
    const [formerNames, roles, activityCount] = await Promise.all([
      this.organisations.formerNames(id),
      this.organisations.roleCounts(id, audience),
      this.organisations.activityCount(id, audience),
    ]);
    return {
      id: o.id,
      name: loc(o.name_en, o.name_fr),
      acronym: o.acronym,
      type: o.type as OrganisationType,
      country: o.country,
      iatiIdentifier: o.iati_identifier,
      website: o.website,
      description: loc(o.description_en, o.description_fr),
      formerNames: formerNames.map((f) => ({ name: f.name, acronym: f.acronym, until: f.until, note: f.note })),
      activityCount,
      roles: roles.map((r) => ({ role: r.role as ParticipantRole, count: r.count })),
      createdAt: o.created_at,
      updatedAt: o.updated_at,
      version: o.version,
    };
  }
}
