/**
 * Crosswalks from what an IATI activity states (DAC sectors, words of its texts) to the parts of
 * a plan it may serve. Each plan's crosswalk is a YAML file (`data/crosswalks/<plan>.yaml` by
 * default; see that folder for the format). Suggestions are shown to an officer to confirm;
 * nothing is linked by them.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import YAML from 'yaml';
import { z } from 'zod';
import type { LinkSuggestion } from '../../shared/api-types';
import type { Database } from '../db/schema';
import { loc } from '../repositories/localized';
import type { MappedActivity } from './iati.mapper';

const crosswalkFileSchema = z
  .object({
    plan: z.string().min(1),
    areas: z.record(
      z.string(),
      z
        .object({
          sectors: z.array(z.string().regex(/^\d{3,5}$/, 'Sector codes have 3 to 5 digits.')).default([]),
          keywords: z.array(z.string().min(2)).default([]),
        })
        .strict(),
    ),
  })
  .strict();

export type CrosswalkPlan = z.infer<typeof crosswalkFileSchema>;

/** Every plan's crosswalk. */
export interface Crosswalk {
  plans: CrosswalkPlan[];
}

/** Reads every `*.yaml` crosswalk of `dir`; a missing folder is an empty crosswalk. */
export async function loadCrosswalk(dir: string): Promise<Crosswalk> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => /\.ya?ml$/.test(n)).sort();
  } catch {
    return { plans: [] };
  }
  const plans: CrosswalkPlan[] = [];
  for (const name of names) {
    const parsed = crosswalkFileSchema.safeParse(YAML.parse(await readFile(path.join(dir, name), 'utf8')));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`Crosswalk ${name}: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'not valid'}`);
    }
    plans.push(parsed.data);
  }
  return { plans };
}

/** Where words may start: the start of the text and after each character that is neither a letter nor a digit. */
const BEFORE_WORD = /[^\p{L}\p{N}]/gu;

/**
 * The places of a text (in lower case) where a keyword may match: each position at the start of
 * the text or after a character that is neither a letter nor a digit, by the two characters found
 * there. Looking a keyword up there gives the test of the pattern `(^|[^\p{L}\p{N}])keyword`
 * without case, in one pass over the text for all keywords.
 */
function wordStarts(text: string): Map<string, number[]> {
  const starts = new Map<string, number[]>();
  const add = (at: number) => {
    const key = text.slice(at, at + 2);
    const list = starts.get(key);
    if (list) list.push(at);
    else starts.set(key, [at]);
  };
  add(0);
  for (const m of text.matchAll(BEFORE_WORD)) add(m.index + m[0].length);
  return starts;
}

function startsAWord(text: string, starts: Map<string, number[]>, keyword: string): boolean {
  return starts.get(keyword.slice(0, 2))?.some((at) => text.startsWith(keyword, at)) ?? false;
}

/** A plan's crosswalk as matched: its areas, with their keywords in lower case, worked out once per plan. */
const compiled = new WeakMap<CrosswalkPlan, { code: string; sectors: string[]; keywords: [string, string][] }[]>();

function compile(plan: CrosswalkPlan) {
  let areas = compiled.get(plan);
  if (!areas) {
    areas = Object.entries(plan.areas).map(([code, area]) => ({
      code,
      sectors: area.sectors,
      keywords: area.keywords.map((k): [string, string] => [k, k.toLowerCase()]),
    }));
    compiled.set(plan, areas);
  }
  return areas;
}

/** Reasons each area code of the plan matches the activity, strongest first. */
export function matchCrosswalk(plan: CrosswalkPlan, activity: MappedActivity): Map<string, string[]> {
  const text = [activity.title, activity.summary, activity.description]
    .flatMap((t) => [t.en, t.fr])
    .filter(Boolean)
    .join('\n')
    .toLowerCase();
  const starts = wordStarts(text);
  const dac = activity.sectors.filter((s) => s.vocabulary === '1' || s.vocabulary === '2');
  const hits: [string, string[]][] = [];
  for (const area of compile(plan)) {
    const reasons = new Set<string>();
    for (const s of dac) {
      if (area.sectors.some((prefix) => s.code.startsWith(prefix))) {
        reasons.add(`sector ${s.code}${s.name ? ` (${s.name})` : ''}`);
      }
    }
    for (const [k, lower] of area.keywords) {
      if (startsAWord(text, starts, lower)) reasons.add(`the words “${k}”`);
    }
    if (reasons.size) hits.push([area.code, [...reasons]]);
  }
  return new Map(hits.sort((a, b) => b[1].length - a[1].length));
}

interface CrosswalkNode {
  id: string;
  code: string;
  title_en: string | null;
  title_fr: string | null;
}

/**
 * The active framework nodes of each plan by code, read once per plan: pass the same map to the
 * calls of one transaction (an import) so that each plan's nodes are read once, not per activity.
 */
export type CrosswalkNodes = Map<string, Promise<Map<string, CrosswalkNode>>>;

/** Up to five suggested framework nodes for an activity, from every plan's crosswalk. */
export async function suggestLinks(
  crosswalk: Crosswalk,
  activity: MappedActivity,
  db: Kysely<Database>,
  nodesByPlan: CrosswalkNodes = new Map(),
): Promise<LinkSuggestion[]> {
  const suggestions: LinkSuggestion[] = [];
  for (const plan of crosswalk.plans) {
    const matches = matchCrosswalk(plan, activity);
    if (!matches.size) continue;
    let nodes = nodesByPlan.get(plan.plan);
    if (!nodes) {
      nodes = db
        .selectFrom('framework_nodes')
        .innerJoin('plans', 'plans.id', 'framework_nodes.plan_id')
        .select(['framework_nodes.id', 'framework_nodes.code', 'framework_nodes.title_en', 'framework_nodes.title_fr'])
        .where('plans.slug', '=', plan.plan)
        .where('framework_nodes.status', '=', 'active')
        .execute()
        .then((rows) => new Map(rows.map((n) => [n.code, n])));
      nodesByPlan.set(plan.plan, nodes);
    }
    const byCode = await nodes;
    for (const [code, reasons] of matches) {
      const n = byCode.get(code);
      if (n) suggestions.push({ nodeId: n.id, code, title: loc(n.title_en, n.title_fr), reason: reasons.join('; ') });
    }
  }
  return suggestions.slice(0, 5);
}
