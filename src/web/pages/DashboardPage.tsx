import { useMemo, type FormEvent } from 'react';
import { FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { CoverageFunding, CoverageNodeBucket, CoverageAnswer, PlanDetail } from '../../shared/api-types';
import { REPORTING_CURRENCIES, type ReportingCurrency } from '../../shared/coverage';
import type { CoverageQuery } from '../../shared/schemas/coverage-query.schema';
import {
  ACTIVITY_STATUSES,
  ACTIVITY_TYPES,
  COUNTRY_CODES,
  FUNDING_TYPES,
  REGION_CODE,
  type CountryCode,
  type FundingType,
} from '../../shared/vocab';
import { api, fetchApi, queryString, type QueryValue } from '../api/client';
import { useApi, useLoader } from '../api/useApi';
import { Breadcrumb } from '../components/Breadcrumb';
import { ApiErrorMessage, ErrorState, ErrorSummary } from '../components/ErrorSummary';
import { Loading } from '../components/Loading';
import { useText } from '../components/Localized';
import { formatMoney } from '../components/Money';
import { PageHeading } from '../components/PageHeading';
import { useCompareLinks } from '../components/PlanCompareLinks';
import { AseanMap, type MapDatum } from '../dashboard/AseanMap';
import { ChartFigure, type ChartData, type TableCell } from '../dashboard/ChartFigure';
import { BarChart, ColumnChart, HeatMap, SequentialLegend } from '../dashboard/charts';
import type { MessageId } from '../i18n';
import { useLang } from '../i18n/LanguageContext';
import { useLabels, type Labels } from '../i18n/labels';
import { issueReason } from '../i18n/issues';
import {
  coverageParams,
  dashboardParams,
  MAP_MEASURES,
  parseDashboardQuery,
  yearSlice,
  type DashboardQuery,
  type MapMeasure,
} from '../lib/dashboardQuery';
import { useDocumentTitle } from '../lib/documentTitle';
import { usePaths } from '../lib/paths';
import { binsFor } from '../lib/scales';
import '../styles/dashboard.css';

type Slices = { key: string; coverage: CoverageAnswer }[];

/** The levels the dashboard shows: pillars (0) and areas of cooperation (1). */
const SHOWN_DEPTH = 1;
/** What the dashboard's main request asks for: the partner filter has a request of its own. */
const MAIN_SHAPE = { depth: SHOWN_DEPTH, breakdowns: ['pillar', 'area', 'country', 'year'] } as const;
/** What a heat-map cell's request asks for: the nodes' counts, no breakdown. */
const SLICE_SHAPE = { depth: SHOWN_DEPTH, breakdowns: 'none' } as const;

/** One coverage report per year, or per country: the cells of the heat-maps, judged by the API itself. */
async function loadSlices(
  slug: string,
  requests: { key: string; params: Record<string, QueryValue> }[],
  signal: AbortSignal,
): Promise<Slices> {
  return Promise.all(
    requests.map(async (r) => ({ key: r.key, coverage: await fetchApi(api.coverage(slug, r.params), signal) })),
  );
}

const cell = (display: TableCell['display'], value: TableCell['value']): TableCell => ({ display, value });

/** "CAD 1,000 (approx.)" with flags for inexact rates and incomplete sums. */
function convertedText(
  intl: IntlShape,
  amount: { amount: string; currency: string; exact: boolean; complete: boolean },
): string {
  let text = formatMoney(intl, amount.amount, amount.currency);
  if (!amount.exact) text = intl.formatMessage({ id: 'dashboard.notExact' }, { amount: text });
  if (!amount.complete) text = intl.formatMessage({ id: 'dashboard.incomplete' }, { amount: text });
  return text;
}

/** The original amounts of one funding type, currency by currency ("USD 100; CAD 50"). */
function originalText(intl: IntlShape, funding: CoverageFunding, type: FundingType): string {
  return funding.original
    .filter((o) => o.type === type)
    .map((o) => formatMoney(intl, o.amount, o.currency))
    .join('; ');
}

function originalCsv(funding: CoverageFunding, type: FundingType): string {
  return funding.original
    .filter((o) => o.type === type)
    .map((o) => `${o.currency} ${o.amount}`)
    .join('; ');
}

function unconvertedCsv(funding: CoverageFunding, type: FundingType): string {
  return funding.unconverted
    .filter((o) => o.type === type)
    .map((o) => `${o.currency} ${o.amount} (${o.year})`)
    .join('; ');
}

/** Rows of a funding table: one per bucket and funding type that has funding; types are never added. */
function fundingData(
  intl: IntlShape,
  labels: Labels,
  text: (v: CoverageNodeBucket['title']) => string,
  buckets: readonly CoverageNodeBucket[],
  currency: ReportingCurrency,
): ChartData {
  const m = (id: MessageId, values?: Record<string, string>) => intl.formatMessage({ id }, values);
  const rows: TableCell[][] = [];
  for (const b of buckets) {
    for (const type of FUNDING_TYPES) {
      const converted = b.funding.converted.find((c) => c.type === type);
      const hasOriginal = b.funding.original.some((o) => o.type === type);
      const hasUnconverted = b.funding.unconverted.some((o) => o.type === type);
      if (!converted && !hasOriginal && !hasUnconverted) continue;
      rows.push([
        cell(`${b.code} ${text(b.title)}`, `${b.code} ${text(b.title)}`),
        cell(labels.fundingType(type), type),
        cell(converted ? formatMoney(intl, converted.amount, converted.currency) : '—', converted?.amount ?? null),
        cell(converted ? m(converted.exact ? 'dashboard.yes' : 'dashboard.no') : '—', converted?.exact ?? null),
        cell(converted ? m(converted.complete ? 'dashboard.yes' : 'dashboard.no') : '—', converted?.complete ?? null),
        cell(originalText(intl, b.funding, type), originalCsv(b.funding, type)),
        cell(
          b.funding.unconverted
            .filter((u) => u.type === type)
            .map((u) => formatMoney(intl, u.amount, u.currency))
            .join('; ') || '—',
          unconvertedCsv(b.funding, type),
        ),
      ]);
    }
  }
  return {
    columns: [
      { label: m('dashboard.colNode') },
      { label: m('dashboard.colType') },
      { label: m('dashboard.colConverted', { currency }), numeric: true },
      { label: m('dashboard.colExact') },
      { label: m('dashboard.colComplete') },
      { label: m('dashboard.colOriginal') },
      { label: m('dashboard.colUnconverted') },
    ],
    rows,
  };
}

function FundingChart({
  name,
  title,
  buckets,
  coverage,
  fileParts,
}: {
  name: string;
  title: string;
  buckets: readonly CoverageNodeBucket[];
  coverage: CoverageAnswer;
  fileParts: string[];
}) {
  const intl = useIntl();
  const labels = useLabels();
  const text = useText();
  const data = fundingData(intl, labels, text, buckets, coverage.currency);
  const bars = data.rows.map((r, i) => {
    const type = String(r[1]?.value) as FundingType;
    const converted = buckets
      .flatMap((b) => (`${b.code} ${text(b.title)}` === r[0]?.value ? b.funding.converted : []))
      .find((c) => c.type === type);
    return {
      key: String(i),
      label: `${String(r[0]?.value ?? '')} · ${labels.fundingType(type)}`,
      title: String(r[0]?.value ?? ''),
      value: Number(r[2]?.value ?? 0),
      text: converted ? convertedText(intl, converted) : intl.formatMessage({ id: 'dashboard.notConverted' }),
      series: FUNDING_TYPES.indexOf(type),
    };
  });
  return (
    <ChartFigure
      name={name}
      title={title}
      description={<FormattedMessage id="dashboard.fundingHelp" values={{ currency: coverage.currency }} />}
      data={data}
      fileParts={fileParts}
      legend={
        <p className="legend legend__title">
          <FormattedMessage id="dashboard.fundingLegend" />
        </p>
      }
    >
      {bars.length > 0 ? (
        <BarChart label={title} rows={bars} />
      ) : (
        <p className="chart__note">
          <FormattedMessage id="dashboard.noFunding" />
        </p>
      )}
    </ChartFigure>
  );
}

function splitValue(v: FormDataEntryValue | null): string[] | undefined {
  const text = typeof v === 'string' ? v.trim() : '';
  return text ? text.split(',') : undefined;
}

interface FilterProps {
  plan: PlanDetail;
  query: DashboardQuery;
  partners: { id: string; name: string }[];
  onApply: (params: Record<string, QueryValue>) => void;
  clearHref: string;
}

function DashboardFilters({ plan, query, partners, onApply, clearHref }: FilterProps) {
  const intl = useIntl();
  const labels = useLabels();
  const text = useText();
  const q = query.coverage;
  const years: string[] = [];
  for (let y = plan.periodStart; y <= plan.periodEnd; y++) years.push(String(y));
  const join = (v: readonly string[] | undefined) => (v ?? []).join(',');
  const select = (
    name: string,
    label: string,
    value: string,
    options: { value: string; label: string }[],
    any: string | null,
  ) => {
    const all =
      options.some((o) => o.value === value) || value === '' ? options : [...options, { value, label: value }];
    return (
      <div className="field dashboard-filters__field">
        <label htmlFor={`dash-${name}`} className="field__label">
          {label}
        </label>
        <select id={`dash-${name}`} name={name} className="select" defaultValue={value}>
          {any !== null && <option value="">{any}</option>}
          {all.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    );
  };
  const handleSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const str = (n: string) => {
      const v = f.get(n);
      return typeof v === 'string' && v ? v : undefined;
    };
    onApply({
      ...coverageParams({
        from: str('from'),
        to: str('to'),
        pillar: splitValue(f.get('pillar')),
        organisation: splitValue(f.get('organisation')),
        country: splitValue(f.get('country')) as CoverageQuery['country'],
        status: splitValue(f.get('status')) as CoverageQuery['status'],
        type: splitValue(f.get('type')) as CoverageQuery['type'],
        currency: (str('currency') ?? 'CAD') as ReportingCurrency,
      }),
      map: str('map') === 'activities' ? undefined : str('map'),
    });
  };
  const m = (id: MessageId) => intl.formatMessage({ id });
  return (
    <form className="dashboard-filters" onSubmit={handleSubmit} aria-labelledby="dashboard-filters-title">
      <h2 id="dashboard-filters-title" className="dashboard-filters__title">
        <FormattedMessage id="dashboard.filtersTitle" />
      </h2>
      <div className="dashboard-filters__grid">
        {select(
          'from',
          m('dashboard.from'),
          q.from ?? '',
          years.map((y) => ({ value: y, label: y })),
          m('dashboard.open'),
        )}
        {select(
          'to',
          m('dashboard.to'),
          q.to ?? '',
          years.map((y) => ({ value: y, label: y })),
          m('dashboard.open'),
        )}
        {select(
          'pillar',
          m('filters.pillar'),
          join(q.pillar),
          plan.framework.map((p) => ({ value: p.id, label: `${p.code} ${text(p.title)}` })),
          m('dashboard.all'),
        )}
        {select(
          'country',
          m('filters.country'),
          join(q.country),
          [...COUNTRY_CODES, REGION_CODE].map((c) => ({ value: c, label: labels.country(c) })),
          m('dashboard.all'),
        )}
        {select(
          'organisation',
          m('dashboard.partner'),
          join(q.organisation),
          partners.map((p) => ({ value: p.id, label: p.name })),
          m('dashboard.all'),
        )}
        {select(
          'status',
          m('filters.status'),
          join(q.status),
          ACTIVITY_STATUSES.map((s) => ({ value: s, label: labels.activityStatus(s) })),
          m('dashboard.all'),
        )}
        {select(
          'type',
          m('filters.type'),
          join(q.type),
          ACTIVITY_TYPES.map((t) => ({ value: t, label: labels.activityType(t) })),
          m('dashboard.all'),
        )}
        {select(
          'currency',
          m('dashboard.currency'),
          q.currency,
          REPORTING_CURRENCIES.map((c) => ({ value: c, label: c })),
          null,
        )}
        {select(
          'map',
          m('dashboard.mapBy'),
          query.map,
          MAP_MEASURES.map((v) => ({
            value: v,
            label: v === 'activities' ? m('dashboard.mapByActivities') : labels.fundingType(v),
          })),
          null,
        )}
      </div>
      <p className="dashboard-filters__actions">
        <button type="submit" className="button">
          <FormattedMessage id="dashboard.apply" />
        </button>{' '}
        <Link to={clearHref}>
          <FormattedMessage id="filters.clear" />
        </Link>
      </p>
    </form>
  );
}

/** The public dashboard of a plan: key figures, coverage heat-maps, funding, timeline and map. */
export default function DashboardPage() {
  const { slug = '' } = useParams();
  const intl = useIntl();
  const lang = useLang();
  const labels = useLabels();
  const text = useText();
  const paths = usePaths();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const search = searchParams.toString();
  const parsed = useMemo(() => parseDashboardQuery(new URLSearchParams(search)), [search]);
  const query = parsed.ok ? parsed.query : null;
  const plan = useApi(api.plan(slug));
  const params = query ? coverageParams(query.coverage) : null;
  // What the page draws: pillars and areas (depth 1), and every breakdown but the partners'.
  const coverage = useApi(params ? api.coverage(slug, { ...params, ...MAIN_SHAPE }) : null, { keepPrevious: true });
  // The partner filter offers every partner of the plan: the coverage API lists the first 20 unless asked for all.
  const all = useApi(api.coverage(slug, { partners: 'all', breakdowns: 'partner', depth: 0 }));
  const data = coverage.data;

  const sliceRequests = useMemo(() => {
    if (!query || !data) return null;
    const q = query.coverage;
    const years = (data.breakdowns.byYear ?? []).flatMap((b) => (b.year === null ? [] : [b.year]));
    const countries = (data.breakdowns.byCountry ?? [])
      .map((b) => b.country)
      .filter((c) => !q.country || (q.country as readonly string[]).includes(c));
    return {
      years,
      countries,
      // The heat-maps read the counts of pillars and areas only: no breakdown.
      requests: [
        ...years.map((y) => ({
          key: `y${y}`,
          params: { ...coverageParams({ ...q, ...yearSlice(q, y) }), ...SLICE_SHAPE },
        })),
        ...countries.map((c) => ({
          key: `c${c}`,
          params: { ...coverageParams({ ...q, country: [c as CountryCode] }), ...SLICE_SHAPE },
        })),
      ],
    };
  }, [query, data]);
  const slices = useLoader<Slices>(
    sliceRequests ? `${slug}|${sliceRequests.requests.map((r) => JSON.stringify(r.params)).join('|')}` : null,
    (signal) => loadSlices(slug, sliceRequests?.requests ?? [], signal),
  );

  const planTitle = plan.data ? text(plan.data.shortTitle) || text(plan.data.title) : null;
  useDocumentTitle(planTitle ? intl.formatMessage({ id: 'dashboard.title' }, { plan: planTitle }) : null);
  const plans = useApi(api.plans());
  const compareLinks = useCompareLinks(plans.data?.items, plan.data);

  if (plan.error) return <ErrorState error={plan.error} onRetry={plan.reload} />;
  if (!plan.data) return <Loading label={<FormattedMessage id="loading.plan" />} />;

  const m = (id: MessageId, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const num = (n: number) => intl.formatNumber(n);
  const clearHref = paths.dashboard(slug);
  const fileParts = [
    slug,
    ...Object.entries(query ? dashboardParams(query) : {}).flatMap(([k, v]) =>
      v === undefined || v === null || v === '' ? [] : [`${k}-${Array.isArray(v) ? v.join('-') : String(v)}`],
    ),
  ];
  const issues = parsed.ok
    ? (coverage.error?.problem.errors ?? []).map((i) => ({ ...i, reason: i.reason }))
    : parsed.issues.map((i) => ({ ...i, reason: issueReason(intl, i) }));
  const partners = (all.data?.breakdowns.byPartner ?? [])
    .map((p) => ({ id: p.organisation.id, name: p.organisation.acronym ?? text(p.organisation.name) }))
    .sort((a, b) => a.name.localeCompare(b.name, lang));

  const nodes = data ? data.nodes.filter((n) => n.depth <= SHOWN_DEPTH) : [];
  const sliceOf = (key: string) => slices.data?.find((s) => s.key === key)?.coverage;
  const heatRows = nodes.map((n) => ({
    key: n.id,
    label: `${n.code} ${text(n.title)}`,
    title: `${n.code} ${text(n.title)}${n.inForce ? '' : ` (${m('dashboard.retired')})`}`,
    indent: n.depth,
  }));
  const heatValues = (keys: string[]) =>
    nodes.map((n) => keys.map((k) => sliceOf(k)?.nodes.find((x) => x.id === n.id)?.activityCount ?? 0));

  const heatData = (keys: string[], headers: string[], values: number[][]): ChartData => ({
    columns: [{ label: m('dashboard.colNode') }, ...headers.map((h) => ({ label: h, numeric: true }))],
    rows: nodes.map((n, i) => [
      cell(heatRows[i]?.title ?? n.code, `${n.code} ${text(n.title)}`),
      ...keys.map((_, j) => {
        const v = values[i]?.[j] ?? 0;
        return cell(num(v), v);
      }),
    ]),
  });

  return (
    <div className="dashboard">
      <Breadcrumb items={[{ label: planTitle ?? slug, to: paths.plan(slug) }, { label: m('dashboard.crumb') }]} />
      <header className="page-header">
        <PageHeading>
          <FormattedMessage id="dashboard.title" values={{ plan: planTitle ?? slug }} />
        </PageHeading>
        <p className="lead">
          <FormattedMessage id="dashboard.intro" />
        </p>
        <p className="no-print">
          <Link to={paths.snapshots(slug)}>
            <FormattedMessage id="snapshots.dashboardLink" />
          </Link>
        </p>
        {compareLinks.map((l) => (
          <p key={l.key} className="no-print">
            <Link to={l.to}>{l.label}</Link>
          </p>
        ))}
      </header>

      {issues.length > 0 && (
        <ErrorSummary
          title={<FormattedMessage id="dashboard.urlErrorTitle" />}
          intro={<FormattedMessage id="activities.urlErrorIntro" values={{ count: issues.length }} />}
          issues={issues}
          hrefFor={(name) => (name ? `#dash-${name}` : undefined)}
        >
          <p>
            <Link to={clearHref}>
              <FormattedMessage id="filters.clear" />
            </Link>
          </p>
        </ErrorSummary>
      )}
      {parsed.ok && coverage.error && issues.length === 0 && (
        <ApiErrorMessage error={coverage.error} onRetry={coverage.reload} />
      )}

      {query && (
        <DashboardFilters
          key={search}
          plan={plan.data}
          query={query}
          partners={partners}
          clearHref={clearHref}
          onApply={(p) => void navigate(paths.dashboard(slug, p))}
        />
      )}

      <div aria-busy={coverage.loading || slices.loading} className={coverage.loading ? 'is-stale' : undefined}>
        {!data && coverage.loading && <Loading label={<FormattedMessage id="dashboard.loading" />} />}
        {data && (
          <>
            <Kpis coverage={data} />
            <RuleSection coverage={data} />
            {params && <ReportLinks slug={slug} params={params} />}

            <ChartFigure
              name="heatmap-years"
              title={m('dashboard.heatYearsTitle')}
              description={<FormattedMessage id="dashboard.heatYearsHelp" />}
              data={heatData(
                (sliceRequests?.years ?? []).map((y) => `y${y}`),
                (sliceRequests?.years ?? []).map(String),
                heatValues((sliceRequests?.years ?? []).map((y) => `y${y}`)),
              )}
              fileParts={fileParts}
              legend={
                <SequentialLegend
                  bins={binsFor(Math.max(0, ...heatValues((sliceRequests?.years ?? []).map((y) => `y${y}`)).flat()))}
                  format={num}
                />
              }
            >
              <HeatMap
                label={m('dashboard.heatYearsTitle')}
                rows={heatRows}
                columns={(sliceRequests?.years ?? []).map((y) => ({ key: String(y), label: String(y) }))}
                values={heatValues((sliceRequests?.years ?? []).map((y) => `y${y}`))}
                bins={binsFor(Math.max(0, ...heatValues((sliceRequests?.years ?? []).map((y) => `y${y}`)).flat()))}
                format={num}
              />
            </ChartFigure>

            <ChartFigure
              name="heatmap-countries"
              title={m('dashboard.heatCountriesTitle')}
              description={<FormattedMessage id="dashboard.heatCountriesHelp" />}
              data={heatData(
                (sliceRequests?.countries ?? []).map((c) => `c${c}`),
                (sliceRequests?.countries ?? []).map((c) => labels.country(c)),
                heatValues((sliceRequests?.countries ?? []).map((c) => `c${c}`)),
              )}
              fileParts={fileParts}
              legend={
                <SequentialLegend
                  bins={binsFor(
                    Math.max(0, ...heatValues((sliceRequests?.countries ?? []).map((c) => `c${c}`)).flat()),
                  )}
                  format={num}
                />
              }
            >
              <HeatMap
                label={m('dashboard.heatCountriesTitle')}
                rows={heatRows}
                columns={(sliceRequests?.countries ?? []).map((c) => ({ key: c, label: c }))}
                values={heatValues((sliceRequests?.countries ?? []).map((c) => `c${c}`))}
                bins={binsFor(Math.max(0, ...heatValues((sliceRequests?.countries ?? []).map((c) => `c${c}`)).flat()))}
                format={num}
              />
            </ChartFigure>

            <FundingChart
              name="funding-pillars"
              title={m('dashboard.fundingPillarsTitle')}
              buckets={data.breakdowns.byPillar ?? []}
              coverage={data}
              fileParts={fileParts}
            />
            <FundingChart
              name="funding-areas"
              title={m('dashboard.fundingAreasTitle')}
              buckets={data.breakdowns.byArea ?? []}
              coverage={data}
              fileParts={fileParts}
            />
            <Timeline coverage={data} fileParts={fileParts} />
            <MapChart
              coverage={data}
              measure={query?.map ?? 'activities'}
              fileParts={fileParts}
              planId={data.plan.id}
            />
            <Gaps coverage={data} />
          </>
        )}
      </div>
    </div>
  );
}

function Kpis({ coverage }: { coverage: CoverageAnswer }) {
  const intl = useIntl();
  const labels = useLabels();
  const s = coverage.summary;
  const pct = s.rollup.percentAddressed;
  return (
    <section className="kpis" aria-labelledby="kpis-title">
      <h2 id="kpis-title">
        <FormattedMessage id="dashboard.kpisTitle" />
      </h2>
      <dl className="kpis__list">
        <div className="kpi" data-kpi="activities" data-value={s.activityCount}>
          <dt>
            <FormattedMessage id="dashboard.kpiActivities" />
          </dt>
          <dd className="kpi__value">{intl.formatNumber(s.activityCount)}</dd>
        </div>
        <div className="kpi" data-kpi="partners" data-value={s.partners.count}>
          <dt>
            <FormattedMessage id="dashboard.kpiPartners" />
          </dt>
          <dd className="kpi__value">{intl.formatNumber(s.partners.count)}</dd>
        </div>
        <div className="kpi" data-kpi="addressed" data-value={pct ?? ''}>
          <dt>
            <FormattedMessage id="dashboard.kpiAddressed" />
          </dt>
          <dd className="kpi__value">
            {pct === null ? '—' : intl.formatNumber(pct / 100, { style: 'percent', maximumFractionDigits: 1 })}
          </dd>
          <dd className="kpi__detail">
            <FormattedMessage
              id="dashboard.kpiAddressedDetail"
              values={{ addressed: s.rollup.addressed, leaves: s.rollup.leaves, launched: s.rollup.launched }}
            />
          </dd>
        </div>
        {FUNDING_TYPES.map((type) => {
          const converted = s.funding.converted.find((c) => c.type === type);
          const originals = s.funding.original.filter((o) => o.type === type);
          const unconverted = s.funding.unconverted.filter((o) => o.type === type);
          if (!converted && originals.length === 0) return null;
          return (
            <div
              key={type}
              className="kpi kpi--money"
              data-kpi={`funding-${type}`}
              data-value={converted?.amount ?? ''}
            >
              <dt>
                <FormattedMessage
                  id="dashboard.kpiFunding"
                  values={{ type: labels.fundingType(type), currency: coverage.currency }}
                />
              </dt>
              <dd className="kpi__value">
                {converted ? convertedText(intl, converted) : <FormattedMessage id="dashboard.notConverted" />}
              </dd>
              <dd className="kpi__detail">
                <FormattedMessage
                  id="dashboard.kpiOriginal"
                  values={{ amounts: originalText(intl, s.funding, type) }}
                />
              </dd>
              {unconverted.length > 0 && (
                <dd className="kpi__detail kpi__warning">
                  <FormattedMessage
                    id="dashboard.kpiUnconverted"
                    values={{
                      amounts: unconverted
                        .map((u) => `${formatMoney(intl, u.amount, u.currency)} (${u.year})`)
                        .join('; '),
                    }}
                  />
                </dd>
              )}
            </div>
          );
        })}
      </dl>
      {coverage.rates.some((r) => !r.exact) && (
        <p className="chart__note">
          <FormattedMessage id="dashboard.ratesNotExact" />
        </p>
      )}
    </section>
  );
}

const REPORT_FORMATS = ['html', 'pdf', 'docx', 'xlsx'] as const;

/** The progress report of the view: the same plan, filters and language, in each format. */
function ReportLinks({ slug, params }: { slug: string; params: Record<string, QueryValue> }) {
  const lang = useLang();
  const href = (format: (typeof REPORT_FORMATS)[number]) =>
    `/api/v1/plans/${encodeURIComponent(slug)}/report${queryString({ ...params, format, lang })}`;
  return (
    <section className="report-links no-print" aria-labelledby="report-title">
      <h2 id="report-title">
        <FormattedMessage id="dashboard.reportTitle" />
      </h2>
      <p>
        <FormattedMessage id="dashboard.reportIntro" />
      </p>
      <ul className="report-links__list">
        {REPORT_FORMATS.map((format) => (
          <li key={format}>
            <a href={href(format)} {...(format === 'html' ? {} : { download: '' })}>
              <FormattedMessage id="dashboard.reportFormat" values={{ format }} />
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

function RuleSection({ coverage }: { coverage: CoverageAnswer }) {
  const text = useText();
  const intl = useIntl();
  return (
    <section className="rule" aria-labelledby="rule-title">
      <h2 id="rule-title">
        <FormattedMessage id="dashboard.ruleTitle" />
      </h2>
      <p>{text(coverage.rule.summary)}</p>
      <p>
        <FormattedMessage
          id="dashboard.asOf"
          values={{
            date: intl.formatDate(`${coverage.period.asOf}T12:00:00Z`, { dateStyle: 'long', timeZone: 'UTC' }),
          }}
        />
      </p>
      <details>
        <summary>
          <FormattedMessage id="dashboard.ruleDetails" />
        </summary>
        <ul className="rule__list">
          {coverage.rule.rules.map((r) => (
            <li key={r.id} id={`rule-${r.id}`}>
              {text(r.text)}
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}

function Timeline({ coverage, fileParts }: { coverage: CoverageAnswer; fileParts: string[] }) {
  const intl = useIntl();
  const m = (id: MessageId) => intl.formatMessage({ id });
  const buckets = coverage.breakdowns.byYear ?? [];
  const yearLabel = (y: number | null) => (y === null ? m('dashboard.noDate') : String(y));
  const data: ChartData = {
    columns: [{ label: m('dashboard.colYear') }, { label: m('dashboard.colActivities'), numeric: true }],
    rows: buckets.map((b) => [
      cell(yearLabel(b.year), b.year === null ? '' : b.year),
      cell(intl.formatNumber(b.activityCount), b.activityCount),
    ]),
  };
  const title = m('dashboard.timelineTitle');
  return (
    <ChartFigure
      name="timeline"
      title={title}
      description={<FormattedMessage id="dashboard.timelineHelp" />}
      data={data}
      fileParts={fileParts}
    >
      <ColumnChart
        label={title}
        columns={buckets.map((b) => ({
          key: String(b.year),
          label: yearLabel(b.year),
          value: b.activityCount,
          text: intl.formatNumber(b.activityCount),
        }))}
      />
    </ChartFigure>
  );
}

function MapChart({
  coverage,
  measure,
  fileParts,
  planId,
}: {
  coverage: CoverageAnswer;
  measure: MapMeasure;
  fileParts: string[];
  planId: string;
}) {
  const intl = useIntl();
  const labels = useLabels();
  const paths = usePaths();
  const m = (id: MessageId, v?: Record<string, string>) => intl.formatMessage({ id }, v);
  const byCountry = new Map((coverage.breakdowns.byCountry ?? []).map((b) => [b.country, b]));
  const funding = measure !== 'activities';
  const datum = (
    code: CountryCode,
  ): MapDatum & { exact: boolean | null; complete: boolean | null; original: string } => {
    const b = byCountry.get(code);
    if (!funding) {
      const v = b?.activityCount ?? 0;
      return {
        code,
        name: labels.country(code),
        value: v,
        text: intl.formatNumber(v),
        href: paths.activities({ plan: planId, country: [code] }),
        exact: null,
        complete: null,
        original: '',
      };
    }
    const c = b?.funding.converted.find((x) => x.type === measure);
    const v = c ? Number(c.amount) : 0;
    return {
      code,
      name: labels.country(code),
      value: v,
      text: c ? convertedText(intl, c) : intl.formatNumber(0),
      href: paths.activities({ plan: planId, country: [code] }),
      exact: c?.exact ?? null,
      complete: c?.complete ?? null,
      original: b ? originalCsv(b.funding, measure) : '',
    };
  };
  const all = COUNTRY_CODES.map(datum);
  const max = Math.max(0, ...all.map((d) => d.value));
  const bins = binsFor(max, 5, !funding);
  const region = byCountry.get(REGION_CODE);
  const valueLabel = funding
    ? m('dashboard.colConverted', { currency: coverage.currency })
    : m('dashboard.colActivities');
  const data: ChartData = {
    columns: [
      { label: m('dashboard.colCountry') },
      { label: m('dashboard.colCode') },
      { label: valueLabel, numeric: true },
      ...(funding
        ? [
            { label: m('dashboard.colExact') },
            { label: m('dashboard.colComplete') },
            { label: m('dashboard.colOriginal') },
          ]
        : []),
    ],
    rows: all.map((d) => [
      cell(d.name, d.name),
      cell(d.code, d.code),
      cell(
        d.text,
        funding ? (byCountry.get(d.code)?.funding.converted.find((x) => x.type === measure)?.amount ?? 0) : d.value,
      ),
      ...(funding
        ? [
            cell(d.exact === null ? '—' : m(d.exact ? 'dashboard.yes' : 'dashboard.no'), d.exact),
            cell(d.complete === null ? '—' : m(d.complete ? 'dashboard.yes' : 'dashboard.no'), d.complete),
            cell(d.original || '—', d.original),
          ]
        : []),
    ]),
  };
  const title = m('dashboard.mapTitle', {
    measure: funding ? labels.fundingType(measure) : m('dashboard.mapByActivities'),
  });
  const format = (n: number) => (funding ? formatMoney(intl, String(n), coverage.currency) : intl.formatNumber(n));
  return (
    <ChartFigure
      name="map"
      title={title}
      description={
        <>
          <FormattedMessage id="dashboard.mapHelp" />{' '}
          {region && <FormattedMessage id="dashboard.mapRegion" values={{ count: region.activityCount }} />}
        </>
      }
      data={data}
      fileParts={fileParts}
      legend={<SequentialLegend bins={bins} format={format} integer={!funding} />}
    >
      <AseanMap label={title} data={all} bins={bins} />
    </ChartFigure>
  );
}

function Gaps({ coverage }: { coverage: CoverageAnswer }) {
  const text = useText();
  const paths = usePaths();
  return (
    <section className="gaps" aria-labelledby="gaps-title">
      <h2 id="gaps-title">
        <FormattedMessage id="dashboard.gapsTitle" values={{ count: coverage.gaps.length }} />
      </h2>
      {coverage.gaps.length === 0 ? (
        <p>
          <FormattedMessage id="dashboard.noGaps" />
        </p>
      ) : (
        <ul className="gaps__list">
          {coverage.gaps.map((g) => (
            <li key={g.nodeId} data-gap={g.nodeId}>
              <Link to={paths.node(g.nodeId)}>
                {g.code} {text(g.title)}
              </Link>{' '}
              <span className="gaps__reason">
                <FormattedMessage id="dashboard.gapReason" values={{ reason: g.reason, count: g.activityCount }} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
