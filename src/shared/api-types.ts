/**
 * JSON shapes returned by `/api/v1`. Presenters on the server build exactly these;
 * the web client reads exactly these.
 */
import type { CoverageRule, CoverageState, GapReason, ReportingCurrency } from './coverage';
import type { LocalizedText } from './localized';
import type { PartialDate } from './partial-date';
import type {
  ActivityStatus,
  ActivityType,
  Confidence,
  FundingType,
  IndicatorMeasure,
  NarrativeField,
  RegionVocabulary,
  ResultType,
  SectorVocabulary,
  NodeStatus,
  OrganisationType,
  ParticipantRole,
  PlanStatus,
  Role,
  Side,
  WorkflowState,
} from './vocab';

export interface RecordMeta {
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface PartnershipSummary {
  id: string;
  slug: string;
  name: LocalizedText;
}

/** A partnership with its plans, by period (`GET /api/v1/partnerships`). */
export interface PartnershipWithPlans extends PartnershipSummary {
  description: LocalizedText;
  plans: PlanSummary[];
}

export interface PlanDocument {
  id: string;
  kind: string;
  title: string;
  url: string | null;
  publishedOn: PartialDate | null;
  confidence: Confidence | null;
  note: string | null;
}

export interface PlanSummary extends RecordMeta {
  id: string;
  slug: string;
  partnership: PartnershipSummary;
  title: LocalizedText;
  shortTitle: LocalizedText;
  periodStart: number;
  periodEnd: number;
  periodNote: string | null;
  adoptedOn: PartialDate | null;
  adoptedAt: LocalizedText;
  status: PlanStatus;
  summary: LocalizedText;
  activityCount: number;
}

export interface FrameworkNodeTree {
  id: string;
  code: string;
  kind: string;
  position: number;
  title: LocalizedText;
  description: LocalizedText;
  status: NodeStatus;
  /** Distinct activities linked to this node or any node below it. */
  activityCount: number;
  /** Activities linked to this node itself. */
  directActivityCount: number;
  children: FrameworkNodeTree[];
}

/** A node of a plan being loaded from a file, as the preview shows it. */
export interface PlanLoadNode {
  code: string;
  kind: string;
  status: NodeStatus;
  title: LocalizedText;
  children: PlanLoadNode[];
}

/**
 * What loading a plan definition file does, or would do (`dryRun`): the plan's details, its framework's counts and
 * tree, and, when the file cannot be loaded, every problem (the answer is then a problem whose `preview` is this).
 */
export interface PlanLoadPreview {
  dryRun: boolean;
  format: 'yaml' | 'csv' | 'xlsx';
  fileName: string | null;
  partnership: { slug: string; name: LocalizedText };
  /** The plan's details as they would be created; null when they could not be read. */
  plan: {
    slug: string | null;
    title: LocalizedText;
    shortTitle: LocalizedText;
    periodStart: number | null;
    periodEnd: number | null;
    status: PlanStatus | null;
  } | null;
  counts: {
    nodes: number;
    byKind: { kind: string; count: number }[];
    /** Depth 0 holds the top-level nodes (pillars). */
    byDepth: { depth: number; count: number }[];
  };
  tree: PlanLoadNode[];
  /** Parts of the file that are read but not loaded. */
  warnings: string[];
  /** Every problem, each naming where it is (line, or row and column) and the fix; empty when the file loads. */
  problems: { name: string; reason: string }[];
  /** The plan created; null in a preview. */
  created: { id: string; slug: string } | null;
}

export interface PlanStats {
  /** Distinct organisations taking part in the plan's activities, in any role. */
  partnerCount: number;
  /** Distinct countries named by the plan's activities. */
  countryCount: number;
  /** Activities that cover the ASEAN region as a whole. */
  regionalActivityCount: number;
  /** Funding of the plan's activities per currency and type; currencies are never added together. */
  funding: MoneyTotal[];
}

export interface PlanDetail extends PlanSummary {
  description: LocalizedText;
  /** The sides whose reviewers must each approve an activity of this plan before it is published. */
  signoffSides: Side[];
  stats: PlanStats;
  fullTextUrl: string | null;
  documents: PlanDocument[];
  framework: FrameworkNodeTree[];
}

export interface NodeRef {
  id: string;
  code: string;
  kind: string;
  title: LocalizedText;
}

export interface FrameworkNodeDetail extends RecordMeta {
  id: string;
  code: string;
  kind: string;
  position: number;
  title: LocalizedText;
  description: LocalizedText;
  status: NodeStatus;
  plan: { id: string; slug: string; title: LocalizedText; shortTitle: LocalizedText };
  /** From the root (pillar) down to the parent. */
  ancestors: NodeRef[];
  children: (NodeRef & { activityCount: number })[];
  activityCount: number;
  directActivityCount: number;
}

export interface OrganisationRef {
  id: string;
  name: LocalizedText;
  acronym: string | null;
}

export interface ActivitySummary {
  id: string;
  title: LocalizedText;
  summary: LocalizedText;
  type: ActivityType;
  status: ActivityStatus;
  workflowState: WorkflowState;
  startDate: PartialDate | null;
  endDate: PartialDate | null;
  countries: string[];
  regional: boolean;
  funders: OrganisationRef[];
  implementers: OrganisationRef[];
  nodes: NodeRef[];
  funding: MoneyTotal[];
  updatedAt: string;
}

export interface MoneyTotal {
  currency: string;
  type: FundingType;
  /** Decimal string in major units, e.g. "3000000.00". */
  amount: string;
}

export interface Participant {
  organisation: OrganisationRef & { type: OrganisationType; country: string | null };
  role: ParticipantRole;
  note: string | null;
}

export interface FundingLine {
  id: string;
  amount: string;
  currency: string;
  type: FundingType;
  date: PartialDate | null;
  /** The date the value was converted at, when the file or the officer gave one. */
  valueDate: PartialDate | null;
  provider: OrganisationRef | null;
  recipient: OrganisationRef | null;
  note: string | null;
}

export interface ActivityLink {
  node: NodeRef & { plan: { id: string; slug: string; shortTitle: LocalizedText } };
  ancestors: NodeRef[];
  rationale: string | null;
  confidence: Confidence | null;
}

export interface ActivitySource {
  id: string;
  url: string | null;
  title: string;
  publisher: string | null;
  publishedOn: PartialDate | null;
  confidence: Confidence;
  note: string | null;
}

export interface ActivityDetail extends RecordMeta {
  id: string;
  iatiIdentifier: string | null;
  title: LocalizedText;
  summary: LocalizedText;
  description: LocalizedText;
  type: ActivityType;
  status: ActivityStatus;
  workflowState: WorkflowState;
  plannedStart: PartialDate | null;
  plannedEnd: PartialDate | null;
  actualStart: PartialDate | null;
  actualEnd: PartialDate | null;
  countries: string[];
  regional: boolean;
  participants: Participant[];
  funding: FundingLine[];
  fundingTotals: MoneyTotal[];
  links: ActivityLink[];
  sources: ActivitySource[];
  /** The organisation that reports the activity in IATI files; null: ActionLine's own publisher. */
  reportingOrganisation: OrganisationRef | null;
  sectors: ActivitySector[];
  otherRecipients: OtherRecipient[];
  results: ActivityResult[];
  otherLanguageTexts: OtherLanguageText[];
}

export interface ActivitySector {
  vocabulary: SectorVocabulary;
  code: string;
  percentage: number | null;
  /** The name the activity gives the sector (the publisher's own vocabularies). */
  name: string | null;
  /** The code's official name in English and French, for the OECD DAC vocabularies (1 and 2). */
  label: LocalizedText | null;
}

export interface OtherRecipient {
  kind: 'country' | 'region';
  code: string;
  vocabulary: RegionVocabulary | null;
  name: string | null;
  /** The official name of the country or OECD DAC region, in English and French, when known. */
  label: LocalizedText | null;
}

export interface IndicatorPeriod {
  start: PartialDate;
  end: PartialDate;
  target: string | null;
  actual: string | null;
}

export interface ResultIndicator {
  title: LocalizedText;
  description: LocalizedText;
  measure: IndicatorMeasure;
  ascending: boolean;
  baselineYear: number | null;
  baselineValue: string | null;
  periods: IndicatorPeriod[];
}

export interface ActivityResult {
  type: ResultType;
  title: LocalizedText;
  description: LocalizedText;
  indicators: ResultIndicator[];
}

export interface OtherLanguageText {
  field: NarrativeField;
  /** ISO 639 code, e.g. `km`. */
  lang: string;
  text: string;
}

export interface FormerName {
  name: string;
  acronym: string | null;
  until: PartialDate | null;
  note: string | null;
}

export interface OrganisationSummary {
  id: string;
  name: LocalizedText;
  acronym: string | null;
  type: OrganisationType;
  country: string | null;
  activityCount: number;
}

export interface OrganisationDetail extends RecordMeta {
  id: string;
  name: LocalizedText;
  acronym: string | null;
  type: OrganisationType;
  country: string | null;
  iatiIdentifier: string | null;
  website: string | null;
  description: LocalizedText;
  formerNames: FormerName[];
  activityCount: number;
  roles: { role: ParticipantRole; count: number }[];
}

/** A workspace account as administrators see it (`GET /api/v1/users`, `PUT /api/v1/users/:id`). */
export interface UserView extends RecordMeta {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  side: Side;
  organisationId: string | null;
  /** The one partnership the person works for (a reviewer signs off its activities only); null: every one. */
  partnershipId: string | null;
  /** `invited` until the person sets a password through their link, then `active`; or `disabled`. */
  status: 'invited' | 'active' | 'disabled';
  /** Whether an administrator has disabled the account: it can neither sign in nor use API tokens. */
  disabled: boolean;
  lastSignInAt: string | null;
}

/** An amount in one currency: exact minor units and the decimal text in major units. */
export interface CoverageAmount {
  type: FundingType;
  currency: string;
  amountMinor: number;
  /** Decimal string in major units, e.g. "3000000.00". */
  amount: string;
}

/** The sum of one funding type converted to the reporting currency. */
export interface CoverageConvertedAmount extends CoverageAmount {
  /** Funding lines in the sum. */
  lines: number;
  /** False when any line used a neighbouring year's rate because its own year had none. */
  exact: boolean;
  /** False when some lines of this type could not be converted (see `unconverted`). */
  complete: boolean;
}

/** Funding lines that could not be converted (no rate for the currency), per type, currency and year. */
export interface CoverageUnconvertedAmount extends CoverageAmount {
  year: number;
  lines: number;
}

/**
 * Funding of a set of activities. Types are never added together; `original` keeps each currency
 * apart; `converted` holds what could be converted, `unconverted` what could not.
 */
export interface CoverageFunding {
  original: CoverageAmount[];
  converted: CoverageConvertedAmount[];
  unconverted: CoverageUnconvertedAmount[];
}

/** Activity counts and funding of a set of activities (a node, a breakdown bucket, the plan). */
export interface CoverageTally {
  activityCount: number;
  /** Every status, zero included. */
  byStatus: Record<ActivityStatus, number>;
  funding: CoverageFunding;
}

/** Distinct organisations taking part, in any role; `byRole` counts an organisation once per role it plays. */
export interface CoveragePartners {
  count: number;
  byRole: Record<ParticipantRole, number>;
  /** Their ids, sorted: in the API's answer with `include=ids` only. */
  organisationIds?: string[];
}

export interface CoverageFigures extends CoverageTally {
  partners: CoveragePartners;
  /** Distinct country codes, `ASEAN` for region-wide activities. */
  countries: string[];
  /** Earliest start (else end) and latest end (else start) of the activities, as recorded. */
  firstDate: PartialDate | null;
  lastDate: PartialDate | null;
}

/** "N of M action lines addressed (P %)" over the active leaves of a node or plan. */
export interface CoverageRollup {
  addressed: number;
  launched: number;
  notStarted: number;
  /** M: the active leaves. */
  leaves: number;
  /** 100 × addressed / leaves, one decimal; null without leaves. */
  percentAddressed: number | null;
}

export interface CoverageNode extends CoverageFigures {
  id: string;
  parentId: string | null;
  code: string;
  kind: string;
  title: LocalizedText;
  /** 0 for pillars. */
  depth: number;
  position: number;
  status: NodeStatus;
  /** Active, and every ancestor active: only such nodes are leaves or count in roll-ups. */
  inForce: boolean;
  /** An in-force node without in-force children. */
  leaf: boolean;
  state: CoverageState;
  /** Over the node's active leaves (itself for a leaf); null for nodes not in force. */
  rollup: CoverageRollup | null;
  /** Activities linked to the node itself. */
  directActivityCount: number;
  /** Every activity counted for the node, once, sorted: in the API's answer with `include=ids` only. */
  activityIds?: string[];
}

export interface CoverageGap {
  nodeId: string;
  parentId: string | null;
  code: string;
  kind: string;
  title: LocalizedText;
  depth: number;
  reason: GapReason;
  /** Cancelled or suspended activities of the leaf (0 for `no_activity`). */
  activityCount: number;
}

export interface CoverageNodeBucket extends CoverageTally {
  nodeId: string;
  code: string;
  title: LocalizedText;
  inForce: boolean;
  state: CoverageState;
  rollup: CoverageRollup | null;
}

export interface CoveragePartnerBucket extends CoverageTally {
  organisation: OrganisationRef;
  /** The roles the organisation plays in these activities. */
  roles: ParticipantRole[];
}

/**
 * The partners a partner breakdown leaves out, together: the activities with at least one of
 * them, each once (so `activityCount` may be less than the sum of their own counts).
 */
export interface CoverageOtherPartners extends CoverageTally {
  /** How many organisations are left out. */
  organisationCount: number;
  /** The roles they play, together. */
  roles: ParticipantRole[];
}

export interface CoverageCountryBucket extends CoverageTally {
  /** ISO code, or `ASEAN` for region-wide activities. */
  country: string;
}

/** Activities running in the year (their span clipped to the period) and funding lines dated in it. */
export interface CoverageYearBucket extends CoverageTally {
  /** Null: activities without any date, and funding lines without a date whose activity has none either. */
  year: number | null;
}

/** An exchange rate a coverage report used. */
export interface CoverageRateUsed {
  from: string;
  to: string;
  /** The year asked for (the funding line's year). */
  year: number;
  /** The year whose rate was used. */
  rateYear: number;
  /** Units of `to` per unit of `from`, decimal text (display only). */
  rate: string;
  exact: boolean;
}

/**
 * `GET /api/v1/plans/{id or slug}/coverage`. Lean unless asked otherwise: ids with `include=ids`,
 * the first partners (`partners`, default 20) with the rest in `breakdowns.otherPartners`.
 */
export interface PlanCoverage {
  plan: { id: string; slug: string; title: LocalizedText; shortTitle: LocalizedText };
  /** As asked (null when open); `asOf` is the reference date (YYYY-MM-DD) the states are judged on. */
  period: { from: PartialDate | null; to: PartialDate | null; asOf: string };
  rule: { addressedShare: number; summary: LocalizedText; rules: CoverageRule[] };
  currency: ReportingCurrency;
  /** Whether drafts and records under review were included (staff only). */
  includeUnpublished: boolean;
  summary: CoverageFigures & { rollup: CoverageRollup; gapCount: number };
  /** Every node of the plan (or of the selected pillars), in framework order. */
  nodes: CoverageNode[];
  gaps: CoverageGap[];
  breakdowns: CoverageBreakdowns;
  rates: CoverageRateUsed[];
}

/**
 * What the coverage API answers for any query: a `PlanCoverage` whose breakdowns are those asked
 * for (`breakdowns`, every one by default); those not asked are absent.
 */
export type CoverageAnswer = Omit<PlanCoverage, 'breakdowns'> & { breakdowns: Partial<CoverageBreakdowns> };

/** Every breakdown of a plan's coverage. */
export interface CoverageBreakdowns {
  byPillar: CoverageNodeBucket[];
  byArea: CoverageNodeBucket[];
  /** The most active partners first (activity count, then name): every one, or as many as asked. */
  byPartner: CoveragePartnerBucket[];
  /** The partners left out of `byPartner`, together; null when it lists every one. */
  otherPartners: CoverageOtherPartners | null;
  byCountry: CoverageCountryBucket[];
  byYear: CoverageYearBucket[];
}

/** Figures with their partners' ids. */
export interface CoverageFiguresWithIds {
  partners: CoveragePartners & { organisationIds: string[] };
}

/** A node with its activities' and partners' ids. */
export type CoverageNodeWithIds = CoverageNode & CoverageFiguresWithIds & { activityIds: string[] };

/**
 * The whole coverage: every id and every partner (`include=ids&partners=all`). What the progress
 * report and snapshots are made from.
 */
export interface FullPlanCoverage extends PlanCoverage {
  summary: PlanCoverage['summary'] & CoverageFiguresWithIds;
  nodes: CoverageNodeWithIds[];
  breakdowns: CoverageBreakdowns & { otherPartners: null };
}

/** A frozen coverage of a plan, as listed (`GET /api/v1/plans/{id or slug}/snapshots`). */
export interface SnapshotSummary {
  id: string;
  planId: string;
  label: string;
  note: string | null;
  /** The reference date the coverage was judged on (YYYY-MM-DD). */
  asOf: string;
  addressedShare: number;
  currency: ReportingCurrency;
  /** When it was frozen, and by whom (display name; null once the account is gone). */
  createdAt: string;
  createdBy: string | null;
  rollup: CoverageRollup;
  activityCount: number;
  gapCount: number;
  /** 1 until withdrawn: snapshots are never edited. */
  version: number;
}

/** One snapshot with the whole coverage as it was computed when frozen (published activities only). */
export interface SnapshotDetail extends SnapshotSummary {
  coverage: PlanCoverage;
}

/** One side of a comparison: a snapshot, or the coverage today. */
export interface SnapshotSide {
  /** A snapshot id, or `current`. */
  id: string;
  label: string | null;
  asOf: string;
  rollup: CoverageRollup;
  activityCount: number;
}

/** A framework node whose coverage state differs between the two sides. */
export interface SnapshotMove {
  nodeId: string;
  code: string;
  kind: string;
  title: LocalizedText;
  depth: number;
  leaf: boolean;
  /** Null when the node did not exist (or was not in force) on that side. */
  from: CoverageState | null;
  to: CoverageState | null;
  /** `progress` towards addressed, `regress` away from it, `added`/`removed` from the framework in force. */
  direction: 'progress' | 'regress' | 'added' | 'removed';
  fromActivityCount: number;
  toActivityCount: number;
}

/** `GET /api/v1/plans/{id or slug}/snapshots/compare`: what moved between two snapshots. */
export interface SnapshotComparison {
  plan: { id: string; slug: string; title: LocalizedText; shortTitle: LocalizedText };
  from: SnapshotSide;
  to: SnapshotSide;
  /** Leaves counted per transition `from→to` of states (e.g. `not_started→launched`), changed ones only. */
  leafTransitions: { from: CoverageState | null; to: CoverageState | null; count: number }[];
  /** Every node whose state changed, in framework order of the later side. */
  moves: SnapshotMove[];
}

/** Why a node is suggested for an activity: one entry per signal that counted. */
export type LinkSuggestionReason =
  | { kind: 'words'; words: string[] }
  /** `otherPlan`: the alike activity is linked to the node's counterpart in another plan (same title and level). */
  | { kind: 'like'; activityId: string | null; title: LocalizedText; count: number; otherPlan: boolean }
  | {
      kind: 'partner';
      organisationId: string;
      organisation: LocalizedText;
      linked: number;
      of: number;
      otherPlan: boolean;
    }
  | { kind: 'period'; from: number; to: number };

/** A framework node an activity most likely serves, ranked by the link model (ADR 0017); never linked by itself. */
export interface RankedLinkSuggestion {
  nodeId: string;
  code: string;
  title: LocalizedText;
  plan: { id: string; slug: string; title: LocalizedText };
  score: number;
  reasons: LinkSuggestionReason[];
}

export interface LinkSuggestionAnswer {
  suggestions: RankedLinkSuggestion[];
  /** What the model learned from: the activities with confirmed links, and its fitted weights. */
  model: { confirmedActivities: number; weights: Record<string, number> };
}

/** A suggested link an officer turned down for an activity: never suggested for it again until withdrawn. */
export interface LinkRejection {
  nodeId: string;
  code: string;
  title: LocalizedText;
  plan: { id: string; slug: string; title: LocalizedText };
  rejectedBy: { id: string; name: string } | null;
  rejectedAt: string;
}

/** What an import did (or, in a dry run, would do) with one activity of the file. */
export type ImportOutcome = 'added' | 'updated' | 'unchanged' | 'rejected';

/** A framework node an imported activity may serve, for an officer to confirm: never linked by the import. */
export interface LinkSuggestion {
  nodeId: string;
  code: string;
  title: LocalizedText;
  /** Why, in plain words, e.g. "sector 15170 (Women's rights organisations…)" or "the word gender". */
  reason: string;
}

export interface ImportActivityResult {
  /** The IATI identifier as written in the file (null when missing). */
  identifier: string | null;
  line: number;
  outcome: ImportOutcome;
  /** The activity added or updated (or that would be, in a dry run: null for an add). */
  activityId: string | null;
  title: string | null;
  /** Why it is rejected, each naming the field or element and the fix. */
  reasons: string[];
  /** What the file says that ActionLine does not keep. */
  warnings: string[];
  /** Names of the fields an update changes. */
  changedFields: string[];
  suggestions: LinkSuggestion[];
}

/** An import's report: `POST /api/v1/imports/{format}` and `GET /api/v1/imports/{id}`. */
export interface ImportReport {
  id: string;
  format: string;
  fileName: string;
  bytes: number;
  mode: 'add' | 'update' | 'both';
  dryRun: boolean;
  /** `committed` (written), `previewed` (dry run) or `refused` (the file could not be read; nothing written). */
  outcome: 'committed' | 'previewed' | 'refused';
  /** The IATI version the file states (IATI files). */
  version: string | null;
  /** The encoding a CSV file was read in (UTF-8, UTF-16LE, Windows-1252…). */
  encoding: string | null;
  counts: Record<ImportOutcome, number>;
  /** Why the whole file was refused, and where. */
  fileProblem: { line: number | null; reason: string } | null;
  /** What the file as a whole says that ActionLine reads differently (e.g. an unknown version). */
  warnings: string[];
  /** Organisations the import creates (new to ActionLine), by name. */
  organisationsCreated: { id: string | null; name: string; ref: string | null }[];
  /** One entry per activity of the file, in file order (at most the first 10,000). */
  activities: ImportActivityResult[];
  /** Whether `activities` was cut at its limit. */
  truncated: boolean;
  createdAt: string;
  createdBy: string | null;
  /** Seconds the import took. */
  seconds: number;
}

/** One import in the record (`GET /api/v1/imports`). */
export type ImportSummary = Omit<ImportReport, 'activities' | 'organisationsCreated'>;

/** RFC 9457 problem details, as every API error is sent. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: { name: string; reason: string }[];
  /** On 409 conflicts: the stored version and record, for merging. */
  currentVersion?: number;
  current?: unknown;
}

/** An annual average exchange rate: Canadian dollars per one unit of `currency` in `year`. */
export interface ExchangeRateView extends RecordMeta {
  currency: string;
  year: number;
  /** Decimal string, e.g. "1.3698"; never a float. */
  cadPerUnit: string;
  /** A web address or a citation. */
  source: string;
  note: string | null;
}

/** `GET /api/v1/exchange-rates`: every rate, by currency then year. */
export interface ExchangeRateList {
  /** The currency every rate is quoted in: always CAD. */
  base: 'CAD';
  items: ExchangeRateView[];
}

/** What a search hit is. */
export type SearchKind = 'activity' | 'organisation' | 'node';

/**
 * A stretch of text from a search hit, cut into runs; `match` runs are the words that matched
 * the query (the UI marks them, never as HTML).
 */
export interface SearchSnippet {
  /** The field the text comes from. */
  field: 'title' | 'summary' | 'description' | 'partners' | 'areas' | 'acronym' | 'identifier';
  /** The language of the text. */
  lang: 'en' | 'fr';
  /** True when the text is in the other language because the hit has none in the asked one. */
  fallback: boolean;
  runs: { text: string; match: boolean }[];
}

/** One search hit, best first. */
export interface SearchHit {
  kind: SearchKind;
  id: string;
  title: LocalizedText;
  /** The title as shown, cut into runs with the matching words marked. */
  titleRuns: { text: string; match: boolean }[];
  /** Up to two other stretches of text that matched. */
  snippets: SearchSnippet[];
  /** Relevance, higher is better; only comparable within one answer. */
  score: number;
  /** activity: its status, type, workflow state and dates; node: its plan and code. */
  activity?: Pick<ActivitySummary, 'status' | 'type' | 'workflowState' | 'startDate' | 'endDate'>;
  node?: { code: string; kind: string; plan: { id: string; slug: string; shortTitle: LocalizedText } };
  organisation?: { acronym: string | null; type: OrganisationType };
}

/** One value of a facet with the number of hits that have it under the current query. */
export interface SearchFacetValue {
  value: string;
  /** A name for ids (plans, nodes, organisations); codes and years have none. */
  label?: LocalizedText;
  count: number;
}

/** `GET /api/v1/search`. */
export interface SearchResults {
  /** The query as understood (trimmed). */
  q: string;
  /** Words the query did not find, replaced by close words that exist ("did you mean"). */
  corrections: { from: string; to: string }[];
  total: number;
  page: number;
  pageSize: number;
  items: SearchHit[];
  /**
   * Counts under the query and the other facets' choices. `kind` counts every hit; the others
   * count activity hits (plan and pillar also count framework nodes). Each lists its 10 most
   * frequent values (up to 50 when named in `more`) and the values chosen.
   */
  facets: {
    kind: SearchFacetValue[];
    plan: SearchFacetValue[];
    pillar: SearchFacetValue[];
    area: SearchFacetValue[];
    country: SearchFacetValue[];
    partner: SearchFacetValue[];
    status: SearchFacetValue[];
    type: SearchFacetValue[];
    year: SearchFacetValue[];
  };
  /** How many values each facet has among the hits in all, listed or not. */
  facetTotals: Record<keyof SearchResults['facets'], number>;
}

/** What became of an old plan's node in the next plan, by the crosswalk. */
export type CrosswalkChange =
  /** Mapped to one or more nodes of the new plan. */
  | 'continued'
  /** Decided: no node of the new plan takes it up. */
  | 'dropped'
  /** No decision recorded yet for this node. */
  | 'undecided'
  /** A node of the new plan that no old node maps to. */
  | 'new';

/** One mapping of the crosswalk: an old node to a new node, or to nothing (dropped), with a note. */
export interface CrosswalkEntry {
  id: string;
  fromNodeId: string;
  /** Null: the old node is dropped in the new plan. */
  toNodeId: string | null;
  note: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** The crosswalk from one plan to its successor: every mapping decided so far. */
export interface PlanCrosswalk {
  from: PlanSummary;
  to: PlanSummary;
  entries: CrosswalkEntry[];
}

/** Coverage figures of a node or a whole plan, as the comparison shows them. */
export interface ComparedFigures {
  /** Activities counted for the node (itself and below), once each. */
  activityCount: number;
  /** Partners counted for the node (itself and below). */
  partnerCount: number;
  /** Commitments converted to the reporting currency, as decimal text; null when none. */
  committed: string | null;
  /** Over its active leaves; null for nodes not in force. */
  rollup: CoverageRollup | null;
}

/** A node as the comparison shows it: where it sits, and its coverage in its own plan (then or now). */
export interface ComparedNode extends ComparedFigures {
  id: string;
  code: string;
  kind: string;
  depth: number;
  title: LocalizedText;
  inForce: boolean;
}

/** One line of the side-by-side comparison. */
export interface PlanComparisonRow {
  change: CrosswalkChange;
  /** The old plan's node; null for a new node. */
  from: ComparedNode | null;
  /** The new plan's nodes it maps to ('continued'), or the new node itself ('new'); empty otherwise. */
  to: ComparedNode[];
  /** The crosswalk's notes for this old node, joined; null when none. */
  note: string | null;
}

/** Two successive plans side by side along their crosswalk. */
export interface PlanComparison {
  from: PlanSummary;
  to: PlanSummary;
  /** The reporting currency of `committed` figures. */
  currency: string;
  /** Old nodes in framework order (depth first), then the new plan's nodes no old node maps to. */
  rows: PlanComparisonRow[];
  counts: Record<CrosswalkChange, number>;
  /** Each whole plan's coverage, then and now. */
  plans: { from: ComparedFigures; to: ComparedFigures };
}

/** What carrying activities over along the crosswalk does (or would do, in a preview). */
export interface CarryOverResult {
  dryRun: boolean;
  /** Activities that get at least one new link. */
  activities: { id: string; title: LocalizedText; status: ActivityStatus; addedNodeIds: string[] }[];
  /** Links added in all (a link already present is never added twice). */
  linksAdded: number;
  /** Ongoing or planned activities linked to the old plan that no mapping carries (their nodes are dropped or undecided). */
  notCarried: number;
}
