import type { Insertable } from 'kysely';
import type { PlanLoadPreview } from '../../shared/api-types';
import type { PlanLoadQuery } from '../../shared/schemas/plan-definition.schema';
import type { Db } from '../db/database';
import type { FrameworkNodesTable, RecordHistoryTable } from '../db/schema';
import { DomainError, invalidReference } from '../errors';
import { diffFields } from '../history';
import { newId, nowIso } from '../ids';
import { previewTree, readPlanFile, type PlanFile } from '../plans/plan-definition-reader';
import { authorize, type Actor } from '../policy';
import { HistoryRepository } from '../repositories/history.repository';
import { SearchIndexRepository } from '../repositories/search-index.repository';
import { nodeSnapshot, planSnapshot } from './framework-write.service';

/**
 * Loads a new plan and its framework from a plan definition file (docs/plans.md, "Loading a plan"): administrators
 * only, as every plan write. A dry run answers what would be created and every problem, writing nothing; a load
 * writes the plan, its nodes, their history and their search entries in one transaction, or nothing at all.
 */
export class PlanLoadService {
  constructor(private readonly db: Db) {}

  /** Checks the caller's role; the route asks before it reads the file. */
  authorize(actor: Actor | null): Actor {
    return authorize(actor, 'plan:manage');
  }

  async load(actor: Actor, bytes: Uint8Array, query: PlanLoadQuery): Promise<PlanLoadPreview> {
    authorize(actor, 'plan:manage');
    const partnership = await this.db.db
      .selectFrom('partnerships')
      .select(['id', 'slug', 'name_en', 'name_fr'])
      .where('slug', '=', query.partnership)
      .executeTakeFirst();
    if (!partnership) {
      const known = await this.db.db.selectFrom('partnerships').select('slug').orderBy('slug').execute();
      throw invalidReference([
        {
          name: 'partnership',
          reason: `No partnership has the slug "${query.partnership}"; use one of: ${known.map((p) => p.slug).join(', ') || '(none yet)'}.`,
        },
      ]);
    }
    const { partnership: _p, format, dryRun, fileName: _f, ...overrides } = query;
    const file = await readPlanFile(bytes, format, overrides);
    const preview = this.preview(file, query, {
      slug: partnership.slug,
      name: { en: partnership.name_en, fr: partnership.name_fr },
    });
    const slugIssue = file.details.slug
      ? await this.slugIssue(file.details.slug, query.slug !== undefined, format)
      : null;
    if (slugIssue) preview.problems.push(slugIssue);
    if (preview.problems.length) {
      const only = preview.problems.length === 1 && slugIssue !== null;
      throw only
        ? new DomainError(
            'conflict',
            `A plan with the slug "${file.details.slug}" exists already; nothing was written.`,
            preview.problems,
            { preview },
          )
        : new DomainError(
            'invalid_input',
            `The file cannot be loaded: ${preview.problems.length === 1 ? 'one problem' : `${preview.problems.length} problems`}, listed in errors. Nothing was written.`,
            preview.problems,
            { preview },
          );
    }
    if (dryRun || !file.input || !file.slug) return preview;
    const created = await this.write(actor, partnership.id, file);
    return { ...preview, created };
  }

  private preview(file: PlanFile, query: PlanLoadQuery, partnership: PlanLoadPreview['partnership']): PlanLoadPreview {
    const byKind = new Map<string, number>();
    const byDepth = new Map<number, number>();
    for (const n of file.nodes) {
      byKind.set(n.kind, (byKind.get(n.kind) ?? 0) + 1);
      byDepth.set(n.depth, (byDepth.get(n.depth) ?? 0) + 1);
    }
    return {
      dryRun: query.dryRun,
      format: query.format,
      fileName: query.fileName ?? null,
      partnership,
      plan: file.details,
      counts: {
        nodes: file.nodes.length,
        byKind: [...byKind].map(([kind, count]) => ({ kind, count })),
        byDepth: [...byDepth].sort(([a], [b]) => a - b).map(([depth, count]) => ({ depth, count })),
      },
      tree: previewTree(file.nodes),
      warnings: file.warnings,
      problems: [...file.problems],
      created: null,
    };
  }

  private async slugIssue(slug: string, given: boolean, format: PlanLoadQuery['format']) {
    const taken = await this.db.db.selectFrom('plans').select('id').where('slug', '=', slug).executeTakeFirst();
    if (!taken) return null;
    return {
      name: format === 'xlsx' && !given ? 'Plan sheet, slug' : 'slug',
      reason: `A plan with the slug "${slug}" exists already; give the new plan another slug (the slug option replaces the file's).`,
    };
  }

  private async write(actor: Actor, partnershipId: string, file: PlanFile): Promise<{ id: string; slug: string }> {
    const input = file.input;
    const slug = file.slug;
    if (!input || !slug) throw new Error('A plan with problems is never written.');
    const id = newId();
    const taken = () =>
      new DomainError('conflict', `A plan with the slug "${slug}" exists already; nothing was written.`, [
        { name: 'slug', reason: 'Give the new plan another slug.' },
      ]);
    try {
      await this.insert(actor, partnershipId, id, input, slug, file, taken);
    } catch (err) {
      // Two loads of one new slug at once: the database's unique slug refuses the second, which is a conflict too.
      if (
        !(err instanceof DomainError) &&
        (await this.db.db.selectFrom('plans').select('id').where('slug', '=', slug).executeTakeFirst())
      )
        throw taken();
      throw err;
    }
    return { id, slug };
  }

  private async insert(
    actor: Actor,
    partnershipId: string,
    id: string,
    input: NonNullable<PlanFile['input']>,
    slug: string,
    file: PlanFile,
    taken: () => DomainError,
  ): Promise<void> {
    await this.db.db.transaction().execute(async (trx) => {
      // Checked again inside the transaction: another load may have taken the slug since the check above.
      if (await trx.selectFrom('plans').select('id').where('slug', '=', slug).executeTakeFirst()) throw taken();
      const now = nowIso();
      const record = { created_at: now, updated_at: now };
      await trx
        .insertInto('plans')
        .values({
          id,
          partnership_id: partnershipId,
          slug,
          title_en: input.title.en,
          title_fr: input.title.fr,
          short_title_en: input.shortTitle.en,
          short_title_fr: input.shortTitle.fr,
          period_start: input.periodStart,
          period_end: input.periodEnd,
          period_note: input.periodNote,
          adopted_on: input.adoptedOn,
          adopted_at_en: input.adoptedAt.en,
          adopted_at_fr: input.adoptedAt.fr,
          status: input.status,
          summary_en: input.summary.en,
          summary_fr: input.summary.fr,
          description_en: input.description.en,
          description_fr: input.description.fr,
          full_text_url: input.fullTextUrl,
          signoff_sides: input.signoffSides.length ? input.signoffSides.join(',') : null,
          ...record,
        })
        .execute();
      const planRow = await trx.selectFrom('plans').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      const history = new HistoryRepository(trx);
      await history.append({
        entityType: 'plan',
        entityId: id,
        version: 1,
        action: 'create',
        comment: `Loaded from a ${file.nodes.length}-node plan definition file.`,
        actorId: actor.id,
        changes: diffFields(null, planSnapshot(planRow)),
        snapshot: planSnapshot(planRow),
        before: null,
      });
      const ids = new Map<string, string>();
      const rows: Insertable<FrameworkNodesTable>[] = file.nodes.map((n) => {
        const nodeId = newId();
        ids.set(n.code, nodeId);
        return {
          id: nodeId,
          plan_id: id,
          parent_id: n.parentCode === null ? null : (ids.get(n.parentCode) ?? null),
          kind: n.kind,
          code: n.code,
          depth: n.depth,
          position: n.position,
          title_en: n.title.en,
          title_fr: n.title.fr,
          description_en: n.description.en,
          description_fr: n.description.fr,
          status: n.status,
          ...record,
        };
      });
      for (let i = 0; i < rows.length; i += 200)
        await trx
          .insertInto('framework_nodes')
          .values(rows.slice(i, i + 200))
          .execute();
      const stored = await trx.selectFrom('framework_nodes').selectAll().where('plan_id', '=', id).execute();
      const entries: Insertable<RecordHistoryTable>[] = stored.map((row) => ({
        id: newId(),
        entity_type: 'framework_node',
        entity_id: row.id,
        version: 1,
        action: 'create',
        user_id: actor.id,
        at: now,
        comment: null,
        changes: JSON.stringify(diffFields(null, nodeSnapshot(row))),
        snapshot: JSON.stringify(nodeSnapshot(row)),
      }));
      await history.insertMany(entries);
      await new SearchIndexRepository(trx, this.db.dialect).apply({ nodes: [...ids.values()] });
    });
  }
}
