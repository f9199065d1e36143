import { useId, type FormEvent, type ReactNode } from 'react';
import { FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type {
  ComparedFigures,
  ComparedNode,
  CoverageRollup,
  CrosswalkChange,
  PlanComparison,
  PlanComparisonRow,
  PlanSummary,
} from '../../shared/api-types';
import { DEFAULT_REPORTING_CURRENCY, REPORTING_CURRENCIES } from '../../shared/coverage';
import { api } from '../api/client';
import { useApi } from '../api/useApi';
import { Breadcrumb } from '../components/Breadcrumb';
import { ErrorState, ErrorSummary } from '../components/ErrorSummary';
import { Loading } from '../components/Loading';
import { Localized, useText } from '../components/Localized';
import { Money } from '../components/Money';
import { PageHeading } from '../components/PageHeading';
import { TableScroller } from '../components/TableScroller';
import { useLabels } from '../i18n/labels';
import { issueReason } from '../i18n/issues';
import { useDocumentTitle } from '../lib/documentTitle';
import { usePaths } from '../lib/paths';
import {
  comparisonParams,
  CROSSWALK_CHANGES,
  parseComparisonQuery,
  type ComparisonPageQuery,
} from '../lib/planComparisonQuery';
import { useSession } from '../workspace/session';
import '../styles/plan-comparison.css';

const period = (p: Pick<PlanSummary, 'periodStart' | 'periodEnd'>) => `${p.periodStart}–${p.periodEnd}`;

/** A mark that repeats the change's name for sighted readers; the word carries the meaning. */
const MARKS: Record<CrosswalkChange, string> = { continued: '→', new: '+', dropped: '×', undecided: '?' };

/** The change in words, with a mark and a border of its own: never colour alone. */
function ChangeBadge({ change }: { change: CrosswalkChange }) {
  return (
    <span className={`change-badge change-badge--${change}`} data-change={change}>
      <span className="change-badge__mark" aria-hidden="true">
        {MARKS[change]}
      </span>
      <FormattedMessage id="comparison.change" values={{ change }} />
    </span>
  );
}

function percentText(intl: IntlShape, percent: number | null): string {
  return percent === null ? '—' : intl.formatNumber(percent / 100, { style: 'percent', maximumFractionDigits: 1 });
}

/** "8 of 17 action lines addressed (47.1%)", or why there is nothing to count. */
function AddressedText({ rollup }: { rollup: CoverageRollup | null }) {
  const intl = useIntl();
  if (rollup === null) return <FormattedMessage id="comparison.notInForce" />;
  if (rollup.leaves === 0) return <FormattedMessage id="comparison.noLeaves" />;
  return (
    <FormattedMessage
      id="comparison.figAddressed"
      values={{
        addressed: rollup.addressed,
        leaves: rollup.leaves,
        percent: percentText(intl, rollup.percentAddressed),
      }}
    />
  );
}

/** A node's coverage in its own plan: activities, partners, committed money, action lines addressed. */
function Figures({ figures, currency }: { figures: ComparedFigures; currency: string }) {
  return (
    <ul className="compared-figures">
      <li data-figure="activities">
        <FormattedMessage id="count.activities" values={{ count: figures.activityCount }} />
      </li>
      <li data-figure="partners">
        <FormattedMessage id="comparison.figPartners" values={{ count: figures.partnerCount }} />
      </li>
      <li data-figure="committed">
        {figures.committed === null ? (
          <FormattedMessage id="comparison.figNothingCommitted" />
        ) : (
          <FormattedMessage
            id="comparison.figCommitted"
            values={{ amount: <Money amount={figures.committed} currency={currency} /> }}
          />
        )}
      </li>
      <li data-figure="addressed">
        <AddressedText rollup={figures.rollup} />
      </li>
    </ul>
  );
}

function NodeName({ node }: { node: ComparedNode }) {
  const paths = usePaths();
  return (
    <span className="compared-node" data-depth={Math.min(node.depth, 4)}>
      <span className="node-code">{node.code}</span>{' '}
      <Link to={paths.node(node.id)}>
        <Localized value={node.title} />
      </Link>
      {!node.inForce && (
        <>
          {' '}
          <span className="compared-node__retired">
            <FormattedMessage id="comparison.retired" />
          </span>
        </>
      )}
    </span>
  );
}

/** Several nodes (or figures) in one cell, one per line and in the same order across cells. */
function Each({ nodes, children }: { nodes: readonly ComparedNode[]; children: (n: ComparedNode) => ReactNode }) {
  if (nodes.length === 1 && nodes[0]) return <>{children(nodes[0])}</>;
  return (
    <ul className="compared-list">
      {nodes.map((n) => (
        <li key={n.id}>{children(n)}</li>
      ))}
    </ul>
  );
}

/* ---------- Headline figures ---------- */

function HeadlineFigures({
  comparison,
  fromName,
  toName,
}: {
  comparison: PlanComparison;
  fromName: string;
  toName: string;
}) {
  const intl = useIntl();
  const captionId = useId();
  const { from, to } = comparison.plans;
  const { currency } = comparison;
  const num = (n: number) => intl.formatNumber(n);
  const diff = (a: number, b: number) => intl.formatNumber(b - a, { signDisplay: 'exceptZero' });
  const money = (amount: string | null) =>
    amount === null ? <FormattedMessage id="comparison.none" /> : <Money amount={amount} currency={currency} />;
  const points = () => {
    const a = from.rollup?.percentAddressed ?? null;
    const b = to.rollup?.percentAddressed ?? null;
    if (a === null || b === null) return '';
    return intl.formatMessage(
      { id: 'comparison.points' },
      {
        points: intl.formatNumber(Math.round((b - a) * 10) / 10, {
          signDisplay: 'exceptZero',
          maximumFractionDigits: 1,
        }),
      },
    );
  };
  const addressed = (rollup: CoverageRollup | null) =>
    rollup === null || rollup.leaves === 0 ? (
      <AddressedText rollup={rollup} />
    ) : (
      <FormattedMessage
        id="comparison.headlineAddressed"
        values={{
          percent: percentText(intl, rollup.percentAddressed),
          addressed: rollup.addressed,
          leaves: rollup.leaves,
        }}
      />
    );
  const rows: { key: string; label: ReactNode; from: ReactNode; to: ReactNode; change: ReactNode }[] = [
    {
      key: 'activities',
      label: <FormattedMessage id="comparison.rowActivities" />,
      from: num(from.activityCount),
      to: num(to.activityCount),
      change: diff(from.activityCount, to.activityCount),
    },
    {
      key: 'partners',
      label: <FormattedMessage id="comparison.rowPartners" />,
      from: num(from.partnerCount),
      to: num(to.partnerCount),
      change: diff(from.partnerCount, to.partnerCount),
    },
    {
      key: 'committed',
      label: <FormattedMessage id="comparison.rowCommitted" values={{ currency }} />,
      from: money(from.committed),
      to: money(to.committed),
      change: '',
    },
    {
      key: 'addressed',
      label: <FormattedMessage id="comparison.rowAddressed" />,
      from: addressed(from.rollup),
      to: addressed(to.rollup),
      change: points(),
    },
  ];
  return (
    <section className="section" aria-labelledby="comparison-figures-title">
      <h2 id="comparison-figures-title">
        <FormattedMessage id="comparison.figuresTitle" />
      </h2>
      <TableScroller labelledBy={captionId}>
        <table className="table headline-comparison" data-table="headline">
          <caption id={captionId}>
            <FormattedMessage id="comparison.figuresCaption" values={{ from: fromName, to: toName }} />
          </caption>
          <thead>
            <tr>
              <th scope="col">
                <FormattedMessage id="comparison.colFigure" />
              </th>
              <th scope="col" className="num">
                <FormattedMessage id="comparison.colThenPlan" values={{ plan: fromName }} />
              </th>
              <th scope="col" className="num">
                <FormattedMessage id="comparison.colNowPlan" values={{ plan: toName }} />
              </th>
              <th scope="col" className="num">
                <FormattedMessage id="comparison.colDifference" />
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-figure={r.key}>
                <th scope="row">{r.label}</th>
                <td className="num">{r.from}</td>
                <td className="num">{r.to}</td>
                <td className="num">{r.change}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroller>
    </section>
  );
}

/* ---------- Counts and the filter ---------- */

function ChangeCounts({ counts }: { counts: PlanComparison['counts'] }) {
  const intl = useIntl();
  return (
    <dl className="change-counts">
      {CROSSWALK_CHANGES.map((change) => (
        <div key={change} className="change-counts__item" data-change={change}>
          <dt>
            <ChangeBadge change={change} />
          </dt>
          <dd>{intl.formatNumber(counts[change])}</dd>
        </div>
      ))}
    </dl>
  );
}

function ChangeFilter({
  counts,
  total,
  show,
  onShow,
}: {
  counts: PlanComparison['counts'];
  total: number;
  show: CrosswalkChange | null;
  onShow: (change: CrosswalkChange | null) => void;
}) {
  const intl = useIntl();
  const labelId = useId();
  const option = (change: CrosswalkChange | null, label: ReactNode) => (
    <button
      key={change ?? 'all'}
      type="button"
      className="change-filter__option"
      aria-pressed={show === change}
      onClick={() => onShow(change)}
    >
      {show === change && (
        <span className="change-filter__tick" aria-hidden="true">
          ✓{' '}
        </span>
      )}
      {label}
    </button>
  );
  return (
    <div className="change-filter no-print" role="group" aria-labelledby={labelId}>
      <span id={labelId} className="change-filter__label">
        <FormattedMessage id="comparison.filterLabel" />
      </span>
      {option(null, <FormattedMessage id="comparison.filterAll" values={{ count: intl.formatNumber(total) }} />)}
      {CROSSWALK_CHANGES.map((change) =>
        option(
          change,
          <FormattedMessage
            id="comparison.filterOption"
            values={{
              label: intl.formatMessage({ id: 'comparison.change' }, { change }),
              count: intl.formatNumber(counts[change]),
            }}
          />,
        ),
      )}
    </div>
  );
}

/* ---------- The rows ---------- */

function ComparisonTable({
  comparison,
  rows,
  fromName,
  toName,
  show,
}: {
  comparison: PlanComparison;
  rows: readonly PlanComparisonRow[];
  fromName: string;
  toName: string;
  show: CrosswalkChange | null;
}) {
  const intl = useIntl();
  const captionId = useId();
  const { currency } = comparison;
  const changeName = show ? intl.formatMessage({ id: 'comparison.change' }, { change: show }) : '';
  return (
    <TableScroller labelledBy={captionId}>
      <table className="table comparison-table" data-table="rows">
        <caption id={captionId}>
          {show ? (
            <FormattedMessage
              id="comparison.tableCaptionFiltered"
              values={{ from: fromName, to: toName, change: changeName }}
            />
          ) : (
            <FormattedMessage id="comparison.tableCaption" values={{ from: fromName, to: toName }} />
          )}
        </caption>
        <thead>
          <tr>
            <th scope="col">
              <FormattedMessage id="comparison.colOld" values={{ period: period(comparison.from) }} />
            </th>
            <th scope="col">
              <FormattedMessage id="comparison.colThen" />
            </th>
            <th scope="col">
              <FormattedMessage id="comparison.colChange" />
            </th>
            <th scope="col">
              <FormattedMessage id="comparison.colNew" values={{ period: period(comparison.to) }} />
            </th>
            <th scope="col">
              <FormattedMessage id="comparison.colNow" />
            </th>
            <th scope="col">
              <FormattedMessage id="comparison.colNote" />
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={`${row.from?.id ?? ''}>${row.to.map((n) => n.id).join(',')}`}
              data-change={row.change}
              className={`comparison-row comparison-row--${row.change}`}
            >
              <th scope="row">
                {row.from ? (
                  <NodeName node={row.from} />
                ) : (
                  <span className="comparison-table__none">
                    <FormattedMessage id="comparison.notInEarlier" />
                  </span>
                )}
              </th>
              <td>{row.from ? <Figures figures={row.from} currency={currency} /> : null}</td>
              <td>
                <ChangeBadge change={row.change} />
              </td>
              <td>
                {row.to.length > 0 ? (
                  <Each nodes={row.to}>{(n) => <NodeName node={n} />}</Each>
                ) : (
                  <span className="comparison-table__none">
                    <FormattedMessage id="comparison.noLater" values={{ change: row.change }} />
                  </span>
                )}
              </td>
              <td>
                {row.to.length > 0 && (
                  <Each nodes={row.to}>
                    {(n) => (
                      <>
                        {row.to.length > 1 && (
                          <span className="node-code compared-list__code" aria-hidden="true">
                            {n.code}
                          </span>
                        )}
                        <Figures figures={n} currency={currency} />
                      </>
                    )}
                  </Each>
                )}
              </td>
              <td className="comparison-table__note">{row.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroller>
  );
}

/* ---------- The page ---------- */

/**
 * `/:lang/plans/:slug/compare/:otherSlug`: a plan (`slug`) and its successor (`otherSlug`) side by
 * side along the crosswalk officers recorded: headline figures then and now, how many parts
 * continued, are new, were dropped or are still undecided, and each part with its coverage in its
 * own plan. `?show=` keeps one kind of change, so that a filtered view can be shared.
 */
export default function PlanComparisonPage() {
  const { slug = '', otherSlug = '' } = useParams();
  const intl = useIntl();
  const text = useText();
  const paths = usePaths();
  const labels = useLabels();
  const session = useSession();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const search = searchParams.toString();
  const parsed = parseComparisonQuery(new URLSearchParams(search));
  // A wrong address is reported, and the comparison shown as it stands without it.
  const query: ComparisonPageQuery = parsed.ok
    ? parsed.query
    : { api: { currency: DEFAULT_REPORTING_CURRENCY }, show: null };
  const { show } = query;
  const comparison = useApi(
    api.planComparison(slug, otherSlug, {
      currency: query.api.currency === DEFAULT_REPORTING_CURRENCY ? undefined : query.api.currency,
    }),
    {
      keepPrevious: true,
    },
  );
  // The previous answer is kept while another currency loads, never while another pair of plans does.
  const named = (plan: PlanSummary, ref: string) => plan.slug === ref || plan.id === ref;
  const answer = comparison.data;
  const data = answer && named(answer.from, slug) && named(answer.to, otherSlug) ? answer : undefined;
  const fromName = data ? text(data.from.shortTitle) || text(data.from.title) : '';
  const toName = data ? text(data.to.shortTitle) || text(data.to.title) : '';
  useDocumentTitle(data ? intl.formatMessage({ id: 'comparison.title' }, { from: fromName, to: toName }) : null);

  if (comparison.error) return <ErrorState error={comparison.error} onRetry={comparison.reload} />;
  if (!data) return <Loading label={<FormattedMessage id="comparison.loading" />} />;

  const go = (next: ComparisonPageQuery) =>
    void navigate(paths.planComparison(slug, otherSlug, comparisonParams(next)));
  const onShow = (change: CrosswalkChange | null) => go({ ...query, show: change });
  const onCurrency = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const chosen = new FormData(e.currentTarget).get('currency');
    const currency = REPORTING_CURRENCIES.find((c) => c === chosen) ?? DEFAULT_REPORTING_CURRENCY;
    go({ ...query, api: { ...query.api, currency } });
  };
  const issues = parsed.ok
    ? []
    : parsed.issues.map((issue) => {
        const without = new URLSearchParams(search);
        without.delete(issue.name);
        const rest = without.toString();
        return {
          ...issue,
          reason: issueReason(intl, issue),
          removeHref: paths.planComparison(slug, otherSlug) + (rest ? `?${rest}` : ''),
        };
      });

  const { counts } = data;
  const nothingRecorded = counts.continued === 0 && counts.dropped === 0;
  const shown = show ? data.rows.filter((r) => r.change === show) : data.rows;
  const signedIn = session.status === 'signedIn';

  return (
    <div className="plan-comparison">
      <Breadcrumb
        items={[
          { label: fromName, to: paths.plan(data.from.slug) },
          { label: <FormattedMessage id="comparison.crumb" values={{ plan: toName }} /> },
        ]}
      />
      <header className="page-header">
        <p className="plan-comparison__eyebrow">
          <Localized value={data.from.partnership.name} />
        </p>
        <PageHeading>
          <FormattedMessage id="comparison.title" values={{ from: fromName, to: toName }} />
        </PageHeading>
        <dl className="plan-comparison__plans">
          {(
            [
              ['earlier', data.from],
              ['later', data.to],
            ] as const
          ).map(([side, plan]) => (
            <div key={side}>
              <dt>
                <FormattedMessage id={side === 'earlier' ? 'comparison.earlier' : 'comparison.later'} />
              </dt>
              <dd>
                <Link to={paths.plan(plan.slug)}>
                  <Localized value={plan.title} />
                </Link>
                <span className="plan-comparison__facts">
                  <FormattedMessage
                    id="comparison.planFacts"
                    values={{ period: period(plan), status: labels.planStatus(plan.status) }}
                  />
                </span>
              </dd>
            </div>
          ))}
        </dl>
        <p className="lead">
          <FormattedMessage id="comparison.intro" />
        </p>
      </header>

      {issues.length > 0 && <ErrorSummary title={<FormattedMessage id="comparison.urlErrorTitle" />} issues={issues} />}

      <form
        className="currency-form no-print"
        method="get"
        action={paths.planComparison(slug, otherSlug)}
        onSubmit={onCurrency}
        key={query.api.currency}
      >
        <label htmlFor="comparison-currency" className="field__label">
          <FormattedMessage id="comparison.currency" />
        </label>
        <select id="comparison-currency" name="currency" className="select" defaultValue={query.api.currency}>
          {REPORTING_CURRENCIES.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
        {show && <input type="hidden" name="show" value={show} />}
        <button type="submit" className="button button--secondary">
          <FormattedMessage id="comparison.currencyApply" />
        </button>
      </form>

      <HeadlineFigures comparison={data} fromName={fromName} toName={toName} />

      <section className="section" aria-labelledby="comparison-changes-title">
        <h2 id="comparison-changes-title">
          <FormattedMessage id="comparison.changesTitle" />
        </h2>
        {nothingRecorded && (
          <div className="empty-state" data-empty="crosswalk">
            <p>
              <strong>
                <FormattedMessage id="comparison.emptyTitle" />
              </strong>
            </p>
            <p>
              <FormattedMessage id="comparison.emptyText" values={{ from: fromName, to: toName }} />
            </p>
          </div>
        )}
        {signedIn && (
          <p className="no-print">
            <Link to={paths.crosswalkEditor(data.from.slug, data.to.slug)}>
              <FormattedMessage id={nothingRecorded ? 'comparison.recordCrosswalk' : 'comparison.editCrosswalk'} />
            </Link>
          </p>
        )}
        <ChangeCounts counts={counts} />
        <ChangeFilter counts={counts} total={data.rows.length} show={show} onShow={onShow} />
        <p className="change-filter__status" role="status">
          <FormattedMessage
            id="comparison.showing"
            values={{ shown: shown.length, total: intl.formatNumber(data.rows.length) }}
          />
        </p>
        {shown.length === 0 ? (
          <p className="empty-state" data-empty="rows">
            <FormattedMessage
              id="comparison.noRows"
              values={{ change: show ? intl.formatMessage({ id: 'comparison.change' }, { change: show }) : '' }}
            />
          </p>
        ) : (
          <ComparisonTable comparison={data} rows={shown} fromName={fromName} toName={toName} show={show} />
        )}
      </section>
    </div>
  );
}
