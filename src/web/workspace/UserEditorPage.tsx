import { useMemo, useState, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useNavigate, useParams } from 'react-router';
import type { UserView } from '../../shared/api-types';
import { userUpdateSchema } from '../../shared/schemas/auth.schema';
import { ROLES, SIDES, type Role, type Side } from '../../shared/vocab';
import { ApiError, api, listOrganisations } from '../api/client';
import { useApi, useLoader } from '../api/useApi';
import { users } from '../api/workspace';
import { ErrorState } from '../components/ErrorSummary';
import { Loading } from '../components/Loading';
import { useText } from '../components/Localized';
import { PageHeading } from '../components/PageHeading';
import { useDocumentTitle } from '../lib/documentTitle';
import { requestHeadingFocus } from '../lib/focus';
import { usePaths } from '../lib/paths';
import { AccountStatus } from './AccountStatus';
import { ConfirmAction } from './ConfirmAction';
import { EmptyValue } from './ConflictPanel';
import { organisationOptions } from './editorOptions';
import { SelectField, StatusMessage, TextField, type Option } from './form';
import { RequireRole } from './guards';
import { HistorySection } from './HistorySection';
import { useLabels } from './labels';
import { useSession } from './session';
import {
  accessChange,
  USER_CONTROLS,
  USER_MERGE_FIELDS,
  userFormFrom,
  userFormToInput,
  type UserForm,
} from './userForm';
import { pathMerge, SaveFeedback, useVersionedForm } from './versionedForm';
import { WorkspaceBreadcrumb } from './WorkspaceBreadcrumb';

function useUserFieldLabel() {
  const intl = useIntl();
  return (path: string): string => {
    switch (path) {
      case 'displayName':
        return intl.formatMessage({ id: 'account.name' });
      case 'role':
        return intl.formatMessage({ id: 'account.role' });
      case 'side':
        return intl.formatMessage({ id: 'account.side' });
      case 'organisationId':
        return intl.formatMessage({ id: 'users.organisation' });
      case 'partnershipId':
        return intl.formatMessage({ id: 'users.partnership' });
      case 'disabled':
        return intl.formatMessage({ id: 'users.access' });
      default:
        return '';
    }
  };
}

/** Name, role, side, organisation and partnership, saved against the version read. */
function Editor({
  user,
  orgOptions,
  partnershipOptions,
}: {
  user: UserView;
  orgOptions: Option[];
  partnershipOptions: Option[];
}) {
  const intl = useIntl();
  const paths = usePaths();
  const navigate = useNavigate();
  const labels = useLabels();
  const session = useSession();
  const fieldLabel = useUserFieldLabel();
  const initial = useMemo(() => userFormFrom(user), [user]);
  const editor = useVersionedForm({
    initial,
    version: user.version,
    schema: userUpdateSchema,
    toInput: userFormToInput,
    write: (_input, parsed, basedOn) => users.update(user.id, basedOn ?? user.version, parsed),
    onSaved: (saved) => {
      // Changing one's own role changes what this page may show.
      if (saved.data.id === session.user?.id) void session.refresh();
      requestHeadingFocus();
      void navigate(paths.users(), { state: { saved: saved.data.displayName } });
    },
    fromCurrent: (current) => userFormFrom(current as UserView),
    merge: pathMerge<UserForm>(USER_MERGE_FIELDS),
  });
  const { form, set, byPath, busy } = editor;
  const orgName = (id: string) => orgOptions.find((o) => o.value === id)?.label ?? id;
  const partnershipName = (id: string) => partnershipOptions.find((o) => o.value === id)?.label ?? id;

  const describe = (f: UserForm, field: string): ReactNode => {
    switch (field) {
      case 'role':
        return labels.role(f.role as Role);
      case 'side':
        return labels.side(f.side as Side);
      case 'organisationId':
        return f.organisationId ? orgName(f.organisationId) : <EmptyValue />;
      case 'partnershipId':
        return f.partnershipId ? partnershipName(f.partnershipId) : <FormattedMessage id="users.allPartnerships" />;
      case 'disabled':
        return labels.accountStatus(f.disabled ? 'disabled' : 'active');
      default:
        return f.displayName.trim() ? f.displayName : <EmptyValue />;
    }
  };

  return (
    <section className="section section--tight" aria-labelledby="user-details-title">
      <h2 id="user-details-title">
        <FormattedMessage id="users.detailsTitle" />
      </h2>
      <SaveFeedback state={editor} fieldLabel={fieldLabel} describe={describe} knownPaths={USER_CONTROLS} />
      <form className="stack-form" onSubmit={editor.onSubmit} noValidate aria-labelledby="user-details-title">
        <TextField
          path="displayName"
          label={<FormattedMessage id="account.name" />}
          issues={byPath}
          value={form.displayName}
          onChange={(v) => set('displayName', v)}
        />
        <SelectField
          path="role"
          label={<FormattedMessage id="account.role" />}
          hint={<FormattedMessage id="users.roleHint" />}
          issues={byPath}
          value={form.role}
          options={ROLES.map((r) => ({ value: r, label: labels.role(r) }))}
          onChange={(v) => set('role', v)}
        />
        <SelectField
          path="side"
          label={<FormattedMessage id="account.side" />}
          hint={<FormattedMessage id="users.sideHint" />}
          issues={byPath}
          value={form.side}
          options={SIDES.map((s) => ({ value: s, label: labels.side(s) }))}
          onChange={(v) => set('side', v)}
        />
        <SelectField
          path="organisationId"
          label={<FormattedMessage id="users.organisation" />}
          hint={<FormattedMessage id="users.organisationHint" />}
          optional
          issues={byPath}
          value={form.organisationId}
          placeholder={intl.formatMessage({ id: 'users.noOrganisation' })}
          options={orgOptions}
          onChange={(v) => set('organisationId', v)}
        />
        <SelectField
          path="partnershipId"
          label={<FormattedMessage id="users.partnership" />}
          hint={<FormattedMessage id="users.partnershipHint" />}
          optional
          issues={byPath}
          value={form.partnershipId}
          placeholder={intl.formatMessage({ id: 'users.allPartnerships' })}
          options={partnershipOptions}
          onChange={(v) => set('partnershipId', v)}
        />
        <div className="form-actions">
          <button type="submit" className="button" aria-disabled={busy || undefined}>
            <FormattedMessage id={busy ? 'editor.saving' : 'editor.save'} />
          </button>
          <Link to={paths.users()} className="form-actions__cancel">
            <FormattedMessage id="form.cancel" />
          </Link>
        </div>
      </form>
    </section>
  );
}

/** Disabling the account (confirmed first: it ends the person's sessions and revokes their tokens), or enabling it again. */
function Access({
  user,
  onChanged,
  onStale,
}: {
  user: UserView;
  onChanged: (disabled: boolean) => void;
  onStale: () => void;
}) {
  const name = user.displayName;
  const change = async (disabled: boolean) => {
    try {
      await users.update(user.id, user.version, accessChange(user, disabled));
    } catch (err) {
      // Someone changed the account meanwhile: show it as it is now, and say why nothing happened.
      if (err instanceof ApiError && err.status === 409 && err.problem.current) onStale();
      throw err;
    }
    onChanged(disabled);
  };
  return (
    <section className="section" aria-labelledby="access-title">
      <h2 id="access-title">
        <FormattedMessage id="users.accessTitle" />
      </h2>
      <p className="section__intro">
        <FormattedMessage id={user.disabled ? 'users.accessDisabled' : 'users.accessActive'} values={{ name }} />
      </p>
      {user.disabled ? (
        <ConfirmAction
          key="enable"
          label={<FormattedMessage id="users.enable" />}
          question={<FormattedMessage id="users.enableQuestion" values={{ name }} />}
          confirmLabel={<FormattedMessage id="users.enableConfirm" />}
          onConfirm={() => change(false)}
        />
      ) : (
        <ConfirmAction
          key="disable"
          destructive
          label={<FormattedMessage id="users.disable" />}
          question={<FormattedMessage id="users.disableQuestion" values={{ name }} />}
          confirmLabel={<FormattedMessage id="users.disableConfirm" />}
          onConfirm={() => change(true)}
        />
      )}
    </section>
  );
}

function UserEditor({ id }: { id: string }) {
  const intl = useIntl();
  const text = useText();
  const paths = usePaths();
  const labels = useLabels();
  const record = useLoader(
    `user:${id}`,
    async (signal) => {
      const found = (await users.list(signal)).items.find((u) => u.id === id);
      if (!found) throw new ApiError({ type: 'about:blank', title: 'Not found', status: 404, detail: '' });
      return found;
    },
    { keepPrevious: true },
  );
  const orgs = useLoader('user-organisations', (signal) => listOrganisations({ pageSize: 200 }, signal));
  const partnerships = useApi(api.partnerships());
  const [flash, setFlash] = useState<{ disabled: boolean; n: number } | null>(null);
  const user = record.data;
  const title = user ? intl.formatMessage({ id: 'users.editTitle' }, { name: user.displayName }) : null;
  useDocumentTitle(title);

  const orgOptions = useMemo(() => {
    const options = organisationOptions(orgs.data?.items ?? [], text, intl);
    // Never drop the person's organisation from the choice because it is not among those listed.
    const own = user?.organisationId;
    return own && !options.some((o) => o.value === own) ? [...options, { value: own, label: own }] : options;
  }, [orgs.data, text, intl, user?.organisationId]);

  const partnershipOptions = useMemo(
    () => (partnerships.data?.items ?? []).map((p) => ({ value: p.id, label: text(p.name) })),
    [partnerships.data, text],
  );

  const error = record.error ?? orgs.error ?? partnerships.error;
  if (error) {
    const retry = error === record.error ? record.reload : error === orgs.error ? orgs.reload : partnerships.reload;
    return <ErrorState error={error} onRetry={retry} />;
  }
  if (!user || !orgs.data || !partnerships.data || !title) return <Loading />;

  return (
    <div className="workspace-page">
      <WorkspaceBreadcrumb
        trail={[{ label: <FormattedMessage id="users.title" />, to: paths.users() }]}
        current={title}
      />
      <PageHeading>{title}</PageHeading>
      <p className="page-header__meta">
        <FormattedMessage
          id="users.editing"
          values={{ email: user.email, status: <AccountStatus status={user.status} />, version: user.version }}
        />
      </p>
      {flash && (
        <StatusMessage focus key={flash.n}>
          <FormattedMessage
            id={flash.disabled ? 'users.disabledFlash' : 'users.enabledFlash'}
            values={{ name: user.displayName }}
          />
        </StatusMessage>
      )}
      <Editor key={user.version} user={user} orgOptions={orgOptions} partnershipOptions={partnershipOptions} />
      <Access
        user={user}
        onStale={record.reload}
        onChanged={(disabled) => {
          setFlash((prev) => ({ disabled, n: (prev?.n ?? 0) + 1 }));
          record.reload();
        }}
      />
      <HistorySection
        loaderKey={`user-history:${user.id}:${user.version}`}
        load={(signal) => users.history(user.id, signal)}
        currentVersion={user.version}
        canRestore={false}
        describeValue={(field, value) => {
          if (typeof value !== 'string') return value;
          if (field === 'role' && (ROLES as readonly string[]).includes(value)) return labels.role(value as Role);
          if (field === 'side' && (SIDES as readonly string[]).includes(value)) return labels.side(value as Side);
          if (field === 'status') return labels.accountStatus(value as UserView['status']);
          return value;
        }}
      />
    </div>
  );
}

/** `/:lang/workspace/users/:id` (administrators): a person's account, its access and its history. */
export default function UserEditorPage() {
  const { id = '' } = useParams();
  return (
    <RequireRole action="user:manage">
      <UserEditor key={id} id={id} />
    </RequireRole>
  );
}
