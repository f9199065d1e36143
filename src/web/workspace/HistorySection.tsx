import { useId, useMemo, type ReactNode } from 'react';
import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import { useLoader } from '../api/useApi';
import type { FieldChange, HistoryEntry } from '../api/workspace';
import { ApiErrorMessage } from '../components/ErrorSummary';
import { Loading } from '../components/Loading';
import { Localized, useText } from '../components/Localized';
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

function Changes({ changes, names }: { changes: FieldChange[]; names: Names }) {
  const intl = useIntl();
  if (changes.length === 0) return null;
  return (
    <div className="table-wrap">
      <table className="table table--changes">
        <caption className="visually-hidden">
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
                <ChangeValue
                  value={c.field === 'workflowState' ? workflowLabel(intl, c.before) : c.before}
                  names={names}
                />
              </td>
              <td>
                <ChangeValue
                  value={c.field === 'workflowState' ? workflowLabel(intl, c.after) : c.after}
                  names={names}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function workflowLabel(intl: ReturnType<typeof useIntl>, value: unknown): unknown {
  return typeof value === 'string' && ['draft', 'submitted', 'returned', 'published'].includes(value)
    ? intl.formatMessage({ id: `vocab.workflowState.${value as 'draft'}` })
    : value;
}

const CONTENT_ACTIONS = new Set(['create', 'update', 'restore']);

function Entry({
  entry,
  currentVersion,
  canRestore,
  names,
  onRestore,
}: {
  entry: HistoryEntry;
  currentVersion: number;
  canRestore: boolean;
  names: Names;
  onRestore: (version: number) => Promise<void>;
}) {
  const labels = useLabels();
  const restorable = canRestore && CONTENT_ACTIONS.has(entry.action) && entry.version !== currentVersion;
  const headingId = useId();
  return (
    <li className="history__entry" aria-labelledby={headingId}>
      <h3 id={headingId} className="history__title">
        <FormattedMessage
          id="history.entryTitle"
          values={{ version: entry.version, action: labels.historyAction(entry.action) }}
        />
      </h3>
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
      <Changes changes={entry.changes} names={names} />
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
  canRestore: boolean;
  onRestore: (version: number) => Promise<void>;
}

/** A record's change log for staff: who changed what and when, with a restore per version. */
export function HistorySection({ loaderKey, load, currentVersion, canRestore, onRestore }: HistoryProps) {
  const history = useLoader(loaderKey, load);
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

  const entries: ReactNode = history.error ? (
    <ApiErrorMessage error={history.error} onRetry={history.reload} />
  ) : !history.data ? (
    <Loading />
  ) : (
    <ol className="history">
      {history.data.items.map((entry, i) => (
        <Entry
          key={`${entry.version}-${entry.action}-${i}`}
          entry={entry}
          currentVersion={currentVersion}
          canRestore={canRestore}
          names={names}
          onRestore={onRestore}
        />
      ))}
    </ol>
  );

  return (
    <section className="section no-print" aria-labelledby="history-title">
      <h2 id="history-title">
        <FormattedMessage id="history.title" />
      </h2>
      {entries}
    </section>
  );
}
