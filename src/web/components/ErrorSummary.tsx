import { useEffect, useId, useRef, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import type { ApiError } from '../api/client';
import { useDocumentTitle } from '../lib/documentTitle';
import { englishOnly } from '../i18n';
import { usePaths } from '../lib/paths';
import { Localized } from './Localized';
import { PageHeading } from './PageHeading';

export interface SummaryIssue {
  name: string;
  reason: string;
  unknown?: boolean | undefined;
  /** A link to the same page without the faulty parameter. */
  removeHref?: string | undefined;
}

interface SummaryProps {
  title: ReactNode;
  intro?: ReactNode;
  issues?: SummaryIssue[];
  /** Where to jump to fix a parameter (e.g. the matching form field). */
  hrefFor?: (name: string) => string | undefined;
  /** Take the focus when shown (for errors caused by the user's own action). */
  focus?: boolean;
  children?: ReactNode;
}

/** Same-page links move the focus to the field without adding a history entry. */
function focusTarget(event: React.MouseEvent<HTMLAnchorElement>, href: string) {
  if (!href.startsWith('#')) return;
  const target = document.getElementById(href.slice(1));
  if (!target) return;
  event.preventDefault();
  target.scrollIntoView({ block: 'center' });
  target.focus({ preventScroll: true });
}

/** A boxed summary of what is wrong, naming each parameter at fault. */
export function ErrorSummary({ title, intro, issues = [], hrefFor, focus = false, children }: SummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby={titleId}>
      <h2 id={titleId} className="error-summary__title">
        {title}
      </h2>
      {intro && <p>{intro}</p>}
      {issues.length > 0 && (
        <ul className="error-summary__list">
          {issues.map((issue, i) => {
            const href = issue.name ? hrefFor?.(issue.name) : undefined;
            const text = issue.unknown ? (
              <FormattedMessage id="error.unknownParameter" values={{ name: <code>{issue.name}</code> }} />
            ) : issue.name ? (
              <FormattedMessage
                id="error.parameter"
                values={{ name: <code>{issue.name}</code>, reason: issue.reason }}
              />
            ) : (
              issue.reason
            );
            return (
              <li key={i}>
                {href ? (
                  <a href={href} onClick={(e) => focusTarget(e, href)}>
                    {text}
                  </a>
                ) : (
                  text
                )}
                {issue.removeHref && (
                  <>
                    {' '}
                    <Link to={issue.removeHref} className="error-summary__remove">
                      <FormattedMessage id="error.removeParameter" values={{ name: issue.name }} />
                    </Link>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {children}
    </div>
  );
}

function problemKind(status: number): string {
  if (status === 400) return 'badRequest';
  if (status === 404) return 'notFound';
  if (status === 503) return 'unavailable';
  return 'other';
}

/** An API failure inside a page section, with a retry button. The server's own detail is in English. */
export function ApiErrorMessage({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const { problem } = error;
  return (
    <ErrorSummary
      title={
        <FormattedMessage
          id={error.network ? 'error.networkTitle' : 'error.apiTitle'}
          values={{ kind: problemKind(error.status) }}
        />
      }
      intro={
        error.network ? (
          <FormattedMessage id="error.networkDetail" />
        ) : problem.detail ? (
          <Localized value={englishOnly(problem.detail)} />
        ) : undefined
      }
      issues={problem.errors ?? []}
    >
      {onRetry && (
        <p>
          <button type="button" className="button button--secondary" onClick={onRetry}>
            <FormattedMessage id="error.retry" />
          </button>
        </p>
      )}
    </ErrorSummary>
  );
}

/** Page content for a resource that does not exist. */
export function NotFoundContent() {
  const paths = usePaths();
  const intl = useIntl();
  useDocumentTitle(intl.formatMessage({ id: 'notFound.title' }));
  return (
    <div className="not-found">
      <PageHeading>
        <FormattedMessage id="notFound.title" />
      </PageHeading>
      <p className="lead">
        <FormattedMessage id="notFound.body" />
      </p>
      <ul className="link-list">
        <li>
          <Link to={paths.home()}>
            <FormattedMessage id="notFound.home" />
          </Link>
        </li>
        <li>
          <Link to={paths.activities()}>
            <FormattedMessage id="notFound.activities" />
          </Link>
        </li>
        <li>
          <Link to={paths.organisations()}>
            <FormattedMessage id="notFound.organisations" />
          </Link>
        </li>
      </ul>
    </div>
  );
}

/** Whole-page error: a 404 reads as "not found", anything else as a problem with a retry. */
export function ErrorState({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const intl = useIntl();
  useDocumentTitle(error.status === 404 ? null : intl.formatMessage({ id: 'error.pageTitle' }));
  if (error.status === 404) return <NotFoundContent />;
  return (
    <div>
      <PageHeading>
        <FormattedMessage id="error.pageTitle" />
      </PageHeading>
      <ApiErrorMessage error={error} {...(onRetry ? { onRetry } : {})} />
    </div>
  );
}
