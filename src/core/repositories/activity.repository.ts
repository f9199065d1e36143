import {
  PostgresAdapter,
  sql,
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type RawBuilder,
  type Selectable,
  type SelectQueryBuilder,
  type SqlBool,
} from 'kysely';
import type { Insertable } from 'kysely';
import type {
  ActivitiesTable,
  ActivityLinksTable,
  ActivitySourcesTable,
  Database,
  FundingLinesTable,
  OrganisationsTable,
} from '../db/schema';
import type { ActivityStatus, ActivityType, WorkflowState } from '../../shared/vocab';
import { REGION_CODE } from '../../shared/vocab';
import { activityVisible, planVisible, type Audience } from '../audience';

export type ActivityRow = Selectable<ActivitiesTable>;
export type FundingLineRow = Selectable<FundingLinesTable>;
export type LinkRow = Selectable<ActivityLinksTable>;
export type SourceRow = Selectable<ActivitySourcesTable>;
export type OrganisationRow = Selectable<OrganisationsTable>;

/** Filters already resolved to ids by the service. Every set is OR within, AND across. */
export interface ActivityFilter {
  audience: Audience;
  /** Only these activities. */
  ids?: string[];
  /** Activities linked to any of these nodes (the service expands descendants and plans). */
  nodeIdSets?: string[][];
  organisationIds?: string[];
  countries?: string[];
  statuses?: ActivityStatus[];
  types?: ActivityType[];
  /** Staff only: the service refuses non-published states to the public. */
  workflowStates?: WorkflowState[];
  /** Staff only: the id of the user who created the activity (its `create` entry in the history). */
  createdBy?: string;
  yearFrom?: number;
  yearTo?: number;
  text?: string;
}

export type ActivitySortKey = 'start' | '-start' | 'title' | '-title' | 'updated' | '-updated';

type Eb = ExpressionBuilder<Database & { a: ActivitiesTable }, 'a'>;
/** A subquery of activity ids (from links, participants or countries), any of which may intersect the others. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the sets read different tables
type IdSet = SelectQueryBuilder<any, any, { activity_id: string }>;

/** The tables of what hangs off an activity, each with its `activity_id`. */
type ActivityChildTable = 'activity_links' | 'activity_countries' | 'activity_participants' | 'funding_lines';

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The ORDER BY terms of a sort, before the id that breaks ties; undated activities last in either direction. */
function sortTerms(sort: ActivitySortKey): [RawBuilder<unknown>, 'asc' | 'desc'][] {
  const dir = sort.startsWith('-') ? 'desc' : 'asc';
  switch (sort) {
    case 'start':
    case '-start':
      return [
        [sql`case when a.start_date is null then 1 else 0 end`, 'asc'],
        [sql.ref('a.start_date'), dir],
      ];
    case 'title':
    case '-title':
      return [[sql`lower(coalesce(a.title_en, a.title_fr))`, dir]];
    case 'updated':
    case '-updated':
      return [[sql.ref('a.updated_at'), dir]];
    default:
      return [];
  }
}

/** Activities and everything that hangs off them. Only this file queries those tables. */
export class ActivityRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private postgres(): boolean {
    return this.db.getExecutor().adapter instanceof PostgresAdapter;
  }

  /**
   * `activityVisible`, except that on SQLite the public's condition on the workflow state does not
   * choose the workflow index: without statistics SQLite takes that equality for a selective one,
   * reads nearly every activity through it and leaves the filters' indexes unused.
   */
  private visible(audience: Audience): Expression<SqlBool> {
    if (audience === 'staff' || this.postgres()) {
      return activityVisible('a', audience);
    }
    return sql<SqlBool>`(a.deleted_at is null and +a.workflow_state = 'published')`;
  }

  private where(eb: Eb, f: ActivityFilter) {
    const and: Expression<SqlBool>[] = [this.visible(f.audience)];
    // Links, participants and countries as uncorrelated sets of activity ids, intersected before any
    // activity is read: the database reads the chosen nodes', organisations' or countries' activities
    // once from their indexes, instead of probing every activity's links for each of a plan's
    // hundreds of nodes, and only the activities in every set are then looked up.
    const sets: IdSet[] = (f.nodeIdSets ?? []).map((ids) =>
      eb
        .selectFrom('activity_links as l')
        .select('l.activity_id')
        .where('l.node_id', 'in', ids.length ? ids : ['']),
    );
    if (f.organisationIds?.length) {
      sets.push(
        eb
          .selectFrom('activity_participants as p')
          .select('p.activity_id')
          .where('p.organisation_id', 'in', f.organisationIds),
      );
    }
    if (f.countries?.length) {
      const codes = f.countries.filter((c) => c !== REGION_CODE);
      const inCountries = eb
        .selectFrom('activity_countries as c')
        .select('c.activity_id')
        .where('c.country', 'in', codes.length ? codes : ['']);
      // Regional activities have no country rows: "regional" is a condition on the activity itself.
      if (f.countries.includes(REGION_CODE)) {
        and.push(eb.or([eb('a.regional', '=', 1), ...(codes.length ? [eb('a.id', 'in', inCountries)] : [])]));
      } else sets.push(inCountries);
    }
    const [first, ...others] = sets;
    if (first && this.postgres()) {
      // PostgreSQL turns each set into a hashed semi-join, but scans an intersection once per activity.
      for (const set of sets) and.push(eb('a.id', 'in', set));
    } else if (first) {
      and.push(
        eb(
          'a.id',
          'in',
          others.reduce((all, set) => all.intersect(set), first),
        ),
      );
    }
    if (f.ids) and.push(eb('a.id', 'in', f.ids.length ? f.ids : ['']));
    if (f.statuses?.length) {
      // Within the sets' activities, SQLite would otherwise read every activity of the status instead.
      and.push(
        first && !this.postgres()
          ? sql<SqlBool>`+a.status in (${sql.join(f.statuses)})`
          : eb('a.status', 'in', f.statuses),
      );
    }
    if (f.types?.length) and.push(eb('a.type', 'in', f.types));
    if (f.workflowStates?.length) and.push(eb('a.workflow_state', 'in', f.workflowStates));
    if (f.createdBy !== undefined) {
      and.push(
        eb.exists(
          eb
            .selectFrom('record_history as h')
            .select(sql.lit(1).as('one'))
            .where('h.entity_type', '=', 'activity')
            .whereRef('h.entity_id', '=', 'a.id')
            .where('h.action', '=', 'create')
            .where('h.user_id', '=', f.createdBy),
        ),
      );
    }
    // Year range: the activity's span overlaps it. An open end counts as "still running" for
    // planned and ongoing activities; an activity with no dates at all never matches.
    if (f.yearTo !== undefined) {
      and.push(eb(eb.fn.coalesce('a.start_date', 'a.end_date'), '<=', `${f.yearTo}-12-31`));
    }
    if (f.yearFrom !== undefined) {
      const openEnd = eb
        .case()
        .when('a.status', 'in', ['planned', 'ongoing'])
        .then(sql.lit('9999'))
        .else(eb.ref('a.start_date'))
        .end();
      and.push(eb(eb.fn.coalesce('a.end_date', openEnd), '>=', String(f.yearFrom)));
    }
    if (f.text) {
      const pattern = `%${escapeLike(f.text.toLowerCase())}%`;
      const like = (col: 'a.title_en' | 'a.title_fr' | 'a.summary_en' | 'a.summary_fr' | 'a.iati_identifier') =>
        sql<boolean>`lower(${sql.ref(col)}) like ${pattern} escape '\\'`;
      and.push(
        eb.or([
          like('a.title_en'),
          like('a.title_fr'),
          like('a.summary_en'),
          like('a.summary_fr'),
          like('a.iati_identifier'),
          // The few organisations whose names match, read once, rather than each activity's participants.
          eb(
            'a.id',
            'in',
            eb
              .selectFrom('activity_participants as p')
              .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
              .select('p.activity_id')
              .where((e) =>
                e.or([
                  sql<boolean>`lower(${sql.ref('o.name_en')}) like ${pattern} escape '\\'`,
                  sql<boolean>`lower(${sql.ref('o.name_fr')}) like ${pattern} escape '\\'`,
                  sql<boolean>`lower(${sql.ref('o.acronym')}) like ${pattern} escape '\\'`,
                ]),
              ),
          ),
        ]),
      );
    }
    return eb.and(and);
  }

  async list(
    filter: ActivityFilter,
    sort: ActivitySortKey,
    page: { offset: number; limit: number },
  ): Promise<{ rows: ActivityRow[]; total: number }> {
    const totalRow = await this.db
      .selectFrom('activities as a')
      .where((eb) => this.where(eb, filter))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return { rows: await this.page(filter, sort, page), total: Number(totalRow.n) };
  }

  /** One page of the activities matching `filter`, in `sort` order (ties by id), without a count. */
  page(filter: ActivityFilter, sort: ActivitySortKey, page: { offset: number; limit: number }): Promise<ActivityRow[]> {
    let q = this.db
      .selectFrom('activities as a')
      .where((eb) => this.where(eb, filter))
      .selectAll('a');
    for (const [term, dir] of sortTerms(sort)) q = q.orderBy(term, dir);
    return q.orderBy('a.id').offset(page.offset).limit(page.limit).execute();
  }

  /**
   * The ids of every activity the filter selects, in the sort's order. Reading a whole selection page after page by
   * OFFSET sorts it again for every page (quadratic over an export of every activity); this sorts the ids once.
   */
  async sortedIds(filter: ActivityFilter, sort: ActivitySortKey): Promise<string[]> {
    let q = this.db
      .selectFrom('activities as a')
      .where((eb) => this.where(eb, filter))
      .select('a.id');
    for (const [term, dir] of sortTerms(sort)) q = q.orderBy(term, dir);
    return (await q.orderBy('a.id').execute()).map((r) => r.id);
  }

  /**
   * `column` is one of `ids`, given as one parameter (a JSON array read by `json_each` on SQLite, a
   * text array on PostgreSQL) however many they are: no statement with thousands of placeholders.
   */
  private oneOf(column: string, ids: readonly string[]): RawBuilder<SqlBool> {
    if (this.db.getExecutor().adapter instanceof PostgresAdapter) {
      return sql<SqlBool>`${sql.ref(column)} = any(${[...ids]}::text[])`;
    }
    return sql<SqlBool>`${sql.ref(column)} in (select value from json_each(${JSON.stringify(ids)}))`;
  }

  /**
   * `columns` of the rows of `table` that belong to these activities, in no particular order. On
   * SQLite, read as one JSON array of arrays made by the database: thousands of rows (a plan's
   * funding lines) cost several times more as better-sqlite3's row objects than as one JSON text
   * parsed at once (10,000 funding lines: 47 ms as rows, 17 ms as JSON). node-postgres makes rows
   * about as fast as it would parse the JSON (measured 10% slower with `json_agg`), so PostgreSQL
   * answers rows. JSON keeps text and numbers as they are; an integer beyond 2^53 loses precision,
   * as `Number()` of the row's value would.
   */
  private async childRows<T extends ActivityChildTable, C extends keyof Selectable<Database[T]> & string>(
    table: T,
    columns: readonly C[],
    activityIds: readonly string[],
  ): Promise<Pick<Selectable<Database[T]>, C>[]> {
    type Row = Pick<Selectable<Database[T]>, C>;
    const list = sql.join(columns.map((c) => sql.ref(c)));
    const where = this.oneOf('activity_id', activityIds);
    if (this.postgres()) {
      return (await sql<Row>`select ${list} from ${sql.table(table)} where ${where}`.execute(this.db)).rows;
    }
    const query = sql<{ rows: string }>`select json_group_array(json_array(${list})) as rows
      from ${sql.table(table)} where ${where}`;
    const json = (await query.execute(this.db)).rows[0]?.rows ?? '[]';
    return (JSON.parse(json) as unknown[][]).map((values) => {
      const row: Record<string, unknown> = {};
      for (let i = 0; i < columns.length; i += 1) row[columns[i]!] = values[i];
      return row as Row;
    });
  }

  /**
   * What the coverage engine needs of every activity matching `filter`, and their links into
   * `nodeIds`, selecting only the columns the engine reads, in no particular order: the filter is
   * evaluated once, by the first query; the five others read the rows of the activities it found
   * through their activity index, the ids given as one parameter (`oneOf`), the four with many
   * rows per activity as one JSON value each on SQLite (`childRows`).
   */
  async coverageFacts(filter: ActivityFilter, nodeIds: readonly string[]) {
    const activities = await this.db
      .selectFrom('activities as a')
      .select(['a.id', 'a.status', 'a.planned_start', 'a.planned_end', 'a.actual_start', 'a.actual_end', 'a.regional'])
      .where((eb) => this.where(eb, filter))
      .execute();
    const ids = activities.map((a) => a.id);
    const nodes = new Set(nodeIds);
    const [links, countries, participants, funding, organisations] = await Promise.all([
      // Every link of these activities, kept when it is to one of the nodes: read by activity, a
      // few rows each, rather than by the pairs of hundreds of nodes and thousands of activities.
      this.childRows('activity_links', ['activity_id', 'node_id'], ids).then((rows) =>
        rows.filter((l) => nodes.has(l.node_id)),
      ),
      this.childRows('activity_countries', ['activity_id', 'country'], ids),
      this.childRows('activity_participants', ['activity_id', 'organisation_id', 'role'], ids),
      this.childRows('funding_lines', ['activity_id', 'amount_minor', 'currency', 'type', 'date'], ids),
      this.db
        .selectFrom('organisations')
        .select(['id', 'name_en', 'name_fr', 'acronym'])
        .where(
          'id',
          'in',
          this.db.selectFrom('activity_participants').select('organisation_id').where(this.oneOf('activity_id', ids)),
        )
        .execute(),
    ]);
    return { activities, links, countries, participants, funding, organisations };
  }

  /** The columns a progress report prints of each activity, in one query. */
  reportRows(activityIds: readonly string[]) {
    if (!activityIds.length) return Promise.resolve([]);
    return this.db
      .selectFrom('activities')
      .select(['id', 'title_en', 'title_fr', 'status', 'start_date', 'end_date', 'regional'])
      .where('id', 'in', activityIds)
      .execute();
  }

  /** The rows of these activities, in no particular order. */
  findByIds(ids: readonly string[]): Promise<ActivityRow[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.db.selectFrom('activities').selectAll().where('id', 'in', ids).execute();
  }

  findById(id: string): Promise<ActivityRow | undefined> {
    return this.db.selectFrom('activities').selectAll().where('id', '=', id).executeTakeFirst();
  }

  countries(activityIds: readonly string[]): Promise<{ activity_id: string; country: string }[]> {
    if (!activityIds.length) return Promise.resolve([]);
    return this.db
      .selectFrom('activity_countries')
      .select(['activity_id', 'country'])
      .where('activity_id', 'in', activityIds)
      .orderBy('country')
      .execute();
  }

  participants(activityIds: readonly string[]) {
    if (!activityIds.length) return Promise.resolve([]);
    return this.db
      .selectFrom('activity_participants as p')
      .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
      .select([
        'p.activity_id',
        'p.role',
        'p.note',
        'p.position',
        'o.id as organisation_id',
        'o.name_en',
        'o.name_fr',
        'o.acronym',
        'o.type',
        'o.country',
      ])
      .where('p.activity_id', 'in', activityIds)
      .orderBy('p.position')
      .execute();
  }

  /** The links of these activities, into the plans the audience may see (a draft plan's are staff's). */
  links(activityIds: readonly string[], audience: Audience) {
    if (!activityIds.length) return Promise.resolve([]);
    return this.db
      .selectFrom('activity_links as l')
      .innerJoin('framework_nodes as n', 'n.id', 'l.node_id')
      .innerJoin('plans as p', 'p.id', 'n.plan_id')
      .select([
        'l.activity_id',
        'l.rationale',
        'l.confidence',
        'n.id as node_id',
        'n.code',
        'n.kind',
        'n.title_en',
        'n.title_fr',
        'n.plan_id',
        'p.slug as plan_slug',
        'p.period_start',
        'p.short_title_en as plan_short_title_en',
        'p.short_title_fr as plan_short_title_fr',
      ])
      .where('l.activity_id', 'in', activityIds)
      .where(planVisible('p', audience))
      .orderBy('p.period_start')
      .orderBy('n.depth')
      .orderBy('n.code')
      .execute();
  }

  fundingLines(activityIds: readonly string[]): Promise<FundingLineRow[]> {
    if (!activityIds.length) return Promise.resolve([]);
    return this.db
      .selectFrom('funding_lines')
      .selectAll()
      .where('activity_id', 'in', activityIds)
      .orderBy('position')
      .execute();
  }

  sources(activityIds: string | readonly string[]): Promise<SourceRow[]> {
    const ids = typeof activityIds === 'string' ? [activityIds] : activityIds;
    if (!ids.length) return Promise.resolve([]);
    return this.db
      .selectFrom('activity_sources')
      .selectAll()
      .where('activity_id', 'in', ids)
      .orderBy('position')
      .execute();
  }

  organisationsByIds(ids: readonly string[]): Promise<OrganisationRow[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.db.selectFrom('organisations').selectAll().where('id', 'in', ids).execute();
  }

  // ---- writes (run inside a transaction: construct the repository on the transaction) ----

  async insert(row: Insertable<ActivitiesTable>): Promise<void> {
    await this.db.insertInto('activities').values(row).execute();
  }

  /** Updates only when the stored version is `expectedVersion`; returns whether it did. */
  async updateIfVersion(
    id: string,
    expectedVersion: number,
    values: Partial<Omit<ActivityRow, 'id' | 'version' | 'created_at'>>,
  ): Promise<boolean> {
    const res = await this.db
      .updateTable('activities')
      .set(values)
      .set((eb) => ({ version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async deleteChildren(id: string): Promise<void> {
    for (const table of [
      'activity_countries',
      'activity_participants',
      'funding_lines',
      'activity_links',
      'activity_sources',
    ] as const) {
      await this.db.deleteFrom(table).where('activity_id', '=', id).execute();
    }
  }

  async insertChildren(rows: {
    countries: Insertable<Database['activity_countries']>[];
    participants: Insertable<Database['activity_participants']>[];
    funding: Insertable<Database['funding_lines']>[];
    links: Insertable<Database['activity_links']>[];
    sources: Insertable<Database['activity_sources']>[];
  }): Promise<void> {
    if (rows.countries.length) await this.db.insertInto('activity_countries').values(rows.countries).execute();
    if (rows.participants.length) await this.db.insertInto('activity_participants').values(rows.participants).execute();
    if (rows.funding.length) await this.db.insertInto('funding_lines').values(rows.funding).execute();
    if (rows.links.length) await this.db.insertInto('activity_links').values(rows.links).execute();
    if (rows.sources.length) await this.db.insertInto('activity_sources').values(rows.sources).execute();
  }

  linkRows(activityId: string) {
    return this.db
      .selectFrom('activity_links')
      .select(['node_id', 'rationale', 'confidence'])
      .where('activity_id', '=', activityId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }

  participantRows(activityId: string) {
    return this.db
      .selectFrom('activity_participants')
      .select(['organisation_id', 'role', 'note'])
      .where('activity_id', '=', activityId)
      .orderBy('position')
      .execute();
  }

  /** Activities in the trash. */
  listDeleted() {
    return this.db
      .selectFrom('activities')
      .select(['id', 'title_en', 'title_fr', 'deleted_at', 'deleted_by', 'version'])
      .where('deleted_at', 'is not', null)
      .orderBy('deleted_at', 'desc')
      .execute();
  }

  /** Activities waiting for review (submitted), oldest first. */
  listSubmitted() {
    return this.db
      .selectFrom('activities')
      .selectAll()
      .where('workflow_state', '=', 'submitted')
      .where('deleted_at', 'is', null)
      .orderBy('updated_at')
      .execute();
  }

  /** Sides whose sign-off the plans this activity serves require. */
  async requiredSides(activityId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('activity_links as l')
      .innerJoin('framework_nodes as n', 'n.id', 'l.node_id')
      .innerJoin('plans as p', 'p.id', 'n.plan_id')
      .select('p.signoff_sides')
      .where('l.activity_id', '=', activityId)
      .execute();
    const sides = new Set<string>();
    for (const r of rows) for (const s of (r.signoff_sides ?? '').split(',')) if (s.trim()) sides.add(s.trim());
    return [...sides].sort();
  }

  /** The partnerships whose plans an activity is linked to. */
  async partnershipsOf(activityId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('activity_links as l')
      .innerJoin('framework_nodes as n', 'n.id', 'l.node_id')
      .innerJoin('plans as p', 'p.id', 'n.plan_id')
      .select('p.partnership_id')
      .distinct()
      .where('l.activity_id', '=', activityId)
      .execute();
    return rows.map((r) => r.partnership_id).sort();
  }

  async insertApproval(row: Insertable<Database['activity_approvals']>): Promise<void> {
    await this.db.insertInto('activity_approvals').values(row).execute();
  }

  approvals(activityId: string, version: number) {
    return this.db
      .selectFrom('activity_approvals as ap')
      .innerJoin('users as u', 'u.id', 'ap.user_id')
      .select(['ap.user_id', 'ap.side', 'ap.decision', 'ap.comment', 'ap.at', 'u.display_name'])
      .where('ap.activity_id', '=', activityId)
      .where('ap.activity_version', '=', version)
      .orderBy('ap.at')
      .execute();
  }
}
