import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useLocation, useNavigate } from 'react-router';
import { acceptLinkToken } from '../../shared/links';
import { acceptLinkSchema } from '../../shared/schemas/auth.schema';
import { auth } from '../api/workspace';
import { PageHeading } from '../components/PageHeading';
import { useDocumentTitle } from '../lib/documentTitle';
import { requestHeadingFocus } from '../lib/focus';
import { usePaths } from '../lib/paths';
import { useFailureIssues } from './failures';
import { FormErrorSummary, TextField } from './form';
import { controlPathFor, issuesByPath, issuesFromZod, type FormIssue } from './issues';
import { useSession } from './session';

const FIELDS = new Set(['password', 'repeatPassword']);

/** The page an invitation or reset link opens: the person chooses a password and is signed in. */
export default function AcceptLinkPage() {
  const intl = useIntl();
  const paths = usePaths();
  const session = useSession();
  const navigate = useNavigate();
  const toIssues = useFailureIssues();
  const location = useLocation();
  const token = acceptLinkToken(location);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [issues, setIssues] = useState<FormIssue[]>([]);
  const [failures, setFailures] = useState(0);
  const [busy, setBusy] = useState(false);
  useDocumentTitle(intl.formatMessage({ id: 'accept.title' }));

  const fail = (found: FormIssue[]) => {
    setIssues(found);
    setFailures((n) => n + 1);
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const parsed = acceptLinkSchema.safeParse({ token, password });
    const found = parsed.success ? [] : issuesFromZod(intl, parsed.error);
    if (password !== repeat) {
      found.push({ path: 'repeatPassword', message: intl.formatMessage({ id: 'form.issue.passwordMismatch' }) });
    }
    if (!parsed.success || found.length) return fail(found);
    setBusy(true);
    try {
      session.adopt(await auth.accept(parsed.data.token, parsed.data.password));
      requestHeadingFocus();
      void navigate(paths.workspace(), { replace: true });
    } catch (err) {
      setBusy(false);
      fail(toIssues(err));
    }
  };

  const byPath = issuesByPath(issues);
  const label = (path: string) =>
    path === 'password'
      ? intl.formatMessage({ id: 'account.newPassword' })
      : path === 'repeatPassword'
        ? intl.formatMessage({ id: 'account.repeatPassword' })
        : path === 'token'
          ? intl.formatMessage({ id: 'accept.link' })
          : '';

  return (
    <div className="workspace-page workspace-page--narrow">
      <PageHeading>
        <FormattedMessage id="accept.title" />
      </PageHeading>
      {!token ? (
        <p className="notice">
          <FormattedMessage id="accept.noToken" />
        </p>
      ) : (
        <>
          <p className="lead">
            <FormattedMessage id="accept.intro" />
          </p>
          <FormErrorSummary
            issues={issues}
            labelFor={label}
            targetFor={(p) => controlPathFor(p, FIELDS)}
            focusKey={failures}
          />
          <form className="stack-form" onSubmit={(e) => void onSubmit(e)} noValidate>
            <TextField
              path="password"
              type="password"
              autoComplete="new-password"
              label={<FormattedMessage id="account.newPassword" />}
              hint={<FormattedMessage id="account.newPasswordHint" />}
              issues={byPath}
              value={password}
              onChange={setPassword}
            />
            <TextField
              path="repeatPassword"
              type="password"
              autoComplete="new-password"
              label={<FormattedMessage id="account.repeatPassword" />}
              issues={byPath}
              value={repeat}
              onChange={setRepeat}
            />
            <div className="form-actions">
              <button type="submit" className="button" aria-disabled={busy || undefined}>
                <FormattedMessage id="accept.submit" />
              </button>
            </div>
          </form>
        </>
      )}
    </div>
  );
}
