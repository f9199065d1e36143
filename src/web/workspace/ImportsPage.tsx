import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import { Link, useParams } from 'react-router';
import type { ImportActivityResult, ImportOutcome, ImportReport, ImportSummary } from '../../shared/api-types';
import {
  IMPORT_MODES,
  importOptionsSchema,
  type ImportFormat,
  type ImportMode,
} from '../../shared/schemas/import.schema';
import { LANGUAGES, type Language } from '../../shared/vocab';
import { ApiError } from '../api/client';
import { useLoader } from '../api/useApi';
import { imports, type UploadProgress } from '../api/workspace';
import { ApiErrorMessage } from '../components/ErrorSummary';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { useDocumentTitle } from '../lib/documentTitle';
import { usePaths } from '../lib/paths';
import { DataTable, type Column } from './DataTable';
import { controlId, FormErrorSummary, StatusMessage } from './form';
import { RequireRole } from './guards';
import { issuesFromZod, type FormIssue } from './issues';
import { WorkspaceBreadcrumb } from './WorkspaceBreadcrumb';
import './imports.css';

/** The import format a file's name says, or null. */
function formatOf(name: string): ImportFormat | null {
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  if (ext === 'xml') return 'iati';
  if (ext === 'csv') return 'csv';
  if (ext === 'xlsx') return 'xlsx';
  return null;
}

const OUTCOMES: readonly ImportOutcome[] = ['added', 'updated', 'unchanged', 'rejected'];
const FIRST_ROWS = 200;

function ReportCounts({ report }: { report: ImportReport | ImportSummary }) {
  const id = report.dryRun ? 'imports.countsPreview' : 'imports.countsDone';
  return (
    <ul className="import-counts">
      {OUTCOMES.map((o) => (
        <li key={o} className={`import-counts__item import-counts__item--${o}`}>
          <FormattedMessage id={id} values={{ outcome: o, count: report.counts[o] }} />
        </li>
      ))}
    </ul>
  );
}

/** One import's report: counts, notes, new organisations and each activity's outcome. */
function ReportView({ report }: { report: ImportReport }) {
  const intl = useIntl();
  const paths = usePaths();
  const [shown, setShown] = useState<ImportOutcome | 'all'>(report.counts.rejected > 0 ? 'rejected' : 'all');
  const [all, setAll] = useState(false);
  const rows = report.activities.filter((a) => shown === 'all' || a.outcome === shown);
  const visible = all ? rows : rows.slice(0, FIRST_ROWS);
  const unit = report.format === 'iati' ? 'line' : 'row';
  const columns: Column<ImportActivityResult>[] = [
    {
      key: 'activity',
      header: <FormattedMessage id="imports.colActivity" />,
      cell: (a) => (
        <>
          {a.activityId && !report.dryRun ? (
            <Link to={paths.activity(a.activityId)}>{a.title ?? a.identifier ?? a.activityId}</Link>
          ) : (
            (a.title ?? <FormattedMessage id="imports.untitled" />)
          )}
          {a.identifier && <span className="table__note">{a.identifier}</span>}
        </>
      ),
    },
    {
      key: 'where',
      header: <FormattedMessage id="imports.colWhere" values={{ unit }} />,
      cell: (a) => intl.formatNumber(a.line),
    },
    {
      key: 'outcome',
      header: <FormattedMessage id="imports.colOutcome" />,
      cell: (a) => (
        <span className={`import-outcome import-outcome--${a.outcome}`}>
          <FormattedMessage id="imports.outcome" values={{ outcome: a.outcome, dryRun: String(report.dryRun) }} />
        </span>
      ),
    },
    {
      key: 'details',
      header: <FormattedMessage id="imports.colDetails" />,
      cell: (a) => (
        <>
          {a.reasons.length > 0 && (
            <ul className="import-notes import-notes--reasons">
              {a.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          )}
          {a.changedFields.length > 0 && (
            <p className="table__note">
              <FormattedMessage id="imports.changed" values={{ fields: a.changedFields.join(', ') }} />
            </p>
          )}
          {a.warnings.length > 0 && (
            <ul className="import-notes">
              {a.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          )}
          {a.suggestions.length > 0 && (
            <div className="import-suggestions">
              <p className="table__note">
                <FormattedMessage id="imports.suggestions" />
              </p>
              <ul>
                {a.suggestions.map((s) => (
                  <li key={s.nodeId}>
                    <Link to={paths.node(s.nodeId)}>
                      {s.code} {s.title.en ?? s.title.fr}
                    </Link>{' '}
                    <span className="table__note">({s.reason})</span>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </>
      ),
    },
  ];

  if (report.outcome === 'refused') {
    return (
      <div className="error-summary" role="alert">
        <h3 className="error-summary__title">
          <FormattedMessage id="imports.refusedTitle" values={{ file: report.fileName }} />
        </h3>
        <p>
          {report.fileProblem?.line ? (
            <FormattedMessage
              id="imports.refusedAt"
              values={{ line: report.fileProblem.line, reason: report.fileProblem.reason }}
            />
          ) : (
            report.fileProblem?.reason
          )}
        </p>
        <p>
          <FormattedMessage id="imports.nothingWritten" />
        </p>
      </div>
    );
  }
  return (
    <div className="import-report">
      <ReportCounts report={report} />
      {report.warnings.length > 0 && (
        <ul className="import-notes">
          {report.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      {report.organisationsCreated.length > 0 && (
        <p>
          <FormattedMessage
            id="imports.newOrganisations"
            values={{
              count: report.organisationsCreated.length,
              dryRun: String(report.dryRun),
              names: report.organisationsCreated.map((o) => o.name).join('; '),
            }}
          />
        </p>
      )}
      <fieldset className="fieldset field import-filter">
        <legend>
          <FormattedMessage id="imports.showLegend" />
        </legend>
        {(['all', ...OUTCOMES] as const).map((o) => (
          <label key={o} className="import-filter__option">
            <input
              type="radio"
              name={`show-${report.id}`}
              value={o}
              checked={shown === o}
              onChange={() => {
                setShown(o);
                setAll(false);
              }}
            />{' '}
            <FormattedMessage
              id="imports.show"
              values={{
                outcome: o,
                count: o === 'all' ? report.activities.length : report.activities.filter((a) => a.outcome === o).length,
              }}
            />
          </label>
        ))}
      </fieldset>
      {visible.length > 0 ? (
        <DataTable
          caption={<FormattedMessage id="imports.caption" values={{ file: report.fileName }} />}
          columns={columns}
          rows={visible}
          rowKey={(a) => `${a.line}-${a.identifier ?? ''}`}
        />
      ) : (
        <p className="empty-state">
          <FormattedMessage id="imports.noneShown" />
        </p>
      )}
      {!all && rows.length > FIRST_ROWS && (
        <button type="button" className="button button--secondary" onClick={() => setAll(true)}>
          <FormattedMessage id="imports.showAll" values={{ count: rows.length }} />
        </button>
      )}
      {report.truncated && (
        <p className="table__note">
          <FormattedMessage id="imports.truncated" values={{ count: report.activities.length }} />
        </p>
      )}
    </div>
  );
}

type Stage =
  | { step: 'choose' }
  | { step: 'sending'; progress: UploadProgress | null; dryRun: boolean }
  | { step: 'preview'; report: ImportReport }
  | { step: 'done'; report: ImportReport };

/** Upload, preview, confirm. */
function ImportWizard({ onImported }: { onImported: () => void }) {
  const intl = useIntl();
  const paths = usePaths();
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<ImportMode>('both');
  const [lang, setLang] = useState<Language>(intl.locale.startsWith('fr') ? 'fr' : 'en');
  const [issues, setIssues] = useState<FormIssue[]>([]);
  const [failures, setFailures] = useState(0);
  const [stage, setStage] = useState<Stage>({ step: 'choose' });
  const [error, setError] = useState<ApiError | null>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (stage.step === 'preview' || stage.step === 'done') resultRef.current?.focus();
  }, [stage.step]);

  const format = file ? formatOf(file.name) : null;
  const send = async (dryRun: boolean) => {
    if (!file || !format) return;
    setError(null);
    setStage({ step: 'sending', progress: null, dryRun });
    try {
      const report = await imports.upload(format, file, { mode, lang, dryRun, fileName: file.name }, (progress) =>
        setStage({ step: 'sending', progress, dryRun }),
      );
      setStage(dryRun ? { step: 'preview', report } : { step: 'done', report });
      onImported();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setError(err);
      setStage({ step: 'choose' });
    }
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const found: FormIssue[] = [];
    if (!file) found.push({ path: 'file', message: intl.formatMessage({ id: 'imports.issue.file' }) });
    else if (!format) found.push({ path: 'file', message: intl.formatMessage({ id: 'imports.issue.format' }) });
    const parsed = importOptionsSchema.safeParse({ mode, lang, dryRun: true, fileName: file?.name ?? 'upload' });
    if (!parsed.success) found.push(...issuesFromZod(intl, parsed.error));
    setIssues(found);
    if (found.length) {
      setFailures((n) => n + 1);
      return;
    }
    void send(true);
  };

  const reset = () => {
    setStage({ step: 'choose' });
    setFile(null);
    setIssues([]);
  };
  const fileIssue = issues.find((i) => i.path === 'file');
  const sending = stage.step === 'sending';

  if (stage.step === 'preview' || stage.step === 'done') {
    const { report } = stage;
    const writable = report.counts.added + report.counts.updated;
    return (
      <section className="section" aria-labelledby="import-result-title">
        <h2 id="import-result-title" tabIndex={-1} ref={resultRef}>
          <FormattedMessage
            id={stage.step === 'preview' ? 'imports.previewTitle' : 'imports.doneTitle'}
            values={{ file: report.fileName }}
          />
        </h2>
        {stage.step === 'done' && report.outcome === 'committed' && (
          <StatusMessage>
            <FormattedMessage id="imports.done" values={{ count: writable }} />{' '}
            <Link to={paths.importReport(report.id)}>
              <FormattedMessage id="imports.recordLink" />
            </Link>
          </StatusMessage>
        )}
        <ReportView report={report} />
        <div className="form-actions">
          {stage.step === 'preview' && report.outcome !== 'refused' && writable > 0 && (
            <button type="button" className="button" onClick={() => void send(false)}>
              <FormattedMessage id="imports.confirm" values={{ count: writable }} />
            </button>
          )}
          <button type="button" className="button button--secondary" onClick={reset}>
            <FormattedMessage id={stage.step === 'preview' ? 'imports.cancel' : 'imports.another'} />
          </button>
        </div>
      </section>
    );
  }

  return (
    <section className="section" aria-labelledby="import-form-title">
      <h2 id="import-form-title">
        <FormattedMessage id="imports.formTitle" />
      </h2>
      <p>
        <FormattedMessage id="imports.formIntro" />
      </p>
      {error && <ApiErrorMessage error={error} />}
      <FormErrorSummary
        issues={issues}
        focusKey={failures}
        labelFor={(path) => intl.formatMessage({ id: path === 'file' ? 'imports.file' : 'imports.mode' })}
        targetFor={(path) => (path === 'file' ? 'file' : `mode-${mode}`)}
      />
      <form id="import-form" className="stack-form" onSubmit={onSubmit} noValidate aria-labelledby="import-form-title">
        <div className={fileIssue ? 'field field--error' : 'field'}>
          <label htmlFor={controlId('file')} className="field__label">
            <FormattedMessage id="imports.file" />
          </label>
          <p id={`${controlId('file')}-hint`} className="field__hint">
            <FormattedMessage id="imports.fileHint" />
          </p>
          {fileIssue && (
            <p id={`${controlId('file')}-error`} className="field__error">
              {fileIssue.message}
            </p>
          )}
          <input
            id={controlId('file')}
            name="file"
            type="file"
            className="input input--file"
            accept=".xml,.csv,.xlsx,application/xml,text/xml,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby={[`${controlId('file')}-hint`, fileIssue ? `${controlId('file')}-error` : '']
              .filter(Boolean)
              .join(' ')}
            aria-invalid={fileIssue ? true : undefined}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
        <fieldset className="fieldset field">
          <legend className="field__label">
            <FormattedMessage id="imports.mode" />
          </legend>
          {IMPORT_MODES.map((m) => (
            <div key={m} className="checkbox">
              <input
                id={controlId(`mode-${m}`)}
                type="radio"
                name="mode"
                value={m}
                checked={mode === m}
                aria-describedby={`${controlId(`mode-${m}`)}-hint`}
                onChange={() => setMode(m)}
              />
              <label htmlFor={controlId(`mode-${m}`)}>
                <FormattedMessage id="imports.modeName" values={{ mode: m }} />
              </label>
              <p id={`${controlId(`mode-${m}`)}-hint`} className="field__hint">
                <FormattedMessage id="imports.modeHint" values={{ mode: m }} />
              </p>
            </div>
          ))}
        </fieldset>
        {format !== 'iati' && (
          <div className="field">
            <label htmlFor={controlId('lang')} className="field__label">
              <FormattedMessage id="imports.lang" />
            </label>
            <p id={`${controlId('lang')}-hint`} className="field__hint">
              <FormattedMessage id="imports.langHint" />
            </p>
            <select
              id={controlId('lang')}
              name="lang"
              className="select select--inline"
              value={lang}
              aria-describedby={`${controlId('lang')}-hint`}
              onChange={(e) => setLang(e.target.value === 'fr' ? 'fr' : 'en')}
            >
              {LANGUAGES.map((l) => (
                <option key={l} value={l}>
                  {intl.formatMessage({ id: 'imports.langName' }, { lang: l })}
                </option>
              ))}
            </select>
          </div>
        )}
        <button type="submit" className="button" aria-disabled={sending || undefined}>
          <FormattedMessage id="imports.preview" />
        </button>
      </form>
      {sending && (
        <div className="import-progress" role="status">
          {stage.progress && stage.progress.sent < stage.progress.total ? (
            <>
              <label htmlFor="import-progress-bar">
                <FormattedMessage
                  id="imports.uploading"
                  values={{
                    sent: intl.formatNumber(Math.round(stage.progress.sent / 1024)),
                    total: intl.formatNumber(Math.round(stage.progress.total / 1024)),
                  }}
                />
              </label>
              <progress id="import-progress-bar" max={stage.progress.total} value={stage.progress.sent} />
            </>
          ) : (
            <>
              <label htmlFor="import-progress-bar">
                <FormattedMessage id={stage.dryRun ? 'imports.checking' : 'imports.writing'} />
              </label>
              <progress id="import-progress-bar" />
            </>
          )}
        </div>
      )}
    </section>
  );
}

/** The record of imports, newest first. */
function ImportRecord({ reloadKey }: { reloadKey: number }) {
  const paths = usePaths();
  const record = useLoader(`imports-${reloadKey}`, (signal) => imports.list(1, signal), { keepPrevious: true });
  const columns: Column<ImportSummary>[] = [
    {
      key: 'when',
      header: <FormattedMessage id="imports.colWhen" />,
      cell: (i) => (
        <Link to={paths.importReport(i.id)}>
          <FormattedDate value={i.createdAt} dateStyle="medium" timeStyle="short" />
        </Link>
      ),
    },
    { key: 'who', header: <FormattedMessage id="imports.colWho" />, cell: (i) => i.createdBy ?? '—' },
    { key: 'file', header: <FormattedMessage id="imports.colFile" />, cell: (i) => i.fileName },
    {
      key: 'kind',
      header: <FormattedMessage id="imports.colKind" />,
      cell: (i) => <FormattedMessage id="imports.kind" values={{ outcome: i.outcome, mode: i.mode }} />,
    },
    { key: 'counts', header: <FormattedMessage id="imports.colCounts" />, cell: (i) => <ReportCounts report={i} /> },
  ];
  return (
    <section className="section" aria-labelledby="import-record-title">
      <h2 id="import-record-title">
        <FormattedMessage id="imports.recordTitle" />
      </h2>
      {record.error && <ApiErrorMessage error={record.error} onRetry={record.reload} />}
      {!record.data && !record.error && <Loading />}
      {record.data && record.data.items.length === 0 && (
        <p className="empty-state">
          <FormattedMessage id="imports.recordEmpty" />
        </p>
      )}
      {record.data && record.data.items.length > 0 && (
        <DataTable
          caption={<FormattedMessage id="imports.recordCaption" values={{ total: record.data.total }} />}
          columns={columns}
          rows={record.data.items}
          rowKey={(i) => i.id}
        />
      )}
    </section>
  );
}

function Imports() {
  const intl = useIntl();
  const [reloadKey, setReloadKey] = useState(0);
  useDocumentTitle(intl.formatMessage({ id: 'imports.title' }));
  return (
    <div className="workspace-page">
      <WorkspaceBreadcrumb current={<FormattedMessage id="imports.title" />} />
      <PageHeading>
        <FormattedMessage id="imports.title" />
      </PageHeading>
      <p className="lead">
        <FormattedMessage id="imports.intro" />
      </p>
      <ImportWizard onImported={() => setReloadKey((n) => n + 1)} />
      <ImportRecord reloadKey={reloadKey} />
    </div>
  );
}

function OneImport({ id }: { id: string }) {
  const intl = useIntl();
  const paths = usePaths();
  const report = useLoader(`import-${id}`, (signal) => imports.get(id, signal));
  const title = intl.formatMessage({ id: 'imports.reportTitle' }, { file: report.data?.fileName ?? '…' });
  useDocumentTitle(title);
  const crumb: ReactNode = <FormattedMessage id="imports.reportCrumb" />;
  return (
    <div className="workspace-page">
      <WorkspaceBreadcrumb
        trail={[{ to: paths.imports(), label: intl.formatMessage({ id: 'imports.title' }) }]}
        current={crumb}
      />
      <PageHeading>{title}</PageHeading>
      {report.error && <ApiErrorMessage error={report.error} onRetry={report.reload} />}
      {!report.data && !report.error && <Loading />}
      {report.data && (
        <>
          <p className="lead">
            <FormattedMessage
              id="imports.reportLead"
              values={{
                when: <FormattedDate value={report.data.createdAt} dateStyle="long" timeStyle="short" />,
                who: report.data.createdBy ?? '—',
                kind: intl.formatMessage(
                  { id: 'imports.kind' },
                  { outcome: report.data.outcome, mode: report.data.mode },
                ),
              }}
            />
          </p>
          <ReportView report={report.data} />
        </>
      )}
    </div>
  );
}

export default function ImportsPage() {
  const { id } = useParams();
  return <RequireRole action="activity:create">{id ? <OneImport id={id} /> : <Imports />}</RequireRole>;
}
