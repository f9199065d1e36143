import { useId, useMemo, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useLocation } from 'react-router';
import { listOrganisations } from '../api/client';
import { useLoader } from '../api/useApi';
import { ApiErrorMessage } from '../components/ErrorSummary';
import { Loading } from '../components/Loading';
import { Localized, useText } from '../components/Localized';
import { PageHeading } from '../components/PageHeading';
import { useLabels } from '../i18n/labels';
import { useDocumentTitle } from '../lib/documentTitle';
import { usePaths } from '../lib/paths';
import { StatusMessage } from './form';
import { RequireRole } from './guards';
import { WorkspaceBreadcrumb } from './WorkspaceBreadcrumb';

/** What the editor page just did, carried here to be said. */
function outcome(state: unknown): { kind: 'saved' | 'merged' | 'deleted'; name: string; into: string } | null {
  if (typeof state !== 'object' || state === null) return null;
  const s = state as Record<string, unknown>;
  for (const kind of ['saved', 'merged', 'deleted'] as const) {
    const name = s[kind];
    if (typeof name === 'string') return { kind, name, into: typeof s.into === 'string' ? s.into : '' };
  }
  return null;
}

function Organisations() {
  const intl = useIntl();
  const paths = usePaths();
  const labels = useLabels();
  const text = useText();
  const location = useLocation();
  const done = outcome(location.state);
  const filterId = useId();
  const [filter, setFilter] = useState('');
  const list = useLoader('workspace-organisations', (signal) => listOrganisations({ pageSize: 200 }, signal));
  useDocumentTitle(intl.formatMessage({ id: 'orgAdmin.title' }));

  const shown = useMemo(() => {
    const q = filter.trim().toLocaleLowerCase(intl.locale);
    return (list.data?.items ?? [])
      .filter(
        (o) =>
          !q || `${o.name.en ?? ''} ${o.name.fr ?? ''} ${o.acronym ?? ''}`.toLocaleLowerCase(intl.locale).includes(q),
      )
      .sort((a, b) => text(a.name).localeCompare(text(b.name), intl.locale));
  }, [list.data, filter, intl.locale, text]);

  return (
    <div className="workspace-page">
      <WorkspaceBreadcrumb current={<FormattedMessage id="orgAdmin.title" />} />
      <PageHeading>
        <FormattedMessage id="orgAdmin.title" />
      </PageHeading>
      {done && (
        <StatusMessage focus>
          <FormattedMessage id="orgAdmin.done" values={{ kind: done.kind, name: done.name, into: done.into }} />
        </StatusMessage>
      )}
      <p className="lead">
        <FormattedMessage id="orgAdmin.intro" />
      </p>
      <p>
        <Link className="button" to={paths.newOrganisation()}>
          <FormattedMessage id="orgAdmin.add" />
        </Link>
      </p>
      <div className="field search-form">
        <label className="field__label" htmlFor={filterId}>
          <FormattedMessage id="organisations.filterLabel" />
        </label>
        <input
          id={filterId}
          type="search"
          className="input"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
      </div>
      {list.error && <ApiErrorMessage error={list.error} onRetry={list.reload} />}
      {!list.data && !list.error && <Loading label={<FormattedMessage id="loading.organisations" />} />}
      {list.data && (
        <>
          <p role="status" className="muted">
            <FormattedMessage id="orgAdmin.count" values={{ count: shown.length }} />
          </p>
          {shown.length > 0 && (
            <div className="table-wrap">
              <table className="table table--list">
                <caption className="visually-hidden">
                  <FormattedMessage id="orgAdmin.caption" />
                </caption>
                <thead>
                  <tr>
                    <th scope="col">
                      <FormattedMessage id="organisations.colName" />
                    </th>
                    <th scope="col">
                      <FormattedMessage id="organisations.colType" />
                    </th>
                    <th scope="col" className="num">
                      <FormattedMessage id="organisations.colActivities" />
                    </th>
                    <th scope="col">
                      <FormattedMessage id="workspace.colActions" />
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((o) => (
                    <tr key={o.id}>
                      <th scope="row">
                        <Link to={paths.organisation(o.id)}>
                          <Localized value={o.name} />
                        </Link>
                        {o.acronym && <span className="muted"> ({o.acronym})</span>}
                      </th>
                      <td>{labels.organisationType(o.type)}</td>
                      <td className="num">{intl.formatNumber(o.activityCount)}</td>
                      <td>
                        <Link to={paths.editOrganisation(o.id)}>
                          <FormattedMessage
                            id="workspace.editItem"
                            values={{
                              title: text(o.name),
                              hidden: (chunks) => <span className="visually-hidden">{chunks}</span>,
                            }}
                          />
                        </Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </div>
  );
}

/** `/:lang/workspace/organisations`: the organisations, each with a link to correct or merge it. */
export default function OrganisationsAdminPage() {
  return (
    <RequireRole action="organisation:update">
      <Organisations />
    </RequireRole>
  );
}
