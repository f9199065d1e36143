/** Pure rules about workspace accounts. */
import type { FieldIssue } from './errors';

export type AccountStatus = 'invited' | 'active' | 'disabled';

/**
 * The status an account takes when an administrator sets `disabled`. An account enabled again is
 * active if the person has set a password, and invited (waiting for their link) if not.
 */
export function accountStatus(current: string, disabled: boolean, hasPassword: boolean): AccountStatus {
  if (disabled) return 'disabled';
  if (current === 'active' || current === 'invited') return current;
  return hasPassword ? 'active' : 'invited';
}

/** Whether an account can act as an administrator now: the admin role, and neither invited nor disabled. */
export function isActiveAdmin(account: { role: string; status: string }): boolean {
  return account.role === 'admin' && account.status === 'active';
}

/**
 * Why a change to an account would leave the workspace without an active administrator, or null
 * when it would not. Names the field that causes it: `disabled` when the account is disabled,
 * `role` when it is demoted.
 */
export function lastAdminIssue(
  before: { role: string; status: string },
  after: { role: string; status: string },
  otherActiveAdmins: number,
  self: boolean,
): FieldIssue | null {
  if (!isActiveAdmin(before) || isActiveAdmin(after) || otherActiveAdmins > 0) return null;
  const who = self ? 'You are' : 'This person is';
  const change = after.status === 'disabled' ? 'Disabling' : 'Demoting';
  return {
    name: after.status === 'disabled' ? 'disabled' : 'role',
    reason: `${who} the last active administrator. ${change} this account would leave no one able to manage accounts; make another person an administrator first.`,
  };
}
