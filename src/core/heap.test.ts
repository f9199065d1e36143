import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withBoundedHeapGrowth } from './heap';

test('work run with bounded heap growth answers as it would alone, concurrently and when it fails', async () => {
  const slow = (v: number) => withBoundedHeapGrowth(() => new Promise<number>((r) => setTimeout(() => r(v), 5)));
  assert.deepEqual(await Promise.all([slow(1), slow(2), withBoundedHeapGrowth(async () => 3)]), [1, 2, 3]);
  await assert.rejects(
    withBoundedHeapGrowth(async () => {
      throw new Error('refused');
    }),
    /refused/,
  );
  assert.equal(await slow(4), 4, 'usable again after a failure');
});
