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
    participants: f.participants.map((p) => ({ organisationId: p.organisationId, role: p.role, note: opt(p.note) })),
    funding: f.funding.map((l) => ({
      amount: l.amount.trim(),
      currency: l.currency.trim(),
      type: l.type,
      date: opt(l.date),
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
  ]);
  f.participants.forEach((_, i) =>
    ['organisationId', 'role', 'note'].forEach((k) => paths.add(`participants.${i}.${k}`)),
  );
  f.funding.forEach((_, i) =>
    ['amount', 'currency', 'type', 'date', 'providerId', 'recipientId', 'note'].forEach((k) =>
      paths.add(`funding.${i}.${k}`),
    ),
  );
  f.links.forEach((_, i) => ['nodeId', 'rationale', 'confidence'].forEach((k) => paths.add(`links.${i}.${k}`)));
  f.sources.forEach((_, i) =>
    ['url', 'title', 'publisher', 'publishedOn', 'confidence', 'note'].forEach((k) => paths.add(`sources.${i}.${k}`)),
  );
  return paths;
}
