import { useState } from 'react';
import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { ApiError } from '../api/client';
import { useLoader } from '../api/useApi';
import { activities, users, type TrashItem } from '../api/workspace';
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
  const trash = useLoader('trash', async (signal) => {
    const [list, people] = await Promise.all([activities.trashList(signal), users.list(signal)]);
    return { items: list.activities, names: new Map(people.items.map((u) => [u.id, u.displayName])) };
  });
  const [restored, setRestored] = useState<{ id: string; title: string } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const restore = async (item: TrashItem) => {
    if (busy) return;
    setBusy(item.id);
    setError(null);
    try {
      await activities.restoreFromTrash(item.id);
      setRestored({ id: item.id, title: text(item.title) });
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
            values={{ title: <Link to={paths.activity(restored.id)}>{restored.title}</Link> }}
          />
        </StatusMessage>
      )}
      {error && <ApiErrorMessage error={error} />}
      {trash.error && <ApiErrorMessage error={trash.error} onRetry={trash.reload} />}
      {!trash.data && !trash.error && <Loading />}
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
    </div>
  );
}

/** `/:lang/workspace/trash` (administrators): activities moved to the trash, each restorable. */
export default function TrashPage() {
  return (
    <RequireRole action="trash:read">
      <Trash />
    </RequireRole>
  );
}
