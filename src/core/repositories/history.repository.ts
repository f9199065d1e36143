import type { Insertable, Kysely } from 'kysely';
import type { Database, RecordHistoryTable } from '../db/schema';

/** The change log of every record: who, when, what changed, and the full state after. */
export class HistoryRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(row: Insertable<RecordHistoryTable>): Promise<void> {
    await this.db.insertInto('record_history').values(row).execute();
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
