import type { Db } from './db/database';
import { ActivityRepository } from './repositories/activity.repository';
import { OrganisationRepository } from './repositories/organisation.repository';
import { PlanRepository } from './repositories/plan.repository';
import { UserRepository } from './repositories/user.repository';
import { AuthService, DEFAULT_AUTH_SETTINGS, type AuthSettings } from './services/auth.service';
import { ActivityService } from './services/activity.service';
import { ActivityWriteService } from './services/activity-write.service';
import { CoverageService } from './services/coverage.service';
import { CrosswalkService } from './services/crosswalk.service';
import { ExchangeRateService } from './services/exchange-rate.service';
import { FrameworkWriteService } from './services/framework-write.service';
import { HistoryService } from './services/history.service';
import { OrganisationWriteService } from './services/organisation-write.service';
import { OrganisationService } from './services/organisation.service';
import { PlanService } from './services/plan.service';
import { PlanLoadService } from './services/plan-load.service';
import { ReportService } from './services/report.service';
import { SnapshotService } from './services/snapshot.service';
import { SearchService } from './services/search.service';
import { LinkSuggestionService } from './services/link-suggestion.service';
import { SearchLabelRepository, SearchRepository } from './repositories/search.repository';
import { DEFAULT_CROSSWALK_DIR, ImportService } from './services/import.service';
import { DEFAULT_IATI_PUBLISHER, ExportService, type IatiPublisher } from './services/export.service';

/** The domain services, wired by hand from plain factories. Shared by the server, the CLI and tests. */
export interface Core {
  db: Db;
  plans: PlanService;
  frameworkWrites: FrameworkWriteService;
  /** New plans loaded from plan definition files (YAML, CSV, XLSX), with a preview. */
  planLoads: PlanLoadService;
  activities: ActivityService;
  activityWrites: ActivityWriteService;
  organisations: OrganisationService;
  organisationWrites: OrganisationWriteService;
  history: HistoryService;
  auth: AuthService;
  /** Exchange rates; `rates.table()` gives the RateTable that converts totals. */
  rates: ExchangeRateService;
  /** Coverage of a plan's framework by its activities, converted with `rates.table()`. */
  coverage: CoverageService;
  /** Progress reports of a plan (HTML, PDF, DOCX, XLSX), built on `coverage`. */
  reports: ReportService;
  /** Coverage snapshots of a plan and comparisons between them. */
  snapshots: SnapshotService;
  /** Open-data exports: activities as CSV, XLSX, JSON or IATI XML; funding lines as CSV or XLSX. */
  exports: ExportService;
  /** Imports of IATI activity files, with previews, and the record of every import. */
  imports: ImportService;
  /** One search box over activities, organisations and framework nodes, with facet counts (ADR 0012). */
  search: SearchService;
  /** The framework nodes an activity most likely serves, learned from confirmed links (ADR 0017). */
  linkSuggestions: LinkSuggestionService;
  /** Crosswalks between successive plans, carry-over of activities along them, and the plans' comparison. */
  crosswalks: CrosswalkService;
}

export function createCore(
  db: Db,
  options: { auth?: Partial<AuthSettings>; iatiPublisher?: IatiPublisher; crosswalkDir?: string } = {},
): Core {
  const planRepo = new PlanRepository(db.db);
  const orgRepo = new OrganisationRepository(db.db);
  const activityRepo = new ActivityRepository(db.db);
  const userRepo = new UserRepository(db.db);
  const activities = new ActivityService(activityRepo, planRepo, orgRepo, userRepo);
  const organisations = new OrganisationService(orgRepo);
  const plans = new PlanService(planRepo);
  const labels = new SearchLabelRepository(db.db);
  const rates = new ExchangeRateService(db);
  const coverage = new CoverageService(planRepo, activityRepo, orgRepo, () => rates.table());
  const activityWrites = new ActivityWriteService(db, activities);
  const organisationWrites = new OrganisationWriteService(db, organisations);
  return {
    db,
    plans,
    frameworkWrites: new FrameworkWriteService(db, plans),
    planLoads: new PlanLoadService(db),
    activities,
    activityWrites,
    organisations,
    organisationWrites,
    history: new HistoryService(db),
    auth: new AuthService(db, userRepo, orgRepo, { ...DEFAULT_AUTH_SETTINGS, ...options.auth }),
    rates,
    coverage,
    reports: new ReportService(coverage, activityRepo, () => rates.table()),
    snapshots: new SnapshotService(db, planRepo, coverage),
    exports: new ExportService(activities, activityRepo, options.iatiPublisher ?? DEFAULT_IATI_PUBLISHER),
    imports: new ImportService(db, activityWrites, organisationWrites, options.crosswalkDir ?? DEFAULT_CROSSWALK_DIR),
    search: new SearchService(new SearchRepository(db.db, db.dialect), labels),
    linkSuggestions: new LinkSuggestionService(db, plans, labels),
    crosswalks: new CrosswalkService(db, plans, coverage, activityWrites),
  };
}
