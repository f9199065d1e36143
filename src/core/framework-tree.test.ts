import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { activityCounts, ancestorsOf, withDescendants } from './framework-tree';

// Pillar 1 → areas 1.1, 1.2; area 1.1 → action lines 1.1.1, 1.1.2; pillar 2 → area 2.1.
const nodes = [
  { id: 'p1', parent_id: null },
  { id: 'a11', parent_id: 'p1' },
  { id: 'a12', parent_id: 'p1' },
  { id: 'l111', parent_id: 'a11' },
  { id: 'l112', parent_id: 'a11' },
  { id: 'p2', parent_id: null },
  { id: 'a21', parent_id: 'p2' },
];

describe('withDescendants', () => {
  it('returns the node and everything below it', () => {
    assert.deepEqual([...withDescendants(nodes, ['p1'])].sort(), ['a11', 'a12', 'l111', 'l112', 'p1']);
    assert.deepEqual([...withDescendants(nodes, ['a21'])], ['a21']);
  });
  it('merges several roots without duplicates', () => {
    assert.equal(withDescendants(nodes, ['a11', 'l111', 'p2']).size, 5);
  });
});

describe('ancestorsOf', () => {
  it('lists ancestors from the root down', () => {
    const byId = new Map(nodes.map((n) => [n.id, n]));
    assert.deepEqual(
      ancestorsOf(byId, byId.get('l112')!).map((n) => n.id),
      ['p1', 'a11'],
    );
    assert.deepEqual(ancestorsOf(byId, byId.get('p2')!), []);
  });
  it('stops on a cycle instead of looping', () => {
    const cyclic = [
      { id: 'x', parent_id: 'y' },
      { id: 'y', parent_id: 'x' },
    ];
    const byId = new Map(cyclic.map((n) => [n.id, n]));
    assert.deepEqual(
      ancestorsOf(byId, byId.get('x')!).map((n) => n.id),
      ['x', 'y'],
    );
  });
});

describe('activityCounts', () => {
  it('counts an activity once per node even when linked to several nodes below it', () => {
    const counts = activityCounts(nodes, [
      { activity_id: 'A', node_id: 'l111' },
      { activity_id: 'A', node_id: 'l112' },
      { activity_id: 'B', node_id: 'a11' },
      { activity_id: 'C', node_id: 'a21' },
      { activity_id: 'A', node_id: 'a21' },
    ]);
    assert.deepEqual(counts.get('p1'), { total: 2, direct: 0 });
    assert.deepEqual(counts.get('a11'), { total: 2, direct: 1 });
    assert.deepEqual(counts.get('l111'), { total: 1, direct: 1 });
    assert.deepEqual(counts.get('a12'), { total: 0, direct: 0 });
    assert.deepEqual(counts.get('p2'), { total: 2, direct: 0 });
  });
});
