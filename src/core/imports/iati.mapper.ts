/**
 * Maps one IATI `iati-activity` element tree to an ActionLine activity draft, reversing
 * `iati.writer.ts` exactly for files ActionLine wrote (the `actionline:` attributes) and mapping
 * any other publisher's file as documented in `docs/iati.md`. Pure: organisations and framework
 * nodes are left as references for the import service to resolve.
 */
import type { LocalizedText } from '../../shared/localized';
import { isPartialDate } from '../../shared/partial-date';
import { activityInputSchema, type ActivityInput } from '../../shared/schemas/activity.schema';
import {
  ACTIVITY_STATUSES,
  ACTIVITY_TYPES,
  CONFIDENCE_LEVELS,
  COUNTRY_CODES,
  INDICATOR_MEASURES,
  ORGANISATION_TYPES,
  PARTICIPANT_ROLES,
  REGION_VOCABULARIES,
  RESULT_TYPES,
  type ActivityStatus,
  type ActivityType,
  type Confidence,
  type FundingType,
  type IndicatorMeasure,
  type NarrativeField,
  type OrganisationType,
  type ParticipantRole,
  type ResultType,
} from '../../shared/vocab';
import {
  IATI_ASEAN_REGION,
  IATI_DESCRIPTION_TYPE,
  IATI_INDICATOR_MEASURE,
  IATI_RESULT_TYPE,
  IATI_TAG_VOCABULARY,
} from '../exports/iati.writer';
import type { XmlNode } from './iati.reader';

/** An organisation as an activity names it, before it is matched to a record. */
export interface OrganisationMention {
  /** `actionline:organisation-id`: the record it was exported from. */
  id: string | null;
  /** IATI organisation identifier (`@ref`). */
  ref: string | null;
  name: LocalizedText;
  /** Tried after the name when matching, and recorded for a new organisation. */
  acronym?: string | null;
  /** Other spellings to match on (e.g. the name with its acronym as a spreadsheet wrote it). */
  otherNames?: string[];
  type: OrganisationType;
}

export interface MappedParticipant {
  organisation: OrganisationMention;
  role: ParticipantRole;
  note: string | null;
}

export interface MappedFunding {
  amount: string;
  currency: string;
  type: FundingType;
  date: string | null;
  /** `value/@value-date`: the date the value was converted at. */
  valueDate: string | null;
  provider: OrganisationMention | null;
  recipient: OrganisationMention | null;
  note: string | null;
}

/** A framework node named by a `tag`: a plan (slug) and a node code. */
export interface MappedTag {
  plan: string | null;
  vocabularyUri: string | null;
  code: string;
  rationale: string | null;
  confidence: Confidence | null;
}

export interface MappedSource {
  url: string | null;
  title: string;
  publisher: string | null;
  publishedOn: string | null;
  confidence: Confidence;
  note: string | null;
}

/** A sector as ActionLine keeps it (and as the link suggestions read it). */
export type MappedSector = ActivityInput['sectors'][number];
export type MappedRecipient = ActivityInput['otherRecipients'][number];
export type MappedResult = ActivityInput['results'][number];
export type MappedIndicator = MappedResult['indicators'][number];
export type MappedPeriod = MappedIndicator['periods'][number];
export type MappedOtherLanguageText = ActivityInput['otherLanguageTexts'][number];

export interface MappedActivity {
  line: number;
  /** The IATI identifier to store; null when ActionLine derived it on export. */
  iatiIdentifier: string | null;
  /** The identifier as written in the file (for messages and matching). */
  fileIdentifier: string | null;
  /** `actionline:id`: the record the activity was exported from, if any. */
  actionlineId: string | null;
  /** Whether the file was written by ActionLine (it then carries every field). */
  fromActionLine: boolean;
  title: LocalizedText;
  summary: LocalizedText;
  description: LocalizedText;
  /** The title, summary and description in languages other than English and French. */
  otherLanguageTexts: MappedOtherLanguageText[];
  /**
   * `reporting-org`: the organisation to record as the activity's reporting organisation; null when an
   * ActionLine file names its own publisher (the activity had none).
   */
  reportingOrganisation: OrganisationMention | null;
  /** Null when the file does not say (not an ActionLine file): a new activity is then a project. */
  type: ActivityType | null;
  status: ActivityStatus | null;
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  countries: string[];
  regional: boolean;
  /** Recipient countries outside ASEAN and Timor-Leste, and regions other than 789. */
  otherRecipients: MappedRecipient[];
  participants: MappedParticipant[];
  funding: MappedFunding[];
  tags: MappedTag[];
  sources: MappedSource[];
  sectors: MappedSector[];
  results: MappedResult[];
  /** What the file says that ActionLine does not keep, in plain words. */
  warnings: string[];
  /** Why the activity cannot be imported; empty when it can. */
  problems: { field: string; reason: string }[];
}

const AL = 'actionline:';

const children = (n: XmlNode, name: string): XmlNode[] => n.children.filter((c) => c.name === name);
const child = (n: XmlNode, name: string): XmlNode | undefined => n.children.find((c) => c.name === name);
const attr = (n: XmlNode | undefined, name: string): string | null => {
  const v = n?.attrs[name]?.trim();
  return v ? v : null;
};
const al = (n: XmlNode | undefined, name: string): string | null => attr(n, AL + name);
const isPlaceholder = (n: XmlNode | undefined): boolean => al(n, 'placeholder') === 'true';

const oneOf = <T extends string>(list: readonly T[], v: string | null): T | null =>
  v !== null && (list as readonly string[]).includes(v) ? (v as T) : null;

/** Text without the whitespace that indentation leaves around it. */
function cleanText(t: string): string {
  return t.replace(/\r\n?/g, '\n').trim();
}

/** The primary subtag of a language tag, in lower case (`en-GB` → `en`, `KM` → `km`). */
function languageOf(raw: string): string {
  const primary = raw.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return /^[a-z]{2,3}$/.test(primary) ? primary : raw.trim().toLowerCase();
}

/** A narrative in a language other than English and French, with ActionLine's place for it, if any. */
interface OtherNarrative {
  lang: string;
  text: string;
  position: string | null;
}

/**
 * The narratives of an element per language: `xml:lang` of the narrative, else the activity's
 * language. Languages other than English and French are returned apart.
 */
function narratives(n: XmlNode | undefined, defaultLang: string): { text: LocalizedText; other: OtherNarrative[] } {
  const text: LocalizedText = { en: null, fr: null };
  const other: OtherNarrative[] = [];
  for (const nar of n ? children(n, 'narrative') : []) {
    if (isPlaceholder(nar)) continue;
    const value = cleanText(nar.text);
    if (!value) continue;
    const lang = languageOf(attr(nar, 'xml:lang') ?? defaultLang);
    if (lang === 'en' || lang === 'fr') {
      text[lang] = text[lang] ? `${text[lang]}\n\n${value}` : value;
    } else other.push({ lang, text: value, position: al(nar, 'position') });
  }
  return { text, other };
}

/** English and French narratives; when neither exists, the first other language's, kept as English. */
function localized(n: XmlNode | undefined, defaultLang: string, what: string, warnings: string[]): LocalizedText {
  const { text, other } = narratives(n, defaultLang);
  if (text.en || text.fr) {
    if (other.length) {
      warnings.push(
        `The ${what} in ${[...new Set(other.map((o) => o.lang))].join(', ')} is not kept: ActionLine holds English and French.`,
      );
    }
    return text;
  }
  const first = other[0];
  if (!first) return text;
  warnings.push(
    `The ${what} is only in "${first.lang}"; it is kept in the English field. ActionLine holds English and French.`,
  );
  return { en: first.text, fr: null };
}

/** Cuts each language of a text to `max` characters, saying so. */
function cut(text: LocalizedText, max: number, what: string, warnings: string[]): LocalizedText {
  const one = (t: string | null) => {
    if (t === null || t.length <= max) return t;
    warnings.push(`The ${what} is longer than ${max} characters; it was cut to that length.`);
    return t.slice(0, max).trimEnd();
  };
  return { en: one(text.en), fr: one(text.fr) };
}

function joinText(a: string | null, b: string | null): string | null {
  if (a && b) return `${a}\n\n${b}`;
  return a ?? b;
}

/** `iso-date` cut to the precision ActionLine wrote it with; null when absent or a placeholder. */
function dateOf(n: XmlNode | undefined): string | null {
  if (!n || isPlaceholder(n)) return null;
  return partialDate(attr(n, 'iso-date'), al(n, 'precision'));
}

/** The value date of a `value`, cut to its precision; null when absent or a placeholder. */
function valueDateOf(n: XmlNode | undefined): string | null {
  if (!n || al(n, 'value-date-placeholder') === 'true') return null;
  return partialDate(attr(n, 'value-date'), al(n, 'value-date-precision'));
}

function partialDate(iso: string | null, precision: string | null): string | null {
  if (!iso) return null;
  const day = iso.slice(0, 10);
  const value = precision === 'year' ? day.slice(0, 4) : precision === 'month' ? day.slice(0, 7) : day;
  return isPartialDate(value) ? value : null;
}

/** IATI ActivityStatus → ActionLine status (3 Finalisation and 4 Closed are completed). */
const STATUS_BY_CODE: Record<string, ActivityStatus> = {
  '1': 'planned',
  '2': 'ongoing',
  '3': 'completed',
  '4': 'completed',
  '5': 'cancelled',
  '6': 'suspended',
};

/** IATI OrganisationRole → ActionLine role, when the file does not name the exact one. */
const ROLE_BY_CODE: Record<string, ParticipantRole> = {
  '1': 'funder',
  '2': 'beneficiary',
  '3': 'funder',
  '4': 'implementer',
};

/** IATI OrganisationType → ActionLine organisation type (for organisations new to ActionLine). */
const ORGANISATION_TYPE_BY_CODE: Record<string, OrganisationType> = {
  '10': 'government',
  '11': 'government',
  '15': 'government',
  '21': 'civil_society',
  '22': 'civil_society',
  '23': 'civil_society',
  '24': 'civil_society',
  '30': 'civil_society',
  '40': 'multilateral',
  '60': 'foundation',
  '70': 'private',
  '71': 'private',
  '72': 'private',
  '73': 'private',
  '80': 'academic',
};

function organisationType(code: string | null): OrganisationType {
  return ORGANISATION_TYPE_BY_CODE[code ?? ''] ?? 'other';
}

function mention(n: XmlNode, defaultLang: string): OrganisationMention {
  const { text, other } = narratives(n, defaultLang);
  const name = text.en || text.fr ? text : { en: other[0]?.text ?? null, fr: null };
  const ref = attr(n, 'ref');
  const type = oneOf(ORGANISATION_TYPES, al(n, 'organisation-type')) ?? organisationType(attr(n, 'type'));
  return { id: al(n, 'organisation-id'), ref, name, type };
}

const hasName = (m: OrganisationMention) => Boolean(m.id || m.ref || m.name.en || m.name.fr);

/** IATI value text → ActionLine amount (digits, up to 3 decimals), or why not. */
function amountOf(value: string): { amount: string } | { reason: string } {
  const v = value.trim();
  if (!/^-?\d+(\.\d+)?$/.test(v)) return { reason: `the value "${v}" is not a number` };
  if (v.startsWith('-')) return { reason: `the value ${v} is negative (a correction)` };
  const [int = '0', dec = ''] = v.split('.');
  if (int.replace(/^0+(?=\d)/, '').length > 13) return { reason: `the value ${v} is too large` };
  const decimals = dec.replace(/0+$/, '');
  if (decimals.length > 3) return { reason: `the value ${v} has more than 3 decimals` };
  return { amount: decimals ? `${int}.${decimals}` : int };
}

function isWebAddress(url: string): boolean {
  return /^https?:\/\/[^/\s]/i.test(url) && URL.canParse(url);
}

/** Sorts elements by `actionline:position` when every one has it (ActionLine's own order). */
function inFileOrder<T>(items: { item: T; position: string | null }[]): T[] {
  if (items.length && items.every((i) => i.position !== null)) {
    return [...items].sort((a, b) => Number(a.position) - Number(b.position)).map((i) => i.item);
  }
  return items.map((i) => i.item);
}

// ---------------------------------------------------------------------------------------------
// The IATI details: texts in other languages, sectors, results.

/** One item of a list of the activity schema, to check mapped items one by one. */
const SECTOR = activityInputSchema.shape.sectors.unwrap().element;
const RECIPIENT = activityInputSchema.shape.otherRecipients.unwrap().element;
const RESULT = activityInputSchema.shape.results.unwrap().element;
const INDICATOR = RESULT.shape.indicators.unwrap().element;
const OTHER_TEXT = activityInputSchema.shape.otherLanguageTexts.unwrap().element;

const MAX_OTHER_TEXT = 20_000;
const MAX_VALUE = 200;
/** A number as a unit or percentage indicator is measured in (the activity schema's rule). */
const NUMBER = /^-?\d{1,13}(\.\d{1,6})?$/;

const RESULT_TYPE_BY_CODE = Object.fromEntries(
  Object.entries(IATI_RESULT_TYPE).map(([type, code]) => [code, type as ResultType]),
) as Partial<Record<string, ResultType>>;
const MEASURE_BY_CODE = Object.fromEntries(
  Object.entries(IATI_INDICATOR_MEASURE).map(([measure, code]) => [code, measure as IndicatorMeasure]),
) as Partial<Record<string, IndicatorMeasure>>;

/** Texts in other languages: one per field and language (several narratives are joined), each checked. */
function otherTexts(list: MappedOtherLanguageText[], warnings: string[]): MappedOtherLanguageText[] {
  const joined: MappedOtherLanguageText[] = [];
  for (const t of list) {
    const same = joined.find((j) => j.field === t.field && j.lang === t.lang);
    if (same) same.text = `${same.text}\n\n${t.text}`;
    else joined.push({ ...t });
  }
  return joined.flatMap((t) => {
    if (t.text.length > MAX_OTHER_TEXT) {
      warnings.push(`The ${t.field} in "${t.lang}" is longer than ${MAX_OTHER_TEXT} characters; it was cut.`);
      t.text = t.text.slice(0, MAX_OTHER_TEXT).trimEnd();
    }
    const parsed = OTHER_TEXT.safeParse(t);
    if (parsed.success) return [parsed.data];
    warnings.push(`The ${t.field} in "${t.lang}" is not kept: ${parsed.error.issues[0]?.message ?? ''}`);
    return [];
  });
}

/**
 * `sector` → sectors, in file order: vocabulary 1 when the file gives none, the name from the
 * narratives. A vocabulary whose shares are missing for some sectors or do not add up to 100
 * keeps its sectors without shares, with a note.
 */
function mapSectors(node: XmlNode, lang: string, warnings: string[]): MappedSector[] {
  const sectors: MappedSector[] = [];
  const unreadable = new Set<string>();
  for (const s of children(node, 'sector')) {
    if (isPlaceholder(s)) continue;
    const code = attr(s, 'code');
    if (!code) continue;
    const vocabulary = attr(s, 'vocabulary') ?? '1';
    const { text, other } = narratives(s, lang);
    const name = (text.en ?? text.fr ?? other[0]?.text ?? null)?.slice(0, 300) ?? null;
    const raw = attr(s, 'percentage');
    let percentage: number | null = null;
    if (raw !== null) {
      const n = Number(raw);
      if (Number.isFinite(n) && n >= 0 && n <= 100) percentage = Math.round(n * 100) / 100;
      else unreadable.add(vocabulary);
    }
    const parsed = SECTOR.safeParse({ vocabulary, code, percentage, name });
    if (!parsed.success) {
      warnings.push(
        `The sector ${code} of vocabulary ${vocabulary} (line ${s.line}) is not kept: ${parsed.error.issues[0]?.message ?? ''}`,
      );
      continue;
    }
    if (sectors.some((x) => x.vocabulary === parsed.data.vocabulary && x.code === parsed.data.code)) {
      warnings.push(`The sector ${code} of vocabulary ${vocabulary} is listed twice; it is kept once.`);
      continue;
    }
    sectors.push(parsed.data);
  }
  if (sectors.length > 100) {
    warnings.push(`The activity lists ${sectors.length} sectors; the first 100 are kept.`);
    sectors.length = 100;
  }
  for (const vocabulary of new Set(sectors.map((x) => x.vocabulary))) {
    const items = sectors.filter((x) => x.vocabulary === vocabulary);
    const given = items.filter((x) => x.percentage !== null);
    if (!given.length) continue;
    const sum = given.reduce((acc, x) => acc + (x.percentage ?? 0), 0);
    let reason: string | null = null;
    if (unreadable.has(vocabulary)) reason = 'some cannot be read';
    else if (given.length < items.length) reason = 'they are not given for every sector';
    else if (Math.abs(sum - 100) > 0.1) reason = `they add up to ${Math.round(sum * 100) / 100}, not 100`;
    if (!reason) continue;
    warnings.push(`The sector percentages of vocabulary ${vocabulary} are not kept: ${reason}.`);
    for (const x of items) x.percentage = null;
  }
  return sectors;
}

/** `result` → results, with their indicators, baselines and periods. */
function mapResults(node: XmlNode, lang: string, warnings: string[]): MappedResult[] {
  const results: MappedResult[] = [];
  for (const r of children(node, 'result')) {
    if (isPlaceholder(r)) continue;
    const code = attr(r, 'type') ?? '';
    let type = oneOf(RESULT_TYPES, al(r, 'type')) ?? RESULT_TYPE_BY_CODE[code];
    if (!type) {
      warnings.push(`The result at line ${r.line} has the unknown type "${code}"; it is kept as "other".`);
      type = 'other';
    }
    const title = cut(localized(child(r, 'title'), lang, 'result title', warnings), 500, 'result title', warnings);
    if (!title.en && !title.fr) {
      warnings.push(`The result at line ${r.line} has no title; it is not kept.`);
      continue;
    }
    const description = cut(
      localized(child(r, 'description'), lang, 'result description', warnings),
      4000,
      'result description',
      warnings,
    );
    const indicators = children(r, 'indicator').flatMap((i) => mapIndicator(i, lang, warnings));
    if (indicators.length > 50) {
      warnings.push(`The result at line ${r.line} has ${indicators.length} indicators; the first 50 are kept.`);
      indicators.length = 50;
    }
    const parsed = RESULT.safeParse({ type, title, description, indicators });
    if (!parsed.success) {
      warnings.push(`The result at line ${r.line} is not kept: ${parsed.error.issues[0]?.message ?? ''}`);
      continue;
    }
    results.push(parsed.data);
  }
  if (results.length > 50) {
    warnings.push(`The activity has ${results.length} results; the first 50 are kept.`);
    results.length = 50;
  }
  return results;
}

function mapIndicator(i: XmlNode, lang: string, warnings: string[]): MappedIndicator[] {
  if (isPlaceholder(i)) return [];
  const code = attr(i, 'measure') ?? '';
  let measure = MEASURE_BY_CODE[code] ?? oneOf(INDICATOR_MEASURES, code);
  if (!measure) {
    warnings.push(`The indicator at line ${i.line} has the unknown measure "${code}"; it is kept as qualitative.`);
    measure = 'qualitative';
  }
  const ascending = !['0', 'false'].includes(attr(i, 'ascending') ?? '');
  const title = cut(localized(child(i, 'title'), lang, 'indicator title', warnings), 500, 'indicator title', warnings);
  if (!title.en && !title.fr) {
    warnings.push(`The indicator at line ${i.line} has no title; it is not kept.`);
    return [];
  }
  const description = cut(
    localized(child(i, 'description'), lang, 'indicator description', warnings),
    2000,
    'indicator description',
    warnings,
  );
  const numeric = measure === 'unit' || measure === 'percentage';
  /** The value of a baseline, target or actual: `@value`, else the words of its comment. */
  const valueOf = (n: XmlNode | undefined, what: string): string | null => {
    if (!n) return null;
    const comment = localized(child(n, 'comment'), lang, `${what} comment`, warnings);
    const v = attr(n, 'value') ?? comment.en ?? comment.fr;
    if (v === null) return null;
    if (numeric && !NUMBER.test(v)) {
      warnings.push(`The ${what} at line ${n.line} is "${v.slice(0, 50)}", not a number; it is not kept.`);
      return null;
    }
    if (v.length > MAX_VALUE) warnings.push(`The ${what} at line ${n.line} was cut to ${MAX_VALUE} characters.`);
    return v.slice(0, MAX_VALUE).trimEnd();
  };
  const first = (n: XmlNode, name: string, what: string): XmlNode | undefined => {
    const all = children(n, name);
    if (all.length > 1) warnings.push(`The ${what} at line ${n.line} gives ${all.length} values; the first is kept.`);
    return all[0];
  };
  const baselineNode = first(i, 'baseline', 'indicator baseline');
  let baselineYear: number | null = null;
  if (baselineNode && al(baselineNode, 'year-placeholder') !== 'true') {
    const year = Number(attr(baselineNode, 'year'));
    if (Number.isInteger(year) && year >= 1900 && year <= 2200) baselineYear = year;
    else
      warnings.push(`The baseline year at line ${baselineNode.line} is not a year from 1900 to 2200; it is not kept.`);
  }
  const baselineValue = valueOf(baselineNode, 'baseline');
  const periods: MappedPeriod[] = [];
  for (const p of children(i, 'period')) {
    const start = dateOf(child(p, 'period-start'));
    const end = dateOf(child(p, 'period-end'));
    if (!start || !end || end.slice(0, start.length) < start.slice(0, end.length)) {
      warnings.push(`The indicator period at line ${p.line} has no valid start and end; it is not kept.`);
      continue;
    }
    periods.push({
      start,
      end,
      target: valueOf(first(p, 'target', 'period target'), 'target'),
      actual: valueOf(first(p, 'actual', 'period actual'), 'actual value'),
    });
  }
  if (periods.length > 100) {
    warnings.push(`The indicator at line ${i.line} has ${periods.length} periods; the first 100 are kept.`);
    periods.length = 100;
  }
  const parsed = INDICATOR.safeParse({ title, description, measure, ascending, baselineYear, baselineValue, periods });
  if (!parsed.success) {
    warnings.push(`The indicator at line ${i.line} is not kept: ${parsed.error.issues[0]?.message ?? ''}`);
    return [];
  }
  return [parsed.data];
}

/**
 * Maps one activity. `defaultLang` is the file's `xml:lang` (else `en`), `defaultCurrency` the
 * file's `default-currency`.
 */
export function mapIatiActivity(
  node: XmlNode,
  line: number,
  file: { lang: string | null; currency: string | null },
): MappedActivity {
  const warnings: string[] = [];
  const problems: { field: string; reason: string }[] = [];
  const lang = attr(node, 'xml:lang') ?? file.lang ?? 'en';
  const currency = attr(node, 'default-currency') ?? file.currency;
  const fromActionLine = al(node, 'id') !== null;

  // Identifier.
  const idNode = child(node, 'iati-identifier');
  const fileIdentifier = idNode ? cleanText(idNode.text) || null : null;
  if (!fileIdentifier) {
    warnings.push(
      'The activity has no iati-identifier, so it cannot be matched: it is added as a new activity each time the file is imported.',
    );
  }
  const iatiIdentifier = al(idNode, 'derived') === 'true' ? null : fileIdentifier;

  // Texts: English and French in the fields, other languages apart.
  const others: { item: MappedOtherLanguageText; position: string | null }[] = [];
  const activityText = (n: XmlNode | undefined, field: NarrativeField): LocalizedText => {
    const { text, other } = narratives(n, lang);
    for (const o of other) others.push({ item: { field, lang: o.lang, text: o.text }, position: o.position });
    return text;
  };
  const titleNode = child(node, 'title');
  const title = isPlaceholder(titleNode) ? { en: null, fr: null } : activityText(titleNode, 'title');
  if (!title.en && !title.fr) {
    const first = others.find((o) => o.item.field === 'title')?.item;
    if (first) {
      title.en = first.text;
      warnings.push(
        `The title is only in "${first.lang}"; it is also kept in the English field, since ActionLine needs a title in English or French.`,
      );
    } else problems.push({ field: 'title', reason: 'The activity has no title narrative.' });
  }
  const descriptions = new Map<string, LocalizedText>();
  for (const d of children(node, 'description')) {
    if (isPlaceholder(d)) continue;
    const type = attr(d, 'type') ?? '1';
    const text = activityText(d, type === IATI_DESCRIPTION_TYPE.summary ? 'summary' : 'description');
    const prev = descriptions.get(type) ?? { en: null, fr: null };
    descriptions.set(type, { en: joinText(prev.en, text.en), fr: joinText(prev.fr, text.fr) });
  }
  const empty: LocalizedText = { en: null, fr: null };
  let summary = descriptions.get(IATI_DESCRIPTION_TYPE.summary) ?? empty;
  const extra = ['2', '3'].map((t) => descriptions.get(t) ?? empty);
  let description: LocalizedText = [descriptions.get(IATI_DESCRIPTION_TYPE.description) ?? empty, ...extra].reduce(
    (acc, d) => ({ en: joinText(acc.en, d.en), fr: joinText(acc.fr, d.fr) }),
    empty,
  );
  // A general description longer than a summary may be becomes the start of the description.
  if ((summary.en?.length ?? 0) > 1000 || (summary.fr?.length ?? 0) > 1000) {
    description = { en: joinText(summary.en, description.en), fr: joinText(summary.fr, description.fr) };
    summary = empty;
    for (const o of others) if (o.item.field === 'summary') o.item.field = 'description';
  }
  const otherLanguageTexts = otherTexts(inFileOrder(others), warnings);

  // Who reports it: an ActionLine file without the record names its own publisher (none recorded).
  const reportingNode = child(node, 'reporting-org');
  let reportingOrganisation: OrganisationMention | null = null;
  if (reportingNode && (!fromActionLine || al(reportingNode, 'organisation-id'))) {
    const org = mention(reportingNode, lang);
    if (hasName(org)) reportingOrganisation = org;
    else warnings.push('The reporting organisation has neither a ref nor a name; none is recorded.');
  }

  // Type and status.
  const type = oneOf(ACTIVITY_TYPES, al(node, 'type'));
  const statusCode = attr(child(node, 'activity-status'), 'code');
  const status =
    oneOf(ACTIVITY_STATUSES, al(child(node, 'activity-status'), 'status')) ?? STATUS_BY_CODE[statusCode ?? ''];

  // Dates.
  const dates: Record<string, string | null> = { '1': null, '2': null, '3': null, '4': null };
  for (const d of children(node, 'activity-date')) {
    const t = attr(d, 'type') ?? '';
    if (t in dates && dates[t] === null) dates[t] = dateOf(d);
  }
  const [plannedStart, actualStart, plannedEnd, actualEnd] = ['1', '2', '3', '4'].map((t) => dates[t] ?? null) as [
    string | null,
    string | null,
    string | null,
    string | null,
  ];

  let resolvedStatus: ActivityStatus | null = status ?? null;
  if (!resolvedStatus) {
    resolvedStatus = actualEnd ? 'completed' : actualStart ? 'ongoing' : 'planned';
    warnings.push(
      statusCode
        ? `The activity status code "${statusCode}" is unknown; the status was set to ${resolvedStatus} from its dates.`
        : `The activity gives no status; it was set to ${resolvedStatus} from its dates.`,
    );
  }

  // Where.
  const countries: string[] = [];
  const recipients: { item: MappedRecipient; position: string | null }[] = [];
  const addRecipient = (n: XmlNode, item: MappedRecipient, what: string) => {
    const parsed = RECIPIENT.safeParse(item);
    if (!parsed.success) {
      warnings.push(`The ${what} ${item.code} (line ${n.line}) is not kept: ${parsed.error.issues[0]?.message ?? ''}`);
      return;
    }
    const same = recipients.some(
      (r) => r.item.kind === item.kind && r.item.vocabulary === item.vocabulary && r.item.code === item.code,
    );
    if (!same) recipients.push({ item: parsed.data, position: al(n, 'position') });
  };
  const recipientName = (n: XmlNode): string | null => {
    const { text, other } = narratives(n, lang);
    return (text.en ?? text.fr ?? other[0]?.text ?? null)?.slice(0, 300) ?? null;
  };
  const shares: string[] = [];
  for (const c of children(node, 'recipient-country')) {
    const code = attr(c, 'code')?.toUpperCase() ?? '';
    const percentage = attr(c, 'percentage');
    if (percentage && al(c, 'equal-share') !== 'true') shares.push(`${code} ${percentage} %`);
    if ((COUNTRY_CODES as readonly string[]).includes(code)) {
      if (!countries.includes(code)) countries.push(code);
    } else if (code) {
      addRecipient(c, { kind: 'country', code, vocabulary: null, name: recipientName(c) }, 'recipient country');
    }
  }
  let regional = false;
  for (const r of children(node, 'recipient-region')) {
    const code = attr(r, 'code');
    const vocabulary = attr(r, 'vocabulary') ?? '1';
    const percentage = attr(r, 'percentage');
    if (percentage && al(r, 'equal-share') !== 'true') shares.push(`${code ?? '?'} ${percentage} %`);
    if (
      al(r, 'regional') === 'true' ||
      (vocabulary === IATI_ASEAN_REGION.vocabulary && code === IATI_ASEAN_REGION.code)
    ) {
      regional = true;
    } else if (code) {
      const known = oneOf(REGION_VOCABULARIES, vocabulary);
      if (!known) {
        warnings.push(
          `The recipient region ${code} (line ${r.line}) is of the unknown vocabulary "${vocabulary}"; it is not kept.`,
        );
        continue;
      }
      addRecipient(r, { kind: 'region', code, vocabulary: known, name: recipientName(r) }, 'recipient region');
    }
  }
  if (shares.length) {
    warnings.push(`The shares of the recipient countries and regions are not kept: ${shares.join(', ')}.`);
  }
  const otherRecipients = inFileOrder(recipients).slice(0, 300);

  // Who.
  const participants: { item: MappedParticipant; position: string | null }[] = [];
  for (const p of children(node, 'participating-org')) {
    if (isPlaceholder(p)) continue;
    const org = mention(p, lang);
    if (!hasName(org)) {
      warnings.push(`A participating organisation (line ${p.line}) has neither a ref nor a name; it is left out.`);
      continue;
    }
    const roleCode = attr(p, 'role') ?? '';
    const role = oneOf(PARTICIPANT_ROLES, al(p, 'role')) ?? ROLE_BY_CODE[roleCode];
    if (!role) {
      warnings.push(
        `A participating organisation (line ${p.line}) has the unknown role "${roleCode}"; it is left out.`,
      );
      continue;
    }
    participants.push({ item: { organisation: org, role, note: al(p, 'note') }, position: al(p, 'position') });
  }

  // Money.
  const funding: { item: MappedFunding; position: string | null }[] = [];
  const skipped = new Map<string, number>();
  const moneyOf = (n: XmlNode, what: string): { amount: string; currency: string } | null => {
    const value = child(n, 'value');
    const cur = (attr(value, 'currency') ?? currency ?? '').toUpperCase();
    const amount = value ? amountOf(value.text) : { reason: 'it has no value' };
    if ('reason' in amount) {
      warnings.push(`The ${what} at line ${n.line} is left out: ${amount.reason}.`);
      return null;
    }
    if (!/^[A-Z]{3}$/.test(cur)) {
      warnings.push(
        `The ${what} at line ${n.line} is left out: it names no currency and the activity has no default-currency.`,
      );
      return null;
    }
    return { amount: amount.amount, currency: cur };
  };
  for (const b of children(node, 'budget')) {
    const money = moneyOf(b, 'budget');
    if (!money) continue;
    const provider = al(b, 'provider-organisation-id');
    const recipient = al(b, 'recipient-organisation-id');
    const byId = (id: string | null): OrganisationMention | null =>
      id ? { id, ref: null, name: { en: null, fr: null }, type: 'other' } : null;
    funding.push({
      item: {
        ...money,
        type: 'budget',
        date: dateOf(child(b, 'period-start')),
        valueDate: valueDateOf(child(b, 'value')),
        provider: byId(provider),
        recipient: byId(recipient),
        note: al(b, 'note'),
      },
      position: al(b, 'position'),
    });
  }
  for (const t of children(node, 'transaction')) {
    const code = attr(child(t, 'transaction-type'), 'code') ?? '';
    const type: FundingType | null = code === '2' ? 'commitment' : code === '3' ? 'disbursement' : null;
    if (!type) {
      skipped.set(code || '?', (skipped.get(code || '?') ?? 0) + 1);
      continue;
    }
    const money = moneyOf(t, 'transaction');
    if (!money) continue;
    const org = (name: 'provider-org' | 'receiver-org') => {
      const n = child(t, name);
      if (!n) return null;
      const m = mention(n, lang);
      return hasName(m) ? m : null;
    };
    funding.push({
      item: {
        ...money,
        type,
        date: dateOf(child(t, 'transaction-date')),
        valueDate: valueDateOf(child(t, 'value')),
        provider: org('provider-org'),
        recipient: org('receiver-org'),
        note: al(t, 'note'),
      },
      position: al(t, 'position'),
    });
  }
  if (skipped.size) {
    const list = [...skipped].map(([c, n]) => `${n} of type ${c}`).join(', ');
    warnings.push(
      `Transactions other than commitments (2) and disbursements (3) are not kept: ${list}. ActionLine keeps commitments, disbursements and budgets.`,
    );
  }
  const planned = children(node, 'planned-disbursement').length;
  if (planned) warnings.push(`${planned} planned disbursement(s) are not kept: ActionLine keeps budgets instead.`);
  const locations = children(node, 'location').length;
  if (locations) warnings.push(`${locations} location(s) are not kept: ActionLine keeps countries and regions.`);
  const markers = children(node, 'policy-marker').length;
  if (markers) warnings.push(`${markers} policy marker(s) are not kept.`);

  // Framework links.
  const tags: MappedTag[] = [];
  for (const t of children(node, 'tag')) {
    if (attr(t, 'vocabulary') !== IATI_TAG_VOCABULARY) continue;
    const code = attr(t, 'code');
    if (!code) continue;
    tags.push({
      plan: al(t, 'plan'),
      vocabularyUri: attr(t, 'vocabulary-uri'),
      code,
      rationale: al(t, 'rationale'),
      confidence: oneOf(CONFIDENCE_LEVELS, al(t, 'confidence')),
    });
  }

  // Sources.
  const sources: { item: MappedSource; position: string | null }[] = [];
  for (const d of children(node, 'document-link')) {
    const url = attr(d, 'url');
    if (!url) continue;
    const t = localized(child(d, 'title'), lang, 'document title', warnings);
    const publishedOn = al(d, 'published-on') ?? attr(child(d, 'document-date'), 'iso-date')?.slice(0, 10) ?? null;
    // An address that is not a web address is kept in the note, so that nothing is lost.
    const web = isWebAddress(url);
    if (!web)
      warnings.push(
        `The document address "${url}" (line ${d.line}) is not a web address; it is kept in the source's note.`,
      );
    sources.push({
      item: {
        url: web ? url : null,
        title: (t.en ?? t.fr ?? url).slice(0, 500),
        publisher: al(d, 'publisher'),
        publishedOn: publishedOn && isPartialDate(publishedOn) ? publishedOn : null,
        confidence: oneOf(CONFIDENCE_LEVELS, al(d, 'confidence')) ?? 'verified',
        note: web ? al(d, 'note') : joinText(al(d, 'note'), `Address as published: ${url}`),
      },
      position: al(d, 'position'),
    });
  }
  for (const s of children(node, 'actionline:source')) {
    const titleText = attr(s, 'title');
    if (!titleText) continue;
    sources.push({
      item: {
        url: null,
        title: titleText,
        publisher: attr(s, 'publisher'),
        publishedOn: attr(s, 'published-on'),
        confidence: oneOf(CONFIDENCE_LEVELS, attr(s, 'confidence')) ?? 'verified',
        note: attr(s, 'note'),
      },
      position: attr(s, 'position'),
    });
  }

  const sectors = mapSectors(node, lang, warnings);
  const results = mapResults(node, lang, warnings);

  return {
    line,
    iatiIdentifier,
    fileIdentifier,
    actionlineId: al(node, 'id'),
    fromActionLine,
    title,
    summary,
    description,
    otherLanguageTexts,
    reportingOrganisation,
    type,
    status: resolvedStatus,
    plannedStart,
    plannedEnd,
    actualStart,
    actualEnd,
    countries,
    regional,
    otherRecipients,
    participants: inFileOrder(participants),
    funding: inFileOrder(funding),
    tags,
    sources: inFileOrder(sources),
    sectors,
    results,
    warnings,
    problems,
  };
}
