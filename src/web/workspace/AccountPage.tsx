import { useState, type FormEvent } from 'react';
import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import { apiTokenCreateSchema, changePasswordSchema } from '../../shared/schemas/auth.schema';
import { useLoader } from '../api/useApi';
import { auth, type CreatedApiToken } from '../api/workspace';
import { ApiErrorMessage } from '../components/ErrorSummary';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { useDocumentTitle } from '../lib/documentTitle';
import { ConfirmAction } from './ConfirmAction';
import { CopyButton } from './CopyButton';
import { FormErrorSummary, StatusMessage, TextField } from './form';
import { RequireRole } from './guards';
import { controlPathFor, issuesByPath, issuesFromZod, type FormIssue } from './issues';
import { useLabels } from './labels';
import { useSession } from './session';
import { useFailureIssues } from './failures';
import { WorkspaceBreadcrumb } from './WorkspaceBreadcrumb';

const PASSWORD_FIELDS = new Set(['currentPassword', 'newPassword', 'repeatPassword']);

function ChangePassword() {
  const intl = useIntl();
  const toIssues = useFailureIssues();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [issues, setIssues] = useState<FormIssue[]>([]);
  const [failures, setFailures] = useState(0);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const fail = (found: FormIssue[]) => {
    setIssues(found);
    setFailures((n) => n + 1);
    setDone(false);
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const parsed = changePasswordSchema.safeParse({ currentPassword: current, newPassword: next });
    const found = parsed.success ? [] : issuesFromZod(intl, parsed.error);
    if (next !== repeat) {
      found.push({ path: 'repeatPassword', message: intl.formatMessage({ id: 'form.issue.passwordMismatch' }) });
    }
    if (!parsed.success || found.length) return fail(found);
    setBusy(true);
    try {
      await auth.changePassword(parsed.data.currentPassword, parsed.data.newPassword);
      setIssues([]);
      setCurrent('');
      setNext('');
      setRepeat('');
      setDone(true);
    } catch (err) {
      fail(toIssues(err));
    } finally {
      setBusy(false);
    }
  };

  const byPath = issuesByPath(issues);
  const label = (path: string) =>
    path === 'currentPassword'
      ? intl.formatMessage({ id: 'account.currentPassword' })
      : path === 'newPassword'
        ? intl.formatMessage({ id: 'account.newPassword' })
        : path === 'repeatPassword'
          ? intl.formatMessage({ id: 'account.repeatPassword' })
          : '';

  return (
    <section className="section" aria-labelledby="password-title">
      <h2 id="password-title">
        <FormattedMessage id="account.passwordTitle" />
      </h2>
      {done && (
        <StatusMessage focus>
          <FormattedMessage id="account.passwordChanged" />
        </StatusMessage>
      )}
      <FormErrorSummary
        issues={issues}
        labelFor={label}
        targetFor={(p) => controlPathFor(p, PASSWORD_FIELDS)}
        focusKey={failures}
      />
      <form className="stack-form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <TextField
          path="currentPassword"
          type="password"
          autoComplete="current-password"
          label={<FormattedMessage id="account.currentPassword" />}
          issues={byPath}
          value={current}
          onChange={setCurrent}
        />
        <TextField
          path="newPassword"
          type="password"
          autoComplete="new-password"
          label={<FormattedMessage id="account.newPassword" />}
          hint={<FormattedMessage id="account.newPasswordHint" />}
          issues={byPath}
          value={next}
          onChange={setNext}
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
            <FormattedMessage id="account.changePassword" />
          </button>
        </div>
      </form>
    </section>
  );
}

function ApiTokens() {
  const intl = useIntl();
  const toIssues = useFailureIssues();
  const list = useLoader('tokens', (signal) => auth.tokens(signal));
  const [name, setName] = useState('');
  const [issues, setIssues] = useState<FormIssue[]>([]);
  const [failures, setFailures] = useState(0);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [revoked, setRevoked] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onCreate = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const parsed = apiTokenCreateSchema.safeParse({ name });
    if (!parsed.success) {
      setIssues(issuesFromZod(intl, parsed.error));
      setFailures((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      setCreated(await auth.createToken(parsed.data.name));
      setRevoked(null);
      setIssues([]);
      setName('');
      list.reload();
    } catch (err) {
      setIssues(toIssues(err));
      setFailures((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (id: string, tokenName: string) => {
    await auth.revokeToken(id);
    setCreated(null);
    setRevoked(tokenName);
    list.reload();
  };

  const tokens = list.data?.items ?? [];
  return (
    <section className="section" aria-labelledby="tokens-title">
      <h2 id="tokens-title">
        <FormattedMessage id="account.tokensTitle" />
      </h2>
      <p className="section__intro">
        <FormattedMessage id="account.tokensIntro" />
      </p>
      {created && (
        <div className="one-time-secret" role="region" aria-labelledby="new-token-title">
          <h3 id="new-token-title">
            <FormattedMessage id="account.tokenCreatedTitle" values={{ name: created.name }} />
          </h3>
          <StatusMessage focus>
            <FormattedMessage id="account.tokenShownOnce" />
          </StatusMessage>
          <p className="one-time-secret__value">
            <code id="new-token-value">{created.token}</code>
          </p>
          <CopyButton text={created.token} label={<FormattedMessage id="account.copyToken" />} />
        </div>
      )}
      {revoked && (
        <StatusMessage focus>
          <FormattedMessage id="account.tokenRevoked" values={{ name: revoked }} />
        </StatusMessage>
      )}
      {list.error && <ApiErrorMessage error={list.error} onRetry={list.reload} />}
      {list.loading && !list.data && <Loading />}
      {list.data && tokens.length === 0 && (
        <p className="empty-state">
          <FormattedMessage id="account.noTokens" />
        </p>
      )}
      {tokens.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">
              <FormattedMessage id="account.tokensCaption" />
            </caption>
            <thead>
              <tr>
                <th scope="col">
                  <FormattedMessage id="account.tokenName" />
                </th>
                <th scope="col">
                  <FormattedMessage id="account.tokenPrefix" />
                </th>
                <th scope="col">
                  <FormattedMessage id="account.tokenCreated" />
                </th>
                <th scope="col">
                  <FormattedMessage id="account.tokenLastUsed" />
                </th>
                <th scope="col">
                  <FormattedMessage id="account.tokenState" />
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id}>
                  <th scope="row">{t.name}</th>
                  <td>
                    <code>{t.prefix}…</code>
                  </td>
                  <td>
                    <FormattedDate value={t.createdAt} dateStyle="medium" />
                  </td>
                  <td>
                    {t.lastUsedAt ? (
                      <FormattedDate value={t.lastUsedAt} dateStyle="medium" />
                    ) : (
                      <FormattedMessage id="account.tokenNeverUsed" />
                    )}
                  </td>
                  <td>
                    {t.revokedAt ? (
                      <FormattedMessage id="account.tokenRevokedOn" values={{ date: intl.formatDate(t.revokedAt) }} />
                    ) : (
                      <ConfirmAction
                        label={<FormattedMessage id="account.revoke" values={{ name: t.name }} />}
                        question={<FormattedMessage id="account.revokeQuestion" values={{ name: t.name }} />}
                        confirmLabel={<FormattedMessage id="account.revokeConfirm" />}
                        onConfirm={() => revoke(t.id, t.name)}
                        destructive
                        small
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>
        <FormattedMessage id="account.newTokenTitle" />
      </h3>
      <FormErrorSummary
        issues={issues}
        labelFor={(p) => (p === 'name' ? intl.formatMessage({ id: 'account.tokenName' }) : '')}
        targetFor={(p) => (p === 'name' ? 'tokenName' : null)}
        focusKey={failures}
      />
      <form className="stack-form inline-form" onSubmit={(e) => void onCreate(e)} noValidate>
        <TextField
          path="tokenName"
          label={<FormattedMessage id="account.tokenName" />}
          hint={<FormattedMessage id="account.tokenNameHint" />}
          issues={issuesByPath(issues.map((i) => (i.path === 'name' ? { ...i, path: 'tokenName' } : i)))}
          value={name}
          onChange={setName}
          maxLength={100}
        />
        <div className="form-actions">
          <button type="submit" className="button button--secondary" aria-disabled={busy || undefined}>
            <FormattedMessage id="account.createToken" />
          </button>
        </div>
      </form>
    </section>
  );
}

function Account() {
  const { user } = useSession();
  const labels = useLabels();
  if (!user) return null;
  return (
    <div className="workspace-page">
      <WorkspaceBreadcrumb current={<FormattedMessage id="account.title" />} />
      <PageHeading>
        <FormattedMessage id="account.title" />
      </PageHeading>
      <section className="section section--tight" aria-labelledby="details-title">
        <h2 id="details-title">
          <FormattedMessage id="account.detailsTitle" />
        </h2>
        <dl className="facts facts--compact">
          <div>
            <dt>
              <FormattedMessage id="account.name" />
            </dt>
            <dd>{user.displayName}</dd>
          </div>
          <div>
            <dt>
              <FormattedMessage id="auth.email" />
            </dt>
            <dd>{user.email}</dd>
          </div>
          <div>
            <dt>
              <FormattedMessage id="account.role" />
            </dt>
            <dd>{labels.role(user.role)}</dd>
          </div>
          <div>
            <dt>
              <FormattedMessage id="account.side" />
            </dt>
            <dd>{labels.side(user.side)}</dd>
          </div>
        </dl>
      </section>
      <ChangePassword />
      <ApiTokens />
    </div>
  );
}

export default function AccountPage() {
  const intl = useIntl();
  useDocumentTitle(intl.formatMessage({ id: 'account.title' }));
  return (
    <RequireRole action="self:manage">
      <Account />
    </RequireRole>
  );
}
