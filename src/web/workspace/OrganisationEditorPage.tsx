import { useMemo, useState, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useNavigate, useParams } from 'react-router';
import type { OrganisationDetail } from '../../shared/api-types';
import { organisationInputSchema } from '../../shared/schemas/organisation.schema';
import { ORGANISATION_TYPES, type OrganisationType } from '../../shared/vocab';
import { listOrganisations } from '../api/client';
import { useLoader } from '../api/useApi';
import { organisations } from '../api/workspace';
import { ErrorState } from '../components/ErrorSummary';
import { Loading } from '../components/Loading';
import { useText } from '../components/Localized';
import { PageHeading } from '../components/PageHeading';
import { useLabels as usePublicLabels } from '../i18n/labels';
import { useDocumentTitle } from '../lib/documentTitle';
import { requestHeadingFocus } from '../lib/focus';
import { usePaths } from '../lib/paths';
import type { LocalizedDraft } from './activityForm';
import { newKey } from './activityForm';
import { ConfirmAction } from './ConfirmAction';
import { EmptyValue } from './ConflictPanel';
import { organisationOptions } from './editorOptions';
import { SelectField, StatusMessage, TextField } from './form';
import { HistorySection } from './HistorySection';
import { Bilingual, Rows } from './formParts';
import { RequireRole } from './guards';
import { getPath } from './merge';
import { useSession } from './session';
import { pathMerge, SaveFeedback, useVersionedForm } from './versionedForm';
import { WorkspaceBreadcrumb } from './WorkspaceBreadcrumb';

interface FormerNameDraft {
  key: string;
  name: string;
  acronym: string;
  until: string;
  note: string;
}

interface OrganisationForm {
  name: LocalizedDraft;
  acronym: string;
  type: string;
  country: string;
  iatiIdentifier: string;
  website: string;
  description: LocalizedDraft;
  formerNames: FormerNameDraft[];
}

const s = (v: string | null | undefined) => v ?? '';
const opt = (v: string) => (v.trim() === '' ? null : v.trim());

function formFromDetail(o: OrganisationDetail): OrganisationForm {
  return {
    name: { en: s(o.name.en), fr: s(o.name.fr) },
    acronym: s(o.acronym),
    type: o.type,
    country: s(o.country),
    iatiIdentifier: s(o.iatiIdentifier),
    website: s(o.website),
    description: { en: s(o.description.en), fr: s(o.description.fr) },
    formerNames: o.formerNames.map((f) => ({
      key: newKey(),
      name: f.name,
      acronym: s(f.acronym),
      until: s(f.until),
      note: s(f.note),
    })),
  };
}

const emptyForm = (): OrganisationForm => ({
  name: { en: '', fr: '' },
  acronym: '',
  type: '',
  country: '',
  iatiIdentifier: '',
  website: '',
  description: { en: '', fr: '' },
  formerNames: [],
});

function formToInput(f: OrganisationForm) {
  return {
    name: { en: opt(f.name.en), fr: opt(f.name.fr) },
    acronym: opt(f.acronym),
    type: f.type,
    country: opt(f.country),
    iatiIdentifier: opt(f.iatiIdentifier),
    website: opt(f.website),
    description: { en: opt(f.description.en), fr: opt(f.description.fr) },
    formerNames: f.formerNames.map((n) => ({
      name: n.name.trim(),
      acronym: opt(n.acronym),
      until: opt(n.until),
      note: opt(n.note),
    })),
  };
}

const MERGE_FIELDS = [
  'name.en',
  'name.fr',
  'acronym',
  'type',
  'country',
  'iatiIdentifier',
  'website',
  'description.en',
  'description.fr',
  'formerNames',
] as const;

const SIMPLE_FIELDS = ['acronym', 'type', 'country', 'iatiIdentifier', 'website'];

function knownPaths(f: OrganisationForm): Set<string> {
  const paths = new Set<string>(['name.en', 'name.fr', 'description.en', 'description.fr', ...SIMPLE_FIELDS]);
  f.formerNames.forEach((_, i) =>
    ['name', 'acronym', 'until', 'note'].forEach((k) => paths.add(`formerNames.${i}.${k}`)),
  );
  return paths;
}

function useOrgFieldLabel() {
  const intl = useIntl();
  return (path: string): string => {
    const [first = '', second, third] = path.split('.');
    const label = (key: string) => {
      switch (key) {
        case 'name':
          return intl.formatMessage({ id: 'orgEditor.name' });
        case 'acronym':
          return intl.formatMessage({ id: 'orgEditor.acronym' });
        case 'type':
          return intl.formatMessage({ id: 'orgEditor.type' });
        case 'country':
          return intl.formatMessage({ id: 'orgEditor.country' });
        case 'iatiIdentifier':
          return intl.formatMessage({ id: 'editor.iati' });
        case 'website':
          return intl.formatMessage({ id: 'orgEditor.website' });
        case 'description':
          return intl.formatMessage({ id: 'editor.descriptionField' });
        case 'formerNames':
          return intl.formatMessage({ id: 'orgEditor.formerNames' });
        case 'until':
          return intl.formatMessage({ id: 'orgEditor.until' });
        case 'note':
          return intl.formatMessage({ id: 'editor.note' });
        default:
          return key;
      }
    };
    if ((first === 'name' || first === 'description') && (second === 'en' || second === 'fr')) {
      return intl.formatMessage({ id: 'editor.inLanguage' }, { field: label(first), lang: second });
    }
    if (first === 'formerNames' && second) {
      const row = intl.formatMessage({ id: 'orgEditor.formerNameN' }, { n: Number(second) + 1 });
      if (!third) return row;
      const field = third === 'name' ? intl.formatMessage({ id: 'orgEditor.formerName' }) : label(third);
      return intl.formatMessage({ id: 'editor.rowField' }, { row, field });
    }
    return label(first);
  };
}

function Editor({
  id,
  record,
}: {
  id: string | undefined;
  record: { detail: OrganisationDetail; version: number } | undefined;
}) {
  const intl = useIntl();
  const text = useText();
  const paths = usePaths();
  const navigate = useNavigate();
  const publicLabels = usePublicLabels();
  const fieldLabel = useOrgFieldLabel();
  const initial = useMemo(() => (record ? formFromDetail(record.detail) : emptyForm()), [record]);
  const [announcement, setAnnouncement] = useState('');
  const editor = useVersionedForm({
    initial,
    version: record?.version,
    schema: organisationInputSchema,
    toInput: formToInput,
    write: async (input, _parsed, basedOn) =>
      id && basedOn !== undefined ? organisations.update(id, basedOn, input) : organisations.create(input),
    onSaved: (saved) => {
      requestHeadingFocus();
      void navigate(paths.workspaceOrganisations(), { state: { saved: text(saved.data.name) } });
    },
    fromCurrent: (current) => formFromDetail(current as OrganisationDetail),
    merge: pathMerge<OrganisationForm>(MERGE_FIELDS),
  });
  const { form, set, byPath, busy } = editor;
  const title = intl.formatMessage({ id: id ? 'orgEditor.editTitle' : 'orgEditor.newTitle' });
  useDocumentTitle(title);

  const describe = (f: OrganisationForm, field: string): ReactNode => {
    if (field === 'formerNames') {
      return f.formerNames.length ? (
        <ul className="conflict__list">
          {f.formerNames.map((n) => (
            <li key={n.key}>{[n.name, n.acronym, n.until].filter(Boolean).join(' · ')}</li>
          ))}
        </ul>
      ) : (
        <EmptyValue />
      );
    }
    const value = getPath(f, field);
    if (typeof value !== 'string' || !value.trim()) return <EmptyValue />;
    if (field === 'type') return publicLabels.organisationType(value as OrganisationType);
    return value;
  };

  const typeOptions = ORGANISATION_TYPES.map((t) => ({ value: t, label: publicLabels.organisationType(t) }));

  return (
    <>
      <div className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </div>
      <SaveFeedback state={editor} fieldLabel={fieldLabel} describe={describe} knownPaths={knownPaths(form)} />
      <form onSubmit={editor.onSubmit} noValidate aria-label={title}>
        <Bilingual
          name="name"
          legend={<FormattedMessage id="orgEditor.name" />}
          hint={<FormattedMessage id="editor.titleHint" />}
          value={form.name}
          issues={byPath}
          onChange={(v) => set('name', v)}
        />
        <div className="field-row">
          <TextField
            path="acronym"
            label={<FormattedMessage id="orgEditor.acronym" />}
            optional
            issues={byPath}
            value={form.acronym}
            onChange={(v) => set('acronym', v)}
          />
          <SelectField
            path="type"
            label={<FormattedMessage id="orgEditor.type" />}
            issues={byPath}
            value={form.type}
            placeholder={intl.formatMessage({ id: 'form.choose' })}
            options={typeOptions}
            onChange={(v) => set('type', v)}
          />
        </div>
        <div className="field-row">
          <TextField
            path="country"
            label={<FormattedMessage id="orgEditor.country" />}
            hint={<FormattedMessage id="orgEditor.countryHint" />}
            optional
            maxLength={2}
            inputClassName="input--currency"
            issues={byPath}
            value={form.country}
            onChange={(v) => set('country', v.toUpperCase())}
            spellCheck={false}
          />
          <TextField
            path="iatiIdentifier"
            label={<FormattedMessage id="editor.iati" />}
            optional
            issues={byPath}
            value={form.iatiIdentifier}
            onChange={(v) => set('iatiIdentifier', v)}
            spellCheck={false}
          />
        </div>
        <TextField
          path="website"
          type="url"
          inputMode="url"
          label={<FormattedMessage id="orgEditor.website" />}
          hint={<FormattedMessage id="editor.urlHint" />}
          optional
          issues={byPath}
          value={form.website}
          onChange={(v) => set('website', v)}
          spellCheck={false}
        />
        <Bilingual
          name="description"
          legend={<FormattedMessage id="editor.descriptionField" />}
          hint={<FormattedMessage id="editor.descriptionHint" />}
          value={form.description}
          issues={byPath}
          multiline={4}
          optional
          onChange={(v) => set('description', v)}
        />
        <Rows<FormerNameDraft>
          list="formerNames"
          rowName={(i) => intl.formatMessage({ id: 'orgEditor.formerNameN' }, { n: i + 1 })}
          rows={form.formerNames}
          legend={<FormattedMessage id="orgEditor.formerNames" />}
          intro={<FormattedMessage id="orgEditor.formerNamesIntro" />}
          empty={<FormattedMessage id="orgEditor.noFormerNames" />}
          addLabel={<FormattedMessage id="orgEditor.addFormerName" />}
          firstField="name"
          make={() => ({ key: newKey(), name: '', acronym: '', until: '', note: '' })}
          onChange={(rows) => set('formerNames', rows)}
          onAnnounce={setAnnouncement}
          render={(row, i, update) => (
            <>
              <div className="field-row">
                <TextField
                  path={`formerNames.${i}.name`}
                  label={<FormattedMessage id="orgEditor.formerName" />}
                  issues={byPath}
                  value={row.name}
                  onChange={(v) => update({ name: v })}
                />
                <TextField
                  path={`formerNames.${i}.acronym`}
                  label={<FormattedMessage id="orgEditor.acronym" />}
                  optional
                  issues={byPath}
                  value={row.acronym}
                  onChange={(v) => update({ acronym: v })}
                />
              </div>
              <TextField
                path={`formerNames.${i}.until`}
                label={<FormattedMessage id="orgEditor.until" />}
                hint={<FormattedMessage id="editor.dateExample" />}
                optional
                inputClassName="input--date"
                maxLength={10}
                issues={byPath}
                value={row.until}
                onChange={(v) => update({ until: v })}
              />
              <TextField
                path={`formerNames.${i}.note`}
                label={<FormattedMessage id="editor.note" />}
                optional
                issues={byPath}
                value={row.note}
                onChange={(v) => update({ note: v })}
              />
            </>
          )}
        />
        <div className="form-actions form-actions--end">
          <button type="submit" className="button" aria-disabled={busy || undefined}>
            <FormattedMessage id={busy ? 'editor.saving' : id ? 'editor.save' : 'orgEditor.create'} />
          </button>
          <Link to={paths.workspaceOrganisations()} className="form-actions__cancel">
            <FormattedMessage id="form.cancel" />
          </Link>
        </div>
      </form>
    </>
  );
}

/** Merging a duplicate into the record to keep, and moving an unused record to the trash. */
function Housekeeping({ detail, version }: { detail: OrganisationDetail; version: number }) {
  const intl = useIntl();
  const text = useText();
  const paths = usePaths();
  const navigate = useNavigate();
  const all = useLoader('merge-targets', (signal) => listOrganisations({ pageSize: 200 }, signal));
  const [into, setInto] = useState('');
  const [missing, setMissing] = useState(false);
  const options = organisationOptions(all.data?.items ?? [], text, intl).filter((o) => o.value !== detail.id);
  const intoName = options.find((o) => o.value === into)?.label ?? '';
  const name = text(detail.name);

  return (
    <>
      <section className="section" aria-labelledby="merge-title">
        <h2 id="merge-title">
          <FormattedMessage id="orgEditor.mergeTitle" />
        </h2>
        <p className="section__intro">
          <FormattedMessage id="orgEditor.mergeIntro" values={{ name }} />
        </p>
        <SelectField
          path="into"
          label={<FormattedMessage id="orgEditor.mergeInto" />}
          issues={
            new Map(
              missing ? [['into', { path: 'into', message: intl.formatMessage({ id: 'form.issue.choose' }) }]] : [],
            )
          }
          value={into}
          placeholder={intl.formatMessage({ id: 'form.choose' })}
          options={options}
          onChange={(v) => {
            setInto(v);
            setMissing(false);
          }}
        />
        {into ? (
          <ConfirmAction
            label={<FormattedMessage id="orgEditor.merge" />}
            question={<FormattedMessage id="orgEditor.mergeQuestion" values={{ name, into: intoName }} />}
            confirmLabel={<FormattedMessage id="orgEditor.mergeConfirm" />}
            destructive
            onConfirm={async () => {
              await organisations.merge(detail.id, version, into);
              requestHeadingFocus();
              void navigate(paths.workspaceOrganisations(), { state: { merged: name, into: intoName } });
            }}
          />
        ) : (
          <button
            type="button"
            className="button button--secondary button--danger-outline"
            onClick={() => {
              setMissing(true);
              document.getElementById('f-into')?.focus();
            }}
          >
            <FormattedMessage id="orgEditor.merge" />
          </button>
        )}
      </section>
      <section className="section" aria-labelledby="delete-title">
        <h2 id="delete-title">
          <FormattedMessage id="orgEditor.deleteTitle" />
        </h2>
        <p className="section__intro">
          <FormattedMessage id="orgEditor.deleteIntro" />
        </p>
        <ConfirmAction
          label={<FormattedMessage id="orgEditor.delete" />}
          question={<FormattedMessage id="orgEditor.deleteQuestion" values={{ name }} />}
          confirmLabel={<FormattedMessage id="orgEditor.deleteConfirm" />}
          destructive
          onConfirm={async () => {
            await organisations.remove(detail.id, version);
            requestHeadingFocus();
            void navigate(paths.workspaceOrganisations(), { state: { deleted: name } });
          }}
        />
      </section>
    </>
  );
}

function EditorLoader({ id }: { id: string | undefined }) {
  const intl = useIntl();
  const text = useText();
  const paths = usePaths();
  const { can } = useSession();
  const [restored, setRestored] = useState(0);
  const record = useLoader(id ? `organisation:${id}` : null, async (signal) => {
    const res = await organisations.get(id ?? '', signal);
    return { detail: res.data, version: res.version ?? res.data.version };
  });
  if (record.error) return <ErrorState error={record.error} onRetry={record.reload} />;
  if (id && !record.data) return <Loading label={<FormattedMessage id="loading.organisation" />} />;
  const title = intl.formatMessage({ id: id ? 'orgEditor.editTitle' : 'orgEditor.newTitle' });
  return (
    <div className="workspace-page">
      <WorkspaceBreadcrumb
        trail={[{ label: <FormattedMessage id="orgAdmin.title" />, to: paths.workspaceOrganisations() }]}
        current={title}
      />
      <PageHeading>{title}</PageHeading>
      {record.data && (
        <p className="page-header__meta">
          <FormattedMessage
            id="orgEditor.editing"
            values={{
              name: <Link to={paths.organisation(record.data.detail.id)}>{text(record.data.detail.name)}</Link>,
              version: record.data.version,
            }}
          />
        </p>
      )}
      {restored > 0 && (
        <StatusMessage focus key={restored}>
          <FormattedMessage id="orgEditor.restored" />
        </StatusMessage>
      )}
      <Editor key={record.data?.version ?? 'new'} id={id} record={record.data} />
      {record.data && can('organisation:merge') && (
        <Housekeeping detail={record.data.detail} version={record.data.version} />
      )}
      {record.data && (
        <HistorySection
          loaderKey={`organisation-history:${record.data.detail.id}:${record.data.version}`}
          load={(signal) => organisations.history(record.data?.detail.id ?? '', signal)}
          currentVersion={record.data.version}
          canRestore={can('organisation:update')}
          onRestore={async (version) => {
            const current = record.data;
            if (!current) return;
            await organisations.restoreVersion(current.detail.id, version, current.version);
            setRestored((n) => n + 1);
            record.reload();
          }}
        />
      )}
    </div>
  );
}

/** `/:lang/workspace/organisations/new` and `…/:id/edit`. */
export default function OrganisationEditorPage() {
  const { id } = useParams();
  return (
    <RequireRole action={id ? 'organisation:update' : 'organisation:create'}>
      <EditorLoader key={id ?? 'new'} id={id} />
    </RequireRole>
  );
}
