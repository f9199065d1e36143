import { useMemo, useState, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useParams } from 'react-router';
import type { PlanDetail } from '../../shared/api-types';
import { planInputSchema } from '../../shared/schemas/plan.schema';
import { PLAN_STATUSES, SIDES, type PlanStatus, type Side } from '../../shared/vocab';
import { useLoader } from '../api/useApi';
import { plans } from '../api/workspace';
import { ErrorState } from '../components/ErrorSummary';
import { Loading } from '../components/Loading';
import { useText } from '../components/Localized';
import { PageHeading } from '../components/PageHeading';
import { useLabels as usePublicLabels } from '../i18n/labels';
import { useDocumentTitle } from '../lib/documentTitle';
import { usePaths } from '../lib/paths';
import { EmptyValue } from './ConflictPanel';
import { CheckboxGroupField, SelectField, StatusMessage, TextAreaField, TextField } from './form';
import { Bilingual } from './formParts';
import { RequireRole } from './guards';
import { HistorySection } from './HistorySection';
import { useLabels } from './labels';
import { getPath } from './merge';
import {
  knownSignoffSides,
  PLAN_CONTROLS,
  PLAN_MERGE_FIELDS,
  planFormFrom,
  planFormToInput,
  type PlanForm,
} from './planForm';
import { pathMerge, SaveFeedback, useVersionedForm } from './versionedForm';
import { WorkspaceBreadcrumb } from './WorkspaceBreadcrumb';

const FIELD_MESSAGE = {
  title: 'editor.titleField',
  shortTitle: 'planEditor.shortTitle',
  summary: 'editor.summaryField',
  description: 'editor.descriptionField',
  status: 'planEditor.status',
  periodStart: 'planEditor.periodStart',
  periodEnd: 'planEditor.periodEnd',
  periodNote: 'planEditor.periodNote',
  adoptedOn: 'planEditor.adoptedOn',
  adoptedAt: 'planEditor.adoptedAt',
  fullTextUrl: 'planEditor.fullTextUrl',
  signoffSides: 'planEditor.signoffSides',
} as const;

const isField = (k: string): k is keyof typeof FIELD_MESSAGE => Object.hasOwn(FIELD_MESSAGE, k);

/** "Title (French)", "End year": a field's name as the form shows it. */
function usePlanFieldLabel() {
  const intl = useIntl();
  return (path: string): string => {
    const [first = '', lang] = path.split('.');
    if (!isField(first)) return '';
    const field = intl.formatMessage({ id: FIELD_MESSAGE[first] });
    return lang === 'en' || lang === 'fr' ? intl.formatMessage({ id: 'editor.inLanguage' }, { field, lang }) : field;
  };
}

interface Loaded {
  detail: PlanDetail;
  version: number;
  /** The sign-off sides as far as the plan and its history tell them. */
  sides: Side[] | null;
}

function Editor({ record, onSaved }: { record: Loaded; onSaved: (sides: Side[] | null) => void }) {
  const intl = useIntl();
  const paths = usePaths();
  const publicLabels = usePublicLabels();
  const labels = useLabels();
  const fieldLabel = usePlanFieldLabel();
  const initial = useMemo(() => planFormFrom(record.detail, record.sides), [record]);
  const editor = useVersionedForm({
    initial,
    version: record.version,
    schema: planInputSchema,
    toInput: planFormToInput,
    check: (f) =>
      f.signoffSides === null
        ? [{ path: 'signoffSides', message: intl.formatMessage({ id: 'planEditor.signoffUnknownIssue' }) }]
        : [],
    write: (input, _parsed, basedOn) => plans.update(record.detail.id, basedOn ?? record.version, input),
    onSaved: (_saved, form) => onSaved(form.signoffSides),
    // The stored copy says nothing of the sides either: keep the ones chosen here.
    fromCurrent: (current, mine) => planFormFrom(current as PlanDetail, mine.signoffSides),
    merge: pathMerge<PlanForm>(PLAN_MERGE_FIELDS),
  });
  const { form, set, byPath, busy } = editor;
  const title = intl.formatMessage({ id: 'planEditor.formLabel' });

  const describe = (f: PlanForm, field: string): ReactNode => {
    if (field === 'signoffSides') {
      if (f.signoffSides === null) return <FormattedMessage id="planEditor.signoffUnknown" />;
      return f.signoffSides.length ? labels.list(f.signoffSides.map((side) => labels.side(side))) : <EmptyValue />;
    }
    const value = getPath(f, field);
    if (typeof value !== 'string' || !value.trim()) return <EmptyValue />;
    if (field === 'status') return publicLabels.planStatus(value as PlanStatus);
    const lang = field.endsWith('.en') ? 'en' : field.endsWith('.fr') ? 'fr' : undefined;
    return <span lang={lang}>{value}</span>;
  };

  return (
    <>
      <SaveFeedback state={editor} fieldLabel={fieldLabel} describe={describe} knownPaths={PLAN_CONTROLS} />
      <form onSubmit={editor.onSubmit} noValidate aria-label={title} className="editor__form">
        <section className="editor-section" aria-labelledby="plan-texts-title">
          <h2 id="plan-texts-title">
            <FormattedMessage id="editor.textsTitle" />
          </h2>
          <Bilingual
            name="title"
            legend={<FormattedMessage id="editor.titleField" />}
            hint={<FormattedMessage id="editor.titleHint" />}
            value={form.title}
            issues={byPath}
            onChange={(v) => set('title', v)}
          />
          <Bilingual
            name="shortTitle"
            legend={<FormattedMessage id="planEditor.shortTitle" />}
            hint={<FormattedMessage id="planEditor.shortTitleHint" />}
            value={form.shortTitle}
            issues={byPath}
            optional
            onChange={(v) => set('shortTitle', v)}
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
            multiline={6}
            optional
            onChange={(v) => set('description', v)}
          />
        </section>

        <section className="editor-section" aria-labelledby="plan-period-title">
          <h2 id="plan-period-title">
            <FormattedMessage id="planEditor.periodTitle" />
          </h2>
          <SelectField
            path="status"
            label={<FormattedMessage id="planEditor.status" />}
            hint={<FormattedMessage id="planEditor.statusHint" />}
            issues={byPath}
            value={form.status}
            placeholder={intl.formatMessage({ id: 'form.choose' })}
            options={PLAN_STATUSES.map((v) => ({ value: v, label: publicLabels.planStatus(v) }))}
            onChange={(v) => set('status', v)}
          />
          <fieldset className="field fieldset">
            <legend className="field__label">
              <FormattedMessage id="planEditor.period" />
            </legend>
            <div className="field-row">
              {(['periodStart', 'periodEnd'] as const).map((name) => (
                <TextField
                  key={name}
                  path={name}
                  label={<FormattedMessage id={FIELD_MESSAGE[name]} />}
                  hint={<FormattedMessage id="planEditor.yearHint" />}
                  inputMode="numeric"
                  inputClassName="input--date"
                  maxLength={4}
                  issues={byPath}
                  value={form[name]}
                  onChange={(v) => set(name, v)}
                />
              ))}
            </div>
          </fieldset>
          <TextAreaField
            path="periodNote"
            label={<FormattedMessage id="planEditor.periodNote" />}
            hint={<FormattedMessage id="planEditor.periodNoteHint" />}
            optional
            rows={3}
            issues={byPath}
            value={form.periodNote}
            onChange={(v) => set('periodNote', v)}
          />
        </section>

        <section className="editor-section" aria-labelledby="plan-adoption-title">
          <h2 id="plan-adoption-title">
            <FormattedMessage id="planEditor.adoptionTitle" />
          </h2>
          <TextField
            path="adoptedOn"
            label={<FormattedMessage id="planEditor.adoptedOn" />}
            hint={<FormattedMessage id="editor.dateHint" />}
            optional
            inputClassName="input--date"
            maxLength={10}
            issues={byPath}
            value={form.adoptedOn}
            onChange={(v) => set('adoptedOn', v)}
          />
          <Bilingual
            name="adoptedAt"
            legend={<FormattedMessage id="planEditor.adoptedAt" />}
            hint={<FormattedMessage id="planEditor.adoptedAtHint" />}
            value={form.adoptedAt}
            issues={byPath}
            optional
            onChange={(v) => set('adoptedAt', v)}
          />
        </section>

        <section className="editor-section" aria-labelledby="plan-signoff-title">
          <h2 id="plan-signoff-title">
            <FormattedMessage id="planEditor.documentsTitle" />
          </h2>
          <TextField
            path="fullTextUrl"
            type="url"
            inputMode="url"
            label={<FormattedMessage id="planEditor.fullTextUrl" />}
            hint={<FormattedMessage id="editor.urlHint" />}
            optional
            issues={byPath}
            value={form.fullTextUrl}
            onChange={(v) => set('fullTextUrl', v)}
            spellCheck={false}
          />
          <CheckboxGroupField
            path="signoffSides"
            legend={<FormattedMessage id="planEditor.signoffSides" />}
            hint={
              <FormattedMessage
                id={form.signoffSides === null ? 'planEditor.signoffUnknownHint' : 'planEditor.signoffHint'}
              />
            }
            issues={byPath}
            options={SIDES.map((side) => ({ value: side, label: labels.side(side) }))}
            selected={form.signoffSides ?? []}
            onChange={(values) =>
              set(
                'signoffSides',
                SIDES.filter((side) => values.includes(side)),
              )
            }
          />
        </section>

        <div className="form-actions form-actions--end">
          <button type="submit" className="button" aria-disabled={busy || undefined}>
            <FormattedMessage id={busy ? 'editor.saving' : 'editor.save'} />
          </button>
          <Link to={paths.frameworkEditor(record.detail.slug)} className="form-actions__cancel">
            <FormattedMessage id="form.cancel" />
          </Link>
        </div>
      </form>
    </>
  );
}

function PlanDetails({ slug }: { slug: string }) {
  const intl = useIntl();
  const text = useText();
  const paths = usePaths();
  const publicLabels = usePublicLabels();
  const labels = useLabels();
  const record = useLoader(
    `plan-details:${slug}`,
    async (signal): Promise<Loaded> => {
      const res = await plans.get(slug, signal);
      return {
        detail: res.data,
        version: res.version ?? res.data.version,
        sides: knownSignoffSides(res.data),
      };
    },
    { keepPrevious: true },
  );
  // The sides saved from this page: the stored choice until the history records another one.
  const [savedSides, setSavedSides] = useState<Side[] | null>(null);
  const [flash, setFlash] = useState<{ kind: 'saved' | 'restored'; n: number } | null>(null);
  const plan = record.data?.detail;
  const title = plan ? intl.formatMessage({ id: 'planEditor.title' }, { plan: text(plan.shortTitle) }) : null;
  useDocumentTitle(title);

  if (record.error && !record.data) return <ErrorState error={record.error} onRetry={record.reload} />;
  if (!record.data || !plan || !title) return <Loading label={<FormattedMessage id="loading.plan" />} />;
  const loaded = { ...record.data, sides: record.data.sides ?? savedSides };
  const said = (kind: 'saved' | 'restored') => setFlash((prev) => ({ kind, n: (prev?.n ?? 0) + 1 }));

  return (
    <div className="workspace-page editor">
      <WorkspaceBreadcrumb
        trail={[
          { label: <FormattedMessage id="frameworkEditor.plansTitle" />, to: paths.frameworkEditor() },
          { label: text(plan.shortTitle), to: paths.frameworkEditor(plan.slug) },
        ]}
        current={<FormattedMessage id="planEditor.breadcrumb" />}
      />
      <PageHeading>{title}</PageHeading>
      <p className="page-header__meta">
        <FormattedMessage
          id="planEditor.editing"
          values={{
            version: loaded.version,
            link: (chunks) => <Link to={paths.plan(plan.slug)}>{chunks}</Link>,
          }}
        />
      </p>
      {flash && (
        <StatusMessage focus key={flash.n}>
          <FormattedMessage id={flash.kind === 'saved' ? 'planEditor.saved' : 'history.restored'} />
        </StatusMessage>
      )}
      <Editor
        key={loaded.version}
        record={loaded}
        onSaved={(sides) => {
          setSavedSides(sides);
          said('saved');
          record.reload();
        }}
      />
      <HistorySection
        loaderKey={`plan-history:${plan.id}:${loaded.version}`}
        load={(signal) => plans.history(plan.id, signal)}
        currentVersion={loaded.version}
        onRestore={async (version) => {
          await plans.restoreVersion(plan.id, version, loaded.version);
          said('restored');
          record.reload();
        }}
        describeValue={(field, value) => {
          if (field === 'status' && typeof value === 'string' && (PLAN_STATUSES as readonly string[]).includes(value)) {
            return publicLabels.planStatus(value as PlanStatus);
          }
          if (field === 'signoffSides') {
            const sides = Array.isArray(value) ? (value as unknown[]) : [];
            return sides.map((v) =>
              typeof v === 'string' && (SIDES as readonly string[]).includes(v) ? labels.side(v as Side) : v,
            );
          }
          return value;
        }}
      />
    </div>
  );
}

/** `/:lang/workspace/plans/:slug/details` (administrators): a plan's own fields and their history. */
export default function PlanEditorPage() {
  const { slug = '' } = useParams();
  return (
    <RequireRole action="plan:manage">
      <PlanDetails key={slug} slug={slug} />
    </RequireRole>
  );
}
