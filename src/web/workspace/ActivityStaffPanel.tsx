import { useId, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useLocation, useNavigate } from 'react-router';
import type { ActivityDetail } from '../../shared/api-types';
import { ApiError } from '../api/client';
import { activities, type ReviewDecision } from '../api/workspace';
import { Localized, useText } from '../components/Localized';
import { englishOnly } from '../i18n';
import { usePaths } from '../lib/paths';
import { ConfirmAction } from './ConfirmAction';
import { FieldShell, StatusMessage } from './form';
import { HistorySection } from './HistorySection';
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
        // Keyed by the message: each new outcome is mounted afresh, so it takes the focus even
        // when an earlier one was showing (the button that was pressed may be gone now).
        <StatusMessage focus key={flash}>
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

/** The activity's change log, for staff only. */
export function ActivityHistory({ activity, onChanged }: Props) {
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  if (session.status !== 'signedIn') return null;
  return (
    <HistorySection
      loaderKey={`history:${activity.id}:${activity.version}:${activity.workflowState}`}
      load={(signal) => activities.history(activity.id, signal)}
      currentVersion={activity.version}
      canRestore={session.can('activity:restore-version')}
      describeValue={(field, value) =>
        // A result is named by its title; its indicators and periods are on the page.
        field === 'results' && Array.isArray(value)
          ? value.map((r: unknown) => (typeof r === 'object' && r !== null && 'title' in r ? r.title : r))
          : value
      }
      onRestore={async (version) => {
        await activities.restoreVersion(activity.id, version, activity.version);
        void navigate(`${location.pathname}${location.search}`, { replace: true, state: { flash: 'restored' } });
        onChanged();
      }}
    />
  );
}
