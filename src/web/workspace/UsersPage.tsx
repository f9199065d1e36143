import { useState, type FormEvent, type ReactNode } from 'react';
import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import { Link, useLocation } from 'react-router';
import type { UserView } from '../../shared/api-types';
import { userCreateSchema } from '../../shared/schemas/auth.schema';
import { ROLES, SIDES } from '../../shared/vocab';
import { ApiError } from '../api/client';
import { useLoader } from '../api/useApi';
import { users } from '../api/workspace';
import { ApiErrorMessage } from '../components/ErrorSummary';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { useDocumentTitle } from '../lib/documentTitle';
import { usePaths } from '../lib/paths';
import { AccountStatus } from './AccountStatus';
import { CopyButton } from './CopyButton';
import { DataTable, type Column } from './DataTable';
import { FormErrorSummary, SelectField, StatusMessage, TextField } from './form';
import { RequireRole } from './guards';
import { controlPathFor, issuesFromZod } from './issues';
import { useLabels } from './labels';
import { useSubmitState } from './versionedForm';
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
const EMPTY_FORM = { email: '', displayName: '', role: 'editor', side: '' };

const hidden = (chunks: ReactNode[]) => <span className="visually-hidden">{chunks}</span>;

/** The name of the account just saved, which the editor passes when it comes back here. */
function savedName(state: unknown): string | null {
  const v = typeof state === 'object' && state !== null ? (state as { saved?: unknown }).saved : undefined;
  return typeof v === 'string' ? v : null;
}

function Users() {
  const intl = useIntl();
  const labels = useLabels();
  const paths = usePaths();
  const location = useLocation();
  const saved = savedName(location.state);
  const list = useLoader('users', (signal) => users.list(signal), { keepPrevious: true });
  const [form, setForm] = useState(EMPTY_FORM);
  const create = useSubmitState();
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

  const onCreate = (e: FormEvent) => {
    e.preventDefault();
    const parsed = userCreateSchema.safeParse(form);
    void create.submit(
      () => (parsed.success ? [] : issuesFromZod(intl, parsed.error)),
      async () => {
        if (!parsed.success) return;
        const user = await users.create(parsed.data);
        setForm(EMPTY_FORM);
        list.reload();
        await issue(user, 'invite', true);
      },
    );
  };

  const { byPath, busy } = create;
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

  const columns: Column<UserView>[] = [
    {
      key: 'name',
      header: <FormattedMessage id="account.name" />,
      cell: (u) => (
        <>
          {u.displayName}
          <span className="table__note">{u.email}</span>
        </>
      ),
    },
    {
      key: 'role',
      header: <FormattedMessage id="account.role" />,
      cell: (u) => (
        <>
          {labels.role(u.role)}
          <span className="table__note">{labels.side(u.side)}</span>
        </>
      ),
    },
    { key: 'status', header: <FormattedMessage id="users.status" />, cell: (u) => <AccountStatus status={u.status} /> },
    {
      key: 'lastSignIn',
      header: <FormattedMessage id="users.lastSignIn" />,
      cell: (u) =>
        u.lastSignInAt ? (
          <FormattedDate value={u.lastSignInAt} dateStyle="medium" />
        ) : (
          <FormattedMessage id="account.tokenNeverUsed" />
        ),
    },
    {
      key: 'actions',
      header: <FormattedMessage id="users.actions" />,
      cell: (u) => {
        const kind = u.status === 'invited' ? 'invite' : 'reset';
        return (
          <div className="table__actions">
            <Link to={paths.editUser(u.id)}>
              <FormattedMessage id="users.edit" values={{ name: u.displayName, hidden }} />
            </Link>
            {/* A disabled account cannot accept a link: enable it first. */}
            {!u.disabled && (
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() => void issue(u, kind)}
              >
                <FormattedMessage id="users.issue" values={{ kind, name: u.displayName, hidden }} />
              </button>
            )}
          </div>
        );
      },
    },
  ];

  return (
    <div className="workspace-page">
      <WorkspaceBreadcrumb current={<FormattedMessage id="users.title" />} />
      <PageHeading>
        <FormattedMessage id="users.title" />
      </PageHeading>
      {saved && (
        <StatusMessage focus>
          <FormattedMessage id="users.saved" values={{ name: saved }} />
        </StatusMessage>
      )}
      {issued && <IssuedLink key={issued.url} issued={issued} />}
      {linkError && <ApiErrorMessage error={linkError} />}
      <section className="section section--tight" aria-labelledby="accounts-title">
        <h2 id="accounts-title">
          <FormattedMessage id="users.listTitle" />
        </h2>
        {list.error && <ApiErrorMessage error={list.error} onRetry={list.reload} />}
        {!list.data && !list.error && <Loading />}
        {list.data && (
          <DataTable
            caption={<FormattedMessage id="users.caption" />}
            columns={columns}
            rows={list.data.items}
            rowKey={(u) => u.id}
          />
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
          issues={create.issues}
          labelFor={label}
          targetFor={(p) => controlPathFor(p, FIELDS)}
          focusKey={create.failures}
        />
        <form className="stack-form" onSubmit={onCreate} noValidate>
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

/** `/:lang/workspace/users` (administrators): accounts with their state, new accounts and one-time links. */
export default function UsersPage() {
  return (
    <RequireRole action="user:manage">
      <Users />
    </RequireRole>
  );
}
