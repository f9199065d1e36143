import { useMemo, useState, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { ActivityDetail } from '../../shared/api-types';
import { activityInputSchema } from '../../shared/schemas/activity.schema';
import {
  ACTIVITY_STATUSES,
  ACTIVITY_TYPES,
  CONFIDENCE_LEVELS,
  COUNTRY_CODES,
  FUNDING_TYPES,
  INDICATOR_MEASURES,
  NARRATIVE_FIELDS,
  PARTICIPANT_ROLES,
  REGION_VOCABULARIES,
  RESULT_TYPES,
  SECTOR_VOCABULARIES,
  type ActivityStatus,
  type ActivityType,
  type Confidence,
  type FundingType,
  type IndicatorMeasure,
  type NarrativeField,
  type ParticipantRole,
  type RegionVocabulary,
  type ResultType,
  type SectorVocabulary,
} from '../../shared/vocab';
import { useLoader } from '../api/useApi';
import { activities } from '../api/workspace';
import { ErrorState } from '../components/ErrorSummary';
import { Loading } from '../components/Loading';
import { useText } from '../components/Localized';
import { formatMoney } from '../components/Money';
import { PageHeading } from '../components/PageHeading';
import type { MessageId } from '../i18n';
import { useLabels as usePublicLabels } from '../i18n/labels';
import { useDocumentTitle } from '../lib/documentTitle';
import { requestHeadingFocus } from '../lib/focus';
import { usePaths } from '../lib/paths';
import {
  ACTIVITY_MERGE,
  controlPaths,
  emptyActivityForm,
  emptyFunding,
  emptyIndicator,
  emptyLink,
  emptyOtherText,
  emptyParticipant,
  emptyPeriod,
  emptyRecipient,
  emptyResult,
  emptySector,
  emptySource,
  formFromDetail,
  formToInput,
  type ActivityForm,
  type FundingDraft,
  type IndicatorDraft,
  type LinkDraft,
  type MergeField,
  type OtherTextDraft,
  type ParticipantDraft,
  type PeriodDraft,
  type RecipientDraft,
  type ResultDraft,
  type SectorDraft,
  type SourceDraft,
} from './activityForm';
import { EmptyValue } from './ConflictPanel';
import { Bilingual, Rows } from './formParts';
import { LinkSuggestions } from './LinkSuggestions';
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
  valueDate: 'editor.valueDate',
  reportingOrganisationId: 'editor.reportingOrg',
  sectors: 'editor.sectorsTitle',
  otherRecipients: 'editor.recipientsTitle',
  results: 'editor.resultsTitle',
  otherLanguageTexts: 'editor.otherTextsTitle',
} as const;

/** The lists of IATI details, with their row names. */
const DETAIL_ROW = {
  sectors: 'editor.sectorN',
  otherRecipients: 'editor.recipientN',
  results: 'editor.resultN',
  otherLanguageTexts: 'editor.otherTextN',
} as const;
type DetailList = keyof typeof DETAIL_ROW;
const isDetailList = (k: string): k is DetailList => Object.hasOwn(DETAIL_ROW, k);

/** The names of the fields of the IATI detail rows, by list. */
const DETAIL_FIELD: Record<DetailList | 'indicators' | 'periods', Record<string, MessageId>> = {
  sectors: {
    vocabulary: 'editor.sectorVocabulary',
    code: 'editor.code',
    percentage: 'editor.percentage',
    name: 'editor.name',
  },
  otherRecipients: {
    kind: 'editor.recipientKind',
    code: 'editor.code',
    vocabulary: 'editor.regionVocabulary',
    name: 'editor.name',
  },
  results: { type: 'editor.resultType', title: 'editor.titleField', description: 'editor.descriptionField' },
  indicators: {
    title: 'editor.titleField',
    description: 'editor.descriptionField',
    measure: 'editor.measure',
    ascending: 'editor.ascending',
    baselineYear: 'editor.baselineYear',
    baselineValue: 'editor.baselineValue',
  },
  periods: { start: 'editor.start', end: 'editor.end', target: 'editor.target', actual: 'editor.actual' },
  otherLanguageTexts: { field: 'editor.textField', lang: 'editor.langCode', text: 'editor.otherText' },
};

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
    if (isDetailList(first)) {
      if (second === undefined) return base(first);
      let rest: string[] = path.split('.').slice(2);
      const result = Number(second) + 1;
      let row = intl.formatMessage({ id: DETAIL_ROW[first] }, { n: result });
      let fields = DETAIL_FIELD[first];
      const [list, index] = rest;
      if (first === 'results' && list === 'indicators' && index !== undefined) {
        const indicator = Number(index) + 1;
        row = intl.formatMessage({ id: 'editor.indicatorN' }, { n: indicator, result });
        fields = DETAIL_FIELD.indicators;
        rest = rest.slice(2);
        const [sub, k] = rest;
        if (sub === 'periods' && k !== undefined) {
          row = intl.formatMessage({ id: 'editor.periodN' }, { n: Number(k) + 1, indicator, result });
          fields = DETAIL_FIELD.periods;
          rest = rest.slice(2);
        }
      }
      const [key, lang] = rest;
      if (key === undefined) return row;
      const id = fields[key];
      let field = id ? intl.formatMessage({ id }) : key;
      if (lang === 'en' || lang === 'fr') field = intl.formatMessage({ id: 'editor.inLanguage' }, { field, lang });
      return intl.formatMessage({ id: 'editor.rowField' }, { row, field });
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
  const [search] = useSearchParams();
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
  const coded = <T extends string>(values: readonly T[], label: (v: T) => string): Option[] =>
    values.map((v) => ({ value: v, label: `${v} – ${label(v)}` }));
  const sectorVocabularyOptions = coded<SectorVocabulary>(SECTOR_VOCABULARIES, publicLabels.sectorVocabulary);
  const regionVocabularyOptions = coded<RegionVocabulary>(REGION_VOCABULARIES, publicLabels.regionVocabulary);
  const resultTypeOptions = vocab<ResultType>(RESULT_TYPES, publicLabels.resultType);
  const measureOptions = vocab<IndicatorMeasure>(INDICATOR_MEASURES, publicLabels.indicatorMeasure);
  const narrativeFieldOptions = vocab<NarrativeField>(NARRATIVE_FIELDS, publicLabels.narrativeField);
  const recipientKindOptions: Option[] = [
    { value: 'country', label: intl.formatMessage({ id: 'editor.kindCountry' }) },
    { value: 'region', label: intl.formatMessage({ id: 'editor.kindRegion' }) },
  ];
  const detailRowName = (list: DetailList) => (i: number) => intl.formatMessage({ id: DETAIL_ROW[list] }, { n: i + 1 });
  const localizedDraft = (v: { en: string; fr: string }) => v.en.trim() || v.fr.trim();
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
      case 'reportingOrganisationId':
        return f.reportingOrganisationId ? orgName(f.reportingOrganisationId) : none;
      case 'sectors':
        return listOf(
          f.sectors.map((s) => `${s.vocabulary}: ${s.code}${s.percentage.trim() ? ` (${s.percentage.trim()} %)` : ''}`),
        );
      case 'otherRecipients':
        return listOf(
          f.otherRecipients.map((r) =>
            r.kind === 'country'
              ? publicLabels.country(r.code)
              : `${r.vocabulary}: ${r.code}${r.name ? ` ${r.name}` : ''}`,
          ),
        );
      case 'results':
        return listOf(f.results.map((r, i) => localizedDraft(r.title) || detailRowName('results')(i)));
      case 'otherLanguageTexts':
        return listOf(
          f.otherLanguageTexts.map(
            (t) => `${publicLabels.narrativeField(t.field as NarrativeField)} – ${publicLabels.language(t.lang)}`,
          ),
        );
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
          <SelectField
            path="reportingOrganisationId"
            label={<FormattedMessage id="editor.reportingOrg" />}
            hint={<FormattedMessage id="editor.reportingOrgHint" />}
            optional
            issues={byPath}
            value={form.reportingOrganisationId}
            placeholder={intl.formatMessage({ id: 'editor.ownPublisher' })}
            options={orgOptions}
            onChange={(v) => set('reportingOrganisationId', v)}
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

        <Rows<RecipientDraft>
          list="otherRecipients"
          rowName={detailRowName('otherRecipients')}
          rows={form.otherRecipients}
          legend={<FormattedMessage id="editor.recipientsTitle" />}
          intro={<FormattedMessage id="editor.recipientsIntro" />}
          empty={<FormattedMessage id="editor.noRecipients" />}
          addLabel={<FormattedMessage id="editor.addRecipient" />}
          firstField="kind"
          make={emptyRecipient}
          onChange={(rows) => set('otherRecipients', rows)}
          onAnnounce={setAnnouncement}
          render={(row, i, update) => (
            <>
              <div className="field-row">
                <SelectField
                  path={`otherRecipients.${i}.kind`}
                  label={<FormattedMessage id="editor.recipientKind" />}
                  issues={byPath}
                  value={row.kind}
                  options={recipientKindOptions}
                  onChange={(v) => update(v === 'country' ? { kind: v, vocabulary: '' } : { kind: v, vocabulary: '1' })}
                />
                <TextField
                  path={`otherRecipients.${i}.code`}
                  label={<FormattedMessage id="editor.code" />}
                  hint={<FormattedMessage id="editor.recipientCodeHint" />}
                  inputClassName="input--currency"
                  maxLength={20}
                  issues={byPath}
                  value={row.code}
                  onChange={(v) => update({ code: row.kind === 'country' ? v.toUpperCase() : v })}
                  spellCheck={false}
                />
              </div>
              <SelectField
                path={`otherRecipients.${i}.vocabulary`}
                label={<FormattedMessage id="editor.regionVocabulary" />}
                hint={<FormattedMessage id="editor.regionVocabularyHint" />}
                optional
                issues={byPath}
                value={row.vocabulary}
                placeholder={intl.formatMessage({ id: 'form.notRecorded' })}
                options={regionVocabularyOptions}
                onChange={(v) => update({ vocabulary: v })}
              />
              <TextField
                path={`otherRecipients.${i}.name`}
                label={<FormattedMessage id="editor.name" />}
                optional
                issues={byPath}
                value={row.name}
                onChange={(v) => update({ name: v })}
              />
            </>
          )}
        />

        <Rows<SectorDraft>
          list="sectors"
          rowName={detailRowName('sectors')}
          rows={form.sectors}
          legend={<FormattedMessage id="editor.sectorsTitle" />}
          intro={<FormattedMessage id="editor.sectorsIntro" />}
          empty={<FormattedMessage id="editor.noSectors" />}
          addLabel={<FormattedMessage id="editor.addSector" />}
          firstField="vocabulary"
          make={emptySector}
          onChange={(rows) => set('sectors', rows)}
          onAnnounce={setAnnouncement}
          render={(row, i, update) => (
            <>
              <SelectField
                path={`sectors.${i}.vocabulary`}
                label={<FormattedMessage id="editor.sectorVocabulary" />}
                issues={byPath}
                value={row.vocabulary}
                options={sectorVocabularyOptions}
                onChange={(v) => update({ vocabulary: v })}
              />
              <div className="field-row">
                <TextField
                  path={`sectors.${i}.code`}
                  label={<FormattedMessage id="editor.code" />}
                  hint={<FormattedMessage id="editor.sectorCodeHint" />}
                  maxLength={50}
                  issues={byPath}
                  value={row.code}
                  onChange={(v) => update({ code: v })}
                  spellCheck={false}
                />
                <TextField
                  path={`sectors.${i}.percentage`}
                  label={<FormattedMessage id="editor.percentage" />}
                  hint={<FormattedMessage id="editor.percentageHint" />}
                  optional
                  inputMode="decimal"
                  inputClassName="input--currency"
                  maxLength={6}
                  issues={byPath}
                  value={row.percentage}
                  onChange={(v) => update({ percentage: v })}
                />
              </div>
              <TextField
                path={`sectors.${i}.name`}
                label={<FormattedMessage id="editor.name" />}
                hint={<FormattedMessage id="editor.sectorNameHint" />}
                optional
                issues={byPath}
                value={row.name}
                onChange={(v) => update({ name: v })}
              />
            </>
          )}
        />

        <Rows<ResultDraft>
          list="results"
          rowName={detailRowName('results')}
          rows={form.results}
          legend={<FormattedMessage id="editor.resultsTitle" />}
          intro={<FormattedMessage id="editor.resultsIntro" />}
          empty={<FormattedMessage id="editor.noResults" />}
          addLabel={<FormattedMessage id="editor.addResult" />}
          firstField="type"
          make={emptyResult}
          onChange={(rows) => set('results', rows)}
          onAnnounce={setAnnouncement}
          render={(result, i, updateResult) => (
            <>
              <SelectField
                path={`results.${i}.type`}
                label={<FormattedMessage id="editor.resultType" />}
                issues={byPath}
                value={result.type}
                options={resultTypeOptions}
                onChange={(v) => updateResult({ type: v })}
              />
              <Bilingual
                name={`results.${i}.title`}
                legend={<FormattedMessage id="editor.titleField" />}
                value={result.title}
                issues={byPath}
                onChange={(v) => updateResult({ title: v })}
              />
              <Bilingual
                name={`results.${i}.description`}
                legend={<FormattedMessage id="editor.descriptionField" />}
                value={result.description}
                issues={byPath}
                multiline={2}
                optional
                onChange={(v) => updateResult({ description: v })}
              />
              <Rows<IndicatorDraft>
                list={`results.${i}.indicators`}
                level={3}
                rowName={(j) => intl.formatMessage({ id: 'editor.indicatorN' }, { n: j + 1, result: i + 1 })}
                rows={result.indicators}
                legend={<FormattedMessage id="editor.indicatorsTitle" values={{ n: i + 1 }} />}
                empty={<FormattedMessage id="editor.noIndicators" />}
                addLabel={<FormattedMessage id="editor.addIndicator" values={{ n: i + 1 }} />}
                firstField="title.en"
                make={emptyIndicator}
                onChange={(rows) => updateResult({ indicators: rows })}
                onAnnounce={setAnnouncement}
                render={(indicator, j, updateIndicator) => {
                  const at = `results.${i}.indicators.${j}`;
                  return (
                    <>
                      <Bilingual
                        name={`${at}.title`}
                        legend={<FormattedMessage id="editor.titleField" />}
                        value={indicator.title}
                        issues={byPath}
                        onChange={(v) => updateIndicator({ title: v })}
                      />
                      <Bilingual
                        name={`${at}.description`}
                        legend={<FormattedMessage id="editor.descriptionField" />}
                        value={indicator.description}
                        issues={byPath}
                        multiline={2}
                        optional
                        onChange={(v) => updateIndicator({ description: v })}
                      />
                      <SelectField
                        path={`${at}.measure`}
                        label={<FormattedMessage id="editor.measure" />}
                        issues={byPath}
                        value={indicator.measure}
                        options={measureOptions}
                        onChange={(v) => updateIndicator({ measure: v })}
                      />
                      <CheckboxField
                        path={`${at}.ascending`}
                        label={<FormattedMessage id="editor.ascending" />}
                        checked={indicator.ascending}
                        onChange={(v) => updateIndicator({ ascending: v })}
                      />
                      <div className="field-row">
                        <TextField
                          path={`${at}.baselineYear`}
                          label={<FormattedMessage id="editor.baselineYear" />}
                          optional
                          inputMode="numeric"
                          inputClassName="input--date"
                          maxLength={4}
                          issues={byPath}
                          value={indicator.baselineYear}
                          onChange={(v) => updateIndicator({ baselineYear: v })}
                        />
                        <TextField
                          path={`${at}.baselineValue`}
                          label={<FormattedMessage id="editor.baselineValue" />}
                          hint={<FormattedMessage id="editor.valueHint" />}
                          optional
                          issues={byPath}
                          value={indicator.baselineValue}
                          onChange={(v) => updateIndicator({ baselineValue: v })}
                        />
                      </div>
                      <Rows<PeriodDraft>
                        list={`${at}.periods`}
                        level={4}
                        rowName={(k) =>
                          intl.formatMessage({ id: 'editor.periodN' }, { n: k + 1, indicator: j + 1, result: i + 1 })
                        }
                        rows={indicator.periods}
                        legend={<FormattedMessage id="editor.periodsTitle" values={{ n: j + 1, result: i + 1 }} />}
                        empty={<FormattedMessage id="editor.noPeriods" />}
                        addLabel={<FormattedMessage id="editor.addPeriod" values={{ n: j + 1, result: i + 1 }} />}
                        firstField="start"
                        make={emptyPeriod}
                        onChange={(rows) => updateIndicator({ periods: rows })}
                        onAnnounce={setAnnouncement}
                        render={(period, k, updatePeriod) => (
                          <>
                            <div className="field-row">
                              {(['start', 'end'] as const).map((name) => (
                                <TextField
                                  key={name}
                                  path={`${at}.periods.${k}.${name}`}
                                  label={<FormattedMessage id={name === 'start' ? 'editor.start' : 'editor.end'} />}
                                  hint={<FormattedMessage id="editor.dateExample" />}
                                  inputClassName="input--date"
                                  maxLength={10}
                                  issues={byPath}
                                  value={period[name]}
                                  onChange={(v) => updatePeriod({ [name]: v })}
                                />
                              ))}
                            </div>
                            <div className="field-row">
                              <TextField
                                path={`${at}.periods.${k}.target`}
                                label={<FormattedMessage id="editor.target" />}
                                optional
                                issues={byPath}
                                value={period.target}
                                onChange={(v) => updatePeriod({ target: v })}
                              />
                              <TextField
                                path={`${at}.periods.${k}.actual`}
                                label={<FormattedMessage id="editor.actual" />}
                                optional
                                issues={byPath}
                                value={period.actual}
                                onChange={(v) => updatePeriod({ actual: v })}
                              />
                            </div>
                          </>
                        )}
                      />
                    </>
                  );
                }}
              />
            </>
          )}
        />

        <Rows<OtherTextDraft>
          list="otherLanguageTexts"
          rowName={detailRowName('otherLanguageTexts')}
          rows={form.otherLanguageTexts}
          legend={<FormattedMessage id="editor.otherTextsTitle" />}
          intro={<FormattedMessage id="editor.otherTextsIntro" />}
          empty={<FormattedMessage id="editor.noOtherTexts" />}
          addLabel={<FormattedMessage id="editor.addOtherText" />}
          firstField="field"
          make={emptyOtherText}
          onChange={(rows) => set('otherLanguageTexts', rows)}
          onAnnounce={setAnnouncement}
          render={(row, i, update) => (
            <>
              <div className="field-row">
                <SelectField
                  path={`otherLanguageTexts.${i}.field`}
                  label={<FormattedMessage id="editor.textField" />}
                  issues={byPath}
                  value={row.field}
                  options={narrativeFieldOptions}
                  onChange={(v) => update({ field: v })}
                />
                <TextField
                  path={`otherLanguageTexts.${i}.lang`}
                  label={<FormattedMessage id="editor.langCode" />}
                  hint={<FormattedMessage id="editor.langCodeHint" />}
                  inputClassName="input--currency"
                  maxLength={3}
                  issues={byPath}
                  value={row.lang}
                  onChange={(v) => update({ lang: v.toLowerCase() })}
                  spellCheck={false}
                />
              </div>
              <TextAreaField
                path={`otherLanguageTexts.${i}.text`}
                label={<FormattedMessage id="editor.otherText" />}
                lang={/^[a-z]{2,3}$/.test(row.lang.trim()) ? row.lang.trim() : undefined}
                rows={row.field === 'title' ? 2 : 4}
                issues={byPath}
                value={row.text}
                onChange={(v) => update({ text: v })}
              />
            </>
          )}
        />

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
                <TextField
                  path={`funding.${i}.valueDate`}
                  label={<FormattedMessage id="editor.valueDate" />}
                  hint={<FormattedMessage id="editor.valueDateHint" />}
                  optional
                  inputClassName="input--date"
                  maxLength={10}
                  issues={byPath}
                  value={row.valueDate}
                  onChange={(v) => update({ valueDate: v })}
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

        <LinkSuggestions
          form={form}
          activityId={id}
          askAtOnce={search.get('suggest') === '1'}
          onAccept={(nodeId) => set('links', [...form.links, { ...emptyLink(), nodeId }])}
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
