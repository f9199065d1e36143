import { useState } from 'react';
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
import { StatusMessage } from './form';
import { RequireRole } from './guards';
import { WorkspaceBreadcrumb } from './WorkspaceBreadcrumb';

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

  const restore = async (item: TrashItem) => {
    if (busy) return;
    setBusy(item.id);
    setError(null);
    try {
      await activities.restoreFromTrash(item.id);
      setRestored({ id: item.id, title: text(item.title), kind: 'activity' });
      trash.reload();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  const restoreOrganisation = async (item: OrganisationTrashItem) => {
    if (busy) return;
    setBusy(item.id);
    setError(null);
    try {
      await organisations.restoreFromTrash(item.id);
      setRestored({ id: item.id, title: text(item.name), kind: 'organisation' });
      trash.reload();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setError(err);
    } finally {
      setBusy(null);
    }
  };

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
          <div className="table-wrap">
            <table className="table table--list">
              <caption className="visually-hidden">
                <FormattedMessage id="trash.caption" />
              </caption>
              <thead>
                <tr>
                  <th scope="col">
                    <FormattedMessage id="workspace.colTitle" />
                  </th>
                  <th scope="col">
                    <FormattedMessage id="trash.deleted" />
                  </th>
                  <th scope="col">
                    <FormattedMessage id="trash.action" />
                  </th>
                </tr>
              </thead>
              <tbody>
                {trash.data.items.map((item) => (
                  <tr key={item.id}>
                    <th scope="row">
                      <Localized value={item.title} />
                    </th>
                    <td>
                      <FormattedMessage
                        id="trash.deletedBy"
                        values={{
                          when: <FormattedDate value={item.deletedAt} dateStyle="medium" />,
                          who: (item.deletedBy && trash.data?.names.get(item.deletedBy)) ?? '—',
                        }}
                      />
                    </td>
                    <td>
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        aria-disabled={busy === item.id || undefined}
                        onClick={() => void restore(item)}
                      >
                        <FormattedMessage
                          id="trash.restore"
                          values={{
                            title: text(item.title),
                            hidden: (chunks) => <span className="visually-hidden">{chunks}</span>,
                          }}
                        />
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
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
            <div className="table-wrap">
              <table className="table table--list" aria-labelledby="trash-organisations">
                <thead>
                  <tr>
                    <th scope="col">
                      <FormattedMessage id="organisations.colName" />
                    </th>
                    <th scope="col">
                      <FormattedMessage id="trash.deleted" />
                    </th>
                    <th scope="col">
                      <FormattedMessage id="trash.action" />
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {trash.data.organisations.map((item) => (
                    <tr key={item.id}>
                      <th scope="row">
                        <Localized value={item.name} />
                      </th>
                      <td>
                        <FormattedMessage
                          id="trash.deletedBy"
                          values={{
                            when: <FormattedDate value={item.deletedAt} dateStyle="medium" />,
                            who: (item.deletedBy && trash.data?.names.get(item.deletedBy)) ?? '—',
                          }}
                        />
                      </td>
                      <td>
                        {item.mergedIntoId ? (
                          <FormattedMessage
                            id="trash.mergedInto"
                            values={{ name: trash.data?.orgNames.get(item.mergedIntoId) ?? item.mergedIntoId }}
                          />
                        ) : (
                          <button
                            type="button"
                            className="button button--secondary button--small"
                            aria-disabled={busy === item.id || undefined}
                            onClick={() => void restoreOrganisation(item)}
                          >
                            <FormattedMessage
                              id="trash.restore"
                              values={{
                                title: text(item.name),
                                hidden: (chunks) => <span className="visually-hidden">{chunks}</span>,
                              }}
                            />
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
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
