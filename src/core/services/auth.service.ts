import type { UserView } from '../../shared/api-types';
import type { Role, Side } from '../../shared/vocab';
import type { UserCreateInput, UserUpdateInput } from '../../shared/schemas/auth.schema';
import { accountStatus, isActiveAdmin, lastAdminIssue, type AccountStatus } from '../accounts';
import { burnPasswordCheck, hashPassword, newToken, sameSecret, tokenHash, verifyPassword } from '../auth/secrets';
import type { Db } from '../db/database';
import { DomainError, forbidden, invalidInput, invalidReference, notFound, unauthenticated } from '../errors';
import { diffFields, priorState } from '../history';
import { newId, nowIso } from '../ids';
import { authorize, type Actor } from '../policy';
import { HistoryRepository } from '../repositories/history.repository';
import { OrganisationRepository } from '../repositories/organisation.repository';
import { UserRepository, type UserRow } from '../repositories/user.repository';
import { StaleVersion, withVersionCheck } from '../versioned';

export type { UserView };

export interface AuthSettings {
  /** A session ends after this long without a request… */
  sessionIdleMs: number;
  /** …and at the latest this long after sign-in. */
  sessionMaxMs: number;
  /** Failed sign-ins allowed per account within the window… */
  maxFailures: number;
  /** …and from one network address (higher: offices share an address). */
  maxFailuresPerAddress: number;
  failureWindowMs: number;
  /** Invitation and reset links stay valid this long. */
  linkTtlMs: number;
}

export const DEFAULT_AUTH_SETTINGS: AuthSettings = {
  sessionIdleMs: 2 * 60 * 60 * 1000,
  sessionMaxMs: 12 * 60 * 60 * 1000,
  maxFailures: 5,
  maxFailuresPerAddress: 50,
  failureWindowMs: 15 * 60 * 1000,
  linkTtlMs: 7 * 24 * 60 * 60 * 1000,
};

export interface SessionInfo {
  actor: Actor;
  sessionId: string;
  csrfToken: string;
  expiresAt: string;
}

function actorOf(
  u: Pick<UserRow, 'email' | 'display_name' | 'role' | 'side' | 'organisation_id' | 'partnership_id'> & { id: string },
): Actor {
  return {
    id: u.id,
    email: u.email,
    displayName: u.display_name,
    role: u.role as Role,
    side: u.side as Side,
    organisationId: u.organisation_id,
    partnershipId: u.partnership_id,
  };
}

export function userView(u: UserRow): UserView {
  return {
    id: u.id,
    email: u.email,
    displayName: u.display_name,
    role: u.role as Role,
    side: u.side as Side,
    organisationId: u.organisation_id,
    partnershipId: u.partnership_id,
    status: u.status as AccountStatus,
    disabled: u.status === 'disabled',
    lastSignInAt: u.last_sign_in_at,
    createdAt: u.created_at,
    updatedAt: u.updated_at,
    version: u.version,
  };
}

/** What the history keeps of an account: never its password hash, tokens or links. */
function userSnapshot(
  u: Pick<UserRow, 'email' | 'display_name' | 'role' | 'side' | 'organisation_id' | 'partnership_id' | 'status'>,
) {
  return {
    email: u.email,
    displayName: u.display_name,
    role: u.role,
    side: u.side,
    organisationId: u.organisation_id,
    partnershipId: u.partnership_id,
    disabled: u.status === 'disabled',
  };
}

const partnershipIssue = (id: string) => ({
  name: 'partnershipId',
  reason: `No partnership with id "${id}" exists; give one of GET /api/v1/partnerships, or none for every partnership.`,
});

const later = (ms: number, from = Date.now()) => new Date(from + ms).toISOString();

/** Accounts, sign-in, sessions, API tokens and invitation/reset links. */
export class AuthService {
  constructor(
    private readonly db: Db,
    private readonly users: UserRepository,
    private readonly organisations: OrganisationRepository,
    private readonly settings: AuthSettings = DEFAULT_AUTH_SETTINGS,
  ) {}

  private async throttle(keys: string[]): Promise<void> {
    const since = new Date(Date.now() - this.settings.failureWindowMs).toISOString();
    for (const key of keys) {
      const limit = key.startsWith('ip:') ? this.settings.maxFailuresPerAddress : this.settings.maxFailures;
      if ((await this.users.countFailures(key, since)) >= limit) {
        throw new DomainError(
          'rate_limited',
          `Too many failed sign-ins. Wait ${Math.round(this.settings.failureWindowMs / 60000)} minutes, or ask an administrator for a reset link.`,
        );
      }
    }
  }

  /** Checks the password and opens a session. The same error answers a wrong e-mail and a wrong password. */
  async signIn(email: string, password: string, address: string): Promise<SessionInfo & { token: string }> {
    const keys = [`email:${email}`, `ip:${address}`];
    await this.throttle(keys);
    const user = await this.users.findByEmail(email);
    const ok = user?.password_hash
      ? await verifyPassword(user.password_hash, password)
      : (await burnPasswordCheck(password), false);
    if (!user || !ok || user.status !== 'active') {
      for (const key of keys) await this.users.recordFailure(newId(), key, nowIso());
      // Only someone who knows the password learns that the account exists and is disabled.
      if (user && ok && user.status === 'disabled') {
        throw forbidden('This account is disabled. Ask an administrator to enable it again.');
      }
      throw unauthenticated('The e-mail address or password is not right.');
    }
    await this.users.clearFailures(`email:${email}`);
    await this.users.recordSignIn(user.id, nowIso());
    return this.openSession(user);
  }

  private async openSession(user: UserRow): Promise<SessionInfo & { token: string }> {
    const token = newToken('als');
    const now = Date.now();
    const session = {
      id: newId(),
      token_hash: tokenHash(token),
      csrf_token: newToken('csrf'),
      user_id: user.id,
      created_at: new Date(now).toISOString(),
      last_seen_at: new Date(now).toISOString(),
      expires_at: later(Math.min(this.settings.sessionIdleMs, this.settings.sessionMaxMs), now),
    };
    await this.users.insertSession(session);
    return {
      token,
      actor: actorOf(user),
      sessionId: session.id,
      csrfToken: session.csrf_token,
      expiresAt: session.expires_at,
    };
  }

  /** The session a cookie token names, if it is still valid; slides its idle expiry. */
  async sessionFor(token: string): Promise<SessionInfo | null> {
    const s = await this.users.findSession(tokenHash(token));
    if (!s || s.status !== 'active') return null;
    const now = Date.now();
    if (Date.parse(s.expires_at) <= now) {
      await this.users.deleteSession(s.token_hash);
      return null;
    }
    const hardEnd = Date.parse(s.created_at) + this.settings.sessionMaxMs;
    const expiresAt = new Date(Math.min(now + this.settings.sessionIdleMs, hardEnd)).toISOString();
    // Write the sliding expiry at most once a minute.
    if (now - Date.parse(s.last_seen_at) > 60_000)
      await this.users.touchSession(s.id, new Date(now).toISOString(), expiresAt);
    return { actor: actorOf({ ...s, id: s.user_id }), sessionId: s.id, csrfToken: s.csrf_token, expiresAt };
  }

  /** Whether a CSRF token sent with a cookie-authenticated write matches the session's. */
  csrfMatches(session: SessionInfo, sent: string | undefined): boolean {
    return !!sent && sameSecret(session.csrfToken, sent);
  }

  async signOut(token: string): Promise<void> {
    await this.users.deleteSession(tokenHash(token));
  }

  /** The actor an API token (Authorization: Bearer …) stands for, if the token is live. */
  /**
   * The person a command run on the server's own machine acts for (`--as <email>`): an active
   * account. Whoever can run commands there holds the database already; the account names who
   * is recorded in the history, and its role still decides what the command may do.
   */
  async actorForLocalCommand(email: string): Promise<Actor> {
    const u = await this.users.findByEmail(email.trim().toLowerCase());
    if (!u || u.status !== 'active') {
      throw invalidInput([{ name: 'as', reason: `No active account has the e-mail address ${email}.` }]);
    }
    return actorOf(u);
  }

  async actorForApiToken(token: string): Promise<Actor | null> {
    const t = await this.users.findApiToken(tokenHash(token));
    if (!t || t.revoked_at || t.status !== 'active') return null;
    await this.users.touchApiToken(t.id, nowIso());
    return actorOf({ ...t, id: t.user_id });
  }

  async changePassword(actor: Actor, sessionId: string | null, current: string, next: string): Promise<void> {
    const user = await this.users.findById(actor.id);
    if (!user?.password_hash || !(await verifyPassword(user.password_hash, current))) {
      throw invalidInput([{ name: 'currentPassword', reason: 'This is not your current password.' }]);
    }
    await this.users.update(user.id, { password_hash: await hashPassword(next), updated_at: nowIso() });
    // Other sessions of this person end: a changed password locks out whoever else knew the old one.
    await this.users.deleteSessionsOf(user.id, sessionId ?? undefined);
  }

  /** Creates an account (admin, or the CLI with no actor). Without a password it waits for an invitation link. */
  async createUser(actor: Actor | null, input: UserCreateInput, password?: string): Promise<UserView> {
    if (actor) authorize(actor, 'user:manage');
    if (await this.users.findByEmail(input.email)) {
      throw invalidInput([{ name: 'email', reason: `An account with ${input.email} exists already.` }]);
    }
    if (input.organisationId && !(await this.organisations.findById(input.organisationId))) {
      throw invalidReference([
        { name: 'organisationId', reason: `No organisation with id "${input.organisationId}" exists.` },
      ]);
    }
    if (input.partnershipId && !(await this.users.partnershipExists(input.partnershipId))) {
      throw invalidReference([partnershipIssue(input.partnershipId)]);
    }
    const now = nowIso();
    const row = {
      id: newId(),
      email: input.email,
      display_name: input.displayName,
      password_hash: password ? await hashPassword(password) : null,
      role: input.role,
      side: input.side,
      organisation_id: input.organisationId ?? null,
      partnership_id: input.partnershipId ?? null,
      status: password ? 'active' : 'invited',
      last_sign_in_at: null,
      created_at: now,
      updated_at: now,
    };
    await this.db.db.transaction().execute(async (trx) => {
      await new UserRepository(trx).insert(row);
      await new HistoryRepository(trx).append({
        entityType: 'user',
        entityId: row.id,
        version: 1,
        action: 'create',
        actorId: actor?.id ?? null,
        changes: diffFields(null, userSnapshot(row)),
        snapshot: userSnapshot(row),
        before: null,
      });
    });
    return userView({ ...row, version: 1 });
  }

  /** Every account; the local CLI, run by whoever runs the server, passes no actor. */
  async listUsers(actor: Actor | null): Promise<UserView[]> {
    if (actor) authorize(actor, 'user:manage');
    return (await this.users.list()).map(userView);
  }

  /** The account with this e-mail address (any case), for the local CLI. */
  async userByEmail(email: string): Promise<UserView> {
    const row = await this.users.findByEmail(email.trim().toLowerCase());
    if (!row) throw invalidInput([{ name: 'email', reason: `No account has the e-mail address ${email}.` }]);
    return userView(row);
  }

  private async getUser(id: string): Promise<UserView> {
    const row = await this.users.findById(id);
    if (!row) throw notFound('user', id);
    return userView(row);
  }

  /**
   * An administrator's change to an account, if it is still at version `expected`. Disabling ends
   * the person's sessions and revokes their API tokens in the same transaction. The last active
   * administrator can be neither disabled nor demoted.
   */
  async updateUser(actor: Actor | null, id: string, expected: number, input: UserUpdateInput): Promise<UserView> {
    if (actor) authorize(actor, 'user:manage');
    await withVersionCheck(
      'user',
      expected,
      () => this.getUser(id),
      () =>
        this.db.db.transaction().execute(async (trx) => {
          const users = new UserRepository(trx);
          const row = await users.findById(id);
          if (!row) throw notFound('user', id);
          if (row.version !== expected) throw new StaleVersion(row.version);
          if (input.organisationId !== null && input.organisationId !== row.organisation_id) {
            const org = await new OrganisationRepository(trx).findById(input.organisationId);
            if (!org || org.deleted_at) {
              throw invalidReference([
                { name: 'organisationId', reason: `No organisation with id "${input.organisationId}" exists.` },
              ]);
            }
          }
          if (
            input.partnershipId !== null &&
            input.partnershipId !== row.partnership_id &&
            !(await users.partnershipExists(input.partnershipId))
          ) {
            throw invalidReference([partnershipIssue(input.partnershipId)]);
          }
          const after = {
            ...row,
            display_name: input.displayName,
            role: input.role,
            side: input.side,
            organisation_id: input.organisationId,
            partnership_id: input.partnershipId,
            status: accountStatus(row.status, input.disabled, row.password_hash !== null),
          };
          if (isActiveAdmin(row) && !isActiveAdmin(after)) {
            // This change removes an administrator: count the others while no one else can remove one.
            await users.lockActiveAdmins();
            const issue = lastAdminIssue(row, after, await users.countActiveAdmins(id), actor?.id === id);
            if (issue) throw new DomainError('conflict', issue.reason, [issue]);
          }
          const now = nowIso();
          const updated = await users.updateIfVersion(id, expected, {
            display_name: after.display_name,
            role: after.role,
            side: after.side,
            organisation_id: after.organisation_id,
            partnership_id: after.partnership_id,
            status: after.status,
            updated_at: now,
          });
          if (!updated) throw new StaleVersion(expected + 1);
          if (after.status === 'disabled') {
            await users.deleteSessionsOf(id);
            await users.revokeApiTokensOf(id, now);
          }
          const wasDisabled = row.status === 'disabled';
          const isDisabled = after.status === 'disabled';
          await new HistoryRepository(trx).append({
            entityType: 'user',
            entityId: id,
            version: expected + 1,
            action: isDisabled && !wasDisabled ? 'disable' : wasDisabled && !isDisabled ? 'enable' : 'update',
            actorId: actor?.id ?? null,
            changes: diffFields(userSnapshot(row), userSnapshot(after)),
            snapshot: userSnapshot(after),
            before: priorState(row, userSnapshot(row)),
          });
        }),
    );
    return this.getUser(id);
  }

  /** An invitation or reset link token for a user, shown once. Creating one as CLI passes no actor. */
  async issueLink(
    actor: Actor | null,
    userId: string,
    kind: 'invite' | 'reset',
  ): Promise<{ token: string; expiresAt: string }> {
    if (actor) authorize(actor, 'user:manage');
    const user = await this.users.findById(userId);
    if (!user) throw notFound('user', userId);
    const token = newToken('all');
    const expiresAt = later(this.settings.linkTtlMs);
    await this.users.insertLink({
      id: newId(),
      user_id: user.id,
      kind,
      token_hash: tokenHash(token),
      created_by: actor?.id ?? null,
      created_at: nowIso(),
      expires_at: expiresAt,
      used_at: null,
    });
    return { token, expiresAt };
  }

  /** Sets the password through an invitation or reset link, activates the account and signs in. */
  async acceptLink(token: string, password: string): Promise<SessionInfo & { token: string }> {
    const link = await this.users.findLink(tokenHash(token));
    if (!link || link.used_at || Date.parse(link.expires_at) <= Date.now()) {
      throw invalidInput([
        { name: 'token', reason: 'This link has expired or was used already. Ask an administrator for a new one.' },
      ]);
    }
    const user = await this.users.findById(link.user_id);
    if (!user || user.status === 'disabled') throw forbidden('This account is disabled.');
    if (!(await this.users.useLink(link.id, nowIso()))) {
      throw invalidInput([{ name: 'token', reason: 'This link was used already.' }]);
    }
    await this.users.update(user.id, {
      password_hash: await hashPassword(password),
      status: 'active',
      updated_at: nowIso(),
    });
    await this.users.deleteSessionsOf(user.id);
    return this.openSession({ ...user, status: 'active' });
  }

  async createApiToken(actor: Actor, name: string) {
    authorize(actor, 'self:manage');
    const token = newToken('alt');
    const row = {
      id: newId(),
      user_id: actor.id,
      name,
      prefix: token.slice(0, 10),
      token_hash: tokenHash(token),
      created_at: nowIso(),
      last_used_at: null,
      revoked_at: null,
    };
    await this.users.insertApiToken(row);
    return { id: row.id, name, prefix: row.prefix, createdAt: row.created_at, token };
  }

  async listApiTokens(actor: Actor) {
    authorize(actor, 'self:manage');
    return (await this.users.listApiTokens(actor.id)).map((t) => ({
      id: t.id,
      name: t.name,
      prefix: t.prefix,
      createdAt: t.created_at,
      lastUsedAt: t.last_used_at,
      revokedAt: t.revoked_at,
    }));
  }

  async revokeApiToken(actor: Actor, id: string): Promise<void> {
    authorize(actor, 'self:manage');
    if ((await this.users.revokeApiToken(id, actor.id, nowIso())) === 0) throw notFound('API token', id);
  }
}
