import type {
  CoverageAnswer,
  PlanCoverage,
  SnapshotComparison,
  SnapshotDetail,
  SnapshotSide,
  SnapshotSummary,
} from '../../shared/api-types';
import { DEFAULT_ADDRESSED_SHARE, DEFAULT_REPORTING_CURRENCY, type ReportingCurrency } from '../../shared/coverage';
import { coverageApiQuerySchema, coverageQuerySchema } from '../../shared/schemas/coverage-query.schema';
import { CURRENT, type SnapshotCompareQuery, type SnapshotInput } from '../../shared/schemas/snapshot.schema';
import { compareCoverage } from '../coverage/compare';
import { planStatusVisible, type Audience } from '../audience';
import type { Db } from '../db/database';
import { invalidInput, notFound } from '../errors';
import { newId, nowIso } from '../ids';
import { authorize, type Actor } from '../policy';
import type { PlanRepository, PlanRow } from '../repositories/plan.repository';
import { SnapshotRepository, type SnapshotListRow } from '../repositories/snapshot.repository';
import { StaleVersion, withVersionCheck } from '../versioned';
import type { CoverageService } from './coverage.service';

/**
 * A frozen coverage as stored: the whole coverage of its day. Those frozen before the partner
 * breakdown could be cut have no `otherPartners`: they list every partner.
 */
function storedCoverage(json: string): PlanCoverage {
  type Stored = Omit<PlanCoverage, 'breakdowns'> & {
    breakdowns: Omit<PlanCoverage['breakdowns'], 'otherPartners'> &
      Partial<Pick<PlanCoverage['breakdowns'], 'otherPartners'>>;
  };
  const c = JSON.parse(json) as Stored;
  return { ...c, breakdowns: { ...c.breakdowns, otherPartners: c.breakdowns.otherPartners ?? null } };
}

function summary(r: SnapshotListRow): SnapshotSummary {
  const leaves = Number(r.leaves);
  const addressed = Number(r.addressed);
  return {
    id: r.id,
    planId: r.plan_id,
    label: r.label,
    note: r.note,
    asOf: r.as_of,
    addressedShare: Number(r.addressed_share),
    currency: r.currency as ReportingCurrency,
    createdAt: r.created_at,
    createdBy: r.created_by_name,
    rollup: {
      addressed,
      launched: Number(r.launched),
      notStarted: Number(r.not_started),
      leaves,
      percentAddressed: leaves ? Math.round((1000 * addressed) / leaves) / 10 : null,
    },
    activityCount: Number(r.activity_count),
    gapCount: Number(r.gap_count),
    version: Number(r.version),
  };
}

/**
 * Coverage snapshots of a plan: the coverage frozen as judged on a day (e.g. for the 2020
 * Dialogue), from the published activities the public sees, kept whole so that later edits never
 * change it; and comparisons of two snapshots, or of a snapshot and today, saying which parts of
 * the plan moved from gap to launched to addressed.
 */
export class SnapshotService {
  constructor(
    private readonly db: Db,
    private readonly plans: PlanRepository,
    private readonly coverage: CoverageService,
    /** The clock; tests pin it. */
    private readonly now: () => string = nowIso,
  ) {}

  private repo() {
    return new SnapshotRepository(this.db.db);
  }

  /** The plan, when the audience may see it (snapshots hold published activities; a draft plan has none public). */
  private async plan(idOrSlug: string, audience: Audience): Promise<PlanRow> {
    const plan = await this.plans.findPlan(idOrSlug, audience);
    if (!plan) throw notFound('plan', idOrSlug);
    return plan;
  }

  async list(planIdOrSlug: string, audience: Audience): Promise<SnapshotSummary[]> {
    const plan = await this.plan(planIdOrSlug, audience);
    return (await this.repo().list(plan.id)).map(summary);
  }

  async get(planIdOrSlug: string, id: string, audience: Audience): Promise<SnapshotDetail> {
    const plan = await this.plan(planIdOrSlug, audience);
    const row = await this.repo().find(plan.id, id);
    if (!row) throw notFound('snapshot', id);
    return { ...summary(row), coverage: storedCoverage(row.coverage) };
  }

  /**
   * The public coverage of the plan judged on `asOf` (the plan's whole period up to that day): published activities
   * only, as the query does not include others; the caller has already found the plan visible to its audience.
   */
  private live(plan: PlanRow, asOf: string, addressedShare: number, currency: ReportingCurrency) {
    const q = coverageQuerySchema.parse({ to: asOf, addressedShare, currency });
    return this.coverage.forPlan(plan.id, q, 'staff');
  }

  /** The same, without ids or breakdowns: what a comparison reads (the nodes' states and counts). */
  private liveStates(plan: PlanRow, asOf: string, addressedShare: number, currency: ReportingCurrency) {
    const q = coverageApiQuerySchema.parse({ to: asOf, addressedShare, currency, breakdowns: 'none' });
    return this.coverage.answer(plan.id, q, 'staff');
  }

  /** Freezes the plan's coverage on `input.asOf`; reviewers and administrators only. */
  async create(actor: Actor, planIdOrSlug: string, input: SnapshotInput): Promise<SnapshotDetail> {
    authorize(actor, 'snapshot:create');
    const plan = await this.plan(planIdOrSlug, 'staff');
    if (!planStatusVisible(plan.status, 'public')) {
      throw invalidInput(
        [
          {
            name: 'plan',
            reason: `Plan ${plan.slug} is a draft, which the public does not see; a snapshot freezes the public coverage. Set the plan's status to active first.`,
          },
        ],
        'A draft plan has no public coverage to freeze.',
      );
    }
    const coverage = await this.live(plan, input.asOf, input.addressedShare, input.currency);
    const id = newId();
    const at = this.now();
    const rollup = coverage.summary.rollup;
    await this.repo().insert({
      id,
      plan_id: plan.id,
      label: input.label,
      note: input.note,
      as_of: coverage.period.asOf,
      addressed_share: String(input.addressedShare),
      currency: input.currency,
      addressed: rollup.addressed,
      launched: rollup.launched,
      not_started: rollup.notStarted,
      leaves: rollup.leaves,
      activity_count: coverage.summary.activityCount,
      gap_count: coverage.summary.gapCount,
      coverage: JSON.stringify(coverage),
      created_by: actor.id,
      deleted_at: null,
      deleted_by: null,
      created_at: at,
      updated_at: at,
    });
    return this.get(plan.id, id, 'staff');
  }

  /** Withdraws a snapshot (administrators); `expected` is the version the request was based on. */
  async withdraw(actor: Actor, planIdOrSlug: string, id: string, expected: number): Promise<void> {
    authorize(actor, 'snapshot:delete');
    const plan = await this.plan(planIdOrSlug, 'staff');
    const current = await this.repo().find(plan.id, id);
    if (!current) throw notFound('snapshot', id);
    await withVersionCheck(
      'snapshot',
      expected,
      () => this.get(plan.id, id, 'staff'),
      async () => {
        if (!(await this.repo().withdraw(id, expected, actor.id, this.now()))) {
          throw new StaleVersion(Number(current.version));
        }
      },
    );
  }

  /**
   * What moved between two snapshots, or a snapshot and today (`current`, judged with the other
   * side's addressed share and currency, or the defaults when both are `current`).
   */
  async compare(planIdOrSlug: string, q: SnapshotCompareQuery, audience: Audience): Promise<SnapshotComparison> {
    const plan = await this.plan(planIdOrSlug, audience);
    const stored = async (id: string) => (id === CURRENT ? null : await this.get(plan.id, id, audience));
    const [a, b] = await Promise.all([stored(q.from), stored(q.to)]);
    const model = a ?? b;
    const today = this.now().slice(0, 10);
    const current = () =>
      this.liveStates(
        plan,
        today,
        model?.addressedShare ?? DEFAULT_ADDRESSED_SHARE,
        model?.currency ?? DEFAULT_REPORTING_CURRENCY,
      );
    const fromCoverage = a?.coverage ?? (await current());
    const toCoverage = b?.coverage ?? (await current());
    const side = (s: SnapshotDetail | null, c: CoverageAnswer): SnapshotSide => ({
      id: s?.id ?? CURRENT,
      label: s?.label ?? null,
      asOf: c.period.asOf,
      rollup: c.summary.rollup,
      activityCount: c.summary.activityCount,
    });
    return {
      plan: toCoverage.plan,
      from: side(a, fromCoverage),
      to: side(b, toCoverage),
      ...compareCoverage(fromCoverage, toCoverage),
    };
  }
}
