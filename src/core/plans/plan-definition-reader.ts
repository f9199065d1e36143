/**
 * Reads a plan definition file, the other half of `plan-definition.ts`: YAML in the seed files' plan format
 * (`seedPlanSchema`), CSV with one row per node, or XLSX with a "Plan" sheet of fields and a "Framework" sheet of
 * the CSV's rows. Every problem names where it is (a line; a row and a column; a sheet's row) and how to fix it.
 * Pure: no database. See docs/plans.md, "Loading a plan".
 */
import type ExcelJS from 'exceljs';
import YAML, { LineCounter, isNode, type Document } from 'yaml';
import type { PlanLoadNode } from '../../shared/api-types';
import { frameworkNodeInputSchema, planInputSchema, type PlanInput } from '../../shared/schemas/plan.schema';
import {
  MAX_PLAN_FILE_BYTES,
  type PlanLoadDetails,
  type PLAN_DEFINITION_FORMATS,
} from '../../shared/schemas/plan-definition.schema';
import { NODE_STATUSES, type NodeStatus } from '../../shared/vocab';
import type { FieldIssue } from '../errors';
import { cellText, readCsv, SheetFileError } from '../imports/sheet.reader';
import { seedPlanSchema, type SeedNode } from '../seed/seed-file.schema';
import { FRAMEWORK_COLUMNS } from './plan-definition';

type Format = (typeof PLAN_DEFINITION_FORMATS)[number];
type Column = (typeof FRAMEWORK_COLUMNS)[number];
type Text = { en: string | null; fr: string | null };

/** How deep a framework may be: pillar → area → action line is three levels. */
export const MAX_FRAMEWORK_DEPTH = 20;

/** A node as the file gives it, before it is checked. */
interface FileNode {
  code: string;
  parent: string | null;
  kind: string;
  status: string;
  title: Text;
  description: Text;
  /** Where a column (or field) of this node is, as problems name it: `row 7, parent`. */
  at: (column: Column) => string;
  /** Where the node itself is: `row 7`. */
  place: string;
}

/** What a file gives before it is checked: the plan's details (by `PlanInput` path) and the nodes. */
interface FileContent {
  details: Record<string, unknown>;
  slug: string | null;
  /** Where a detail is, by its `PlanInput` path (`title.en`, `periodStart`) or `slug`. */
  detailAt: (path: string) => string;
  nodes: FileNode[];
  problems: FieldIssue[];
  warnings: string[];
  /** Whether the plan's details could be read (they are checked only then). */
  detailsRead: boolean;
}

/** A node ready to be written: its parent's code, its depth and its place among its siblings. */
export interface PlanFileNode {
  code: string;
  parentCode: string | null;
  kind: string;
  status: NodeStatus;
  title: Text;
  description: Text;
  depth: number;
  position: number;
}

/** A file read and checked. `input` and `slug` are null when the details have problems. */
export interface PlanFile {
  slug: string | null;
  input: PlanInput | null;
  /** What the details would be, as far as they could be read (for the preview). */
  details: {
    slug: string | null;
    title: Text;
    shortTitle: Text;
    periodStart: number | null;
    periodEnd: number | null;
    status: PlanInput['status'] | null;
  };
  /** Parents before children, siblings in the file's order. */
  nodes: PlanFileNode[];
  problems: FieldIssue[];
  warnings: string[];
}

const issue = (name: string, reason: string): FieldIssue => ({ name, reason });
const nonEmpty = (v: string | null | undefined): string | null => (v && v.trim() ? v.trim() : null);
const textOf = (t: { en?: string | undefined; fr?: string | undefined } | undefined): Text => ({
  en: t?.en ?? null,
  fr: t?.fr ?? null,
});

// --- YAML ----------------------------------------------------------------------------------------------------------

const PLAN_KEYS = Object.keys(seedPlanSchema.shape);

function readYaml(bytes: Uint8Array, slugOverride: string | undefined): FileContent {
  const content = emptyContent((path) => path);
  const text = new TextDecoder('utf-8').decode(bytes);
  const lines = new LineCounter();
  const doc = YAML.parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    for (const e of doc.errors.slice(0, 20)) {
      const pos = lines.linePos(e.pos[0]);
      content.problems.push(
        issue(
          `line ${pos.line}, column ${pos.col}`,
          `${e.message.replace(/\s+at line \d+, column \d+.*$/s, '').replace(/\.$/, '')}. Correct the YAML syntax there (indent with spaces, quote texts that hold a colon followed by a space).`,
        ),
      );
    }
    return content;
  }
  let root: unknown;
  try {
    root = doc.toJS();
  } catch (e) {
    // Parsed, but not convertible: an alias to an anchor not set before it, or aliases expanding beyond the limit.
    const message = (e instanceof Error ? e.message : String(e)).replace(/\.$/, '');
    content.problems.push(
      issue('file', `${message}. Set each anchor (&name) before its aliases (*name), or write the values out in full.`),
    );
    return content;
  }
  const lineOf = (path: readonly (string | number)[]) => yamlLine(doc, lines, path);
  let plan: unknown = root;
  let prefix: (string | number)[] = [];
  if (root === null || root === undefined || typeof root !== 'object' || Array.isArray(root)) {
    content.problems.push(
      issue(
        'file',
        'The file holds no plan: write `plans:` with one plan under it, as an exported definition does (docs/plans.md).',
      ),
    );
    return content;
  }
  const top = root as Record<string, unknown>;
  if ('plans' in top) {
    for (const key of Object.keys(top)) {
      if (key === 'partnership')
        content.warnings.push(
          `line ${lineOf([key])}: the file's partnership is not read; the plan goes into the partnership chosen for the load.`,
        );
      else if (key !== 'plans')
        content.problems.push(
          issue(`line ${lineOf([key])}, ${key}`, `Unknown field "${key}"; a plan file holds \`plans:\` only.`),
        );
    }
    const plans = top.plans;
    if (!Array.isArray(plans) || plans.length !== 1) {
      content.problems.push(
        issue(
          `line ${lineOf(['plans'])}, plans`,
          `Give exactly one plan under \`plans:\` (the file has ${Array.isArray(plans) ? plans.length : 'none'}); load plans one at a time.`,
        ),
      );
      return content;
    }
    plan = plans[0];
    prefix = ['plans', 0];
  }
  if (typeof plan !== 'object' || plan === null || Array.isArray(plan)) {
    content.problems.push(issue(`line ${lineOf(prefix)}, plans`, 'Write the plan as fields (slug, title, …).'));
    return content;
  }
  const raw = { ...(plan as Record<string, unknown>) };
  if (slugOverride !== undefined) raw.slug = slugOverride;
  // The key only names a seed record; a loaded plan gets a new id.
  if (raw.key === undefined) raw.key = typeof raw.slug === 'string' ? raw.slug : 'plan';
  const at = (path: readonly PropertyKey[]) => {
    const rel = path.filter((p): p is string | number => typeof p !== 'symbol');
    return `line ${lineOf([...prefix, ...rel])}, ${rel.join('.') || 'plan'}`;
  };
  content.detailAt = (path) =>
    path === 'slug' && slugOverride !== undefined ? 'slug' : at(path.split('.').filter(Boolean));
  const parsed = seedPlanSchema.safeParse(raw);
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      if (i.code === 'unrecognized_keys') {
        for (const key of i.keys) {
          const known = i.path.length === 0 ? ` Plan fields are: ${PLAN_KEYS.join(', ')}.` : '';
          content.problems.push(
            issue(at([...i.path, key]), `Unknown field "${key}"; remove it or correct its name.${known}`),
          );
        }
      } else content.problems.push(issue(at(i.path), i.message));
    }
    return content;
  }
  const p = parsed.data;
  if (p.documents.length)
    content.warnings.push(
      `line ${lineOf([...prefix, 'documents'])}: the plan's ${p.documents.length} documents are not loaded; add them to the plan afterwards.`,
    );
  content.slug = p.slug;
  content.detailsRead = true;
  content.details = {
    title: textOf(p.title),
    shortTitle: textOf(p.shortTitle),
    summary: textOf(p.summary),
    description: textOf(p.description),
    status: p.status,
    periodStart: p.periodStart,
    periodEnd: p.periodEnd,
    periodNote: p.periodNote ?? null,
    adoptedOn: p.adoptedOn ?? null,
    adoptedAt: textOf(p.adoptedAt),
    fullTextUrl: p.fullTextUrl ?? null,
    signoffSides: p.signoffSides ?? [],
  };
  const walk = (nodes: readonly SeedNode[], parent: string | null, path: (string | number)[]) => {
    for (const [i, n] of nodes.entries()) {
      const here = [...path, i];
      const field = (column: Column): (string | number)[] => {
        if (column === 'parent') return here;
        const [name, lang] = column.split('_');
        return lang && n[name as 'title' | 'description']?.[lang as 'en' | 'fr'] !== undefined
          ? [...here, name ?? '', lang]
          : [...here, name ?? column];
      };
      content.nodes.push({
        code: n.code,
        parent,
        kind: n.kind,
        status: n.status ?? 'active',
        title: textOf(n.title),
        description: textOf(n.description),
        at: (column) => at(field(column)),
        place: `line ${lineOf([...prefix, ...here])}`,
      });
      walk(n.children ?? [], n.code, [...here, 'children']);
    }
  };
  walk(p.framework, null, ['framework']);
  return content;
}

/** The line of the value at `path`, or of the nearest enclosing one that exists. */
function yamlLine(doc: Document, lines: LineCounter, path: readonly (string | number)[]): number {
  for (let n = path.length; n >= 0; n -= 1) {
    const node: unknown = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) {
      // Where the value starts: a scalar's line is its key's; a block list or map starts at its first entry.
      return lines.linePos(node.range[0]).line;
    }
  }
  return 1;
}

// --- CSV and XLSX --------------------------------------------------------------------------------------------------

const REQUIRED_COLUMNS: readonly Column[] = ['code', 'kind'];

/** Rows of the framework table, with `where(row)` naming a row (`row 7` or `Framework sheet, row 7`). */
function readFrameworkRows(
  content: FileContent,
  header: string[],
  rows: { number: number; cells: string[] }[],
  where: (row: number) => string,
): void {
  const columns = new Map<Column, number>();
  for (const [i, raw] of header.entries()) {
    const name = raw.trim().toLowerCase();
    if (!name) continue;
    if (!(FRAMEWORK_COLUMNS as readonly string[]).includes(name)) {
      content.problems.push(
        issue(
          `${where(1)}, ${raw}`,
          `Unknown column "${raw}"; use only these columns: ${FRAMEWORK_COLUMNS.join(', ')} (rename or remove it).`,
        ),
      );
    } else if (columns.has(name as Column)) {
      content.problems.push(issue(`${where(1)}, ${raw}`, `The column "${name}" appears twice; keep one.`));
    } else columns.set(name as Column, i);
  }
  for (const c of REQUIRED_COLUMNS)
    if (!columns.has(c))
      content.problems.push(
        issue(
          `${where(1)}, ${c}`,
          `The column "${c}" is missing; the first row names the columns: ${FRAMEWORK_COLUMNS.join(', ')}.`,
        ),
      );
  if (!columns.has('title_en') && !columns.has('title_fr'))
    content.problems.push(issue(`${where(1)}, title_en`, 'Give a title_en or title_fr column (or both).'));
  if (content.problems.length) return;
  const cell = (cells: string[], c: Column) => {
    const i = columns.get(c);
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
  for (const row of rows) {
    content.nodes.push({
      code: cell(row.cells, 'code'),
      parent: nonEmpty(cell(row.cells, 'parent')),
      kind: cell(row.cells, 'kind'),
      status: cell(row.cells, 'status') || 'active',
      title: { en: nonEmpty(cell(row.cells, 'title_en')), fr: nonEmpty(cell(row.cells, 'title_fr')) },
      description: {
        en: nonEmpty(cell(row.cells, 'description_en')),
        fr: nonEmpty(cell(row.cells, 'description_fr')),
      },
      at: (column) => `${where(row.number)}, ${column}`,
      place: where(row.number),
    });
  }
}

function readCsvFile(bytes: Uint8Array): FileContent {
  const content = emptyContent(csvDetailName);
  content.detailsRead = true;
  try {
    const sheet = readCsv(bytes);
    readFrameworkRows(content, sheet.header, sheet.rows, (n) => `row ${n}`);
  } catch (e) {
    if (!(e instanceof SheetFileError)) throw e;
    content.problems.push(issue('file', e.message));
  }
  return content;
}

/** The query parameter (and CLI option) that gives a detail of a CSV file's plan. */
const DETAIL_PARAMS: Record<string, keyof PlanLoadDetails> = {
  slug: 'slug',
  'title.en': 'titleEn',
  'title.fr': 'titleFr',
  'shortTitle.en': 'shortTitleEn',
  'shortTitle.fr': 'shortTitleFr',
  periodStart: 'periodStart',
  periodEnd: 'periodEnd',
  status: 'status',
};
const csvDetailName = (path: string) => DETAIL_PARAMS[path] ?? path;

/** The "Plan" sheet's fields, by the `PlanInput` path they give. */
const SHEET_FIELDS: Record<string, string> = {
  slug: 'slug',
  title_en: 'title.en',
  title_fr: 'title.fr',
  short_title_en: 'shortTitle.en',
  short_title_fr: 'shortTitle.fr',
  period_start: 'periodStart',
  period_end: 'periodEnd',
  period_note: 'periodNote',
  status: 'status',
  adopted_on: 'adoptedOn',
  adopted_at_en: 'adoptedAt.en',
  adopted_at_fr: 'adoptedAt.fr',
  summary_en: 'summary.en',
  summary_fr: 'summary.fr',
  description_en: 'description.en',
  description_fr: 'description.fr',
  signoff_sides: 'signoffSides',
  full_text_url: 'fullTextUrl',
};

function sheetRows(sheet: ExcelJS.Worksheet): { number: number; cells: string[] }[] {
  const rows: { number: number; cells: string[] }[] = [];
  for (let n = 1; n <= sheet.rowCount; n += 1) {
    const cells: string[] = [];
    sheet.getRow(n).eachCell({ includeEmpty: true }, (c, col) => {
      cells[col - 1] = cellText(c.value).trim();
    });
    const filled = Array.from(cells, (c) => c ?? '');
    if (filled.some((c) => c !== '')) rows.push({ number: n, cells: filled });
  }
  return rows;
}

async function readXlsxFile(bytes: Uint8Array): Promise<FileContent> {
  const fieldRows = new Map<string, number>();
  const content = emptyContent((path) => {
    const field = Object.keys(SHEET_FIELDS).find((f) => SHEET_FIELDS[f] === path) ?? path;
    const row = fieldRows.get(field);
    return row ? `Plan sheet, row ${row}, ${field}` : `Plan sheet, ${field}`;
  });
  const { default: Excel } = await import('exceljs');
  const book = new Excel.Workbook();
  try {
    await book.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  } catch {
    content.problems.push(issue('file', 'The file is not an XLSX workbook; save it as .xlsx (Excel 2007 or later).'));
    return content;
  }
  const names = book.worksheets.map((w) => w.name);
  for (const name of names)
    if (name !== 'Plan' && name !== 'Framework')
      content.warnings.push(`The sheet "${name}" is not read; only the "Plan" and "Framework" sheets are.`);
  const plan = book.getWorksheet('Plan');
  const framework = book.getWorksheet('Framework');
  for (const [sheet, what] of [
    [plan, 'Plan'],
    [framework, 'Framework'],
  ] as const)
    if (!sheet)
      content.problems.push(
        issue(
          `${what} sheet`,
          `The workbook has no "${what}" sheet (it has: ${names.join(', ') || 'none'}); export a plan as XLSX to see the layout.`,
        ),
      );
  if (!plan || !framework) return content;

  const [head, ...fields] = sheetRows(plan);
  if (!head || head.cells[0]?.toLowerCase() !== 'field' || head.cells[1]?.toLowerCase() !== 'value') {
    content.problems.push(
      issue('Plan sheet, row 1', 'The first row names the two columns "field" and "value"; keep it as exported.'),
    );
  } else {
    content.detailsRead = true;
    for (const row of fields) {
      const field = (row.cells[0] ?? '').toLowerCase();
      const value = row.cells[1] ?? '';
      const path = SHEET_FIELDS[field];
      if (!path) {
        content.problems.push(
          issue(
            `Plan sheet, row ${row.number}, field`,
            `Unknown field "${row.cells[0] ?? ''}"; use these fields: ${Object.keys(SHEET_FIELDS).join(', ')}.`,
          ),
        );
        continue;
      }
      if (fieldRows.has(field)) {
        content.problems.push(
          issue(
            `Plan sheet, row ${row.number}, field`,
            `The field "${field}" is also on row ${fieldRows.get(field)}; keep one.`,
          ),
        );
        continue;
      }
      fieldRows.set(field, row.number);
      if (value === '') continue;
      if (path === 'slug') content.slug = value;
      else setPath(content.details, path, detailValue(path, value));
    }
  }
  const [header, ...rows] = sheetRows(framework);
  if (!header)
    content.problems.push(
      issue('Framework sheet, row 1', 'The sheet is empty; give a row of column names, then one row per node.'),
    );
  else readFrameworkRows(content, header.cells, rows, (n) => `Framework sheet, row ${n}`);
  return content;
}

/** A detail's value from its text: years as numbers, sides as a list. */
function detailValue(path: string, value: string): unknown {
  if (path === 'periodStart' || path === 'periodEnd') return /^\d+$/.test(value) ? Number(value) : value;
  if (path === 'signoffSides')
    return value
      .split(/[,;\s]+/)
      .map((s) => s.trim())
      .filter(Boolean);
  return value;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const [head, lang] = path.split('.');
  if (!head) return;
  if (lang) {
    const current = target[head];
    const text = (typeof current === 'object' && current !== null ? current : {}) as Record<string, unknown>;
    target[head] = { ...text, [lang]: value };
  } else target[head] = value;
}

function emptyContent(detailAt: (path: string) => string): FileContent {
  return { details: {}, slug: null, detailAt, nodes: [], problems: [], warnings: [], detailsRead: false };
}

// --- Checks shared by every format ---------------------------------------------------------------------------------

const DETAIL_DEFAULTS = {
  title: { en: null, fr: null },
  shortTitle: { en: null, fr: null },
  summary: { en: null, fr: null },
  description: { en: null, fr: null },
  adoptedAt: { en: null, fr: null },
  status: 'active',
};

/** The `PlanInput` path a detail given beside the file replaces. */
const OVERRIDES: [keyof PlanLoadDetails, string][] = [
  ['titleEn', 'title.en'],
  ['titleFr', 'title.fr'],
  ['shortTitleEn', 'shortTitle.en'],
  ['shortTitleFr', 'shortTitle.fr'],
  ['periodStart', 'periodStart'],
  ['periodEnd', 'periodEnd'],
  ['status', 'status'],
];

function checkDetails(content: FileContent, format: Format, overrides: PlanLoadDetails) {
  const details: Record<string, unknown> = structuredClone({ ...DETAIL_DEFAULTS, ...content.details });
  const given = new Set<string>();
  for (const [param, path] of OVERRIDES) {
    const value = overrides[param];
    if (value === undefined) continue;
    setPath(details, path, value);
    given.add(path);
  }
  const nameOf = (path: string) => (given.has(path) ? (DETAIL_PARAMS[path] ?? path) : content.detailAt(path));
  const slug = overrides.slug ?? content.slug;
  const problems: FieldIssue[] = [];
  if (!slug)
    problems.push(
      issue(
        format === 'xlsx' ? content.detailAt('slug') : 'slug',
        format === 'csv'
          ? "A CSV file holds the framework only: give the plan's slug with the slug option (and its title and period)."
          : "Give the plan's slug, e.g. asean-canada-2026-2030.",
      ),
    );
  else if (!/^[a-z0-9][a-z0-9-]*$/.test(slug) || slug.length > 100)
    problems.push(
      issue(
        overrides.slug !== undefined ? 'slug' : content.detailAt('slug'),
        'Use lower-case letters, digits and hyphens (at most 100), e.g. asean-canada-2026-2030.',
      ),
    );
  const parsed = planInputSchema.safeParse(details);
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const path = i.path.filter((p): p is string | number => typeof p !== 'symbol').join('.');
      const missing = format === 'csv' && !given.has(path) && ['periodStart', 'periodEnd', 'title.en'].includes(path);
      problems.push(
        issue(
          nameOf(path),
          missing
            ? `${i.message} A CSV file holds the framework only: give it with the ${csvDetailName(path)} option.`
            : i.message,
        ),
      );
    }
  }
  const t = (v: unknown): Text => {
    const o = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
    return { en: typeof o.en === 'string' ? o.en : null, fr: typeof o.fr === 'string' ? o.fr : null };
  };
  const year = (v: unknown) => (typeof v === 'number' ? v : null);
  return {
    slug: problems.length ? null : slug,
    input: problems.length || !parsed.success ? null : parsed.data,
    problems,
    preview: {
      slug,
      title: t(details.title),
      shortTitle: t(details.shortTitle),
      periodStart: year(details.periodStart),
      periodEnd: year(details.periodEnd),
      status: parsed.success ? parsed.data.status : null,
    },
  };
}

/** Where a node's field sits, for an issue of the shared node schema. */
function nodeColumn(path: readonly PropertyKey[]): Column {
  const [head, lang] = path;
  if (head === 'title' || head === 'description') return `${head}_${lang === 'fr' ? 'fr' : 'en'}`;
  if (head === 'code' || head === 'kind') return head;
  return 'code';
}

function checkNodes(nodes: readonly FileNode[]): { nodes: PlanFileNode[]; problems: FieldIssue[] } {
  const problems: FieldIssue[] = [];
  const byCode = new Map<string, FileNode>();
  for (const n of nodes) {
    const parsed = frameworkNodeInputSchema.safeParse({
      parentId: null,
      code: n.code,
      kind: n.kind,
      title: n.title,
      description: n.description,
    });
    if (!parsed.success) {
      for (const i of parsed.error.issues) {
        const column = nodeColumn(i.path);
        const reason =
          column === 'code' && !n.code
            ? 'Give the node a dotted code such as 1, 1.2 or 1.2.3.'
            : column === 'title_en' && i.message.startsWith('Give it in')
              ? 'Give the title in English (title_en), French (title_fr) or both.'
              : i.message;
        problems.push(issue(n.at(column), reason));
      }
    }
    if (!(NODE_STATUSES as readonly string[]).includes(n.status))
      problems.push(issue(n.at('status'), `Use one of: ${NODE_STATUSES.join(', ')} (empty means active).`));
    if (!n.code) continue;
    const seen = byCode.get(n.code);
    if (seen)
      problems.push(
        issue(n.at('code'), `The code "${n.code}" is also used at ${seen.place}; give each node its own code.`),
      );
    else byCode.set(n.code, n);
  }
  for (const n of nodes) {
    if (n.parent === null || !n.code) continue;
    if (n.parent === n.code) {
      problems.push(issue(n.at('parent'), 'A node cannot be its own parent; leave parent empty for a top-level node.'));
    } else if (!byCode.has(n.parent)) {
      problems.push(
        issue(
          n.at('parent'),
          `No node has the code "${n.parent}"; use the code of a node above it, or leave parent empty for a top-level node.`,
        ),
      );
    }
  }
  if (problems.length) return { nodes: [], problems };
  // Cycles: walking up from any node must reach a top-level node.
  const depth = new Map<string, number>();
  const looping = new Set<string>();
  for (const n of nodes) {
    if (depth.has(n.code) || looping.has(n.code)) continue;
    const path: FileNode[] = [];
    let base = -1;
    let looped = false;
    for (let c: FileNode | undefined = n; c; c = c.parent === null ? undefined : byCode.get(c.parent)) {
      const known = depth.get(c.code);
      if (known !== undefined) {
        base = known;
        break;
      }
      if (looping.has(c.code)) {
        looped = true;
        break;
      }
      const i = path.indexOf(c);
      if (i >= 0) {
        const loop = path.slice(i);
        const first = loop[0] ?? c;
        problems.push(
          issue(
            first.at('parent'),
            `The parents go round in a loop (${[...loop, first].map((l) => l.code).join(' → ')}); give one of these nodes a parent outside the loop.`,
          ),
        );
        looped = true;
        break;
      }
      path.push(c);
    }
    if (looped) {
      for (const p of path) looping.add(p.code);
      continue;
    }
    for (const p of path.reverse()) {
      base += 1;
      depth.set(p.code, base);
      if (base === MAX_FRAMEWORK_DEPTH)
        problems.push(
          issue(
            p.at('parent'),
            `The framework is more than ${MAX_FRAMEWORK_DEPTH} levels deep here; attach the node higher up.`,
          ),
        );
    }
  }
  if (problems.length) return { nodes: [], problems };
  // Parents before children, siblings in the file's order.
  const children = new Map<string | null, FileNode[]>();
  for (const n of nodes) children.set(n.parent, [...(children.get(n.parent) ?? []), n]);
  const out: PlanFileNode[] = [];
  const walk = (parent: string | null, d: number) => {
    for (const [position, n] of (children.get(parent) ?? []).entries()) {
      out.push({
        code: n.code,
        parentCode: n.parent,
        kind: n.kind,
        status: n.status as NodeStatus,
        title: n.title,
        description: n.description,
        depth: d,
        position,
      });
      walk(n.code, d + 1);
    }
  };
  walk(null, 0);
  return { nodes: out, problems };
}

/** The file's bytes, up to the limit. */
export async function readPlanFileBytes(bytes: AsyncIterable<Uint8Array | string>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of bytes) {
    const b = typeof c === 'string' ? Buffer.from(c) : Buffer.from(c);
    size += b.length;
    if (size > MAX_PLAN_FILE_BYTES) throw new PlanFileTooLarge();
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

/** A file over {@link MAX_PLAN_FILE_BYTES}. */
export class PlanFileTooLarge extends Error {
  constructor() {
    super(
      `The file is larger than ${MAX_PLAN_FILE_BYTES / 1024 / 1024} MB; a plan's definition is far smaller. Check that it is the right file.`,
    );
  }
}

/**
 * Reads and checks a plan definition file. `overrides` are the details given beside the file (a CSV file's plan
 * has no others). Never throws for a bad file: every problem is in `problems`.
 */
export async function readPlanFile(bytes: Uint8Array, format: Format, overrides: PlanLoadDetails): Promise<PlanFile> {
  let content: FileContent;
  if (bytes.length === 0 || (format !== 'xlsx' && !new TextDecoder().decode(bytes).trim())) {
    content = emptyContent(csvDetailName);
    content.problems.push(
      issue('file', "The file is empty; start from a plan's exported definition (docs/plans.md) and fill it in."),
    );
  } else if (format === 'yaml') content = readYaml(bytes, overrides.slug);
  else if (format === 'csv') content = readCsvFile(bytes);
  else content = await readXlsxFile(bytes);

  const details = checkDetails(content, format, overrides);
  const checked = content.problems.length ? { nodes: [], problems: [] } : checkNodes(content.nodes);
  const problems = [...content.problems, ...checked.problems];
  if (content.detailsRead && !content.problems.length && content.nodes.length === 0)
    problems.push(
      issue(
        format === 'yaml' ? content.detailAt('framework') : format === 'xlsx' ? 'Framework sheet' : 'file',
        'The framework is empty; give at least one node (a pillar) with its code, kind and title.',
      ),
    );
  // The details are checked whenever they could be read, whatever else is wrong, so that every problem shows at once.
  if (content.detailsRead) problems.push(...details.problems);
  return {
    slug: problems.length ? null : details.slug,
    input: problems.length ? null : details.input,
    details: details.preview,
    nodes: checked.nodes,
    problems,
    warnings: content.warnings,
  };
}

/** The nodes as a tree, for the preview. */
export function previewTree(nodes: readonly PlanFileNode[]): PlanLoadNode[] {
  const byParent = new Map<string | null, PlanFileNode[]>();
  for (const n of nodes) byParent.set(n.parentCode, [...(byParent.get(n.parentCode) ?? []), n]);
  const build = (parent: string | null): PlanLoadNode[] =>
    (byParent.get(parent) ?? []).map((n) => ({
      code: n.code,
      kind: n.kind,
      status: n.status,
      title: n.title,
      children: build(n.code),
    }));
  return build(null);
}
