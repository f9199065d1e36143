import { useEffect, useId, useRef, useState } from 'react';
import { FormattedDate, FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import type {
  LinkRejection,
  LinkSuggestionAnswer,
  LinkSuggestionReason,
  RankedLinkSuggestion,
} from '../../shared/api-types';
import { activities } from '../api/workspace';
import { ApiError } from '../api/client';
import { useText } from '../components/Localized';
import { suggestionInputOf, type ActivityForm } from './activityForm';

type State =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'done'; answer: LinkSuggestionAnswer }
  | { status: 'error'; message: string };

/** Words in quotation marks as the page's language writes them, listed. */
function quoted(intl: IntlShape, words: readonly string[]): string {
  return intl.formatList(words.map((w) => (intl.locale.startsWith('fr') ? `«\u00a0${w}\u00a0»` : `“${w}”`)));
}

/** One reason in a sentence, in the page's language. */
function Reason({ reason }: { reason: LinkSuggestionReason }) {
  const intl = useIntl();
  const text = useText();
  switch (reason.kind) {
    case 'words':
      return <FormattedMessage id="suggest.reasonWords" values={{ words: quoted(intl, reason.words) }} />;
    case 'like':
      return (
        <FormattedMessage
          id={reason.otherPlan ? 'suggest.reasonLikeOtherPlan' : 'suggest.reasonLike'}
          values={{ title: text(reason.title), count: reason.count }}
        />
      );
    case 'partner':
      return (
        <FormattedMessage
          id={reason.otherPlan ? 'suggest.reasonPartnerOtherPlan' : 'suggest.reasonPartner'}
          values={{ organisation: text(reason.organisation), linked: reason.linked, of: reason.of }}
        />
      );
    case 'period':
      return <FormattedMessage id="suggest.reasonPeriod" values={{ from: reason.from, to: reason.to }} />;
  }
}

const messageOf = (err: unknown) => (err instanceof ApiError ? (err.problem.detail ?? err.problem.title) : String(err));

/**
 * Suggested links for the activity being edited: asked on demand from what the form holds, each with its reasons;
 * "Add this link" adds a row to the form's links (saved with the form), "Not this one" leaves it out of the next
 * suggestions. Nothing is linked by the suggestions themselves. For a stored activity a suggestion turned down is
 * kept by the server (for every officer, until withdrawn, which the panel offers); for a new one, while the page is
 * open. `askAtOnce` asks as soon as the panel shows (the import report links here so).
 */
export function LinkSuggestions({
  form,
  onAccept,
  activityId,
  askAtOnce = false,
}: {
  form: ActivityForm;
  onAccept: (nodeId: string) => void;
  activityId?: string;
  askAtOnce?: boolean;
}) {
  const intl = useIntl();
  const text = useText();
  const heading = useId();
  const [state, setState] = useState<State>({ status: 'idle' });
  const [rejected, setRejected] = useState<string[]>([]);
  const [kept, setKept] = useState<LinkRejection[]>([]);
  const [keptError, setKeptError] = useState<string | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const sectionRef = useRef<HTMLElement>(null);
  const hasTitle = Boolean(form.title.en.trim() || form.title.fr.trim());

  useEffect(() => {
    if (!activityId) return;
    const abort = new AbortController();
    activities.linkRejections(activityId, abort.signal).then(
      (r) => setKept(r.items),
      (err: unknown) => {
        if (!abort.signal.aborted) setKeptError(messageOf(err));
      },
    );
    return () => abort.abort();
  }, [activityId]);

  const ask = async () => {
    setState({ status: 'loading' });
    try {
      const answer = await activities.suggestLinks(suggestionInputOf(form, rejected, activityId));
      setState({ status: 'done', answer });
    } catch (err) {
      setState({ status: 'error', message: messageOf(err) });
    }
  };
  // Asked once, when the panel first shows with a title, from the form of that render (as a click would).
  const askFirst = useRef<(() => Promise<void>) | null>(askAtOnce ? ask : null);
  useEffect(() => {
    const first = askFirst.current;
    if (!first || !hasTitle) return;
    askFirst.current = null;
    sectionRef.current?.scrollIntoView({ block: 'start' });
    void first();
  }, [hasTitle]);

  const reject = async (s: RankedLinkSuggestion) => {
    setRejected((r) => [...r, s.nodeId]);
    if (!activityId) return;
    try {
      const rejection = await activities.rejectLink(activityId, s.nodeId);
      setKept((k) => [rejection, ...k.filter((r) => r.nodeId !== rejection.nodeId)]);
      setKeptError(null);
    } catch (err) {
      setKeptError(messageOf(err));
    }
  };
  const withdraw = async (id: string, r: LinkRejection) => {
    try {
      await activities.withdrawLinkRejection(id, r.nodeId);
      setKept((k) => k.filter((x) => x.nodeId !== r.nodeId));
      setRejected((list) => list.filter((n) => n !== r.nodeId));
      setKeptError(null);
    } catch (err) {
      setKeptError(messageOf(err));
    }
  };
  const settle = (s: RankedLinkSuggestion, accepted: boolean) => {
    if (accepted) onAccept(s.nodeId);
    else void reject(s);
    // The focus stays in the list: on the next suggestion's first button, or on the list itself.
    requestAnimationFrame(() => {
      const next = listRef.current?.querySelector<HTMLButtonElement>('button');
      (next ?? listRef.current)?.focus();
    });
  };

  // A suggestion added to the form's links or turned down leaves the list at once.
  const settled = new Set([...rejected, ...form.links.map((l) => l.nodeId)]);
  const shown = state.status === 'done' ? state.answer.suggestions.filter((s) => !settled.has(s.nodeId)) : [];

  return (
    <section className="link-suggestions" aria-labelledby={heading} ref={sectionRef}>
      <h3 id={heading}>
        <FormattedMessage id="suggest.title" />
      </h3>
      <p className="field__hint">
        <FormattedMessage id="suggest.intro" />
      </p>
      <button type="button" className="button button--secondary" onClick={() => void ask()} disabled={!hasTitle}>
        <FormattedMessage id={state.status === 'done' ? 'suggest.again' : 'suggest.ask'} />
      </button>
      {!hasTitle && (
        <p className="field__hint">
          <FormattedMessage id="suggest.needsTitle" />
        </p>
      )}
      <div role="status" aria-live="polite" className="link-suggestions__status">
        {state.status === 'loading' && <FormattedMessage id="suggest.loading" />}
        {state.status === 'done' && (
          <FormattedMessage
            id="suggest.count"
            values={{ count: state.answer.suggestions.length, learned: state.answer.model.confirmedActivities }}
          />
        )}
        {state.status === 'error' && (
          <span className="field__error">
            <FormattedMessage id="suggest.failed" values={{ message: state.message }} />
          </span>
        )}
      </div>
      {shown.length > 0 && (
        <ol className="link-suggestions__list" ref={listRef} tabIndex={-1}>
          {shown.map((s) => {
            const name = `${s.code} ${text(s.title)}`;
            return (
              <li key={s.nodeId} className="link-suggestions__item">
                <p className="link-suggestions__node">
                  <strong>{name}</strong> <span className="link-suggestions__plan">{text(s.plan.title)}</span>
                </p>
                <ul className="link-suggestions__reasons">
                  {s.reasons.map((r, i) => (
                    <li key={i}>
                      <Reason reason={r} />
                    </li>
                  ))}
                </ul>
                <div className="link-suggestions__actions">
                  <button
                    type="button"
                    className="button"
                    aria-label={intl.formatMessage({ id: 'suggest.acceptLabel' }, { node: name })}
                    onClick={() => settle(s, true)}
                  >
                    <FormattedMessage id="suggest.accept" />
                  </button>
                  <button
                    type="button"
                    className="button button--secondary"
                    aria-label={intl.formatMessage({ id: 'suggest.rejectLabel' }, { node: name })}
                    onClick={() => settle(s, false)}
                  >
                    <FormattedMessage id="suggest.reject" />
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
      )}
      {keptError && (
        <p className="field__error" role="alert">
          <FormattedMessage id="suggest.rejectionsFailed" values={{ message: keptError }} />
        </p>
      )}
      {activityId && kept.length > 0 && (
        <details className="link-suggestions__rejected">
          <summary>
            <FormattedMessage id="suggest.rejectedTitle" values={{ count: kept.length }} />
          </summary>
          <ul>
            {kept.map((r) => {
              const name = `${r.code} ${text(r.title)}`;
              return (
                <li key={r.nodeId}>
                  <FormattedMessage
                    id="suggest.rejectedBy"
                    values={{
                      node: <strong>{name}</strong>,
                      plan: text(r.plan.title),
                      name: r.rejectedBy?.name ?? '—',
                      date: <FormattedDate value={r.rejectedAt} dateStyle="medium" />,
                    }}
                  />{' '}
                  <button
                    type="button"
                    className="button button--secondary"
                    aria-label={intl.formatMessage({ id: 'suggest.withdrawLabel' }, { node: name })}
                    onClick={() => void withdraw(activityId, r)}
                  >
                    <FormattedMessage id="suggest.withdraw" />
                  </button>
                </li>
              );
            })}
          </ul>
        </details>
      )}
    </section>
  );
}
