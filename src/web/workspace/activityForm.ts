/**
 * The activity editor's state: every field of the shared activity input as the text the officer
 * types, converted to and from the API's shapes, and compared field by field for merging.
 */
import type { ActivityDetail } from '../../shared/api-types';

export interface LocalizedDraft {
  en: string;
  fr: string;
}

export interface ParticipantDraft {
  key: string;
  organisationId: string;
  role: string;
  note: string;
}

export interface FundingDraft {
  key: string;
  amount: string;
  currency: string;
  type: string;
  date: string;
  /** The date the value was converted at. */
  valueDate: string;
  providerId: string;
  recipientId: string;
  note: string;
}

export interface LinkDraft {
  key: string;
  nodeId: string;
  rationale: string;
  confidence: string;
}

export interface SourceDraft {
  key: string;
  url: string;
  title: string;
  publisher: string;
  publishedOn: string;
  confidence: string;
  note: string;
}

export interface SectorDraft {
  key: string;
  vocabulary: string;
  code: string;
  percentage: string;
  name: string;
}

export interface RecipientDraft {
  key: string;
  kind: string;
  code: string;
  vocabulary: string;
  name: string;
}

export interface PeriodDraft {
  key: string;
  start: string;
  end: string;
  target: string;
  actual: string;
}

export interface IndicatorDraft {
  key: string;
  title: LocalizedDraft;
  description: LocalizedDraft;
  measure: string;
  ascending: boolean;
  baselineYear: string;
  baselineValue: string;
  periods: PeriodDraft[];
}

export interface ResultDraft {
  key: string;
  type: string;
  title: LocalizedDraft;
  description: LocalizedDraft;
  indicators: IndicatorDraft[];
}

export interface OtherTextDraft {
  key: string;
  field: string;
  lang: string;
  text: string;
}

export interface ActivityForm {
  iatiIdentifier: string;
  title: LocalizedDraft;
  summary: LocalizedDraft;
  description: LocalizedDraft;
  type: string;
  status: string;
  plannedStart: string;
  plannedEnd: string;
  actualStart: string;
  actualEnd: string;
  countries: string[];
  regional: boolean;
  otherRecipients: RecipientDraft[];
  reportingOrganisationId: string;
  sectors: SectorDraft[];
  results: ResultDraft[];
  otherLanguageTexts: OtherTextDraft[];
  participants: ParticipantDraft[];
  funding: FundingDraft[];
  links: LinkDraft[];
  sources: SourceDraft[];
}

let counter = 0;
/** A stable React key for a new repeatable row. */
export const newKey = () => `row-${++counter}`;

const s = (v: string | null | undefined) => v ?? '';
const localized = (v: { en: string | null; fr: string | null } | null | undefined): LocalizedDraft => ({
  en: s(v?.en),
  fr: s(v?.fr),
});

export function emptyActivityForm(): ActivityForm {
  return {
    iatiIdentifier: '',
    title: { en: '', fr: '' },
    summary: { en: '', fr: '' },
    description: { en: '', fr: '' },
    type: '',
    status: 'planned',
    plannedStart: '',
    plannedEnd: '',
    actualStart: '',
    actualEnd: '',
    countries: [],
    regional: false,
    otherRecipients: [],
    reportingOrganisationId: '',
    sectors: [],
    results: [],
    otherLanguageTexts: [],
    participants: [],
    funding: [],
    links: [],
    sources: [],
  };
}

export const emptyParticipant = (): ParticipantDraft => ({ key: newKey(), organisationId: '', role: '', note: '' });
export const emptyFunding = (): FundingDraft => ({
  key: newKey(),
  amount: '',
  currency: 'CAD',
  type: 'commitment',
  date: '',
  valueDate: '',
  providerId: '',
  recipientId: '',
  note: '',
});
export const emptyLink = (): LinkDraft => ({ key: newKey(), nodeId: '', rationale: '', confidence: '' });
export const emptySource = (): SourceDraft => ({
  key: newKey(),
  url: '',
  title: '',
  publisher: '',
  publishedOn: '',
  confidence: '',
  note: '',
});

export const emptySector = (): SectorDraft => ({ key: newKey(), vocabulary: '1', code: '', percentage: '', name: '' });
export const emptyRecipient = (): RecipientDraft => ({
  key: newKey(),
  kind: 'country',
  code: '',
  vocabulary: '',
  name: '',
});
export const emptyPeriod = (): PeriodDraft => ({ key: newKey(), start: '', end: '', target: '', actual: '' });
export const emptyIndicator = (): IndicatorDraft => ({
  key: newKey(),
  title: { en: '', fr: '' },
  description: { en: '', fr: '' },
  measure: 'unit',
  ascending: true,
  baselineYear: '',
  baselineValue: '',
  periods: [],
});
export const emptyResult = (): ResultDraft => ({
  key: newKey(),
  type: 'output',
  title: { en: '', fr: '' },
  description: { en: '', fr: '' },
  indicators: [],
});
export const emptyOtherText = (): OtherTextDraft => ({ key: newKey(), field: 'title', lang: '', text: '' });

/** The editor's state for a stored activity. */
export function formFromDetail(a: ActivityDetail): ActivityForm {
  return {
    iatiIdentifier: s(a.iatiIdentifier),
    title: localized(a.title),
    summary: localized(a.summary),
    description: localized(a.description),
    type: a.type,
    status: a.status,
    plannedStart: s(a.plannedStart),
    plannedEnd: s(a.plannedEnd),
    actualStart: s(a.actualStart),
    actualEnd: s(a.actualEnd),
    countries: [...a.countries].sort(),
    regional: a.regional,
    otherRecipients: a.otherRecipients.map((r) => ({
      key: newKey(),
      kind: r.kind,
      code: r.code,
      vocabulary: s(r.vocabulary),
      name: s(r.name),
    })),
    reportingOrganisationId: s(a.reportingOrganisation?.id),
    sectors: a.sectors.map((sec) => ({
      key: newKey(),
      vocabulary: sec.vocabulary,
      code: sec.code,
      percentage: sec.percentage === null ? '' : String(sec.percentage),
      name: s(sec.name),
    })),
    results: a.results.map((r) => ({
      key: newKey(),
      type: r.type,
      title: localized(r.title),
      description: localized(r.description),
      indicators: r.indicators.map((ind) => ({
        key: newKey(),
        title: localized(ind.title),
        description: localized(ind.description),
        measure: ind.measure,
        ascending: ind.ascending,
        baselineYear: ind.baselineYear === null ? '' : String(ind.baselineYear),
        baselineValue: s(ind.baselineValue),
        periods: ind.periods.map((p) => ({
          key: newKey(),
          start: p.start,
          end: p.end,
          target: s(p.target),
          actual: s(p.actual),
        })),
      })),
    })),
    otherLanguageTexts: a.otherLanguageTexts.map((t) => ({
      key: newKey(),
      field: t.field,
      lang: t.lang,
      text: t.text,
    })),
    participants: a.participants.map((p) => ({
      key: newKey(),
      organisationId: p.organisation.id,
      role: p.role,
      note: s(p.note),
    })),
    funding: a.funding.map((f) => ({
      key: newKey(),
      amount: f.amount,
      currency: f.currency,
      type: f.type,
      date: s(f.date),
      valueDate: s(f.valueDate),
      providerId: s(f.provider?.id),
      recipientId: s(f.recipient?.id),
      note: s(f.note),
    })),
    links: a.links.map((l) => ({
      key: newKey(),
      nodeId: l.node.id,
      rationale: s(l.rationale),
      confidence: s(l.confidence),
    })),
    sources: a.sources.map((src) => ({
      key: newKey(),
      url: s(src.url),
      title: src.title,
      publisher: s(src.publisher),
      publishedOn: s(src.publishedOn),
      confidence: src.confidence,
      note: s(src.note),
    })),
  };
}

const opt = (v: string) => (v.trim() === '' ? null : v.trim());
const optLocalized = (v: LocalizedDraft) => ({ en: opt(v.en), fr: opt(v.fr) });
/** A whole year as a number; anything else is handed on for the schema to explain. */
const year = (v: string): number | string | null => {
  const t = v.trim();
  return t === '' ? null : /^\d{1,4}$/.test(t) ? Number(t) : t;
};

/** The body the API (and the shared schema) takes; empty text becomes null. */
export function formToInput(f: ActivityForm) {
  return {
    iatiIdentifier: opt(f.iatiIdentifier),
    title: optLocalized(f.title),
    summary: optLocalized(f.summary),
    description: optLocalized(f.description),
    type: f.type,
    status: f.status,
    plannedStart: opt(f.plannedStart),
    plannedEnd: opt(f.plannedEnd),
    actualStart: opt(f.actualStart),
    actualEnd: opt(f.actualEnd),
    countries: f.countries,
    regional: f.regional,
    otherRecipients: f.otherRecipients.map((r) => ({
      kind: r.kind,
      code: r.code.trim(),
      vocabulary: opt(r.vocabulary),
      name: opt(r.name),
    })),
    reportingOrganisationId: opt(f.reportingOrganisationId),
    sectors: f.sectors.map((sec) => ({
      vocabulary: sec.vocabulary,
      code: sec.code.trim(),
      percentage: opt(sec.percentage),
      name: opt(sec.name),
    })),
    results: f.results.map((r) => ({
      type: r.type,
      title: optLocalized(r.title),
      description: optLocalized(r.description),
      indicators: r.indicators.map((ind) => ({
        title: optLocalized(ind.title),
        description: optLocalized(ind.description),
        measure: ind.measure,
        ascending: ind.ascending,
        baselineYear: year(ind.baselineYear),
        baselineValue: opt(ind.baselineValue),
        periods: ind.periods.map((p) => ({
          start: p.start.trim(),
          end: p.end.trim(),
          target: opt(p.target),
          actual: opt(p.actual),
        })),
      })),
    })),
    otherLanguageTexts: f.otherLanguageTexts.map((t) => ({ field: t.field, lang: t.lang.trim(), text: t.text.trim() })),
    participants: f.participants.map((p) => ({ organisationId: p.organisationId, role: p.role, note: opt(p.note) })),
    funding: f.funding.map((l) => ({
      amount: l.amount.trim(),
      currency: l.currency.trim(),
      type: l.type,
      date: opt(l.date),
      valueDate: opt(l.valueDate),
      providerId: opt(l.providerId),
      recipientId: opt(l.recipientId),
      note: opt(l.note),
    })),
    links: f.links.map((l) => ({ nodeId: l.nodeId, rationale: opt(l.rationale), confidence: opt(l.confidence) })),
    sources: f.sources.map((src) => ({
      url: opt(src.url),
      title: src.title.trim(),
      publisher: opt(src.publisher),
      publishedOn: opt(src.publishedOn),
      confidence: src.confidence,
      note: opt(src.note),
    })),
  };
}

/** The parts of an activity that a merge takes from one side or the other, as a whole. */
export const MERGE_FIELDS = [
  'title.en',
  'title.fr',
  'summary.en',
  'summary.fr',
  'description.en',
  'description.fr',
  'type',
  'status',
  'iatiIdentifier',
  'plannedStart',
  'plannedEnd',
  'actualStart',
  'actualEnd',
  'countries',
  'regional',
  'otherRecipients',
  'reportingOrganisationId',
  'sectors',
  'results',
  'otherLanguageTexts',
  'participants',
  'funding',
  'links',
  'sources',
] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];

type Input = ReturnType<typeof formToInput>;

/** The value of a merge field, comparable across forms (no row keys, trimmed text). */
export function mergeValue(f: ActivityForm, field: MergeField): unknown {
  const input: Input = formToInput(f);
  switch (field) {
    case 'title.en':
    case 'title.fr':
    case 'summary.en':
    case 'summary.fr':
    case 'description.en':
    case 'description.fr': {
      const [group, lang] = field.split('.') as ['title' | 'summary' | 'description', 'en' | 'fr'];
      return input[group][lang];
    }
    case 'countries':
      return [...input.countries].sort();
    case 'iatiIdentifier':
    case 'type':
    case 'status':
    case 'plannedStart':
    case 'plannedEnd':
    case 'actualStart':
    case 'actualEnd':
    case 'regional':
    case 'otherRecipients':
    case 'reportingOrganisationId':
    case 'sectors':
    case 'results':
    case 'otherLanguageTexts':
    case 'participants':
    case 'funding':
    case 'links':
    case 'sources':
      return input[field];
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The merge fields where two forms differ. */
export function differingFields(a: ActivityForm, b: ActivityForm): MergeField[] {
  return MERGE_FIELDS.filter((field) => !same(mergeValue(a, field), mergeValue(b, field)));
}

/** `mine` with the given fields taken from `theirs`. */
export function takeFields(mine: ActivityForm, theirs: ActivityForm, fields: readonly MergeField[]): ActivityForm {
  const out: ActivityForm = {
    ...mine,
    title: { ...mine.title },
    summary: { ...mine.summary },
    description: { ...mine.description },
  };
  for (const field of fields) {
    switch (field) {
      case 'title.en':
      case 'title.fr':
      case 'summary.en':
      case 'summary.fr':
      case 'description.en':
      case 'description.fr': {
        const [group, lang] = field.split('.') as ['title' | 'summary' | 'description', 'en' | 'fr'];
        out[group][lang] = theirs[group][lang];
        break;
      }
      case 'countries':
        out.countries = [...theirs.countries];
        break;
      case 'participants':
        out.participants = theirs.participants;
        break;
      case 'funding':
        out.funding = theirs.funding;
        break;
      case 'links':
        out.links = theirs.links;
        break;
      case 'sources':
        out.sources = theirs.sources;
        break;
      case 'regional':
        out.regional = theirs.regional;
        break;
      case 'otherRecipients':
        out.otherRecipients = theirs.otherRecipients;
        break;
      case 'reportingOrganisationId':
        out.reportingOrganisationId = theirs.reportingOrganisationId;
        break;
      case 'sectors':
        out.sectors = theirs.sectors;
        break;
      case 'results':
        out.results = theirs.results;
        break;
      case 'otherLanguageTexts':
        out.otherLanguageTexts = theirs.otherLanguageTexts;
        break;
      case 'type':
      case 'status':
      case 'iatiIdentifier':
      case 'plannedStart':
      case 'plannedEnd':
      case 'actualStart':
      case 'actualEnd':
        out[field] = theirs[field];
        break;
    }
  }
  return out;
}

/**
 * What to offer after a conflict: every field where the stored copy differs from the officer's,
 * with a suggested choice — keep theirs where the officer had not touched the field.
 */
export function conflictChoices(
  base: ActivityForm,
  mine: ActivityForm,
  theirs: ActivityForm,
): { field: MergeField; suggested: 'mine' | 'theirs' }[] {
  return differingFields(mine, theirs).map((field) => ({
    field,
    suggested: same(mergeValue(mine, field), mergeValue(base, field)) ? 'theirs' : 'mine',
  }));
}

/** The activity editor's merge: its own field list and comparison (rows without their keys). */
export const ACTIVITY_MERGE = {
  choices: (base: ActivityForm, mine: ActivityForm, theirs: ActivityForm) =>
    conflictChoices(base, mine, theirs).map((c) => ({ field: c.field, choice: c.suggested })),
  apply: (
    mine: ActivityForm,
    theirs: ActivityForm,
    choices: readonly { field: MergeField; choice: 'mine' | 'theirs' }[],
  ) =>
    takeFields(
      mine,
      theirs,
      choices.filter((c) => c.choice === 'theirs').map((c) => c.field),
    ),
};

/** Every control path the form shows, for linking error messages to their fields. */
export function controlPaths(f: ActivityForm): Set<string> {
  const paths = new Set<string>([
    'iatiIdentifier',
    'title.en',
    'title.fr',
    'summary.en',
    'summary.fr',
    'description.en',
    'description.fr',
    'type',
    'status',
    'plannedStart',
    'plannedEnd',
    'actualStart',
    'actualEnd',
    'countries',
    'regional',
    'reportingOrganisationId',
  ]);
  const bilingual = (prefix: string) => ['en', 'fr'].forEach((l) => paths.add(`${prefix}.${l}`));
  f.otherRecipients.forEach((_, i) =>
    ['kind', 'code', 'vocabulary', 'name'].forEach((k) => paths.add(`otherRecipients.${i}.${k}`)),
  );
  f.sectors.forEach((_, i) =>
    ['vocabulary', 'code', 'percentage', 'name'].forEach((k) => paths.add(`sectors.${i}.${k}`)),
  );
  f.results.forEach((r, i) => {
    const result = `results.${i}`;
    paths.add(`${result}.type`);
    bilingual(`${result}.title`);
    bilingual(`${result}.description`);
    r.indicators.forEach((ind, j) => {
      const indicator = `${result}.indicators.${j}`;
      bilingual(`${indicator}.title`);
      bilingual(`${indicator}.description`);
      ['measure', 'ascending', 'baselineYear', 'baselineValue'].forEach((k) => paths.add(`${indicator}.${k}`));
      ind.periods.forEach((_, k) =>
        ['start', 'end', 'target', 'actual'].forEach((key) => paths.add(`${indicator}.periods.${k}.${key}`)),
      );
    });
  });
  f.otherLanguageTexts.forEach((_, i) =>
    ['field', 'lang', 'text'].forEach((k) => paths.add(`otherLanguageTexts.${i}.${k}`)),
  );
  f.participants.forEach((_, i) =>
    ['organisationId', 'role', 'note'].forEach((k) => paths.add(`participants.${i}.${k}`)),
  );
  f.funding.forEach((_, i) =>
    ['amount', 'currency', 'type', 'date', 'valueDate', 'providerId', 'recipientId', 'note'].forEach((k) =>
      paths.add(`funding.${i}.${k}`),
    ),
  );
  f.links.forEach((_, i) => ['nodeId', 'rationale', 'confidence'].forEach((k) => paths.add(`links.${i}.${k}`)));
  f.sources.forEach((_, i) =>
    ['url', 'title', 'publisher', 'publishedOn', 'confidence', 'note'].forEach((k) => paths.add(`sources.${i}.${k}`)),
  );
  return paths;
}

const PARTIAL_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/**
 * What the link suggestions are asked from the form as it stands (saved or not): its texts, partners and dates, and
 * the nodes to leave out (those already linked and those turned down). Dates not yet valid are left out.
 */
export function suggestionInputOf(f: ActivityForm, rejected: readonly string[], activity?: string) {
  const text = (v: LocalizedDraft) => ({ en: v.en.trim() || null, fr: v.fr.trim() || null });
  const date = (v: string) => (PARTIAL_DATE.test(v.trim()) ? v.trim() : null);
  return {
    title: text(f.title),
    summary: text(f.summary),
    description: text(f.description),
    partners: [...new Set(f.participants.map((p) => p.organisationId).filter(Boolean))],
    plannedStart: date(f.plannedStart),
    plannedEnd: date(f.plannedEnd),
    actualStart: date(f.actualStart),
    actualEnd: date(f.actualEnd),
    exclude: [...new Set([...f.links.map((l) => l.nodeId).filter(Boolean), ...rejected])],
    ...(activity ? { activity } : {}),
    limit: 5,
  };
}
