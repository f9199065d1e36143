import { FormattedMessage, FormattedNumber, useIntl } from 'react-intl';
import { Link } from 'react-router';
import type { FrameworkNodeTree, PlanDetail, PlanSummary } from '../../shared/api-types';
import { api } from '../api/client';
import { useApi } from '../api/useApi';
import { englishOnly } from '../i18n';
import { useLabels } from '../i18n/labels';
import { useDocumentTitle } from '../lib/documentTitle';
import { countBelowRoots, sortedByPosition } from '../lib/framework';
import { usePaths } from '../lib/paths';
import { ActivityList } from './ActivityCard';
import { ApiErrorMessage, ErrorState } from './ErrorSummary';
import { Loading } from './Loading';
import { Localized, LocalizedBlock, useText } from './Localized';
import { CompactMoney } from './Money';
import { PageHeading } from './PageHeading';
import { useCompareLinks } from './PlanCompareLinks';
import { PartialDateText } from './PartialDateText';
import { ConfidenceBadge } from './StatusBadge';

function periodLabel(plan: Pick<PlanSummary, 'periodStart' | 'periodEnd'>): string {
  return `${plan.periodStart}–${plan.periodEnd}`;
}

/** Links to every plan, the shown one marked as current. */
export function PlanSwitcher({ plans, currentId }: { plans: readonly PlanSummary[]; currentId: string }) {
  const intl = useIntl();
  const paths = usePaths();
  if (plans.length < 2) return null;
  return (
    <nav className="plan-switcher" aria-label={intl.formatMessage({ id: 'plan.switcherLabel' })}>
      <span className="plan-switcher__label" aria-hidden="true">
        <FormattedMessage id="plan.switcherLabel" />
      </span>
      <ul>
        {plans.map((p) => (
          <li key={p.id}>
            <Link to={paths.plan(p.slug)} aria-current={p.id === currentId ? 'page' : undefined}>
              <span className="plan-switcher__period">{periodLabel(p)}</span>
              <span className="plan-switcher__title">
                <Localized value={p.shortTitle} />
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function StatCard({ value, label }: { value: React.ReactNode; label: React.ReactNode }) {
  return (
    <div className="stat">
      <dt className="stat__label">{label}</dt>
      <dd className="stat__value">{value}</dd>
    </div>
  );
}

function PlanStats({ plan }: { plan: PlanDetail }) {
  const { stats } = plan;
  const areas = countBelowRoots(plan.framework);
  const commitments = stats.funding.filter((f) => f.type === 'commitment');
  return (
    <section className="stats-band" aria-labelledby="plan-stats-title">
      <h2 id="plan-stats-title" className="visually-hidden">
        <FormattedMessage id="plan.statsTitle" />
      </h2>
      <dl className="stats">
        <StatCard
          value={<FormattedNumber value={plan.activityCount} />}
          label={<FormattedMessage id="plan.statActivities" values={{ count: plan.activityCount }} />}
        />
        <StatCard
          value={<FormattedNumber value={plan.framework.length} />}
          label={
            <FormattedMessage
              id="plan.statRoots"
              values={{ count: plan.framework.length, kind: plan.framework[0]?.kind ?? '' }}
            />
          }
        />
        {areas > 0 && (
          <StatCard
            value={<FormattedNumber value={areas} />}
            label={<FormattedMessage id="plan.statAreas" values={{ count: areas }} />}
          />
        )}
        {stats.partnerCount > 0 && (
          <StatCard
            value={<FormattedNumber value={stats.partnerCount} />}
            label={<FormattedMessage id="plan.statPartners" values={{ count: stats.partnerCount }} />}
          />
        )}
        {stats.countryCount > 0 && (
          <StatCard
            value={<FormattedNumber value={stats.countryCount} />}
            label={<FormattedMessage id="plan.statCountries" values={{ count: stats.countryCount }} />}
          />
        )}
        {commitments.length > 0 && (
          <StatCard
            value={
              <ul className="stat__money">
                {commitments.map((c) => (
                  <li key={c.currency}>
                    <CompactMoney amount={c.amount} currency={c.currency} />
                  </li>
                ))}
              </ul>
            }
            label={<FormattedMessage id="plan.statCommitted" />}
          />
        )}
      </dl>
    </section>
  );
}

function AreaList({ pillar }: { pillar: FrameworkNodeTree }) {
  const paths = usePaths();
  const children = sortedByPosition(pillar.children);
  if (children.length === 0) return null;
  return (
    <ul className="area-list">
      {children.map((area) => (
        <li key={area.id} className={area.activityCount === 0 ? 'area-list__item is-empty' : 'area-list__item'}>
          <span className="node-code" aria-hidden="true">
            {area.code}
          </span>
          <Link to={paths.node(area.id)} className="area-list__link">
            <Localized value={area.title} />
          </Link>
          <span className="count-pill">
            <FormattedMessage id="count.activities" values={{ count: area.activityCount }} />
          </span>
        </li>
      ))}
    </ul>
  );
}

function FrameworkGrid({ plan }: { plan: PlanDetail }) {
  const paths = usePaths();
  const labels = useLabels();
  const pillars = sortedByPosition(plan.framework);
  if (pillars.length === 0) {
    return (
      <p className="empty-state">
        <FormattedMessage id="plan.noFramework" />
      </p>
    );
  }
  if (pillars.every((p) => p.children.length === 0)) {
    return (
      <ul className="area-list area-list--wide area-list--flat">
        {pillars.map((node) => (
          <li key={node.id} className={node.activityCount === 0 ? 'area-list__item is-empty' : 'area-list__item'}>
            <span className="node-code" aria-hidden="true">
              {node.code}
            </span>
            <Link to={paths.node(node.id)} className="area-list__link">
              <Localized value={node.title} />
            </Link>
            <span className="count-pill">
              <FormattedMessage id="count.activities" values={{ count: node.activityCount }} />
            </span>
          </li>
        ))}
      </ul>
    );
  }
  return (
    <ol className="pillar-grid">
      {pillars.map((pillar) => (
        <li key={pillar.id} className="pillar-card">
          <div className="pillar-card__head">
            <p className="pillar-card__kind">
              <FormattedMessage
                id="node.kindAndCode"
                values={{ kind: labels.nodeKind(pillar.kind), code: pillar.code }}
              />
            </p>
            <h3 className="pillar-card__title">
              <Link to={paths.node(pillar.id)}>
                <Localized value={pillar.title} />
              </Link>
            </h3>
            <p className="pillar-card__count">
              <FormattedMessage id="count.activities" values={{ count: pillar.activityCount }} />
            </p>
          </div>
          <AreaList pillar={pillar} />
        </li>
      ))}
    </ol>
  );
}

function PlanDocuments({ plan }: { plan: PlanDetail }) {
  const labels = useLabels();
  if (plan.documents.length === 0 && !plan.fullTextUrl) return null;
  return (
    <section className="section" aria-labelledby="plan-documents-title">
      <h2 id="plan-documents-title">
        <FormattedMessage id="plan.documentsTitle" />
      </h2>
      <ul className="document-list">
        {plan.fullTextUrl && !plan.documents.some((d) => d.url === plan.fullTextUrl) && (
          <li>
            <a href={plan.fullTextUrl}>
              <FormattedMessage id="plan.fullText" />
            </a>
          </li>
        )}
        {plan.documents.map((d) => (
          <li key={d.id}>
            <span className="document-list__kind">{labels.documentKind(d.kind)}</span>
            {d.url ? <a href={d.url}>{d.title}</a> : <span>{d.title}</span>}
            {d.publishedOn && (
              <span className="document-list__date">
                {' · '}
                <PartialDateText value={d.publishedOn} />
              </span>
            )}
            {d.confidence && (
              <>
                {' '}
                <ConfidenceBadge confidence={d.confidence} />
              </>
            )}
            {d.note && (
              <p className="document-list__note">
                <Localized value={englishOnly(d.note)} />
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function OtherPlans({ plans, currentId }: { plans: readonly PlanSummary[]; currentId: string }) {
  const paths = usePaths();
  const labels = useLabels();
  const others = plans.filter((p) => p.id !== currentId);
  if (others.length === 0) return null;
  return (
    <section className="section" aria-labelledby="other-plans-title">
      <h2 id="other-plans-title">
        <FormattedMessage id="plan.otherPlansTitle" />
      </h2>
      <ul className="card-grid">
        {others.map((p) => (
          <li key={p.id} className="plan-card">
            <p className="plan-card__period">
              {periodLabel(p)} · {labels.planStatus(p.status)}
            </p>
            <h3 className="plan-card__title">
              <Link to={paths.plan(p.slug)}>
                <Localized value={p.title} />
              </Link>
            </h3>
            <p className="plan-card__summary">
              <Localized value={p.summary} />
            </p>
            <p className="plan-card__count">
              <FormattedMessage id="count.activities" values={{ count: p.activityCount }} />
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

const RECENT_COUNT = 5;

/**
 * The plan at a glance: shown on the home page (first plan) and on each plan's page. Its heading and facts come from
 * the plans list the page already holds, so they show while the plan's framework and figures load.
 */
export function PlanOverview({ slug, plans }: { slug: string; plans: readonly PlanSummary[] }) {
  const planState = useApi(api.plan(slug));
  const detail = planState.data;
  const plan: PlanSummary | undefined = detail ?? plans.find((p) => p.slug === slug || p.id === slug);
  const text = useText();
  useDocumentTitle(plan ? text(plan.shortTitle) || text(plan.title) : null);

  if (planState.error) return <ErrorState error={planState.error} onRetry={planState.reload} />;
  if (!plan) return <Loading label={<FormattedMessage id="loading.plan" />} />;
  // The switcher and the other plans stay within the plan's own partnership.
  const ownPlans = plans.filter((p) => p.partnership.id === plan.partnership.id);
  return (
    <div className="plan-overview">
      <PlanSwitcher plans={ownPlans} currentId={plan.id} />
      <PlanHero plan={plan} plans={plans} fullTextUrl={detail?.fullTextUrl ?? null} />
      {detail ? (
        <PlanBody plan={detail} ownPlans={ownPlans} />
      ) : (
        <Loading label={<FormattedMessage id="loading.plan" />} />
      )}
    </div>
  );
}

/** The plan's title, facts, summary and ways on. */
function PlanHero({
  plan,
  plans,
  fullTextUrl,
}: {
  plan: PlanSummary;
  plans: readonly PlanSummary[];
  fullTextUrl: string | null;
}) {
  const paths = usePaths();
  const labels = useLabels();
  const text = useText();
  const compareLinks = useCompareLinks(plans, plan);
  const severalPartnerships = plans.some((p) => p.partnership.id !== plan.partnership.id);
  return (
    <section className="hero" aria-labelledby="plan-title">
      <p className="hero__eyebrow">
        {severalPartnerships ? (
          <Link to={paths.partnership(plan.partnership.slug)}>
            <Localized value={plan.partnership.name} />
          </Link>
        ) : (
          <Localized value={plan.partnership.name} />
        )}
      </p>
      <PageHeading className="hero__title">
        <span id="plan-title">
          <Localized value={plan.title} />
        </span>
      </PageHeading>
      <dl className="hero__facts">
        <div>
          <dt>
            <FormattedMessage id="plan.period" />
          </dt>
          <dd>{periodLabel(plan)}</dd>
        </div>
        {(plan.adoptedOn || text(plan.adoptedAt)) && (
          <div>
            <dt>
              <FormattedMessage id="plan.adopted" />
            </dt>
            <dd>
              {plan.adoptedOn && <PartialDateText value={plan.adoptedOn} />}
              {plan.adoptedOn && text(plan.adoptedAt) && ', '}
              <Localized value={plan.adoptedAt} />
            </dd>
          </div>
        )}
        <div>
          <dt>
            <FormattedMessage id="plan.status" />
          </dt>
          <dd>{labels.planStatus(plan.status)}</dd>
        </div>
      </dl>
      {plan.status === 'draft' && (
        <p className="notice" role="note">
          <FormattedMessage id="plan.draftNotice" />
        </p>
      )}
      <LocalizedBlock value={plan.summary} className="hero__summary" />
      {plan.periodNote && (
        <p className="hero__period-note">
          <span className="hero__period-note-label">
            <FormattedMessage id="plan.periodNote" />
          </span>{' '}
          <Localized value={englishOnly(plan.periodNote)} />
        </p>
      )}
      <p className="hero__actions">
        <Link className="button button--light" to={paths.activities({ plan: plan.id })}>
          <FormattedMessage id="plan.browseActivities" values={{ count: plan.activityCount }} />
        </Link>
        <Link className="button button--ghost" to={paths.dashboard(plan.slug)}>
          <FormattedMessage id="plan.dashboard" />
        </Link>
        <Link className="button button--ghost" to={paths.snapshots(plan.slug)}>
          <FormattedMessage id="snapshots.planLink" />
        </Link>
        {compareLinks.map((l) => (
          <Link key={l.key} className="button button--ghost" to={l.to}>
            {l.label}
          </Link>
        ))}
        {fullTextUrl && (
          <a className="button button--ghost" href={fullTextUrl}>
            <FormattedMessage id="plan.fullText" />
          </a>
        )}
      </p>
    </section>
  );
}

/** Below the hero: the plan's figures, framework, latest activities, documents and the partnership's other plans. */
function PlanBody({ plan, ownPlans }: { plan: PlanDetail; ownPlans: readonly PlanSummary[] }) {
  const paths = usePaths();
  const recent = useApi(api.activities({ plan: plan.id, sort: '-start', pageSize: RECENT_COUNT }));
  return (
    <>
      <PlanStats plan={plan} />

      <section className="section" aria-labelledby="framework-title">
        <h2 id="framework-title">
          <FormattedMessage id="plan.frameworkTitle" values={{ kind: plan.framework[0]?.kind ?? '' }} />
        </h2>
        <LocalizedBlock value={plan.description} className="section__intro" />
        <FrameworkGrid plan={plan} />
      </section>

      <section className="section" aria-labelledby="recent-title">
        <div className="section__head">
          <h2 id="recent-title">
            <FormattedMessage id="plan.recentTitle" />
          </h2>
          {plan.activityCount > 0 && (
            <Link to={paths.activities({ plan: plan.id })} className="section__more">
              <FormattedMessage id="plan.allActivities" values={{ count: plan.activityCount }} />
            </Link>
          )}
        </div>
        {recent.error ? (
          <ApiErrorMessage error={recent.error} onRetry={recent.reload} />
        ) : !recent.data ? (
          <Loading label={<FormattedMessage id="loading.activities" />} />
        ) : recent.data.items.length === 0 ? (
          <p className="empty-state">
            <FormattedMessage id="plan.noActivities" />
          </p>
        ) : (
          <ActivityList activities={recent.data.items} compact />
        )}
      </section>

      <PlanDocuments plan={plan} />
      <OtherPlans plans={ownPlans} currentId={plan.id} />
    </>
  );
}
