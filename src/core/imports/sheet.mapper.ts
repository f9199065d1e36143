/**
 * Spreadsheet rows → ActionLine activities. The columns are the activity export's (keys, or the
 * English or French headers), so an exported file can be edited and imported back; name columns
 * (type and status names, country names, link titles, the page address, the last update) are
 * for reading and are not imported. Only the columns present change a record: an update leaves
 * the other fields as they are. Pure: organisations and plan parts are matched by the service.
 */
import { ACTIVITY_EXPORT_HEADERS, type ActivityExportColumn } from '../../shared/export-columns';
import type { LocalizedText } from '../../shared/localized';
import { isPartialDate } from '../../shared/partial-date';
import { activityInputSchema, type ActivityInput, type ActivityInputDraft } from '../../shared/schemas/activity.schema';
import { parseRecipients, parseSectors, type Parsed } from '../detail-cells';
import type { FundingType, Language, ParticipantRole } from '../../shared/vocab';

/** Columns that only describe the row for a reader. */
const READ_ONLY = [
  'typeName',
  'statusName',
  'workflowState',
  'workflowStateName',
  'countryNames',
  'sectorNames',
  'reportingOrganisation',
  'planLinkTitles',
  'url',
  'updatedAt',
] as const satisfies readonly ActivityExportColumn[];

/** The columns an import reads, with where their problems are reported. */
export type SheetColumn = Exclude<ActivityExportColumn, (typeof READ_ONLY)[number]>;

export interface SheetLayout {
  /** Index of each importable column in the row. */
  columns: Map<SheetColumn, number>;
  /** Headers not recognised (named in a note) and read-only ones (skipped quietly). */
  unknown: string[];
}

const normal = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

/** Finds the columns by key or by header in either language. */
export function sheetLayout(header: string[]): SheetLayout {
  const byName = new Map<string, ActivityExportColumn>();
  for (const [key, h] of Object.entries(ACTIVITY_EXPORT_HEADERS) as [
    ActivityExportColumn,
    Record<Language, string>,
  ][]) {
    for (const name of [key, h.en, h.fr]) byName.set(normal(name), key);
  }
  const columns = new Map<SheetColumn, number>();
  const unknown: string[] = [];
  header.forEach((h, i) => {
    if (!h.trim()) return;
    const key = byName.get(normal(h));
    if (!key) unknown.push(h);
    else if (!(READ_ONLY as readonly string[]).includes(key)) columns.set(key as SheetColumn, i);
  });
  return { columns, unknown };
}

/** The header of a column in the file's language, for messages. */
export const columnHeader = (key: SheetColumn, lang: Language) => ACTIVITY_EXPORT_HEADERS[key][lang];

export interface NamedOrganisation {
  name: string;
  acronym: string | null;
  /** The cell's entry as written. */
  raw: string;
}

/** A row read against the layout: the cells of the columns present (null when the cell is empty). */
export type SheetValues = Partial<Record<SheetColumn, string | null>>;

export function rowValues(layout: SheetLayout, cells: string[]): SheetValues {
  const values: SheetValues = {};
  for (const [key, i] of layout.columns) {
    const v = (cells[i] ?? '').trim();
    values[key] = v === '' ? null : v;
  }
  return values;
}

const LIST = /\s*[;\n]\s*/;
const list = (v: string | null | undefined) => (v ? v.split(LIST).filter(Boolean) : []);

/** "United Nations Development Fund for Women (UNIFEM)" → name and acronym, as the export writes them. */
export function organisationNames(v: string | null | undefined): NamedOrganisation[] {
  return list(v).map((entry) => {
    const m = /^(.*\S)\s*\(([^()]{1,50})\)$/.exec(entry);
    return m
      ? { name: (m[1] as string).trim(), acronym: (m[2] as string).trim(), raw: entry }
      : { name: entry, acronym: null, raw: entry };
  });
}

/** "CAD 3000000.00; USD 5000" → amount per currency, or the cell's problem. */
export function totalsOf(v: string | null): { totals: Map<string, string> } | { reason: string } {
  const totals = new Map<string, string>();
  for (const part of list(v)) {
    const m = /^([A-Za-z]{3})\s+([\d.,\s]+)$/.exec(part) ?? /^([\d.,\s]+)\s+([A-Za-z]{3})$/.exec(part)?.reverse();
    const [currency, amount] = m ? [m[1], m[2]] : [undefined, undefined];
    if (!currency || !amount)
      return {
        reason: `Write amounts as a currency code and digits, e.g. "CAD 3000000; USD 5000.50" (not "${part}").`,
      };
    const digits = amount.replace(/[\s,]/g, '');
    if (!/^\d+(\.\d+)?$/.test(digits))
      return { reason: `"${amount}" is not an amount; use digits and a point for decimals.` };
    totals.set(currency.toUpperCase(), digits);
  }
  return { totals };
}

const cents = (amount: string) => {
  const [int = '0', dec = ''] = amount.split('.');
  return BigInt(int) * 1000n + BigInt((dec + '000').slice(0, 3));
};

/** Sums of the stored funding lines of a type, per currency, in thousandths. */
function storedTotals(before: ActivityInput | null, type: FundingType): Map<string, bigint> {
  const sums = new Map<string, bigint>();
  for (const f of before?.funding ?? []) {
    if (f.type === type) sums.set(f.currency, (sums.get(f.currency) ?? 0n) + cents(f.amount));
  }
  return sums;
}

const YES = new Set(['yes', 'oui', 'true', '1', 'y', 'o']);
const NO = new Set(['no', 'non', 'false', '0', 'n']);

export interface SheetDraft {
  /** The activity with organisations still named, not matched. */
  draft: Omit<ActivityInputDraft, 'participants' | 'funding' | 'links'> & {
    participants: { organisation: NamedOrganisation | { id: string }; role: ParticipantRole; note: string | null }[];
    funding: (NonNullable<ActivityInputDraft['funding']>[number] | ActivityInput['funding'][number])[];
    links:
      | {
          plan: string;
          code: string;
          rationale: string | null;
          confidence: ActivityInput['links'][number]['confidence'];
        }[]
      | ActivityInput['links'];
  };
  problems: { column: SheetColumn; reason: string }[];
}

const ROLE_COLUMNS: [SheetColumn, ParticipantRole][] = [
  ['funders', 'funder'],
  ['implementers', 'implementer'],
  ['beneficiaries', 'beneficiary'],
  ['partners', 'partner'],
];
const FUNDING_COLUMNS: [SheetColumn, FundingType][] = [
  ['commitments', 'commitment'],
  ['disbursements', 'disbursement'],
  ['budgets', 'budget'],
];

/**
 * The activity a row describes: the stored one (`before`, for an update) with the row's columns
 * applied. Text columns are in `lang` (the title in `titleLanguage` when given); a cell equal to the
 * other language's stored text where this language has none is what an export wrote as a fallback,
 * and changes nothing. Totals equal to the stored lines' keep the lines; others replace the lines
 * of that type with one undated line per currency.
 */
export function applyRow(values: SheetValues, before: ActivityInput | null, lang: Language): SheetDraft {
  const problems: SheetDraft['problems'] = [];
  const has = (k: SheetColumn) => k in values;
  const textIn = (current: LocalizedText | undefined, cell: string | null | undefined, l: Language): LocalizedText => {
    const base: LocalizedText = current ?? { en: null, fr: null };
    const o: Language = l === 'en' ? 'fr' : 'en';
    if (cell && base[l] === null && base[o] === cell) return base;
    return { ...base, [l]: cell ?? null };
  };
  const titleLang = values.titleLanguage === 'fr' || values.titleLanguage === 'en' ? values.titleLanguage : lang;
  if (has('titleLanguage') && values.titleLanguage && values.titleLanguage !== titleLang) {
    problems.push({ column: 'titleLanguage', reason: 'Write en or fr.' });
  }

  const dates = {} as Record<'plannedStart' | 'plannedEnd' | 'actualStart' | 'actualEnd', string | null>;
  for (const k of ['plannedStart', 'plannedEnd', 'actualStart', 'actualEnd'] as const) {
    const v = has(k) ? (values[k] ?? null) : (before?.[k] ?? null);
    if (v !== null && !isPartialDate(v))
      problems.push({ column: k, reason: `Write a date as YYYY, YYYY-MM or YYYY-MM-DD (not "${v}").` });
    dates[k] = v;
  }

  let regional = before?.regional ?? false;
  if (has('regional') && values.regional) {
    const v = values.regional.toLowerCase();
    if (YES.has(v)) regional = true;
    else if (NO.has(v)) regional = false;
    else problems.push({ column: 'regional', reason: 'Write yes or no (oui or non).' });
  } else if (has('regional')) regional = false;

  let participants: SheetDraft['draft']['participants'] = (before?.participants ?? []).map((p) => ({
    organisation: { id: p.organisationId },
    role: p.role,
    note: p.note,
  }));
  if (ROLE_COLUMNS.some(([k]) => has(k))) {
    const kept = participants.filter((p) => !ROLE_COLUMNS.some(([k, role]) => has(k) && role === p.role));
    const named = ROLE_COLUMNS.flatMap(([k, role]) =>
      has(k) ? organisationNames(values[k]).map((organisation) => ({ organisation, role, note: null })) : [],
    );
    participants = [...kept, ...named];
  }

  let funding: SheetDraft['draft']['funding'] = [...(before?.funding ?? [])];
  for (const [k, type] of FUNDING_COLUMNS) {
    if (!has(k)) continue;
    const parsed = totalsOf(values[k] ?? null);
    if ('reason' in parsed) {
      problems.push({ column: k, reason: parsed.reason });
      continue;
    }
    const stored = storedTotals(before, type);
    const same =
      stored.size === parsed.totals.size &&
      [...parsed.totals].every(([currency, amount]) => stored.get(currency) === cents(amount));
    if (same) continue;
    funding = [
      ...funding.filter((f) => f.type !== type),
      ...[...parsed.totals].map(([currency, amount]) => ({
        amount,
        currency,
        type,
        date: null,
        valueDate: null,
        providerId: null,
        recipientId: null,
        note: null,
      })),
    ];
  }

  let links: SheetDraft['draft']['links'] = before?.links ?? [];
  if (has('planLinks')) {
    const parsed: { plan: string; code: string; rationale: string | null; confidence: null }[] = [];
    for (const entry of list(values.planLinks)) {
      const m = /^([^:\s]+):(\S+)$/.exec(entry);
      if (!m) {
        problems.push({
          column: 'planLinks',
          reason: `Write each link as plan:code, e.g. asean-canada-2010-2015:1.1 (not "${entry}").`,
        });
        continue;
      }
      parsed.push({ plan: m[1] as string, code: m[2] as string, rationale: null, confidence: null });
    }
    links = parsed;
  }

  let sources = before?.sources ?? [];
  if (has('sources')) {
    const urls = list(values.sources);
    const byUrl = new Map(sources.filter((s) => s.url).map((s) => [s.url, s]));
    sources = [
      ...sources.filter((s) => !s.url),
      ...urls.map(
        (url) =>
          byUrl.get(url) ?? {
            url,
            title: url,
            publisher: null,
            publishedOn: null,
            confidence: 'verified' as const,
            note: null,
          },
      ),
    ];
    // Keep the stored order of the sources that stay; new ones follow.
    const rank = new Map((before?.sources ?? []).map((s, i) => [s, i]));
    sources.sort((a, b) => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity));
  }

  const details = detailsOf(values, before, problems);

  const countries = has('countries') ? list(values.countries).map((c) => c.toUpperCase()) : (before?.countries ?? []);

  return {
    draft: {
      iatiIdentifier: has('iatiIdentifier') ? (values.iatiIdentifier ?? null) : (before?.iatiIdentifier ?? null),
      title: has('title') ? textIn(before?.title, values.title, titleLang) : (before?.title ?? { en: null, fr: null }),
      summary: has('summary')
        ? textIn(before?.summary, values.summary, lang)
        : (before?.summary ?? { en: null, fr: null }),
      description: has('description')
        ? textIn(before?.description, values.description, lang)
        : (before?.description ?? { en: null, fr: null }),
      type: (has('type') ? values.type : before?.type) as ActivityInputDraft['type'],
      status: (has('status') ? values.status : before?.status) as ActivityInputDraft['status'],
      ...dates,
      countries: countries as ActivityInputDraft['countries'],
      regional,
      ...details,
      participants,
      funding,
      links,
      sources,
    },
    problems,
  };
}

type Details = Pick<
  ActivityInput,
  'reportingOrganisationId' | 'sectors' | 'otherRecipients' | 'results' | 'otherLanguageTexts'
>;

/**
 * The IATI details of the activity: the stored ones, with the sectors and other recipients of the
 * row when their columns are present (a stored sector or recipient keeps its name). Each entry is
 * checked with the activity schema here, so that a problem names its column and entry. Results,
 * texts in other languages and the reporting organisation are not in spreadsheets: they stay.
 */
function detailsOf(values: SheetValues, before: ActivityInput | null, problems: SheetDraft['problems']): Details {
  const details: Details = {
    reportingOrganisationId: before?.reportingOrganisationId ?? null,
    sectors: before?.sectors ?? [],
    otherRecipients: before?.otherRecipients ?? [],
    results: before?.results ?? [],
    otherLanguageTexts: before?.otherLanguageTexts ?? [],
  };
  const sectors = 'sectors' in values ? parseSectors(values.sectors) : null;
  const recipients = 'otherRecipients' in values ? parseRecipients(values.otherRecipients) : null;
  if (!sectors && !recipients) return details;
  const readable = <T>(column: 'sectors' | 'otherRecipients', parsed: Parsed<T>[]): T[] =>
    parsed.flatMap((p) => {
      if ('value' in p) return [p.value];
      problems.push({ column, reason: p.reason });
      return [];
    });
  const input: Partial<Record<'sectors' | 'otherRecipients', unknown[]>> = {};
  const before0 = problems.length;
  if (sectors)
    input.sectors = readable('sectors', sectors).map((s) => ({
      ...s,
      name: before?.sectors.find((b) => b.vocabulary === s.vocabulary && b.code === s.code)?.name ?? null,
    }));
  if (recipients)
    input.otherRecipients = readable('otherRecipients', recipients).map((r) => ({
      ...r,
      name:
        before?.otherRecipients.find((b) => b.kind === r.kind && b.vocabulary === r.vocabulary && b.code === r.code)
          ?.name ?? null,
    }));
  if (problems.length > before0) return details;
  // The activity's own rules for these lists, checked on an activity that holds only them.
  const checked = activityInputSchema.safeParse({
    title: { en: '-', fr: null },
    type: 'other',
    status: 'planned',
    ...input,
  });
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const [column, index] = issue.path;
      const parsed = column === 'sectors' ? sectors : column === 'otherRecipients' ? recipients : null;
      if (!parsed) continue;
      const entry = typeof index === 'number' ? parsed[index]?.entry : undefined;
      problems.push({
        column: column as 'sectors' | 'otherRecipients',
        reason: entry === undefined ? issue.message : `"${entry}": ${issue.message}`,
      });
    }
    return details;
  }
  if (sectors) details.sectors = checked.data.sectors;
  if (recipients) details.otherRecipients = checked.data.otherRecipients;
  return details;
}
