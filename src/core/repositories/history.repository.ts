import type { Insertable, Kysely } from 'kysely';
import type { Database, RecordHistoryTable } from '../db/schema';
import type { FieldChange } from '../history';
import { newId, nowIso } from '../ids';

/** The change log of every record: who, when, what changed, and the full state after. */
export class HistoryRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(row: Insertable<RecordHistoryTable>): Promise<void> {
    await this.db.insertInto('record_history').values(row).execute();
  }

  /** Appends one change: who made it, the fields it changed, and the whole state after it. */
  async append(entry: {
    entityType: string;
    entityId: string;
    version: number;
    action: string;
    /** Null for changes made outside any session, such as by the command line. */
    actorId: string | null;
    changes: FieldChange[];
    snapshot: unknown;
    comment?: string | null;
  }): Promise<void> {
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

  list(entityType: string, entityId: string) {
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
  find(entityType: string, entityId: string, version: number) {
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
