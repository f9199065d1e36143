/**
 * What the link model learns from, read from the database: every active framework node with its plan's period,
 * and every activity (not in the trash) with the links people confirmed.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { chunks } from '../chunks';
import type { ConfirmedExample, SuggestDoc, SuggestNode } from './link-model';

const yearOf = (date: string | null): number | null => (date ? Number(date.slice(0, 4)) || null : null);

/** The years an activity runs, from its actual dates or else its planned ones. */
export function yearsOf(a: {
  start_date?: string | null;
  end_date?: string | null;
  actual_start: string | null;
  actual_end: string | null;
  planned_start: string | null;
  planned_end: string | null;
}): { startYear: number | null; endYear: number | null } {
  return {
    startYear: yearOf(a.start_date ?? a.actual_start ?? a.planned_start),
    endYear: yearOf(a.end_date ?? a.actual_end ?? a.planned_end),
  };
}

export async function loadNodes(db: Kysely<Database>): Promise<SuggestNode[]> {
  const rows = await db
    .selectFrom('framework_nodes as n')
    .innerJoin('plans as p', 'p.id', 'n.plan_id')
    .leftJoin('framework_nodes as parent', 'parent.id', 'n.parent_id')
    .select([
      'n.id',
      'n.plan_id',
      'n.code',
      'n.depth',
      'n.title_en',
      'n.title_fr',
      'n.description_en',
      'n.description_fr',
      'parent.title_en as parent_en',
      'parent.title_fr as parent_fr',
      'p.period_start',
      'p.period_end',
    ])
    .where('n.status', '=', 'active')
    .orderBy('n.plan_id')
    .orderBy('n.depth')
    .orderBy('n.position')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    planId: r.plan_id,
    code: r.code,
    depth: Number(r.depth),
    title: { en: r.title_en, fr: r.title_fr },
    description: { en: r.description_en, fr: r.description_fr },
    parentTitle: { en: r.parent_en, fr: r.parent_fr },
    periodStart: Number(r.period_start),
    periodEnd: Number(r.period_end),
  }));
}

/** Partners of each activity, by organisation id. */
async function loadPartners(db: Kysely<Database>, activityIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const part of chunks([...activityIds])) {
    const rows = await db
      .selectFrom('activity_participants')
      .select(['activity_id', 'organisation_id'])
      .where('activity_id', 'in', part)
      .execute();
    for (const r of rows) {
      const list = out.get(r.activity_id);
      if (list) list.push(r.organisation_id);
      else out.set(r.activity_id, [r.organisation_id]);
    }
  }
  return out;
}

/** The most confirmed activities a model learns from: the latest ones, which bounds its training time and memory. */
export const MAX_CONFIRMED = 20_000;

/** The activities with at least one link (the latest `limit`), as the model reads them, with their linked nodes. */
export async function loadConfirmed(db: Kysely<Database>, limit = MAX_CONFIRMED): Promise<ConfirmedExample[]> {
  const latest = await db
    .selectFrom('activities')
    .select('id')
    .where('deleted_at', 'is', null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('activity_links')
          .select('activity_links.id')
          .whereRef('activity_links.activity_id', '=', 'activities.id'),
      ),
    )
    .orderBy('updated_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
  const ids = latest.map((a) => a.id).sort();
  const nodesOf = new Map<string, string[]>();
  for (const part of chunks(ids)) {
    const links = await db
      .selectFrom('activity_links')
      .select(['activity_id', 'node_id'])
      .where('activity_id', 'in', part)
      .orderBy('activity_id')
      .orderBy('id')
      .execute();
    for (const l of links) {
      const list = nodesOf.get(l.activity_id);
      if (list) list.push(l.node_id);
      else nodesOf.set(l.activity_id, [l.node_id]);
    }
  }
  const docs = await loadDocs(db, ids);
  return ids.flatMap((id) => {
    const doc = docs.get(id);
    return doc ? [{ doc, title: doc.title, nodeIds: nodesOf.get(id) ?? [] }] : [];
  });
}

/** Activities (not in the trash) as the model reads them, with their partners, by id. */
export async function loadDocs(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, SuggestDoc>> {
  const partners = await loadPartners(db, ids);
  const docs = new Map<string, SuggestDoc>();
  for (const part of chunks([...ids])) {
    const rows = await db
      .selectFrom('activities')
      .select([
        'id',
        'title_en',
        'title_fr',
        'summary_en',
        'summary_fr',
        'description_en',
        'description_fr',
        'planned_start',
        'planned_end',
        'actual_start',
        'actual_end',
      ])
      .where('id', 'in', part)
      .where('deleted_at', 'is', null)
      .execute();
    for (const a of rows) {
      docs.set(a.id, {
        id: a.id,
        title: { en: a.title_en, fr: a.title_fr },
        summary: { en: a.summary_en, fr: a.summary_fr },
        description: { en: a.description_en, fr: a.description_fr },
        partners: partners.get(a.id) ?? [],
        ...yearsOf(a),
      });
    }
  }
  return docs;
}
