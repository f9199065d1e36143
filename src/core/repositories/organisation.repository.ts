import { sql, type Kysely, type Selectable } from 'kysely';
import { activityVisible, type Audience } from '../audience';
import type { Database, OrganisationFormerNamesTable, OrganisationsTable } from '../db/schema';

export type OrganisationRow = Selectable<OrganisationsTable>;
export type FormerNameRow = Selectable<OrganisationFormerNamesTable>;

/** Organisations and their former names. Only this file queries those tables. */
export class OrganisationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async list(text: string | undefined, page: { offset: number; limit: number }, audience: Audience) {
    let base = this.db.selectFrom('organisations as o').where('o.deleted_at', 'is', null);
    if (text) {
      const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      base = base.where((eb) =>
        eb.or([
          sql<boolean>`lower(${sql.ref('o.name_en')}) like ${pattern} escape '\\'`,
          sql<boolean>`lower(${sql.ref('o.name_fr')}) like ${pattern} escape '\\'`,
          sql<boolean>`lower(${sql.ref('o.acronym')}) like ${pattern} escape '\\'`,
          eb.exists(
            eb
              .selectFrom('organisation_former_names as f')
              .select(sql.lit(1).as('one'))
              .whereRef('f.organisation_id', '=', 'o.id')
              .where((e) =>
                e.or([
                  sql<boolean>`lower(${sql.ref('f.name')}) like ${pattern} escape '\\'`,
                  sql<boolean>`lower(${sql.ref('f.acronym')}) like ${pattern} escape '\\'`,
                ]),
              ),
          ),
        ]),
      );
    }
    const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await base
      .selectAll('o')
      .select((eb) =>
        eb
          .selectFrom('activity_participants as p')
          .innerJoin('activities as a', 'a.id', 'p.activity_id')
          .select(sql<number>`count(distinct p.activity_id)`.as('n'))
          .whereRef('p.organisation_id', '=', 'o.id')
          .where(activityVisible('a', audience))
          .as('activity_count'),
      )
      .orderBy(sql`lower(coalesce(o.name_en, o.name_fr))`)
      .orderBy('o.id')
      .offset(page.offset)
      .limit(page.limit)
      .execute();
    return { rows, total: Number(total.n) };
  }

  findById(id: string): Promise<OrganisationRow | undefined> {
    return this.db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findExisting(ids: readonly string[]): Promise<{ id: string }[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.db.selectFrom('organisations').select('id').where('id', 'in', ids).execute();
  }

  /**
   * An organisation's former names, oldest first; by name where they share an end date, so that
   * the order does not depend on how the rows were written (a restore rewrites them).
   */
  formerNames(id: string): Promise<FormerNameRow[]> {
    return this.db
      .selectFrom('organisation_former_names')
      .selectAll()
      .where('organisation_id', '=', id)
      .orderBy(sql`coalesce(until, '')`)
      .orderBy('name')
      .orderBy('id')
      .execute();
  }

  /** Number of distinct activities per participant role. */
  async roleCounts(id: string, audience: Audience): Promise<{ role: string; count: number }[]> {
    const rows = await this.db
      .selectFrom('activity_participants as p')
      .innerJoin('activities as a', 'a.id', 'p.activity_id')
      .select(['p.role', sql<number>`count(distinct p.activity_id)`.as('count')])
      .where('p.organisation_id', '=', id)
      .where(activityVisible('a', audience))
      .groupBy('p.role')
      .orderBy('p.role')
      .execute();
    return rows.map((r) => ({ role: r.role, count: Number(r.count) }));
  }

  async activityCount(id: string, audience: Audience): Promise<number> {
    const row = await this.db
      .selectFrom('activity_participants as p')
      .innerJoin('activities as a', 'a.id', 'p.activity_id')
      .select(sql<number>`count(distinct p.activity_id)`.as('n'))
      .where('p.organisation_id', '=', id)
      .where(activityVisible('a', audience))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
