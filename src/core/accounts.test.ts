import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accountStatus, isActiveAdmin, lastAdminIssue } from './accounts';

describe('accountStatus', () => {
  it('disables any account', () => {
    for (const current of ['invited', 'active', 'disabled']) {
      assert.equal(accountStatus(current, true, true), 'disabled');
      assert.equal(accountStatus(current, true, false), 'disabled');
    }
  });

  it('leaves an enabled account as it is', () => {
    assert.equal(accountStatus('active', false, true), 'active');
    assert.equal(accountStatus('invited', false, false), 'invited');
  });

  it('enables a disabled account as active with a password, as invited without one', () => {
    assert.equal(accountStatus('disabled', false, true), 'active');
    assert.equal(accountStatus('disabled', false, false), 'invited');
  });
});

describe('isActiveAdmin', () => {
  it('needs the admin role on an active account', () => {
    assert.equal(isActiveAdmin({ role: 'admin', status: 'active' }), true);
    assert.equal(isActiveAdmin({ role: 'admin', status: 'invited' }), false);
    assert.equal(isActiveAdmin({ role: 'admin', status: 'disabled' }), false);
    assert.equal(isActiveAdmin({ role: 'reviewer', status: 'active' }), false);
  });
});

describe('lastAdminIssue', () => {
  const admin = { role: 'admin', status: 'active' };

  it('refuses to disable or demote the last active administrator, naming the field', () => {
    const disabled = lastAdminIssue(admin, { role: 'admin', status: 'disabled' }, 0, true);
    assert.equal(disabled?.name, 'disabled');
    assert.match(disabled?.reason ?? '', /^You are the last active administrator\. Disabling/);
    const demoted = lastAdminIssue(admin, { role: 'editor', status: 'active' }, 0, false);
    assert.equal(demoted?.name, 'role');
    assert.match(demoted?.reason ?? '', /^This person is the last active administrator\. Demoting/);
  });

  it('allows it while another active administrator remains', () => {
    assert.equal(lastAdminIssue(admin, { role: 'viewer', status: 'disabled' }, 1, true), null);
  });

  it('ignores changes that keep an administrator, and accounts that were not one', () => {
    assert.equal(lastAdminIssue(admin, { role: 'admin', status: 'active' }, 0, true), null);
    assert.equal(
      lastAdminIssue({ role: 'admin', status: 'invited' }, { role: 'viewer', status: 'invited' }, 0, false),
      null,
    );
    assert.equal(
      lastAdminIssue({ role: 'editor', status: 'active' }, { role: 'editor', status: 'disabled' }, 0, false),
      null,
    );
  });
});
