/**
 * Pure functions over a plan's framework (pillar → area → action line, any depth).
 */

export interface TreeNode {
  id: string;
  parent_id: string | null;
}

/** Children of each node id (the root level under the key `null`), in input order. */
export function childrenIndex<T extends TreeNode>(nodes: readonly T[]): Map<string | null, T[]> {
  const index = new Map<string | null, T[]>();
  for (const n of nodes) {
    const list = index.get(n.parent_id) ?? [];
    list.push(n);
    index.set(n.parent_id, list);
  }
  return index;
}

/** The given nodes and every node below them. */
export function withDescendants(nodes: readonly TreeNode[], roots: Iterable<string>): Set<string> {
  const index = childrenIndex(nodes);
  const out = new Set<string>();
  const stack = [...roots];
  while (stack.length) {
    const id = stack.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    for (const c of index.get(id) ?? []) stack.push(c.id);
  }
  return out;
}

/** From the root down to the node's parent. */
export function ancestorsOf<T extends TreeNode>(byId: ReadonlyMap<string, T>, node: T): T[] {
  const chain: T[] = [];
  const seen = new Set<string>();
  let parentId = node.parent_id;
  while (parentId && !seen.has(parentId)) {
    seen.add(parentId);
    const parent = byId.get(parentId);
    if (!parent) break;
    chain.unshift(parent);
    parentId = parent.parent_id;
  }
  return chain;
}

/**
 * For every node, the distinct activities linked to it or to any node below it, and the
 * activities linked to it directly. An activity linked to two areas of one pillar counts once
 * for the pillar.
 */
export function activityCounts(
  nodes: readonly TreeNode[],
  links: readonly { activity_id: string; node_id: string }[],
): Map<string, { total: number; direct: number }> {
  const direct = new Map<string, Set<string>>();
  for (const l of links) {
    const set = direct.get(l.node_id) ?? new Set<string>();
    set.add(l.activity_id);
    direct.set(l.node_id, set);
  }
  const index = childrenIndex(nodes);
  const subtree = new Map<string, Set<string>>();
  const visit = (id: string): Set<string> => {
    const cached = subtree.get(id);
    if (cached) return cached;
    const set = new Set(direct.get(id) ?? []);
    subtree.set(id, set); // guards against cycles
    for (const c of index.get(id) ?? []) for (const a of visit(c.id)) set.add(a);
    return set;
  };
  const out = new Map<string, { total: number; direct: number }>();
  for (const n of nodes) out.set(n.id, { total: visit(n.id).size, direct: direct.get(n.id)?.size ?? 0 });
  return out;
}
