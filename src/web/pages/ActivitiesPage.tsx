import { useEffect, useMemo, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { NodeRef, OrganisationSummary, PlanDetail } from '../../shared/api-types';
import type { ACTIVITY_SORTS, ActivityListQuery } from '../../shared/schemas/activity-query.schema';
import { api, fetchApi, type ActivityListParams, type QueryValue } from '../api/client';
import { useApi, useLoader } from '../api/useApi';
import { ActivityList } from '../components/ActivityCard';
import { DownloadPanel } from '../components/DownloadPanel';
import { ApiErrorMessage, ErrorSummary } from '../components/ErrorSummary';
import {
  FilterForm,
  fieldId,
  valuesFromParams,
  valuesToParams,
  type FilterOptions,
  type FilterValues,
} from '../components/FilterForm';
import { Loading } from '../components/Loading';
import { useText } from '../components/Localized';
import { PageHeading } from '../components/PageHeading';
import { Pagination } from '../components/Pagination';
import { useLabels } from '../i18n/labels';
import type { MessageId } from '../i18n';
import { issueReason } from '../i18n/issues';
import { activityQueryToParams, hasFilters, parseActivityQuery, type ParamIssue } from '../lib/activityQuery';
import { useDocumentTitle } from '../lib/documentTitle';
import { flattenFramework } from '../lib/framework';
import { usePaths } from '../lib/paths';

type Sort = (typeof ACTIVITY_SORTS)[number];

const SORT_LABELS: Record<Sort, MessageId> = {
  '-start': 'sort.startDesc',
  start: 'sort.startAsc',
  title: 'sort.titleAsc',
  '-title': 'sort.titleDesc',
  '-updated': 'sort.updatedDesc',
  updated: 'sort.updatedAsc',
};

const SORT_ORDER: Sort[] = ['-start', 'start', 'title', '-title', '-updated', 'updated'];

const FILTER_FIELDS = new Set([
  'plan',
  'pillar',
  'node',
  'organisation',
  'country',
  'status',
  'type',
  'yearFrom',
  'yearTo',
  'q',
]);

function toApiParams(q: ActivityListQuery): ActivityListParams {
  return {
    plan: q.plan,
    node: q.node,
    pillar: q.pillar,
    organisation: q.organisation,
    country: q.country,
    status: q.status,
    type: q.type,
    yearFrom: q.yearFrom,
    yearTo: q.yearTo,
    q: q.q,
    sort: q.sort,
    page: q.page,
    pageSize: q.pageSize,
  };
}

async function loadFilterOptions(signal: AbortSignal): Promise<FilterOptions> {
  const [plans, organisations] = await Promise.all([
    fetchApi(api.plans(), signal),
    fetchApi(api.organisations({ pageSize: 200 }), signal),
  ]);
  const details = await Promise.all(plans.items.map((p) => fetchApi(api.plan(p.id), signal)));
  return { plans: details, organisations: organisations.items };
}

interface Chip {
  key: string;
  label: string;
  removeHref: string;
}

/** One removable chip per active filter value. */
function useChips(query: ActivityListQuery | null, options: FilterOptions | undefined): Chip[] {
  const intl = useIntl();
  const labels = useLabels();
  const text = useText();
  const paths = usePaths();
  if (!query) return [];
  const nodes = new Map<string, Pick<NodeRef, 'code' | 'title'>>();
  const plans = new Map<string, PlanDetail>();
  for (const p of options?.plans ?? []) {
    plans.set(p.id, p);
    plans.set(p.slug, p);
    for (const f of flattenFramework(p.framework)) nodes.set(f.node.id, f.node);
  }
  const orgs = new Map<string, OrganisationSummary>((options?.organisations ?? []).map((o) => [o.id, o]));
  const base = { ...query, page: 1 };
  const chips: Chip[] = [];
  const add = (name: MessageId, key: string, value: string, without: Partial<ActivityListQuery>) =>
    chips.push({
      key,
      label: intl.formatMessage({ id: 'filters.chip' }, { name: intl.formatMessage({ id: name }), value }),
      removeHref: paths.activities(activityQueryToParams({ ...base, ...without })),
    });
  const nodeName = (id: string) => {
    const n = nodes.get(id);
    return n ? `${n.code} ${text(n.title)}` : id;
  };
  if (query.q) add('filters.q', 'q', intl.formatMessage({ id: 'filters.quoted' }, { text: query.q }), { q: undefined });
  if (query.plan) {
    const p = plans.get(query.plan);
    add('filters.plan', 'plan', p ? text(p.shortTitle) || text(p.title) : query.plan, { plan: undefined });
  }
  for (const id of query.pillar ?? [])
    add('filters.pillar', `pillar-${id}`, nodeName(id), { pillar: query.pillar?.filter((x) => x !== id) });
  for (const id of query.node ?? [])
    add('filters.node', `node-${id}`, nodeName(id), { node: query.node?.filter((x) => x !== id) });
  for (const id of query.organisation ?? []) {
    const o = orgs.get(id);
    add('filters.organisation', `org-${id}`, o ? (o.acronym ?? text(o.name)) : id, {
      organisation: query.organisation?.filter((x) => x !== id),
    });
  }
  for (const c of query.country ?? [])
    add('filters.country', `country-${c}`, labels.country(c), { country: query.country?.filter((x) => x !== c) });
  for (const s of query.status ?? [])
    add('filters.status', `status-${s}`, labels.activityStatus(s), { status: query.status?.filter((x) => x !== s) });
  for (const t of query.type ?? [])
    add('filters.type', `type-${t}`, labels.activityType(t), { type: query.type?.filter((x) => x !== t) });
  if (query.yearFrom !== undefined)
    add('filters.yearFrom', 'yearFrom', String(query.yearFrom), { yearFrom: undefined });
  if (query.yearTo !== undefined) add('filters.yearTo', 'yearTo', String(query.yearTo), { yearTo: undefined });
  return chips;
}

export default function ActivitiesPage() {
  const intl = useIntl();
  const paths = usePaths();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const search = searchParams.toString();
  const parsed = useMemo(() => parseActivityQuery(new URLSearchParams(search)), [search]);
  const query = parsed.ok ? parsed.query : null;
  const results = useApi(query ? api.activities(toApiParams(query)) : null, { keepPrevious: true });
  const options = useLoader<FilterOptions>('activity-filter-options', loadFilterOptions);
  const chips = useChips(query, options.data);
  const [filtersOpen, setFiltersOpen] = useState(!parsed.ok);
  const resultsHeadingRef = useRef<HTMLHeadingElement>(null);
  const focusResults = useRef(false);
  const closeFiltersWithResults = useRef(false);
  // The form starts from the address. It is rebuilt when the address changes from elsewhere (back
  // button, a chip, a link), but not after its own submit, so the focus stays on the control in use.
  const submittedSearch = useRef<string | null>(null);
  const [form, setForm] = useState({ key: 0, search });
  if (form.search !== search) {
    setForm({ key: submittedSearch.current === search ? form.key : form.key + 1, search });
  }
  useEffect(() => {
    submittedSearch.current = null;
  }, [search]);
  useDocumentTitle(intl.formatMessage({ id: 'activities.title' }));

  const issues: (ParamIssue & { removeHref?: string })[] = (
    parsed.ok ? (results.error?.problem.errors ?? []) : parsed.issues
  ).map((issue) => {
    if (!issue.name) return { ...issue, reason: issueReason(intl, issue) };
    const without = new URLSearchParams(search);
    without.delete(issue.name);
    without.delete('page');
    const rest = without.toString();
    return {
      ...issue,
      reason: issueReason(intl, issue),
      removeHref: `${paths.activities()}${rest ? `?${rest}` : ''}`,
    };
  });
  const fieldErrors: Record<string, string> = {};
  for (const issue of issues) {
    if (FILTER_FIELDS.has(issue.name) && !fieldErrors[issue.name]) {
      fieldErrors[issue.name] = issue.unknown ? intl.formatMessage({ id: 'error.unknownValue' }) : issue.reason;
    }
  }

  // Focus moves to the results heading only once the render that folds the filters away is on
  // screen: focusing before would scroll to where the heading was, above where it ends up.
  const [focusRequest, setFocusRequest] = useState(0);
  useEffect(() => {
    if (focusRequest) resultsHeadingRef.current?.focus();
  }, [focusRequest]);

  useEffect(() => {
    if (focusResults.current && results.data && !results.loading) {
      focusResults.current = false;
      if (closeFiltersWithResults.current) {
        closeFiltersWithResults.current = false;
        setFiltersOpen(false);
      }
      setFocusRequest((n) => n + 1);
    }
  }, [results.data, results.loading]);

  const keep = { sort: query?.sort, pageSize: query?.pageSize };
  const clearHref = paths.activities(
    activityQueryToParams({ sort: keep.sort ?? '-start', pageSize: keep.pageSize ?? 20, page: 1 }),
  );

  const apply = (values: FilterValues) => {
    const sort = query?.sort && query.sort !== '-start' ? query.sort : searchParams.get('sort') || undefined;
    const pageSize =
      query?.pageSize && query.pageSize !== 20 ? query.pageSize : searchParams.get('pageSize') || undefined;
    const target = paths.activities({ ...valuesToParams(values), sort, pageSize });
    const targetSearch = new URLSearchParams(target.split('?')[1] ?? '').toString();
    // Once the new results are in, the focus moves to their heading (and on narrow screens the
    // filters fold away), so that the results are announced and next in the tab order.
    const narrow = window.matchMedia('(max-width: 59.99em)').matches;
    if (targetSearch === search) {
      if (narrow) setFiltersOpen(false);
      setFocusRequest((n) => n + 1);
      return;
    }
    submittedSearch.current = targetSearch;
    closeFiltersWithResults.current = narrow;
    focusResults.current = true;
    void navigate(target);
  };

  const changeSort = (sort: string) => {
    if (!query) return;
    void navigate(paths.activities(activityQueryToParams({ ...query, sort: sort as Sort, page: 1 })));
  };

  const data = parsed.ok ? results.data : undefined;
  const from = data && data.total > 0 ? (data.page - 1) * data.pageSize + 1 : 0;
  const to = data ? Math.min(data.total, (data.page - 1) * data.pageSize + data.items.length) : 0;

  return (
    <div className="list-page">
      <header className="page-header">
        <PageHeading>
          <FormattedMessage id="activities.title" />
        </PageHeading>
        <p className="lead">
          <FormattedMessage id="activities.intro" />
        </p>
      </header>

      {issues.length > 0 && (
        <ErrorSummary
          title={<FormattedMessage id={parsed.ok ? 'activities.apiErrorTitle' : 'activities.urlErrorTitle'} />}
          intro={<FormattedMessage id="activities.urlErrorIntro" values={{ count: issues.length }} />}
          issues={issues}
          hrefFor={(name) => (FILTER_FIELDS.has(name) ? `#${fieldId(name)}` : undefined)}
        >
          <p>
            <Link to={clearHref}>
              <FormattedMessage id="filters.clear" />
            </Link>
          </p>
        </ErrorSummary>
      )}
      {parsed.ok && results.error && issues.length === 0 && (
        <ApiErrorMessage error={results.error} onRetry={results.reload} />
      )}

      <div className="list-layout">
        <div className="list-layout__filters">
          <button
            type="button"
            className="filters-toggle button button--secondary"
            aria-expanded={filtersOpen}
            aria-controls="activity-filters"
            onClick={() => setFiltersOpen((o) => !o)}
          >
            <FormattedMessage id={filtersOpen ? 'filters.hide' : 'filters.show'} />
            {chips.length > 0 && (
              <span className="filters-toggle__count">
                {' '}
                <FormattedMessage id="filters.activeCount" values={{ count: chips.length }} />
              </span>
            )}
          </button>
          <div id="activity-filters" className={filtersOpen ? 'filters is-open' : 'filters'}>
            <FilterForm
              key={form.key}
              initial={valuesFromParams(searchParams)}
              options={options.data}
              fieldErrors={fieldErrors}
              clearHref={clearHref}
              onApply={apply}
            />
          </div>
        </div>

        <section className="list-layout__results" aria-labelledby="results-title" aria-busy={results.loading}>
          <div className="results-head">
            <h2 id="results-title" ref={resultsHeadingRef} tabIndex={-1} className="results-head__title">
              <FormattedMessage id="activities.resultsTitle" />
            </h2>
            <p className="results-head__count" role="status" aria-live="polite">
              {!parsed.ok ? (
                <FormattedMessage id="activities.fixFilters" />
              ) : data ? (
                data.total === 0 ? (
                  <FormattedMessage id="activities.noResults" />
                ) : (
                  <FormattedMessage id="activities.showing" values={{ from, to, total: data.total }} />
                )
              ) : results.loading ? (
                <FormattedMessage id="loading.activities" />
              ) : null}
            </p>
            {query && (
              <div className="results-head__sort">
                <label htmlFor="sort" className="field__sublabel">
                  <FormattedMessage id="sort.label" />
                </label>
                <select
                  id="sort"
                  className="select select--inline"
                  value={query.sort}
                  onChange={(e) => changeSort(e.target.value)}
                >
                  {SORT_ORDER.map((s) => (
                    <option key={s} value={s}>
                      {intl.formatMessage({ id: SORT_LABELS[s] })}
                    </option>
                  ))}
                </select>
              </div>
            )}
          </div>

          {chips.length > 0 && (
            <div className="chips">
              <h3 className="visually-hidden">
                <FormattedMessage id="filters.activeTitle" />
              </h3>
              <ul>
                {chips.map((c) => (
                  <li key={c.key}>
                    <Link
                      to={c.removeHref}
                      className="chip"
                      aria-label={intl.formatMessage({ id: 'filters.removeChip' }, { label: c.label })}
                    >
                      <span>{c.label}</span>
                      <span aria-hidden="true" className="chip__x">
                        ×
                      </span>
                    </Link>
                  </li>
                ))}
                {chips.length > 1 && (
                  <li>
                    <Link to={clearHref} className="chips__clear">
                      <FormattedMessage id="filters.clear" />
                    </Link>
                  </li>
                )}
              </ul>
            </div>
          )}

          {results.loading && !data && <Loading label={<FormattedMessage id="loading.activities" />} />}
          {data && data.items.length > 0 && (
            <div className={results.loading ? 'is-stale' : undefined}>
              <ActivityList activities={data.items} />
              <Pagination
                page={data.page}
                pageSize={data.pageSize}
                total={data.total}
                hrefFor={(page) => paths.activities(activityQueryToParams({ ...(query ?? {}), page }))}
                onNavigate={() => {
                  focusResults.current = true;
                }}
              />
            </div>
          )}
          {data && data.items.length === 0 && parsed.ok && (
            <div className="empty-state">
              <p>
                <FormattedMessage id="activities.noResultsHelp" />
              </p>
              {hasFilters(query ?? {}) && (
                <p>
                  <Link to={clearHref}>
                    <FormattedMessage id="filters.clear" />
                  </Link>
                </p>
              )}
            </div>
          )}
        </section>
      </div>
      {query && <DownloadPanel selection={exportSelection(query)} />}
    </div>
  );
}

/** The list's filters and sort as an export's selection: every page, not just this one. */
function exportSelection(query: ActivityListQuery): Record<string, QueryValue> {
  const params = activityQueryToParams(query);
  delete params.page;
  delete params.pageSize;
  return params;
}
