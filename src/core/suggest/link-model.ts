/**
 * Link suggestions: ranks the framework nodes an activity most likely serves, from its text, its partners and its
 * dates, with a model that learns from the links people confirmed. Pure: no database, no I/O.
 *
 * Five signals, each scaled to 0..1 among the candidates of one activity, weighted and summed:
 * - `text`: BM25 of the activity's words against the node's own words (its title and description in English and
 *   French, and its parent's title), so that a node nobody has linked yet can still be found;
 * - `like`: the activity's TF-IDF cosine with the confirmed activities linked to the node (its nearest neighbours
 *   vote for their nodes);
 * - `partner`: how often the activity's partners' confirmed activities are linked to the node;
 * - `period`: whether the activity starts while the node's plan is in force (1), or only runs into it (½);
 * - `level`: the share of confirmed links made at the node's level (areas rather than pillars, say).
 * The weights are the linear model: fitted on the confirmed links by leave-one-out (each confirmed activity ranked
 * by the others), to the best top-3 then top-1 hits.
 *
 * Successive plans carry many of the same action lines. A node's counterparts are the nodes of the other plans with
 * the same title at the same level: a vote (`like` or `partner`) for a node counts for its counterparts too, so that
 * what was linked under one cycle serves the next, and the period tells the cycles apart.
 */
import { words } from '../search/fold';

export interface SuggestText {
  en: string | null;
  fr: string | null;
}

/** What the model reads of an activity (a stored one, a draft, or one being imported). */
export interface SuggestDoc {
  /** Present for a stored activity: it is never its own neighbour. */
  id?: string;
  title: SuggestText;
  summary: SuggestText;
  description: SuggestText;
  /** Organisation ids of its partners, whatever their role. */
  partners: readonly string[];
  /** Years it runs (planned or actual), when known. */
  startYear: number | null;
  endYear: number | null;
}

export interface SuggestNode {
  id: string;
  planId: string;
  code: string;
  /** 0 for a pillar, 1 for an area, 2 for an action line, and so on. */
  depth: number;
  title: SuggestText;
  description: SuggestText;
  parentTitle: SuggestText;
  periodStart: number;
  periodEnd: number;
}

/** An activity and the nodes people linked it to. */
export interface ConfirmedExample {
  doc: SuggestDoc;
  /** Display title (for reasons). */
  title: SuggestText;
  nodeIds: readonly string[];
}

export type Signal = 'text' | 'like' | 'partner' | 'period' | 'level';
export const SIGNALS: readonly Signal[] = ['text', 'like', 'partner', 'period', 'level'];
export type Weights = Record<Signal, number>;

/** Where the fitting starts, and the weights of a model without confirmed links to learn from. */
export const DEFAULT_WEIGHTS: Weights = { text: 1, like: 1, partner: 0.5, period: 0.5, level: 0.5 };

/** Why a node is suggested, one entry per signal that counted. */
export type SuggestReason =
  | { kind: 'words'; words: string[] }
  | { kind: 'like'; activityId: string | null; title: SuggestText; count: number; otherPlan: boolean }
  | { kind: 'partner'; organisationId: string; linked: number; of: number; otherPlan: boolean }
  | { kind: 'period'; from: number; to: number };

export interface RankedNode {
  nodeId: string;
  score: number;
  reasons: SuggestReason[];
}

const STOP = new Set(
  (
    'a an and are as at be by for from has have in is it its of on or that the their this to was were which with will ' +
    'au aux avec ce ces dans de des du en est et la le les leur leurs par pour qui sa se ses sont sur un une'
  ).split(' '),
);

/** Folded words without stop words, a final plural "s"/"x" taken off long words (both languages). */
export function terms(text: string | null | undefined): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    if (w.length < 2 || STOP.has(w) || /^\d+$/.test(w)) continue;
    out.push(w.length > 4 && /[sx]$/.test(w) ? w.slice(0, -1) : w);
  }
  return out;
}

/** The words of a title, counted twice (it says most about what a record is for), then of the other texts. */
function textTerms(title: SuggestText, ...others: SuggestText[]): string[] {
  const t = [...terms(title.en), ...terms(title.fr)];
  return [...t, ...t, ...others.flatMap((o) => [...terms(o.en), ...terms(o.fr)])];
}

const docTerms = (doc: SuggestDoc) => textTerms(doc.title, doc.summary, doc.description);
const nodeTerms = (n: SuggestNode) => textTerms(n.title, n.description, n.parentTitle);

function counts(list: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of list) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}

/** A sparse TF-IDF vector, unit length. */
type Vector = Map<string, number>;

const BM25_K1 = 1.2;
const BM25_B = 0.75;
const NEIGHBOURS = 10;
/** The activity's words that find its neighbours: the most telling ones (a long description has hundreds). */
const QUERY_TERMS = 40;
/** A word in more than this share of the confirmed activities (and more than MIN_COMMON_DF of them) is not indexed. */
const COMMON_SHARE = 0.05;
const MIN_COMMON_DF = 20;
/** The heaviest entries kept per indexed word. */
const POSTINGS_KEPT = 256;

interface Features {
  values: Record<Signal, number>;
  reasons: SuggestReason[];
}

/** A trained model: the node index, the confirmed activities' word index, the partners' link counts, the weights. */
export class LinkModel {
  private readonly nodeTf: Map<string, number>[];
  private readonly nodeLength: number[];
  private readonly averageNodeLength: number;
  private readonly nodeDf = new Map<string, number>();
  private readonly docDf = new Map<string, number>();
  private readonly examples: readonly ConfirmedExample[];
  /**
   * Per word: the confirmed activities that have it, with its weight in each (an inverted index), heaviest first and
   * at most POSTINGS_KEPT of them. Words in more than a twentieth of them tell nothing apart and have none.
   */
  private readonly postings = new Map<string, { ids: Uint32Array; weights: Float32Array }>();
  /** Per organisation: how many confirmed activities it is in, and their links by node. */
  private readonly partnerLinks = new Map<string, { activities: number; nodes: Map<string, number> }>();
  private readonly nodeIndex = new Map<string, number>();
  /** Confirmed links by the depth of their node. */
  private readonly linksAtDepth = new Map<number, number>();
  private linkCount = 0;
  /** Per node: its counterparts, the nodes of other plans with the same title at the same level. */
  private readonly counterparts: number[][];

  private constructor(
    readonly nodes: readonly SuggestNode[],
    examples: readonly ConfirmedExample[],
    public weights: Weights,
  ) {
    this.nodeTf = nodes.map((n) => counts(nodeTerms(n)));
    this.nodeLength = this.nodeTf.map((tf) => [...tf.values()].reduce((s, v) => s + v, 0));
    this.averageNodeLength = this.nodeLength.reduce((s, v) => s + v, 0) / Math.max(1, nodes.length);
    nodes.forEach((n, i) => this.nodeIndex.set(n.id, i));
    this.counterparts = counterpartsOf(nodes);
    for (const tf of this.nodeTf) for (const t of tf.keys()) this.nodeDf.set(t, (this.nodeDf.get(t) ?? 0) + 1);
    const known = examples.filter((e) => e.nodeIds.some((id) => this.nodeIndex.has(id)));
    // Two passes over the words (document frequencies, then weights) rather than every activity's counts kept at once.
    this.examples = known;
    for (const e of known) for (const t of new Set(docTerms(e.doc))) this.docDf.set(t, (this.docDf.get(t) ?? 0) + 1);
    const common = Math.max(MIN_COMMON_DF, known.length * COMMON_SHARE);
    const lists = new Map<string, [number, number][]>();
    known.forEach((e, k) => {
      for (const [t, w] of this.vector(counts(docTerms(e.doc)))) {
        if ((this.docDf.get(t) ?? 0) > common) continue;
        const list = lists.get(t);
        if (list) list.push([k, w]);
        else lists.set(t, [[k, w]]);
      }
    });
    for (const [t, list] of lists) {
      const kept = list.sort((a, b) => b[1] - a[1]).slice(0, POSTINGS_KEPT);
      this.postings.set(t, {
        ids: Uint32Array.from(kept, ([k]) => k),
        weights: Float32Array.from(kept, ([, w]) => w),
      });
    }
    for (const example of this.examples) {
      for (const id of new Set(example.nodeIds)) {
        const i = this.nodeIndex.get(id);
        if (i === undefined) continue;
        const depth = nodes[i]!.depth;
        this.linksAtDepth.set(depth, (this.linksAtDepth.get(depth) ?? 0) + 1);
        this.linkCount++;
      }
      for (const org of new Set(example.doc.partners)) {
        let entry = this.partnerLinks.get(org);
        if (!entry) this.partnerLinks.set(org, (entry = { activities: 0, nodes: new Map() }));
        entry.activities++;
        for (const id of new Set(example.nodeIds)) entry.nodes.set(id, (entry.nodes.get(id) ?? 0) + 1);
      }
    }
  }

  /**
   * The nodes a confirmed activity linked to `nodeIds` votes for: those nodes (`false`), and their counterparts in
   * other plans it is not linked to itself (`true`: in another plan).
   */
  private votedNodes(nodeIds: readonly string[]): Map<number, boolean> {
    const voted = new Map<number, boolean>();
    for (const id of nodeIds) {
      const i = this.nodeIndex.get(id);
      if (i !== undefined) voted.set(i, false);
    }
    for (const i of [...voted.keys()]) {
      for (const j of this.counterparts[i]!) if (!voted.has(j)) voted.set(j, true);
    }
    return voted;
  }

  /** Builds the model from the nodes and the confirmed links; fits the weights unless they are given. */
  static train(nodes: readonly SuggestNode[], examples: readonly ConfirmedExample[], weights?: Weights): LinkModel {
    const model = new LinkModel(nodes, examples, weights ?? DEFAULT_WEIGHTS);
    if (!weights) model.weights = model.fit();
    return model;
  }

  /** One of the model's nodes, by id (a ranked node's). */
  node(id: string): SuggestNode {
    const i = this.nodeIndex.get(id);
    if (i === undefined) throw new Error(`No framework node ${id} in the model`);
    return this.nodes[i]!;
  }

  get confirmedActivities(): number {
    return this.examples.length;
  }

  private vector(tf: Map<string, number>): Vector {
    const total = Math.max(1, this.examples.length);
    const v: Vector = new Map();
    let norm = 0;
    for (const [t, c] of tf) {
      const w = (1 + Math.log(c)) * Math.log(1 + total / (1 + (this.docDf.get(t) ?? 0)));
      v.set(t, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [t, w] of v) v.set(t, w / norm);
    return v;
  }

  /** Every node's signals for `doc`, leaving out the confirmed activity `skip` (for leave-one-out). */
  private features(doc: SuggestDoc, skip: ConfirmedExample | null): Features[] {
    const tf = counts(docTerms(doc));
    const out: Features[] = this.nodes.map(() => ({
      values: { text: 0, like: 0, partner: 0, period: 0, level: 0 },
      reasons: [],
    }));

    // text: BM25 of the activity's words in each node's own words.
    const nodeCount = this.nodes.length;
    const matched = this.nodes.map(() => new Map<string, number>());
    for (const [t] of tf) {
      const df = this.nodeDf.get(t);
      if (!df) continue;
      const idf = Math.log(1 + (nodeCount - df + 0.5) / (df + 0.5));
      this.nodeTf.forEach((ntf, i) => {
        const f = ntf.get(t);
        if (!f) return;
        const s =
          (idf * f * (BM25_K1 + 1)) /
          (f + BM25_K1 * (1 - BM25_B + (BM25_B * this.nodeLength[i]!) / (this.averageNodeLength || 1)));
        out[i]!.values.text += s;
        matched[i]!.set(t, s);
      });
    }
    matched.forEach((m, i) => {
      if (m.size) {
        const top = [...m].sort((a, b) => b[1] - a[1]).slice(0, 4);
        out[i]!.reasons.push({ kind: 'words', words: top.map(([t]) => t) });
      }
    });

    // like: the nearest confirmed activities vote for their nodes.
    const vector = this.vector(tf);
    // Only confirmed activities that share a word can be alike: the postings of the activity's most telling words
    // add up the cosines, whatever the number of confirmed activities.
    const dots = new Map<number, number>();
    const telling = [...vector].sort((a, b) => b[1] - a[1]).slice(0, QUERY_TERMS);
    for (const [t, w] of telling) {
      const list = this.postings.get(t);
      if (!list) continue;
      for (let j = 0; j < list.ids.length; j++) {
        const k = list.ids[j]!;
        dots.set(k, (dots.get(k) ?? 0) + w * list.weights[j]!);
      }
    }
    const near = [...dots]
      .map(([k, similarity]) => ({ example: this.examples[k]!, similarity }))
      .filter(({ example }) => example !== skip && (doc.id === undefined || example.doc.id !== doc.id))
      .sort((a, b) => b.similarity - a.similarity)
      .slice(0, NEIGHBOURS);
    const voters = new Map<number, { best: (typeof near)[number]; count: number; otherPlan: boolean }>();
    for (const e of near) {
      for (const [i, otherPlan] of this.votedNodes(e.example.nodeIds)) {
        out[i]!.values.like += e.similarity;
        const v = voters.get(i);
        if (!v) voters.set(i, { best: e, count: 1, otherPlan });
        else {
          v.count++;
          // A neighbour linked to the node itself is the better reason than one linked to its counterpart.
          if (v.otherPlan && !otherPlan) [v.best, v.otherPlan] = [e, false];
        }
      }
    }
    for (const [i, v] of voters) {
      out[i]!.reasons.push({
        kind: 'like',
        activityId: v.best.example.doc.id ?? null,
        title: v.best.example.title,
        count: v.count,
        otherPlan: v.otherPlan,
      });
    }

    // partner: where the partners' other confirmed activities are linked.
    for (const org of new Set(doc.partners)) {
      const entry = this.partnerLinks.get(org);
      if (!entry) continue;
      const own = skip && skip.doc.partners.includes(org) ? 1 : 0;
      const activities = entry.activities - own;
      if (activities <= 0) continue;
      // Links to a node, then links to its counterparts in other plans.
      const here = new Map<number, number>();
      const elsewhere = new Map<number, number>();
      for (const [id, linked] of entry.nodes) {
        const i = this.nodeIndex.get(id);
        if (i === undefined) continue;
        const n = linked - (own && skip!.nodeIds.includes(id) ? 1 : 0);
        if (n <= 0) continue;
        here.set(i, n);
        for (const j of this.counterparts[i]!) elsewhere.set(j, (elsewhere.get(j) ?? 0) + n);
      }
      for (const [counted, otherPlan] of [
        [here, false],
        [elsewhere, true],
      ] as const) {
        for (const [i, n] of counted) {
          out[i]!.values.partner += n / (activities + 1);
          out[i]!.reasons.push({ kind: 'partner', organisationId: org, linked: n, of: activities, otherPlan });
        }
      }
    }

    // period: the activity starts while the node's plan is in force, or runs into it.
    if (doc.startYear !== null || doc.endYear !== null) {
      const from = doc.startYear ?? doc.endYear!;
      const to = doc.endYear ?? doc.startYear!;
      this.nodes.forEach((n, i) => {
        if (from <= n.periodEnd && to >= n.periodStart) {
          // Activities are mostly linked to the plan in force when they start; one that runs into the next plan
          // may serve it too, less often.
          out[i]!.values.period = from >= n.periodStart ? 1 : 0.5;
          out[i]!.reasons.push({ kind: 'period', from: n.periodStart, to: n.periodEnd });
        }
      });
    }

    // level: where people link (without the left-out activity's own links).
    const skipped = new Map<number, number>();
    for (const id of new Set(skip?.nodeIds ?? [])) {
      const i = this.nodeIndex.get(id);
      if (i !== undefined) skipped.set(this.nodes[i]!.depth, (skipped.get(this.nodes[i]!.depth) ?? 0) + 1);
    }
    const total = this.linkCount - [...skipped.values()].reduce((a, b) => a + b, 0);
    if (total > 0) {
      this.nodes.forEach((n, i) => {
        out[i]!.values.level = ((this.linksAtDepth.get(n.depth) ?? 0) - (skipped.get(n.depth) ?? 0)) / total;
      });
    }

    // Each signal on one scale: its best candidate is 1.
    for (const s of SIGNALS) {
      const max = Math.max(0, ...out.map((f) => f.values[s]));
      if (max > 0) for (const f of out) f.values[s] /= max;
    }
    return out;
  }

  private score(f: Features, w: Weights): number {
    return SIGNALS.reduce((s, k) => s + w[k] * f.values[k], 0);
  }

  /** The nodes `doc` most likely serves, best first, leaving out those in `exclude` (already linked). */
  rank(
    doc: SuggestDoc,
    { limit = 5, exclude = [] as readonly string[], plans = null as readonly string[] | null } = {},
  ) {
    return this.ranked(this.features(doc, null), this.weights, limit, new Set(exclude), plans);
  }

  private ranked(
    features: Features[],
    w: Weights,
    limit: number,
    exclude: ReadonlySet<string>,
    plans: readonly string[] | null,
  ): RankedNode[] {
    return this.nodes
      .map((n, i) => ({ n, f: features[i]!, score: this.score(features[i]!, w) }))
      .filter(
        ({ n, f, score }) => score > 0 && !exclude.has(n.id) && (!plans || plans.includes(n.planId)) && hasEvidence(f),
      )
      .sort((a, b) => b.score - a.score || a.n.code.localeCompare(b.n.code))
      .slice(0, limit)
      .map(({ n, f, score }) => ({
        nodeId: n.id,
        score: Math.round(score * 1000) / 1000,
        reasons: f.reasons,
      }));
  }

  /** Up to `limit` confirmed activities, spread evenly over them (the same ones every time). */
  private sample(limit: number) {
    if (this.examples.length <= limit) return this.examples;
    const step = this.examples.length / limit;
    return Array.from({ length: limit }, (_, i) => this.examples[Math.floor(i * step)]!);
  }

  /** The weights with the best leave-one-out top-3 (then top-1) on the confirmed links, by coordinate ascent. */
  private fit(): Weights {
    if (this.examples.length < 5) return { ...DEFAULT_WEIGHTS };
    const sample = this.sample(400);
    const cached = sample.map((example) => ({ example, features: this.features(example.doc, example) }));
    const quality = (w: Weights) => {
      const hits = new Hits();
      for (const c of cached) hits.add(this.ranked(c.features, w, 3, new Set(), null), c.example.nodeIds);
      return hits.top3 * 1000 + hits.top1;
    };
    let best = { ...DEFAULT_WEIGHTS };
    let bestQuality = quality(best);
    const steps = [0, 0.25, 0.5, 1, 2, 4];
    for (let round = 0; round < 3; round++) {
      let improved = false;
      for (const s of SIGNALS) {
        for (const v of steps) {
          const w = { ...best, [s]: v };
          const q = quality(w);
          if (q > bestQuality) {
            [best, bestQuality, improved] = [w, q, true];
          }
        }
      }
      if (!improved) break;
    }
    return best;
  }
}

/** Top-1 and top-3 hits: the first suggestion is one of the activity's links; one of the first three is. */
class Hits {
  top1 = 0;
  top3 = 0;
  count = 0;

  add(ranked: readonly { nodeId: string }[], linked: readonly string[]): void {
    const hits = ranked.slice(0, 3).map((r) => linked.includes(r.nodeId));
    this.count++;
    if (hits[0]) this.top1++;
    if (hits.some(Boolean)) this.top3++;
  }
}

/**
 * Per node, its counterparts: the nodes of other plans at the same level with the same title (its words, folded;
 * the English one, else the French), as successive plans carry an action line over.
 */
function counterpartsOf(nodes: readonly SuggestNode[]): number[][] {
  const keyOf = (n: SuggestNode) => {
    const title = words(n.title.en).join(' ') || words(n.title.fr).join(' ');
    return title ? `${n.depth} ${title}` : null;
  };
  const byKey = new Map<string, number[]>();
  nodes.forEach((n, i) => {
    const key = keyOf(n);
    if (key === null) return;
    const list = byKey.get(key);
    if (list) list.push(i);
    else byKey.set(key, [i]);
  });
  return nodes.map((n) => {
    const key = keyOf(n);
    return key === null ? [] : byKey.get(key)!.filter((j) => nodes[j]!.planId !== n.planId);
  });
}

/** A node is suggested for what the activity says or who runs it, never for its dates alone. */
function hasEvidence(f: Features): boolean {
  return f.values.text > 0 || f.values.like > 0 || f.values.partner > 0;
}

/** A deterministic fold (0..folds-1) for an activity: a hash of its id, so that a split never depends on order. */
function foldOf(id: string, folds: number): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return (h >>> 0) % folds;
}

/**
 * The held-out figure: the confirmed activities are split into `folds` parts; each part is ranked by a model trained
 * (weights fitted too) on the other parts only, among every plan's nodes. Top-1: the first suggestion is one of the
 * activity's links; top-3: one of the first three is. `counted` keeps the figure to some of the held-out activities
 * (e.g. one partnership's), the models still learning from all the others.
 */
export function crossValidate(
  nodes: readonly SuggestNode[],
  examples: readonly ConfirmedExample[],
  folds = 5,
  counted: (e: ConfirmedExample) => boolean = () => true,
): { activities: number; top1: number; top3: number; folds: number } {
  const known = new Set(nodes.map((node) => node.id));
  const hits = new Hits();
  for (let k = 0; k < folds; k++) {
    const held = examples.filter((e, i) => foldOf(e.doc.id ?? String(i), folds) === k && counted(e));
    if (!held.length) continue;
    const model = LinkModel.train(
      nodes,
      examples.filter((e, i) => foldOf(e.doc.id ?? String(i), folds) !== k),
    );
    for (const e of held) {
      if (e.nodeIds.some((id) => known.has(id))) hits.add(model.rank(e.doc, { limit: 3 }), e.nodeIds);
    }
  }
  const n = hits.count;
  return { activities: n, top1: n ? hits.top1 / n : 0, top3: n ? hits.top3 / n : 0, folds };
}
