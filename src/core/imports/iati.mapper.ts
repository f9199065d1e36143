/**
 * Maps one IATI `iati-activity` element tree to an ActionLine activity draft, reversing
 * `iati.writer.ts` exactly for files ActionLine wrote (the `actionline:` attributes) and mapping
 * any other publisher's file as documented in `docs/iati.md`. Pure: organisations and framework
 * nodes are left as references for the import service to resolve.
 */
import type { LocalizedText } from '../../shared/localized';
import { isPartialDate } from '../../shared/partial-date';
import {
  ACTIVITY_STATUSES,
  ACTIVITY_TYPES,
  CONFIDENCE_LEVELS,
  COUNTRY_CODES,
  ORGANISATION_TYPES,
  PARTICIPANT_ROLES,
  type ActivityStatus,
  type ActivityType,
  type Confidence,
  type FundingType,
  type OrganisationType,
  type ParticipantRole,
} from '../../shared/vocab';
import { IATI_ASEAN_REGION, IATI_DESCRIPTION_TYPE, IATI_TAG_VOCABULARY } from '../exports/iati.writer';
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

/** A sector as the file gives it, for link suggestions. */
export interface MappedSector {
  vocabulary: string;
  code: string;
  name: string | null;
}

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
  /** Null when the file does not say (not an ActionLine file): a new activity is then a project. */
  type: ActivityType | null;
  status: ActivityStatus | null;
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  countries: string[];
  regional: boolean;
  participants: MappedParticipant[];
  funding: MappedFunding[];
  tags: MappedTag[];
  sources: MappedSource[];
  sectors: MappedSector[];
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

/**
 * The narratives of an element per language: `xml:lang` of the narrative, else the activity's
 * language. Languages other than English and French are returned apart.
 */
function narratives(
  n: XmlNode | undefined,
  defaultLang: string,
): { text: LocalizedText; other: { lang: string; text: string }[] } {
  const text: LocalizedText = { en: null, fr: null };
  const other: { lang: string; text: string }[] = [];
  for (const nar of n ? children(n, 'narrative') : []) {
    if (isPlaceholder(nar)) continue;
    const value = cleanText(nar.text);
    if (!value) continue;
    const lang = (attr(nar, 'xml:lang') ?? defaultLang).toLowerCase().slice(0, 2);
    if (lang === 'en' || lang === 'fr') {
      text[lang] = text[lang] ? `${text[lang]}\n\n${value}` : value;
    } else other.push({ lang, text: value });
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

function joinText(a: string | null, b: string | null): string | null {
  if (a && b) return `${a}\n\n${b}`;
  return a ?? b;
}

/** `iso-date` cut to the precision ActionLine wrote it with; null when absent or a placeholder. */
function dateOf(n: XmlNode | undefined): string | null {
  if (!n || isPlaceholder(n)) return null;
  const iso = attr(n, 'iso-date');
  if (!iso) return null;
  const day = iso.slice(0, 10);
  const precision = al(n, 'precision');
  const cut = precision === 'year' ? day.slice(0, 4) : precision === 'month' ? day.slice(0, 7) : day;
  return isPartialDate(cut) ? cut : null;
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

  // Texts.
  const titleNode = child(node, 'title');
  const title = isPlaceholder(titleNode) ? { en: null, fr: null } : localized(titleNode, lang, 'title', warnings);
  if (!title.en && !title.fr) problems.push({ field: 'title', reason: 'The activity has no title narrative.' });
  const descriptions = new Map<string, LocalizedText>();
  for (const d of children(node, 'description')) {
    if (isPlaceholder(d)) continue;
    const type = attr(d, 'type') ?? '1';
    const text = localized(d, lang, 'description', warnings);
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
  const elsewhere: string[] = [];
  for (const c of children(node, 'recipient-country')) {
    const code = attr(c, 'code')?.toUpperCase() ?? '';
    if ((COUNTRY_CODES as readonly string[]).includes(code)) countries.push(code);
    else if (code) elsewhere.push(code);
  }
  if (elsewhere.length) {
    warnings.push(
      `Recipient countries outside ASEAN and Timor-Leste are not kept: ${[...new Set(elsewhere)].join(', ')}.`,
    );
  }
  let regional = false;
  const otherRegions: string[] = [];
  for (const r of children(node, 'recipient-region')) {
    const code = attr(r, 'code');
    const vocabulary = attr(r, 'vocabulary') ?? '1';
    if (
      al(r, 'regional') === 'true' ||
      (vocabulary === IATI_ASEAN_REGION.vocabulary && code === IATI_ASEAN_REGION.code)
    ) {
      regional = true;
    } else if (code) otherRegions.push(code);
  }
  if (otherRegions.length) {
    warnings.push(`Recipient regions other than South-East Asia (789) are not kept: ${otherRegions.join(', ')}.`);
  }

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

  const sectors: MappedSector[] = children(node, 'sector').flatMap((s) => {
    const code = attr(s, 'code');
    if (!code) return [];
    const name = narratives(s, lang).text;
    return [{ vocabulary: attr(s, 'vocabulary') ?? '1', code, name: name.en ?? name.fr }];
  });
  const results = children(node, 'result').length;
  if (results)
    warnings.push(`${results} result(s) with their indicators are not kept: ActionLine does not record results.`);

  return {
    line,
    iatiIdentifier,
    fileIdentifier,
    actionlineId: al(node, 'id'),
    fromActionLine,
    title,
    summary,
    description,
    type,
    status: resolvedStatus,
    plannedStart,
    plannedEnd,
    actualStart,
    actualEnd,
    countries,
    regional,
    participants: inFileOrder(participants),
    funding: inFileOrder(funding),
    tags,
    sources: inFileOrder(sources),
    sectors,
    warnings,
    problems,
  };
}
