import type { Kysely, Selectable } from 'kysely';
import type { OrganisationDetail } from '../../shared/api-types';
import { organisationInputSchema, type OrganisationInput } from '../../shared/schemas/organisation.schema';
import type { Db } from '../db/database';
import type { Database, OrganisationsTable } from '../db/schema';
import { DomainError, invalidInput, notFound } from '../errors';
import { diffFields, priorState } from '../history';
import { newId, nowIso } from '../ids';
import { authorize, type Actor } from '../policy';
import { StaleVersion, withVersionCheck } from '../versioned';
import { SearchIndexRepository } from '../repositories/search-index.repository';
import { HistoryRepository } from '../repositories/history.repository';
import { OrganisationRepository } from '../repositories/organisation.repository';
import { versionToRestore } from './history.service';
import type { OrganisationService } from './organisation.service';

type OrgRow = Selectable<OrganisationsTable>;

/** Creating, editing, deleting and merging organisations; every change versioned and in the history. */
export class OrganisationWriteService {
  constructor(
    private readonly db: Db,
    private readonly reader: OrganisationService,
  ) {}

  private async snapshot(trx: Kysely<Database>, row: OrgRow): Promise<OrganisationInput> {
    const former = await new OrganisationRepository(trx).formerNames(row.id);
    return {
      name: { en: row.name_en, fr: row.name_fr },
      acronym: row.acronym,
      type: row.type as OrganisationInput['type'],
      country: row.country,
      iatiIdentifier: row.iati_identifier,
      website: row.website,
      description: { en: row.description_en, fr: row.description_fr },
      formerNames: former.map((f) => ({ name: f.name, acronym: f.acronym, until: f.until, note: f.note })),
    };
  }

  private columns(input: OrganisationInput) {
    return {
      name_en: input.name.en,
      name_fr: input.name.fr,
      acronym: input.acronym,
      type: input.type,
      country: input.country,
      iati_identifier: input.iatiIdentifier,
      website: input.website,
      description_en: input.description.en,
      description_fr: input.description.fr,
    };
  }

  /** Replaces the organisation's former names; a new organisation (`fresh`) has none to remove. */
  private async writeFormerNames(
    trx: Kysely<Database>,
    id: string,
    input: OrganisationInput,
    now: string,
    fresh = false,
  ) {
    if (!fresh) await trx.deleteFrom('organisation_former_names').where('organisation_id', '=', id).execute();
    if (input.formerNames.length) {
      await trx
        .insertInto('organisation_former_names')
        .values(
          input.formerNames.map((f) => ({ id: newId(), organisation_id: id, ...f, created_at: now, updated_at: now })),
        )
        .execute();
    }
  }

  private async checkUnique(trx: Kysely<Database>, input: OrganisationInput, selfId: string | null) {
    if (!input.iatiIdentifier) return;
    const other = await trx
      .selectFrom('organisations')
      .select('id')
      .where('iati_identifier', '=', input.iatiIdentifier)
      .executeTakeFirst();
    if (other && other.id !== selfId) {
      throw invalidInput([
        {
          name: 'iatiIdentifier',
          reason: `Another organisation (${other.id}) has this IATI identifier; merge them instead.`,
        },
      ]);
    }
  }

  private async requireRow(trx: Kysely<Database>, id: string): Promise<OrgRow> {
    const row = await trx.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || row.deleted_at) throw notFound('organisation', id);
    return row;
  }

  private versioned<T>(id: string, expected: number, write: () => Promise<T>): Promise<T> {
    return withVersionCheck('organisation', expected, () => this.reader.get(id, 'staff'), write);
  }

  private async bump(trx: Kysely<Database>, id: string, expected: number, values: Partial<OrgRow>): Promise<void> {
    const res = await trx
      .updateTable('organisations')
      .set(values)
      .set((eb) => ({ version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('version', '=', expected)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new StaleVersion(expected + 1);
  }

  /** The search index, written in the same transaction as the organisation (its activities follow a rename). */
  private searchIndex(trx: Kysely<Database>): SearchIndexRepository {
    return new SearchIndexRepository(trx, this.db.dialect);
  }

  async create(actor: Actor, input: OrganisationInput): Promise<OrganisationDetail> {
    authorize(actor, 'organisation:create');
    const id = await this.db.db.transaction().execute((trx) => this.insertWithin(trx, actor, input));
    return this.reader.get(id, 'staff');
  }

  /**
   * Creates an organisation inside the caller's transaction and records it in the history; returns
   * its id. The caller has authorized the actor.
   */
  async insertWithin(
    trx: Kysely<Database>,
    actor: Actor,
    input: OrganisationInput,
    /** The caller re-indexes the organisation for search itself, before its transaction ends. */
    deferIndex = false,
  ): Promise<string> {
    const id = newId();
    await this.checkUnique(trx, input, null);
    const now = nowIso();
    await trx
      .insertInto('organisations')
      .values({
        id,
        ...this.columns(input),
        created_at: now,
        updated_at: now,
        deleted_at: null,
        deleted_by: null,
        merged_into_id: null,
      })
      .execute();
    await this.writeFormerNames(trx, id, input, now, true);
    if (!deferIndex) await this.searchIndex(trx).apply({ organisations: [id] });
    await new HistoryRepository(trx).append({
      entityType: 'organisation',
      entityId: id,
      version: 1,
      action: 'create',
      actorId: actor.id,
      changes: diffFields(null, input),
      snapshot: input,
      before: null,
    });
    return id;
  }

  async update(
    actor: Actor,
    id: string,
    expected: number,
    input: OrganisationInput,
    action: 'update' | 'restore' = 'update',
    comment: string | null = null,
  ): Promise<OrganisationDetail> {
    authorize(actor, 'organisation:update');
    await this.versioned(id, expected, () =>
      this.db.db.transaction().execute(async (trx) => {
        const row = await this.requireRow(trx, id);
        if (row.version !== expected) throw new StaleVersion(row.version);
        await this.checkUnique(trx, input, id);
        const before = await this.snapshot(trx, row);
        const now = nowIso();
        await this.bump(trx, id, expected, { ...this.columns(input), updated_at: now });
        await this.writeFormerNames(trx, id, input, now);
        await this.searchIndex(trx).apply({ organisations: [id] });
        await new HistoryRepository(trx).append({
          entityType: 'organisation',
          entityId: id,
          version: expected + 1,
          action,
          comment,
          actorId: actor.id,
          changes: diffFields(before, input),
          snapshot: input,
          before: priorState(row, before),
        });
      }),
    );
    return this.reader.get(id, 'staff');
  }

  /** Moves an organisation to the trash; refused while activities still name it (merge it instead). */
  async delete(actor: Actor, id: string, expected: number): Promise<void> {
    authorize(actor, 'organisation:delete');
    await this.versioned(id, expected, () =>
      this.db.db.transaction().execute(async (trx) => {
        const row = await this.requireRow(trx, id);
        if (row.version !== expected) throw new StaleVersion(row.version);
        const used = await trx
          .selectFrom('activity_participants')
          .select('id')
          .where('organisation_id', '=', id)
          .executeTakeFirst();
        if (used) {
          throw new DomainError(
            'conflict',
            'Activities still name this organisation. Merge it into another one instead, so no link is lost.',
          );
        }
        const now = nowIso();
        await this.bump(trx, id, expected, { deleted_at: now, deleted_by: actor.id, updated_at: now });
        const snapshot = await this.snapshot(trx, row);
        await this.searchIndex(trx).apply({ organisations: [id] });
        await new HistoryRepository(trx).append({
          entityType: 'organisation',
          entityId: id,
          version: expected + 1,
          action: 'delete',
          actorId: actor.id,
          changes: [],
          snapshot,
          before: priorState(row, snapshot),
        });
      }),
    );
  }

  /**
   * Merges a duplicate into the organisation to keep: every participation, funding line and account
   * moves over (a participation the kept one already has is not doubled), the duplicate's names
   * become former names of the kept one, and the duplicate goes to the trash marked as merged.
   */
  async merge(actor: Actor, duplicateId: string, expected: number, keepId: string): Promise<OrganisationDetail> {
    authorize(actor, 'organisation:merge');
    if (duplicateId === keepId)
      throw invalidInput([{ name: 'into', reason: 'Choose a different organisation to keep.' }]);
    await this.versioned(duplicateId, expected, () =>
      this.db.db.transaction().execute(async (trx) => {
        const dup = await this.requireRow(trx, duplicateId);
        if (dup.version !== expected) throw new StaleVersion(dup.version);
        const keep = await this.requireRow(trx, keepId).catch(() => {
          throw invalidInput([{ name: 'into', reason: `No organisation with id "${keepId}" exists.` }]);
        });
        const keepBefore = await this.snapshot(trx, keep);
        const now = nowIso();
        const existing = await trx
          .selectFrom('activity_participants')
          .select(['activity_id', 'role'])
          .where('organisation_id', '=', keepId)
          .execute();
        const has = new Set(existing.map((p) => `${p.activity_id}|${p.role}`));
        for (const p of await trx
          .selectFrom('activity_participants')
          .select(['id', 'activity_id', 'role'])
          .where('organisation_id', '=', duplicateId)
          .execute()) {
          if (has.has(`${p.activity_id}|${p.role}`))
            await trx.deleteFrom('activity_participants').where('id', '=', p.id).execute();
          else
            await trx
              .updateTable('activity_participants')
              .set({ organisation_id: keepId, updated_at: now })
              .where('id', '=', p.id)
              .execute();
        }
        await trx
          .updateTable('funding_lines')
          .set({ provider_id: keepId, updated_at: now })
          .where('provider_id', '=', duplicateId)
          .execute();
        await trx
          .updateTable('funding_lines')
          .set({ recipient_id: keepId, updated_at: now })
          .where('recipient_id', '=', duplicateId)
          .execute();
        await trx
          .updateTable('activities')
          .set({ reporting_org_id: keepId })
          .where('reporting_org_id', '=', duplicateId)
          .execute();
        await trx
          .updateTable('users')
          .set({ organisation_id: keepId, updated_at: now })
          .where('organisation_id', '=', duplicateId)
          .execute();
        const dupSnapshot = await this.snapshot(trx, dup);
        const names = [dup.name_en, dup.name_fr].filter(
          (n): n is string => !!n && n !== keep.name_en && n !== keep.name_fr,
        );
        const keepAfter: OrganisationInput = {
          ...keepBefore,
          acronym: keepBefore.acronym ?? dup.acronym,
          iatiIdentifier: keepBefore.iatiIdentifier ?? null,
          formerNames: [
            ...keepBefore.formerNames,
            ...dupSnapshot.formerNames,
            ...[...new Set(names)].map((name) => ({
              name,
              acronym: dup.acronym,
              until: null,
              note: `Merged on ${now.slice(0, 10)}.`,
            })),
          ],
        };
        await this.bump(trx, keepId, keep.version, { acronym: keepAfter.acronym, updated_at: now });
        await this.writeFormerNames(trx, keepId, keepAfter, now);
        await this.bump(trx, duplicateId, expected, {
          deleted_at: now,
          deleted_by: actor.id,
          merged_into_id: keepId,
          iati_identifier: null,
          updated_at: now,
        });
        if (dup.iati_identifier && !keep.iati_identifier) {
          await trx
            .updateTable('organisations')
            .set({ iati_identifier: dup.iati_identifier })
            .where('id', '=', keepId)
            .execute();
          keepAfter.iatiIdentifier = dup.iati_identifier;
        }
        const history = new HistoryRepository(trx);
        await this.searchIndex(trx).apply({ organisations: [keepId] });
        await history.append({
          entityType: 'organisation',
          entityId: keepId,
          version: keep.version + 1,
          action: 'merge',
          actorId: actor.id,
          changes: diffFields(keepBefore, keepAfter),
          snapshot: keepAfter,
          comment: `Merged ${duplicateId} into this organisation.`,
          before: priorState(keep, keepBefore),
        });
        await this.searchIndex(trx).apply({ organisations: [duplicateId] });
        await history.append({
          entityType: 'organisation',
          entityId: duplicateId,
          version: expected + 1,
          action: 'merged',
          actorId: actor.id,
          changes: [],
          snapshot: dupSnapshot,
          comment: `Merged into ${keepId}.`,
          before: priorState(dup, dupSnapshot),
        });
      }),
    );
    return this.reader.get(keepId, 'staff');
  }

  /** Brings back the state recorded at `version`, as a new version. */
  async restoreVersion(actor: Actor, id: string, version: number, expected: number): Promise<OrganisationDetail> {
    authorize(actor, 'organisation:update');
    const { input, comment } = await versionToRestore(this.db.db, 'organisation', id, version, organisationInputSchema);
    return this.update(actor, id, expected, input, 'restore', comment);
  }

  async listTrash(actor: Actor) {
    authorize(actor, 'trash:read');
    const rows = await this.db.db
      .selectFrom('organisations')
      .select(['id', 'name_en', 'name_fr', 'deleted_at', 'deleted_by', 'merged_into_id', 'version'])
      .where('deleted_at', 'is not', null)
      .orderBy('deleted_at', 'desc')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      name: { en: r.name_en, fr: r.name_fr },
      deletedAt: r.deleted_at,
      deletedBy: r.deleted_by,
      mergedIntoId: r.merged_into_id,
      version: r.version,
    }));
  }

  /** Takes an organisation out of the trash. A merged duplicate stays merged: its links live on in the kept one. */
  async restoreFromTrash(actor: Actor, id: string): Promise<OrganisationDetail> {
    authorize(actor, 'trash:restore');
    await this.db.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row?.deleted_at) throw notFound('organisation in the trash', id);
      if (row.merged_into_id) {
        throw new DomainError(
          'conflict',
          `This organisation was merged into ${row.merged_into_id}; its links are there now.`,
        );
      }
      await this.bump(trx, id, row.version, { deleted_at: null, deleted_by: null, updated_at: nowIso() });
      const snapshot = await this.snapshot(trx, row);
      await this.searchIndex(trx).apply({ organisations: [id] });
      await new HistoryRepository(trx).append({
        entityType: 'organisation',
        entityId: id,
        version: row.version + 1,
        action: 'undelete',
        actorId: actor.id,
        changes: [],
        snapshot,
        before: priorState(row, snapshot),
      });
    });
    return this.reader.get(id, 'staff');
  }
}
