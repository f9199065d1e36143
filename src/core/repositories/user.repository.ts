import type { Insertable, Kysely, Selectable } from 'kysely';
import type { ApiTokensTable, Database, SessionsTable, UserLinksTable, UsersTable } from '../db/schema';

export type UserRow = Selectable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;
export type UserLinkRow = Selectable<UserLinksTable>;

/** Accounts, sessions, API tokens, one-time links and sign-in failures. */
export class UserRepository {
  constructor(private readonly db: Kysely<Database>) {}

  findByEmail(email: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  }

  findById(id: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  list(): Promise<UserRow[]> {
    return this.db.selectFrom('users').selectAll().orderBy('email').execute();
  }

  async insert(row: Insertable<UsersTable>): Promise<void> {
    await this.db.insertInto('users').values(row).execute();
  }

  async update(
    id: string,
    values: Partial<Pick<UserRow, 'password_hash' | 'status' | 'last_sign_in_at' | 'updated_at'>>,
  ) {
    await this.db
      .updateTable('users')
      .set(values)
      .set((eb) => ({ version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .execute();
  }

  /** Whether a partnership with this id exists (an account may be kept to it). */
  async partnershipExists(id: string): Promise<boolean> {
    return Boolean(await this.db.selectFrom('partnerships').select('id').where('id', '=', id).executeTakeFirst());
  }

  /** Notes a sign-in. Not an edit of the account: its version stays, so no administrator's edit conflicts with it. */
  async recordSignIn(id: string, at: string): Promise<void> {
    await this.db.updateTable('users').set({ last_sign_in_at: at }).where('id', '=', id).execute();
  }

  /** An administrator's edit: updates only when the stored version is `expected`; returns whether it did. */
  async updateIfVersion(
    id: string,
    expected: number,
    values: Partial<
      Pick<UserRow, 'display_name' | 'role' | 'side' | 'organisation_id' | 'partnership_id' | 'status' | 'updated_at'>
    >,
  ): Promise<boolean> {
    const res = await this.db
      .updateTable('users')
      .set(values)
      .set((eb) => ({ version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('version', '=', expected)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /**
   * Locks the active administrators' rows until the transaction ends, so that two administrators
   * cannot demote each other at the same moment. An update that changes nothing takes the lock on
   * both databases (SQLite has no SELECT … FOR UPDATE; it runs one write transaction at a time anyway).
   */
  async lockActiveAdmins(): Promise<void> {
    await this.db
      .updateTable('users')
      .set((eb) => ({ role: eb.ref('role') }))
      .where('role', '=', 'admin')
      .where('status', '=', 'active')
      .execute();
  }

  async countActiveAdmins(exceptId: string): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('role', '=', 'admin')
      .where('status', '=', 'active')
      .where('id', '!=', exceptId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async insertSession(row: SessionRow): Promise<void> {
    await this.db.insertInto('sessions').values(row).execute();
  }

  findSession(tokenHash: string) {
    return this.db
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .selectAll('s')
      .select(['u.email', 'u.display_name', 'u.role', 'u.side', 'u.organisation_id', 'u.partnership_id', 'u.status'])
      .where('s.token_hash', '=', tokenHash)
      .executeTakeFirst();
  }

  async touchSession(id: string, lastSeenAt: string, expiresAt: string): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ last_seen_at: lastSeenAt, expires_at: expiresAt })
      .where('id', '=', id)
      .execute();
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  }

  async deleteSessionsOf(userId: string, exceptId?: string): Promise<void> {
    let q = this.db.deleteFrom('sessions').where('user_id', '=', userId);
    if (exceptId) q = q.where('id', '!=', exceptId);
    await q.execute();
  }

  async insertApiToken(row: ApiTokenRow): Promise<void> {
    await this.db.insertInto('api_tokens').values(row).execute();
  }

  findApiToken(tokenHash: string) {
    return this.db
      .selectFrom('api_tokens as t')
      .innerJoin('users as u', 'u.id', 't.user_id')
      .selectAll('t')
      .select(['u.email', 'u.display_name', 'u.role', 'u.side', 'u.organisation_id', 'u.partnership_id', 'u.status'])
      .where('t.token_hash', '=', tokenHash)
      .executeTakeFirst();
  }

  listApiTokens(userId: string): Promise<ApiTokenRow[]> {
    return this.db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();
  }

  async touchApiToken(id: string, at: string): Promise<void> {
    await this.db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
  }

  async revokeApiToken(id: string, userId: string, at: string): Promise<number> {
    const res = await this.db
      .updateTable('api_tokens')
      .set({ revoked_at: at })
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(res.numUpdatedRows);
  }

  /** Revokes every live API token of a person; returns how many. */
  async revokeApiTokensOf(userId: string, at: string): Promise<number> {
    const res = await this.db
      .updateTable('api_tokens')
      .set({ revoked_at: at })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(res.numUpdatedRows);
  }

  async insertLink(row: UserLinkRow): Promise<void> {
    await this.db.insertInto('user_links').values(row).execute();
  }

  findLink(tokenHash: string): Promise<UserLinkRow | undefined> {
    return this.db.selectFrom('user_links').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  }

  /** Marks the link used; returns false when it was used meanwhile. */
  async useLink(id: string, at: string): Promise<boolean> {
    const res = await this.db
      .updateTable('user_links')
      .set({ used_at: at })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async recordFailure(id: string, key: string, at: string): Promise<void> {
    await this.db.insertInto('sign_in_failures').values({ id, key, at }).execute();
  }

  async countFailures(key: string, since: string): Promise<number> {
    const row = await this.db
      .selectFrom('sign_in_failures')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('key', '=', key)
      .where('at', '>=', since)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async clearFailures(key: string): Promise<void> {
    await this.db.deleteFrom('sign_in_failures').where('key', '=', key).execute();
  }
}
