import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { listedValues } from './search.service';

describe('listedValues', () => {
  const values = ['a', 'b', 'c', 'd', 'e'].map((value, i) => ({ value, count: 10 - i }));
  const names = (v: { value: string }[]) => v.map((x) => x.value);

  it('keeps the first values, most frequent first', () => {
    assert.deepEqual(names(listedValues(values, 3)), ['a', 'b', 'c']);
    assert.deepEqual(names(listedValues(values, 10)), ['a', 'b', 'c', 'd', 'e']);
  });

  it('keeps a chosen value further down, in its place', () => {
    assert.deepEqual(names(listedValues(values, 2, ['e', 'b'])), ['a', 'b', 'e']);
    assert.deepEqual(names(listedValues(values, 2, ['z'])), ['a', 'b'], 'a choice without hits is not invented');
  });
});
