import type { LocalizedText } from '../../shared/localized';
import type { SearchFacetValue, SearchHit, SearchResults, SearchSnippet } from '../../shared/api-types';
import {
  FACET_LIMIT,
  FACET_MORE_LIMIT,
  SEARCH_FACET_NAMES,
  type SearchFacetName,
  type SearchQuery,
} from '../../shared/schemas/search.schema';
import type { ActivityStatus, ActivityType, OrganisationType, WorkflowState } from '../../shared/vocab';
import type { Audience } from '../audience';
import { loc } from '../repositories/localized';
import {
  type FacetCount,
  type FacetName,
  type SearchDocumentRow,
  type SearchLabelRepository,
  type SearchRepository,
} from '../repositories/search.repository';
import { queryWords, type QueryTerm } from '../search/query';
import { markRuns, snippetRuns, type Run } from '../search/runs';

/** How far (Damerau–Levenshtein) a correction may be from the word typed, by the word's length. */
export function maxCorrectionDistance(word: string): number {
  return word.length <= 4 ? 1 : word.length <= 8 ? 2 : 3;
}

/** Words too short or numeric to correct. */
function correctable(word: string): boolean {
  return word.length >= 3 && !/^\d+$/.test(word);
}

type Lang = 'en' | 'fr';
const other = (lang: Lang): Lang => (lang === 'en' ? 'fr' : 'en');

function pick(row: SearchDocumentRow, field: 'title' | 'summary' | 'description' | 'areas', lang: Lang) {
  const own = row[`${field}_${lang}`];
  if (own) return { text: own, lang, fallback: false };
  const alt = row[`${field}_${other(lang)}`];
  return alt ? { text: alt, lang: other(lang), fallback: true } : null;
}

/** The hit's title cut into runs, and up to two other stretches that matched. */
export function presentText(
  row: SearchDocumentRow,
  lang: Lang,
  prefixes: readonly string[],
): { titleRuns: Run[]; snippets: SearchSnippet[] } {
  const title = pick(row, 'title', lang)?.text ?? row.code ?? row.identifier ?? '';
  const snippets: SearchSnippet[] = [];
  const fields: { field: SearchSnippet['field']; text: string | null; lang: Lang; fallback: boolean }[] = [];
  for (const field of ['summary', 'description'] as const) {
    const p = pick(row, field, lang);
    if (p) fields.push({ field, ...p });
  }
  fields.push({ field: 'partners', text: row.partners, lang, fallback: false });
  const areas = pick(row, 'areas', lang);
  if (areas) fields.push({ field: 'areas', ...areas });
  fields.push({ field: 'acronym', text: row.acronym, lang, fallback: false });
  fields.push({ field: 'identifier', text: row.identifier, lang, fallback: false });
  for (const f of fields) {
    if (snippets.length >= 2 || !f.text || !prefixes.length) continue;
    const text = f.field === 'partners' || f.field === 'areas' ? f.text.split('\n').join(' · ') : f.text;
    const runs = snippetRuns(text, prefixes);
    if (runs) snippets.push({ field: f.field, lang: f.lang, fallback: f.fallback, runs });
  }
  return { titleRuns: markRuns(title, prefixes), snippets };
}

/**
 * The values a facet lists: the first `limit` (most frequent first) and any chosen value further down, so that a
 * choice can always be seen and undone.
 */
export function listedValues(
  values: readonly FacetCount[],
  limit: number,
  chosen: readonly string[] = [],
): FacetCount[] {
  return values.filter((v, i) => i < limit || chosen.includes(v.value));
}

/** One search box over activities, organisations and framework nodes (ADR 0012). */
export class SearchService {
  constructor(
    private readonly index: SearchRepository,
    private readonly labels: SearchLabelRepository,
  ) {}

  /** Each query word as typed, or, when nothing the audience sees has it, the closest indexed word. */
  private async correct(
    words: string[],
    audience: Audience,
  ): Promise<{ terms: QueryTerm[]; corrections: { from: string; to: string }[] }> {
    const corrections: { from: string; to: string }[] = [];
    const terms = await Promise.all(
      words.map(async (word): Promise<QueryTerm> => {
        if (!correctable(word) || (await this.index.hasWord(word, audience))) return [word];
        const close = await this.index.closeWords(word, maxCorrectionDistance(word));
        for (const to of close) {
          if (await this.index.hasWord(to, audience)) {
            corrections.push({ from: word, to });
            return [to];
          }
        }
        return [word];
      }),
    );
    // In the order of the query.
    corrections.sort((a, b) => words.indexOf(a.from) - words.indexOf(b.from));
    return { terms, corrections };
  }

  async search(q: SearchQuery, audience: Audience): Promise<SearchResults> {
    const { terms, corrections } = await this.correct(queryWords(q.q), audience);
    const filters = await this.index.visibleFilters(
      {
        kind: q.kind,
        plan: q.plan,
        pillar: q.pillar,
        area: q.area,
        country: q.country,
        partner: q.partner,
        status: q.status,
        type: q.type,
        year: q.year,
      },
      audience,
    );
    const params = { audience, terms, lang: q.lang, filters };
    const hits = this.index.hits({ ...params, offset: (q.page - 1) * q.pageSize, limit: q.pageSize });
    // The total tells the facets how large the set they count is.
    const [page, facets] = await Promise.all([hits, this.index.facets(params, () => hits.then((h) => h.total))]);
    const prefixes = terms.flat();

    // Each facet lists its most frequent values (more when asked) and the chosen ones; only those are labelled.
    const more = new Set(q.more ?? []);
    const listed = Object.fromEntries(
      SEARCH_FACET_NAMES.map((f) => [f, listedValues(facets[f], more.has(f) ? FACET_MORE_LIMIT : FACET_LIMIT, q[f])]),
    ) as Record<SearchFacetName, FacetCount[]>;

    const planIds = new Set([...listed.plan.map((f) => f.value), ...page.rows.flatMap((r) => r.plan_id ?? [])]);
    const nodeIds = new Set([...listed.pillar, ...listed.area].map((f) => f.value));
    const [plans, nodes, orgs] = await Promise.all([
      this.labels.plans([...planIds]),
      this.labels.nodes([...nodeIds]),
      this.labels.organisations(listed.partner.map((f) => f.value)),
    ]);
    const planById = new Map(plans.map((p) => [p.id, p]));
    const labelOf: Partial<Record<FacetName, Map<string, LocalizedText>>> = {
      plan: new Map(plans.map((p) => [p.id, loc(p.short_title_en ?? p.title_en, p.short_title_fr ?? p.title_fr)])),
      pillar: new Map(
        nodes.map((n) => [n.id, loc(n.title_en && `${n.code} ${n.title_en}`, n.title_fr && `${n.code} ${n.title_fr}`)]),
      ),
      partner: new Map(orgs.map((o) => [o.id, loc(o.name_en, o.name_fr)])),
    };
    labelOf.area = labelOf.pillar;
    const present = (facet: SearchFacetName): SearchFacetValue[] =>
      listed[facet].map((v) => {
        const label = facet === 'kind' ? undefined : labelOf[facet]?.get(v.value);
        return label ? { value: v.value, label, count: v.count } : { value: v.value, count: v.count };
      });

    const items = page.rows.map((row): SearchHit => {
      const hit: SearchHit = {
        kind: row.kind as SearchHit['kind'],
        id: row.entity_id,
        title: loc(row.title_en, row.title_fr),
        ...presentText(row, q.lang, prefixes),
        score: Math.round(row.score * 1e6) / 1e6,
      };
      if (row.kind === 'activity') {
        hit.activity = {
          status: row.status as ActivityStatus,
          type: row.type as ActivityType,
          workflowState: (row.workflow_state ?? 'published') as WorkflowState,
          startDate: row.start_date,
          endDate: row.end_date,
        };
      } else if (row.kind === 'node') {
        const plan = row.plan_id ? planById.get(row.plan_id) : undefined;
        hit.node = {
          code: row.code ?? '',
          kind: row.node_kind ?? '',
          plan: {
            id: row.plan_id ?? '',
            slug: plan?.slug ?? '',
            shortTitle: loc(plan?.short_title_en ?? plan?.title_en, plan?.short_title_fr ?? plan?.title_fr),
          },
        };
      } else {
        hit.organisation = { acronym: row.acronym, type: row.type as OrganisationType };
      }
      return hit;
    });

    return {
      q: q.q,
      corrections,
      total: page.total,
      page: q.page,
      pageSize: q.pageSize,
      items,
      facets: Object.fromEntries(SEARCH_FACET_NAMES.map((f) => [f, present(f)])) as SearchResults['facets'],
      facetTotals: Object.fromEntries(
        SEARCH_FACET_NAMES.map((f) => [f, facets[f].length]),
      ) as SearchResults['facetTotals'],
    };
  }
}
