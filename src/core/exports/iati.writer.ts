/**
 * Writes ActionLine activities as an IATI 2.03 activity file (`iati-activities`), one activity at
 * a time, so that a file of any size streams without being held in memory. Pure: no database,
 * no HTTP. The output validates against the official 2.03 schema (`data/iati/schemas/`) and every
 * code comes from the official codelists (`data/iati/codelists/`).
 *
 * What IATI cannot say is kept in attributes and elements of the ActionLine namespace
 * ({@link ACTIONLINE_NAMESPACE}, prefix `actionline:`), which the schema allows on every IATI
 * element, so that an ActionLine import of the file restores the activity exactly (the workflow
 * state is not exported). Elements and values the schema requires but ActionLine does not
 * record are marked `actionline:placeholder="true"`: an importer drops them (or the value).
 *
 * Mapping (ActionLine → IATI; an importer reverses it):
 *
 * - activity `id`, `type` → `iati-activity/@actionline:id`, `@actionline:type`.
 * - `iatiIdentifier` → `iati-identifier`; when absent, `{identifierPrefix}-{id}` marked `@actionline:derived="true"`.
 * - `reportingOrganisation` → `reporting-org`: `@ref` its IATI identifier (empty when it has none: the schema
 *   requires the attribute), `@type`, its names, `@actionline:organisation-id`. Without one, the publisher of the
 *   export (`reportingOrg` option), without `actionline:organisation-id`: an import then restores none.
 * - `title` → `title/narrative` (without any text: the id, marked placeholder).
 * - `summary` → `description[@type="1"]` (General: the activity's main text);
 *   `description` → `description[@type="4"]` (Other). With neither, a copy of the title as type 1, marked placeholder.
 * - `otherLanguageTexts` → further narratives of the same `title` or `description` element, after the English and
 *   French ones, each with its `xml:lang` and its place in the list in `@actionline:position`.
 * - participant role → `participating-org/@role`: funder 1 Funding, implementer 4 Implementing, beneficiary
 *   2 Accountable (the counterpart answerable for the outcomes on the receiving side), partner
 *   4 Implementing (takes part in carrying the activity out). The exact role is in `@actionline:role`, the
 *   organisation in `@actionline:organisation-id`, the note in `@actionline:note`; `@ref` is the organisation's
 *   IATI identifier when known. No participant → the reporting organisation with role 2, marked placeholder.
 * - organisation type → `@type` (OrganisationType): government 10, asean_body 40, un_agency 40, multilateral 40,
 *   research 80, academic 80, civil_society 21, foundation 60, private 70, other 90.
 * - `status` → `activity-status`: planned 1, ongoing 2, completed 4 (Closed; read 3 Finalisation as completed too),
 *   cancelled 5, suspended 6.
 * - `plannedStart`, `actualStart`, `plannedEnd`, `actualEnd` → `activity-date` types 1, 2, 3, 4. A start becomes
 *   the first day it can mean, an end the last (`2011` → `2011-01-01` or `2011-12-31`); a partial date keeps its
 *   precision in `@actionline:precision` (`year` or `month`), so `iso-date` cut to 4 or 7 characters restores it.
 * - no start date (IATI requires one) → `activity-date[@type="1"]` marked placeholder and explained in a
 *   narrative, dated the first day of the earliest end date, or else the day the record was created.
 * - `countries`, then the countries of `otherRecipients` → `recipient-country` each; `regional`, then the regions
 *   of `otherRecipients` → `recipient-region`. With more than one recipient in all, each gets an equal
 *   `@percentage`, summing to exactly 100 as the IATI rules require, marked `@actionline:equal-share="true"`:
 *   ActionLine records no shares.
 * - `regional` → `recipient-region[@vocabulary="1"][@code="789"]` (OECD DAC "Far East Asia, regional", the DAC
 *   region of South-East Asia), marked `@actionline:regional="true"`.
 * - other recipient → `@code`, `@vocabulary` (regions), the name as a narrative in the export language, its
 *   place in the list in `@actionline:position`.
 * - `sectors` → `sector` each, in order: `@vocabulary` (always written), `@code`, `@percentage` when given, the
 *   name as a narrative in the export language. No sector, no element (the schema does not require one).
 * - link to a framework node → `tag[@vocabulary="99"]` (Reporting Organisation): `@vocabulary-uri` =
 *   planUri(plan slug), `@code` = node code, narratives = node title; `@actionline:plan` (slug),
 *   `@actionline:kind`, `@actionline:rationale`, `@actionline:confidence`.
 * - funding commitment, disbursement → `transaction` with `transaction-type` 2 (Outgoing Commitment),
 *   3 (Disbursement), dated the first day of the line's date (with `@actionline:precision`), `provider-org` and
 *   `receiver-org`. An undated line is dated the activity's start (never after the export day), marked placeholder.
 * - funding budget → `budget[@type="1"][@status="1"]` (Original, Indicative) over the span of the line's date
 *   (`2011` → the year 2011). An undated budget runs from the activity's start to its end, cut to one year
 *   (IATI's limit), both ends marked placeholder. Budgets keep the organisations in
 *   `@actionline:provider-organisation-id` and `@actionline:recipient-organisation-id`.
 * - funding line `valueDate` → `value/@value-date` (the first day; a partial date's precision in
 *   `@actionline:value-date-precision`). Without one, the schema still requires it: the line's own date
 *   (`transaction-date` or `period-start`), marked `@actionline:value-date-placeholder="true"`.
 * - funding line id, place in the activity's list and note → `@actionline:id`, `@actionline:position`,
 *   `@actionline:note` on `transaction` and `budget`; sources likewise carry `@actionline:position`, so
 *   that an import restores both lists in their order.
 * - source with URL → `document-link`: `@format` application/pdf when the path ends in `.pdf`, else text/html;
 *   `category` A12 (Activity web page); title narrative in the export language (ActionLine does not record the
 *   language of a source's title); `document-date` when the date is a full day, else
 *   `@actionline:published-on`; `@actionline:id`, `@actionline:publisher`, `@actionline:confidence`,
 *   `@actionline:note`.
 * - source without URL (a document-link needs one) → an `actionline:source` element at the end of the activity,
 *   with the attributes `id`, `title`, `publisher`, `published-on`, `confidence`, `note`.
 * - result → `result[@type]` (ResultType: output 1, outcome 2, impact 3, other 9) with `title` and `description`
 *   narratives. A result without indicators gets one the schema requires (measure 5, its title explaining it),
 *   marked placeholder.
 * - indicator → `indicator[@measure][@ascending]` (IndicatorMeasure: unit 1, percentage 2, nominal 3, ordinal 4,
 *   qualitative 5; ascending `1` or `0`), `title`, `description`; the baseline → one `baseline[@year]`, its value in
 *   `@value` or, for words, in `comment/narrative`. A baseline value without a year takes the year of the first
 *   period's start (else of the activity's start), marked `@actionline:year-placeholder="true"`.
 * - indicator period → `period` with `period-start` and `period-end` (partial dates expanded like the activity's,
 *   with `@actionline:precision`), `target` and `actual`: a number (and for measures other than qualitative) in
 *   `@value`, words in `comment/narrative` in the export language.
 *
 * Every `narrative` carries `xml:lang`; the export language comes first, the other follows, then the
 * texts in other languages; empty texts are left out. `default-currency` is the currency of most of the activity's funding lines
 * (the first seen on a tie), else `defaultCurrency`, else CAD; every `value` still names its currency.
 * Characters XML cannot carry (control characters) are dropped from text.
 *
 * The schema wants at least one activity per file: an empty input gives a well-formed file that
 * the schema rejects, so callers should not publish one.
 */
import type {
  ActivityDetail,
  ActivityLink,
  ActivityResult,
  ActivitySource,
  FundingLine,
  IndicatorPeriod,
  Participant,
  ResultIndicator,
} from '../../shared/api-types';
import type { LocalizedText } from '../../shared/localized';
import { datePrecision, firstDayOf, lastDayOf, type PartialDate } from '../../shared/partial-date';
import type {
  ActivityStatus,
  FundingType,
  IndicatorMeasure,
  Language,
  NarrativeField,
  OrganisationType,
  ParticipantRole,
  ResultType,
} from '../../shared/vocab';

/** The IATI version written. */
export const IATI_VERSION = '2.03';

/** The XML namespace of ActionLine's extension attributes and elements. */
export const ACTIONLINE_NAMESPACE = 'https://actionline.org/ns/iati/1';

/** IATI OrganisationRole per ActionLine participant role (the exact role is kept in `actionline:role`). */
export const IATI_ORGANISATION_ROLE = {
  funder: '1',
  implementer: '4',
  beneficiary: '2',
  partner: '4',
} as const satisfies Record<ParticipantRole, string>;

/** IATI OrganisationType per ActionLine organisation type. */
export const IATI_ORGANISATION_TYPE = {
  government: '10',
  asean_body: '40',
  un_agency: '40',
  multilateral: '40',
  research: '80',
  academic: '80',
  civil_society: '21',
  foundation: '60',
  private: '70',
  other: '90',
} as const satisfies Record<OrganisationType, string>;

/** IATI ActivityStatus per ActionLine status. */
export const IATI_ACTIVITY_STATUS = {
  planned: '1',
  ongoing: '2',
  completed: '4',
  cancelled: '5',
  suspended: '6',
} as const satisfies Record<ActivityStatus, string>;

/** IATI DescriptionType of the summary and of the description. */
export const IATI_DESCRIPTION_TYPE = { summary: '1', description: '4' } as const;

/** IATI TransactionType of the funding types written as transactions (budgets become `budget`). */
export const IATI_TRANSACTION_TYPE = {
  commitment: '2',
  disbursement: '3',
} as const satisfies Partial<Record<FundingType, string>>;

/** IATI ActivityDateType of each ActionLine date. */
export const IATI_ACTIVITY_DATE_TYPE = {
  plannedStart: '1',
  actualStart: '2',
  plannedEnd: '3',
  actualEnd: '4',
} as const;

/** The OECD DAC region (vocabulary 1) written for region-wide activities: Far East Asia, regional. */
export const IATI_ASEAN_REGION = { vocabulary: '1', code: '789' } as const;

/** TagVocabulary 99, Reporting Organisation: the vocabulary of framework node tags. */
export const IATI_TAG_VOCABULARY = '99';

/** IATI ResultType per kind of result. */
export const IATI_RESULT_TYPE = {
  output: '1',
  outcome: '2',
  impact: '3',
  other: '9',
} as const satisfies Record<ResultType, string>;

/** IATI IndicatorMeasure per way an indicator is measured. */
export const IATI_INDICATOR_MEASURE = {
  unit: '1',
  percentage: '2',
  nominal: '3',
  ordinal: '4',
  qualitative: '5',
} as const satisfies Record<IndicatorMeasure, string>;

/** DocumentCategory of every source: A12, Activity web page. */
export const IATI_SOURCE_CATEGORY = 'A12';

/** What the export needs to know about an organisation named by an activity. */
export interface IatiOrganisationInfo {
  iatiIdentifier: string | null;
  type: OrganisationType;
  name: LocalizedText;
  acronym: string | null;
}

/** How {@link iatiActivitiesXml} writes: language, reporting organisation, identifiers, look-ups. */
export interface IatiExportOptions {
  /** The chosen language: each activity's `xml:lang`; its narratives come first. */
  lang: Language;
  generatedAt: Date;
  /** `type` is an IATI OrganisationType code. */
  reportingOrg: { ref: string; type: string; name: LocalizedText };
  /** Prefix of the identifier of activities without an IATI identifier: `${identifierPrefix}-${activity.id}`. */
  identifierPrefix: string;
  /** The `vocabulary-uri` of a plan's node tags. */
  planUri: (planSlug: string) => string;
  /** Looks up an organisation by id (for its IATI identifier and type). */
  organisation: (id: string) => IatiOrganisationInfo | undefined;
  /** Currency of activities without funding lines; CAD when not given. */
  defaultCurrency?: string;
}

type Attributes = Record<string, string | null | undefined>;

interface Context {
  options: IatiExportOptions;
  /** The export day, `YYYY-MM-DD` (UTC). */
  today: string;
}

/**
 * Streams an IATI 2.03 `iati-activities` document: the header, then one chunk per activity read
 * from `activities` (read only as the consumer asks for the next chunk), then the footer.
 */
export async function* iatiActivitiesXml(
  activities: AsyncIterable<ActivityDetail> | Iterable<ActivityDetail>,
  options: IatiExportOptions,
): AsyncGenerator<string> {
  checkOptions(options);
  const context: Context = { options, today: isoDateTime(options.generatedAt.toISOString()).slice(0, 10) };
  yield header(options);
  for await (const activity of activities) yield indent(activityLines(activity, context)).join('\n') + '\n';
  yield '</iati-activities>\n';
}

function checkOptions(options: IatiExportOptions): void {
  if (!options.reportingOrg.ref.trim()) throw new TypeError('The reporting organisation needs an IATI identifier.');
  if (narratives(options.reportingOrg.name, options.lang).length === 0) {
    throw new TypeError('The reporting organisation needs a name.');
  }
  if (Number.isNaN(options.generatedAt.getTime())) throw new TypeError('generatedAt is not a valid date.');
}

function header(options: IatiExportOptions): string {
  const root = openTag('iati-activities', {
    version: IATI_VERSION,
    'generated-datetime': isoDateTime(options.generatedAt.toISOString()),
    'xmlns:actionline': ACTIONLINE_NAMESPACE,
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root}\n`;
}

// ---------------------------------------------------------------------------------------------
// One activity, in the order of the 2.03 schema's sequence.

function activityLines(a: ActivityDetail, ctx: Context): string[] {
  const children = [
    ...identifier(a, ctx.options),
    ...reportingOrg(a, ctx.options),
    ...title(a, ctx.options.lang),
    ...descriptions(a, ctx.options.lang),
    ...participants(a, ctx.options),
    ...element('activity-status', { code: IATI_ACTIVITY_STATUS[a.status] }),
    ...activityDates(a, ctx.options.lang),
    ...recipients(a, ctx.options.lang),
    ...sectors(a, ctx.options.lang),
    ...a.links.flatMap((l) => tag(l, ctx.options)),
    ...a.funding.flatMap((f, i) => (f.type === 'budget' ? budget(f, i, a) : [])),
    ...a.funding.flatMap((f, i) => (f.type !== 'budget' ? transaction(f, i, a, ctx) : [])),
    ...a.sources.flatMap((s, i) => documentLink(s, i, ctx.options.lang)),
    ...a.results.flatMap((r) => result(r, a, ctx.options.lang)),
    ...a.sources.flatMap((s, i) => sourceWithoutUrl(s, i)),
  ];
  return element(
    'iati-activity',
    {
      'last-updated-datetime': isoDateTime(a.updatedAt),
      'xml:lang': ctx.options.lang,
      'default-currency': mainCurrency(a.funding) ?? ctx.options.defaultCurrency ?? 'CAD',
      hierarchy: '1',
      'actionline:id': a.id,
      'actionline:type': a.type,
    },
    children,
  );
}

function identifier(a: ActivityDetail, options: IatiExportOptions): string[] {
  if (a.iatiIdentifier) return textElement('iati-identifier', {}, a.iatiIdentifier);
  return textElement('iati-identifier', { 'actionline:derived': 'true' }, `${options.identifierPrefix}-${a.id}`);
}

/** The activity's reporting organisation, else the publisher of the export. */
function reportingOrg(a: ActivityDetail, options: IatiExportOptions): string[] {
  const own = a.reportingOrganisation;
  if (!own) {
    const org = options.reportingOrg;
    return element('reporting-org', { ref: org.ref, type: org.type }, narratives(org.name, options.lang));
  }
  const info = options.organisation(own.id);
  const attributes: Attributes = {
    ref: info?.iatiIdentifier ?? '',
    type: IATI_ORGANISATION_TYPE[info?.type ?? 'other'],
    'actionline:organisation-id': own.id,
  };
  const names = narratives(own.name, options.lang);
  return element('reporting-org', attributes, names.length ? names : narrative(options.lang, own.acronym ?? own.id));
}

/** The narratives of a text in the languages other than English and French, with their place in the list. */
function otherNarratives(a: ActivityDetail, field: NarrativeField): string[] {
  return a.otherLanguageTexts.flatMap((t, i) =>
    t.field === field && t.text.trim()
      ? textElement('narrative', { 'xml:lang': t.lang, 'actionline:position': String(i) }, t.text)
      : [],
  );
}

function title(a: ActivityDetail, lang: Language): string[] {
  const texts = [...narratives(a.title, lang), ...otherNarratives(a, 'title')];
  if (texts.length > 0) return element('title', {}, texts);
  return element('title', { 'actionline:placeholder': 'true' }, narrative(lang, a.id));
}

function descriptions(a: ActivityDetail, lang: Language): string[] {
  const summary = [...narratives(a.summary, lang), ...otherNarratives(a, 'summary')];
  const description = [...narratives(a.description, lang), ...otherNarratives(a, 'description')];
  const lines = [
    ...(summary.length ? element('description', { type: IATI_DESCRIPTION_TYPE.summary }, summary) : []),
    ...(description.length ? element('description', { type: IATI_DESCRIPTION_TYPE.description }, description) : []),
  ];
  if (lines.length > 0) return lines;
  const copy = narratives(a.title, lang);
  return element(
    'description',
    { type: IATI_DESCRIPTION_TYPE.summary, 'actionline:placeholder': 'true' },
    copy.length ? copy : narrative(lang, a.id),
  );
}

// ---------------------------------------------------------------------------------------------
// Organisations.

function participants(a: ActivityDetail, options: IatiExportOptions): string[] {
  if (a.participants.length === 0) {
    const org = options.reportingOrg;
    const attributes = { ref: org.ref, type: org.type, role: '2', 'actionline:placeholder': 'true' };
    return element('participating-org', attributes, narratives(org.name, options.lang));
  }
  return a.participants.flatMap((p) => participant(p, options));
}

function participant(p: Participant, options: IatiExportOptions): string[] {
  const attributes: Attributes = {
    ref: options.organisation(p.organisation.id)?.iatiIdentifier,
    type: IATI_ORGANISATION_TYPE[p.organisation.type],
    role: IATI_ORGANISATION_ROLE[p.role],
    'actionline:role': p.role,
    'actionline:organisation-id': p.organisation.id,
    'actionline:note': p.note,
  };
  return element('participating-org', attributes, narratives(p.organisation.name, options.lang));
}

/** `provider-org` or `receiver-org` of a transaction. */
function transactionOrg(
  name: 'provider-org' | 'receiver-org',
  ref: { id: string; name: LocalizedText } | null,
  options: IatiExportOptions,
): string[] {
  if (!ref) return [];
  const info = options.organisation(ref.id);
  const attributes: Attributes = {
    ref: info?.iatiIdentifier,
    type: info ? IATI_ORGANISATION_TYPE[info.type] : undefined,
    'actionline:organisation-id': ref.id,
  };
  return element(name, attributes, narratives(ref.name, options.lang));
}

// ---------------------------------------------------------------------------------------------
// Dates.

const PLACEHOLDER_START: LocalizedText = {
  en: 'No start date is recorded: this date only fills a field that IATI requires.',
  fr: 'Aucune date de début n’est enregistrée : cette date ne fait que remplir un champ exigé par l’IATI.',
};

function activityDates(a: ActivityDetail, lang: Language): string[] {
  const dates: [string, PartialDate | null, Edge][] = [
    [IATI_ACTIVITY_DATE_TYPE.plannedStart, a.plannedStart, 'start'],
    [IATI_ACTIVITY_DATE_TYPE.actualStart, a.actualStart, 'start'],
    [IATI_ACTIVITY_DATE_TYPE.plannedEnd, a.plannedEnd, 'end'],
    [IATI_ACTIVITY_DATE_TYPE.actualEnd, a.actualEnd, 'end'],
  ];
  const known = dates.flatMap(([type, value, edge]) =>
    value ? element('activity-date', { type, ...dateAttributes(value, edge) }) : [],
  );
  if (a.plannedStart || a.actualStart) return known;
  const placeholder = element(
    'activity-date',
    { type: IATI_ACTIVITY_DATE_TYPE.plannedStart, 'iso-date': startDay(a), 'actionline:placeholder': 'true' },
    narratives(PLACEHOLDER_START, lang),
  );
  return [...placeholder, ...known];
}

type Edge = 'start' | 'end';

/** The attributes of an element dated by `iso-date`. */
type DateAttributes = Attributes & { 'iso-date': string };

/** `iso-date` (the first or last day the partial date can mean) and its precision when partial. */
function dateAttributes(value: PartialDate, edge: Edge): DateAttributes {
  const precision = datePrecision(value);
  return {
    'iso-date': edge === 'start' ? firstDayOf(value) : lastDayOf(value),
    'actionline:precision': precision === 'day' ? undefined : precision,
  };
}

/** The activity's start day; without a start, the first day of its earliest end, else its creation day. */
function startDay(a: ActivityDetail): string {
  const start = a.actualStart ?? a.plannedStart;
  if (start) return firstDayOf(start);
  const ends = [a.plannedEnd, a.actualEnd].filter((d): d is PartialDate => d !== null).map(firstDayOf);
  return ends.sort()[0] ?? isoDateTime(a.createdAt).slice(0, 10);
}

/** The activity's last day, when it has an end. */
function endDay(a: ActivityDetail): string | null {
  const end = a.actualEnd ?? a.plannedEnd;
  return end ? lastDayOf(end) : null;
}

/** The day before the same day a year later: the last day of a one-year period. */
function yearAfter(day: string): string {
  const next = new Date(
    Date.UTC(Number(day.slice(0, 4)) + 1, Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)) - 1),
  );
  return next.toISOString().slice(0, 10);
}

function minDay(a: string, b: string): string {
  return a < b ? a : b;
}

// ---------------------------------------------------------------------------------------------
// Geography and plan links.

const ASEAN_REGION_NAME: LocalizedText = { en: 'ASEAN (region-wide)', fr: 'ASEAN (ensemble de la région)' };

function recipients(a: ActivityDetail, lang: Language): string[] {
  const others = a.otherRecipients.map((r, position) => ({ ...r, position }));
  const otherCountries = others.filter((r) => r.kind === 'country');
  const otherRegions = others.filter((r) => r.kind === 'region');
  const count = a.countries.length + otherCountries.length + (a.regional ? 1 : 0) + otherRegions.length;
  const shares = count > 1 ? equalShares(count) : [];
  let next = 0;
  const share = (): Attributes => {
    const value = shares[next];
    next += 1;
    return value ? { percentage: value, 'actionline:equal-share': 'true' } : {};
  };
  const nameOf = (name: string | null) => (name?.trim() ? narrative(lang, name) : []);
  const countries = [
    ...a.countries.flatMap((code) => element('recipient-country', { code, ...share() })),
    ...otherCountries.flatMap((r) =>
      element(
        'recipient-country',
        { code: r.code, ...share(), 'actionline:position': String(r.position) },
        nameOf(r.name),
      ),
    ),
  ];
  const region = a.regional
    ? element(
        'recipient-region',
        { ...IATI_ASEAN_REGION, ...share(), 'actionline:regional': 'true' },
        narratives(ASEAN_REGION_NAME, lang),
      )
    : [];
  const regions = otherRegions.flatMap((r) =>
    element(
      'recipient-region',
      { vocabulary: r.vocabulary, code: r.code, ...share(), 'actionline:position': String(r.position) },
      nameOf(r.name),
    ),
  );
  return [...countries, ...region, ...regions];
}

function sectors(a: ActivityDetail, lang: Language): string[] {
  return a.sectors.flatMap((s) =>
    element(
      'sector',
      {
        vocabulary: s.vocabulary,
        code: s.code,
        percentage: s.percentage === null ? undefined : String(s.percentage),
      },
      s.name?.trim() ? narrative(lang, s.name) : [],
    ),
  );
}

/** `count` percentages with at most two decimals that add up to exactly 100. */
function equalShares(count: number): string[] {
  const base = Math.floor(10_000 / count);
  const extra = 10_000 - base * count;
  return Array.from({ length: count }, (_, i) => hundredths(base + (i < extra ? 1 : 0)));
}

function hundredths(value: number): string {
  const cents = value % 100;
  if (cents === 0) return String(value / 100);
  return `${Math.floor(value / 100)}.${String(cents).padStart(2, '0').replace(/0$/, '')}`;
}

function tag(link: ActivityLink, options: IatiExportOptions): string[] {
  const attributes: Attributes = {
    code: link.node.code,
    vocabulary: IATI_TAG_VOCABULARY,
    'vocabulary-uri': options.planUri(link.node.plan.slug),
    'actionline:plan': link.node.plan.slug,
    'actionline:kind': link.node.kind,
    'actionline:rationale': link.rationale,
    'actionline:confidence': link.confidence,
  };
  return element('tag', attributes, narratives(link.node.title, options.lang));
}

// ---------------------------------------------------------------------------------------------
// Funding.

function budget(line: FundingLine, position: number, a: ActivityDetail): string[] {
  const [start, end] = budgetPeriod(line, a);
  const attributes: Attributes = {
    type: '1',
    status: '1',
    'actionline:id': line.id,
    'actionline:position': String(position),
    'actionline:note': line.note,
    'actionline:provider-organisation-id': line.provider?.id,
    'actionline:recipient-organisation-id': line.recipient?.id,
  };
  const children = [
    ...element('period-start', start),
    ...element('period-end', end),
    ...value(line, start['iso-date']),
  ];
  return element('budget', attributes, children);
}

function budgetPeriod(line: FundingLine, a: ActivityDetail): [DateAttributes, DateAttributes] {
  if (line.date) return [dateAttributes(line.date, 'start'), dateAttributes(line.date, 'end')];
  const start = startDay(a);
  const end = maxDay(start, minDay(endDay(a) ?? '9999-12-31', yearAfter(start)));
  const placeholder = { 'actionline:placeholder': 'true' };
  return [
    { 'iso-date': start, ...placeholder },
    { 'iso-date': end, ...placeholder },
  ];
}

function maxDay(a: string, b: string): string {
  return a > b ? a : b;
}

function transaction(line: FundingLine, position: number, a: ActivityDetail, ctx: Context): string[] {
  const type = line.type === 'budget' ? null : IATI_TRANSACTION_TYPE[line.type];
  if (!type) return [];
  const date: DateAttributes = line.date
    ? dateAttributes(line.date, 'start')
    : { 'iso-date': minDay(startDay(a), ctx.today), 'actionline:placeholder': 'true' };
  const children = [
    ...element('transaction-type', { code: type }),
    ...element('transaction-date', date),
    ...value(line, date['iso-date']),
    ...transactionOrg('provider-org', line.provider, ctx.options),
    ...transactionOrg('receiver-org', line.recipient, ctx.options),
  ];
  return element(
    'transaction',
    { 'actionline:id': line.id, 'actionline:position': String(position), 'actionline:note': line.note },
    children,
  );
}

/** `value`, dated by the line's value date, else (the schema requires one) by `lineDay`, marked placeholder. */
function value(line: FundingLine, lineDay: string): string[] {
  if (!/^-?\d+(\.\d+)?$/.test(line.amount)) throw new RangeError(`Not a decimal amount: "${line.amount}"`);
  const precision = line.valueDate ? datePrecision(line.valueDate) : null;
  const attributes: Attributes = line.valueDate
    ? {
        currency: line.currency,
        'value-date': firstDayOf(line.valueDate),
        'actionline:value-date-precision': precision === 'day' ? undefined : precision,
      }
    : { currency: line.currency, 'value-date': lineDay, 'actionline:value-date-placeholder': 'true' };
  return textElement('value', attributes, line.amount);
}

/** The currency of most lines, the first seen on a tie; null without lines. */
function mainCurrency(lines: readonly FundingLine[]): string | null {
  const counts = new Map<string, number>();
  for (const l of lines) counts.set(l.currency, (counts.get(l.currency) ?? 0) + 1);
  let best: string | null = null;
  for (const [currency, count] of counts) if (best === null || count > (counts.get(best) ?? 0)) best = currency;
  return best;
}

// ---------------------------------------------------------------------------------------------
// Sources.

function documentLink(source: ActivitySource, position: number, lang: Language): string[] {
  if (!source.url) return [];
  const fullDay = source.publishedOn && datePrecision(source.publishedOn) === 'day' ? source.publishedOn : null;
  const attributes: Attributes = {
    url: source.url,
    format: fileFormat(source.url),
    'actionline:id': source.id,
    'actionline:position': String(position),
    'actionline:publisher': source.publisher,
    'actionline:published-on': fullDay ? undefined : source.publishedOn,
    'actionline:confidence': source.confidence,
    'actionline:note': source.note,
  };
  const children = [
    ...element('title', {}, narrative(lang, source.title)),
    ...element('category', { code: IATI_SOURCE_CATEGORY }),
    ...(fullDay ? element('document-date', { 'iso-date': fullDay }) : []),
  ];
  return element('document-link', attributes, children);
}

/** IATI FileFormat (a media type) guessed from the address: PDF when the path ends in `.pdf`, else HTML. */
function fileFormat(url: string): string {
  const path = url.split(/[?#]/)[0] ?? url;
  return /\.pdf$/i.test(path) ? 'application/pdf' : 'text/html';
}

function sourceWithoutUrl(source: ActivitySource, position: number): string[] {
  if (source.url) return [];
  return element('actionline:source', {
    id: source.id,
    position: String(position),
    title: source.title,
    publisher: source.publisher,
    'published-on': source.publishedOn,
    confidence: source.confidence,
    note: source.note,
  });
}

// ---------------------------------------------------------------------------------------------
// Results.

const PLACEHOLDER_INDICATOR: LocalizedText = {
  en: 'No indicator is recorded: this one only fills an element that IATI requires.',
  fr: 'Aucun indicateur n’est enregistré : celui-ci ne fait que remplir un élément exigé par l’IATI.',
};

/** A number as an indicator value may be written in `@value`. */
const NUMBER = /^-?\d{1,13}(\.\d{1,6})?$/;

function result(r: ActivityResult, a: ActivityDetail, lang: Language): string[] {
  const titleTexts = narratives(r.title, lang);
  const descriptionTexts = narratives(r.description, lang);
  const indicators = r.indicators.length
    ? r.indicators.flatMap((i) => indicator(i, a, lang))
    : element(
        'indicator',
        { measure: IATI_INDICATOR_MEASURE.qualitative, 'actionline:placeholder': 'true' },
        element('title', {}, narratives(PLACEHOLDER_INDICATOR, lang)),
      );
  const children = [
    ...element('title', {}, titleTexts.length ? titleTexts : narrative(lang, r.type)),
    ...(descriptionTexts.length ? element('description', {}, descriptionTexts) : []),
    ...indicators,
  ];
  return element('result', { type: IATI_RESULT_TYPE[r.type] }, children);
}

function indicator(i: ResultIndicator, a: ActivityDetail, lang: Language): string[] {
  const titleTexts = narratives(i.title, lang);
  const descriptionTexts = narratives(i.description, lang);
  const children = [
    ...element('title', {}, titleTexts.length ? titleTexts : narrative(lang, i.measure)),
    ...(descriptionTexts.length ? element('description', {}, descriptionTexts) : []),
    ...baseline(i, a, lang),
    ...i.periods.flatMap((p) => period(p, i, lang)),
  ];
  return element(
    'indicator',
    { measure: IATI_INDICATOR_MEASURE[i.measure], ascending: i.ascending ? '1' : '0' },
    children,
  );
}

function baseline(i: ResultIndicator, a: ActivityDetail, lang: Language): string[] {
  if (i.baselineYear === null && i.baselineValue === null) return [];
  const year =
    i.baselineYear === null
      ? { year: (i.periods[0]?.start ?? startDay(a)).slice(0, 4), 'actionline:year-placeholder': 'true' }
      : { year: String(i.baselineYear) };
  const [valueAttribute, comment] = measured(i.baselineValue, i, lang);
  return element('baseline', { ...year, value: valueAttribute }, comment);
}

function period(p: IndicatorPeriod, i: ResultIndicator, lang: Language): string[] {
  const children = [
    ...element('period-start', dateAttributes(p.start, 'start')),
    ...element('period-end', dateAttributes(p.end, 'end')),
    ...measuredElement('target', p.target, i, lang),
    ...measuredElement('actual', p.actual, i, lang),
  ];
  return element('period', {}, children);
}

/** A value in `@value` (a number, unless the indicator is qualitative), else as words in `comment`. */
function measured(v: string | null, i: ResultIndicator, lang: Language): [string | undefined, string[]] {
  if (v === null || !v.trim()) return [undefined, []];
  if (i.measure !== 'qualitative' && NUMBER.test(v)) return [v, []];
  return [undefined, element('comment', {}, narrative(lang, v))];
}

function measuredElement(name: 'target' | 'actual', v: string | null, i: ResultIndicator, lang: Language): string[] {
  if (v === null || !v.trim()) return [];
  const [valueAttribute, comment] = measured(v, i, lang);
  return element(name, { value: valueAttribute }, comment);
}

// ---------------------------------------------------------------------------------------------
// Narratives and XML text.

/** One `narrative` per non-empty language, the chosen language first, each with its `xml:lang`. */
function narratives(text: LocalizedText, lang: Language): string[] {
  const order: Language[] = lang === 'en' ? ['en', 'fr'] : ['fr', 'en'];
  return order.flatMap((l) => {
    const t = text[l];
    return t && t.trim() ? narrative(l, t) : [];
  });
}

function narrative(lang: Language, text: string): string[] {
  return textElement('narrative', { 'xml:lang': lang }, text);
}

/** An element as lines: children are indented under it; without children it closes itself. */
function element(name: string, attributes: Attributes, children: readonly string[] = []): string[] {
  if (children.length === 0) return [openTag(name, attributes).replace(/>$/, '/>')];
  return [openTag(name, attributes), ...indent(children), `</${name}>`];
}

/** An element holding text, on one line (the text's own line breaks are kept). */
function textElement(name: string, attributes: Attributes, text: string): string[] {
  return [`${openTag(name, attributes)}${escapeText(text)}</${name}>`];
}

function openTag(name: string, attributes: Attributes): string {
  const list = Object.entries(attributes)
    .filter((entry): entry is [string, string] => entry[1] !== null && entry[1] !== undefined)
    .map(([key, v]) => ` ${key}="${escapeAttribute(v)}"`);
  return `<${name}${list.join('')}>`;
}

function indent(lines: readonly string[]): string[] {
  return lines.map((l) => `  ${l}`);
}

/** Characters outside XML 1.0's `Char` production (control characters, lone surrogates, U+FFFE/F). */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Escapes element text; a carriage return as a reference, since parsers turn a raw one into a line feed. */
function escapeText(text: string): string {
  return text
    .replace(NOT_XML_CHAR, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
}

/** Escapes a double-quoted attribute; tabs and line feeds as references, so they survive normalisation. */
function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

/** An `xsd:dateTime` in UTC, to the second: `2024-03-01T09:30:00Z`. */
function isoDateTime(value: string): string {
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) throw new RangeError(`Not a date and time: "${value}"`);
  return time.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
