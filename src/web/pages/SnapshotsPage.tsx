import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { FormattedDate, FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { SnapshotComparison, SnapshotMove, SnapshotSide, SnapshotSummary } from '../../shared/api-types';
import { DEFAULT_ADDRESSED_SHARE, REPORTING_CURRENCIES, type CoverageState } from '../../shared/coverage';
import { isPartialDate } from '../../shared/partial-date';
import { CURRENT, snapshotCompareQuerySchema, snapshotInputSchema } from '../../shared/schemas/snapshot.schema';
import { api } from '../api/client';
import { useApi } from '../api/useApi';
import { snapshots } from '../api/workspace';
import { Breadcrumb } from '../components/Breadcrumb';
import { ApiErrorMessage, ErrorState, ErrorSummary, type SummaryIssue } from '../components/ErrorSummary';
import { Loading } from '../components/Loading';
import { Localized, useText } from '../components/Localized';
import { PageHeading } from '../components/PageHeading';
import type { MessageId } from '../i18n';
import { useDocumentTitle } from '../lib/documentTitle';
import { usePaths } from '../lib/paths';
import { ConfirmAction } from '../workspace/ConfirmAction';
import { DataTable, type Column } from '../workspace/DataTable';
import { FieldShell, FormErrorSummary, SelectField, StatusMessage, TextAreaField, TextField } from '../workspace/form';
import { controlPathFor, issuesFromZod, type FormIssue } from '../workspace/issues';
import { useSession } from '../workspace/session';
import { useSubmitState } from '../workspace/versionedForm';
import '../styles/snapshots.css';

/** A reference date (YYYY-MM-DD) in the page language, as the dashboard writes it. */
function longDate(intl: IntlShape, day: string): string {
  return intl.formatDate(`${day}T12:00:00Z`, { dateStyle: 'long', timeZone: 'UTC' });
}

function percentText(intl: IntlShape, percent: number | null): string {
  return percent === null ? '—' : intl.formatNumber(percent / 100, { style: 'percent', maximumFractionDigits: 1 });
}

/** "8 of 17 action lines addressed (47.1%)". */
function AddressedText({ rollup }: { rollup: SnapshotSummary['rollup'] }) {
  const intl = useIntl();
  if (rollup.leaves === 0) return <FormattedMessage id="snapshots.noLeaves" />;
  return (
    <FormattedMessage
      id="snapshots.addressed"
      values={{
        addressed: rollup.addressed,
        leaves: rollup.leaves,
        percent: percentText(intl, rollup.percentAddressed),
      }}
    />
  );
}

function StateText({ state }: { state: CoverageState | null }) {
  return <FormattedMessage id="snapshots.state" values={{ state: state ?? 'none' }} />;
}

const hidden = (chunks: ReactNode[]) => <span className="visually-hidden">{chunks}</span>;

/** What the page just did, said once at its top. */
type Flash =
  { n: number; kind: 'created'; label: string; asOf: string } | { n: number; kind: 'withdrawn'; label: string };

/* ---------- The freeze form (reviewers and administrators) ---------- */

/** The snapshot as its form holds it: every field as typed. */
interface FreezeDraft {
  label: string;
  asOf: string;
  note: string;
  addressedShare: string;
  currency: string;
}

const FIELD_LABELS: Readonly<Record<string, MessageId>> = {
  label: 'snapshots.label',
  asOf: 'snapshots.asOf',
  note: 'snapshots.note',
  addressedShare: 'snapshots.share',
  currency: 'snapshots.currency',
};

const FREEZE_FIELDS: ReadonlySet<string> = new Set(Object.keys(FIELD_LABELS));

const today = () => new Date().toISOString().slice(0, 10);

const emptyDraft = (): FreezeDraft => ({
  label: '',
  asOf: today(),
  note: '',
  addressedShare: String(DEFAULT_ADDRESSED_SHARE),
  currency: REPORTING_CURRENCIES[0],
});

/** The form as the API input: the share as a number when it reads as one (either decimal mark). */
function inputOf(f: FreezeDraft) {
  const share = f.addressedShare.trim().replace(',', '.');
  return {
    label: f.label,
    note: f.note,
    asOf: f.asOf,
    addressedShare: share === '' ? undefined : /^\d*\.?\d+$/.test(share) ? Number(share) : share,
    currency: f.currency,
  };
}

const isDay = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && isPartialDate(v);

function FreezeForm({ slug, onCreated }: { slug: string; onCreated: (created: SnapshotSummary) => void }) {
  const intl = useIntl();
  const [form, setForm] = useState<FreezeDraft>(emptyDraft);
  const state = useSubmitState();
  const set = (key: keyof FreezeDraft, value: string) => setForm((f) => ({ ...f, [key]: value }));
  const m = (id: MessageId) => intl.formatMessage({ id });

  /** The schema's issues, with the date and the share explained in the page language, once per field and text. */
  const localize = (issues: FormIssue[]): FormIssue[] => {
    const seen = new Set<string>();
    return issues
      .map((i): FormIssue => {
        if (i.path === 'asOf') {
          return { path: i.path, message: m(isDay(form.asOf) ? 'snapshots.issue.asOfFuture' : 'snapshots.issue.asOf') };
        }
        if (i.path === 'addressedShare') return { path: i.path, message: m('snapshots.issue.share') };
        return i;
      })
      .filter((i) => {
        const key = `${i.path}|${i.message}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = snapshotInputSchema.safeParse(inputOf(form));
    void state.submit(
      () => (parsed.success ? [] : localize(issuesFromZod(intl, parsed.error))),
      async () => {
        if (!parsed.success) return;
        const created = await snapshots.create(slug, parsed.data);
        setForm(emptyDraft());
        onCreated(created.data);
      },
    );
  };

  const label = (path: string): string => {
    const id = FIELD_LABELS[path];
    return id ? m(id) : '';
  };

  const { byPath, busy } = state;
  return (
    <section className="section no-print" aria-labelledby="freeze-title">
      <h2 id="freeze-title">
        <FormattedMessage id="snapshots.formTitle" />
      </h2>
      <p className="section__intro">
        <FormattedMessage id="snapshots.formIntro" />
      </p>
      <FormErrorSummary
        issues={state.issues}
        labelFor={label}
        targetFor={(p) => controlPathFor(p, FREEZE_FIELDS)}
        focusKey={state.failures}
      />
      <form id="snapshot-form" className="stack-form" onSubmit={onSubmit} noValidate aria-labelledby="freeze-title">
        <TextField
          path="label"
          label={<FormattedMessage id="snapshots.label" />}
          hint={<FormattedMessage id="snapshots.labelHint" />}
          issues={byPath}
          value={form.label}
          maxLength={200}
          onChange={(v) => set('label', v)}
        />
        <FieldShell
          path="asOf"
          label={<FormattedMessage id="snapshots.asOf" />}
          hint={<FormattedMessage id="snapshots.asOfHint" />}
          issue={byPath.get('asOf')}
        >
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              name="asOf"
              type="date"
              className="input input--date"
              value={form.asOf}
              max={today()}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(e) => set('asOf', e.target.value)}
            />
          )}
        </FieldShell>
        <TextAreaField
          path="note"
          label={<FormattedMessage id="snapshots.note" />}
          optional
          issues={byPath}
          value={form.note}
          rows={3}
          maxLength={2000}
          onChange={(v) => set('note', v)}
        />
        <TextField
          path="addressedShare"
          label={<FormattedMessage id="snapshots.share" />}
          hint={<FormattedMessage id="snapshots.shareHint" />}
          issues={byPath}
          value={form.addressedShare}
          inputMode="decimal"
          inputClassName="input--share"
          onChange={(v) => set('addressedShare', v)}
        />
        <SelectField
          path="currency"
          label={<FormattedMessage id="snapshots.currency" />}
          issues={byPath}
          value={form.currency}
          options={REPORTING_CURRENCIES.map((c) => ({ value: c, label: c }))}
          onChange={(v) => set('currency', v)}
        />
        <div className="form-actions">
          <button type="submit" className="button" aria-disabled={busy || undefined}>
            <FormattedMessage id={busy ? 'snapshots.saving' : 'snapshots.submit'} />
          </button>
        </div>
      </form>
    </section>
  );
}

/* ---------- The list ---------- */

function SnapshotTable({
  plan,
  items,
  canWithdraw,
  onWithdraw,
}: {
  plan: string;
  items: readonly SnapshotSummary[];
  canWithdraw: boolean;
  onWithdraw: (s: SnapshotSummary) => Promise<void>;
}) {
  const intl = useIntl();
  const columns: Column<SnapshotSummary>[] = [
    {
      key: 'name',
      header: <FormattedMessage id="snapshots.colName" />,
      cell: (s) => (
        <>
          {s.label}
          {s.note && <span className="table__note">{s.note}</span>}
        </>
      ),
    },
    {
      key: 'asOf',
      header: <FormattedMessage id="snapshots.colAsOf" />,
      cell: (s) => (
        <>
          <span className="nowrap">{longDate(intl, s.asOf)}</span>
          <span className="table__note">
            <FormattedMessage
              id="snapshots.rule"
              values={{
                share: intl.formatNumber(s.addressedShare, { style: 'percent', maximumFractionDigits: 1 }),
                currency: s.currency,
              }}
            />
          </span>
        </>
      ),
    },
    {
      key: 'addressed',
      header: <FormattedMessage id="snapshots.colAddressed" />,
      cell: (s) => <AddressedText rollup={s.rollup} />,
    },
    {
      key: 'activities',
      header: <FormattedMessage id="snapshots.colActivities" />,
      cell: (s) => intl.formatNumber(s.activityCount),
    },
    { key: 'gaps', header: <FormattedMessage id="snapshots.colGaps" />, cell: (s) => intl.formatNumber(s.gapCount) },
    {
      key: 'frozen',
      header: <FormattedMessage id="snapshots.colFrozen" />,
      cell: (s) => {
        const date = <FormattedDate value={s.createdAt} dateStyle="medium" />;
        return s.createdBy ? (
          <FormattedMessage id="snapshots.frozenBy" values={{ date, name: s.createdBy }} />
        ) : (
          <FormattedMessage id="snapshots.frozenByGone" values={{ date }} />
        );
      },
    },
    ...(canWithdraw
      ? [
          {
            key: 'withdraw',
            header: <FormattedMessage id="snapshots.colActions" />,
            cell: (s: SnapshotSummary) => (
              <ConfirmAction
                destructive
                small
                label={<FormattedMessage id="snapshots.withdraw" values={{ label: s.label, hidden }} />}
                question={<FormattedMessage id="snapshots.withdrawQuestion" values={{ label: s.label }} />}
                confirmLabel={<FormattedMessage id="snapshots.withdrawConfirm" />}
                onConfirm={() => onWithdraw(s)}
              />
            ),
          },
        ]
      : []),
  ];
  return (
    <DataTable
      caption={<FormattedMessage id="snapshots.caption" values={{ plan }} />}
      columns={columns}
      rows={items}
      rowKey={(s) => s.id}
    />
  );
}

/* ---------- Comparing ---------- */

interface Selection {
  from: string;
  to: string;
}

function CompareForm({
  slug,
  items,
  selection,
  onCompare,
}: {
  slug: string;
  items: readonly SnapshotSummary[];
  selection: Selection;
  onCompare: (s: Selection) => void;
}) {
  const intl = useIntl();
  const paths = usePaths();
  const known = [
    ...items.map((s) => ({
      value: s.id,
      label: intl.formatMessage({ id: 'snapshots.option' }, { label: s.label, date: longDate(intl, s.asOf) }),
    })),
    { value: CURRENT, label: intl.formatMessage({ id: 'snapshots.current' }) },
  ];
  const select = (name: keyof Selection, label: MessageId) => {
    const value = selection[name];
    // A value the address holds but no snapshot has (withdrawn, mistyped) stays visible as it is.
    const options = known.some((o) => o.value === value) || value === '' ? known : [...known, { value, label: value }];
    return (
      <div className="field compare-form__field">
        <label htmlFor={`compare-${name}`} className="field__label">
          <FormattedMessage id={label} />
        </label>
        <select id={`compare-${name}`} name={name} className="select" defaultValue={value}>
          {value === '' && <option value="">{intl.formatMessage({ id: 'form.choose' })}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    );
  };
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const read = (name: string) => {
      const v = data.get(name);
      return typeof v === 'string' ? v : '';
    };
    onCompare({ from: read('from'), to: read('to') });
  };
  return (
    <form
      className="compare-form no-print"
      method="get"
      action={paths.snapshots(slug)}
      onSubmit={onSubmit}
      aria-labelledby="compare-title"
    >
      <div className="compare-form__fields">
        {select('from', 'snapshots.from')}
        {select('to', 'snapshots.to')}
      </div>
      <p className="compare-form__actions">
        <button type="submit" className="button">
          <FormattedMessage id="snapshots.compare" />
        </button>
      </p>
    </form>
  );
}

function sideName(intl: IntlShape, side: SnapshotSide): string {
  return side.id === CURRENT || side.label === null ? intl.formatMessage({ id: 'snapshots.current' }) : side.label;
}

interface SummaryRow {
  key: string;
  label: ReactNode;
  from: ReactNode;
  to: ReactNode;
  change: ReactNode;
}

function ComparisonView({ comparison, focus }: { comparison: SnapshotComparison; focus: boolean }) {
  const intl = useIntl();
  const paths = usePaths();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) headingRef.current?.focus();
  }, [focus]);
  const { from, to, leafTransitions, moves } = comparison;
  const fromName = sideName(intl, from);
  const toName = sideName(intl, to);
  const num = (n: number) => intl.formatNumber(n);
  const change = (a: number, b: number) => intl.formatNumber(b - a, { signDisplay: 'exceptZero' });
  const count = (label: MessageId, key: keyof SnapshotSide['rollup'], a: number, b: number): SummaryRow => ({
    key,
    label: <FormattedMessage id={label} />,
    from: num(a),
    to: num(b),
    change: change(a, b),
  });
  const summary: SummaryRow[] = [
    {
      key: 'asOf',
      label: <FormattedMessage id="snapshots.rowAsOf" />,
      from: longDate(intl, from.asOf),
      to: longDate(intl, to.asOf),
      change: '',
    },
    count('snapshots.rowAddressed', 'addressed', from.rollup.addressed, to.rollup.addressed),
    count('snapshots.rowLaunched', 'launched', from.rollup.launched, to.rollup.launched),
    count('snapshots.rowNotStarted', 'notStarted', from.rollup.notStarted, to.rollup.notStarted),
    count('snapshots.rowLeaves', 'leaves', from.rollup.leaves, to.rollup.leaves),
    {
      key: 'percent',
      label: <FormattedMessage id="snapshots.rowPercent" />,
      from: percentText(intl, from.rollup.percentAddressed),
      to: percentText(intl, to.rollup.percentAddressed),
      change:
        from.rollup.percentAddressed === null || to.rollup.percentAddressed === null
          ? ''
          : intl.formatMessage(
              { id: 'snapshots.points' },
              {
                points: intl.formatNumber(
                  Math.round((to.rollup.percentAddressed - from.rollup.percentAddressed) * 10) / 10,
                  { signDisplay: 'exceptZero', maximumFractionDigits: 1 },
                ),
              },
            ),
    },
    {
      key: 'activities',
      label: <FormattedMessage id="snapshots.rowActivities" />,
      from: num(from.activityCount),
      to: num(to.activityCount),
      change: change(from.activityCount, to.activityCount),
    },
  ];
  const summaryColumns: Column<SummaryRow>[] = [
    { key: 'label', header: <FormattedMessage id="snapshots.colFigure" />, cell: (r) => r.label },
    { key: 'from', header: fromName, cell: (r) => r.from },
    { key: 'to', header: toName, cell: (r) => r.to },
    { key: 'change', header: <FormattedMessage id="snapshots.colChange" />, cell: (r) => r.change },
  ];

  type Transition = SnapshotComparison['leafTransitions'][number];
  const transitionColumns: Column<Transition>[] = [
    {
      key: 'from',
      header: <FormattedMessage id="snapshots.colFromState" />,
      cell: (t) => <StateText state={t.from} />,
    },
    { key: 'to', header: <FormattedMessage id="snapshots.colToState" />, cell: (t) => <StateText state={t.to} /> },
    { key: 'count', header: <FormattedMessage id="snapshots.colLines" />, cell: (t) => num(t.count) },
  ];

  const moveColumns: Column<SnapshotMove>[] = [
    { key: 'code', header: <FormattedMessage id="snapshots.colCode" />, cell: (mv) => mv.code },
    {
      key: 'title',
      header: <FormattedMessage id="snapshots.colTitle" />,
      cell: (mv) => (
        <Link to={paths.node(mv.nodeId)}>
          <Localized value={mv.title} />
        </Link>
      ),
    },
    {
      key: 'from',
      header: <FormattedMessage id="snapshots.colFromState" />,
      cell: (mv) => <StateText state={mv.from} />,
    },
    { key: 'to', header: <FormattedMessage id="snapshots.colToState" />, cell: (mv) => <StateText state={mv.to} /> },
    {
      key: 'direction',
      header: <FormattedMessage id="snapshots.colDirection" />,
      cell: (mv) => (
        <span className={`snapshot-move snapshot-move--${mv.direction}`}>
          <span className="snapshot-move__mark" aria-hidden="true">
            {{ progress: '▲', regress: '▼', added: '+', removed: '−' }[mv.direction]}
          </span>{' '}
          <FormattedMessage id="snapshots.direction" values={{ direction: mv.direction }} />
        </span>
      ),
    },
    {
      key: 'activitiesFrom',
      header: <FormattedMessage id="snapshots.colActivitiesFrom" />,
      cell: (mv) => num(mv.fromActivityCount),
    },
    {
      key: 'activitiesTo',
      header: <FormattedMessage id="snapshots.colActivitiesTo" />,
      cell: (mv) => num(mv.toActivityCount),
    },
  ];

  return (
    <div className="snapshot-comparison" data-from={from.id} data-to={to.id}>
      <h3 id="comparison-title" tabIndex={-1} ref={headingRef}>
        <FormattedMessage id="snapshots.resultTitle" values={{ from: fromName, to: toName }} />
      </h3>
      <DataTable
        caption={<FormattedMessage id="snapshots.summaryCaption" values={{ from: fromName, to: toName }} />}
        columns={summaryColumns}
        rows={summary}
        rowKey={(r) => r.key}
      />
      {moves.length === 0 ? (
        <p className="empty-state" data-empty="moves">
          <FormattedMessage id="snapshots.nothingMoved" />
        </p>
      ) : (
        <>
          <h3 id="transitions-title">
            <FormattedMessage id="snapshots.transitionsTitle" />
          </h3>
          {leafTransitions.length === 0 ? (
            <p className="empty-state">
              <FormattedMessage id="snapshots.noTransitions" />
            </p>
          ) : (
            <DataTable
              caption={<FormattedMessage id="snapshots.transitionsCaption" values={{ from: fromName, to: toName }} />}
              columns={transitionColumns}
              rows={leafTransitions}
              rowKey={(t) => `${t.from ?? 'none'}-${t.to ?? 'none'}`}
            />
          )}
          <h3 id="moves-title">
            <FormattedMessage id="snapshots.movesTitle" values={{ count: moves.length }} />
          </h3>
          <DataTable
            caption={<FormattedMessage id="snapshots.movesCaption" values={{ from: fromName, to: toName }} />}
            columns={moveColumns}
            rows={moves}
            rowKey={(mv) => mv.nodeId}
          />
        </>
      )}
    </div>
  );
}

/** The address's comparison, checked with the API's own rules, in the page language. */
function selectionIssues(intl: IntlShape, selection: Selection): SummaryIssue[] {
  const checked = snapshotCompareQuerySchema.safeParse(selection);
  if (checked.success) return [];
  return checked.error.issues.map((i) => ({
    name: String(i.path[0] ?? 'to'),
    reason: intl.formatMessage({ id: i.code === 'custom' ? 'snapshots.compareSame' : 'snapshots.compareMissing' }),
  }));
}

/* ---------- The page ---------- */

/**
 * `/:lang/plans/:slug/snapshots`: the plan's coverage frozen on chosen dates, and comparisons of
 * two of them (or one with today) in the address, so that they can be shared. Reviewers and
 * administrators freeze the coverage; administrators withdraw snapshots.
 */
export default function SnapshotsPage() {
  const { slug = '' } = useParams();
  const intl = useIntl();
  const text = useText();
  const paths = usePaths();
  const navigate = useNavigate();
  const session = useSession();
  const [searchParams] = useSearchParams();
  const plan = useApi(api.plan(slug));
  const list = useApi(api.snapshots(slug), { keepPrevious: true });
  const [flash, setFlash] = useState<Flash | null>(null);
  /** The comparison the reader just asked for (its result, or what is wrong with it, takes the focus). */
  const [asking, setAsking] = useState<{ key: string; n: number } | null>(null);

  const items = list.data?.items;
  const latest = items?.[items.length - 1];
  const askedFrom = searchParams.get('from');
  const askedTo = searchParams.get('to');
  const asked = askedFrom !== null || askedTo !== null;
  const selection: Selection | null = asked
    ? { from: askedFrom ?? '', to: askedTo ?? CURRENT }
    : latest
      ? { from: latest.id, to: CURRENT }
      : null;
  const issues = selection ? selectionIssues(intl, selection) : [];
  const comparison = useApi(selection && issues.length === 0 && items ? api.snapshotComparison(slug, selection) : null);

  const planTitle = plan.data ? text(plan.data.shortTitle) || text(plan.data.title) : null;
  useDocumentTitle(planTitle ? intl.formatMessage({ id: 'snapshots.title' }, { plan: planTitle }) : null);

  if (plan.error) return <ErrorState error={plan.error} onRetry={plan.reload} />;
  if (!plan.data) return <Loading label={<FormattedMessage id="loading.plan" />} />;
  const title = planTitle ?? slug;

  const compare = (s: Selection) => {
    setAsking((a) => ({ key: `${s.from}|${s.to}`, n: (a?.n ?? 0) + 1 }));
    void navigate(paths.snapshots(slug, { from: s.from, to: s.to }));
  };
  const askedNow = (key: string) => asking !== null && asking.key === key;

  const onCreated = (created: SnapshotSummary) => {
    setFlash((f) => ({ n: (f?.n ?? 0) + 1, kind: 'created', label: created.label, asOf: created.asOf }));
    list.reload();
  };

  const onWithdraw = async (s: SnapshotSummary) => {
    await snapshots.withdraw(slug, s.id, s.version);
    setFlash((f) => ({ n: (f?.n ?? 0) + 1, kind: 'withdrawn', label: s.label }));
    list.reload();
    if (askedFrom === s.id || askedTo === s.id) void navigate(paths.snapshots(slug), { replace: true });
  };

  return (
    <div className="snapshots-page">
      <Breadcrumb
        items={[
          { label: title, to: paths.plan(slug) },
          { label: <FormattedMessage id="dashboard.crumb" />, to: paths.dashboard(slug) },
          { label: <FormattedMessage id="snapshots.crumb" /> },
        ]}
      />
      <header className="page-header">
        <PageHeading>
          <FormattedMessage id="snapshots.title" values={{ plan: title }} />
        </PageHeading>
        <p className="lead">
          <FormattedMessage id="snapshots.intro" />
        </p>
      </header>

      {flash && (
        <StatusMessage key={flash.n} focus>
          {flash.kind === 'created' ? (
            <FormattedMessage
              id="snapshots.created"
              values={{ label: flash.label, date: longDate(intl, flash.asOf) }}
            />
          ) : (
            <FormattedMessage id="snapshots.withdrawn" values={{ label: flash.label }} />
          )}
        </StatusMessage>
      )}

      <section className="section" aria-labelledby="snapshots-list-title">
        <h2 id="snapshots-list-title">
          <FormattedMessage id="snapshots.listTitle" />
        </h2>
        {list.error && <ApiErrorMessage error={list.error} onRetry={list.reload} />}
        {!items && !list.error && <Loading />}
        {items && items.length === 0 && (
          <p className="empty-state" data-empty="snapshots">
            <FormattedMessage id="snapshots.empty" />
          </p>
        )}
        {items && items.length > 0 && (
          <SnapshotTable
            plan={title}
            items={items}
            canWithdraw={session.can('snapshot:delete')}
            onWithdraw={onWithdraw}
          />
        )}
      </section>

      {session.can('snapshot:create') && <FreezeForm slug={slug} onCreated={onCreated} />}

      <section className="section" aria-labelledby="compare-title">
        <h2 id="compare-title">
          <FormattedMessage id="snapshots.compareTitle" />
        </h2>
        {items && items.length === 0 && !asked ? (
          <p className="empty-state">
            <FormattedMessage id="snapshots.compareNone" />
          </p>
        ) : (
          <p className="section__intro">
            <FormattedMessage id="snapshots.compareIntro" />
          </p>
        )}
        {issues.length > 0 && (
          <ErrorSummary
            key={`${selection?.from ?? ''}|${selection?.to ?? ''}|${asking?.n ?? 0}`}
            title={<FormattedMessage id="snapshots.compareErrorTitle" />}
            issues={issues}
            hrefFor={(name) => `#compare-${name}`}
            focus={selection !== null && askedNow(`${selection.from}|${selection.to}`)}
          />
        )}
        {items && selection && (
          <CompareForm
            key={searchParams.toString()}
            slug={slug}
            items={items}
            selection={selection}
            onCompare={compare}
          />
        )}
        {comparison.error && <ApiErrorMessage error={comparison.error} onRetry={comparison.reload} />}
        {comparison.loading && <Loading label={<FormattedMessage id="snapshots.loadingComparison" />} />}
        {comparison.data && !comparison.loading && (
          <ComparisonView
            key={`${comparison.data.from.id}|${comparison.data.to.id}|${asking?.n ?? 0}`}
            comparison={comparison.data}
            focus={askedNow(`${comparison.data.from.id}|${comparison.data.to.id}`)}
          />
        )}
      </section>
    </div>
  );
}
