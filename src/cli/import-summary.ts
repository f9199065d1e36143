import type { ImportReport } from '../shared/api-types';

function kind(r: ImportReport): string {
  if (r.format === 'iati') return `IATI ${r.version ?? '?'}`;
  return r.encoding ? `${r.format.toUpperCase()}, ${r.encoding}` : r.format.toUpperCase();
}

/** An import's report as lines for a terminal: counts, then each rejected activity with its reasons. */
export function importSummary(r: ImportReport): string {
  if (r.outcome === 'refused') {
    const where = r.fileProblem?.line ? ` (line ${r.fileProblem.line})` : '';
    return `${r.fileName} was refused${where}: ${r.fileProblem?.reason ?? 'unknown reason'}\nNothing was written.`;
  }
  const c = r.counts;
  const verb = r.dryRun ? 'would be' : 'were';
  const lines = [
    `${r.fileName} (${kind(r)}, ${r.mode} mode)${r.dryRun ? ' — preview, nothing written' : ''}:`,
    `  ${c.added} ${verb} added, ${c.updated} ${verb} updated, ${c.unchanged} unchanged, ${c.rejected} rejected.`,
  ];
  if (r.organisationsCreated.length) {
    lines.push(
      `  ${r.organisationsCreated.length} new organisation(s) ${verb} recorded: ${r.organisationsCreated.map((o) => o.name).join('; ')}.`,
    );
  }
  for (const w of r.warnings) lines.push(`  Note: ${w}`);
  const rejected = r.activities.filter((a) => a.outcome === 'rejected');
  if (rejected.length) lines.push('', 'Rejected:');
  for (const a of rejected) {
    lines.push(`  ${a.identifier ?? '(no identifier)'} at ${r.format === 'iati' ? 'line' : 'row'} ${a.line}:`);
    for (const reason of a.reasons) lines.push(`    - ${reason}`);
  }
  const suggested = r.activities.filter((a) => a.suggestions.length);
  if (suggested.length) {
    lines.push(
      '',
      `Suggested plan links (confirm them in the workspace; none was applied): ${suggested.length} activities.`,
    );
  }
  if (r.truncated) lines.push(`(The report lists the first ${r.activities.length} activities.)`);
  return lines.join('\n');
}
