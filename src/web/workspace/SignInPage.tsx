import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { signInSchema } from '../../shared/schemas/auth.schema';
import { ApiError } from '../api/client';
import { auth } from '../api/workspace';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { useLang } from '../i18n/LanguageContext';
import { useDocumentTitle } from '../lib/documentTitle';
import { requestHeadingFocus } from '../lib/focus';
import { usePaths } from '../lib/paths';
import { FormErrorSummary, StatusMessage, TextField } from './form';
import { controlPathFor, issuesByPath, issuesFromProblem, issuesFromZod, type FormIssue } from './issues';
import { useSession } from './session';

/** Where to go after signing in: only a page of this site in the current language. */
export function safeNext(next: string | null, lang: string): string | null {
  if (!next || !next.startsWith(`/${lang}/`) || next.startsWith('//') || next.includes('\\')) return null;
  // From the home page, the workspace is the useful place to land.
  if (next === `/${lang}/`) return null;
  if (/^\/[^/]+\/(sign-in|account\/accept)(\?|$)/.test(next)) return null;
  return next;
}

const FIELDS = new Set(['email', 'password']);

export default function SignInPage() {
  const intl = useIntl();
  const paths = usePaths();
  const lang = useLang();
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [issues, setIssues] = useState<FormIssue[]>([]);
  const [failures, setFailures] = useState(0);
  const [busy, setBusy] = useState(false);
  useDocumentTitle(intl.formatMessage({ id: 'auth.signInTitle' }));

  const next = safeNext(params.get('next'), lang);

  if (session.status === 'loading') return <Loading />;

  if (session.status === 'signedIn' && session.user && !session.ended) {
    return (
      <div className="workspace-page workspace-page--narrow">
        <PageHeading>
          <FormattedMessage id="auth.signInTitle" />
        </PageHeading>
        <p>
          <FormattedMessage id="auth.alreadySignedIn" values={{ name: session.user.displayName }} />
        </p>
        <ul className="link-list">
          <li>
            <Link to={next ?? paths.workspace()}>
              <FormattedMessage id={next ? 'auth.continue' : 'auth.goToWorkspace'} />
            </Link>
          </li>
        </ul>
      </div>
    );
  }

  const fail = (found: FormIssue[]) => {
    setIssues(found);
    setFailures((n) => n + 1);
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const parsed = signInSchema.safeParse({ email, password });
    if (!parsed.success) return fail(issuesFromZod(intl, parsed.error));
    setBusy(true);
    try {
      const answer = await auth.signIn(parsed.data.email, parsed.data.password);
      session.adopt(answer);
      requestHeadingFocus();
      void navigate(next ?? paths.workspace(), { replace: true });
    } catch (err) {
      setBusy(false);
      if (!(err instanceof ApiError)) throw err;
      if (err.status === 401) fail([{ path: '', message: intl.formatMessage({ id: 'auth.wrongCredentials' }) }]);
      else if (err.status === 429) fail([{ path: '', message: intl.formatMessage({ id: 'auth.rateLimited' }) }]);
      else if (err.status === 403) fail([{ path: '', message: intl.formatMessage({ id: 'auth.accountDisabled' }) }]);
      else if (err.status === 400) fail(issuesFromProblem(intl, err.problem));
      else if (err.network) fail([{ path: '', message: intl.formatMessage({ id: 'error.networkDetail' }) }]);
      else fail([{ path: '', message: intl.formatMessage({ id: 'form.unexpected' }) }]);
    }
  };

  const byPath = issuesByPath(issues);
  const label = (path: string) =>
    path === 'email'
      ? intl.formatMessage({ id: 'auth.email' })
      : path === 'password'
        ? intl.formatMessage({ id: 'auth.password' })
        : '';

  return (
    <div className="workspace-page workspace-page--narrow">
      <PageHeading>
        <FormattedMessage id="auth.signInTitle" />
      </PageHeading>
      {params.get('signedOut') && !session.ended && (
        <StatusMessage>
          <FormattedMessage id="auth.signedOut" />
        </StatusMessage>
      )}
      {session.ended && (
        <p className="notice">
          <FormattedMessage id="auth.sessionEnded" />
        </p>
      )}
      <p className="lead">
        <FormattedMessage id="auth.signInIntro" />
      </p>
      <FormErrorSummary
        issues={issues}
        labelFor={label}
        targetFor={(path) => controlPathFor(path, FIELDS)}
        focusKey={failures}
        title={<FormattedMessage id="auth.signInFailed" />}
      />
      <form className="stack-form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <TextField
          path="email"
          label={<FormattedMessage id="auth.email" />}
          type="email"
          autoComplete="username"
          inputMode="email"
          spellCheck={false}
          issues={byPath}
          value={email}
          onChange={setEmail}
        />
        <TextField
          path="password"
          label={<FormattedMessage id="auth.password" />}
          type="password"
          autoComplete="current-password"
          issues={byPath}
          value={password}
          onChange={setPassword}
        />
        <div className="form-actions">
          <button type="submit" className="button" aria-disabled={busy || undefined}>
            <FormattedMessage id={busy ? 'auth.signingIn' : 'auth.signIn'} />
          </button>
        </div>
      </form>
      <p className="muted">
        <FormattedMessage id="auth.forgotten" />
      </p>
    </div>
  );
}
