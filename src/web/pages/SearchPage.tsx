import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { FormattedMessage, FormattedNumber, useIntl } from 'react-intl';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import type { SearchFacetValue, SearchHit, SearchResults } from '../../shared/api-types';
import { resolveText, type LocalizedText } from '../../shared/localized';
import { FACET_MORE_LIMIT, type SearchQuery } from '../../shared/schemas/search.schema';
import { ACTIVITY_STATUSES, ACTIVITY_TYPES, type ActivityStatus, type ActivityType } from '../../shared/vocab';
import { api } from '../api/client';
import { useApi } from '../api/useApi';
import { ApiErrorMessage, ErrorSummary } from '../components/ErrorSummary';
import { Loading } from '../components/Loading';
import { Localized, useText } from '../components/Localized';
import { MarkedTextIn } from '../components/MarkedText';
import { PageHeading } from '../components/PageHeading';
import { Pagination } from '../components/Pagination';
import { DateRange } from '../components/PartialDateText';
import type { SearchNavigationState } from '../components/SiteSearch';
import { StatusBadge, TypeBadge } from '../components/StatusBadge';
import { issueReason } from '../i18n/issues';
import { useLabels } from '../i18n/labels';
import { useLang } from '../i18n/LanguageContext';
import type { ParamIssue } from '../lib/activityQuery';
import { useDocumentTitle } from '../lib/documentTitle';
import { usePaths } from '../lib/paths';
import {
  correctedQuery,
  facetValueId,
  hasFacets,
  hasSearch,
  parseSearchQuery,
  SEARCH_DEBOUNCE_MS,
  SEARCH_FACETS,
  searchApiParams,
  searchQueryToParams,
  type SearchFacetName,
} from '../lib/searchQuery';

/** Facet values shown before "Show more" (the API lists a few more, and the rest on demand). */
const FACET_SHOWN = 6;
const QUERY_FIELD_ID = 'search-q';

const isStatus = (v: string): v is ActivityStatus => (ACTIVITY_STATUSES as readonly string[]).includes(v);
const isType = (v: string): v is ActivityType => (ACTIVITY_TYPES as readonly string[]).includes(v);

const splitList = (values: string[]) =>
  values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);

/** The values chosen for a facet, read leniently from the address (also when it is invalid). */
function chosenValues(query: SearchQuery | null, params: URLSearchParams, name: SearchFacetName): string[] {
  return query ? (query[name] ?? []) : splitList(params.getAll(name));
}

/** Years read best in order, earliest first. */
const byYear = (values: SearchFacetValue[]) => [...values].sort((a, b) => a.value.localeCompare(b.value));

interface FacetGroupProps {
  name: SearchFacetName;
  legend: string;
  values: SearchFacetValue[];
  /** How many values the facet has among the hits, listed or not. */
  total: number;
  chosen: string[];
  labelFor: (value: SearchFacetValue) => string;
  onToggle: (value: string, on: boolean) => void;
  /** Whether all the values the API gives are shown (asked with `more` when it had not listed them all). */
  expanded: boolean;
  onExpand: (on: boolean) => void;
  /** The longer list is being fetched. */
  busy: boolean;
}

/**
 * One facet as a group of checkboxes; values without hits are left out unless chosen. The first few are shown;
 * "Show more" shows the rest, asking the API for them when its answer did not list them all, and moves the focus
 * to the first value added.
 */
function FacetGroup({
  name,
  legend,
  values,
  total,
  chosen,
  labelFor,
  onToggle,
  expanded,
  onExpand,
  busy,
}: FacetGroupProps) {
  const intl = useIntl();
  const listId = useId();
  const noteId = useId();
  const listRef = useRef<HTMLDivElement>(null);
  /** Where the focus goes once the longer list is shown: the index of the first value added. */
  const focusFrom = useRef<number | null>(null);
  const listed = values.filter((v) => v.count > 0 || chosen.includes(v.value));
  // A chosen value the answer does not list (no hit has it any more) stays, so it can be unticked.
  const missing = chosen.filter((c) => !values.some((v) => v.value === c)).map((value) => ({ value, count: 0 }));
  const all = [...listed, ...missing];
  const shown = expanded ? all : all.filter((v, i) => i < FACET_SHOWN || chosen.includes(v.value));
  // Values the facet has that are not shown: listed by the API already, or to be asked for.
  const available = Math.min(Math.max(total, listed.length), FACET_MORE_LIMIT) + missing.length;
  const hidden = Math.max(available - shown.length, 0);
  const capped = expanded && !busy && total > listed.length;

  useEffect(() => {
    const from = focusFrom.current;
    if (!expanded || busy || from === null) return;
    focusFrom.current = null;
    const boxes = listRef.current?.querySelectorAll<HTMLInputElement>('input[type="checkbox"]');
    if (boxes?.length) boxes[Math.min(from, boxes.length - 1)]?.focus();
  }, [expanded, busy, shown.length]);

  if (all.length === 0) return null;
  return (
    <fieldset className="field fieldset search-facet">
      <legend className="field__label">{legend}</legend>
      <div className="checkboxes" id={listId} ref={listRef} aria-busy={busy || undefined}>
        {shown.map((v) => {
          const id = facetValueId(name, v.value);
          return (
            <div className="checkbox" key={v.value}>
              <input
                type="checkbox"
                id={id}
                name={name}
                value={v.value}
                checked={chosen.includes(v.value)}
                onChange={(e) => onToggle(v.value, e.target.checked)}
              />
              <label htmlFor={id}>
                {labelFor(v)}{' '}
                <span className="search-facet__count">
                  (<FormattedNumber value={v.count} />)
                </span>
              </label>
            </div>
          );
        })}
      </div>
      {capped && (
        <p className="field__hint search-facet__capped" id={noteId}>
          <FormattedMessage id="search.facetCapped" values={{ shown: listed.length, total }} />
        </p>
      )}
      {(hidden > 0 || (expanded && all.length > FACET_SHOWN)) && (
        <button
          type="button"
          className="link-button search-facet__more"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-describedby={capped ? noteId : undefined}
          aria-disabled={busy || undefined}
          onClick={() => {
            if (busy) return;
            focusFrom.current = expanded ? null : shown.length;
            onExpand(!expanded);
          }}
        >
          {busy
            ? intl.formatMessage({ id: 'search.loadingMore' })
            : expanded
              ? intl.formatMessage({ id: 'search.showFewer' })
              : intl.formatMessage({ id: 'search.showMore' }, { count: hidden })}
          <span className="visually-hidden"> ({legend})</span>
        </button>
      )}
    </fieldset>
  );
}

/** Where a hit leads: its activity, organisation or framework page. */
function useHitHref(): (hit: SearchHit) => string {
  const paths = usePaths();
  return (hit) => {
    switch (hit.kind) {
      case 'activity':
        return paths.activity(hit.id);
      case 'organisation':
        return paths.organisation(hit.id);
      case 'node':
        return paths.node(hit.id);
    }
  };
}

function HitFacts({ hit }: { hit: SearchHit }) {
  const intl = useIntl();
  const labels = useLabels();
  const kind =
    hit.kind === 'node' && hit.node
      ? labels.nodeKind(hit.node.kind)
      : intl.formatMessage({ id: 'search.kindName' }, { kind: hit.kind });
  return (
    <div className="search-hit__facts">
      <span className="badge badge--kind">{kind}</span>
      {hit.activity && (
        <>
          {hit.activity.workflowState !== 'published' && (
            <span className="badge badge--workflow">
              <FormattedMessage id={`vocab.workflowState.${hit.activity.workflowState}`} />
            </span>
          )}
          <StatusBadge status={hit.activity.status} />
          <TypeBadge type={hit.activity.type} />
          {(hit.activity.startDate || hit.activity.endDate) && (
            <span className="search-hit__fact">
              <DateRange start={hit.activity.startDate} end={hit.activity.endDate} />
            </span>
          )}
        </>
      )}
      {hit.node && (
        <>
          <span className="search-hit__fact">
            <Localized value={hit.node.plan.shortTitle} />
          </span>
          <span className="search-hit__fact">
            <FormattedMessage id="search.code" values={{ code: hit.node.code }} />
          </span>
        </>
      )}
      {hit.organisation && (
        <>
          {hit.organisation.acronym && <span className="search-hit__fact">{hit.organisation.acronym}</span>}
          <span className="search-hit__fact">{labels.organisationType(hit.organisation.type)}</span>
        </>
      )}
    </div>
  );
}

function HitCard({ hit }: { hit: SearchHit }) {
  const lang = useLang();
  const hrefFor = useHitHref();
  const resolved = resolveText(hit.title, lang);
  const runs = hit.titleRuns.length > 0 ? hit.titleRuns : [{ text: resolved?.text ?? hit.id, match: false }];
  return (
    <article className={`search-hit search-hit--${hit.kind}`}>
      <h3 className="search-hit__title">
        <Link to={hrefFor(hit)}>
          <MarkedTextIn runs={runs} lang={resolved?.lang ?? lang} fallback={resolved?.fallback ?? false} />
        </Link>
      </h3>
      <HitFacts hit={hit} />
      {hit.snippets.length > 0 && (
        <ul className="search-hit__snippets">
          {hit.snippets.slice(0, 2).map((s, i) => (
            <li key={i}>
              <span className="search-hit__field">
                <FormattedMessage id="search.field" values={{ field: s.field }} />
              </span>{' '}
              <MarkedTextIn runs={s.runs} lang={s.lang} fallback={s.fallback} />
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

/** "Showing results for rice instead of rcie." */
function Correction({ q, corrections }: { q: string; corrections: SearchResults['corrections'] }) {
  if (corrections.length === 0 || !q) return null;
  const corrected = correctedQuery(q, corrections);
  return (
    <p className="search-correction">
      <FormattedMessage
        id="search.correction"
        values={{
          corrected: <strong className="search-correction__to">{corrected}</strong>,
          original: <strong className="search-correction__from">{q}</strong>,
        }}
      />
    </p>
  );
}

function StatusText({
  data,
  loading,
  ok,
  active,
}: {
  data?: SearchResults;
  loading: boolean;
  ok: boolean;
  active: boolean;
}) {
  if (!ok) return <FormattedMessage id="search.fixAddress" />;
  if (!active) return null;
  if (!data) return loading ? <FormattedMessage id="search.searching" /> : null;
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  const count = data.q ? (
    <FormattedMessage id="search.countFor" values={{ total: data.total, q: data.q }} />
  ) : (
    <FormattedMessage id="search.count" values={{ total: data.total }} />
  );
  if (pages <= 1) return count;
  return (
    <>
      {count} <FormattedMessage id="search.pageOf" values={{ page: data.page, pages }} />
    </>
  );
}

export default function SearchPage() {
  const intl = useIntl();
  const lang = useLang();
  const paths = usePaths();
  const labels = useLabels();
  const text = useText();
  const navigate = useNavigate();
  const location = useLocation();
  const [searchParams] = useSearchParams();
  const search = searchParams.toString();
  const parsed = useMemo(() => parseSearchQuery(new URLSearchParams(search)), [search]);
  const query = parsed.ok ? parsed.query : null;
  const active = query !== null && hasSearch(query);
  // Facets whose every value is shown, and those of them the API is asked to list in full (`more`).
  const [expandedFacets, setExpandedFacets] = useState<SearchFacetName[]>([]);
  const [moreFacets, setMoreFacets] = useState<SearchFacetName[]>([]);
  const results = useApi(
    active
      ? api.search({ ...searchApiParams(query, lang), more: SEARCH_FACETS.filter((n) => moreFacets.includes(n)) })
      : null,
    { keepPrevious: true },
  );
  const data = active ? results.data : undefined;
  const loading = active && results.loading;
  const headingId = useId();
  const hintId = `${QUERY_FIELD_ID}-hint`;
  const errorId = `${QUERY_FIELD_ID}-error`;

  // The field follows the address when it changes from elsewhere (the header's box, Back, a
  // link), but not when the address only caught up with what is being typed.
  const urlQ = query?.q ?? (searchParams.get('q') ?? '').trim();
  const [typed, setTyped] = useState(searchParams.get('q') ?? '');
  const [seenQ, setSeenQ] = useState(urlQ);
  if (urlQ !== seenQ) {
    setSeenQ(urlQ);
    if (typed.trim() !== urlQ) setTyped(urlQ);
  }

  const addressWith = (change: (next: URLSearchParams) => void): string => {
    const next = new URLSearchParams(search);
    next.delete('lang');
    change(next);
    next.delete('page');
    const rest = next.toString();
    return `${paths.search()}${rest ? `?${rest}` : ''}`;
  };

  // Results follow the typing: the address (and so the request) catches up after a pause, in
  // place, so that the history holds one entry per search and not one per letter.
  useEffect(() => {
    const wanted = typed.trim();
    if (wanted === urlQ) return;
    const timer = window.setTimeout(() => {
      const next = new URLSearchParams(search);
      next.delete('lang');
      next.delete('page');
      if (wanted) next.set('q', wanted);
      else next.delete('q');
      const rest = next.toString();
      void navigate(`${paths.search()}${rest ? `?${rest}` : ''}`, { replace: true });
    }, SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [typed, urlQ, search, navigate, paths]);

  // Focus moves to the results heading once the answer asked for is in: after a submit, a page
  // link, or a search from the header's box.
  const resultsHeadingRef = useRef<HTMLHeadingElement>(null);
  const [focusWanted, setFocusWanted] = useState(0);
  const handledKey = useRef<string | null>(null);
  useEffect(() => {
    const state = location.state as SearchNavigationState | null;
    if (state?.focusResults && handledKey.current !== location.key) {
      handledKey.current = location.key;
      setFocusWanted((n) => n + 1);
    }
  }, [location.key, location.state]);
  useEffect(() => {
    if (focusWanted > 0 && !loading) {
      resultsHeadingRef.current?.focus();
      setFocusWanted(0);
    }
  }, [focusWanted, loading, data]);

  const [filtersOpen, setFiltersOpen] = useState(false);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const wanted = typed.trim();
    if (wanted !== urlQ) {
      void navigate(
        addressWith((next) => {
          if (wanted) next.set('q', wanted);
          else next.delete('q');
        }),
        { replace: true },
      );
    }
    setFocusWanted((n) => n + 1);
  };

  // A ticked box shows ticked at once, while the address (and then the answer) catches up.
  const [pending, setPending] = useState<{ search: string; values: Partial<Record<SearchFacetName, string[]>> }>({
    search,
    values: {},
  });
  const chosen = (name: SearchFacetName): string[] =>
    (pending.search === search ? pending.values[name] : undefined) ?? chosenValues(query, searchParams, name);

  const toggleFacet = (name: SearchFacetName, value: string, on: boolean) => {
    const current = chosen(name);
    const values = on ? [...current, value] : current.filter((v) => v !== value);
    setPending({ search, values: { ...(pending.search === search ? pending.values : {}), [name]: values } });
    void navigate(
      addressWith((next) => {
        next.delete(name);
        if (values.length > 0) next.set(name, values.join(','));
        // What has been typed but not yet searched goes with the choice.
        const wanted = typed.trim();
        if (wanted) next.set('q', wanted);
        else next.delete('q');
      }),
    );
  };

  const clearFacetsHref = addressWith((next) => {
    for (const name of SEARCH_FACETS) next.delete(name);
  });
  const chosenCount = SEARCH_FACETS.reduce((n, name) => n + chosen(name).length, 0);

  // Problems: from the address (checked here with the API's own schema) or from the API.
  const issues: (ParamIssue & { removeHref?: string })[] = (
    parsed.ok ? (results.error?.problem.errors ?? []) : parsed.issues
  ).map((issue) => ({
    ...issue,
    reason: issueReason(intl, issue),
    ...(issue.name && issue.name !== 'q' ? { removeHref: addressWith((next) => next.delete(issue.name)) } : {}),
  }));
  const queryIssue = issues.find((i) => i.name === 'q');
  const otherIssues = issues.filter((i) => i.name !== 'q');
  const queryError = queryIssue ? queryIssue.reason : undefined;
  const problem = parsed.ok && results.error && issues.length === 0 ? results.error : undefined;

  useDocumentTitle(
    urlQ
      ? intl.formatMessage({ id: 'search.documentTitleFor' }, { q: urlQ })
      : intl.formatMessage({ id: 'search.title' }),
  );

  // Names of ids seen in earlier answers, for a chosen value the current answer no longer lists.
  const knownLabels = useRef(new Map<string, LocalizedText>());
  useEffect(() => {
    if (!data) return;
    for (const name of SEARCH_FACETS) {
      for (const v of data.facets[name]) if (v.label) knownLabels.current.set(`${name}:${v.value}`, v.label);
    }
  }, [data]);

  const facetLegend = (name: SearchFacetName) => intl.formatMessage({ id: 'search.facet' }, { name });
  const labelFor =
    (name: SearchFacetName) =>
    (v: SearchFacetValue): string => {
      switch (name) {
        case 'kind':
          return intl.formatMessage({ id: 'search.kindPlural' }, { kind: v.value });
        case 'country':
          return labels.country(v.value);
        case 'status':
          return isStatus(v.value) ? labels.activityStatus(v.value) : v.value;
        case 'type':
          return isType(v.value) ? labels.activityType(v.value) : v.value;
        case 'year':
          return v.value;
        case 'plan':
        case 'pillar':
        case 'area':
        case 'partner':
          return text(v.label ?? knownLabels.current.get(`${name}:${v.value}`)) || v.value;
      }
    };

  const expandFacet = (name: SearchFacetName, on: boolean) => {
    setExpandedFacets((list) => (on ? [...list, name] : list.filter((n) => n !== name)));
    if (!on) setMoreFacets((list) => list.filter((n) => n !== name));
    else if (data && data.facetTotals[name] > data.facets[name].length) setMoreFacets((list) => [...list, name]);
  };

  const anyFacet =
    data !== undefined &&
    SEARCH_FACETS.some((name) => data.facets[name].some((v) => v.count > 0) || chosen(name).length > 0);
  const from = data && data.total > 0 ? (data.page - 1) * data.pageSize + 1 : 0;
  const facetGroups: ReactNode[] = data
    ? SEARCH_FACETS.map((name) => (
        <FacetGroup
          key={name}
          name={name}
          legend={facetLegend(name)}
          values={name === 'year' ? byYear(data.facets.year) : data.facets[name]}
          total={data.facetTotals[name]}
          chosen={chosen(name)}
          labelFor={labelFor(name)}
          onToggle={(value, on) => toggleFacet(name, value, on)}
          expanded={expandedFacets.includes(name)}
          onExpand={(on) => expandFacet(name, on)}
          busy={
            loading &&
            expandedFacets.includes(name) &&
            data.facets[name].length < Math.min(data.facetTotals[name], FACET_MORE_LIMIT)
          }
        />
      ))
    : [];

  return (
    <div className="list-page search-page">
      <header className="page-header">
        <PageHeading>
          <span id={headingId}>
            <FormattedMessage id="search.title" />
          </span>
        </PageHeading>
        <p className="lead">
          <FormattedMessage id="search.intro" />
        </p>
      </header>

      <form className="search-page__form" role="search" aria-labelledby={headingId} onSubmit={onSubmit} noValidate>
        <div className={queryError ? 'field field--error' : 'field'}>
          <label htmlFor={QUERY_FIELD_ID} className="field__label">
            <FormattedMessage id="search.queryLabel" />
          </label>
          <p id={hintId} className="field__hint">
            <FormattedMessage id="search.queryHint" />
          </p>
          {queryError && (
            <p id={errorId} className="field__error" role="alert">
              <span className="visually-hidden">
                <FormattedMessage id="filters.errorPrefix" />{' '}
              </span>
              {queryError}
            </p>
          )}
          <div className="search-form__row">
            <input
              type="search"
              id={QUERY_FIELD_ID}
              name="q"
              className="input"
              value={typed}
              maxLength={200}
              autoComplete="off"
              enterKeyHint="search"
              aria-describedby={queryError ? `${hintId} ${errorId}` : hintId}
              aria-invalid={queryError ? true : undefined}
              onChange={(e) => setTyped(e.target.value)}
            />
            <button type="submit" className="button">
              <FormattedMessage id="search.submit" />
            </button>
          </div>
        </div>
      </form>

      {otherIssues.length > 0 && (
        <ErrorSummary
          title={<FormattedMessage id={parsed.ok ? 'search.apiErrorTitle' : 'search.urlErrorTitle'} />}
          intro={<FormattedMessage id="activities.urlErrorIntro" values={{ count: otherIssues.length }} />}
          issues={otherIssues}
        >
          <p>
            <Link to={paths.search({ q: urlQ })}>
              <FormattedMessage id="search.clearAll" />
            </Link>
          </p>
        </ErrorSummary>
      )}
      {problem && <ApiErrorMessage error={problem} onRetry={results.reload} />}

      <div className="list-layout search-layout">
        <div className="list-layout__filters">
          <button
            type="button"
            className="filters-toggle button button--secondary"
            aria-expanded={filtersOpen}
            aria-controls="search-facets"
            onClick={() => setFiltersOpen((o) => !o)}
          >
            <FormattedMessage id={filtersOpen ? 'filters.hide' : 'filters.show'} />
            {chosenCount > 0 && (
              <span className="filters-toggle__count">
                {' '}
                <FormattedMessage id="filters.activeCount" values={{ count: chosenCount }} />
              </span>
            )}
          </button>
          <div id="search-facets" className={filtersOpen ? 'filters is-open' : 'filters'}>
            <section className="filter-form search-facets" aria-labelledby="search-facets-title">
              <h2 id="search-facets-title" className="filter-form__title">
                <FormattedMessage id="search.facetsTitle" />
              </h2>
              {anyFacet ? (
                facetGroups
              ) : (
                <p className="field__hint">
                  <FormattedMessage id={active ? 'search.noFacets' : 'search.facetsLater'} />
                </p>
              )}
              {chosenCount > 0 && (
                <p className="search-facets__clear">
                  <Link to={clearFacetsHref}>
                    <FormattedMessage id="search.clearAll" />
                  </Link>
                </p>
              )}
            </section>
          </div>
        </div>

        <section
          className="list-layout__results"
          aria-labelledby="results-title"
          aria-busy={loading}
          data-answered={data ? data.q : undefined}
        >
          <div className="results-head">
            <h2 id="results-title" ref={resultsHeadingRef} tabIndex={-1} className="results-head__title">
              <FormattedMessage id="search.resultsTitle" />
            </h2>
            <div className="results-head__count search-status" role="status" aria-live="polite">
              <p>
                <StatusText data={data} loading={loading} ok={parsed.ok} active={active} />
              </p>
              {data && <Correction q={data.q} corrections={data.corrections} />}
            </div>
          </div>

          {loading && !data && <Loading label={<FormattedMessage id="search.searching" />} />}
          {!active && parsed.ok && (
            <div className="empty-state search-prompt">
              <p>
                <FormattedMessage id="search.prompt" />
              </p>
            </div>
          )}
          {data && data.items.length > 0 && (
            <div className={loading ? 'is-stale' : undefined}>
              <ol className="search-hits" start={from}>
                {data.items.map((hit) => (
                  <li key={`${hit.kind}-${hit.id}`}>
                    <HitCard hit={hit} />
                  </li>
                ))}
              </ol>
              <Pagination
                page={data.page}
                pageSize={data.pageSize}
                total={data.total}
                hrefFor={(page) => paths.search(searchQueryToParams({ ...(query ?? {}), page }))}
                onNavigate={() => setFocusWanted((n) => n + 1)}
              />
            </div>
          )}
          {data && data.items.length === 0 && (
            <div className="empty-state search-empty">
              <p>
                <FormattedMessage id="search.emptyTitle" />
              </p>
              <ul>
                <li>
                  <FormattedMessage id="search.emptySpelling" />
                </li>
                <li>
                  <FormattedMessage id="search.emptyLanguage" />
                </li>
                {hasFacets(query ?? {}) && (
                  <li>
                    <Link to={clearFacetsHref}>
                      <FormattedMessage id="search.emptyClear" />
                    </Link>
                  </li>
                )}
                <li>
                  <Link to={paths.activities()}>
                    <FormattedMessage id="search.emptyBrowse" />
                  </Link>
                </li>
              </ul>
            </div>
          )}
        </section>
      </div>
    </div>
  );
}
