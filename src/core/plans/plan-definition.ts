/**
 * A plan's definition as a file: its details and its framework (pillars, areas, action lines with codes and texts in
 * English and French), the same shape as a plan of the seed files (`seedPlanSchema`), so that a definition written
 * here can be read back. YAML holds all of it; CSV and XLSX hold the framework as one row per node (XLSX adds the
 * plan's details on a sheet of their own). See docs/plans.md.
 */
import { stringify as csvStringify } from 'csv-stringify/sync';
import YAML from 'yaml';
import type { FrameworkNodeTree, PlanDetail } from '../../shared/api-types';
import type { LocalizedText } from '../../shared/localized';
import type { SeedNode } from '../seed/seed-file.schema';

import type { PLAN_DEFINITION_FORMATS } from '../../shared/schemas/plan-definition.schema';

export type PlanDefinitionFormat = (typeof PLAN_DEFINITION_FORMATS)[number];

/** Text as the seed files write it: only the languages given. */
function texts(t: LocalizedText): { en?: string; fr?: string } | undefined {
  const out: { en?: string; fr?: string } = {};
  if (t.en) out.en = t.en;
  if (t.fr) out.fr = t.fr;
  return out.en || out.fr ? out : undefined;
}

function node(n: FrameworkNodeTree): SeedNode {
  const out: SeedNode = { code: n.code, kind: n.kind, title: texts(n.title) ?? { en: n.code } };
  const description = texts(n.description);
  if (description) out.description = description;
  if (n.status !== 'active') out.status = n.status;
  if (n.children.length) out.children = n.children.map(node);
  return out;
}

/** The plan as a seed-file plan entry (its key is its slug). */
export function planDefinition(plan: PlanDetail) {
  const optional = <T>(name: string, value: T | null | undefined) =>
    value === null || value === undefined ? {} : { [name]: value };
  return {
    key: plan.slug,
    slug: plan.slug,
    title: texts(plan.title) ?? { en: plan.slug },
    shortTitle: texts(plan.shortTitle) ?? texts(plan.title) ?? { en: plan.slug },
    periodStart: plan.periodStart,
    periodEnd: plan.periodEnd,
    ...optional('periodNote', plan.periodNote),
    ...optional('adoptedOn', plan.adoptedOn),
    ...optional('adoptedAt', texts(plan.adoptedAt)),
    status: plan.status,
    ...optional('summary', texts(plan.summary)),
    ...optional('description', texts(plan.description)),
    ...optional('fullTextUrl', plan.fullTextUrl),
    ...(plan.signoffSides.length ? { signoffSides: plan.signoffSides } : {}),
    framework: plan.framework.map(node),
  };
}

export function planDefinitionYaml(plan: PlanDetail): string {
  const header =
    `# ${plan.shortTitle.en ?? plan.slug}: the plan and its framework, as ActionLine reads plan definitions\n` +
    '# (docs/plans.md). Codes are dotted (1, 1.1, 1.1.3); texts are in English (en), French (fr) or both.\n';
  return header + YAML.stringify({ plans: [planDefinition(plan)] }, { lineWidth: 0 });
}

/** The columns of the framework's rows, in CSV and XLSX. */
export const FRAMEWORK_COLUMNS = [
  'code',
  'parent',
  'kind',
  'status',
  'title_en',
  'title_fr',
  'description_en',
  'description_fr',
] as const;

/** One row per node, parents before children, in the framework's order. */
export function frameworkRows(plan: PlanDetail): string[][] {
  const rows: string[][] = [];
  const walk = (nodes: readonly FrameworkNodeTree[], parent: string) => {
    for (const n of nodes) {
      rows.push([
        n.code,
        parent,
        n.kind,
        n.status,
        n.title.en ?? '',
        n.title.fr ?? '',
        n.description.en ?? '',
        n.description.fr ?? '',
      ]);
      walk(n.children, n.code);
    }
  };
  walk(plan.framework, '');
  return rows;
}

export function planDefinitionCsv(plan: PlanDetail): string {
  return csvStringify([[...FRAMEWORK_COLUMNS], ...frameworkRows(plan)], { record_delimiter: '\r\n' });
}

export async function planDefinitionXlsx(plan: PlanDetail): Promise<Buffer> {
  // Loaded when first used: ExcelJS adds about 30 MB to every process that loads it (ADR 0010).
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'ActionLine';
  book.title = plan.shortTitle.en ?? plan.slug;
  const details = book.addWorksheet('Plan');
  details.columns = [
    { header: 'field', key: 'field', width: 18 },
    { header: 'value', key: 'value', width: 80 },
  ];
  const def = planDefinition(plan);
  const add = (field: string, value: string | number | null | undefined) => {
    if (value !== undefined && value !== null && value !== '') details.addRow({ field, value: String(value) });
  };
  add('slug', def.slug);
  add('title_en', def.title.en);
  add('title_fr', def.title.fr);
  add('short_title_en', def.shortTitle.en);
  add('short_title_fr', def.shortTitle.fr);
  add('period_start', def.periodStart);
  add('period_end', def.periodEnd);
  add('status', def.status);
  add('adopted_on', plan.adoptedOn);
  add('signoff_sides', plan.signoffSides.join(','));
  add('full_text_url', plan.fullTextUrl);
  const framework = book.addWorksheet('Framework', { views: [{ state: 'frozen', ySplit: 1 }] });
  framework.columns = FRAMEWORK_COLUMNS.map((c) => ({
    header: c,
    key: c,
    width: c.startsWith('description') ? 60 : 24,
  }));
  for (const row of frameworkRows(plan)) framework.addRow(row);
  for (const sheet of [details, framework]) sheet.getRow(1).font = { bold: true };
  return Buffer.from(await book.xlsx.writeBuffer());
}
