import type { CoverageNode, PlanCoverage, SnapshotComparison, SnapshotMove } from '../../shared/api-types';
import { COVERAGE_STATES, type CoverageState } from '../../shared/coverage';

/** A node's state on one side: null when it is not part of the framework in force there. */
function stateOf(node: CoverageNode | undefined): CoverageState | null {
  return node?.inForce ? node.state : null;
}

function direction(from: CoverageState | null, to: CoverageState | null): SnapshotMove['direction'] {
  if (from === null) return 'added';
  if (to === null) return 'removed';
  return COVERAGE_STATES.indexOf(to) > COVERAGE_STATES.indexOf(from) ? 'progress' : 'regress';
}

/**
 * What moved between two coverages of the same plan: every node whose state differs (a node not in
 * force on one side counts as absent there), in the later side's framework order followed by the
 * nodes it no longer has; and, over the leaves, how many made each transition (e.g. from not
 * started to launched).
 */
export function compareCoverage(
  from: Pick<PlanCoverage, 'nodes'>,
  to: Pick<PlanCoverage, 'nodes'>,
): Pick<SnapshotComparison, 'moves' | 'leafTransitions'> {
  const before = new Map(from.nodes.map((n) => [n.id, n]));
  const after = new Map(to.nodes.map((n) => [n.id, n]));
  const order = [...to.nodes, ...from.nodes.filter((n) => !after.has(n.id))];
  const moves: SnapshotMove[] = [];
  const transitions = new Map<string, { from: CoverageState | null; to: CoverageState | null; count: number }>();
  for (const node of order) {
    const a = before.get(node.id);
    const b = after.get(node.id);
    const s0 = stateOf(a);
    const s1 = stateOf(b);
    if (s0 === s1) continue;
    const leaf = (b?.inForce ? b.leaf : a?.leaf) ?? false;
    moves.push({
      nodeId: node.id,
      code: node.code,
      kind: node.kind,
      title: node.title,
      depth: node.depth,
      leaf,
      from: s0,
      to: s1,
      direction: direction(s0, s1),
      fromActivityCount: a?.activityCount ?? 0,
      toActivityCount: b?.activityCount ?? 0,
    });
    if (leaf) {
      const key = `${s0}→${s1}`;
      const t = transitions.get(key) ?? { from: s0, to: s1, count: 0 };
      t.count++;
      transitions.set(key, t);
    }
  }
  const rank = (s: CoverageState | null) => (s === null ? -1 : COVERAGE_STATES.indexOf(s));
  const leafTransitions = [...transitions.values()].sort(
    (x, y) => rank(x.from) - rank(y.from) || rank(x.to) - rank(y.to),
  );
  return { moves, leafTransitions };
}
