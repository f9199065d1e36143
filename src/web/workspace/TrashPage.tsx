import { useState, type ReactNode } from 'react';
import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { ApiError, listOrganisations } from '../api/client';
import { useLoader } from '../api/useApi';
import { activities, organisations, users, type OrganisationTrashItem, type TrashItem } from '../api/workspace';
import { ApiErrorMessage } from '../components/ErrorSummary';
import { Loading } from '../components/Loading';
import { Localized, useText } from '../components/Localized';
import { PageHeading } from '../components/PageHeading';
import { useDocumentTitle } from '../lib/documentTitle';
import { usePaths } from '../lib/paths';
import { DataTable, type Column } from './DataTable';
import { StatusMessage } from './form';
import { RequireRole } from './guards';
import { WorkspaceBreadcrumb } from './WorkspaceBreadcrumb';

const hidden = (chunks: ReactNode[]) => <span className="visually-hidden">{chunks}</span>;

function Trash() {
  const intl = useIntl();
  const text = useText();
  const paths = usePaths();
  useDocumentTitle(intl.formatMessage({ id: 'trash.title' }));
  const trash = useLoader(
    'trash',
    async (signal) => {
      const [list, people, orgs] = await Promise.all([
        activities.trashList(signal),
        users.list(signal),
        listOrganisations({ pageSize: 200 }, signal),
      ]);
      return {
        items: list.activities,
        organisations: list.organisations ?? [],
        names: new Map(people.items.map((u) => [u.id, u.displayName])),
        orgNames: new Map([...orgs.items, ...(list.organisations ?? [])].map((o) => [o.id, text(o.name)] as const)),
      };
    },
    { keepPrevious: true },
  );
  const [restored, setRestored] = useState<{ id: string; title: string; kind: 'activity' | 'organisation' } | null>(
    null,
  );
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  /** Restores one record from the trash, then says so and reloads the lists. */
  const restore = async (
    id: string,
    title: string,
    kind: 'activity' | 'organisation',
    send: (id: string) => Promise<unknown>,
  ) => {
    if (busy) return;
    setBusy(id);
    setError(null);
    try {
      await send(id);
      setRestored({ id, title, kind });
      trash.reload();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  const restoreButton = (id: string, title: string, onClick: () => void) => (
    <button
      type="button"
      className="button button--secondary button--small"
      aria-disabled={busy === id || undefined}
      onClick={onClick}
    >
      <FormattedMessage id="trash.restore" values={{ title, hidden }} />
    </button>
  );

  const deletedColumn = {
    key: 'deleted',
    header: <FormattedMessage id="trash.deleted" />,
    cell: (item: { deletedAt: string; deletedBy: string | null }) => (
      <FormattedMessage
        id="trash.deletedBy"
        values={{
          when: <FormattedDate value={item.deletedAt} dateStyle="medium" />,
          who: (item.deletedBy && trash.data?.names.get(item.deletedBy)) ?? '—',
        }}
      />
    ),
  };

  const activityColumns: Column<TrashItem>[] = [
    {
      key: 'title',
      header: <FormattedMessage id="workspace.colTitle" />,
      cell: (item) => <Localized value={item.title} />,
    },
    deletedColumn,
    {
      key: 'action',
      header: <FormattedMessage id="trash.action" />,
      cell: (item) =>
        restoreButton(
          item.id,
          text(item.title),
          () => void restore(item.id, text(item.title), 'activity', activities.restoreFromTrash),
        ),
    },
  ];

  const organisationColumns: Column<OrganisationTrashItem>[] = [
    {
      key: 'name',
      header: <FormattedMessage id="organisations.colName" />,
      cell: (item) => <Localized value={item.name} />,
    },
    deletedColumn,
    {
      key: 'action',
      header: <FormattedMessage id="trash.action" />,
      cell: (item) =>
        item.mergedIntoId ? (
          <FormattedMessage
            id="trash.mergedInto"
            values={{ name: trash.data?.orgNames.get(item.mergedIntoId) ?? item.mergedIntoId }}
          />
        ) : (
          restoreButton(
            item.id,
            text(item.name),
            () => void restore(item.id, text(item.name), 'organisation', organisations.restoreFromTrash),
          )
        ),
    },
  ];

  return (
    <div className="workspace-page">
      <WorkspaceBreadcrumb current={<FormattedMessage id="trash.title" />} />
      <PageHeading>
        <FormattedMessage id="trash.title" />
      </PageHeading>
      <p className="lead">
        <FormattedMessage id="trash.intro" />
      </p>
      {restored && (
        <StatusMessage focus key={restored.id}>
          <FormattedMessage
            id="trash.restored"
            values={{
              kind: restored.kind,
              title: (
                <Link
                  to={restored.kind === 'activity' ? paths.activity(restored.id) : paths.editOrganisation(restored.id)}
                >
                  {restored.title}
                </Link>
              ),
            }}
          />
        </StatusMessage>
      )}
      {error && <ApiErrorMessage error={error} />}
      {trash.error && <ApiErrorMessage error={trash.error} onRetry={trash.reload} />}
      {!trash.data && !trash.error && <Loading />}
      <section className="section section--tight" aria-labelledby="trash-activities">
        <h2 id="trash-activities">
          <FormattedMessage id="trash.activitiesTitle" />
        </h2>
        {trash.data && trash.data.items.length === 0 && (
          <p className="empty-state">
            <FormattedMessage id="trash.empty" />
          </p>
        )}
        {trash.data && trash.data.items.length > 0 && (
          <DataTable
            caption={<FormattedMessage id="trash.caption" />}
            columns={activityColumns}
            rows={trash.data.items}
            rowKey={(item) => item.id}
          />
        )}
      </section>
      {trash.data && (
        <section className="section" aria-labelledby="trash-organisations">
          <h2 id="trash-organisations">
            <FormattedMessage id="trash.organisationsTitle" />
          </h2>
          {trash.data.organisations.length === 0 ? (
            <p className="empty-state">
              <FormattedMessage id="trash.empty" />
            </p>
          ) : (
            <DataTable
              caption={<FormattedMessage id="trash.organisationsCaption" />}
              columns={organisationColumns}
              rows={trash.data.organisations}
              rowKey={(item) => item.id}
            />
          )}
        </section>
      )}
    </div>
  );
}

/** `/:lang/workspace/trash` (administrators): activities and organisations in the trash, restorable. */
export default function TrashPage() {
  return (
    <RequireRole action="trash:read">
      <Trash />
    </RequireRole>
  );
}
