import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import type { z } from 'zod';
import { toMinorUnits } from '../../shared/money';
import type { AnnualRate } from '../money/rates';
import {
  seedActivitiesFileSchema,
  seedExchangeRatesFileSchema,
  seedOrganisationsFileSchema,
  seedPartnershipFileSchema,
  type SeedActivity,
  type SeedNode,
  type SeedOrganisation,
  type SeedPartnershipFile,
  type SeedPlan,
} from './seed-file.schema';

/**
 * Reads the seed folders (`<dir>/<partnership>/{partnership,organisations,activities}.yaml`),
 * validates every file against its schema and every reference across files, and reports all
 * problems at once.
 */

/** The files of one partnership folder; only partnership.yaml is required. */
export const SEED_FILES = {
  partnership: 'partnership.yaml',
  organisations: 'organisations.yaml',
  activities: 'activities.yaml',
} as const;

export interface SeedIssue {
  /** The file, relative to the working directory when inside it. */
  file: string;
  /** Where in the file, e.g. `activities[3].funding[0].amount`, or a line and column. */
  path: string;
  /** The key of the record the problem is in, when known. */
  record?: string | undefined;
  message: string;
}

/** `file: path (record): message`, one line. */
export function formatSeedIssue(issue: SeedIssue): string {
  const record = issue.record ? ` (${issue.record})` : '';
  return `${issue.file}: ${issue.path}${record}: ${issue.message}`;
}

/** Thrown by {@link loadSeed} with every problem found in the seed files. */
export class SeedValidationError extends Error {
  constructor(readonly issues: SeedIssue[]) {
    const n = issues.length;
    super(`Invalid seed data (${n} problem${n === 1 ? '' : 's'}):\n${issues.map((i) => `  - ${formatSeedIssue(i)}`).join('\n')}`);
    this.name = 'SeedValidationError';
  }
}

/** One partnership's validated seed. */
export interface PartnershipSeed {
  /** The folder the files were read from. */
  dir: string;
  partnership: SeedPartnershipFile['partnership'];
  plans: SeedPlan[];
  organisations: SeedOrganisation[];
  activities: SeedActivity[];
}

/** Beside the partnership folders: the exchange-rates table, shared by every partnership. */
export const SEED_RATES_FILE = 'exchange-rates.yaml';

/** One rate of `exchange-rates.yaml`, its block's source and note applied. */
export type SeedExchangeRate = AnnualRate;

export interface LoadedSeed {
  partnerships: PartnershipSeed[];
  /** From `<dir>/exchange-rates.yaml`; empty when the file is absent. */
  exchangeRates: SeedExchangeRate[];
}

/** A parsed folder together with the display names of its files, for messages. */
interface ParsedFolder {
  seed: PartnershipSeed;
  files: { partnership: string; organisations: string; activities: string };
}

/** Reads and validates every partnership folder under `dir`; throws a SeedValidationError listing all problems. */
export function loadSeed(dir: string): LoadedSeed {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new Error(`Seed folder not found: ${dir}`);
  }
  const issues: SeedIssue[] = [];
  const folders: ParsedFolder[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    const folder = path.join(dir, name);
    if (!fs.statSync(folder).isDirectory()) continue;
    const parsed = readFolder(folder, issues);
    if (parsed) folders.push(parsed);
  }
  const exchangeRates = readExchangeRates(path.join(dir, SEED_RATES_FILE), issues);
  if (issues.length === 0) checkReferences(folders, issues);
  if (issues.length > 0) throw new SeedValidationError(issues);
  return { partnerships: folders.map((f) => f.seed), exchangeRates };
}

/** The rates of `exchange-rates.yaml`, flattened from its blocks; each (currency, year) once. */
function readExchangeRates(file: string, issues: SeedIssue[]): SeedExchangeRate[] {
  if (!fs.existsSync(file)) return [];
  const name = displayName(file);
  const parsed = readFile(file, name, seedExchangeRatesFileSchema, issues);
  if (!parsed) return [];
  const rates: SeedExchangeRate[] = [];
  const seen = new UniqueCheck('rate');
  parsed.exchangeRates.forEach((block, i) => {
    for (const [year, cadPerUnit] of Object.entries(block.rates)) {
      const at = `exchangeRates[${i}].rates.${year}`;
      const dup = seen.check(`${block.currency} ${year}`, at);
      if (dup) issues.push({ file: name, path: at, record: block.currency, message: dup });
      rates.push({ currency: block.currency, year: Number(year), cadPerUnit, source: block.source, note: block.note ?? null });
    }
  });
  return rates.sort((a, b) => a.currency.localeCompare(b.currency) || a.year - b.year);
}

// ---------------------------------------------------------------------------------------------
// Reading and schema validation

function displayName(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel;
}

function readFolder(folder: string, issues: SeedIssue[]): ParsedFolder | undefined {
  const known = new Set<string>(Object.values(SEED_FILES));
  for (const name of fs.readdirSync(folder)) {
    if (/\.ya?ml$/i.test(name) && !known.has(name)) {
      issues.push({
        file: displayName(path.join(folder, name)),
        path: '(file)',
        message: `Unknown seed file; expected ${[...known].join(', ')}.`,
      });
    }
  }
  const files = {
    partnership: path.join(folder, SEED_FILES.partnership),
    organisations: path.join(folder, SEED_FILES.organisations),
    activities: path.join(folder, SEED_FILES.activities),
  };
  const names = {
    partnership: displayName(files.partnership),
    organisations: displayName(files.organisations),
    activities: displayName(files.activities),
  };
  if (!fs.existsSync(files.partnership)) {
    issues.push({ file: names.partnership, path: '(file)', message: 'Missing: every seed folder needs a partnership.yaml.' });
    return undefined;
  }
  const partnership = readFile(files.partnership, names.partnership, seedPartnershipFileSchema, issues);
  const organisations = fs.existsSync(files.organisations)
    ? readFile(files.organisations, names.organisations, seedOrganisationsFileSchema, issues)
    : { organisations: [] };
  const activities = fs.existsSync(files.activities)
    ? readFile(files.activities, names.activities, seedActivitiesFileSchema, issues)
    : { activities: [] };
  if (!partnership || !organisations || !activities) return undefined;
  return {
    seed: {
      dir: folder,
      partnership: partnership.partnership,
      plans: partnership.plans,
      organisations: organisations.organisations,
      activities: activities.activities,
    },
    files: names,
  };
}

function readFile<S extends z.ZodType>(file: string, name: string, schema: S, issues: SeedIssue[]): z.output<S> | undefined {
  const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const doc = YAML.parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0) {
    for (const err of doc.errors) {
      issues.push({ file: name, path: lineAndColumn(text, err.pos[0]), message: err.message.split('\n')[0] ?? err.message });
    }
    return undefined;
  }
  const data: unknown = doc.toJS();
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    issues.push({ file: name, path: formatPath(issue.path), record: recordKey(data, issue.path), message: issue.message });
  }
  return undefined;
}

/** The 1-based line and column of a character offset. */
function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, Math.max(0, offset)).split('\n');
  return `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
}

/** `['activities', 3, 'funding', 0, 'amount']` → `activities[3].funding[0].amount`. */
export function formatPath(segments: readonly PropertyKey[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else out += out === '' ? String(s) : `.${String(s)}`;
  }
  return out === '' ? '(top level)' : out;
}

/** The `key` of the top-level record a path points into (e.g. `activities[3]`), if it has one. */
function recordKey(data: unknown, segments: readonly PropertyKey[]): string | undefined {
  const [list, index] = segments;
  if (typeof list !== 'string' || typeof index !== 'number' || !isObject(data)) return undefined;
  const items = data[list];
  const item = Array.isArray(items) ? (items[index] as unknown) : undefined;
  return isObject(item) && typeof item.key === 'string' ? item.key : undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// ---------------------------------------------------------------------------------------------
// Cross-file checks: unique keys, references, dates and amounts

/** Collects first-seen locations of values and reports later duplicates. */
class UniqueCheck {
  private readonly seen = new Map<string, string>();
  constructor(private readonly what: string) {}

  check(value: string, where: string): string | undefined {
    const first = this.seen.get(value);
    if (first !== undefined) return `Duplicate ${this.what} "${value}" (first used at ${first}).`;
    this.seen.set(value, where);
    return undefined;
  }
}

/** Partial dates compare at the precision both have: 2011 is not before 2011-05. */
function endsBeforeStart(start: string | undefined, end: string | undefined): boolean {
  if (start === undefined || end === undefined) return false;
  const n = Math.min(start.length, end.length);
  return end.slice(0, n) < start.slice(0, n);
}

function walkNodes(nodes: SeedNode[], base: string, visit: (node: SeedNode, at: string) => void): void {
  nodes.forEach((node, i) => {
    const at = `${base}[${i}]`;
    visit(node, at);
    walkNodes(node.children ?? [], `${at}.children`, visit);
  });
}

interface Index {
  organisations: Set<string>;
  /** plan key → node codes */
  nodes: Map<string, Set<string>>;
}

function checkReferences(folders: ParsedFolder[], issues: SeedIssue[]): void {
  const index: Index = { organisations: new Set(), nodes: new Map() };
  const partnershipKeys = new UniqueCheck('partnership key');
  const partnershipSlugs = new UniqueCheck('partnership slug');
  const planKeys = new UniqueCheck('plan key');
  const planSlugs = new UniqueCheck('plan slug');
  const orgKeys = new UniqueCheck('organisation key');
  const orgIati = new UniqueCheck('organisation IATI identifier');

  for (const { seed, files } of folders) {
    const file = files.partnership;
    const add = (at: string, message: string | undefined, record?: string) => {
      if (message) issues.push({ file, path: at, record, message });
    };
    add('partnership.key', partnershipKeys.check(seed.partnership.key, file));
    add('partnership.slug', partnershipSlugs.check(seed.partnership.slug, file));
    seed.plans.forEach((plan, i) => {
      const at = `plans[${i}]`;
      add(`${at}.key`, planKeys.check(plan.key, `${file} ${at}`), plan.key);
      add(`${at}.slug`, planSlugs.check(plan.slug, `${file} ${at}`), plan.key);
      if (plan.periodEnd < plan.periodStart) add(`${at}.periodEnd`, 'The period ends before it starts.', plan.key);
      const codes = new UniqueCheck(`node code in plan "${plan.key}"`);
      walkNodes(plan.framework, `${at}.framework`, (node, nodeAt) => add(`${nodeAt}.code`, codes.check(node.code, nodeAt), plan.key));
      const set = new Set<string>();
      walkNodes(plan.framework, '', (node) => set.add(node.code));
      index.nodes.set(plan.key, set);
    });
  }

  for (const { seed, files } of folders) {
    seed.organisations.forEach((org, i) => {
      const at = `organisations[${i}]`;
      const where = `${files.organisations} ${at}`;
      const dup = orgKeys.check(org.key, where);
      if (dup) issues.push({ file: files.organisations, path: `${at}.key`, record: org.key, message: dup });
      const iati = org.iatiIdentifier ? orgIati.check(org.iatiIdentifier, where) : undefined;
      if (iati) issues.push({ file: files.organisations, path: `${at}.iatiIdentifier`, record: org.key, message: iati });
      index.organisations.add(org.key);
    });
  }

  const activityKeys = new UniqueCheck('activity key');
  const activityIati = new UniqueCheck('activity IATI identifier');
  for (const { seed, files } of folders) {
    seed.activities.forEach((activity, i) => {
      const at = `activities[${i}]`;
      const report = (p: string, message: string | undefined) => {
        if (message) issues.push({ file: files.activities, path: `${at}.${p}`, record: activity.key, message });
      };
      report('key', activityKeys.check(activity.key, `${files.activities} ${at}`));
      if (activity.iatiIdentifier) report('iatiIdentifier', activityIati.check(activity.iatiIdentifier, `${files.activities} ${at}`));
      checkActivity(activity, index, report);
    });
  }
}

function checkActivity(a: SeedActivity, index: Index, report: (path: string, message: string | undefined) => void): void {
  if (endsBeforeStart(a.plannedStart, a.plannedEnd)) report('plannedEnd', 'The planned end is before the planned start.');
  if (endsBeforeStart(a.actualStart, a.actualEnd)) report('actualEnd', 'The actual end is before the actual start.');

  const countries = new UniqueCheck('country');
  a.countries.forEach((c, i) => report(`countries[${i}]`, countries.check(c, `countries[${i}]`)));

  const unknownOrg = (key: string) => (index.organisations.has(key) ? undefined : `Unknown organisation "${key}": it is not in any organisations.yaml.`);
  const roles = new UniqueCheck('participant');
  a.participants.forEach((p, i) => {
    report(`participants[${i}].organisation`, unknownOrg(p.organisation));
    report(`participants[${i}]`, roles.check(`${p.organisation} as ${p.role}`, `participants[${i}]`));
  });

  a.funding.forEach((f, i) => {
    if (f.provider) report(`funding[${i}].provider`, unknownOrg(f.provider));
    if (f.recipient) report(`funding[${i}].recipient`, unknownOrg(f.recipient));
    report(`funding[${i}].amount`, amountProblem(f.amount, f.currency));
  });

  const links = new UniqueCheck('link');
  a.links.forEach((l, i) => {
    const codes = index.nodes.get(l.plan);
    if (!codes) report(`links[${i}].plan`, `Unknown plan "${l.plan}": it is not in any partnership.yaml.`);
    else if (!codes.has(l.node)) report(`links[${i}].node`, `Plan "${l.plan}" has no node with code "${l.node}".`);
    report(`links[${i}]`, links.check(`${l.plan} ${l.node}`, `links[${i}]`));
  });
}

function amountProblem(amount: string, currency: string): string | undefined {
  try {
    toMinorUnits(amount, currency);
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
