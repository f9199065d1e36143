import { useState, type FormEvent } from 'react';
import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import { userCreateSchema } from '../../shared/schemas/auth.schema';
import { ROLES, SIDES } from '../../shared/vocab';
import { ApiError } from '../api/client';
import { useLoader } from '../api/useApi';
import { users, type UserView } from '../api/workspace';
import { ApiErrorMessage } from '../components/ErrorSummary';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { useDocumentTitle } from '../lib/documentTitle';
import { usePaths } from '../lib/paths';
import { useFailureIssues } from './failures';
import { CopyButton } from './CopyButton';
import { FormErrorSummary, SelectField, StatusMessage, TextField } from './form';
import { RequireRole } from './guards';
import { controlPathFor, issuesByPath, issuesFromZod, type FormIssue } from './issues';
import { useLabels } from './labels';
import { WorkspaceBreadcrumb } from './WorkspaceBreadcrumb';

interface IssuedFor {
  user: UserView;
  kind: 'invite' | 'reset';
  url: string;
  expiresAt: string;
  created: boolean;
}

/** A one-time link, shown once with a copy button. */
function IssuedLink({ issued }: { issued: IssuedFor }) {
  return (
    <div className="one-time-secret" role="region" aria-labelledby="issued-link-title">
      <h2 id="issued-link-title">
        <FormattedMessage id="users.linkTitle" values={{ kind: issued.kind, name: issued.user.displayName }} />
      </h2>
      <StatusMessage focus>
        <FormattedMessage
          id="users.linkShownOnce"
          values={{
            created: issued.created ? 'yes' : 'no',
            name: issued.user.displayName,
            expires: <FormattedDate value={issued.expiresAt} dateStyle="long" />,
          }}
        />
      </StatusMessage>
      <p className="one-time-secret__value">
        <code>{issued.url}</code>
      </p>
      <CopyButton text={issued.url} label={<FormattedMessage id="users.copyLink" />} />
    </div>
  );
}

const FIELDS = new Set(['email', 'displayName', 'role', 'side']);

function Users() {
  const intl = useIntl();
  const labels = useLabels();
  const paths = usePaths();
  const toIssues = useFailureIssues();
  const list = useLoader('users', (signal) => users.list(signal), { keepPrevious: true });
  const [form, setForm] = useState({ email: '', displayName: '', role: 'editor', side: '' });
  const [issues, setIssues] = useState<FormIssue[]>([]);
  const [failures, setFailures] = useState(0);
  const [busy, setBusy] = useState(false);
  const [issued, setIssued] = useState<IssuedFor | null>(null);
  const [linkError, setLinkError] = useState<ApiError | null>(null);
  useDocumentTitle(intl.formatMessage({ id: 'users.title' }));

  const linkFor = (token: string) => `${window.location.origin}${paths.acceptLink(token)}`;

  const issue = async (user: UserView, kind: 'invite' | 'reset', created = false) => {
    setLinkError(null);
    try {
      const link = await users.link(user.id, kind);
      setIssued({ user, kind, url: linkFor(link.token), expiresAt: link.expiresAt, created });
      window.scrollTo(0, 0);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setLinkError(err);
    }
  };

  const onCreate = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const parsed = userCreateSchema.safeParse(form);
    if (!parsed.success) {
      setIssues(issuesFromZod(intl, parsed.error));
      setFailures((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      const user = await users.create(parsed.data);
      setIssues([]);
      setForm({ email: '', displayName: '', role: 'editor', side: '' });
      list.reload();
      await issue(user, 'invite', true);
    } catch (err) {
      setIssues(toIssues(err));
      setFailures((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  const byPath = issuesByPath(issues);
  const label = (path: string) => {
    switch (path) {
      case 'email':
        return intl.formatMessage({ id: 'auth.email' });
      case 'displayName':
        return intl.formatMessage({ id: 'account.name' });
      case 'role':
        return intl.formatMessage({ id: 'account.role' });
      case 'side':
        return intl.formatMessage({ id: 'account.side' });
      default:
        return '';
    }
  };

  return (
    <div className="workspace-page">
      <WorkspaceBreadcrumb current={<FormattedMessage id="users.title" />} />
      <PageHeading>
        <FormattedMessage id="users.title" />
      </PageHeading>
      {issued && <IssuedLink key={issued.url} issued={issued} />}
      {linkError && <ApiErrorMessage error={linkError} />}
      <section className="section section--tight" aria-labelledby="accounts-title">
        <h2 id="accounts-title">
          <FormattedMessage id="users.listTitle" />
        </h2>
        {list.error && <ApiErrorMessage error={list.error} onRetry={list.reload} />}
        {!list.data && !list.error && <Loading />}
        {list.data && (
          <div className="table-wrap">
            <table className="table table--list" aria-labelledby="accounts-title">
              <thead>
                <tr>
                  <th scope="col">
                    <FormattedMessage id="account.name" />
                  </th>
                  <th scope="col">
                    <FormattedMessage id="account.role" />
                  </th>
                  <th scope="col">
                    <FormattedMessage id="users.status" />
                  </th>
                  <th scope="col">
                    <FormattedMessage id="users.lastSignIn" />
                  </th>
                  <th scope="col">
                    <FormattedMessage id="users.link" />
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((u) => (
                  <tr key={u.id}>
                    <th scope="row">
                      {u.displayName}
                      <span className="table__note">{u.email}</span>
                    </th>
                    <td>
                      {labels.role(u.role)}
                      <span className="table__note">{labels.side(u.side)}</span>
                    </td>
                    <td>
                      <FormattedMessage id="users.statusValue" values={{ status: u.status }} />
                    </td>
                    <td>
                      {u.lastSignInAt ? (
                        <FormattedDate value={u.lastSignInAt} dateStyle="medium" />
                      ) : (
                        <FormattedMessage id="account.tokenNeverUsed" />
                      )}
                    </td>
                    <td>
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        onClick={() => void issue(u, u.status === 'invited' ? 'invite' : 'reset')}
                      >
                        <FormattedMessage
                          id="users.issue"
                          values={{
                            kind: u.status === 'invited' ? 'invite' : 'reset',
                            name: u.displayName,
                            hidden: (chunks) => <span className="visually-hidden">{chunks}</span>,
                          }}
                        />
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="section" aria-labelledby="new-user-title">
        <h2 id="new-user-title">
          <FormattedMessage id="users.newTitle" />
        </h2>
        <p className="section__intro">
          <FormattedMessage id="users.newIntro" />
        </p>
        <FormErrorSummary
          issues={issues}
          labelFor={label}
          targetFor={(p) => controlPathFor(p, FIELDS)}
          focusKey={failures}
        />
        <form className="stack-form" onSubmit={(e) => void onCreate(e)} noValidate>
          <TextField
            path="displayName"
            label={<FormattedMessage id="account.name" />}
            autoComplete="off"
            issues={byPath}
            value={form.displayName}
            onChange={(v) => setForm((f) => ({ ...f, displayName: v }))}
          />
          <TextField
            path="email"
            type="email"
            inputMode="email"
            label={<FormattedMessage id="auth.email" />}
            issues={byPath}
            value={form.email}
            onChange={(v) => setForm((f) => ({ ...f, email: v }))}
            spellCheck={false}
          />
          <SelectField
            path="role"
            label={<FormattedMessage id="account.role" />}
            hint={<FormattedMessage id="users.roleHint" />}
            issues={byPath}
            value={form.role}
            options={ROLES.map((r) => ({ value: r, label: labels.role(r) }))}
            onChange={(v) => setForm((f) => ({ ...f, role: v }))}
          />
          <SelectField
            path="side"
            label={<FormattedMessage id="account.side" />}
            hint={<FormattedMessage id="users.sideHint" />}
            issues={byPath}
            value={form.side}
            placeholder={intl.formatMessage({ id: 'form.choose' })}
            options={SIDES.map((s) => ({ value: s, label: labels.side(s) }))}
            onChange={(v) => setForm((f) => ({ ...f, side: v }))}
          />
          <div className="form-actions">
            <button type="submit" className="button" aria-disabled={busy || undefined}>
              <FormattedMessage id="users.create" />
            </button>
          </div>
        </form>
      </section>
    </div>
  );
}

/** `/:lang/workspace/users` (administrators): accounts, new accounts and one-time links. */
export default function UsersPage() {
  return (
    <RequireRole action="user:manage">
      <Users />
    </RequireRole>
  );
}
