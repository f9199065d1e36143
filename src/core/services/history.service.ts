import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { DomainError, notFound } from '../errors';
import type { FieldChange, HistoryEntityType } from '../history';
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

const label = (entityType: HistoryEntityType) => entityType.replace('_', ' ');

/**
 * The state a record had at `version`, as its history recorded it, parsed into the input its
 * writes take: what restoring that version writes back (as a new version), with the comment the
 * restore is recorded with. not_found when that version was never recorded; conflict when the
 * recorded state no longer passes today's rules for the record.
 */
export async function versionToRestore<S extends z.ZodType>(
  db: Kysely<Database>,
  entityType: HistoryEntityType,
  id: string,
  version: number,
  schema: S,
): Promise<{ input: z.output<S>; comment: string }> {
  const entry = await new HistoryRepository(db).find(entityType, id, version);
  if (!entry) throw notFound(`version ${version} of ${label(entityType)}`, id);
  const parsed = schema.safeParse(JSON.parse(entry.snapshot));
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(record)'))].join(', ');
    throw new DomainError(
      'conflict',
      `Version ${version} of this ${label(entityType)} cannot be restored: it no longer meets today’s rules (${fields}). Edit the ${label(entityType)} instead.`,
    );
  }
  return { input: parsed.data, comment: `Restored version ${version}.` };
}

/** Reads the change log of any record. */
export class HistoryService {
  constructor(private readonly db: Db) {}

  /**
   * The record's recorded changes, latest first: none for a record that came in without history
   * (seeded or imported) and has not changed since. not_found when there is no such record.
   */
  async list(actor: Actor, entityType: HistoryEntityType, id: string): Promise<HistoryEntry[]> {
    // Changes to accounts are for those who manage accounts; every other record's for all staff.
    authorize(actor, entityType === 'user' ? 'user:manage' : 'history:read');
    const history = new HistoryRepository(this.db.db);
    const rows = await history.list(entityType, id);
    if (!rows.length && !(await history.recordExists(entityType, id))) throw notFound(label(entityType), id);
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
