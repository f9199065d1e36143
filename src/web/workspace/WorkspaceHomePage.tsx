import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import { Link, useLocation } from 'react-router';
import type { ActivitySummary } from '../../shared/api-types';
import { listActivities } from '../api/client';
import { useLoader } from '../api/useApi';
import { activities } from '../api/workspace';
import { ApiErrorMessage } from '../components/ErrorSummary';
import { Loading } from '../components/Loading';
import { Localized } from '../components/Localized';
import { PageHeading } from '../components/PageHeading';
import { useDocumentTitle } from '../lib/documentTitle';
import { usePaths } from '../lib/paths';
import { StatusMessage } from './form';
import { RequireRole } from './guards';
import { useLabels } from './labels';
import { useSession } from './session';

function trashedTitle(state: unknown): string | null {
  const t = typeof state === 'object' && state !== null ? (state as { trashed?: unknown }).trashed : undefined;
  return typeof t === 'string' ? t : null;
}

function ActivityTable({ items, captionId }: { items: ActivitySummary[]; captionId: string }) {
  const paths = usePaths();
  const labels = useLabels();
  const session = useSession();
  return (
    <div className="table-wrap">
      <table className="table table--list" aria-labelledby={captionId}>
        <thead>
          <tr>
            <th scope="col">
              <FormattedMessage id="workspace.colTitle" />
            </th>
            <th scope="col">
              <FormattedMessage id="workspace.colState" />
            </th>
            <th scope="col">
              <FormattedMessage id="workspace.colUpdated" />
            </th>
            {session.can('activity:update') && (
              <th scope="col">
                <FormattedMessage id="workspace.colActions" />
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {items.map((a) => (
            <tr key={a.id}>
              <th scope="row">
                <Link to={paths.activity(a.id)}>
                  <Localized value={a.title} />
                </Link>
              </th>
              <td>
                <span className={`workflow workflow--${a.workflowState}`}>{labels.workflow(a.workflowState)}</span>
              </td>
              <td>
                <FormattedDate value={a.updatedAt} dateStyle="medium" />
              </td>
              {session.can('activity:update') && (
                <td>
                  <Link to={paths.editActivity(a.id)}>
                    <FormattedMessage
                      id="workspace.editItem"
                      values={{
                        title: <Localized value={a.title} />,
                        hidden: (chunks) => <span className="visually-hidden">{chunks}</span>,
                      }}
                    />
                  </Link>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Unpublished() {
  const list = useLoader('workspace-unpublished', (signal) =>
    listActivities({ sort: '-updated', pageSize: 100 }, signal),
  );
  if (list.error) return <ApiErrorMessage error={list.error} onRetry={list.reload} />;
  if (!list.data) return <Loading label={<FormattedMessage id="loading.activities" />} />;
  const drafts = list.data.items.filter((a) => a.workflowState === 'draft' || a.workflowState === 'returned');
  const submitted = list.data.items.filter((a) => a.workflowState === 'submitted');
  return (
    <>
      <section className="section" aria-labelledby="drafts-title">
        <h2 id="drafts-title">
          <FormattedMessage id="workspace.draftsTitle" />
        </h2>
        {drafts.length === 0 ? (
          <p className="empty-state">
            <FormattedMessage id="workspace.noDrafts" />
          </p>
        ) : (
          <ActivityTable items={drafts} captionId="drafts-title" />
        )}
      </section>
      <section className="section" aria-labelledby="submitted-title">
        <h2 id="submitted-title">
          <FormattedMessage id="workspace.submittedTitle" />
        </h2>
        {submitted.length === 0 ? (
          <p className="empty-state">
            <FormattedMessage id="workspace.noSubmitted" />
          </p>
        ) : (
          <ActivityTable items={submitted} captionId="submitted-title" />
        )}
      </section>
    </>
  );
}

function ReviewQueue() {
  const paths = usePaths();
  const labels = useLabels();
  const queue = useLoader('review-queue', (signal) => activities.reviewQueue(signal));
  return (
    <section className="section" aria-labelledby="queue-title">
      <h2 id="queue-title">
        <FormattedMessage id="workspace.queueTitle" />
      </h2>
      {queue.error ? (
        <ApiErrorMessage error={queue.error} onRetry={queue.reload} />
      ) : !queue.data ? (
        <Loading />
      ) : queue.data.items.length === 0 ? (
        <p className="empty-state">
          <FormattedMessage id="workspace.queueEmpty" />
        </p>
      ) : (
        <ul className="queue" aria-labelledby="queue-title">
          {queue.data.items.map((item) => (
            <li key={item.id} className="queue__item">
              <p className="queue__title">
                <Link to={paths.activity(item.id)}>
                  <Localized value={item.title} />
                </Link>
              </p>
              <p className="queue__meta">
                <FormattedMessage
                  id="workspace.queueSubmitted"
                  values={{
                    when: <FormattedDate value={item.submittedAt} dateStyle="medium" />,
                    version: item.version,
                  }}
                />
                {item.requiredSides.length > 0 && (
                  <>
                    {' · '}
                    <FormattedMessage
                      id="workspace.queueSides"
                      values={{ sides: labels.list(item.requiredSides.map((s) => labels.side(s))) }}
                    />
                  </>
                )}
                {item.approvedBy.length > 0 && (
                  <>
                    {' · '}
                    <FormattedMessage
                      id="workspace.queueApprovedBy"
                      values={{
                        names: labels.list(item.approvedBy.map((a) => `${a.name} (${labels.side(a.side)})`)),
                      }}
                    />
                  </>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Home() {
  const intl = useIntl();
  const paths = usePaths();
  const session = useSession();
  const labels = useLabels();
  const location = useLocation();
  const trashed = trashedTitle(location.state);
  useDocumentTitle(intl.formatMessage({ id: 'workspace.title' }));
  const user = session.user;
  if (!user) return null;
  const tasks: { to: string; label: string; show: boolean }[] = [
    {
      to: paths.newActivity(),
      label: intl.formatMessage({ id: 'workspace.newActivity' }),
      show: session.can('activity:create'),
    },
    {
      to: paths.workspaceOrganisations(),
      label: intl.formatMessage({ id: 'workspace.organisations' }),
      show: session.can('organisation:update'),
    },
    { to: paths.users(), label: intl.formatMessage({ id: 'workspace.users' }), show: session.can('user:manage') },
    { to: paths.trash(), label: intl.formatMessage({ id: 'workspace.trash' }), show: session.can('trash:read') },
    {
      to: paths.frameworkEditor(),
      label: intl.formatMessage({ id: 'workspace.plans' }),
      show: session.can('plan:manage'),
    },
    { to: paths.account(), label: intl.formatMessage({ id: 'workspace.account' }), show: true },
  ];
  return (
    <div className="workspace-page">
      <PageHeading>
        <FormattedMessage id="workspace.title" />
      </PageHeading>
      <p className="lead">
        <FormattedMessage
          id="workspace.welcome"
          values={{ name: user.displayName, role: labels.role(user.role), side: labels.side(user.side) }}
        />
      </p>
      {trashed && (
        <StatusMessage focus>
          <FormattedMessage id="workspace.trashed" values={{ title: trashed }} />
        </StatusMessage>
      )}
      <nav className="task-links" aria-label={intl.formatMessage({ id: 'workspace.tasksLabel' })}>
        <ul>
          {tasks
            .filter((t) => t.show)
            .map((t) => (
              <li key={t.to}>
                <Link to={t.to}>{t.label}</Link>
              </li>
            ))}
        </ul>
      </nav>
      {session.can('activity:review') && <ReviewQueue />}
      <Unpublished />
    </div>
  );
}

/** `/:lang/workspace`: what waits for the signed-in person, and where to start. */
export default function WorkspaceHomePage() {
  return (
    <RequireRole action="drafts:read">
      <Home />
    </RequireRole>
  );
}
