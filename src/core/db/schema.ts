import type { Generated } from 'kysely';

/** Row types of every table, as Kysely sees them. Column names are the database's own. */

interface RecordColumns {
  created_at: string;
  updated_at: string;
  version: Generated<number>;
}

export interface PartnershipsTable extends RecordColumns {
  id: string;
  slug: string;
  name_en: string | null;
  name_fr: string | null;
  description_en: string | null;
  description_fr: string | null;
}

export interface PlansTable extends RecordColumns {
  id: string;
  partnership_id: string;
  slug: string;
  title_en: string | null;
  title_fr: string | null;
  short_title_en: string | null;
  short_title_fr: string | null;
  period_start: number;
  period_end: number;
  period_note: string | null;
  adopted_on: string | null;
  adopted_at_en: string | null;
  adopted_at_fr: string | null;
  status: string;
  summary_en: string | null;
  summary_fr: string | null;
  description_en: string | null;
  description_fr: string | null;
  full_text_url: string | null;
  /** Comma-separated sides whose reviewers must each approve an activity before it is published; null: one approval. */
  signoff_sides: string | null;
}

export interface PlanDocumentsTable extends RecordColumns {
  id: string;
  plan_id: string;
  position: number;
  kind: string;
  title: string;
  url: string | null;
  published_on: string | null;
  confidence: string | null;
  note: string | null;
}

export interface FrameworkNodesTable extends RecordColumns {
  id: string;
  plan_id: string;
  parent_id: string | null;
  kind: string;
  code: string;
  depth: number;
  position: number;
  title_en: string | null;
  title_fr: string | null;
  description_en: string | null;
  description_fr: string | null;
  status: Generated<string>;
}

export interface OrganisationsTable extends RecordColumns {
  id: string;
  name_en: string | null;
  name_fr: string | null;
  acronym: string | null;
  type: string;
  country: string | null;
  iati_identifier: string | null;
  website: string | null;
  description_en: string | null;
  description_fr: string | null;
  deleted_at: string | null;
  deleted_by: string | null;
  merged_into_id: string | null;
}

export interface OrganisationFormerNamesTable extends RecordColumns {
  id: string;
  organisation_id: string;
  name: string;
  acronym: string | null;
  until: string | null;
  note: string | null;
}

export interface ActivitiesTable extends RecordColumns {
  id: string;
  iati_identifier: string | null;
  title_en: string | null;
  title_fr: string | null;
  summary_en: string | null;
  summary_fr: string | null;
  description_en: string | null;
  description_fr: string | null;
  type: string;
  status: string;
  planned_start: string | null;
  planned_end: string | null;
  actual_start: string | null;
  actual_end: string | null;
  start_date: string | null;
  end_date: string | null;
  regional: Generated<number>;
  deleted_at: string | null;
  deleted_by: string | null;
  workflow_state: Generated<string>;
  reporting_org_id: string | null;
  /** JSON text: the activity's sectors, recipients elsewhere, results and texts in other languages; null is none. */
  sectors: string | null;
  other_recipients: string | null;
  results: string | null;
  other_language_texts: string | null;
}

export interface ActivityCountriesTable extends RecordColumns {
  activity_id: string;
  country: string;
}

export interface ActivityParticipantsTable extends RecordColumns {
  id: string;
  activity_id: string;
  organisation_id: string;
  role: string;
  position: number;
  note: string | null;
}

export interface FundingLinesTable extends RecordColumns {
  id: string;
  activity_id: string;
  position: number;
  amount_minor: number;
  currency: string;
  type: string;
  date: string | null;
  value_date: string | null;
  provider_id: string | null;
  recipient_id: string | null;
  note: string | null;
}

export interface ActivityLinksTable extends RecordColumns {
  id: string;
  activity_id: string;
  node_id: string;
  rationale: string | null;
  confidence: string | null;
}

export interface ActivitySourcesTable extends RecordColumns {
  id: string;
  activity_id: string;
  position: number;
  url: string | null;
  title: string;
  publisher: string | null;
  published_on: string | null;
  confidence: string;
  note: string | null;
}

export interface SeedAppliedTable {
  key: string;
  applied_at: string;
}

export interface UsersTable extends RecordColumns {
  id: string;
  email: string;
  display_name: string;
  password_hash: string | null;
  role: string;
  side: string;
  organisation_id: string | null;
  /** The one partnership the account works for (migration 0012); null: every partnership. */
  partnership_id: string | null;
  status: string;
  last_sign_in_at: string | null;
}

export interface SessionsTable {
  id: string;
  token_hash: string;
  csrf_token: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  prefix: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface UserLinksTable {
  id: string;
  user_id: string;
  kind: string;
  token_hash: string;
  created_by: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface SignInFailuresTable {
  id: string;
  key: string;
  at: string;
}

export interface RecordHistoryTable {
  id: string;
  entity_type: string;
  entity_id: string;
  version: number;
  action: string;
  user_id: string | null;
  at: string;
  comment: string | null;
  changes: string;
  snapshot: string;
}

export interface ActivityApprovalsTable {
  id: string;
  activity_id: string;
  activity_version: number;
  user_id: string;
  side: string;
  decision: string;
  comment: string | null;
  at: string;
}

export interface ExchangeRatesTable extends RecordColumns {
  id: string;
  currency: string;
  year: number;
  /** Decimal text, Canadian dollars per one unit of `currency`. */
  cad_per_unit: string;
  source: string;
  note: string | null;
}

/** A suggested link turned down for an activity (migration 0011). */
export interface LinkSuggestionRejectionsTable {
  activity_id: string;
  node_id: string;
  rejected_by: string | null;
  rejected_at: string;
}

export interface CoverageSnapshotsTable extends RecordColumns {
  id: string;
  plan_id: string;
  label: string;
  note: string | null;
  /** YYYY-MM-DD: the reference date the coverage was judged on. */
  as_of: string;
  /** Decimal text, e.g. "0.5". */
  addressed_share: string;
  currency: string;
  addressed: number;
  launched: number;
  not_started: number;
  leaves: number;
  activity_count: number;
  gap_count: number;
  /** The whole `PlanCoverage` as JSON text. */
  coverage: string;
  created_by: string | null;
  deleted_at: string | null;
  deleted_by: string | null;
}

/** One mapping of a crosswalk between successive plans: an old node to a new one, or to nothing (dropped). */
export interface PlanCrosswalkEntriesTable extends RecordColumns {
  id: string;
  from_plan_id: string;
  to_plan_id: string;
  from_node_id: string;
  /** Null: the old node is dropped in the new plan. */
  to_node_id: string | null;
  note: string | null;
  created_by: string | null;
}

export interface ImportsTable extends RecordColumns {
  id: string;
  /** `iati` (later `csv`, `xlsx`). */
  format: string;
  file_name: string;
  bytes: number;
  /** `add`, `update` or `both`. */
  mode: string;
  dry_run: number;
  /** `committed`, `previewed` or `refused` (the file as a whole could not be read). */
  outcome: string;
  added: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** The `ImportReport` as JSON text. */
  report: string;
  created_by: string | null;
}

/**
 * One searchable record (activity, organisation or framework node) as the search index keeps it
 * (ADR 0012): the texts as shown, their accent-folded forms (`f_*`, what the full-text indexes
 * read) and what the search filters and sorts on. Rebuilt by the application on every write.
 */
export interface SearchDocumentsTable {
  id: Generated<number>;
  kind: string;
  entity_id: string;
  /** 1 when the public may see the record; staff see every indexed record (the trash is not indexed). */
  public: number;
  /** Browsing order without words: an activity's start date; null otherwise. */
  sort_date: string | null;
  updated_at: string;
  title_en: string | null;
  title_fr: string | null;
  summary_en: string | null;
  summary_fr: string | null;
  description_en: string | null;
  description_fr: string | null;
  /** Partner names, one a line. */
  partners: string | null;
  /** Linked framework node names (code and title), one a line. */
  areas_en: string | null;
  areas_fr: string | null;
  acronym: string | null;
  identifier: string | null;
  status: string | null;
  type: string | null;
  workflow_state: string | null;
  start_date: string | null;
  end_date: string | null;
  code: string | null;
  node_kind: string | null;
  plan_id: string | null;
  f_title_en: string;
  f_title_fr: string;
  /** Partners, areas (both languages), acronym, code and identifier, folded. */
  f_keys: string;
  f_summary_en: string;
  f_summary_fr: string;
  f_description_en: string;
  f_description_fr: string;
}

/** A facet value of a search document: plan, pillar, area, country, partner, status, type or year. */
export interface SearchFacetsTable {
  doc_id: number;
  facet: string;
  value: string;
}

/** Every folded word the index has seen: the vocabulary typo corrections pick from. */
export interface SearchWordsTable {
  word: string;
}

/** SQLite only: the trigrams of each vocabulary word, to find close words to a misspelt one. */
export interface SearchWordTrigramsTable {
  trigram: string;
  word: string;
}

export interface Database {
  partnerships: PartnershipsTable;
  plans: PlansTable;
  plan_documents: PlanDocumentsTable;
  framework_nodes: FrameworkNodesTable;
  organisations: OrganisationsTable;
  organisation_former_names: OrganisationFormerNamesTable;
  activities: ActivitiesTable;
  activity_countries: ActivityCountriesTable;
  activity_participants: ActivityParticipantsTable;
  funding_lines: FundingLinesTable;
  activity_links: ActivityLinksTable;
  activity_sources: ActivitySourcesTable;
  seed_applied: SeedAppliedTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  user_links: UserLinksTable;
  sign_in_failures: SignInFailuresTable;
  record_history: RecordHistoryTable;
  activity_approvals: ActivityApprovalsTable;
  exchange_rates: ExchangeRatesTable;
  coverage_snapshots: CoverageSnapshotsTable;
  plan_crosswalk_entries: PlanCrosswalkEntriesTable;
  imports: ImportsTable;
  link_suggestion_rejections: LinkSuggestionRejectionsTable;
  search_documents: SearchDocumentsTable;
  search_facets: SearchFacetsTable;
  search_words: SearchWordsTable;
  search_word_trigrams: SearchWordTrigramsTable;
}
