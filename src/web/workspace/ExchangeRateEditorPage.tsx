import { useMemo, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useNavigate, useParams } from 'react-router';
import type { ExchangeRateView } from '../../shared/api-types';
import { exchangeRateBodySchema, exchangeRateInputSchema } from '../../shared/schemas/exchange-rate.schema';
import { useLoader } from '../api/useApi';
import { exchangeRates } from '../api/workspace';
import { ErrorState } from '../components/ErrorSummary';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { useDocumentTitle } from '../lib/documentTitle';
import { requestHeadingFocus } from '../lib/focus';
import { usePaths } from '../lib/paths';
import { ConfirmAction } from './ConfirmAction';
import { EmptyValue } from './ConflictPanel';
import { TextAreaField, TextField } from './form';
import { RequireRole } from './guards';
import { HistorySection } from './HistorySection';
import { pathMerge, SaveFeedback, useVersionedForm } from './versionedForm';
import { WorkspaceBreadcrumb } from './WorkspaceBreadcrumb';

/** The rate as its form holds it: every field as typed. */
export interface RateForm {
  currency: string;
  year: string;
  cadPerUnit: string;
  source: string;
  note: string;
}

const FIELDS = ['currency', 'year', 'cadPerUnit', 'source', 'note'] as const;
const CONTROLS: ReadonlySet<string> = new Set(FIELDS);
const MERGE_FIELDS = ['cadPerUnit', 'source', 'note'] as const;

function formFrom(r: ExchangeRateView): RateForm {
  return { currency: r.currency, year: String(r.year), cadPerUnit: r.cadPerUnit, source: r.source, note: r.note ?? '' };
}

const EMPTY: RateForm = { currency: '', year: '', cadPerUnit: '', source: '', note: '' };

/** The body of the rate (what `PUT …/:currency/:year` takes). */
function bodyOf(f: RateForm) {
  return { cadPerUnit: f.cadPerUnit, source: f.source, note: f.note };
}

/** A new rate: its key as well, the year as a number when it is one (the schema says what is wrong otherwise). */
function newRateOf(f: RateForm) {
  const year = f.year.trim();
  return { currency: f.currency.trim().toUpperCase(), year: /^\d+$/.test(year) ? Number(year) : year, ...bodyOf(f) };
}

function useFieldLabel() {
  const intl = useIntl();
  return (path: string): string => {
    const id = (
      {
        currency: 'rates.currency',
        year: 'rates.year',
        cadPerUnit: 'rates.cadPerUnit',
        source: 'rates.source',
        note: 'rates.note',
      } as const
    )[path as (typeof FIELDS)[number]];
    return id ? intl.formatMessage({ id }) : '';
  };
}

function RateEditor({ rate }: { rate: ExchangeRateView | null }) {
  const paths = usePaths();
  const navigate = useNavigate();
  const fieldLabel = useFieldLabel();
  const initial = useMemo(() => (rate ? formFrom(rate) : EMPTY), [rate]);
  const editor = useVersionedForm({
    initial,
    version: rate?.version,
    schema: rate ? exchangeRateBodySchema : exchangeRateInputSchema,
    toInput: (f: RateForm) => (rate ? bodyOf(f) : newRateOf(f)),
    write: async (_input, _parsed, basedOn) => {
      const key = rate ? { currency: rate.currency, year: rate.year } : newRateOf(editor.form);
      const saved = await exchangeRates.put(key.currency, Number(key.year), basedOn, bodyOf(editor.form));
      return saved.data;
    },
    onSaved: (saved) => {
      requestHeadingFocus();
      void navigate(paths.exchangeRates(), { state: { saved: `${saved.currency} ${saved.year}` } });
    },
    fromCurrent: (current) => formFrom(current as ExchangeRateView),
    merge: pathMerge<RateForm>(MERGE_FIELDS),
  });
  const { form, set, byPath, busy } = editor;
  const describe = (f: RateForm, field: string): ReactNode => {
    const v = f[field as keyof RateForm];
    return v.trim() ? v : <EmptyValue />;
  };

  return (
    <section className="section section--tight" aria-labelledby="rate-form-title">
      <h2 id="rate-form-title">
        <FormattedMessage id="rates.formTitle" />
      </h2>
      <SaveFeedback state={editor} fieldLabel={fieldLabel} describe={describe} knownPaths={CONTROLS} />
      <form className="stack-form" onSubmit={editor.onSubmit} noValidate aria-labelledby="rate-form-title">
        {!rate && (
          <>
            <TextField
              path="currency"
              label={<FormattedMessage id="rates.currency" />}
              hint={<FormattedMessage id="rates.currencyHint" />}
              issues={byPath}
              value={form.currency}
              maxLength={3}
              inputClassName="input--currency"
              onChange={(v) => set('currency', v)}
            />
            <TextField
              path="year"
              label={<FormattedMessage id="rates.year" />}
              issues={byPath}
              value={form.year}
              inputMode="numeric"
              maxLength={4}
              inputClassName="input--year"
              onChange={(v) => set('year', v)}
            />
          </>
        )}
        <TextField
          path="cadPerUnit"
          label={<FormattedMessage id="rates.cadPerUnit" />}
          hint={<FormattedMessage id="rates.cadPerUnitHint" />}
          issues={byPath}
          value={form.cadPerUnit}
          inputMode="decimal"
          inputClassName="input--amount"
          onChange={(v) => set('cadPerUnit', v)}
        />
        <TextAreaField
          path="source"
          label={<FormattedMessage id="rates.source" />}
          hint={<FormattedMessage id="rates.sourceHint" />}
          issues={byPath}
          value={form.source}
          rows={2}
          onChange={(v) => set('source', v)}
        />
        <TextAreaField
          path="note"
          label={<FormattedMessage id="rates.note" />}
          optional
          issues={byPath}
          value={form.note}
          rows={3}
          onChange={(v) => set('note', v)}
        />
        <div className="form-actions">
          <button type="submit" className="button" aria-disabled={busy || undefined}>
            <FormattedMessage id={busy ? 'editor.saving' : 'editor.save'} />
          </button>
          <Link to={paths.exchangeRates()} className="form-actions__cancel">
            <FormattedMessage id="form.cancel" />
          </Link>
        </div>
      </form>
    </section>
  );
}

function ExistingRate({ currency, year }: { currency: string; year: number }) {
  const intl = useIntl();
  const paths = usePaths();
  const navigate = useNavigate();
  const record = useLoader(`rate:${currency}:${year}`, (signal) => exchangeRates.get(currency, year, signal), {
    keepPrevious: true,
  });
  const title = intl.formatMessage({ id: 'rates.editTitle' }, { currency, year });
  useDocumentTitle(title);
  if (record.error) return <ErrorState error={record.error} onRetry={record.reload} />;
  const rate = record.data?.data;
  if (!rate) return <Loading />;
  const name = `${rate.currency} ${rate.year}`;
  return (
    <div className="workspace-page">
      <WorkspaceBreadcrumb
        trail={[{ label: <FormattedMessage id="rates.title" />, to: paths.exchangeRates() }]}
        current={title}
      />
      <PageHeading>{title}</PageHeading>
      <p className="page-header__meta">
        <FormattedMessage id="rates.version" values={{ version: rate.version }} />
      </p>
      <RateEditor key={rate.version} rate={rate} />
      <section className="section no-print" aria-labelledby="rate-delete-title">
        <h2 id="rate-delete-title">
          <FormattedMessage id="rates.deleteTitle" />
        </h2>
        <p className="section__intro">
          <FormattedMessage id="rates.deleteIntro" />
        </p>
        <ConfirmAction
          destructive
          label={<FormattedMessage id="rates.delete" values={{ rate: name }} />}
          question={<FormattedMessage id="rates.deleteQuestion" values={{ rate: name }} />}
          confirmLabel={<FormattedMessage id="rates.deleteConfirm" />}
          onConfirm={async () => {
            await exchangeRates.remove(rate.currency, rate.year, rate.version);
            requestHeadingFocus();
            void navigate(paths.exchangeRates(), { state: { removed: name } });
          }}
        />
      </section>
      <HistorySection
        loaderKey={`rate-history:${currency}:${year}:${rate.version}`}
        load={(signal) => exchangeRates.history(currency, year, signal)}
        currentVersion={rate.version}
        canRestore={false}
      />
    </div>
  );
}

function NewRate() {
  const intl = useIntl();
  const paths = usePaths();
  const title = intl.formatMessage({ id: 'rates.newTitle' });
  useDocumentTitle(title);
  return (
    <div className="workspace-page">
      <WorkspaceBreadcrumb
        trail={[{ label: <FormattedMessage id="rates.title" />, to: paths.exchangeRates() }]}
        current={title}
      />
      <PageHeading>{title}</PageHeading>
      <RateEditor rate={null} />
    </div>
  );
}

/**
 * `/:lang/workspace/exchange-rates/new` and `/:lang/workspace/exchange-rates/:currency/:year`
 * (administrators): a rate's value, source and note, saved against the version read; deleting it;
 * its history.
 */
export default function ExchangeRateEditorPage() {
  const { currency, year } = useParams();
  return (
    <RequireRole action="rates:manage">
      {currency && year ? (
        <ExistingRate key={`${currency}-${year}`} currency={currency} year={Number(year)} />
      ) : (
        <NewRate />
      )}
    </RequireRole>
  );
}
