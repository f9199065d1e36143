import { useId, useMemo, useState, type ReactNode } from 'react';
import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import { Link, useLocation, useNavigate } from 'react-router';
import type { ActivityDetail } from '../../shared/api-types';
import { ApiError } from '../api/client';
import { useLoader } from '../api/useApi';
import { activities, type FieldChange, type HistoryEntry, type ReviewDecision } from '../api/workspace';
import { ApiErrorMessage } from '../components/ErrorSummary';
import { Loading } from '../components/Loading';
import { Localized, useText } from '../components/Localized';
import { englishOnly } from '../i18n';
import { flattenFramework } from '../lib/framework';
import { usePaths } from '../lib/paths';
import { ConfirmAction } from './ConfirmAction';
import { loadEditorOptions } from './editorOptions';
import { FieldShell, StatusMessage } from './form';
import { useLabels } from './labels';
import { useSession } from './session';

/** What just happened, carried to the reloaded page so that it can say so. */
export type Flash = 'created' | 'saved' | 'submitted' | 'approved' | 'published' | 'returned' | 'restored';

const FLASHES: readonly Flash[] = ['created', 'saved', 'submitted', 'approved', 'published', 'returned', 'restored'];

export function flashOf(state: unknown): Flash | null {
  const flash = typeof state === 'object' && state !== null ? (state as { flash?: unknown }).flash : undefined;
  return FLASHES.find((f) => f === flash) ?? null;
}

function ActionError({ error }: { error: ApiError }) {
  return (
    <div className="error-summary" role="alert">
      <p className="error-summary__title">
        <FormattedMessage id="staff.actionFailed" />
      </p>
      <p>
        {error.network ? (
          <FormattedMessage id="error.networkDetail" />
        ) : error.status === 409 ? (
          <FormattedMessage id="staff.changedMeanwhile" />
        ) : error.problem.detail ? (
          <Localized value={englishOnly(error.problem.detail)} />
        ) : (
          <FormattedMessage id="form.unexpected" />
        )}
      </p>
    </div>
  );
}

interface Props {
  activity: ActivityDetail;
  /** Reloads the page's copy of the activity after a change. */
  onChanged: () => void;
}

function ReviewForm({ activity, onDone }: { activity: ActivityDetail; onDone: (flash: Flash) => void }) {
  const intl = useIntl();
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const formId = useId();

  const decide = async (decision: ReviewDecision) => {
    if (busy) return;
    if (decision === 'return' && !comment.trim()) {
      setMissing(true);
      document.getElementById('f-reviewComment')?.focus();
      return;
    }
    setMissing(false);
    setBusy(true);
    setError(null);
    try {
      const res = await activities.decide(activity.id, activity.version, decision, comment.trim());
      onDone(decision === 'return' ? 'returned' : res.data.workflowState === 'published' ? 'published' : 'approved');
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setError(err);
      setBusy(false);
    }
  };

  return (
    <form
      className="review-form"
      aria-labelledby={`${formId}-title`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void decide('approve');
      }}
    >
      <h3 id={`${formId}-title`}>
        <FormattedMessage id="staff.reviewTitle" />
      </h3>
      {error && <ActionError error={error} />}
      <FieldShell
        path="reviewComment"
        label={<FormattedMessage id="staff.comment" />}
        hint={<FormattedMessage id="staff.commentHint" />}
        issue={
          missing
            ? { path: 'reviewComment', message: intl.formatMessage({ id: 'form.issue.returnComment' }) }
            : undefined
        }
      >
        {({ id, describedBy, invalid }) => (
          <textarea
            id={id}
            className="input textarea"
            rows={3}
            maxLength={2000}
            value={comment}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(e) => setComment(e.target.value)}
          />
        )}
      </FieldShell>
      <div className="form-actions">
        <button type="submit" className="button" aria-disabled={busy || undefined}>
          <FormattedMessage id="staff.approve" />
        </button>
        <button
          type="button"
          className="button button--secondary"
          aria-disabled={busy || undefined}
          onClick={() => void decide('return')}
        >
          <FormattedMessage id="staff.return" />
        </button>
      </div>
    </form>
  );
}

/**
 * The staff's controls on an activity page: its publication state and the steps the person's
 * role allows (edit, submit, approve or return, move to the trash). Nothing for visitors.
 */
export function ActivityStaffPanel({ activity, onChanged }: Props) {
  const session = useSession();
  const paths = usePaths();
  const labels = useLabels();
  const text = useText();
  const location = useLocation();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  if (session.status !== 'signedIn') return null;

  const flash = flashOf(location.state);
  const state = activity.workflowState;
  const done = (next: Flash) => {
    void navigate(`${location.pathname}${location.search}`, { replace: true, state: { flash: next } });
    onChanged();
  };

  const submit = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await activities.submit(activity.id, activity.version);
      done('submitted');
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setError(err);
      setBusy(false);
    }
  };

  const trash = async () => {
    await activities.trash(activity.id, activity.version);
    void navigate(paths.workspace(), { state: { trashed: text(activity.title) } });
  };

  const canSubmit = session.can('activity:submit') && (state === 'draft' || state === 'returned');
  const canReview = session.can('activity:review') && state === 'submitted';

  return (
    <section className="staff-panel no-print" aria-labelledby="staff-title">
      <h2 id="staff-title" className="staff-panel__title">
        <FormattedMessage id="staff.title" />
      </h2>
      {flash && (
        <StatusMessage focus>
          <FormattedMessage id="staff.flash" values={{ flash }} />
        </StatusMessage>
      )}
      <p className="staff-panel__state">
        <FormattedMessage
          id="staff.state"
          values={{ state: <strong className={`workflow workflow--${state}`}>{labels.workflow(state)}</strong> }}
        />{' '}
        <FormattedMessage id="staff.stateHelp" values={{ state }} />
      </p>
      {error && <ActionError error={error} />}
      <div className="staff-panel__actions">
        {session.can('activity:update') && (
          <Link className="button button--secondary" to={paths.editActivity(activity.id)}>
            <FormattedMessage id="staff.edit" />
          </Link>
        )}
        {canSubmit && (
          <button type="button" className="button" aria-disabled={busy || undefined} onClick={() => void submit()}>
            <FormattedMessage id="staff.submit" />
          </button>
        )}
        {session.can('activity:delete') && (
          <ConfirmAction
            label={<FormattedMessage id="staff.trash" />}
            question={<FormattedMessage id="staff.trashQuestion" values={{ title: text(activity.title) }} />}
            confirmLabel={<FormattedMessage id="staff.trashConfirm" />}
            onConfirm={trash}
            destructive
          />
        )}
      </div>
      {canReview && <ReviewForm activity={activity} onDone={done} />}
    </section>
  );
}

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
  activity,
  names,
  onRestore,
}: {
  entry: HistoryEntry;
  activity: ActivityDetail;
  names: Names;
  onRestore: (version: number) => Promise<void>;
}) {
  const labels = useLabels();
  const session = useSession();
  const restorable =
    CONTENT_ACTIONS.has(entry.action) && entry.version !== activity.version && session.can('activity:restore-version');
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

/** The activity's change log for staff: who changed what and when, with a restore per version. */
export function ActivityHistory({ activity, onChanged }: Props) {
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const signedIn = session.status === 'signedIn';
  const history = useLoader(
    signedIn ? `history:${activity.id}:${activity.version}:${activity.workflowState}` : null,
    (signal) => activities.history(activity.id, signal),
  );
  const options = useLoader(signedIn ? 'editor-options' : null, loadEditorOptions);
  const text = useText();
  const names = useMemo(() => {
    const map = new Map<string, string>();
    for (const o of options.data?.organisations ?? []) map.set(o.id, text(o.name));
    for (const plan of options.data?.plans ?? []) {
      for (const f of flattenFramework(plan.framework)) map.set(f.node.id, `${f.node.code} ${text(f.node.title)}`);
    }
    return map;
  }, [options.data, text]);
  if (!signedIn) return null;

  const restore = async (version: number) => {
    await activities.restoreVersion(activity.id, version, activity.version);
    void navigate(`${location.pathname}${location.search}`, { replace: true, state: { flash: 'restored' } });
    onChanged();
  };

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
          activity={activity}
          names={names}
          onRestore={restore}
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
