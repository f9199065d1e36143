import { useMemo, useState, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useNavigate, useParams } from 'react-router';
import type { ActivityDetail } from '../../shared/api-types';
import { activityInputSchema } from '../../shared/schemas/activity.schema';
import {
  ACTIVITY_STATUSES,
  ACTIVITY_TYPES,
  CONFIDENCE_LEVELS,
  COUNTRY_CODES,
  FUNDING_TYPES,
  PARTICIPANT_ROLES,
  type ActivityStatus,
  type ActivityType,
  type Confidence,
  type FundingType,
  type ParticipantRole,
} from '../../shared/vocab';
import { useLoader } from '../api/useApi';
import { activities } from '../api/workspace';
import { ErrorState } from '../components/ErrorSummary';
import { Loading } from '../components/Loading';
import { useText } from '../components/Localized';
import { formatMoney } from '../components/Money';
import { PageHeading } from '../components/PageHeading';
import { useLabels as usePublicLabels } from '../i18n/labels';
import { useDocumentTitle } from '../lib/documentTitle';
import { requestHeadingFocus } from '../lib/focus';
import { usePaths } from '../lib/paths';
import {
  ACTIVITY_MERGE,
  controlPaths,
  emptyActivityForm,
  emptyFunding,
  emptyLink,
  emptyParticipant,
  emptySource,
  formFromDetail,
  formToInput,
  type ActivityForm,
  type FundingDraft,
  type LinkDraft,
  type MergeField,
  type ParticipantDraft,
  type SourceDraft,
} from './activityForm';
import { EmptyValue } from './ConflictPanel';
import { Bilingual, Rows } from './formParts';
import {
  loadEditorOptions,
  nodeName,
  nodeOptionGroups,
  organisationOptions,
  type EditorOptions,
} from './editorOptions';
import {
  CheckboxField,
  CheckboxGroupField,
  SelectField,
  TextAreaField,
  TextField,
  type Option,
  type OptionGroup,
} from './form';
import { RequireRole } from './guards';
import { SaveFeedback, useVersionedForm } from './versionedForm';
import { WorkspaceBreadcrumb } from './WorkspaceBreadcrumb';

type ListName = 'participants' | 'funding' | 'links' | 'sources';

const ROW_MESSAGE = {
  participants: 'editor.participantN',
  funding: 'editor.fundingN',
  links: 'editor.linkN',
  sources: 'editor.sourceN',
} as const;

const FIELD_MESSAGE = {
  iatiIdentifier: 'editor.iati',
  title: 'editor.titleField',
  summary: 'editor.summaryField',
  description: 'editor.descriptionField',
  type: 'editor.type',
  status: 'editor.status',
  plannedStart: 'editor.plannedStart',
  plannedEnd: 'editor.plannedEnd',
  actualStart: 'editor.actualStart',
  actualEnd: 'editor.actualEnd',
  countries: 'editor.countries',
  regional: 'editor.regional',
  participants: 'editor.participantsTitle',
  funding: 'editor.fundingTitle',
  links: 'editor.linksTitle',
  sources: 'editor.sourcesTitle',
  organisationId: 'editor.organisation',
  role: 'editor.role',
  note: 'editor.note',
  amount: 'editor.amount',
  currency: 'editor.currency',
  date: 'editor.date',
  providerId: 'editor.provider',
  recipientId: 'editor.recipient',
  nodeId: 'editor.node',
  rationale: 'editor.rationale',
  confidence: 'editor.confidence',
  url: 'editor.url',
  publisher: 'editor.publisher',
  publishedOn: 'editor.publishedOn',
} as const;

type FieldKey = keyof typeof FIELD_MESSAGE;
const isFieldKey = (k: string): k is FieldKey => Object.hasOwn(FIELD_MESSAGE, k);

/** "Title (English)", "Funding line 2: Amount": a field's name as the form shows it. */
function useFieldLabel() {
  const intl = useIntl();
  return (path: string): string => {
    const [first = '', second, third] = path.split('.');
    const base = (key: string) =>
      isFieldKey(key)
        ? intl.formatMessage({ id: key === 'type' && third ? 'editor.fundingType' : FIELD_MESSAGE[key] })
        : key;
    if ((first === 'title' || first === 'summary' || first === 'description') && (second === 'en' || second === 'fr')) {
      return intl.formatMessage({ id: 'editor.inLanguage' }, { field: base(first), lang: second });
    }
    if ((first === 'participants' || first === 'funding' || first === 'links' || first === 'sources') && second) {
      const row = intl.formatMessage({ id: ROW_MESSAGE[first] }, { n: Number(second) + 1 });
      if (!third) return row;
      const field =
        first === 'funding' && third === 'type'
          ? intl.formatMessage({ id: 'editor.fundingType' })
          : first === 'sources' && third === 'title'
            ? intl.formatMessage({ id: 'editor.sourceTitle' })
            : base(third);
      return intl.formatMessage({ id: 'editor.rowField' }, { row, field });
    }
    return first ? base(first) : '';
  };
}

const DATE_HINT = <FormattedMessage id="editor.dateHint" />;

interface EditorProps {
  id: string | undefined;
  record: { detail: ActivityDetail; version: number } | undefined;
  options: EditorOptions;
}

function Editor({ id, record, options }: EditorProps) {
  const intl = useIntl();
  const text = useText();
  const paths = usePaths();
  const navigate = useNavigate();
  const publicLabels = usePublicLabels();
  const fieldLabel = useFieldLabel();

  const initial = useMemo(() => (record ? formFromDetail(record.detail) : emptyActivityForm()), [record]);
  const [announcement, setAnnouncement] = useState('');
  const editor = useVersionedForm({
    initial,
    version: record?.version,
    schema: activityInputSchema,
    toInput: formToInput,
    write: async (input, _parsed, basedOn) =>
      id && basedOn !== undefined ? activities.update(id, basedOn, input) : activities.create(input),
    onSaved: (saved) => {
      requestHeadingFocus();
      void navigate(paths.activity(saved.data.id), { state: { flash: id ? 'saved' : 'created' } });
    },
    fromCurrent: (current) => formFromDetail(current as ActivityDetail),
    merge: ACTIVITY_MERGE,
  });
  const { form, set, byPath, busy, version } = editor;

  const known = controlPaths(form);

  const orgOptions = useMemo(
    () => organisationOptions(options.organisations, text, intl),
    [options.organisations, text, intl],
  );
  const linkedIds = useMemo(() => initial.links.map((l) => l.nodeId), [initial]);
  const nodeGroups: OptionGroup[] = useMemo(
    () => nodeOptionGroups(options.plans, text, intl, linkedIds),
    [options.plans, text, intl, linkedIds],
  );

  const vocab = <T extends string>(values: readonly T[], label: (v: T) => string): Option[] =>
    values.map((v) => ({ value: v, label: label(v) }));
  const typeOptions = vocab<ActivityType>(ACTIVITY_TYPES, publicLabels.activityType);
  const statusOptions = vocab<ActivityStatus>(ACTIVITY_STATUSES, publicLabels.activityStatus);
  const roleOptions = vocab<ParticipantRole>(PARTICIPANT_ROLES, publicLabels.role);
  const fundingTypeOptions = vocab<FundingType>(FUNDING_TYPES, publicLabels.fundingType);
  const confidenceOptions = vocab<Confidence>(CONFIDENCE_LEVELS, publicLabels.confidence);
  const countryOptions = [...COUNTRY_CODES]
    .map((c) => ({ value: c, label: publicLabels.country(c) }))
    .sort((a, b) => a.label.localeCompare(b.label, intl.locale));

  const rowName = (list: ListName) => (i: number) => intl.formatMessage({ id: ROW_MESSAGE[list] }, { n: i + 1 });

  const orgName = (orgId: string) => orgOptions.find((o) => o.value === orgId)?.label ?? orgId;
  const describe = (f: ActivityForm, field: MergeField): ReactNode => {
    const none = <EmptyValue />;
    const listOf = (items: string[]) =>
      items.length === 0 ? (
        none
      ) : (
        <ul className="conflict__list">
          {items.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ul>
      );
    switch (field) {
      case 'title.en':
      case 'title.fr':
      case 'summary.en':
      case 'summary.fr':
      case 'description.en':
      case 'description.fr': {
        const [group, lang] = field.split('.') as ['title' | 'summary' | 'description', 'en' | 'fr'];
        return f[group][lang].trim() ? <span lang={lang}>{f[group][lang]}</span> : none;
      }
      case 'type':
        return f.type ? publicLabels.activityType(f.type as ActivityType) : none;
      case 'status':
        return f.status ? publicLabels.activityStatus(f.status as ActivityStatus) : none;
      case 'countries':
        return f.countries.length ? intl.formatList(f.countries.map((c) => publicLabels.country(c))) : none;
      case 'regional':
        return <FormattedMessage id={f.regional ? 'form.yes' : 'form.no'} />;
      case 'participants':
        return listOf(
          f.participants.map((p) => `${orgName(p.organisationId)} – ${publicLabels.role(p.role as ParticipantRole)}`),
        );
      case 'funding':
        return listOf(
          f.funding.map(
            (l) =>
              `${formatMoney(intl, l.amount, l.currency || 'CAD')} – ${publicLabels.fundingType(l.type as FundingType)}${
                l.date ? ` – ${l.date}` : ''
              }`,
          ),
        );
      case 'links':
        return listOf(f.links.map((l) => nodeName(options.plans, l.nodeId, text)));
      case 'sources':
        return listOf(f.sources.map((s) => s.title || s.url));
      case 'iatiIdentifier':
      case 'plannedStart':
      case 'plannedEnd':
      case 'actualStart':
      case 'actualEnd':
        return f[field].trim() ? f[field] : none;
    }
  };

  const title = id ? intl.formatMessage({ id: 'editor.editTitle' }) : intl.formatMessage({ id: 'editor.newTitle' });
  useDocumentTitle(title);

  return (
    <div className="workspace-page editor">
      <WorkspaceBreadcrumb
        trail={record ? [{ label: text(record.detail.title), to: paths.activity(record.detail.id) }] : []}
        current={title}
      />
      <PageHeading>{title}</PageHeading>
      {record && (
        <p className="page-header__meta">
          <FormattedMessage
            id="editor.editing"
            values={{ title: text(record.detail.title), version: version ?? record.version }}
          />
        </p>
      )}
      <div className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </div>
      <SaveFeedback state={editor} fieldLabel={fieldLabel} describe={describe} knownPaths={known} />
      <form onSubmit={editor.onSubmit} noValidate aria-label={title} className="editor__form">
        <section className="editor-section" aria-labelledby="texts-title">
          <h2 id="texts-title">
            <FormattedMessage id="editor.textsTitle" />
          </h2>
          <p className="section__intro">
            <FormattedMessage id="editor.textsIntro" />
          </p>
          <Bilingual
            name="title"
            legend={<FormattedMessage id="editor.titleField" />}
            hint={<FormattedMessage id="editor.titleHint" />}
            value={form.title}
            issues={byPath}
            onChange={(v) => set('title', v)}
          />
          <Bilingual
            name="summary"
            legend={<FormattedMessage id="editor.summaryField" />}
            hint={<FormattedMessage id="editor.summaryHint" />}
            value={form.summary}
            issues={byPath}
            multiline={3}
            optional
            onChange={(v) => set('summary', v)}
          />
          <Bilingual
            name="description"
            legend={<FormattedMessage id="editor.descriptionField" />}
            hint={<FormattedMessage id="editor.descriptionHint" />}
            value={form.description}
            issues={byPath}
            multiline={8}
            optional
            onChange={(v) => set('description', v)}
          />
        </section>

        <section className="editor-section" aria-labelledby="kind-title">
          <h2 id="kind-title">
            <FormattedMessage id="editor.kindTitle" />
          </h2>
          <div className="field-row">
            <SelectField
              path="type"
              label={<FormattedMessage id="editor.type" />}
              issues={byPath}
              value={form.type}
              placeholder={intl.formatMessage({ id: 'form.choose' })}
              options={typeOptions}
              onChange={(v) => set('type', v)}
            />
            <SelectField
              path="status"
              label={<FormattedMessage id="editor.status" />}
              issues={byPath}
              value={form.status}
              placeholder={intl.formatMessage({ id: 'form.choose' })}
              options={statusOptions}
              onChange={(v) => set('status', v)}
            />
          </div>
          <TextField
            path="iatiIdentifier"
            label={<FormattedMessage id="editor.iati" />}
            hint={<FormattedMessage id="editor.iatiHint" />}
            optional
            issues={byPath}
            value={form.iatiIdentifier}
            onChange={(v) => set('iatiIdentifier', v)}
            spellCheck={false}
          />
        </section>

        <section className="editor-section" aria-labelledby="dates-title">
          <h2 id="dates-title">
            <FormattedMessage id="editor.datesTitle" />
          </h2>
          <p className="section__intro" id="dates-intro">
            {DATE_HINT}
          </p>
          {(
            [
              ['planned', 'plannedStart', 'plannedEnd'],
              ['actual', 'actualStart', 'actualEnd'],
            ] as const
          ).map(([kind, start, end]) => (
            <fieldset key={kind} className="field fieldset">
              <legend className="field__label">
                <FormattedMessage id={kind === 'planned' ? 'editor.plannedDates' : 'editor.actualDates'} />
              </legend>
              <div className="field-row">
                {([start, end] as const).map((name) => (
                  <TextField
                    key={name}
                    path={name}
                    label={<FormattedMessage id={name.endsWith('Start') ? 'editor.start' : 'editor.end'} />}
                    hint={<FormattedMessage id="editor.dateExample" />}
                    optional
                    inputClassName="input--date"
                    inputMode="numeric"
                    maxLength={10}
                    issues={byPath}
                    value={form[name]}
                    onChange={(v) => set(name, v)}
                  />
                ))}
              </div>
            </fieldset>
          ))}
        </section>

        <section className="editor-section" aria-labelledby="where-title">
          <h2 id="where-title">
            <FormattedMessage id="editor.whereTitle" />
          </h2>
          <CheckboxGroupField
            path="countries"
            legend={<FormattedMessage id="editor.countries" />}
            hint={<FormattedMessage id="editor.countriesHint" />}
            issues={byPath}
            options={countryOptions}
            selected={form.countries}
            onChange={(v) => set('countries', v)}
          />
          <CheckboxField
            path="regional"
            label={<FormattedMessage id="editor.regional" />}
            hint={<FormattedMessage id="editor.regionalHint" />}
            checked={form.regional}
            onChange={(v) => set('regional', v)}
          />
        </section>

        <Rows<ParticipantDraft>
          list="participants"
          rowName={rowName('participants')}
          rows={form.participants}
          legend={<FormattedMessage id="editor.participantsTitle" />}
          empty={<FormattedMessage id="editor.noParticipants" />}
          addLabel={<FormattedMessage id="editor.addParticipant" />}
          firstField="organisationId"
          make={emptyParticipant}
          onChange={(rows) => set('participants', rows)}
          onAnnounce={setAnnouncement}
          render={(row, i, update) => (
            <>
              <SelectField
                path={`participants.${i}.organisationId`}
                label={<FormattedMessage id="editor.organisation" />}
                hint={<FormattedMessage id="editor.organisationHint" />}
                issues={byPath}
                value={row.organisationId}
                placeholder={intl.formatMessage({ id: 'form.choose' })}
                options={orgOptions}
                onChange={(v) => update({ organisationId: v })}
              />
              <SelectField
                path={`participants.${i}.role`}
                label={<FormattedMessage id="editor.role" />}
                issues={byPath}
                value={row.role}
                placeholder={intl.formatMessage({ id: 'form.choose' })}
                options={roleOptions}
                onChange={(v) => update({ role: v })}
              />
              <TextField
                path={`participants.${i}.note`}
                label={<FormattedMessage id="editor.note" />}
                optional
                issues={byPath}
                value={row.note}
                onChange={(v) => update({ note: v })}
              />
            </>
          )}
        />

        <Rows<FundingDraft>
          list="funding"
          rowName={rowName('funding')}
          rows={form.funding}
          legend={<FormattedMessage id="editor.fundingTitle" />}
          intro={<FormattedMessage id="editor.fundingIntro" />}
          empty={<FormattedMessage id="editor.noFunding" />}
          addLabel={<FormattedMessage id="editor.addFunding" />}
          firstField="amount"
          make={emptyFunding}
          onChange={(rows) => set('funding', rows)}
          onAnnounce={setAnnouncement}
          render={(row, i, update) => (
            <>
              <div className="field-row">
                <TextField
                  path={`funding.${i}.amount`}
                  label={<FormattedMessage id="editor.amount" />}
                  hint={<FormattedMessage id="editor.amountHint" />}
                  inputMode="decimal"
                  inputClassName="input--amount"
                  issues={byPath}
                  value={row.amount}
                  onChange={(v) => update({ amount: v })}
                />
                <TextField
                  path={`funding.${i}.currency`}
                  label={<FormattedMessage id="editor.currency" />}
                  hint={<FormattedMessage id="editor.currencyHint" />}
                  inputClassName="input--currency"
                  maxLength={3}
                  issues={byPath}
                  value={row.currency}
                  onChange={(v) => update({ currency: v.toUpperCase() })}
                  spellCheck={false}
                />
              </div>
              <div className="field-row">
                <SelectField
                  path={`funding.${i}.type`}
                  label={<FormattedMessage id="editor.fundingType" />}
                  issues={byPath}
                  value={row.type}
                  placeholder={intl.formatMessage({ id: 'form.choose' })}
                  options={fundingTypeOptions}
                  onChange={(v) => update({ type: v })}
                />
                <TextField
                  path={`funding.${i}.date`}
                  label={<FormattedMessage id="editor.date" />}
                  hint={DATE_HINT}
                  optional
                  inputClassName="input--date"
                  maxLength={10}
                  issues={byPath}
                  value={row.date}
                  onChange={(v) => update({ date: v })}
                />
              </div>
              <div className="field-row">
                <SelectField
                  path={`funding.${i}.providerId`}
                  label={<FormattedMessage id="editor.provider" />}
                  optional
                  issues={byPath}
                  value={row.providerId}
                  placeholder={intl.formatMessage({ id: 'form.notRecorded' })}
                  options={orgOptions}
                  onChange={(v) => update({ providerId: v })}
                />
                <SelectField
                  path={`funding.${i}.recipientId`}
                  label={<FormattedMessage id="editor.recipient" />}
                  optional
                  issues={byPath}
                  value={row.recipientId}
                  placeholder={intl.formatMessage({ id: 'form.notRecorded' })}
                  options={orgOptions}
                  onChange={(v) => update({ recipientId: v })}
                />
              </div>
              <TextField
                path={`funding.${i}.note`}
                label={<FormattedMessage id="editor.note" />}
                optional
                issues={byPath}
                value={row.note}
                onChange={(v) => update({ note: v })}
              />
            </>
          )}
        />

        <Rows<LinkDraft>
          list="links"
          rowName={rowName('links')}
          rows={form.links}
          legend={<FormattedMessage id="editor.linksTitle" />}
          intro={<FormattedMessage id="editor.linksIntro" />}
          empty={<FormattedMessage id="editor.noLinks" />}
          addLabel={<FormattedMessage id="editor.addLink" />}
          firstField="nodeId"
          make={emptyLink}
          onChange={(rows) => set('links', rows)}
          onAnnounce={setAnnouncement}
          render={(row, i, update) => (
            <>
              <SelectField
                path={`links.${i}.nodeId`}
                label={<FormattedMessage id="editor.node" />}
                issues={byPath}
                value={row.nodeId}
                placeholder={intl.formatMessage({ id: 'form.choose' })}
                groups={nodeGroups}
                onChange={(v) => update({ nodeId: v })}
              />
              <TextAreaField
                path={`links.${i}.rationale`}
                label={<FormattedMessage id="editor.rationale" />}
                hint={<FormattedMessage id="editor.rationaleHint" />}
                optional
                rows={2}
                issues={byPath}
                value={row.rationale}
                onChange={(v) => update({ rationale: v })}
              />
              <SelectField
                path={`links.${i}.confidence`}
                label={<FormattedMessage id="editor.confidence" />}
                optional
                issues={byPath}
                value={row.confidence}
                placeholder={intl.formatMessage({ id: 'form.notRecorded' })}
                options={confidenceOptions}
                onChange={(v) => update({ confidence: v })}
              />
            </>
          )}
        />

        <Rows<SourceDraft>
          list="sources"
          rowName={rowName('sources')}
          rows={form.sources}
          legend={<FormattedMessage id="editor.sourcesTitle" />}
          intro={<FormattedMessage id="editor.sourcesIntro" />}
          empty={<FormattedMessage id="editor.noSources" />}
          addLabel={<FormattedMessage id="editor.addSource" />}
          firstField="url"
          make={emptySource}
          onChange={(rows) => set('sources', rows)}
          onAnnounce={setAnnouncement}
          render={(row, i, update) => (
            <>
              <TextField
                path={`sources.${i}.url`}
                label={<FormattedMessage id="editor.url" />}
                hint={<FormattedMessage id="editor.urlHint" />}
                type="url"
                inputMode="url"
                optional
                issues={byPath}
                value={row.url}
                onChange={(v) => update({ url: v })}
                spellCheck={false}
              />
              <TextField
                path={`sources.${i}.title`}
                label={<FormattedMessage id="editor.sourceTitle" />}
                issues={byPath}
                value={row.title}
                onChange={(v) => update({ title: v })}
              />
              <div className="field-row">
                <TextField
                  path={`sources.${i}.publisher`}
                  label={<FormattedMessage id="editor.publisher" />}
                  optional
                  issues={byPath}
                  value={row.publisher}
                  onChange={(v) => update({ publisher: v })}
                />
                <TextField
                  path={`sources.${i}.publishedOn`}
                  label={<FormattedMessage id="editor.publishedOn" />}
                  hint={DATE_HINT}
                  optional
                  inputClassName="input--date"
                  maxLength={10}
                  issues={byPath}
                  value={row.publishedOn}
                  onChange={(v) => update({ publishedOn: v })}
                />
              </div>
              <SelectField
                path={`sources.${i}.confidence`}
                label={<FormattedMessage id="editor.confidence" />}
                hint={<FormattedMessage id="editor.sourceConfidenceHint" />}
                issues={byPath}
                value={row.confidence}
                placeholder={intl.formatMessage({ id: 'form.choose' })}
                options={confidenceOptions}
                onChange={(v) => update({ confidence: v })}
              />
              <TextAreaField
                path={`sources.${i}.note`}
                label={<FormattedMessage id="editor.note" />}
                optional
                rows={2}
                issues={byPath}
                value={row.note}
                onChange={(v) => update({ note: v })}
              />
            </>
          )}
        />

        <div className="form-actions form-actions--end">
          <button type="submit" className="button" aria-disabled={busy || undefined}>
            <FormattedMessage id={busy ? 'editor.saving' : id ? 'editor.save' : 'editor.create'} />
          </button>
          <Link to={record ? paths.activity(record.detail.id) : paths.workspace()} className="form-actions__cancel">
            <FormattedMessage id="form.cancel" />
          </Link>
        </div>
      </form>
    </div>
  );
}

function EditorLoader({ id }: { id: string | undefined }) {
  const options = useLoader('editor-options', loadEditorOptions);
  const record = useLoader(id ? `activity:${id}` : null, async (signal) => {
    const res = await activities.get(id ?? '', signal);
    return { detail: res.data, version: res.version ?? res.data.version };
  });
  const error = options.error ?? record.error;
  if (error) return <ErrorState error={error} onRetry={error === options.error ? options.reload : record.reload} />;
  if (!options.data || (id && !record.data)) return <Loading />;
  return <Editor id={id} record={record.data} options={options.data} />;
}

/** `/:lang/workspace/activities/new` and `/:lang/workspace/activities/:id/edit`. */
export default function ActivityEditorPage() {
  const { id } = useParams();
  return (
    <RequireRole action={id ? 'activity:update' : 'activity:create'}>
      <EditorLoader key={id ?? 'new'} id={id} />
    </RequireRole>
  );
}
