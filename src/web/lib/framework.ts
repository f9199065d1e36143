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
