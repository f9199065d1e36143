import { sql, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import type { Audience } from '../audience';
import type { Dialect } from '../db/database';
import type { Database, SearchDocumentsTable } from '../db/schema';
import { damerauLevenshtein, trigrams } from '../search/fold';
import { toFtsMatch, toTsQuery, type QueryTerm } from '../search/query';

export type SearchDocumentRow = Selectable<SearchDocumentsTable>;

/** The facets kept in `search_facets`; `kind` is a column of the document. */
export const FACETS = ['plan', 'pillar', 'area', 'country', 'partner', 'status', 'type', 'year'] as const;
export type FacetName = (typeof FACETS)[number];
export type FacetFilters = Partial<Record<FacetName | 'kind', readonly string[]>>;

export interface SearchParams {
  audience: Audience;
  /** The query's terms (each a word and its alternatives); none: browse by facets. */
  terms: readonly QueryTerm[];
  lang: 'en' | 'fr';
  filters: FacetFilters;
  offset: number;
  limit: number;
}

export interface FacetCount {
  value: string;
  count: number;
}

/**
 * bm25 weights of the FTS5 columns (f_title_en, f_title_fr, f_keys, f_summary_en, f_summary_fr,
 * f_description_en, f_description_fr): titles first, then partners and areas, summaries,
 * descriptions; the asked language above the other.
 */
const BM25_WEIGHTS = {
  en: [10, 7, 4, 2, 1.5, 1, 0.8],
  fr: [7, 10, 4, 1.5, 2, 0.8, 1],
} as const;

/** ts_rank_cd weights of D, C, B and A (description, summary, partners and areas, title). */
const TS_WEIGHTS = '{0.1, 0.2, 0.4, 1.0}';

/** A facet value no document has: facet values are ids, codes and years, never words in brackets. */
const NO_VALUE = '(draft plan)';

/** The least trigram similarity of a correction (pg_trgm's default `similarity_threshold`). */
const MIN_SIMILARITY = 0.3;

/** Reads the search index (ADR 0012): matching, ranking, facet counts and the vocabulary. */
export class SearchRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: Dialect,
  ) {}

  /** The matching documents with their score, before any facet choice: `base(id, score)`. */
  private base(p: Pick<SearchParams, 'audience' | 'terms' | 'lang'>, scored = true): RawBuilder<unknown> {
    const visible = p.audience === 'public' ? sql`d.public = 1` : sql`1 = 1`;
    if (!p.terms.length) {
      return sql`select d.id, 0 as score from search_documents d where ${visible}`;
    }
    if (!scored) {
      // Counting needs no rank: the match alone is several times cheaper.
      return this.dialect === 'sqlite'
        ? sql`select d.id, 0 as score from search_documents d
            where d.id in (select rowid from search_fts where search_fts match ${toFtsMatch(p.terms)}) and ${visible}`
        : sql`select d.id, 0 as score from search_documents d
            where (d.tsv_en || d.tsv_fr) @@ to_tsquery('simple', ${toTsQuery(p.terms)}) and ${visible}`;
    }
    if (this.dialect === 'sqlite') {
      const w = BM25_WEIGHTS[p.lang].join(', ');
      return sql`select d.id, -bm25(search_fts, ${sql.raw(w)}) as score
        from search_fts f join search_documents d on d.id = f.rowid
        where search_fts match ${toFtsMatch(p.terms)} and ${visible}`;
    }
    const other = p.lang === 'en' ? 'fr' : 'en';
    return sql`select d.id,
        1.5 * ts_rank_cd(${TS_WEIGHTS}::float4[], ${sql.ref(`d.tsv_${p.lang}`)}, q.q)
          + ts_rank_cd(${TS_WEIGHTS}::float4[], ${sql.ref(`d.tsv_${other}`)}, q.q) as score
      from search_documents d, to_tsquery('simple', ${toTsQuery(p.terms)}) as q(q)
      where (d.tsv_en || d.tsv_fr) @@ q.q and ${visible}`;
  }

  /** The facet choices as conditions on `b` (a base row joined to its document `d`), leaving out `except`. */
  private conditions(filters: FacetFilters, except?: FacetName | 'kind'): RawBuilder<unknown> {
    const parts: RawBuilder<unknown>[] = [sql`1 = 1`];
    for (const [facet, values] of Object.entries(filters) as [FacetName | 'kind', readonly string[] | undefined][]) {
      if (!values?.length || facet === except) continue;
      const list = sql.join(values.map((v) => sql`${v}`));
      if (facet === 'kind') parts.push(sql`d.kind in (${list})`);
      else {
        // Uncorrelated: the database reads the chosen values' documents once, from the facets' primary key.
        parts.push(
          sql`d.id in (select x.doc_id from search_facets x where x.facet = ${facet} and x.value in (${list}))`,
        );
      }
    }
    return sql.join(parts, sql` and `);
  }

  /** One page of hits, best first (or, without words, the most recent first), and their total. */
  async hits(p: SearchParams): Promise<{ total: number; rows: (SearchDocumentRow & { score: number })[] }> {
    const where = this.conditions(p.filters);
    const order = p.terms.length
      ? sql`b.score desc, d.id`
      : sql`case when d.sort_date is null then 1 else 0 end, d.sort_date desc, d.updated_at desc, d.id`;
    const columns = sql.raw(
      'd.id, d.kind, d.entity_id, d.public, d.sort_date, d.updated_at, d.title_en, d.title_fr, d.summary_en, ' +
        'd.summary_fr, d.description_en, d.description_fr, d.partners, d.areas_en, d.areas_fr, d.acronym, ' +
        'd.identifier, d.status, d.type, d.workflow_state, d.start_date, d.end_date, d.code, d.node_kind, ' +
        'd.plan_id, d.f_title_en, d.f_title_fr, d.f_keys, d.f_summary_en, d.f_summary_fr, d.f_description_en, ' +
        'd.f_description_fr',
    );
    const chosen = Object.values(p.filters).some((v) => v?.length);
    // The page's ids first, sorting only what orders them; then the few documents' columns.
    const [count, ids] = await Promise.all([
      chosen
        ? sql<{ n: number }>`with b as (${this.base(p, false)})
            select count(*) as n from b join search_documents d on d.id = b.id where ${where}`.execute(this.db)
        : sql<{ n: number }>`select count(*) as n from (${this.base(p, false)}) b`.execute(this.db),
      sql<{ id: number; score: number }>`with b as (${this.base(p)})
        select b.id, b.score from b join search_documents d on d.id = b.id where ${where}
        order by ${order} limit ${p.limit} offset ${p.offset}`.execute(this.db),
    ]);
    const rows = ids.rows.length
      ? await sql<SearchDocumentRow>`select ${columns} from search_documents d
          where d.id in (${sql.join(ids.rows.map((r) => sql`${r.id}`))})`.execute(this.db)
      : { rows: [] };
    const byId = new Map(rows.rows.map((r) => [Number(r.id), r]));
    return {
      total: Number(count.rows[0]?.n ?? 0),
      rows: ids.rows.flatMap((r) => {
        const row = byId.get(Number(r.id));
        return row ? [{ ...row, score: Number(r.score) }] : [];
      }),
    };
  }

  /**
   * The counts of every facet's values among the hits, each facet under the other facets' choices
   * but not its own (so a chosen value's alternatives keep their counts); every value, most frequent first
   * (the service lists the first few).
   *
   * The match runs once. The facets without a choice of their own share one set (the hits under
   * every choice) and are counted in one pass over `search_facets`; each facet with a choice gets
   * the set under the other choices and a pass over its own values only. On SQLite a large set is
   * counted by reading the facets' primary key in order (grouped already, each document checked in
   * the set) rather than looking up each document's values and sorting them.
   */
  async facets(
    p: Omit<SearchParams, 'offset' | 'limit'>,
    /**
     * How many documents the hits are (asked on SQLite only, to choose how to count). A function, so that a promise
     * nobody awaits cannot fail unhandled.
     */
    matched: () => Promise<number>,
  ): Promise<Record<FacetName | 'kind', FacetCount[]>> {
    const chosen = (Object.keys(p.filters) as (FacetName | 'kind')[]).filter((f) => p.filters[f]?.length);
    const own = FACETS.filter((f) => !chosen.includes(f));
    const scan = this.dialect === 'sqlite' && (await this.isLargeSet(await matched()));
    const docIn = (set: string) =>
      scan ? sql`+x.doc_id in (select id from ${sql.ref(set)})` : sql`x.doc_id in (select id from ${sql.ref(set)})`;
    const sets: RawBuilder<unknown>[] = [sql`m as materialized (${this.base(p, false)})`];
    const set = (name: string, except?: FacetName | 'kind') =>
      sets.push(
        sql`${sql.ref(name)} as materialized (select d.id, d.kind from m join search_documents d on d.id = m.id
          where ${this.conditions(p.filters, except)})`,
      );
    set('s');
    const branches: RawBuilder<unknown>[] = [];
    if (!chosen.includes('kind'))
      branches.push(sql`select 'kind' as facet, s.kind as value, count(*) as n from s group by s.kind`);
    if (own.length) {
      // Every facet, or all but the chosen ones (a list of all of them misleads PostgreSQL's plan).
      const which = chosen.some((f) => f !== 'kind')
        ? sql`x.facet not in (${sql.join(chosen.map((f) => sql`${f}`))})`
        : sql`1 = 1`;
      branches.push(sql`select x.facet as facet, x.value as value, count(*) as n from search_facets x
        where ${which} and ${docIn('s')} group by x.facet, x.value`);
    }
    chosen.forEach((facet, i) => {
      const name = `s${i}`;
      set(name, facet);
      branches.push(
        facet === 'kind'
          ? sql`select 'kind' as facet, ${sql.ref(`${name}.kind`)} as value, count(*) as n from ${sql.ref(name)}
              group by ${sql.ref(`${name}.kind`)}`
          : sql`select x.facet as facet, x.value as value, count(*) as n from search_facets x
              where x.facet = ${facet} and ${docIn(name)} group by x.facet, x.value`,
      );
    });
    const result = await sql<{ facet: FacetName | 'kind'; value: string; n: number | string }>`with ${sql.join(sets)}
      ${sql.join(branches, sql` union all `)}`.execute(this.db);
    const out = Object.fromEntries([...FACETS, 'kind'].map((f) => [f, [] as FacetCount[]])) as Record<
      FacetName | 'kind',
      FacetCount[]
    >;
    // The public's facets name no draft plan nor its nodes (ADR 0018), though a published activity may be linked there.
    const hidden = p.audience === 'public' ? await this.draftPlanIds() : new Set<string>();
    for (const r of result.rows) {
      if (hidden.size && (r.facet === 'plan' || r.facet === 'pillar' || r.facet === 'area') && hidden.has(r.value)) {
        continue;
      }
      out[r.facet].push({ value: r.value, count: Number(r.n) });
    }
    // Most frequent first, then by value (in code-point order on both databases).
    for (const values of Object.values(out)) {
      values.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    }
    return out;
  }

  /**
   * The facet choices as the audience may make them: for the public, a draft plan or one of its nodes (ADR 0018)
   * stands for a value no document has, as an unknown id does, so that choosing it matches nothing.
   */
  async visibleFilters(filters: FacetFilters, audience: Audience): Promise<FacetFilters> {
    const planned = (['plan', 'pillar', 'area'] as const).filter((f) => filters[f]?.length);
    if (audience !== 'public' || !planned.length) return filters;
    const hidden = await this.draftPlanIds();
    if (!hidden.size) return filters;
    const out: FacetFilters = { ...filters };
    for (const f of planned) out[f] = (filters[f] ?? []).map((v) => (hidden.has(v) ? NO_VALUE : v));
    return out;
  }

  /** The ids of the plans in draft and of their nodes (few: plans being prepared). */
  private async draftPlanIds(): Promise<Set<string>> {
    const rows = await this.db
      .selectFrom('plans as p')
      .leftJoin('framework_nodes as n', 'n.plan_id', 'p.id')
      .select(['p.id as plan_id', 'n.id as node_id'])
      .where('p.status', '=', 'draft')
      .execute();
    return new Set(rows.flatMap((r) => (r.node_id ? [r.plan_id, r.node_id] : [r.plan_id])));
  }

  /** True when `matched` documents are more than an eighth of the index (ids are dense: the largest one is its size). */
  private async isLargeSet(matched: number): Promise<boolean> {
    const r = await sql<{ top: number | null }>`select max(id) as top from search_documents`.execute(this.db);
    return matched * 8 > Number(r.rows[0]?.top ?? 0);
  }

  /** True when some document the audience may see has a word starting with `word`. */
  async hasWord(word: string, audience: Audience): Promise<boolean> {
    const visible = audience === 'public' ? sql`d.public = 1` : sql`1 = 1`;
    const terms = [[word]];
    // Joined rather than `in (…)`, so that SQLite stops at the first visible document instead of
    // collecting every match of a common word first.
    const r = await (
      this.dialect === 'sqlite'
        ? sql<{ one: number }>`select 1 as one from search_fts f join search_documents d on d.id = f.rowid
            where search_fts match ${toFtsMatch(terms)} and ${visible} limit 1`
        : sql<{ one: number }>`select 1 as one from search_documents d
            where (d.tsv_en || d.tsv_fr) @@ to_tsquery('simple', ${toTsQuery(terms)}) and ${visible} limit 1`
    ).execute(this.db);
    return r.rows.length > 0;
  }

  /**
   * Indexed words close to `word`, closest first: those sharing trigrams with it (pg_trgm's
   * similarity on PostgreSQL, shared trigrams counted on SQLite), then ordered by Damerau–Levenshtein
   * distance, shared trigrams and the word, alike on both databases.
   */
  async closeWords(word: string, maxDistance: number): Promise<string[]> {
    const grams = trigrams(word);
    let candidates: string[];
    if (this.dialect === 'postgres') {
      const r = await sql<{ word: string }>`select word from search_words where word % ${word}
        order by similarity(word, ${word}) desc, word limit 40`.execute(this.db);
      candidates = r.rows.map((x) => x.word);
    } else {
      const r = await this.db
        .selectFrom('search_word_trigrams')
        .select(['word', (eb) => eb.fn.countAll<number>().as('shared')])
        .where('trigram', 'in', grams)
        .groupBy('word')
        .orderBy('shared', 'desc')
        .orderBy('word')
        .limit(40)
        .execute();
      candidates = r.map((x) => x.word);
    }
    const shared = (w: string) => {
      const g = new Set(trigrams(w));
      return grams.filter((x) => g.has(x)).length;
    };
    // pg_trgm's similarity (shared trigrams over all trigrams of both) and its default threshold, on both databases.
    const similarity = (w: string) => {
      const s = shared(w);
      return s / (grams.length + trigrams(w).length - s);
    };
    return candidates
      .map((w) => ({ w, d: damerauLevenshtein(word, w), s: shared(w) }))
      .filter((c) => c.d <= maxDistance && c.w !== word && similarity(c.w) >= MIN_SIMILARITY)
      .sort((a, b) => a.d - b.d || b.s - a.s || (a.w < b.w ? -1 : a.w > b.w ? 1 : 0))
      .map((c) => c.w);
  }
}

/** Names for the ids of facet values and hits: plans, framework nodes and organisations. */
export class SearchLabelRepository {
  constructor(private readonly db: Kysely<Database>) {}

  plans(ids: readonly string[]) {
    if (!ids.length) return Promise.resolve([]);
    return this.db
      .selectFrom('plans')
      .select(['id', 'slug', 'short_title_en', 'short_title_fr', 'title_en', 'title_fr'])
      .where('id', 'in', [...ids])
      .execute();
  }

  nodes(ids: readonly string[]) {
    if (!ids.length) return Promise.resolve([]);
    return this.db
      .selectFrom('framework_nodes')
      .select(['id', 'code', 'title_en', 'title_fr'])
      .where('id', 'in', [...ids])
      .execute();
  }

  organisations(ids: readonly string[]) {
    if (!ids.length) return Promise.resolve([]);
    return this.db
      .selectFrom('organisations')
      .select(['id', 'name_en', 'name_fr', 'acronym'])
      .where('id', 'in', [...ids])
      .execute();
  }
}
