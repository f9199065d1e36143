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
  const columns: Column<ExchangeRateView>[] = [
    { key: 'year', header: <FormattedMessage id="rates.year" />, cell: (r) => r.year },
    {
      key: 'rate',
      header: <FormattedMessage id="rates.cadPerUnit" />,
      cell: (r) => <DecimalText value={r.cadPerUnit} />,
    },
    { key: 'source', header: <FormattedMessage id="rates.source" />, cell: (r) => <SourceText source={r.source} /> },
    { key: 'note', header: <FormattedMessage id="rates.note" />, cell: (r) => r.note ?? '' },
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
        currencies.map((currency) => (
          <section key={currency} className="section" aria-labelledby={`rates-${currency}`}>
            <h2 id={`rates-${currency}`}>
              <FormattedMessage id="rates.currencyTitle" values={{ currency }} />
            </h2>
            <DataTable
              caption={<FormattedMessage id="rates.caption" values={{ currency }} />}
              columns={columns}
              rows={rates.filter((r) => r.currency === currency)}
              rowKey={(r) => `${r.currency}-${r.year}`}
            />
          </section>
        ))
      )}
      <p className="no-print">
        <a href={api.exchangeRates().url}>
          <FormattedMessage id="rates.json" />
        </a>
      </p>
    </div>
  );
}
