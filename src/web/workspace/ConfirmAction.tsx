import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError } from '../api/client';
import { englishOnly } from '../i18n';
import { Localized } from '../components/Localized';

interface Props {
  /** The button that asks for the action ("Move to trash"). */
  label: ReactNode;
  /** What is about to happen, asked before doing it. */
  question: ReactNode;
  confirmLabel: ReactNode;
  onConfirm: () => Promise<void>;
  destructive?: boolean;
  small?: boolean;
}

/**
 * Why the server refused the action, next to it: its explanation, and each reason it gave that
 * the explanation does not already say (e.g. which field of a restored version is in the way).
 */
function Refusal({ error }: { error: ApiError }) {
  const intl = useIntl();
  const { detail, errors = [] } = error.problem;
  const reasons = errors.filter((e) => !detail.includes(e.reason));
  const message = error.network
    ? intl.formatMessage({ id: 'error.networkDetail' })
    : error.status === 401
      ? intl.formatMessage({ id: 'auth.sessionEnded' })
      : null;
  return (
    <div className="field__error" role="alert">
      <p>
        {message ?? (detail ? <Localized value={englishOnly(detail)} /> : <FormattedMessage id="form.unexpected" />)}
      </p>
      {reasons.length > 0 && (
        <ul>
          {reasons.map((e) => (
            <li key={`${e.name}-${e.reason}`}>
              <FormattedMessage
                id="form.summaryItem"
                values={{
                  field: intl.formatMessage({ id: 'history.field' }, { field: e.name }),
                  message: <Localized value={englishOnly(e.reason)} />,
                }}
              />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * A button whose action is confirmed in place: the question and a "yes" and "cancel" button
 * replace it, the focus moves to the question, and cancelling brings the focus back.
 */
export function ConfirmAction({ label, question, confirmLabel, onConfirm, destructive, small }: Props) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const questionRef = useRef<HTMLParagraphElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  const questionId = useId();

  useEffect(() => {
    if (asking) questionRef.current?.focus();
    else if (returnFocus.current) {
      returnFocus.current = false;
      buttonRef.current?.focus();
    }
  }, [asking]);

  const size = small ? ' button--small' : '';
  if (!asking) {
    return (
      <button
        type="button"
        ref={buttonRef}
        className={`button button--secondary${destructive ? ' button--danger-outline' : ''}${size}`}
        onClick={() => {
          setError(null);
          setAsking(true);
        }}
      >
        {label}
      </button>
    );
  }

  const confirm = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setError(err);
      setBusy(false);
      return;
    }
    setBusy(false);
    setAsking(false);
  };

  return (
    <div className="confirm" role="group" aria-labelledby={questionId}>
      <p id={questionId} className="confirm__question" tabIndex={-1} ref={questionRef}>
        {question}
      </p>
      {error && <Refusal error={error} />}
      <div className="confirm__buttons">
        <button
          type="button"
          className={`button${destructive ? ' button--danger' : ''}${size}`}
          aria-disabled={busy || undefined}
          onClick={() => void confirm()}
        >
          {confirmLabel}
        </button>
        <button
          type="button"
          className={`button button--secondary${size}`}
          onClick={() => {
            returnFocus.current = true;
            setAsking(false);
          }}
        >
          <FormattedMessage id="form.cancel" />
        </button>
      </div>
    </div>
  );
}
