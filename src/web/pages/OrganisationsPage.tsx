import { useState, type FormEvent } from 'react';
import { FormattedMessage, FormattedNumber, useIntl } from 'react-intl';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { organisationListQuerySchema } from '../../shared/schemas/activity-query.schema';
import { api } from '../api/client';
import { useApi } from '../api/useApi';
import { ApiErrorMessage, ErrorSummary } from '../components/ErrorSummary';
import { Loading } from '../components/Loading';
import { Localized } from '../components/Localized';
import { PageHeading } from '../components/PageHeading';
import { Pagination } from '../components/Pagination';
import { TableScroller } from '../components/TableScroller';
import { useLabels } from '../i18n/labels';
import { issueReason } from '../i18n/issues';
import { paramIssues, searchParamsToRecord } from '../lib/activityQuery';
import { useDocumentTitle } from '../lib/documentTitle';
import { usePaths } from '../lib/paths';

const PAGE_SIZE = 50;

function SearchForm({ initial }: { initial: string }) {
  const [q, setQ] = useState(initial);
  const navigate = useNavigate();
  const paths = usePaths();
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void navigate(paths.organisations({ q: q.trim() }));
  };
  return (
    <form className="search-form" role="search" onSubmit={onSubmit}>
      <label htmlFor="org-q" className="field__label">
        <FormattedMessage id="organisations.filterLabel" />
      </label>
      <div className="search-form__row">
        <input
          id="org-q"
          type="search"
          className="input"
          value={q}
          maxLength={200}
          onChange={(e) => setQ(e.target.value)}
        />
        <button type="submit" className="button">
          <FormattedMessage id="organisations.filterButton" />
        </button>
      </div>
    </form>
  );
}

export default function OrganisationsPage() {
  const intl = useIntl();
  const paths = usePaths();
  const labels = useLabels();
  const [params] = useSearchParams();
  const search = params.toString();
  const record = searchParamsToRecord(params);
  if (record.q === '') delete record.q;
  const parsed = organisationListQuerySchema.safeParse(record);
  const query = parsed.success ? { ...parsed.data, pageSize: parsed.data.pageSize ?? PAGE_SIZE } : null;
  const state = useApi(query ? api.organisations(query) : null, { keepPrevious: true });
  const data = query ? state.data : undefined;
  useDocumentTitle(intl.formatMessage({ id: 'organisations.title' }));

  const from = data && data.total > 0 ? (data.page - 1) * data.pageSize + 1 : 0;
  const to = data ? (data.page - 1) * data.pageSize + data.items.length : 0;

  return (
    <div className="list-page">
      <header className="page-header">
        <PageHeading>
          <FormattedMessage id="organisations.title" />
        </PageHeading>
        <p className="lead">
          <FormattedMessage id="organisations.intro" />
        </p>
      </header>
      {!parsed.success && (
        <ErrorSummary
          title={<FormattedMessage id="activities.urlErrorTitle" />}
          issues={paramIssues(parsed.error).map((i) => ({ ...i, reason: issueReason(intl, i) }))}
        >
          <p>
            <Link to={paths.organisations()}>
              <FormattedMessage id="filters.clear" />
            </Link>
          </p>
        </ErrorSummary>
      )}
      <SearchForm key={search} initial={query?.q ?? ''} />

      <section aria-labelledby="org-results-title" aria-busy={state.loading} className="section section--tight">
        <div className="results-head">
          <h2 id="org-results-title" className="results-head__title">
            <FormattedMessage id="organisations.resultsTitle" />
          </h2>
          <p className="results-head__count" role="status" aria-live="polite">
            {data &&
              (data.total === 0 ? (
                <FormattedMessage id="organisations.noResults" />
              ) : (
                <FormattedMessage id="organisations.showing" values={{ from, to, total: data.total }} />
              ))}
          </p>
          {query?.q && (
            <p>
              <Link to={paths.organisations()}>
                <FormattedMessage id="filters.clear" />
              </Link>
            </p>
          )}
        </div>
        {state.error && <ApiErrorMessage error={state.error} onRetry={state.reload} />}
        {state.loading && !data && <Loading label={<FormattedMessage id="loading.organisations" />} />}
        {data && data.items.length > 0 && (
          <TableScroller className={state.loading ? 'is-stale' : undefined} labelledBy="organisations-caption">
            <table className="table table--list">
              <caption id="organisations-caption" className="visually-hidden">
                <FormattedMessage id="organisations.tableCaption" />
              </caption>
              <thead>
                <tr>
                  <th scope="col">
                    <FormattedMessage id="organisations.colName" />
                  </th>
                  <th scope="col" className="col-secondary">
                    <FormattedMessage id="organisations.colAcronym" />
                  </th>
                  <th scope="col" className="col-secondary">
                    <FormattedMessage id="organisations.colType" />
                  </th>
                  <th scope="col" className="col-secondary">
                    <FormattedMessage id="organisations.colCountry" />
                  </th>
                  <th scope="col" className="num">
                    <FormattedMessage id="organisations.colActivities" />
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((o) => (
                  <tr key={o.id}>
                    <th scope="row">
                      <Link to={paths.organisation(o.id)}>
                        <Localized value={o.name} />
                      </Link>
                      <span className="org-row-meta">
                        {[o.acronym, labels.organisationType(o.type), o.country ? labels.country(o.country) : null]
                          .filter(Boolean)
                          .join(' · ')}
                      </span>
                    </th>
                    <td className="col-secondary">{o.acronym ?? <span className="muted">—</span>}</td>
                    <td className="col-secondary">{labels.organisationType(o.type)}</td>
                    <td className="col-secondary">
                      {o.country ? labels.country(o.country) : <span className="muted">—</span>}
                    </td>
                    <td className="num">
                      <FormattedNumber value={o.activityCount} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroller>
        )}
        {data && query && (
          <Pagination
            page={data.page}
            pageSize={data.pageSize}
            total={data.total}
            hrefFor={(page) => paths.organisations({ q: query.q, page: page === 1 ? undefined : page })}
          />
        )}
      </section>
    </div>
  );
}
