import type { Insertable, Kysely } from 'kysely';
import { chunks } from '../chunks';
import { groupBy } from '../group-by';
import type { Dialect } from '../db/database';
import type { Database, SearchDocumentsTable } from '../db/schema';
import { REGION_CODE } from '../../shared/vocab';
import { fold, trigrams } from '../search/fold';

/** What a write changed, for the search index to follow. */
export interface SearchChanges {
  activities?: readonly string[];
  organisations?: readonly string[];
  nodes?: readonly string[];
}

type Doc = Insertable<SearchDocumentsTable>;
type FacetName = 'plan' | 'pillar' | 'area' | 'country' | 'partner' | 'status' | 'type' | 'year';

interface Built {
  doc: Doc;
  facets: [FacetName, string][];
}

interface NodeInfo {
  id: string;
  plan_id: string;
  parent_id: string | null;
  code: string;
  title_en: string | null;
  title_fr: string | null;
  /** The node's plan is in draft: the public may not read its name (ADR 0018). */
  draft: boolean;
}

/** Rows written per statement (well under both databases' limits on bound parameters). */
const BATCH = 200;
/** Years counted for an activity without an end, and the most years one activity counts in. */
const MAX_YEARS = 60;

const lines = (items: (string | null)[]) => {
  const kept = [...new Set(items.filter((s): s is string => !!s))];
  return kept.length ? kept.join('\n') : null;
};

/** The years an activity runs in: from its start to its end (or this year while planned or ongoing). */
export function activityYears(
  a: {
    start_date: string | null;
    end_date: string | null;
    status: string;
  },
  thisYear = new Date().getUTCFullYear(),
): number[] {
  const start = a.start_date ? Number(a.start_date.slice(0, 4)) : null;
  const end = a.end_date ? Number(a.end_date.slice(0, 4)) : null;
  const from = start ?? end;
  if (from === null || !Number.isFinite(from)) return [];
  let to = end ?? (a.status === 'planned' || a.status === 'ongoing' ? Math.max(thisYear, from) : from);
  if (!Number.isFinite(to) || to < from) to = from;
  to = Math.min(to, from + MAX_YEARS - 1);
  const years: number[] = [];
  for (let y = from; y <= to; y += 1) years.push(y);
  return years;
}

/** Words worth offering as corrections: three letters or more, not a number. */
function vocabulary(docs: Doc[]): string[] {
  const seen = new Set<string>();
  for (const d of docs) {
    for (const text of [
      d.f_title_en,
      d.f_title_fr,
      d.f_keys,
      d.f_summary_en,
      d.f_summary_fr,
      d.f_description_en,
      d.f_description_fr,
    ]) {
      for (const w of (text ?? '').split(' ')) if (w.length >= 3 && w.length <= 30 && !/^\d+$/.test(w)) seen.add(w);
    }
  }
  return [...seen];
}

/**
 * Keeps the search index (ADR 0012) in step with the records: every write that changes what is
 * searchable calls `apply` inside its own transaction, so the index never disagrees with the data.
 * Only this file writes the search tables.
 */
export class SearchIndexRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: Dialect,
  ) {}

  /**
   * Re-indexes the records named in `changes`. An organisation's activities (they show its name)
   * and a node's linked activities and descendants (they show its name) follow it.
   */
  async apply(changes: SearchChanges): Promise<void> {
    const activities = new Set(changes.activities ?? []);
    const organisations = [...new Set(changes.organisations ?? [])];
    // A node's descendants follow it: a move changes their pillar.
    const nodes = await this.withDescendants(changes.nodes ?? []);
    for (const ids of chunks(organisations, 500)) {
      const rows = await this.db
        .selectFrom('activity_participants')
        .select('activity_id')
        .distinct()
        .where('organisation_id', 'in', ids)
        .execute();
      for (const r of rows) activities.add(r.activity_id);
    }
    for (const ids of chunks(nodes, 500)) {
      const rows = await this.db
        .selectFrom('activity_links')
        .select('activity_id')
        .distinct()
        .where('node_id', 'in', ids)
        .execute();
      for (const r of rows) activities.add(r.activity_id);
    }
    if (organisations.length) await this.indexOrganisations(organisations);
    if (nodes.length) await this.indexNodes(nodes);
    if (activities.size) await this.indexActivities([...activities]);
  }

  /** Empties the index and builds it again from every record (after a restore, an import, or on demand). */
  async rebuild(): Promise<{ documents: number; words: number }> {
    await this.db.deleteFrom('search_facets').execute();
    await this.db.deleteFrom('search_documents').execute();
    if (this.dialect === 'sqlite') await this.db.deleteFrom('search_word_trigrams').execute();
    await this.db.deleteFrom('search_words').execute();
    const orgs = await this.db.selectFrom('organisations').select('id').where('deleted_at', 'is', null).execute();
    await this.indexOrganisations(orgs.map((r) => r.id));
    const nodes = await this.db.selectFrom('framework_nodes').select('id').execute();
    await this.indexNodes(nodes.map((r) => r.id));
    const acts = await this.db.selectFrom('activities').select('id').where('deleted_at', 'is', null).execute();
    await this.indexActivities(acts.map((r) => r.id));
    const documents = await this.db
      .selectFrom('search_documents')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const vocab = await this.db
      .selectFrom('search_words')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return { documents: Number(documents.n), words: Number(vocab.n) };
  }

  private async nodeInfo(ids: readonly string[]): Promise<Map<string, NodeInfo>> {
    const byId = new Map<string, NodeInfo>();
    if (!ids.length) return byId;
    const plans = new Set<string>();
    for (const c of chunks([...new Set(ids)], 500)) {
      const rows = await this.db
        .selectFrom('framework_nodes')
        .select('plan_id')
        .distinct()
        .where('id', 'in', c)
        .execute();
      for (const r of rows) plans.add(r.plan_id);
    }
    if (!plans.size) return byId;
    const rows = await this.db
      .selectFrom('framework_nodes as n')
      .innerJoin('plans as p', 'p.id', 'n.plan_id')
      .select(['n.id', 'n.plan_id', 'n.parent_id', 'n.code', 'n.title_en', 'n.title_fr', 'p.status as plan_status'])
      .where('n.plan_id', 'in', [...plans])
      .execute();
    for (const { plan_status, ...r } of rows) byId.set(r.id, { ...r, draft: plan_status === 'draft' });
    return byId;
  }

  private async withDescendants(ids: readonly string[]): Promise<string[]> {
    const out = new Set(ids);
    if (!ids.length) return [];
    const all = [...(await this.nodeInfo(ids)).values()];
    for (let grew = true; grew;) {
      grew = false;
      for (const n of all) {
        if (n.parent_id !== null && out.has(n.parent_id) && !out.has(n.id)) {
          out.add(n.id);
          grew = true;
        }
      }
    }
    return [...out];
  }

  private static pillarOf(nodes: Map<string, NodeInfo>, id: string): string | null {
    let n = nodes.get(id);
    for (let guard = 0; n && n.parent_id !== null && guard < 50; guard += 1) n = nodes.get(n.parent_id);
    return n?.id ?? null;
  }

  private async indexActivities(ids: string[]): Promise<void> {
    for (const c of chunks([...new Set(ids)], BATCH)) {
      const rows = await this.db
        .selectFrom('activities')
        .selectAll()
        .where('id', 'in', c)
        .where('deleted_at', 'is', null)
        .execute();
      const stored = new Set(rows.map((r) => r.id));
      const gone = c.filter((id) => !stored.has(id));
      await this.remove('activity', gone);
      if (!rows.length) continue;
      const found = rows.map((r) => r.id);
      const [participants, links, countries] = await Promise.all([
        this.db
          .selectFrom('activity_participants as p')
          .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
          .select(['p.activity_id', 'p.organisation_id', 'o.name_en', 'o.name_fr', 'o.acronym'])
          .where('p.activity_id', 'in', found)
          .orderBy('p.position')
          .execute(),
        this.db
          .selectFrom('activity_links')
          .select(['activity_id', 'node_id'])
          .where('activity_id', 'in', found)
          .execute(),
        this.db
          .selectFrom('activity_countries')
          .select(['activity_id', 'country'])
          .where('activity_id', 'in', found)
          .execute(),
      ]);
      const nodes = await this.nodeInfo(links.map((l) => l.node_id));
      const partsOf = groupBy(participants, (p) => p.activity_id);
      const linksOf = groupBy(links, (l) => l.activity_id);
      const countriesOf = groupBy(countries, (x) => x.activity_id);
      const built = rows.map((a): Built => {
        const parts = partsOf.get(a.id) ?? [];
        const areas = (linksOf.get(a.id) ?? []).map((l) => nodes.get(l.node_id)).filter((n) => !!n);
        const facets: [FacetName, string][] = [
          ['status', a.status],
          ['type', a.type],
        ];
        for (const p of new Set(parts.map((p) => p.organisation_id))) facets.push(['partner', p]);
        for (const n of areas) facets.push(['area', n.id]);
        for (const p of new Set(areas.map((n) => n.plan_id))) facets.push(['plan', p]);
        const pillars = new Set(
          areas.map((n) => SearchIndexRepository.pillarOf(nodes, n.id)).filter((p) => p !== null),
        );
        for (const p of pillars) facets.push(['pillar', p]);
        for (const cc of countriesOf.get(a.id) ?? []) facets.push(['country', cc.country]);
        if (a.regional) facets.push(['country', REGION_CODE]);
        for (const y of activityYears(a)) facets.push(['year', String(y)]);
        const partnerNames = parts.map((p) => {
          const name = p.name_en ?? p.name_fr ?? '';
          return p.acronym && p.acronym !== name ? `${name} (${p.acronym})` : name;
        });
        // A published activity linked into a draft plan stays public, but its text names none of that plan's
        // nodes: a public search must not find it, nor show it, by them (ADR 0018). The facets keep every link, and
        // the public's facet counts leave the draft plan's values out.
        const named = areas.filter((n) => !n.draft);
        const areasEn = named.map((n) => `${n.code} ${n.title_en ?? n.title_fr ?? ''}`.trim());
        const areasFr = named.map((n) => `${n.code} ${n.title_fr ?? n.title_en ?? ''}`.trim());
        const keys = [
          ...parts.flatMap((p) => [p.name_en, p.name_fr, p.acronym]),
          ...named.flatMap((n) => [n.title_en, n.title_fr]),
          a.iati_identifier,
        ];
        return {
          doc: {
            kind: 'activity',
            entity_id: a.id,
            public: a.workflow_state === 'published' ? 1 : 0,
            sort_date: a.start_date,
            updated_at: a.updated_at,
            title_en: a.title_en,
            title_fr: a.title_fr,
            summary_en: a.summary_en,
            summary_fr: a.summary_fr,
            description_en: a.description_en,
            description_fr: a.description_fr,
            partners: lines(partnerNames),
            areas_en: lines(areasEn),
            areas_fr: lines(areasFr),
            acronym: null,
            identifier: a.iati_identifier,
            status: a.status,
            type: a.type,
            workflow_state: a.workflow_state,
            start_date: a.start_date,
            end_date: a.end_date,
            code: null,
            node_kind: null,
            plan_id: null,
            f_title_en: fold(a.title_en),
            f_title_fr: fold(a.title_fr),
            f_keys: fold([...new Set(keys.filter(Boolean))].join(' ')),
            f_summary_en: fold(a.summary_en),
            f_summary_fr: fold(a.summary_fr),
            f_description_en: fold(a.description_en),
            f_description_fr: fold(a.description_fr),
          },
          facets,
        };
      });
      await this.write(built);
    }
  }

  private async indexOrganisations(ids: string[]): Promise<void> {
    for (const c of chunks([...new Set(ids)], BATCH)) {
      const rows = await this.db
        .selectFrom('organisations')
        .selectAll()
        .where('id', 'in', c)
        .where('deleted_at', 'is', null)
        .execute();
      await this.remove(
        'organisation',
        c.filter((id) => !rows.some((r) => r.id === id)),
      );
      if (!rows.length) continue;
      const former = await this.db
        .selectFrom('organisation_former_names')
        .select(['organisation_id', 'name', 'acronym'])
        .where(
          'organisation_id',
          'in',
          rows.map((r) => r.id),
        )
        .execute();
      await this.write(
        rows.map((o): Built => {
          const formerNames = former.filter((f) => f.organisation_id === o.id).flatMap((f) => [f.name, f.acronym]);
          return {
            doc: {
              kind: 'organisation',
              entity_id: o.id,
              public: 1,
              sort_date: null,
              updated_at: o.updated_at,
              title_en: o.name_en,
              title_fr: o.name_fr,
              summary_en: null,
              summary_fr: null,
              description_en: o.description_en,
              description_fr: o.description_fr,
              partners: null,
              areas_en: null,
              areas_fr: null,
              acronym: o.acronym,
              identifier: o.iati_identifier,
              status: null,
              type: o.type,
              workflow_state: null,
              start_date: null,
              end_date: null,
              code: null,
              node_kind: null,
              plan_id: null,
              f_title_en: fold(o.name_en),
              f_title_fr: fold(o.name_fr),
              f_keys: fold([o.acronym, o.iati_identifier, ...formerNames].filter(Boolean).join(' ')),
              f_summary_en: '',
              f_summary_fr: '',
              f_description_en: fold(o.description_en),
              f_description_fr: fold(o.description_fr),
            },
            facets: [],
          };
        }),
      );
    }
  }

  private async indexNodes(ids: string[]): Promise<void> {
    for (const c of chunks([...new Set(ids)], BATCH)) {
      const rows = await this.db.selectFrom('framework_nodes').selectAll().where('id', 'in', c).execute();
      await this.remove(
        'node',
        c.filter((id) => !rows.some((r) => r.id === id)),
      );
      if (!rows.length) continue;
      const nodes = await this.nodeInfo(rows.map((r) => r.id));
      await this.write(
        rows.map((n): Built => {
          const pillar = SearchIndexRepository.pillarOf(nodes, n.id);
          return {
            doc: {
              kind: 'node',
              entity_id: n.id,
              // A draft plan's nodes are staff's only (ADR 0018).
              public: nodes.get(n.id)?.draft ? 0 : 1,
              sort_date: null,
              updated_at: n.updated_at,
              title_en: n.title_en,
              title_fr: n.title_fr,
              summary_en: null,
              summary_fr: null,
              description_en: n.description_en,
              description_fr: n.description_fr,
              partners: null,
              areas_en: null,
              areas_fr: null,
              acronym: null,
              identifier: null,
              status: n.status,
              type: null,
              workflow_state: null,
              start_date: null,
              end_date: null,
              code: n.code,
              node_kind: n.kind,
              plan_id: n.plan_id,
              f_title_en: fold(n.title_en),
              f_title_fr: fold(n.title_fr),
              f_keys: fold(n.code),
              f_summary_en: '',
              f_summary_fr: '',
              f_description_en: fold(n.description_en),
              f_description_fr: fold(n.description_fr),
            },
            facets: [['plan', n.plan_id], ...(pillar ? ([['pillar', pillar]] as [FacetName, string][]) : [])],
          };
        }),
      );
    }
  }

  private async remove(kind: string, ids: string[]): Promise<void> {
    for (const c of chunks(ids, 500)) {
      // The facets go with their document (foreign key, on delete cascade).
      await this.db
        .deleteFrom('search_facets')
        .where('doc_id', 'in', (eb) =>
          eb.selectFrom('search_documents').select('id').where('kind', '=', kind).where('entity_id', 'in', c),
        )
        .execute();
      await this.db.deleteFrom('search_documents').where('kind', '=', kind).where('entity_id', 'in', c).execute();
    }
  }

  private async write(built: Built[]): Promise<void> {
    if (!built.length) return;
    const docs = built.map((b) => b.doc);
    const inserted = await this.db
      .insertInto('search_documents')
      .values(docs)
      .onConflict((oc) =>
        oc.columns(['kind', 'entity_id']).doUpdateSet((eb) => {
          const set: Record<string, unknown> = {};
          for (const key of Object.keys(docs[0]!)) {
            if (key !== 'kind' && key !== 'entity_id') set[key] = eb.ref(`excluded.${key}` as `excluded.kind`);
          }
          return set;
        }),
      )
      .returning(['id', 'kind', 'entity_id'])
      .execute();
    const idOf = new Map(inserted.map((r) => [`${r.kind}:${r.entity_id}`, r.id]));
    const ids = inserted.map((r) => r.id);
    for (const c of chunks(ids, 500)) await this.db.deleteFrom('search_facets').where('doc_id', 'in', c).execute();
    const facetRows = built.flatMap((b) => {
      const docId = idOf.get(`${b.doc.kind}:${b.doc.entity_id}`);
      if (docId === undefined) return [];
      const seen = new Set<string>();
      return b.facets
        .filter(([f, v]) => !seen.has(`${f}\u0000${v}`) && seen.add(`${f}\u0000${v}`))
        .map(([facet, value]) => ({ doc_id: docId, facet, value }));
    });
    for (const c of chunks(facetRows, 1000)) await this.db.insertInto('search_facets').values(c).execute();
    await this.addWords(vocabulary(docs));
  }

  private async addWords(list: string[]): Promise<void> {
    for (const c of chunks(list, 1000)) {
      const added = await this.db
        .insertInto('search_words')
        .values(c.map((word) => ({ word })))
        .onConflict((oc) => oc.column('word').doNothing())
        .returning('word')
        .execute();
      if (this.dialect !== 'sqlite' || !added.length) continue;
      const grams = added.flatMap(({ word }) => trigrams(word).map((trigram) => ({ trigram, word })));
      for (const g of chunks(grams, 1000)) {
        await this.db
          .insertInto('search_word_trigrams')
          .values(g)
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
    }
  }
}
