import { useId, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { LinkSuggestionAnswer, LinkSuggestionReason, RankedLinkSuggestion } from '../../shared/api-types';
import { activities } from '../api/workspace';
import { ApiError } from '../api/client';
import { useText } from '../components/Localized';
import { suggestionInputOf, type ActivityForm } from './activityForm';

type State =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'done'; answer: LinkSuggestionAnswer }
  | { status: 'error'; message: string };

/** One reason in a sentence, in the page's language. */
function Reason({ reason }: { reason: LinkSuggestionReason }) {
  const intl = useIntl();
  const text = useText();
  switch (reason.kind) {
    case 'words':
      return (
        <FormattedMessage
          id="suggest.reasonWords"
          values={{
            words: intl.formatList(
              reason.words.map((w) => (intl.locale.startsWith('fr') ? `«\u00a0${w}\u00a0»` : `“${w}”`)),
            ),
          }}
        />
      );
    case 'like':
      return <FormattedMessage id="suggest.reasonLike" values={{ title: text(reason.title), count: reason.count }} />;
    case 'partner':
      return (
        <FormattedMessage
          id="suggest.reasonPartner"
          values={{ organisation: text(reason.organisation), linked: reason.linked, of: reason.of }}
        />
      );
    case 'period':
      return <FormattedMessage id="suggest.reasonPeriod" values={{ from: reason.from, to: reason.to }} />;
  }
}

/**
 * Suggested links for the activity being edited: asked on demand from what the form holds, each with its reasons;
 * "Add this link" adds a row to the form's links (saved with the form), "Not this one" leaves it out of the next
 * suggestions. Nothing is linked by the suggestions themselves.
 */
export function LinkSuggestions({ form, onAccept }: { form: ActivityForm; onAccept: (nodeId: string) => void }) {
  const intl = useIntl();
  const text = useText();
  const heading = useId();
  const [state, setState] = useState<State>({ status: 'idle' });
  const [rejected, setRejected] = useState<string[]>([]);
  const listRef = useRef<HTMLOListElement>(null);
  const hasTitle = Boolean(form.title.en.trim() || form.title.fr.trim());

  const ask = async () => {
    setState({ status: 'loading' });
    try {
      const answer = await activities.suggestLinks(suggestionInputOf(form, rejected));
      setState({ status: 'done', answer });
    } catch (err) {
      setState({
        status: 'error',
        message: err instanceof ApiError ? (err.problem.detail ?? err.problem.title) : String(err),
      });
    }
  };
  const settle = (s: RankedLinkSuggestion, accepted: boolean) => {
    if (accepted) onAccept(s.nodeId);
    else setRejected((r) => [...r, s.nodeId]);
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
    <section className="link-suggestions" aria-labelledby={heading}>
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
    </section>
  );
}
