import type { Insertable, Kysely, Selectable } from 'kysely';
import type { CoverageSnapshotsTable, Database } from '../db/schema';

export type SnapshotRow = Selectable<CoverageSnapshotsTable>;

/** What a list shows of a snapshot: every column but the frozen coverage, plus the author's name. */
export type SnapshotListRow = Omit<SnapshotRow, 'coverage'> & { created_by_name: string | null };

const LIST_COLUMNS = [
  's.id',
  's.plan_id',
  's.label',
  's.note',
  's.as_of',
  's.addressed_share',
  's.currency',
  's.addressed',
  's.launched',
  's.not_started',
  's.leaves',
  's.activity_count',
  's.gap_count',
  's.created_by',
  's.deleted_at',
  's.deleted_by',
  's.created_at',
  's.updated_at',
  's.version',
  'u.display_name as created_by_name',
] as const;

/** Frozen coverages of plans. Only this file queries `coverage_snapshots`. */
export class SnapshotRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** A plan's snapshots in force, by reference date then creation. */
  list(planId: string): Promise<SnapshotListRow[]> {
    return this.db
      .selectFrom('coverage_snapshots as s')
      .leftJoin('users as u', 'u.id', 's.created_by')
      .select(LIST_COLUMNS)
      .where('s.plan_id', '=', planId)
      .where('s.deleted_at', 'is', null)
      .orderBy('s.as_of')
      .orderBy('s.created_at')
      .orderBy('s.id')
      .execute();
  }

  /** One snapshot in force of the plan, with its coverage. */
  find(planId: string, id: string): Promise<(SnapshotRow & { created_by_name: string | null }) | undefined> {
    return this.db
      .selectFrom('coverage_snapshots as s')
      .leftJoin('users as u', 'u.id', 's.created_by')
      .selectAll('s')
      .select('u.display_name as created_by_name')
      .where('s.plan_id', '=', planId)
      .where('s.id', '=', id)
      .where('s.deleted_at', 'is', null)
      .executeTakeFirst();
  }

  async insert(row: Insertable<CoverageSnapshotsTable>): Promise<void> {
    await this.db.insertInto('coverage_snapshots').values(row).execute();
  }

  /** Withdraws the snapshot when its stored version is `expected`; returns whether it did. */
  async withdraw(id: string, expected: number, by: string, at: string): Promise<boolean> {
    const res = await this.db
      .updateTable('coverage_snapshots')
      .set((eb) => ({ deleted_at: at, deleted_by: by, updated_at: at, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('version', '=', expected)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }
}
