import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { ChangeFeed } from '../core/db/changes';
import { ResponseCache } from './response-cache';

function feed(start: number | null = 1): ChangeFeed & { value: number | null } {
  return {
    value: start,
    generation() {
      return this.value;
    },
    current() {
      return Promise.resolve(this.value);
    },
    close: () => Promise.resolve(),
  };
}

const body = (n: number, fill = 'x') => Buffer.from(fill.repeat(n));

describe('ResponseCache', () => {
  it('gives an entry back only under the generation it was made in', () => {
    const changes = feed(1);
    const cache = new ResponseCache(changes, { maxBytes: 1 << 20, ttlMs: 60_000 });
    const g = cache.generation()!;
    cache.store('a', g, body(10), { 'content-type': 'application/json' });
    assert.equal(cache.lookup('a', g)?.body.toString(), 'x'.repeat(10));
    changes.value = 2;
    assert.notEqual(cache.generation(), g);
    assert.equal(cache.lookup('a', cache.generation()!), undefined);
    assert.equal(cache.size, 0, 'the stale entry is dropped');
  });

  it('counts this instance’s writes into the generation', () => {
    const cache = new ResponseCache(feed(7), { maxBytes: 1 << 20, ttlMs: 60_000 });
    const before = cache.generation();
    cache.wrote();
    assert.notEqual(cache.generation(), before);
  });

  it('knows no generation while changes cannot be told', () => {
    const cache = new ResponseCache(feed(null), { maxBytes: 1 << 20, ttlMs: 60_000 });
    assert.equal(cache.generation(), null);
  });

  it('lets entries expire after their time to live', () => {
    let now = 1_000;
    const cache = new ResponseCache(feed(), { maxBytes: 1 << 20, ttlMs: 500 }, () => now);
    const g = cache.generation()!;
    cache.store('a', g, body(10), {});
    now += 499;
    assert.ok(cache.lookup('a', g));
    now += 1;
    assert.equal(cache.lookup('a', g), undefined);
  });

  it('stays within its memory, dropping the least recently used first', () => {
    const cache = new ResponseCache(feed(), { maxBytes: 8 * 1024, ttlMs: 60_000 });
    const g = cache.generation()!;
    cache.store('a', g, body(700), {});
    cache.store('b', g, body(700), {});
    cache.store('c', g, body(700), {});
    assert.ok(cache.lookup('a', g)); // a is now the most recently used
    for (let i = 0; i < 10; i++) cache.store(`k${i}`, g, body(700), {});
    assert.ok(cache.size < 13);
    assert.equal(cache.lookup('b', g), undefined, 'b, the oldest unused, went first');
    assert.equal(cache.lookup('k9', g)?.body.length, 700);
  });

  it('does not keep an answer larger than a quarter of its memory', () => {
    const cache = new ResponseCache(feed(), { maxBytes: 8 * 1024, ttlMs: 60_000 });
    const g = cache.generation()!;
    cache.store('big', g, body(2_100), {});
    assert.equal(cache.lookup('big', g), undefined);
  });

  it('compresses an entry once per encoding, to the same bytes', () => {
    const cache = new ResponseCache(feed(), { maxBytes: 1 << 20, ttlMs: 60_000 });
    const g = cache.generation()!;
    cache.store('a', g, body(5_000, 'ab'), {});
    const e = cache.lookup('a', g)!;
    const z = cache.encode(e, 'gzip');
    assert.equal(cache.encode(e, 'gzip'), z);
    assert.equal(gunzipSync(z).toString(), 'ab'.repeat(5_000));
    const br = cache.encode(e, 'br');
    assert.equal(brotliDecompressSync(br).toString(), 'ab'.repeat(5_000));
  });

  it('lets one request make an answer while the same question waits for it', async () => {
    const cache = new ResponseCache(feed(), { maxBytes: 1 << 20, ttlMs: 60_000 });
    const g = cache.generation()!;
    const first = cache.claim('a', g);
    assert.ok('release' in first);
    const second = cache.claim('a', g);
    assert.ok('wait' in second);
    assert.ok('release' in cache.claim('b', g), 'another question is not held up');
    assert.ok('release' in cache.claim('a', `${g}+`), 'nor the same one in a newer generation');
    let waited = false;
    const waiting = second.wait.then(() => (waited = true));
    cache.store('a', g, body(10), {});
    first.release();
    await waiting;
    assert.ok(waited);
    assert.ok(cache.lookup('a', g));
    assert.ok('release' in cache.claim('a', g), 'once released, the next miss makes it again');
  });
});
