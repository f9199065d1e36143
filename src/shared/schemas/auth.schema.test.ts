import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { userUpdateSchema } from './auth.schema';

describe('userUpdateSchema', () => {
  it('takes the fields an administrator may change, the organisation and the partnership optional', () => {
    const u = userUpdateSchema.parse({ displayName: ' Ana ', role: 'editor', side: 'asean', disabled: false });
    assert.deepEqual(u, {
      displayName: 'Ana',
      role: 'editor',
      side: 'asean',
      organisationId: null,
      partnershipId: null,
      disabled: false,
    });
    const kept = userUpdateSchema.parse({ ...u, partnershipId: ' p-1 ' });
    assert.equal(kept.partnershipId, 'p-1');
  });

  it('names every bad field, and refuses the e-mail address, the password and unknown fields', () => {
    const r = userUpdateSchema.safeParse({
      displayName: '',
      role: 'owner',
      side: 'asean',
      disabled: 'yes',
      email: 'x@example.org',
      password: 'secret secret',
    });
    assert.equal(r.success, false);
    const paths = r.error.issues.flatMap((i) => (i.code === 'unrecognized_keys' ? i.keys : [i.path.join('.')]));
    assert.deepEqual(paths.sort(), ['disabled', 'displayName', 'email', 'password', 'role']);
  });

  it('needs disabled said explicitly, so that an omission never enables an account', () => {
    const r = userUpdateSchema.safeParse({ displayName: 'Ana', role: 'viewer', side: 'canada' });
    assert.equal(r.success, false);
    assert.match(r.error.issues[0]!.message, /true or false/);
  });
});
