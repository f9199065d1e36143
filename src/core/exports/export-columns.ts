import type { ActivityDetail, FundingLine, OrganisationRef } from '../../shared/api-types';
import { resolveText, type LocalizedText } from '../../shared/localized';
import type { ActivityExportColumn, FundingExportColumn } from '../../shared/export-columns';
import type { FundingType, Language, ParticipantRole } from '../../shared/vocab';
import { recipientsCell, sectorCode, sectorsCell } from '../detail-cells';
import { countryName, vocabLabel } from './vocab-labels';

/** A cell: text, a number (kept numeric in spreadsheets) or empty. */
export type Cell = string | number | null;

/** What a column needs besides the record: the language of the file and the portal's address. */
export interface ColumnContext {
  lang: Language;
  /** Address of the portal, without a trailing slash, for links to the activity pages. */
  baseUrl: string;
}

/** How an export computes one column. */
export interface ColumnDef<T> {
  value: (record: T, ctx: ColumnContext) => Cell;
  /** Holds a decimal amount: a number cell in spreadsheets (the text keeps every digit in CSV). */
  numeric?: boolean;
}

/** A column with its stable key, as named in `columns=`, and its header in each language. */
export interface Column<T> extends ColumnDef<T> {
  key: string;
  header: Readonly<Record<Language, string>>;
}

const LIST = '; ';

function text(value: LocalizedText, lang: Language): Cell {
  return resolveText(value, lang)?.text ?? null;
}

function orgName(o: OrganisationRef, lang: Language): string {
  const name = resolveText(o.name, lang)?.text ?? o.id;
  return o.acronym && o.acronym !== name ? `${name} (${o.acronym})` : name;
}

function withRole(role: ParticipantRole) {
  return (a: ActivityDetail, { lang }: ColumnContext): Cell =>
    a.participants
      .filter((p) => p.role === role)
      .map((p) => orgName(p.organisation, lang))
      .join(LIST) || null;
}

function totals(type: FundingType) {
  return (a: ActivityDetail): Cell =>
    a.fundingTotals
      .filter((t) => t.type === type)
      .map((t) => `${t.currency} ${t.amount}`)
      .join(LIST) || null;
}

const yesNo: Record<Language, [string, string]> = { en: ['yes', 'no'], fr: ['oui', 'non'] };

/**
 * The columns of the activity export, one row per activity, in their default order. Coded values
 * come as the code and, in the next column, its name in the file's language; text falls back to
 * the other language when missing, and `titleLanguage` says which language the title is in.
 */
export const ACTIVITY_COLUMNS: Record<ActivityExportColumn, ColumnDef<ActivityDetail>> = {
  id: { value: (a) => a.id },
  iatiIdentifier: { value: (a) => a.iatiIdentifier },
  title: { value: (a, c) => text(a.title, c.lang) },
  titleLanguage: {
    value: (a, c) => resolveText(a.title, c.lang)?.lang ?? null,
  },
  summary: { value: (a, c) => text(a.summary, c.lang) },
  description: { value: (a, c) => text(a.description, c.lang) },
  type: { value: (a) => a.type },
  typeName: { value: (a, c) => vocabLabel(c.lang, 'activityType', a.type) },
  status: { value: (a) => a.status },
  statusName: { value: (a, c) => vocabLabel(c.lang, 'activityStatus', a.status) },
  workflowState: {
    value: (a) => a.workflowState,
  },
  workflowStateName: {
    value: (a, c) => vocabLabel(c.lang, 'workflowState', a.workflowState),
  },
  plannedStart: { value: (a) => a.plannedStart },
  plannedEnd: { value: (a) => a.plannedEnd },
  actualStart: { value: (a) => a.actualStart },
  actualEnd: { value: (a) => a.actualEnd },
  countries: {
    value: (a) => a.countries.join(LIST) || null,
  },
  countryNames: {
    value: (a, c) => a.countries.map((code) => countryName(c.lang, code)).join(LIST) || null,
  },
  regional: {
    value: (a, c) => yesNo[c.lang][a.regional ? 0 : 1],
  },
  otherRecipients: { value: (a) => recipientsCell(a.otherRecipients) },
  sectors: { value: (a) => sectorsCell(a.sectors) },
  sectorNames: {
    value: (a, c) =>
      a.sectors
        .map((s) => (s.label ? resolveText(s.label, c.lang)?.text : null) ?? s.name ?? sectorCode(s))
        .join(LIST) || null,
  },
  reportingOrganisation: {
    value: (a, c) => (a.reportingOrganisation ? orgName(a.reportingOrganisation, c.lang) : null),
  },
  funders: { value: withRole('funder') },
  implementers: { value: withRole('implementer') },
  beneficiaries: { value: withRole('beneficiary') },
  partners: { value: withRole('partner') },
  planLinks: {
    value: (a) => a.links.map((l) => `${l.node.plan.slug}:${l.node.code}`).join(LIST) || null,
  },
  planLinkTitles: {
    value: (a, c) =>
      a.links.map((l) => `${l.node.code} ${resolveText(l.node.title, c.lang)?.text ?? ''}`.trim()).join(LIST) || null,
  },
  commitments: { value: totals('commitment') },
  disbursements: { value: totals('disbursement') },
  budgets: { value: totals('budget') },
  sources: {
    value: (a) =>
      a.sources
        .map((s) => s.url)
        .filter(Boolean)
        .join(LIST) || null,
  },
  url: {
    value: (a, c) => `${c.baseUrl}/${c.lang}/activities/${encodeURIComponent(a.id)}`,
  },
  updatedAt: { value: (a) => a.updatedAt },
};

/** One funding line with the activity it belongs to. */
export interface FundingLineRecord {
  activity: ActivityDetail;
  line: FundingLine;
}

function fundingOrg(pick: (l: FundingLine) => OrganisationRef | null) {
  return ({ line }: FundingLineRecord, c: ColumnContext): Cell => {
    const o = pick(line);
    return o ? orgName(o, c.lang) : null;
  };
}

/** The columns of the funding-line export, one row per funding line. */
export const FUNDING_LINE_COLUMNS: Record<FundingExportColumn, ColumnDef<FundingLineRecord>> = {
  activityId: {
    value: (r) => r.activity.id,
  },
  activityIatiIdentifier: {
    value: (r) => r.activity.iatiIdentifier,
  },
  activityTitle: { value: (r, c) => text(r.activity.title, c.lang) },
  type: { value: (r) => r.line.type },
  typeName: { value: (r, c) => vocabLabel(c.lang, 'fundingType', r.line.type) },
  amount: { value: (r) => r.line.amount, numeric: true },
  currency: { value: (r) => r.line.currency },
  date: { value: (r) => r.line.date },
  valueDate: { value: (r) => r.line.valueDate },
  provider: { value: fundingOrg((l) => l.provider) },
  recipient: { value: fundingOrg((l) => l.recipient) },
  note: { value: (r) => r.line.note },
};

/** The columns `keys` names, in the order given; all of them, in `order`, when none is named. */
export function pickColumns<K extends string, T>(
  defs: Record<K, ColumnDef<T>>,
  headers: Readonly<Record<K, Readonly<Record<Language, string>>>>,
  keys: readonly K[] | undefined,
): Column<T>[] {
  const order = keys?.length ? keys : (Object.keys(headers) as K[]);
  return order.map((key) => ({ key, header: headers[key], ...defs[key] }));
}
