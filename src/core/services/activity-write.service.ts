import type { Kysely } from 'kysely';
import type { ActivityDetail } from '../../shared/api-types';
import { fromMinorUnits, normalizeAmount, toMinorUnits } from '../../shared/money';
import { activityInputSchema, type ActivityInput } from '../../shared/schemas/activity.schema';
import type { Confidence, WorkflowState } from '../../shared/vocab';
import type { Database } from '../db/schema';
import type { Db } from '../db/database';
import { DomainError, invalidReference, notFound, type FieldIssue } from '../errors';
import { activityDetailsOf } from '../activity-details';
import { diffFields, priorState, type FieldChange } from '../history';
import { newId, nowIso } from '../ids';
import { authorize, type Action, type Actor } from '../policy';
import { StaleVersion, withVersionCheck } from '../versioned';
import { SearchIndexRepository } from '../repositories/search-index.repository';
import { ActivityRepository, type ActivityRow } from '../repositories/activity.repository';
import { HistoryRepository, type HistoryAppend } from '../repositories/history.repository';
import type { ActivityService } from './activity.service';
import { versionToRestore } from './history.service';
import { chunks } from '../chunks';

/** A list as stored in a JSON text column: null when empty. */
const jsonList = (list: readonly unknown[]): string | null => (list.length ? JSON.stringify(list) : null);

/** Rows written per statement by the bulk insert (well under both databases' limits on bound parameters). */
const BULK_ROWS = 400;

/** The records an activity may name that exist: live organisations, framework nodes with their status. */
interface References {
  organisations: Set<string>;
  nodes: Map<string, { status: string; code: string }>;
}

/** What `input` names that `refs` does not hold (or holds retired), one issue per field. */
function referenceIssues(input: ActivityInput, refs: References): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const known = refs.organisations;
  input.participants.forEach((p, i) => {
    if (!known.has(p.organisationId))
      issues.push({
        name: `participants.${i}.organisationId`,
        reason: `No organisation with id "${p.organisationId}" exists.`,
      });
  });
  if (input.reportingOrganisationId && !known.has(input.reportingOrganisationId))
    issues.push({
      name: 'reportingOrganisationId',
      reason: `No organisation with id "${input.reportingOrganisationId}" exists.`,
    });
  input.funding.forEach((f, i) => {
    for (const k of ['providerId', 'recipientId'] as const) {
      const v = f[k];
      if (v && !known.has(v))
        issues.push({ name: `funding.${i}.${k}`, reason: `No organisation with id "${v}" exists.` });
    }
  });
  input.links.forEach((l, i) => {
    const n = refs.nodes.get(l.nodeId);
    if (!n) issues.push({ name: `links.${i}.nodeId`, reason: `No framework node with id "${l.nodeId}" exists.` });
    else if (n.status === 'retired')
      issues.push({ name: `links.${i}.nodeId`, reason: `${n.code} is retired; link a current part of the plan.` });
  });
  return issues;
}

type ChildRows = Parameters<ActivityRepository['insertChildren']>[0];

/** One activity of a bulk insert: the id it will have, and its content. */
export interface NewActivity {
  id: string;
  input: ActivityInput;
}

/** Field-by-field before/after of two states of an activity. */
export const diffActivity = (before: ActivityInput | null, after: ActivityInput): FieldChange[] =>
  diffFields(before, after);

/**
 * Whether a reviewer kept to one partnership may review an activity: one linked to a plan of that partnership. A
 * reviewer of every partnership reviews every activity.
 */
function inScope(actor: Actor, partnerships: readonly string[]): boolean {
  return !actor.partnershipId || partnerships.includes(actor.partnershipId);
}

async function requireInScope(actor: Actor, repo: ActivityRepository, id: string): Promise<void> {
  if (!inScope(actor, await repo.partnershipsOf(id))) {
    throw new DomainError(
      'forbidden',
      'Your account reviews the activities of one partnership, and this activity is not linked to any of its plans; a reviewer of its partnership must decide.',
    );
  }
}

/**
 * Creating, editing, deleting and restoring activities, and their publication workflow. Every
 * write is one transaction that checks the version it was based on and appends to the history.
 * Workflow steps (submit, approve, return) do not change the version: it counts content edits,
 * so that an approval always names the content it approved.
 */
export class ActivityWriteService {
  constructor(
    private readonly db: Db,
    private readonly reader: ActivityService,
  ) {}

  private async tx<T>(
    fn: (repo: ActivityRepository, history: HistoryRepository, trx: Kysely<Database>) => Promise<T>,
  ): Promise<T> {
    return this.db.db.transaction().execute((trx) => fn(new ActivityRepository(trx), new HistoryRepository(trx), trx));
  }

  private versioned<T>(id: string, expected: number, write: () => Promise<T>): Promise<T> {
    return withVersionCheck('activity', expected, () => this.reader.get(id, 'staff'), write);
  }

  private async checkReferences(trx: Kysely<Database>, input: ActivityInput): Promise<void> {
    const issues = referenceIssues(input, await this.references(trx, [input]));
    if (issues.length) throw invalidReference(issues);
  }

  /** The live organisations and the framework nodes the inputs name, in two queries. */
  private async references(trx: Kysely<Database>, inputs: readonly ActivityInput[]): Promise<References> {
    const orgIds = [
      ...new Set(
        inputs.flatMap((input) => [
          ...input.participants.map((p) => p.organisationId),
          ...(input.reportingOrganisationId ? [input.reportingOrganisationId] : []),
          ...input.funding.flatMap((f) => [f.providerId, f.recipientId]).filter((x): x is string => !!x),
        ]),
      ),
    ];
    const organisations = new Set<string>();
    for (const ids of chunks(orgIds)) {
      const orgs = await trx
        .selectFrom('organisations')
        .select('id')
        .where('id', 'in', ids)
        .where('deleted_at', 'is', null)
        .execute();
      for (const o of orgs) organisations.add(o.id);
    }
    const nodeIds = [...new Set(inputs.flatMap((input) => input.links.map((l) => l.nodeId)))];
    const nodes = new Map<string, { status: string; code: string }>();
    for (const ids of chunks(nodeIds)) {
      const rows = await trx
        .selectFrom('framework_nodes')
        .select(['id', 'status', 'code'])
        .where('id', 'in', ids)
        .execute();
      for (const n of rows) nodes.set(n.id, n);
    }
    return { organisations, nodes };
  }

  private columns(input: ActivityInput) {
    return {
      iati_identifier: input.iatiIdentifier,
      title_en: input.title.en,
      title_fr: input.title.fr,
      summary_en: input.summary.en,
      summary_fr: input.summary.fr,
      description_en: input.description.en,
      description_fr: input.description.fr,
      type: input.type,
      status: input.status,
      planned_start: input.plannedStart,
      planned_end: input.plannedEnd,
      actual_start: input.actualStart,
      actual_end: input.actualEnd,
      start_date: input.actualStart ?? input.plannedStart,
      end_date: input.actualEnd ?? input.plannedEnd,
      regional: input.regional ? 1 : 0,
      reporting_org_id: input.reportingOrganisationId,
      sectors: jsonList(input.sectors),
      other_recipients: jsonList(input.otherRecipients),
      results: jsonList(input.results),
      other_language_texts: jsonList(input.otherLanguageTexts),
    };
  }

  private async writeChildren(repo: ActivityRepository, id: string, input: ActivityInput, now: string): Promise<void> {
    await repo.insertChildren(this.childRows(id, input, now));
  }

  /** The rows of the activity's countries, participants, funding lines, links and sources. */
  private childRows(id: string, input: ActivityInput, now: string): ChildRows {
    const meta = { created_at: now, updated_at: now };
    return {
      countries: input.countries.map((country) => ({ activity_id: id, country, ...meta })),
      participants: input.participants.map((p, position) => ({
        id: newId(),
        activity_id: id,
        organisation_id: p.organisationId,
        role: p.role,
        position,
        note: p.note,
        ...meta,
      })),
      funding: input.funding.map((f, position) => ({
        id: newId(),
        activity_id: id,
        position,
        amount_minor: toMinorUnits(f.amount, f.currency),
        currency: f.currency,
        type: f.type,
        date: f.date,
        value_date: f.valueDate,
        provider_id: f.providerId,
        recipient_id: f.recipientId,
        note: f.note,
        ...meta,
      })),
      links: input.links.map((l) => ({
        id: newId(),
        activity_id: id,
        node_id: l.nodeId,
        rationale: l.rationale,
        confidence: l.confidence,
        ...meta,
      })),
      sources: input.sources.map((s, position) => ({
        id: newId(),
        activity_id: id,
        position,
        url: s.url,
        title: s.title,
        publisher: s.publisher,
        published_on: s.publishedOn,
        confidence: s.confidence,
        note: s.note,
        ...meta,
      })),
    };
  }

  /** The stored state of an activity in input form: what history keeps and restore brings back. */
  async snapshot(repo: ActivityRepository, row: ActivityRow): Promise<ActivityInput> {
    const [countries, participants, funding, links, sources] = await Promise.all([
      repo.countries([row.id]),
      repo.participantRows(row.id),
      repo.fundingLines([row.id]),
      repo.linkRows(row.id),
      repo.sources(row.id),
    ]);
    return {
      iatiIdentifier: row.iati_identifier,
      title: { en: row.title_en, fr: row.title_fr },
      summary: { en: row.summary_en, fr: row.summary_fr },
      description: { en: row.description_en, fr: row.description_fr },
      type: row.type as ActivityInput['type'],
      status: row.status as ActivityInput['status'],
      plannedStart: row.planned_start,
      plannedEnd: row.planned_end,
      actualStart: row.actual_start,
      actualEnd: row.actual_end,
      countries: countries.map((c) => c.country as ActivityInput['countries'][number]).sort(),
      regional: row.regional === 1,
      ...activityDetailsOf(row),
      participants: participants.map((p) => ({
        organisationId: p.organisation_id,
        role: p.role as ActivityInput['participants'][number]['role'],
        note: p.note,
      })),
      funding: funding.map((f) => ({
        amount: normalizeAmount(fromMinorUnits(Number(f.amount_minor), f.currency)),
        currency: f.currency,
        type: f.type as ActivityInput['funding'][number]['type'],
        date: f.date,
        valueDate: f.value_date,
        providerId: f.provider_id,
        recipientId: f.recipient_id,
        note: f.note,
      })),
      links: links.map((l) => ({
        nodeId: l.node_id,
        rationale: l.rationale,
        confidence: l.confidence as Confidence | null,
      })),
      sources: sources.map((s) => ({
        url: s.url,
        title: s.title,
        publisher: s.publisher,
        publishedOn: s.published_on,
        confidence: s.confidence as Confidence,
        note: s.note,
      })),
    };
  }

  private async requireRow(repo: ActivityRepository, id: string): Promise<ActivityRow> {
    const row = await repo.findById(id);
    if (!row || row.deleted_at) throw notFound('activity', id);
    return row;
  }

  private async record(
    history: HistoryRepository,
    actor: Actor,
    entry: Omit<HistoryAppend, 'entityType' | 'actorId' | 'snapshot'> & { snapshot: ActivityInput },
  ): Promise<void> {
    await history.append({ entityType: 'activity', actorId: actor.id, ...entry });
  }

  /** The search index, written in the same transaction as the activity. */
  private searchIndex(trx: Kysely<Database>): SearchIndexRepository {
    return new SearchIndexRepository(trx, this.db.dialect);
  }

  async create(actor: Actor, input: ActivityInput): Promise<ActivityDetail> {
    authorize(actor, 'activity:create');
    const id = await this.db.db.transaction().execute((trx) => this.insertWithin(trx, actor, input));
    return this.reader.get(id, 'staff');
  }

  /**
   * Creates a draft activity inside the caller's transaction `trx` and records it in the history;
   * returns its id. The caller has authorized the actor.
   */
  async insertWithin(trx: Kysely<Database>, actor: Actor, input: ActivityInput): Promise<string> {
    const repo = new ActivityRepository(trx);
    const id = newId();
    await this.checkReferences(trx, input);
    const now = nowIso();
    await repo.insert({
      id,
      ...this.columns(input),
      workflow_state: 'draft',
      created_at: now,
      updated_at: now,
      deleted_at: null,
      deleted_by: null,
    });
    await this.writeChildren(repo, id, input, now);
    await this.record(new HistoryRepository(trx), actor, {
      entityId: id,
      version: 1,
      action: 'create',
      snapshot: input,
      changes: diffActivity(null, input),
      before: null,
    });
    await this.searchIndex(trx).apply({ activities: [id] });
    return id;
  }

  /**
   * Creates many draft activities inside the caller's transaction, as `insertWithin` does one by
   * one, in a few statements per table: their references are checked together, and each activity
   * naming a missing or retired record is left out and answered with its issues. The others are
   * written with their history; the caller re-indexes them for search (`searchIndex.apply`) before
   * its transaction ends. The caller has authorized the actor.
   */
  async insertManyWithin(
    trx: Kysely<Database>,
    actor: Actor,
    activities: readonly NewActivity[],
  ): Promise<Map<string, FieldIssue[]>> {
    const refused = new Map<string, FieldIssue[]>();
    if (!activities.length) return refused;
    const refs = await this.references(
      trx,
      activities.map((a) => a.input),
    );
    const kept: NewActivity[] = [];
    for (const a of activities) {
      const issues = referenceIssues(a.input, refs);
      if (issues.length) refused.set(a.id, issues);
      else kept.push(a);
    }
    const now = nowIso();
    const rows = kept.map((a) => ({
      id: a.id,
      ...this.columns(a.input),
      workflow_state: 'draft',
      created_at: now,
      updated_at: now,
      deleted_at: null,
      deleted_by: null,
    }));
    for (const c of chunks(rows, BULK_ROWS / 4)) await trx.insertInto('activities').values(c).execute();
    const children: ChildRows = { countries: [], participants: [], funding: [], links: [], sources: [] };
    for (const a of kept) {
      const own = this.childRows(a.id, a.input, now);
      for (const key of Object.keys(children) as (keyof ChildRows)[]) {
        (children[key] as unknown[]).push(...own[key]);
      }
    }
    const repo = new ActivityRepository(trx);
    for (let i = 0; ; i += BULK_ROWS) {
      const part: ChildRows = {
        countries: children.countries.slice(i, i + BULK_ROWS),
        participants: children.participants.slice(i, i + BULK_ROWS),
        funding: children.funding.slice(i, i + BULK_ROWS),
        links: children.links.slice(i, i + BULK_ROWS),
        sources: children.sources.slice(i, i + BULK_ROWS),
      };
      if (!Object.values(part).some((list) => list.length)) break;
      await repo.insertChildren(part);
    }
    await new HistoryRepository(trx).insertMany(
      kept.map((a) => ({
        id: newId(),
        entity_type: 'activity',
        entity_id: a.id,
        version: 1,
        action: 'create',
        user_id: actor.id,
        at: now,
        comment: null,
        changes: JSON.stringify(diffActivity(null, a.input)),
        snapshot: JSON.stringify(a.input),
      })),
    );
    return refused;
  }

  /**
   * Replaces the stored activity `row` with `input` inside the caller's transaction, if it is still
   * at the row's version, and records the change. The caller has authorized the actor.
   */
  async replaceWithin(
    trx: Kysely<Database>,
    actor: Actor,
    row: ActivityRow,
    input: ActivityInput,
    action: 'update' | 'restore' | 'import' = 'update',
    comment: string | null = null,
    /** The caller re-indexes the activity for search itself, before its transaction ends. */
    deferIndex = false,
  ): Promise<void> {
    const repo = new ActivityRepository(trx);
    await this.checkReferences(trx, input);
    const before = await this.snapshot(repo, row);
    const now = nowIso();
    if (!(await repo.updateIfVersion(row.id, row.version, { ...this.columns(input), updated_at: now }))) {
      throw new StaleVersion((await repo.findById(row.id))?.version ?? row.version);
    }
    await repo.deleteChildren(row.id);
    await this.writeChildren(repo, row.id, input, now);
    await this.record(new HistoryRepository(trx), actor, {
      entityId: row.id,
      version: row.version + 1,
      action,
      snapshot: input,
      changes: diffActivity(before, input),
      comment,
      before: priorState(row, before),
    });
    if (!deferIndex) await this.searchIndex(trx).apply({ activities: [row.id] });
  }

  /** Replaces the activity with `input`, if it is still at `expectedVersion`. */
  async update(
    actor: Actor,
    id: string,
    expectedVersion: number,
    input: ActivityInput,
    action: 'update' | 'restore' = 'update',
    comment: string | null = null,
    permission: Action = 'activity:update',
  ): Promise<ActivityDetail> {
    authorize(actor, permission);
    await this.versioned(id, expectedVersion, () =>
      this.tx(async (repo, _history, trx) => {
        const row = await this.requireRow(repo, id);
        if (row.version !== expectedVersion) throw new StaleVersion(row.version);
        await this.replaceWithin(trx, actor, row, input, action, comment);
      }),
    );
    return this.reader.get(id, 'staff');
  }

  /** Moves the activity to the trash; admins can restore it. */
  async delete(actor: Actor, id: string, expectedVersion: number): Promise<void> {
    authorize(actor, 'activity:delete');
    await this.versioned(id, expectedVersion, () =>
      this.tx(async (repo, history, trx) => {
        const row = await this.requireRow(repo, id);
        if (row.version !== expectedVersion) throw new StaleVersion(row.version);
        const now = nowIso();
        if (
          !(await repo.updateIfVersion(id, expectedVersion, { deleted_at: now, deleted_by: actor.id, updated_at: now }))
        ) {
          throw new StaleVersion(row.version);
        }
        const snapshot = await this.snapshot(repo, row);
        await this.record(history, actor, {
          entityId: id,
          version: expectedVersion + 1,
          action: 'delete',
          snapshot,
          changes: [],
          before: priorState(row, snapshot),
        });
        await this.searchIndex(trx).apply({ activities: [id] });
      }),
    );
  }

  async listTrash(actor: Actor) {
    authorize(actor, 'trash:read');
    const rows = await new ActivityRepository(this.db.db).listDeleted();
    return rows.map((r) => ({
      id: r.id,
      title: { en: r.title_en, fr: r.title_fr },
      deletedAt: r.deleted_at,
      deletedBy: r.deleted_by,
      version: r.version,
    }));
  }

  async restoreFromTrash(actor: Actor, id: string): Promise<ActivityDetail> {
    authorize(actor, 'trash:restore');
    await this.tx(async (repo, history, trx) => {
      const row = await repo.findById(id);
      if (!row?.deleted_at) throw notFound('activity in the trash', id);
      await repo.updateIfVersion(id, row.version, { deleted_at: null, deleted_by: null, updated_at: nowIso() });
      const snapshot = await this.snapshot(repo, row);
      await this.record(history, actor, {
        entityId: id,
        version: row.version + 1,
        action: 'undelete',
        snapshot,
        changes: [],
        before: priorState(row, snapshot),
      });
      await this.searchIndex(trx).apply({ activities: [id] });
    });
    return this.reader.get(id, 'staff');
  }

  /** Brings back the state recorded at `version`, as a new version. */
  async restoreVersion(actor: Actor, id: string, version: number, expectedVersion: number): Promise<ActivityDetail> {
    authorize(actor, 'activity:restore-version');
    const { input, comment } = await versionToRestore(this.db.db, 'activity', id, version, activityInputSchema);
    return this.update(actor, id, expectedVersion, input, 'restore', comment, 'activity:restore-version');
  }

  // ---- workflow ----

  private async transition(
    actor: Actor,
    id: string,
    expectedVersion: number,
    from: readonly WorkflowState[],
    step: (
      row: ActivityRow,
      repo: ActivityRepository,
      history: HistoryRepository,
    ) => Promise<{ to: WorkflowState; action: string; comment: string | null }>,
  ): Promise<ActivityDetail> {
    await this.versioned(id, expectedVersion, () =>
      this.tx(async (repo, history, trx) => {
        const row = await this.requireRow(repo, id);
        if (row.version !== expectedVersion) throw new StaleVersion(row.version);
        if (!from.includes(row.workflow_state as WorkflowState)) {
          throw new DomainError(
            'conflict',
            `This activity is ${row.workflow_state}; this step needs it to be ${from.join(' or ')}.`,
          );
        }
        const { to, action, comment } = await step(row, repo, history);
        const res = await trx
          .updateTable('activities')
          .set({ workflow_state: to, updated_at: nowIso() })
          .where('id', '=', id)
          .where('version', '=', expectedVersion)
          .where('workflow_state', '=', row.workflow_state)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw new StaleVersion(row.version);
        // A step leaves the content, and so the version, as it was.
        const snapshot = await this.snapshot(repo, row);
        await this.record(history, actor, {
          entityId: id,
          version: row.version,
          action,
          snapshot,
          changes: [{ field: 'workflowState', before: row.workflow_state, after: to }],
          comment,
          before: priorState(row, snapshot),
        });
        await this.searchIndex(trx).apply({ activities: [id] });
      }),
    );
    return this.reader.get(id, 'staff');
  }

  submit(actor: Actor, id: string, expectedVersion: number): Promise<ActivityDetail> {
    authorize(actor, 'activity:submit');
    return this.transition(actor, id, expectedVersion, ['draft', 'returned'], async () => ({
      to: 'submitted',
      action: 'submit',
      comment: null,
    }));
  }

  /**
   * Records a reviewer's approval of the current version. When every side the activity's plans
   * require has approved it (or, with none required, at the first approval), it is published.
   */
  approve(actor: Actor, id: string, expectedVersion: number, comment: string | null): Promise<ActivityDetail> {
    authorize(actor, 'activity:review');
    return this.transition(actor, id, expectedVersion, ['submitted'], async (row, repo, history) => {
      const lastEdit = (await history.list('activity', id)).find((h) =>
        ['create', 'update', 'restore'].includes(h.action),
      );
      if (lastEdit?.user_id === actor.id) {
        throw new DomainError(
          'forbidden',
          'You made the last change to this activity; a different reviewer must approve it.',
        );
      }
      await requireInScope(actor, repo, id);
      const required = await repo.requiredSides(id);
      const approvals = await repo.approvals(id, row.version);
      if (required.length && !required.includes(actor.side)) {
        throw new DomainError(
          'forbidden',
          `This activity needs sign-off from ${required.join(' and ')}; your side is ${actor.side}.`,
        );
      }
      if (approvals.some((a) => a.side === actor.side && a.decision === 'approve')) {
        throw new DomainError('conflict', `A reviewer of the ${actor.side} side has approved this version already.`);
      }
      await repo.insertApproval({
        id: newId(),
        activity_id: id,
        activity_version: row.version,
        user_id: actor.id,
        side: actor.side,
        decision: 'approve',
        comment,
        at: nowIso(),
      });
      const approvedSides = new Set([
        ...approvals.filter((a) => a.decision === 'approve').map((a) => a.side),
        actor.side,
      ]);
      const complete = required.length === 0 || required.every((s) => approvedSides.has(s));
      return complete
        ? { to: 'published', action: 'publish', comment }
        : { to: 'submitted', action: 'approve', comment };
    });
  }

  returnForRevision(actor: Actor, id: string, expectedVersion: number, comment: string): Promise<ActivityDetail> {
    authorize(actor, 'activity:review');
    return this.transition(actor, id, expectedVersion, ['submitted'], async (row, repo) => {
      await requireInScope(actor, repo, id);
      await repo.insertApproval({
        id: newId(),
        activity_id: id,
        activity_version: row.version,
        user_id: actor.id,
        side: actor.side,
        decision: 'return',
        comment,
        at: nowIso(),
      });
      return { to: 'returned', action: 'return', comment };
    });
  }

  /** What waits for this reviewer: submitted activities their side still has to approve. */
  async reviewQueue(actor: Actor) {
    authorize(actor, 'activity:review');
    const repo = new ActivityRepository(this.db.db);
    const items = [];
    for (const row of await repo.listSubmitted()) {
      if (!inScope(actor, await repo.partnershipsOf(row.id))) continue;
      const required = await repo.requiredSides(row.id);
      const approvals = (await repo.approvals(row.id, row.version)).filter((a) => a.decision === 'approve');
      const approvedSides = approvals.map((a) => a.side);
      const mine = required.length === 0 || (required.includes(actor.side) && !approvedSides.includes(actor.side));
      if (!mine) continue;
      items.push({
        id: row.id,
        title: { en: row.title_en, fr: row.title_fr },
        version: row.version,
        submittedAt: row.updated_at,
        requiredSides: required,
        approvedBy: approvals.map((a) => ({ side: a.side, name: a.display_name, at: a.at })),
      });
    }
    return items;
  }
}
