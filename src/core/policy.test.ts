import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from './errors';
import { authorize, can, POLICY, type Action, type Actor } from './policy';
import { ROLES, type Role } from '../shared/vocab';

const actor = (role: Role): Actor => ({
  id: role,
  email: `${role}@example.org`,
  displayName: role,
  role,
  side: 'asean',
  organisationId: null,
});

describe('policy', () => {
  it('refuses everything to the signed-out public', () => {
    for (const action of Object.keys(POLICY) as Action[]) assert.equal(can(null, action), false, action);
  });

  it('orders roles: each holds the rights of the ones before it', () => {
    for (const action of Object.keys(POLICY) as Action[]) {
      const allowed = ROLES.map((r) => can(actor(r), action));
      const first = allowed.indexOf(true);
      assert.ok(first >= 0, `${action} is allowed to some role`);
      assert.ok(allowed.slice(first).every(Boolean), `${action}: once allowed, allowed for every higher role`);
      assert.equal(ROLES[first], POLICY[action]);
    }
  });

  it('gives editing to editors, review to reviewers and administration to admins', () => {
    assert.equal(can(actor('viewer'), 'activity:update'), false);
    assert.equal(can(actor('editor'), 'activity:update'), true);
    assert.equal(can(actor('editor'), 'activity:review'), false);
    assert.equal(can(actor('reviewer'), 'activity:review'), true);
    assert.equal(can(actor('reviewer'), 'user:manage'), false);
    assert.equal(can(actor('admin'), 'user:manage'), true);
  });

  it('throws unauthenticated for no one and forbidden naming the needed role', () => {
    assert.throws(
      () => authorize(null, 'activity:create'),
      (e: unknown) => e instanceof DomainError && e.code === 'unauthenticated',
    );
    assert.throws(
      () => authorize(actor('viewer'), 'activity:create'),
      (e: unknown) => e instanceof DomainError && e.code === 'forbidden' && /needs editor/.test(e.message),
    );
    assert.equal(authorize(actor('admin'), 'trash:restore').role, 'admin');
  });
});
