import type { Db } from '../db/database';
import { notFound } from '../errors';
import type { FieldChange } from '../history';
import { authorize, type Actor } from '../policy';
import { HistoryRepository } from '../repositories/history.repository';

export interface HistoryEntry {
  version: number;
  action: string;
  at: string;
  user: { id: string; displayName: string } | null;
  comment: string | null;
  changes: FieldChange[];
}

/** Reads the change log of any record. */
export class HistoryService {
  constructor(private readonly db: Db) {}

  async list(
    actor: Actor,
    entityType: 'activity' | 'organisation' | 'plan' | 'framework_node',
    id: string,
  ): Promise<HistoryEntry[]> {
    authorize(actor, 'history:read');
    const rows = await new HistoryRepository(this.db.db).list(entityType, id);
    if (!rows.length) throw notFound(entityType.replace('_', ' '), id);
    return rows.map((h) => ({
      version: h.version,
      action: h.action,
      at: h.at,
      user: h.user_id ? { id: h.user_id, displayName: h.display_name ?? '' } : null,
      comment: h.comment,
      changes: JSON.parse(h.changes) as FieldChange[],
    }));
  }
}
