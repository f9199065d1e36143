import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useParams } from 'react-router';
import { api } from '../api/client';
import { useApi } from '../api/useApi';
import { ActivityList } from '../components/ActivityCard';
import { Breadcrumb, type Crumb } from '../components/Breadcrumb';
import { ApiErrorMessage, ErrorState } from '../components/ErrorSummary';
import { Loading } from '../components/Loading';
import { Localized, LocalizedBlock, useText } from '../components/Localized';
import { PageHeading } from '../components/PageHeading';
import { useLabels } from '../i18n/labels';
import { useDocumentTitle } from '../lib/documentTitle';
import { usePaths } from '../lib/paths';

const ACTIVITY_PAGE_SIZE = 100;

/** One page type for every framework node: pillar, area, priority area… */
export default function FrameworkNodePage() {
  const { nodeId = '' } = useParams();
  const paths = usePaths();
  const labels = useLabels();
  const text = useText();
  const intl = useIntl();
  const nodeState = useApi(api.frameworkNode(nodeId));
  const node = nodeState.data;
  const isRootWithChildren = node !== undefined && node.ancestors.length === 0 && node.children.length > 0;
  const activitiesState = useApi(
    node && !isRootWithChildren
      ? api.activities({ node: [node.id], sort: 'start', pageSize: ACTIVITY_PAGE_SIZE })
      : null,
  );
  useDocumentTitle(node ? `${node.code} ${text(node.title)}` : null);

  if (nodeState.error) return <ErrorState error={nodeState.error} onRetry={nodeState.reload} />;
  if (!node) return <Loading label={<FormattedMessage id="loading.node" />} />;

  const crumbs: Crumb[] = [
    { label: <FormattedMessage id="nav.home" />, to: paths.home() },
    { label: <Localized value={node.plan.shortTitle} />, to: paths.plan(node.plan.slug) },
    ...node.ancestors.map((a) => ({
      label: (
        <>
          {a.code} <Localized value={a.title} />
        </>
      ),
      to: paths.node(a.id),
    })),
    {
      label: (
        <>
          {node.code} <Localized value={node.title} />
        </>
      ),
    },
  ];
  const children = node.children;
  const listHref = paths.activities({ node: node.id });
  const activities = activitiesState.data;

  return (
    <article className="node-page">
      <Breadcrumb items={crumbs} />
      <header className="page-header">
        <p className="page-header__eyebrow">
          <FormattedMessage id="node.kindAndCode" values={{ kind: labels.nodeKind(node.kind), code: node.code }} />
          {' · '}
          <Localized value={node.plan.shortTitle} />
        </p>
        <PageHeading>
          <span className="page-title__code">{node.code}</span> <Localized value={node.title} />
        </PageHeading>
        {node.status === 'retired' && (
          <p className="notice">
            <FormattedMessage id="node.retired" />
          </p>
        )}
        <LocalizedBlock value={node.description} className="lead-block" />
        <p className="page-header__meta">
          <strong>
            <FormattedMessage id="count.activities" values={{ count: node.activityCount }} />
          </strong>
          {node.activityCount > 0 && (
            <span className="no-print">
              {' · '}
              <Link to={listHref}>
                <FormattedMessage id="node.seeAllInList" />
              </Link>
            </span>
          )}
        </p>
      </header>

      {children.length > 0 && (
        <section className="section" aria-labelledby="node-children-title">
          <h2 id="node-children-title">
            <FormattedMessage id="node.childrenTitle" values={{ count: children.length }} />
          </h2>
          <ul className="area-list area-list--wide">
            {children.map((c) => (
              <li key={c.id} className={c.activityCount === 0 ? 'area-list__item is-empty' : 'area-list__item'}>
                <span className="node-code" aria-hidden="true">
                  {c.code}
                </span>
                <Link to={paths.node(c.id)} className="area-list__link">
                  <Localized value={c.title} />
                </Link>
                <span className="count-pill">
                  <FormattedMessage id="count.activities" values={{ count: c.activityCount }} />
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}

      {!isRootWithChildren && (
        <section className="section" aria-labelledby="node-activities-title" aria-busy={activitiesState.loading}>
          <h2 id="node-activities-title">
            <FormattedMessage id="node.activitiesTitle" />
          </h2>
          {activitiesState.error ? (
            <ApiErrorMessage error={activitiesState.error} onRetry={activitiesState.reload} />
          ) : !activities ? (
            <Loading label={<FormattedMessage id="loading.activities" />} />
          ) : activities.items.length === 0 ? (
            <p className="empty-state">
              <FormattedMessage id="node.noActivities" />
            </p>
          ) : (
            <>
              <ActivityList
                activities={activities.items}
                label={intl.formatMessage({ id: 'node.activitiesListLabel' }, { title: text(node.title) })}
              />
              {activities.total > activities.items.length && (
                <p>
                  <Link to={listHref}>
                    <FormattedMessage id="node.moreInList" values={{ count: activities.total }} />
                  </Link>
                </p>
              )}
            </>
          )}
        </section>
      )}
    </article>
  );
}
