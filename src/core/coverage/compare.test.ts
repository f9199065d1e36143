import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { NodeStatus } from '../../shared/vocab';
import { RateTable } from '../money/rates';
import { compareCoverage } from './compare';
import { computeCoverage, type CoverageActivityInput, type CoverageNodeInput } from './coverage';

function node(id: string, parentId: string | null, code: string, status: NodeStatus = 'active'): CoverageNodeInput {
  const depth = code.split('.').length;
  return {
    id,
    parentId,
    code,
    kind: ['pillar', 'area', 'action_line'][depth - 1] ?? 'action_line',
    status,
    position: Number(code.split('.').at(-1)),
    title: { en: `Node ${code}`, fr: null },
  };
}

function activity(id: string, fields: Partial<CoverageActivityInput>): CoverageActivityInput {
  return {
    id,
    status: 'ongoing',
    plannedStart: null,
    plannedEnd: null,
    actualStart: null,
    actualEnd: null,
    countries: [],
    participants: [],
    funding: [],
    ...fields,
  };
}

// One pillar, two areas; area 1.1 has two action lines, area 1.2 none (its own leaf).
const NODES = [
  node('p', null, '1'),
  node('a1', 'p', '1.1'),
  node('l1', 'a1', '1.1.1'),
  node('l2', 'a1', '1.1.2'),
  node('a2', 'p', '1.2'),
];
const ACTIVITIES = [
  // Runs 2012–2013: launched in mid-2012, addressed from 2013-01-01 (half its period elapsed).
  activity('x', { plannedStart: '2012', plannedEnd: '2013' }),
  // Completed in 2014: judged as ongoing (so launched) on any earlier date.
  activity('y', { status: 'completed', plannedStart: '2014-01', plannedEnd: '2014-06' }),
];
const LINKS = [
  { activityId: 'x', nodeId: 'l1' },
  { activityId: 'y', nodeId: 'a2' },
];
const rates = new RateTable([]);
const at = (asOf: string, nodes: CoverageNodeInput[] = NODES) =>
  computeCoverage({ nodes, activities: ACTIVITIES, links: LINKS }, { asOf, rates });

describe('comparing two coverages of a plan', () => {
  it('lists each node whose state moved, and counts leaf transitions', () => {
    const before = at('2012-06-30');
    const after = at('2014-12-31');
    assert.equal(before.nodes.find((n) => n.id === 'l1')?.state, 'launched');
    const { moves, leafTransitions } = compareCoverage(before, after);
    const byId = new Map(moves.map((m) => [m.nodeId, m]));
    assert.deepEqual(
      moves.map((m) => [m.code, m.from, m.to, m.direction, m.leaf]),
      [
        ['1.1.1', 'launched', 'addressed', 'progress', true],
        ['1.2', 'launched', 'addressed', 'progress', true],
      ],
    );
    assert.equal(byId.get('a2')?.fromActivityCount, 1);
    assert.equal(byId.get('a2')?.toActivityCount, 1);
    assert.ok(!byId.has('p') && !byId.has('a1'), 'pillar and area 1.1 are launched on both dates (1.1.2 is a gap)');
    assert.ok(!byId.has('l2'), 'a gap on both dates has not moved');
    assert.deepEqual(leafTransitions, [{ from: 'launched', to: 'addressed', count: 2 }]);
  });

  it('reports a retired node as removed and a regression as such', () => {
    const before = at('2014-12-31');
    const retired = NODES.map((n) => (n.id === 'a2' ? { ...n, status: 'retired' as const } : n));
    const after = at('2012-06-30', retired);
    const { moves, leafTransitions } = compareCoverage(before, after);
    const byId = new Map(moves.map((m) => [m.nodeId, m]));
    assert.deepEqual(
      [byId.get('a2')?.from, byId.get('a2')?.to, byId.get('a2')?.direction],
      ['addressed', null, 'removed'],
    );
    assert.equal(byId.get('l1')?.direction, 'regress');
    assert.deepEqual(leafTransitions, [
      { from: 'addressed', to: null, count: 1 },
      { from: 'addressed', to: 'launched', count: 1 },
    ]);
  });

  it('finds nothing to report between a coverage and itself', () => {
    const c = at('2013-07-01');
    assert.deepEqual(compareCoverage(c, c), { moves: [], leafTransitions: [] });
  });
});
