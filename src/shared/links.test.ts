import assert from 'node:assert/strict';
import { test } from 'node:test';
import { acceptLinkPath, acceptLinkToken } from './links';

test('an accept link carries its token in the fragment, which browsers do not send to the server', () => {
  const path = acceptLinkPath('fr', 'all_a+b/c=');
  const url = new URL(path, 'https://al.example');
  assert.equal(url.pathname, '/fr/account/accept');
  assert.equal(url.search, '');
  assert.equal(acceptLinkToken(url), 'all_a+b/c=');
});

test('the token of a link issued in the query before is still read', () => {
  assert.equal(acceptLinkToken({ hash: '', search: '?token=all_old' }), 'all_old');
  assert.equal(acceptLinkToken({ hash: '#token=all_new', search: '?token=all_old' }), 'all_new');
  assert.equal(acceptLinkToken({ hash: '', search: '' }), '');
});
