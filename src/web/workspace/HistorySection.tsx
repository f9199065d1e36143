import { useId, useMemo, type ReactNode } from 'react';
import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import { useLoader } from '../api/useApi';
import type { FieldChange, HistoryEntry } from '../api/workspace';
import { ApiErrorMessage } from '../components/ErrorSummary';
import { Loading } from '../components/Loading';
import { Localized, useText } from '../components/Localized';
import { TableScroller } from '../components/TableScroller';
import { englishOnly } from '../i18n';
import { flattenFramework } from '../lib/framework';
import { ConfirmAction } from './ConfirmAction';
import { loadEditorOptions } from './editorOptions';
import { useLabels } from './labels';

const MAX_TEXT = 240;

function clip(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}

/** Names for the ids a recorded value may hold (organisations, parts of the plans). */
type Names = ReadonlyMap<string, string>;

function plain(v: unknown, names: Names): string {
  if (typeof v === 'string') return clip(names.get(v) ?? v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return clip(JSON.stringify(v));
}

/** A recorded value as short readable text. */
function ChangeValue({ value, names }: { value: unknown; names: Names }) {
  const intl = useIntl();
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
    return (
      <span className="muted">
        <FormattedMessage id="conflict.empty" />
      </span>
    );
  }
  if (typeof value === 'boolean') return <FormattedMessage id={value ? 'form.yes' : 'form.no'} />;
  if (typeof value === 'string' || typeof value === 'number') return <>{plain(value, names)}</>;
  if (Array.isArray(value)) {
    return (
      <ul className="change__list">
        {(value as unknown[]).map((item, i) => (
          <li key={i}>
            <ChangeValue value={item} names={names} />
          </li>
        ))}
      </ul>
    );
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== null && v !== '');
  if (entries.length === 0) return <ChangeValue value={null} names={names} />;
  const localized = entries.every(([k]) => k === 'en' || k === 'fr');
  return (
    <>
      {entries.map(([k, v], i) => (
        <span key={k} className="change__part" lang={localized ? k : undefined}>
          {i > 0 && ' · '}
          {localized
            ? intl.formatMessage({ id: 'history.inLanguage' }, { lang: k, text: plain(v, names) })
            : plain(v, names)}
        </span>
      ))}
    </>
  );
}

function fieldName(intl: ReturnType<typeof useIntl>, field: string): string {
  return intl.formatMessage({ id: 'history.field' }, { field });
}

/** A recorded value as the reader says it (e.g. a role's name rather than its code). */
type DescribeValue = (field: string, value: unknown) => unknown;

function Changes({
  changes,
  names,
  describeValue,
}: {
  changes: FieldChange[];
  names: Names;
  describeValue: DescribeValue;
}) {
  const intl = useIntl();
  const shown = (field: string, value: unknown) =>
    field === 'workflowState' ? workflowLabel(intl, value) : describeValue(field, value);
  const captionId = useId();
  if (changes.length === 0) return null;
  return (
    <TableScroller labelledBy={captionId}>
      <table className="table table--changes">
        <caption id={captionId} className="visually-hidden">
          <FormattedMessage id="history.changesCaption" />
        </caption>
        <thead>
          <tr>
            <th scope="col">
              <FormattedMessage id="history.colField" />
            </th>
            <th scope="col">
              <FormattedMessage id="history.colBefore" />
            </th>
            <th scope="col">
              <FormattedMessage id="history.colAfter" />
            </th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={c.field}>
              <th scope="row">{fieldName(intl, c.field)}</th>
              <td>
                <ChangeValue value={shown(c.field, c.before)} names={names} />
              </td>
              <td>
                <ChangeValue value={shown(c.field, c.after)} names={names} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroller>
  );
}

function workflowLabel(intl: ReturnType<typeof useIntl>, value: unknown): unknown {
  return typeof value === 'string' && ['draft', 'submitted', 'returned', 'published'].includes(value)
    ? intl.formatMessage({ id: `vocab.workflowState.${value as 'draft'}` })
    : value;
}

/** Actions whose recorded state is content that can be brought back. */
const CONTENT_ACTIONS = new Set(['create', 'update', 'import', 'restore', 'baseline']);

type Level = 2 | 3;
const HEADINGS = { 2: 'h2', 3: 'h3' } as const;
const ENTRY_HEADINGS = { 2: 'h3', 3: 'h4' } as const;

function Entry({
  entry,
  currentVersion,
  names,
  describeValue,
  level,
  onRestore,
}: {
  entry: HistoryEntry;
  currentVersion: number;
  names: Names;
  describeValue: DescribeValue;
  level: Level;
  onRestore: ((version: number) => Promise<void>) | undefined;
}) {
  const labels = useLabels();
  const restorable = onRestore && CONTENT_ACTIONS.has(entry.action) && entry.version !== currentVersion;
  const headingId = useId();
  const Heading = ENTRY_HEADINGS[level];
  return (
    <li className="history__entry" aria-labelledby={headingId}>
      <Heading id={headingId} className="history__title">
        <FormattedMessage
          id="history.entryTitle"
          values={{ version: entry.version, action: labels.historyAction(entry.action) }}
        />
      </Heading>
      <p className="history__meta">
        <FormattedMessage
          id="history.byWhen"
          values={{
            who: entry.user?.displayName ?? '—',
            when: <FormattedDate value={entry.at} dateStyle="medium" timeStyle="short" />,
          }}
        />
      </p>
      {entry.comment && (
        <blockquote className="history__comment">
          <Localized value={englishOnly(entry.comment)} />
        </blockquote>
      )}
      <Changes changes={entry.changes} names={names} describeValue={describeValue} />
      {restorable && (
        <ConfirmAction
          label={<FormattedMessage id="history.restore" values={{ version: entry.version }} />}
          question={<FormattedMessage id="history.restoreQuestion" values={{ version: entry.version }} />}
          confirmLabel={<FormattedMessage id="history.restoreConfirm" />}
          onConfirm={() => onRestore(entry.version)}
          small
        />
      )}
    </li>
  );
}

interface HistoryProps {
  /** Reloads the history when it changes (e.g. the record's id, version and state). */
  loaderKey: string;
  load: (signal: AbortSignal) => Promise<{ items: HistoryEntry[] }>;
  currentVersion: number;
  /** Restores a version as a new one; without it (or with canRestore false) no restore is offered. */
  onRestore?: (version: number) => Promise<void>;
  canRestore?: boolean;
  /** The section's heading ("History" by default) and its level (2 on a page, 3 inside a section). */
  title?: ReactNode;
  level?: Level;
  className?: string;
  /** The words for recorded values of the record's own vocabularies (roles, sides, statuses…). */
  describeValue?: DescribeValue;
}

const asRecorded: DescribeValue = (_field, value) => value;

/** A record's change log for staff: who changed what and when, with a restore per version. */
export function HistorySection({
  loaderKey,
  load,
  currentVersion,
  onRestore,
  canRestore = true,
  title,
  level = 2,
  className = 'section no-print',
  describeValue = asRecorded,
}: HistoryProps) {
  const history = useLoader(loaderKey, load);
  const titleId = useId();
  const Heading = HEADINGS[level];
  const options = useLoader('editor-options', loadEditorOptions);
  const text = useText();
  const names = useMemo(() => {
    const map = new Map<string, string>();
    for (const o of options.data?.organisations ?? []) map.set(o.id, text(o.name));
    for (const plan of options.data?.plans ?? []) {
      for (const f of flattenFramework(plan.framework)) map.set(f.node.id, `${f.node.code} ${text(f.node.title)}`);
    }
    return map;
  }, [options.data, text]);

  // A record that came in without history (seeded or imported) and has not changed since has none.
  const none = history.error?.status === 404 || history.data?.items.length === 0;
  const entries: ReactNode = none ? (
    <p className="empty-state">
      <FormattedMessage id="history.none" />
    </p>
  ) : history.error ? (
    <ApiErrorMessage error={history.error} onRetry={history.reload} />
  ) : !history.data ? (
    <Loading />
  ) : (
    <ol className="history">
      {history.data.items.map((entry) => (
        <Entry
          key={`${entry.version}-${entry.action}-${entry.at}`}
          entry={entry}
          currentVersion={currentVersion}
          names={names}
          describeValue={describeValue}
          level={level}
          onRestore={canRestore ? onRestore : undefined}
        />
      ))}
    </ol>
  );

  return (
    <section className={className} aria-labelledby={titleId}>
      <Heading id={titleId}>{title ?? <FormattedMessage id="history.title" />}</Heading>
      {entries}
    </section>
  );
}
