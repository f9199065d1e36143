import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useLocation } from 'react-router';
import type { ExchangeRateView } from '../../shared/api-types';
import { api } from '../api/client';
import { useApi } from '../api/useApi';
import { Breadcrumb } from '../components/Breadcrumb';
import { ErrorState } from '../components/ErrorSummary';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { useDocumentTitle } from '../lib/documentTitle';
import { usePaths } from '../lib/paths';
import { DataTable, type Column } from '../workspace/DataTable';
import { StatusMessage } from '../workspace/form';
import { useSession } from '../workspace/session';

/** A decimal kept exact (never through a float), with the locale's decimal separator. */
function DecimalText({ value }: { value: string }) {
  const intl = useIntl();
  const separator = intl.formatNumber(1.5).replace(/\d/g, '') || '.';
  return <span className="numeric">{value.replace('.', separator)}</span>;
}

function SourceText({ source }: { source: string }) {
  return /^https?:\/\//.test(source) ? (
    <a href={source} rel="noopener noreferrer">
      {source}
    </a>
  ) : (
    <>{source}</>
  );
}

/** One source (and note) shared by some years of a currency, listed once under its table. */
interface RateSource {
  key: string;
  source: string;
  note: string | null;
  years: number[];
}

function sourceKey(r: ExchangeRateView): string {
  return `${r.source}\u0000${r.note ?? ''}`;
}

/** The distinct sources of one currency's rates, in the order of their first year. */
function sourcesOf(rows: readonly ExchangeRateView[]): RateSource[] {
  const byKey = new Map<string, RateSource>();
  for (const r of [...rows].sort((a, b) => a.year - b.year)) {
    const key = sourceKey(r);
    const known = byKey.get(key);
    if (known) known.years.push(r.year);
    else byKey.set(key, { key, source: r.source, note: r.note ?? null, years: [r.year] });
  }
  return [...byKey.values()];
}

/** Years as ranges: 2008–2016, 2018. */
function yearRanges(years: readonly number[]): string {
  const parts: string[] = [];
  let start: number | undefined;
  let prev: number | undefined;
  for (const y of [...years].sort((a, b) => a - b)) {
    if (start !== undefined && prev !== undefined && y === prev + 1) {
      prev = y;
      continue;
    }
    if (start !== undefined && prev !== undefined) parts.push(start === prev ? `${start}` : `${start}–${prev}`);
    start = y;
    prev = y;
  }
  if (start !== undefined && prev !== undefined) parts.push(start === prev ? `${start}` : `${start}–${prev}`);
  return parts.join(', ');
}

/** What the editor says it just did when it comes back here. */
function flashOf(state: unknown): { saved?: string; removed?: string } {
  if (typeof state !== 'object' || state === null) return {};
  const { saved, removed } = state as Record<string, unknown>;
  return {
    ...(typeof saved === 'string' ? { saved } : {}),
    ...(typeof removed === 'string' ? { removed } : {}),
  };
}

/**
 * `/:lang/exchange-rates`: the table that converts funding into the reporting currency, with the
 * source of every rate, for everyone to check; administrators add, edit and delete rates from here.
 */
export default function ExchangeRatesPage() {
  const intl = useIntl();
  const paths = usePaths();
  const location = useLocation();
  const session = useSession();
  const state = useApi(api.exchangeRates());
  const title = intl.formatMessage({ id: 'rates.title' });
  useDocumentTitle(title);
  const manage = session.can('rates:manage');
  const flash = flashOf(location.state);

  if (state.error) return <ErrorState error={state.error} onRetry={state.reload} />;
  const rates = state.data?.items;

  const currencies = [...new Set((rates ?? []).map((r) => r.currency))];
  const columnsFor = (sources: readonly RateSource[]): Column<ExchangeRateView>[] => [
    { key: 'year', header: <FormattedMessage id="rates.year" />, cell: (r) => r.year },
    {
      key: 'rate',
      header: <FormattedMessage id="rates.cadPerUnit" />,
      cell: (r) => <DecimalText value={r.cadPerUnit} />,
    },
    ...(sources.length > 1
      ? [
          {
            key: 'source',
            header: <FormattedMessage id="rates.sourceNumber" />,
            cell: (r: ExchangeRateView) => sources.findIndex((s) => s.key === sourceKey(r)) + 1,
          },
        ]
      : []),
    ...(manage
      ? [
          {
            key: 'edit',
            header: <FormattedMessage id="rates.actions" />,
            cell: (r: ExchangeRateView) => (
              <Link to={paths.editExchangeRate(r.currency, r.year)}>
                <FormattedMessage id="rates.edit" values={{ currency: r.currency, year: r.year }} />
              </Link>
            ),
          },
        ]
      : []),
  ];

  return (
    <div className="list-page">
      <Breadcrumb items={[{ label: <FormattedMessage id="nav.home" />, to: paths.home() }, { label: title }]} />
      <header className="page-header">
        <PageHeading>{title}</PageHeading>
        <p className="lead">
          <FormattedMessage id="rates.intro" />
        </p>
      </header>
      {flash.saved && (
        <StatusMessage focus>
          <FormattedMessage id="rates.saved" values={{ rate: flash.saved }} />
        </StatusMessage>
      )}
      {flash.removed && (
        <StatusMessage focus>
          <FormattedMessage id="rates.removed" values={{ rate: flash.removed }} />
        </StatusMessage>
      )}
      {manage && (
        <p className="no-print">
          <Link to={paths.newExchangeRate()} className="button">
            <FormattedMessage id="rates.add" />
          </Link>
        </p>
      )}
      {!rates ? (
        <Loading />
      ) : (
        <div className="rates-grid">
          {currencies.map((currency) => {
            const rows = rates.filter((r) => r.currency === currency);
            const sources = sourcesOf(rows);
            return (
              <section key={currency} className="section rates-currency" aria-labelledby={`rates-${currency}`}>
                <h2 id={`rates-${currency}`}>
                  <FormattedMessage id="rates.currencyTitle" values={{ currency }} />
                </h2>
                <DataTable
                  caption={<FormattedMessage id="rates.caption" values={{ currency }} />}
                  columns={columnsFor(sources)}
                  rows={rows}
                  rowKey={(r) => `${r.currency}-${r.year}`}
                />
                <h3 id={`rates-${currency}-sources`}>
                  <FormattedMessage id="rates.sources" values={{ count: sources.length }} />
                </h3>
                <ol className="rate-sources" aria-labelledby={`rates-${currency}-sources`}>
                  {sources.map((s) => (
                    <li key={s.key}>
                      <span className="rate-sources__years">{yearRanges(s.years)}</span>
                      {': '}
                      <SourceText source={s.source} />
                      {s.note && <span className="rate-sources__note"> {s.note}</span>}
                    </li>
                  ))}
                </ol>
              </section>
            );
          })}
        </div>
      )}
      <p className="no-print">
        <a href={api.exchangeRates().url}>
          <FormattedMessage id="rates.json" />
        </a>
      </p>
    </div>
  );
}
