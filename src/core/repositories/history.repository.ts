import type { Insertable, Kysely } from 'kysely';
import type { Database, RecordHistoryTable } from '../db/schema';
import { BASELINE, type FieldChange, type HistoryEntityType, type PriorState } from '../history';
import { newId, nowIso } from '../ids';

/** The table that holds each kind of record with a history. */
const RECORD_TABLES = {
  activity: 'activities',
  organisation: 'organisations',
  plan: 'plans',
  framework_node: 'framework_nodes',
  user: 'users',
  exchange_rate: 'exchange_rates',
  crosswalk_entry: 'plan_crosswalk_entries',
} as const satisfies Record<HistoryEntityType, keyof Database>;

/** One change to append to a record's history. */
export interface HistoryAppend {
  entityType: HistoryEntityType;
  entityId: string;
  version: number;
  action: string;
  /** Null for changes made outside any session, such as by the command line. */
  actorId: string | null;
  changes: FieldChange[];
  snapshot: unknown;
  comment?: string | null;
  /**
   * The record's state just before this change; null for a creation. When the record has no
   * history yet (it was seeded or imported), that state is recorded first, as a `baseline` entry
   * for its version, so that the version can be restored.
   */
  before: PriorState | null;
}

/** The change log of every record: who, when, what changed, and the full state after. */
export class HistoryRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(row: Insertable<RecordHistoryTable>): Promise<void> {
    await this.db.insertInto('record_history').values(row).execute();
  }

  /** Inserts many entries, a few hundred per statement. */
  async insertMany(rows: readonly Insertable<RecordHistoryTable>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 300) {
      await this.db
        .insertInto('record_history')
        .values(rows.slice(i, i + 300))
        .execute();
    }
  }

  /**
   * Appends one change: who made it, the fields it changed, and the whole state after it; first
   * the record's baseline when this is the first change recorded for it.
   */
  async append(entry: HistoryAppend): Promise<void> {
    if (entry.before && !(await this.hasEntries(entry.entityType, entry.entityId))) {
      await this.insert({
        id: newId(),
        entity_type: entry.entityType,
        entity_id: entry.entityId,
        version: entry.before.version,
        action: BASELINE.action,
        user_id: null,
        at: entry.before.at,
        comment: BASELINE.comment,
        changes: JSON.stringify([]),
        snapshot: JSON.stringify(entry.before.snapshot),
      });
    }
    await this.insert({
      id: newId(),
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      version: entry.version,
      action: entry.action,
      user_id: entry.actorId,
      at: nowIso(),
      comment: entry.comment ?? null,
      changes: JSON.stringify(entry.changes),
      snapshot: JSON.stringify(entry.snapshot),
    });
  }

  private async hasEntries(entityType: HistoryEntityType, entityId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('record_history')
      .select('id')
      .where('entity_type', '=', entityType)
      .where('entity_id', '=', entityId)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Whether the record is stored, in the trash or not. */
  async recordExists(entityType: HistoryEntityType, entityId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom(RECORD_TABLES[entityType])
      .select('id')
      .where('id', '=', entityId)
      .executeTakeFirst();
    return row !== undefined;
  }

  list(entityType: HistoryEntityType, entityId: string) {
    return this.db
      .selectFrom('record_history as h')
      .leftJoin('users as u', 'u.id', 'h.user_id')
      .selectAll('h')
      .select('u.display_name')
      .where('h.entity_type', '=', entityType)
      .where('h.entity_id', '=', entityId)
      .orderBy('h.version', 'desc')
      .orderBy('h.at', 'desc')
      .execute();
  }

  /** The state recorded at a version (the latest entry for it). */
  find(entityType: HistoryEntityType, entityId: string, version: number) {
    return this.db
      .selectFrom('record_history')
      .selectAll()
      .where('entity_type', '=', entityType)
      .where('entity_id', '=', entityId)
      .where('version', '=', version)
      .orderBy('at', 'desc')
      .executeTakeFirst();
  }
}
