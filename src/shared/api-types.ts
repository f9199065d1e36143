/**
 * JSON shapes returned by `/api/v1`. Presenters on the server build exactly these;
 * the web client reads exactly these.
 */
import type { LocalizedText } from './localized';
import type { PartialDate } from './partial-date';
import type {
  ActivityStatus,
  ActivityType,
  Confidence,
  FundingType,
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
  /** `invited` until the person sets a password through their link, then `active`; or `disabled`. */
  status: 'invited' | 'active' | 'disabled';
  /** Whether an administrator has disabled the account: it can neither sign in nor use API tokens. */
  disabled: boolean;
  lastSignInAt: string | null;
}

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
