import { FormattedMessage } from 'react-intl';
import { Link } from 'react-router';
import type { ActivitySummary } from '../../shared/api-types';
import { usePaths } from '../lib/paths';
import { CountryList } from './CountryList';
import { Localized } from './Localized';
import { MoneyTotals } from './Money';
import { NodeLabel } from './NodeLabel';
import { OrgLinks } from './OrgName';
import { DateRange } from './PartialDateText';
import { StatusBadge, TypeBadge } from './StatusBadge';

interface Props {
  activity: ActivitySummary;
  headingLevel?: 2 | 3;
  /** Short form for overviews: no summary, no areas. */
  compact?: boolean;
  /** Leave out the framework links (e.g. on the page of that very area). */
  hideNodes?: boolean;
}

export function ActivityCard({ activity: a, headingLevel = 3, compact = false, hideNodes = false }: Props) {
  const paths = usePaths();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article className={compact ? 'activity-card activity-card--compact' : 'activity-card'}>
      <Heading className="activity-card__title">
        <Link to={paths.activity(a.id)}>
          <Localized value={a.title} />
        </Link>
      </Heading>
      <div className="activity-card__badges">
        <StatusBadge status={a.status} />
        <TypeBadge type={a.type} />
      </div>
      {!compact && (
        <p className="activity-card__summary">
          <Localized value={a.summary} />
        </p>
      )}
      <dl className="meta-list">
        <div>
          <dt>
            <FormattedMessage id="activity.dates" />
          </dt>
          <dd>
            <DateRange start={a.startDate} end={a.endDate} />
          </dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="activity.countries" />
          </dt>
          <dd>
            <CountryList countries={a.countries} regional={a.regional} />
          </dd>
        </div>
        {a.funders.length > 0 && (
          <div>
            <dt>
              <FormattedMessage id="activity.funders" values={{ count: a.funders.length }} />
            </dt>
            <dd>
              <OrgLinks orgs={a.funders} short={compact} />
            </dd>
          </div>
        )}
        {a.implementers.length > 0 && (
          <div>
            <dt>
              <FormattedMessage id="activity.implementers" values={{ count: a.implementers.length }} />
            </dt>
            <dd>
              <OrgLinks orgs={a.implementers} short={compact} />
            </dd>
          </div>
        )}
        {!compact && !hideNodes && a.nodes.length > 0 && (
          <div className="meta-list__wide">
            <dt>
              <FormattedMessage id="activity.areas" values={{ count: a.nodes.length }} />
            </dt>
            <dd>
              {a.nodes.map((n) => (
                <span key={n.id} className="card-node">
                  <NodeLabel node={n} />
                </span>
              ))}
            </dd>
          </div>
        )}
        {!compact && a.funding.length > 0 && (
          <div className="meta-list__wide">
            <dt>
              <FormattedMessage id="activity.funding" />
            </dt>
            <dd>
              <MoneyTotals totals={a.funding} compact />
            </dd>
          </div>
        )}
      </dl>
    </article>
  );
}

/** A list of activity cards; each item's heading links to the activity. */
export function ActivityList({
  activities,
  label,
  ...rest
}: { activities: readonly ActivitySummary[]; label?: string } & Omit<Props, 'activity'>) {
  return (
    <ol className="activity-list" aria-label={label}>
      {activities.map((a) => (
        <li key={a.id}>
          <ActivityCard activity={a} {...rest} />
        </li>
      ))}
    </ol>
  );
}
