import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import type { PlanLoadNode, PlanLoadPreview, Problem } from '../../shared/api-types';
import { planLoadQuerySchema, type PlanDefinitionFormat } from '../../shared/schemas/plan-definition.schema';
import { ApiError, api } from '../api/client';
import { useApi } from '../api/useApi';
import { planDefinitions } from '../api/workspace';
import { ApiErrorMessage } from '../components/ErrorSummary';
import { Loading } from '../components/Loading';
import { useText } from '../components/Localized';
import { PageHeading } from '../components/PageHeading';
import { useDocumentTitle } from '../lib/documentTitle';
import { usePaths } from '../lib/paths';
import {
  FieldShell,
  FileField,
  formatOfName,
  FormErrorSummary,
  PreviewActions,
  SelectField,
  StatusMessage,
} from './form';
import { RequireRole } from './guards';
import { issuesByPath, issuesFromProblem, issuesFromZod, type FormIssue } from './issues';
import { WorkspaceBreadcrumb } from './WorkspaceBreadcrumb';
import './imports.css';
import './plan-load.css';

/** The format a file's name says, or null. */
const formatOf = (name: string) =>
  formatOfName<PlanDefinitionFormat>(name, { yaml: 'yaml', yml: 'yaml', csv: 'csv', xlsx: 'xlsx' });

/** The form's fields, as the query names them. */
const FIELDS = ['partnership', 'file', 'slug', 'titleEn', 'titleFr', 'periodStart', 'periodEnd'] as const;
type Field = (typeof FIELDS)[number];
const fieldOf = (name: string): Field | null =>
  name === 'format' || name === 'fileName' || name === 'body'
    ? 'file'
    : (FIELDS as readonly string[]).includes(name)
      ? (name as Field)
      : null;

type Stage =
  | { step: 'choose' }
  | { step: 'sending'; dryRun: boolean; preview: PlanLoadPreview | null }
  | { step: 'preview'; preview: PlanLoadPreview }
  | { step: 'done'; preview: PlanLoadPreview };

/** The preview a refused file comes with, from the problem's `preview`. */
function previewOf(problem: Problem): PlanLoadPreview | null {
  const p = (problem as Problem & { preview?: unknown }).preview;
  return typeof p === 'object' && p !== null && 'tree' in p && 'counts' in p ? (p as PlanLoadPreview) : null;
}

function Tree({ nodes }: { nodes: readonly PlanLoadNode[] }) {
  const intl = useIntl();
  const fr = intl.locale.startsWith('fr');
  return (
    <ul className="plan-load-tree">
      {nodes.map((n) => (
        <li key={n.code}>
          <span className="plan-load-tree__code">{n.code}</span>{' '}
          {(fr ? (n.title.fr ?? n.title.en) : (n.title.en ?? n.title.fr)) ?? ''}{' '}
          <span className="table__note">
            <FormattedMessage
              id="planLoad.nodeKind"
              values={{ kind: n.kind, retired: String(n.status === 'retired') }}
            />
          </span>
          {n.children.length > 0 && <Tree nodes={n.children} />}
        </li>
      ))}
    </ul>
  );
}

/** What the file gives: the plan, its counts, its tree; and what is wrong with it. */
function PreviewView({ preview, focusProblems }: { preview: PlanLoadPreview; focusProblems: boolean }) {
  const intl = useIntl();
  const serverLang = intl.locale.startsWith('en') ? undefined : 'en';
  const problemsRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusProblems) problemsRef.current?.focus();
  }, [focusProblems]);
  const plan = preview.plan;
  const title = plan
    ? ((intl.locale.startsWith('fr') ? plan.title.fr : plan.title.en) ?? plan.title.en ?? plan.title.fr)
    : null;
  return (
    <div className="import-report">
      {preview.problems.length > 0 && (
        <div
          className="error-summary"
          role="alert"
          tabIndex={-1}
          ref={problemsRef}
          aria-labelledby="plan-load-problems-title"
        >
          <h3 id="plan-load-problems-title" className="error-summary__title">
            <FormattedMessage id="planLoad.problemsTitle" values={{ count: preview.problems.length }} />
          </h3>
          <ul className="error-summary__list">
            {preview.problems.map((p, i) => (
              <li key={`${p.name}-${i}`} lang={serverLang}>
                <strong>{p.name}</strong>: {p.reason}
              </li>
            ))}
          </ul>
          <p>
            <FormattedMessage id="planLoad.nothingWritten" />
          </p>
        </div>
      )}
      <h3>
        <FormattedMessage id="planLoad.planTitle" />
      </h3>
      <dl className="plan-load-details">
        <dt>
          <FormattedMessage id="planLoad.partnership" />
        </dt>
        <dd>
          {(intl.locale.startsWith('fr') ? preview.partnership.name.fr : preview.partnership.name.en) ??
            preview.partnership.slug}
        </dd>
        <dt>
          <FormattedMessage id="planLoad.slug" />
        </dt>
        <dd>{plan?.slug ?? '—'}</dd>
        <dt>
          <FormattedMessage id="planLoad.title" />
        </dt>
        <dd>{title ?? '—'}</dd>
        <dt>
          <FormattedMessage id="planLoad.period" />
        </dt>
        <dd>
          {plan?.periodStart ?? '—'}–{plan?.periodEnd ?? '—'}
        </dd>
      </dl>
      {/* A framework with problems is not built: its tree shows once the file is corrected. */}
      {(preview.counts.nodes > 0 || preview.problems.length === 0) && (
        <h3>
          <FormattedMessage id="planLoad.frameworkTitle" values={{ count: preview.counts.nodes }} />
        </h3>
      )}
      {preview.counts.nodes > 0 && (
        <ul className="import-counts">
          {preview.counts.byKind.map((k) => (
            <li key={k.kind} className="import-counts__item">
              <FormattedMessage id="planLoad.kindCount" values={{ kind: k.kind, count: k.count }} />
            </li>
          ))}
          <li className="import-counts__item">
            <FormattedMessage id="planLoad.levels" values={{ count: preview.counts.byDepth.length }} />
          </li>
        </ul>
      )}
      {preview.warnings.length > 0 && (
        <ul className="import-notes">
          {preview.warnings.map((w, i) => (
            <li key={i} lang={serverLang}>
              {w}
            </li>
          ))}
        </ul>
      )}
      {preview.tree.length > 0 && <Tree nodes={preview.tree} />}
    </div>
  );
}

/** Choose a partnership and a file, check it, then create the plan. */
function PlanLoadWizard() {
  const intl = useIntl();
  const localized = useText();
  const paths = usePaths();
  // Every partnership, those without a plan yet too.
  const list = useApi(api.partnerships());
  const partnerships = list.data?.items ?? [];
  const [partnership, setPartnership] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [slug, setSlug] = useState('');
  const [titleEn, setTitleEn] = useState('');
  const [titleFr, setTitleFr] = useState('');
  const [periodStart, setPeriodStart] = useState('');
  const [periodEnd, setPeriodEnd] = useState('');
  const [issues, setIssues] = useState<FormIssue[]>([]);
  const [failures, setFailures] = useState(0);
  const [stage, setStage] = useState<Stage>({ step: 'choose' });
  const [error, setError] = useState<ApiError | null>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const focusFile = useRef(false);
  const chosen = partnership || partnerships[0]?.slug || '';
  const format = file ? formatOf(file.name) : null;
  const byPath = issuesByPath(issues);

  useEffect(() => {
    if (stage.step === 'preview' && stage.preview.problems.length === 0) resultRef.current?.focus();
    if (stage.step === 'choose' && focusFile.current) {
      focusFile.current = false;
      fileRef.current?.focus();
    }
  }, [stage]);

  const query = (dryRun: boolean) => ({
    partnership: chosen,
    format: format ?? 'yaml',
    dryRun,
    fileName: file?.name ?? 'plan.yaml',
    slug: slug.trim() || undefined,
    titleEn: titleEn.trim() || undefined,
    titleFr: titleFr.trim() || undefined,
    periodStart: periodStart.trim() || undefined,
    periodEnd: periodEnd.trim() || undefined,
  });

  const send = async (dryRun: boolean, preview: PlanLoadPreview | null) => {
    if (!file || !format || stage.step === 'sending') return;
    setError(null);
    setStage({ step: 'sending', dryRun, preview });
    try {
      const answer = await planDefinitions.load(file, { ...query(dryRun), format });
      setStage(dryRun ? { step: 'preview', preview: answer } : { step: 'done', preview: answer });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      const refused = previewOf(err.problem);
      if (refused) {
        setStage({ step: 'preview', preview: refused });
        return;
      }
      const fieldIssues = issuesFromProblem(intl, err.problem).flatMap((i) => {
        const field = fieldOf(i.path);
        return field ? [{ ...i, path: field }] : [];
      });
      if (fieldIssues.length > 0) {
        setIssues(fieldIssues);
        setFailures((n) => n + 1);
      } else setError(err);
      setStage({ step: 'choose' });
    }
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (stage.step === 'sending') return;
    const found: FormIssue[] = [];
    if (!chosen) found.push({ path: 'partnership', message: intl.formatMessage({ id: 'planLoad.issue.partnership' }) });
    if (!file) found.push({ path: 'file', message: intl.formatMessage({ id: 'planLoad.issue.file' }) });
    else if (!format) found.push({ path: 'file', message: intl.formatMessage({ id: 'planLoad.issue.format' }) });
    const parsed = planLoadQuerySchema.safeParse(query(true));
    if (!parsed.success) {
      for (const issue of issuesFromZod(intl, parsed.error)) {
        const path = fieldOf(issue.path);
        if (path && !found.some((f) => f.path === path)) found.push({ ...issue, path });
      }
    }
    setIssues(found);
    if (found.length) {
      setFailures((n) => n + 1);
      return;
    }
    void send(true, null);
  };

  const reset = () => {
    focusFile.current = true;
    setStage({ step: 'choose' });
    setFile(null);
    setIssues([]);
    setError(null);
  };
  const label = (path: string) => {
    const field = fieldOf(path);
    return field ? intl.formatMessage({ id: `planLoad.field.${field}` }) : '';
  };
  const sending = stage.step === 'sending' ? stage : null;
  const progress = (
    <div className="import-progress" role="status" aria-live="polite">
      {sending && <FormattedMessage id={sending.dryRun ? 'planLoad.checking' : 'planLoad.writing'} />}
    </div>
  );

  const shown = stage.step === 'preview' || stage.step === 'done' ? stage.preview : sending?.preview;
  if (shown) {
    const done = stage.step === 'done';
    const created = done ? shown.created : null;
    const ok = shown.problems.length === 0;
    return (
      <section className="section" aria-labelledby="plan-load-result-title">
        <h2 id="plan-load-result-title" tabIndex={-1} ref={resultRef}>
          <FormattedMessage
            id={done ? 'planLoad.doneTitle' : 'planLoad.previewTitle'}
            values={{ file: shown.fileName ?? '' }}
          />
        </h2>
        {created && (
          <StatusMessage focus>
            <FormattedMessage id="planLoad.done" values={{ slug: created.slug }} />{' '}
            <Link to={paths.plan(created.slug)}>
              <FormattedMessage id="planLoad.openPlan" />
            </Link>{' '}
            <Link to={paths.frameworkEditor(created.slug)}>
              <FormattedMessage id="planLoad.editFramework" />
            </Link>
          </StatusMessage>
        )}
        {error && <ApiErrorMessage error={error} />}
        <PreviewView preview={shown} focusProblems={stage.step === 'preview' && !ok} />
        {!done && ok && (
          <p className="import-confirm-intro">
            <FormattedMessage id="planLoad.confirmIntro" values={{ count: shown.counts.nodes }} />
          </p>
        )}
        <PreviewActions
          confirm={!done && ok ? <FormattedMessage id="planLoad.create" /> : null}
          onConfirm={() => void send(false, shown)}
          again={<FormattedMessage id={done ? 'planLoad.another' : 'planLoad.cancel'} />}
          onAgain={reset}
          sending={sending !== null}
        />
        {progress}
      </section>
    );
  }

  if (list.error) return <ApiErrorMessage error={list.error} onRetry={list.reload} />;
  if (!list.data) return <Loading />;
  const text = (path: Field, value: string, set: (v: string) => void, hint?: ReactNode, inputMode?: 'numeric') => (
    <FieldShell
      path={path}
      label={<FormattedMessage id={`planLoad.field.${path}`} />}
      hint={hint}
      issue={byPath.get(path)}
      optional={format !== 'csv' || path === 'titleFr'}
    >
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          name={path}
          type="text"
          className="input"
          inputMode={inputMode}
          value={value}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          onChange={(e) => set(e.target.value)}
        />
      )}
    </FieldShell>
  );
  return (
    <section className="section" aria-labelledby="plan-load-form-title">
      <h2 id="plan-load-form-title">
        <FormattedMessage id="planLoad.formTitle" />
      </h2>
      {error && <ApiErrorMessage error={error} />}
      <FormErrorSummary issues={issues} focusKey={failures} labelFor={label} targetFor={(path) => fieldOf(path)} />
      <form className="stack-form" onSubmit={onSubmit} noValidate aria-labelledby="plan-load-form-title">
        <SelectField
          path="partnership"
          label={<FormattedMessage id="planLoad.field.partnership" />}
          issues={byPath}
          value={chosen}
          options={partnerships.map((p) => ({ value: p.slug, label: localized(p.name) || p.slug }))}
          onChange={setPartnership}
        />
        <FileField
          label={<FormattedMessage id="planLoad.field.file" />}
          hint={
            format ? (
              <FormattedMessage id="planLoad.hint.fileFormat" values={{ format: format.toUpperCase() }} />
            ) : (
              <FormattedMessage id="planLoad.hint.file" />
            )
          }
          issue={byPath.get('file')}
          accept=".yaml,.yml,.csv,.xlsx,application/yaml,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          inputRef={fileRef}
          onFile={setFile}
        />
        {text('slug', slug, setSlug, <FormattedMessage id="planLoad.hint.slug" />)}
        {format === 'csv' && (
          <>
            {text('titleEn', titleEn, setTitleEn)}
            {text('titleFr', titleFr, setTitleFr)}
            {text('periodStart', periodStart, setPeriodStart, undefined, 'numeric')}
            {text('periodEnd', periodEnd, setPeriodEnd, undefined, 'numeric')}
          </>
        )}
        <div className="form-actions">
          <button type="submit" className="button" aria-disabled={sending ? true : undefined}>
            <FormattedMessage id="planLoad.check" />
          </button>
        </div>
      </form>
      {progress}
    </section>
  );
}

function PlanLoad() {
  const intl = useIntl();
  const paths = usePaths();
  useDocumentTitle(intl.formatMessage({ id: 'planLoad.pageTitle' }));
  return (
    <div className="workspace-page">
      <WorkspaceBreadcrumb
        trail={[{ to: paths.frameworkEditor(), label: <FormattedMessage id="frameworkEditor.plansTitle" /> }]}
        current={<FormattedMessage id="planLoad.pageTitle" />}
      />
      <PageHeading>
        <FormattedMessage id="planLoad.pageTitle" />
      </PageHeading>
      <p className="lead">
        <FormattedMessage id="planLoad.intro" />
      </p>
      <PlanLoadWizard />
    </div>
  );
}

/** `/:lang/workspace/plans/load` (administrators): a new plan and its framework from a YAML, CSV or XLSX file. */
export default function PlanLoadPage() {
  return (
    <RequireRole action="plan:manage">
      <PlanLoad />
    </RequireRole>
  );
}
