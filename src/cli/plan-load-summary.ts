import type { PlanLoadNode, PlanLoadPreview } from '../shared/api-types';

const text = (t: { en: string | null; fr: string | null }) => t.en ?? t.fr ?? '';

/** The outline of the framework, one node a line, indented by depth; the first `limit` lines. */
function outline(nodes: readonly PlanLoadNode[], limit: number): string[] {
  const lines: string[] = [];
  const walk = (list: readonly PlanLoadNode[], depth: number) => {
    for (const n of list) {
      lines.push(
        `${'  '.repeat(depth + 1)}${n.code} ${text(n.title)} (${n.kind}${n.status === 'retired' ? ', retired' : ''})`,
      );
      walk(n.children, depth + 1);
    }
  };
  walk(nodes, 0);
  return lines.length > limit ? [...lines.slice(0, limit), `  … and ${lines.length - limit} more`] : lines;
}

/** What `plan load` prints: the plan, its framework's counts and outline, notes, and what was done. */
export function planLoadSummary(p: PlanLoadPreview): string {
  const plan = p.plan;
  const out = [
    `${p.dryRun ? 'Preview of' : 'Loaded'} ${p.fileName ?? 'the file'} (${p.format.toUpperCase()}) into ${text(p.partnership.name)} (${p.partnership.slug}):`,
    `  Plan ${plan?.slug ?? '?'}: ${plan ? text(plan.title) : ''}, ${plan?.periodStart ?? '?'}–${plan?.periodEnd ?? '?'}, ${plan?.status ?? '?'}`,
    `  Framework: ${p.counts.nodes} nodes (${p.counts.byKind.map((k) => `${k.count} ${k.kind}`).join(', ')}), ${p.counts.byDepth.length} levels`,
    ...outline(p.tree, 40),
    ...p.warnings.map((w) => `Note: ${w}`),
  ];
  if (p.created) out.push(`Created the plan ${p.created.slug} (id ${p.created.id}).`);
  else out.push('Nothing was written: run again without --dry-run to create the plan.');
  return out.join('\n');
}
