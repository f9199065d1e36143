/**
 * Controlled vocabularies shared by every layer. Codes are stable identifiers stored in the
 * database and used in URLs; human labels live in the i18n message catalogues.
 */

export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

export const ACTIVITY_TYPES = [
  'project',
  'dialogue',
  'training',
  'research',
  'scholarship',
  'forum',
  'technical_assistance',
  'in_kind',
  'other',
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

/** Implementation status of an activity (maps onto IATI ActivityStatus 1–6). */
export const ACTIVITY_STATUSES = ['planned', 'ongoing', 'completed', 'cancelled', 'suspended'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

export const PARTICIPANT_ROLES = ['funder', 'implementer', 'beneficiary', 'partner'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

export const FUNDING_TYPES = ['commitment', 'disbursement', 'budget'] as const;
export type FundingType = (typeof FUNDING_TYPES)[number];

/** IATI SectorVocabulary codes: 1 DAC 5-digit, 2 DAC 3-digit, 3–12 other classifications, 98/99 the publisher's own. */
export const SECTOR_VOCABULARIES = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '98', '99'] as const;
export type SectorVocabulary = (typeof SECTOR_VOCABULARIES)[number];

/** IATI RegionVocabulary codes: 1 OECD DAC, 2 UN M49, 99 the publisher's own. */
export const REGION_VOCABULARIES = ['1', '2', '99'] as const;
export type RegionVocabulary = (typeof REGION_VOCABULARIES)[number];

/** Kinds of result (IATI ResultType 1, 2, 3 and 9). */
export const RESULT_TYPES = ['output', 'outcome', 'impact', 'other'] as const;
export type ResultType = (typeof RESULT_TYPES)[number];

/** How an indicator is measured (IATI IndicatorMeasure 1–5). */
export const INDICATOR_MEASURES = ['unit', 'percentage', 'nominal', 'ordinal', 'qualitative'] as const;
export type IndicatorMeasure = (typeof INDICATOR_MEASURES)[number];

/** The texts of an activity that may also be given in languages other than English and French. */
export const NARRATIVE_FIELDS = ['title', 'summary', 'description'] as const;
export type NarrativeField = (typeof NARRATIVE_FIELDS)[number];

export const ORGANISATION_TYPES = [
  'government',
  'asean_body',
  'un_agency',
  'multilateral',
  'research',
  'academic',
  'civil_society',
  'foundation',
  'private',
  'other',
] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

export const PLAN_STATUSES = ['draft', 'active', 'completed', 'superseded'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const NODE_STATUSES = ['active', 'retired'] as const;
export type NodeStatus = (typeof NODE_STATUSES)[number];

/** Labels the research notes attach to each fact. */
export const CONFIDENCE_LEVELS = ['verified', 'inferred', 'uncertain', 'not_found'] as const;
export type Confidence = (typeof CONFIDENCE_LEVELS)[number];

/** The ASEAN member states and Timor-Leste (ISO 3166-1 alpha-2). */
export const COUNTRY_CODES = ['BN', 'KH', 'ID', 'LA', 'MY', 'MM', 'PH', 'SG', 'TH', 'VN', 'TL'] as const;
export type CountryCode = (typeof COUNTRY_CODES)[number];

/** Pseudo-country used in filters for activities that cover the ASEAN region as a whole. */
export const REGION_CODE = 'ASEAN';

/** Countries an organisation may be based in: the above plus Canada and an open ISO code. */
export const ISO_COUNTRY = /^[A-Z]{2}$/;

/** Workspace roles, each including the rights of the ones before it. */
export const ROLES = ['viewer', 'editor', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The side of a partnership a user speaks for; joint sign-off needs a reviewer of each required side. */
export const SIDES = ['asean', 'canada', 'partner'] as const;
export type Side = (typeof SIDES)[number];

/**
 * Publication workflow of an activity: draft → submitted → published once every required side has
 * approved it (approval and publication are one step), or → returned for revision with a comment.
 */
export const WORKFLOW_STATES = ['draft', 'submitted', 'returned', 'published'] as const;
export type WorkflowState = (typeof WORKFLOW_STATES)[number];
