import type { FrameworkNodeTree } from '../../shared/api-types';

export interface FlatNode {
  node: FrameworkNodeTree;
  depth: number;
  /** The root (pillar) this node sits under; the node itself for roots. */
  root: FrameworkNodeTree;
}

/** Depth-first list of a framework, in position order. */
export function flattenFramework(roots: readonly FrameworkNodeTree[]): FlatNode[] {
  const out: FlatNode[] = [];
  const walk = (nodes: readonly FrameworkNodeTree[], depth: number, root: FrameworkNodeTree | null) => {
    for (const node of [...nodes].sort((a, b) => a.position - b.position)) {
      out.push({ node, depth, root: root ?? node });
      walk(node.children, depth + 1, root ?? node);
    }
  };
  walk(roots, 0, null);
  return out;
}

/** Nodes below the roots (the areas of a pillar-and-area framework). */
export function countBelowRoots(roots: readonly FrameworkNodeTree[]): number {
  return flattenFramework(roots).filter((f) => f.depth > 0).length;
}

export function sortedByPosition<T extends { position: number }>(nodes: readonly T[]): T[] {
  return [...nodes].sort((a, b) => a.position - b.position);
}

/** The id of a node's parent (null for a root), or undefined when the node is not in the framework. */
export function parentIdOf(roots: readonly FrameworkNodeTree[], id: string): string | null | undefined {
  const flat = flattenFramework(roots);
  if (!flat.some((f) => f.node.id === id)) return undefined;
  return flat.find((f) => f.node.children.some((c) => c.id === id))?.node.id ?? null;
}

/** The children of a node (the roots for null), in position order. */
export function childrenOf(roots: readonly FrameworkNodeTree[], parentId: string | null): FrameworkNodeTree[] {
  if (parentId === null) return sortedByPosition(roots);
  const parent = flattenFramework(roots).find((f) => f.node.id === parentId);
  return parent ? sortedByPosition(parent.node.children) : [];
}

/**
 * The nodes a node may move under: every node but itself, those below it (which would make it
 * its own ancestor) and retired ones (which take nothing new), in tree order.
 */
export function moveTargets(roots: readonly FrameworkNodeTree[], id: string): FlatNode[] {
  const self = flattenFramework(roots).find((f) => f.node.id === id);
  const below = new Set(self ? flattenFramework([self.node]).map((f) => f.node.id) : [id]);
  return flattenFramework(roots).filter((f) => !below.has(f.node.id) && f.node.status !== 'retired');
}
