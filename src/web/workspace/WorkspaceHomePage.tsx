import { useRef, type ReactNode } from 'react';
import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import { Link, useLocation, useSearchParams } from 'react-router';
import type { ActivitySummary } from '../../shared/api-types';
import { CREATED_BY_ME } from '../../shared/schemas/activity-query.schema';
import { queryString } from '../api/client';
import { useLoader } from '../api/useApi';
import { activities, type StaffActivityListParams } from '../api/workspace';
import { ApiErrorMessage } from '../components/ErrorSummary';
import { Loading } from '../components/Loading';
import { Localized } from '../components/Localized';
import { PageHeading } from '../components/PageHeading';
import { Pagination } from '../components/Pagination';
import { useDocumentTitle } from '../lib/documentTitle';
import { pageFrom } from '../lib/pagination';
import { usePaths } from '../lib/paths';
import { DataTable, type Column } from './DataTable';
import { StatusMessage } from './form';
import { RequireRole } from './guards';
import { useLabels } from './labels';
import { useSession } from './session';

function trashedTitle(state: unknown): string | null {
  const t = typeof state === 'object' && state !== null ? (state as { trashed?: unknown }).trashed : undefined;
  return typeof t === 'string' ? t : null;
}

const PAGE_SIZE = 10;
const hidden = (chunks: ReactNode[]) => <span className="visually-hidden">{chunks}</span>;

function ActivityTable({ items, caption }: { items: ActivitySummary[]; caption: ReactNode }) {
  const paths = usePaths();
  const labels = useLabels();
  const session = useSession();
  const columns: Column<ActivitySummary>[] = [
    {
      key: 'title',
      header: <FormattedMessage id="workspace.colTitle" />,
      cell: (a) => (
        <Link to={paths.activity(a.id)}>
          <Localized value={a.title} />
        </Link>
      ),
    },
    {
      key: 'state',
      header: <FormattedMessage id="workspace.colState" />,
      cell: (a) => <span className={`workflow workflow--${a.workflowState}`}>{labels.workflow(a.workflowState)}</span>,
    },
    {
      key: 'updated',
      header: <FormattedMessage id="workspace.colUpdated" />,
      cell: (a) => <FormattedDate value={a.updatedAt} dateStyle="medium" />,
    },
  ];
  if (session.can('activity:update')) {
    columns.push({
      key: 'actions',
      header: <FormattedMessage id="workspace.colActions" />,
      cell: (a) => (
        <Link to={paths.editActivity(a.id)}>
          <FormattedMessage id="workspace.editItem" values={{ title: <Localized value={a.title} />, hidden }} />
        </Link>
      ),
    });
  }
  return <DataTable caption={caption} columns={columns} rows={items} rowKey={(a) => a.id} />;
}

interface ListProps {
  /** The list's name, also its page parameter in the address (`?drafts=2`). */
  name: 'drafts' | 'submitted';
  title: ReactNode;
  empty: ReactNode;
  caption: ReactNode;
  pagesLabel: string;
  params: StaffActivityListParams;
}

/** One of the home page's activity lists: filtered and paged by the server, latest change first. */
function ActivityListSection({ name, title, empty, caption, pagesLabel, params }: ListProps) {
  const paths = usePaths();
  const [search] = useSearchParams();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const page = pageFrom(search.get(name));
  const query = { ...params, sort: '-updated', page, pageSize: PAGE_SIZE };
  const list = useLoader(`workspace-${name}${queryString(query)}`, (signal) => activities.list(query, signal), {
    keepPrevious: true,
  });
  const hrefFor = (p: number) => {
    const next = new URLSearchParams(search);
    if (p === 1) next.delete(name);
    else next.set(name, String(p));
    const q = next.toString();
    return `${paths.workspace()}${q ? `?${q}` : ''}`;
  };
  const titleId = `${name}-title`;
  const data = list.data;
  return (
    <section className="section" aria-labelledby={titleId} aria-busy={list.loading || undefined}>
      <h2 id={titleId} ref={headingRef} tabIndex={-1}>
        {title}
      </h2>
      {list.error ? (
        <ApiErrorMessage error={list.error} onRetry={list.reload} />
      ) : !data ? (
        <Loading label={<FormattedMessage id="loading.activities" />} />
      ) : data.total === 0 ? (
        <p className="empty-state">{empty}</p>
      ) : (
        <>
          {data.total > data.items.length && (
            <p className="muted">
              <FormattedMessage
                id="activities.showing"
                values={{
                  from: (data.page - 1) * data.pageSize + 1,
                  to: (data.page - 1) * data.pageSize + data.items.length,
                  total: data.total,
                }}
              />
            </p>
          )}
          <ActivityTable items={data.items} caption={caption} />
          <Pagination
            page={data.page}
            pageSize={data.pageSize}
            total={data.total}
            hrefFor={hrefFor}
            label={pagesLabel}
            onNavigate={() => headingRef.current?.focus()}
          />
        </>
      )}
    </section>
  );
}

/**
 * The person's own drafts (and what reviewers returned to them) and their activities waiting for
 * approval; for those who do not record activities (viewers), everyone's.
 */
function Unpublished() {
  const intl = useIntl();
  const session = useSession();
  const own = session.can('activity:create');
  const createdBy = own ? CREATED_BY_ME : undefined;
  return (
    <>
      <ActivityListSection
        name="drafts"
        title={<FormattedMessage id={own ? 'workspace.myDraftsTitle' : 'workspace.draftsTitle'} />}
        empty={<FormattedMessage id={own ? 'workspace.noMyDrafts' : 'workspace.noDrafts'} />}
        caption={<FormattedMessage id="workspace.draftsCaption" values={{ own: own ? 'yes' : 'no' }} />}
        pagesLabel={intl.formatMessage({ id: 'workspace.draftsPages' })}
        params={{ workflowState: ['draft', 'returned'], createdBy }}
      />
      <ActivityListSection
        name="submitted"
        title={<FormattedMessage id={own ? 'workspace.mySubmittedTitle' : 'workspace.submittedTitle'} />}
        empty={<FormattedMessage id={own ? 'workspace.noMySubmitted' : 'workspace.noSubmitted'} />}
        caption={<FormattedMessage id="workspace.submittedCaption" values={{ own: own ? 'yes' : 'no' }} />}
        pagesLabel={intl.formatMessage({ id: 'workspace.submittedPages' })}
        params={{ workflowState: ['submitted'], createdBy }}
      />
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
      to: paths.imports(),
      label: intl.formatMessage({ id: 'workspace.imports' }),
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
    {
      to: paths.planLoad(),
      label: intl.formatMessage({ id: 'workspace.planLoad' }),
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
