import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { FormattedDate, FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import { Link, useParams, useSearchParams } from 'react-router';
import type { ImportActivityResult, ImportOutcome, ImportReport, ImportSummary } from '../../shared/api-types';
import {
  IMPORT_MODES,
  importOptionsSchema,
  type ImportFormat,
  type ImportMode,
} from '../../shared/schemas/import.schema';
import { LANGUAGES, type Language } from '../../shared/vocab';
import { ApiError, queryString } from '../api/client';
import { useLoader } from '../api/useApi';
import { imports, type UploadProgress } from '../api/workspace';
import { ApiErrorMessage } from '../components/ErrorSummary';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { Pagination } from '../components/Pagination';
import { useDocumentTitle } from '../lib/documentTitle';
import { pageFrom } from '../lib/pagination';
import { usePaths } from '../lib/paths';
import { DataTable, type Column } from './DataTable';
import {
  controlId,
  FieldShell,
  FileField,
  formatOfName,
  FormErrorSummary,
  PreviewActions,
  StatusMessage,
} from './form';
import { RequireRole } from './guards';
import { issuesByPath, issuesFromProblem, issuesFromZod, type FormIssue } from './issues';
import { WorkspaceBreadcrumb } from './WorkspaceBreadcrumb';
import './imports.css';

/** The import format a file's name says, or null. */
const formatOf = (name: string) => formatOfName<ImportFormat>(name, { xml: 'iati', csv: 'csv', xlsx: 'xlsx' });

const OUTCOMES: readonly ImportOutcome[] = ['added', 'updated', 'unchanged', 'rejected'];
/** The filters of a report's table, rejections first after "all": they are what needs attention. */
const FILTERS = ['all', 'rejected', 'added', 'updated', 'unchanged'] as const;
type Filter = (typeof FILTERS)[number];
/** Rows a report's table shows before "show all". */
const FIRST_ROWS = 200;
const RECORD_PAGE_SIZE = 20;
/** The form's fields, by the paths of the schema's and the server's issues. */
const FIELD_OF: Record<string, 'file' | 'mode' | 'lang'> = {
  file: 'file',
  fileName: 'file',
  body: 'file',
  mode: 'mode',
  lang: 'lang',
};

type HeadingLevel = 2 | 3;

function Heading(props: { level: HeadingLevel; id?: string; className?: string; children: ReactNode }) {
  const { level, id, className, children } = props;
  return level === 2 ? (
    <h2 id={id} className={className}>
      {children}
    </h2>
  ) : (
    <h3 id={id} className={className}>
      {children}
    </h3>
  );
}

/** Texts the server writes are English: marked so in a French page. */
function useServerLang(): 'en' | undefined {
  return useIntl().locale.startsWith('en') ? undefined : 'en';
}

/** A file size in kB or MB, the locale's way. */
function formatBytes(intl: IntlShape, bytes: number, inMegabytes: boolean): string {
  return inMegabytes
    ? intl.formatNumber(bytes / (1024 * 1024), { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 })
    : intl.formatNumber(Math.ceil(bytes / 1024), { style: 'unit', unit: 'kilobyte' });
}

/** The four headline counts of a report, each in words ("2 activities would be added"). */
function ReportCounts({ report }: { report: ImportReport }) {
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

/** The counts of one import of the record, those that are not zero. */
function RecordCounts({ summary }: { summary: ImportSummary }) {
  if (summary.outcome === 'refused') {
    return <span className="import-notes--reasons">{summary.fileProblem?.reason ?? '—'}</span>;
  }
  const id = summary.dryRun ? 'imports.countsPreview' : 'imports.countsDone';
  const shown = OUTCOMES.filter((o) => summary.counts[o] > 0);
  if (shown.length === 0) return <FormattedMessage id="imports.noActivities" />;
  return (
    <ul className="import-counts import-counts--compact">
      {shown.map((o) => (
        <li key={o} className={`import-counts__item import-counts__item--${o}`}>
          <FormattedMessage id={id} values={{ outcome: o, count: summary.counts[o] }} />
        </li>
      ))}
    </ul>
  );
}

/** Why a whole file was refused: an error summary, which can take the focus. */
function Refusal({ report, level, focus }: { report: ImportReport; level: HeadingLevel; focus: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = `refusal-${report.id}`;
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  const problem = report.fileProblem;
  const serverLang = useServerLang();
  const reason = <span lang={serverLang}>{problem?.reason}</span>;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby={titleId}>
      <Heading level={level} id={titleId} className="error-summary__title">
        <FormattedMessage id="imports.refusedTitle" values={{ file: report.fileName }} />
      </Heading>
      <p>
        {problem?.line ? <FormattedMessage id="imports.refusedAt" values={{ line: problem.line, reason }} /> : reason}
      </p>
      <p>
        <FormattedMessage id="imports.nothingWritten" />
      </p>
    </div>
  );
}

/** A labelled list of texts (reasons, notes) in a cell of the report. */
function NoteList({ label, items, reasons = false }: { label: ReactNode; items: string[]; reasons?: boolean }) {
  const serverLang = useServerLang();
  if (items.length === 0) return null;
  return (
    <div className="import-cell-part">
      <p className="import-cell-part__label">{label}</p>
      <ul className={reasons ? 'import-notes import-notes--reasons' : 'import-notes'}>
        {items.map((text, i) => (
          <li key={i} lang={serverLang}>
            {text}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * One import's report: the counts, the notes on the whole file, the organisations it creates and
 * each activity's outcome, filterable by outcome and cut at 200 rows until asked for all. Links
 * lead to the records the import touched (a preview's additions have none yet).
 */
function ReportView({
  report,
  level,
  focusRefusal = false,
}: {
  report: ImportReport;
  level: HeadingLevel;
  focusRefusal?: boolean;
}) {
  const intl = useIntl();
  const paths = usePaths();
  const serverLang = useServerLang();
  const [shown, setShown] = useState<Filter>(report.dryRun && report.counts.rejected > 0 ? 'rejected' : 'all');
  const [all, setAll] = useState(false);
  const countOf = (f: Filter) =>
    f === 'all' ? report.activities.length : report.activities.filter((a) => a.outcome === f).length;
  // Rows by their place in the file: several activities may share a line (a file on one line).
  const position = new Map(report.activities.map((a, i) => [a, i]));
  const rows = report.activities.filter((a) => shown === 'all' || a.outcome === shown);
  const visible = all ? rows : rows.slice(0, FIRST_ROWS);
  const unit = report.format === 'iati' ? 'line' : 'row';
  const linkable = (a: ImportActivityResult) =>
    a.activityId !== null && (!report.dryRun || a.outcome !== 'added') ? a.activityId : null;
  const columns: Column<ImportActivityResult>[] = [
    {
      key: 'activity',
      header: <FormattedMessage id="imports.colActivity" />,
      cell: (a) => {
        const id = linkable(a);
        const title = a.title ?? <FormattedMessage id="imports.untitled" />;
        return (
          <>
            {id ? <Link to={paths.activity(id)}>{a.title ?? a.identifier ?? id}</Link> : title}
            {a.identifier && (
              <span className="table__note">
                <FormattedMessage id="imports.identifier" values={{ identifier: a.identifier }} />
              </span>
            )}
          </>
        );
      },
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
          <NoteList label={<FormattedMessage id="imports.reasons" />} items={a.reasons} reasons />
          {a.changedFields.length > 0 && (
            <p className="import-cell-part">
              <FormattedMessage
                id="imports.changed"
                values={{ fields: intl.formatList(a.changedFields, { type: 'conjunction' }) }}
              />
            </p>
          )}
          <NoteList label={<FormattedMessage id="imports.notes" />} items={a.warnings} />
          {a.suggestions.length > 0 && (
            <div className="import-cell-part import-suggestions">
              <p className="import-cell-part__label">
                <FormattedMessage id="imports.suggestions" />
              </p>
              <ul>
                {a.suggestions.map((s) => (
                  <li key={s.nodeId}>
                    <Link to={paths.node(s.nodeId)}>
                      {s.code} {intl.locale.startsWith('fr') ? (s.title.fr ?? s.title.en) : (s.title.en ?? s.title.fr)}
                    </Link>{' '}
                    <span className="table__note" lang={serverLang}>
                      {s.reason}
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          )}
          {!report.dryRun && a.activityId !== null && a.outcome !== 'rejected' && (
            <p className="import-cell-part">
              {/* Ranked on demand in the activity's editor, where a person accepts or turns each down (ADR 0017). */}
              <Link
                to={`${paths.editActivity(a.activityId)}?suggest=1`}
                aria-label={intl.formatMessage(
                  { id: 'imports.suggestLinksLabel' },
                  { title: a.title ?? a.identifier ?? a.activityId },
                )}
              >
                <FormattedMessage id="imports.suggestLinks" />
              </Link>
            </p>
          )}
        </>
      ),
    },
  ];

  if (report.outcome === 'refused') return <Refusal report={report} level={level} focus={focusRefusal} />;
  return (
    <div className="import-report">
      <ReportCounts report={report} />
      {report.warnings.length > 0 && (
        <div className="import-file-notes">
          <Heading level={level}>
            <FormattedMessage id="imports.fileNotesTitle" />
          </Heading>
          <ul className="import-notes">
            {report.warnings.map((w, i) => (
              <li key={i} lang={serverLang}>
                {w}
              </li>
            ))}
          </ul>
        </div>
      )}
      {report.organisationsCreated.length > 0 && (
        <div className="import-new-organisations">
          <Heading level={level}>
            <FormattedMessage
              id="imports.newOrganisations"
              values={{ count: report.organisationsCreated.length, dryRun: String(report.dryRun) }}
            />
          </Heading>
          <ul>
            {report.organisationsCreated.map((o, i) => (
              <li key={o.id ?? `${o.name}-${i}`}>
                {o.id && !report.dryRun ? <Link to={paths.organisation(o.id)}>{o.name}</Link> : o.name}
                {o.ref && <span className="table__note">{o.ref}</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
      <Heading level={level}>
        <FormattedMessage id="imports.activitiesTitle" />
      </Heading>
      {report.activities.length > 0 && (
        <fieldset className="fieldset field import-filter">
          <legend>
            <FormattedMessage id="imports.showLegend" />
          </legend>
          {FILTERS.map((f) => (
            <div key={f} className="checkbox import-filter__option">
              <input
                id={`show-${report.id}-${f}`}
                type="radio"
                name={`show-${report.id}`}
                value={f}
                checked={shown === f}
                onChange={() => {
                  setShown(f);
                  setAll(false);
                }}
              />
              <label htmlFor={`show-${report.id}-${f}`}>
                <FormattedMessage id="imports.show" values={{ outcome: f, count: countOf(f) }} />
              </label>
            </div>
          ))}
        </fieldset>
      )}
      {visible.length > 0 ? (
        <>
          {!all && rows.length > FIRST_ROWS && (
            <p className="muted">
              <FormattedMessage
                id="imports.rowsShown"
                values={{ shown: intl.formatNumber(visible.length), count: intl.formatNumber(rows.length) }}
              />
            </p>
          )}
          <DataTable
            caption={<FormattedMessage id="imports.caption" values={{ file: report.fileName }} />}
            columns={columns}
            rows={visible}
            rowKey={(a) => String(position.get(a))}
          />
        </>
      ) : (
        <p className="empty-state">
          <FormattedMessage id="imports.noneShown" />
        </p>
      )}
      {rows.length > FIRST_ROWS && (
        <p>
          <button type="button" className="button button--secondary" onClick={() => setAll((v) => !v)}>
            <FormattedMessage
              id={all ? 'imports.showFirst' : 'imports.showAll'}
              values={{ count: intl.formatNumber(all ? FIRST_ROWS : rows.length) }}
            />
          </button>
        </p>
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
  | { step: 'sending'; dryRun: boolean; progress: UploadProgress | null; preview: ImportReport | null }
  | { step: 'preview'; report: ImportReport }
  | { step: 'done'; report: ImportReport };

/** Where the upload is, in words and as a progress bar. */
function Progress({ stage }: { stage: Extract<Stage, { step: 'sending' }> }) {
  const intl = useIntl();
  const p = stage.progress;
  const label =
    p && p.total > 0 && p.sent < p.total ? (
      <FormattedMessage
        id="imports.uploading"
        values={{
          sent: formatBytes(intl, p.sent, p.total >= 1024 * 1024),
          total: formatBytes(intl, p.total, p.total >= 1024 * 1024),
          percent: intl.formatNumber(p.sent / p.total, { style: 'percent' }),
        }}
      />
    ) : (
      <FormattedMessage id={stage.dryRun ? 'imports.checking' : 'imports.writing'} />
    );
  const sending = p !== null && p.total > 0 && p.sent < p.total;
  return (
    <>
      <label htmlFor="import-progress-bar" className="import-progress__label">
        {label}
      </label>
      {sending ? (
        <progress id="import-progress-bar" max={p.total} value={p.sent} />
      ) : (
        <progress id="import-progress-bar" />
      )}
    </>
  );
}

/**
 * Upload, preview, confirm. The chosen file stays in the component, so the confirmation sends the
 * same file again without asking for it; the upload shows the bytes sent, then that the server is
 * checking (or writing) the activities.
 */
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
  const fileRef = useRef<HTMLInputElement>(null);
  const focusFile = useRef(false);
  const upload = useRef<AbortController | null>(null);
  const lastPercent = useRef(-1);
  useEffect(() => () => upload.current?.abort(), []);
  useEffect(() => {
    if (stage.step === 'preview' && stage.report.outcome !== 'refused') resultRef.current?.focus();
    if (stage.step === 'choose' && focusFile.current) {
      focusFile.current = false;
      fileRef.current?.focus();
    }
  }, [stage]);

  const format = file ? formatOf(file.name) : null;
  const byPath = issuesByPath(issues);

  const send = async (dryRun: boolean, preview: ImportReport | null) => {
    if (!file || !format || stage.step === 'sending') return;
    const controller = new AbortController();
    upload.current = controller;
    lastPercent.current = -1;
    setError(null);
    setStage({ step: 'sending', dryRun, progress: null, preview });
    const onProgress = (progress: UploadProgress) => {
      // In steps of 5 %, so that the status region is not re-announced for every packet.
      const percent = progress.total > 0 ? Math.floor((progress.sent / progress.total) * 20) * 5 : 0;
      if (percent === lastPercent.current) return;
      lastPercent.current = percent;
      setStage({ step: 'sending', dryRun, progress, preview });
    };
    try {
      const report = await imports.upload(
        format,
        file,
        { mode, lang, dryRun, fileName: file.name },
        onProgress,
        controller.signal,
      );
      setStage(dryRun ? { step: 'preview', report } : { step: 'done', report });
      onImported();
    } catch (err) {
      if (controller.signal.aborted) return;
      if (!(err instanceof ApiError)) throw err;
      const fieldIssues = issuesFromProblem(intl, err.problem).map((i) => ({ ...i, path: FIELD_OF[i.path] ?? i.path }));
      if (fieldIssues.length > 0 && !preview) {
        setIssues(fieldIssues);
        setFailures((n) => n + 1);
      } else {
        setError(err);
      }
      setStage(preview ? { step: 'preview', report: preview } : { step: 'choose' });
    } finally {
      if (upload.current === controller) upload.current = null;
    }
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (stage.step === 'sending') return;
    const found: FormIssue[] = [];
    if (!file) found.push({ path: 'file', message: intl.formatMessage({ id: 'imports.issue.file' }) });
    else if (!format) found.push({ path: 'file', message: intl.formatMessage({ id: 'imports.issue.format' }) });
    const parsed = importOptionsSchema.safeParse({ mode, lang, dryRun: true, fileName: file?.name ?? 'upload.xml' });
    if (!parsed.success) {
      for (const issue of issuesFromZod(intl, parsed.error)) {
        const path = FIELD_OF[issue.path] ?? issue.path;
        if (!found.some((f) => f.path === path)) found.push({ ...issue, path });
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
    upload.current?.abort();
    focusFile.current = true;
    setStage({ step: 'choose' });
    setFile(null);
    setIssues([]);
    setError(null);
  };
  const fieldLabel = (path: string) => {
    const id = ({ file: 'imports.file', mode: 'imports.mode', lang: 'imports.lang' } as const)[
      FIELD_OF[path] ?? 'file'
    ];
    return FIELD_OF[path] ? intl.formatMessage({ id }) : '';
  };
  const modeIssue = byPath.get('mode');
  const sending = stage.step === 'sending' ? stage : null;
  const progress = (
    <div className="import-progress" role="status" aria-live="polite">
      {sending && <Progress stage={sending} />}
    </div>
  );

  const shownReport =
    stage.step === 'preview' || stage.step === 'done' ? stage.report : stage.step === 'sending' ? stage.preview : null;
  if (shownReport) {
    const report = shownReport;
    const done = stage.step === 'done';
    const writable = report.counts.added + report.counts.updated;
    return (
      <section className="section" aria-labelledby="import-result-title">
        <h2 id="import-result-title" tabIndex={-1} ref={resultRef}>
          <FormattedMessage
            id={done ? 'imports.doneTitle' : 'imports.previewTitle'}
            values={{ file: report.fileName }}
          />
        </h2>
        {done && report.outcome === 'committed' && (
          <StatusMessage focus>
            <FormattedMessage id="imports.done" values={{ count: writable }} />{' '}
            <Link to={paths.importReport(report.id)}>
              <FormattedMessage id="imports.recordLink" />
            </Link>
          </StatusMessage>
        )}
        {error && <ApiErrorMessage error={error} />}
        <ReportView
          key={report.id}
          report={report}
          level={3}
          focusRefusal={stage.step === 'preview' || stage.step === 'done'}
        />
        {!done && report.outcome !== 'refused' && (
          <p className="import-confirm-intro">
            <FormattedMessage
              id={writable > 0 ? 'imports.confirmIntro' : 'imports.nothingToImport'}
              values={{ count: writable }}
            />
          </p>
        )}
        <PreviewActions
          confirm={
            !done && report.outcome !== 'refused' && writable > 0 ? (
              <FormattedMessage id="imports.confirm" values={{ count: writable }} />
            ) : null
          }
          onConfirm={() => void send(false, report)}
          again={<FormattedMessage id={done ? 'imports.another' : 'imports.cancel'} />}
          onAgain={reset}
          sending={sending !== null}
        />
        {progress}
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
        labelFor={fieldLabel}
        targetFor={(path) =>
          path === 'file' ? 'file' : path === 'mode' ? `mode-${mode}` : path === 'lang' ? 'lang' : null
        }
      />
      <form id="import-form" className="stack-form" onSubmit={onSubmit} noValidate aria-labelledby="import-form-title">
        <FileField
          label={<FormattedMessage id="imports.file" />}
          hint={<FormattedMessage id="imports.fileHint" />}
          issue={byPath.get('file')}
          accept=".xml,.csv,.xlsx,application/xml,text/xml,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          inputRef={fileRef}
          onFile={setFile}
        />
        <fieldset
          className={modeIssue ? 'fieldset field field--error' : 'fieldset field'}
          aria-describedby={modeIssue ? `${controlId('mode')}-error` : undefined}
        >
          <legend className="field__label">
            <FormattedMessage id="imports.mode" />
          </legend>
          {modeIssue && (
            <p id={`${controlId('mode')}-error`} className="field__error">
              <span className="visually-hidden">
                <FormattedMessage id="form.errorPrefix" />{' '}
              </span>
              <span lang={modeIssue.lang}>{modeIssue.message}</span>
            </p>
          )}
          {IMPORT_MODES.map((m) => (
            <div key={m} className="checkbox import-mode">
              <input
                id={controlId(`mode-${m}`)}
                type="radio"
                name="mode"
                value={m}
                checked={mode === m}
                aria-describedby={`${controlId(`mode-${m}`)}-hint`}
                onChange={() => setMode(m)}
              />
              <div>
                <label htmlFor={controlId(`mode-${m}`)}>
                  <FormattedMessage id="imports.modeName" values={{ mode: m }} />
                </label>
                <p id={`${controlId(`mode-${m}`)}-hint`} className="field__hint import-mode__hint">
                  <FormattedMessage id="imports.modeHint" values={{ mode: m }} />
                </p>
              </div>
            </div>
          ))}
        </fieldset>
        {(format === 'csv' || format === 'xlsx') && (
          <FieldShell
            path="lang"
            label={<FormattedMessage id="imports.lang" />}
            hint={<FormattedMessage id="imports.langHint" />}
            issue={byPath.get('lang')}
          >
            {({ id, describedBy, invalid }) => (
              <select
                id={id}
                name="lang"
                className="select select--inline"
                value={lang}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                onChange={(e) => setLang(e.target.value === 'fr' ? 'fr' : 'en')}
              >
                {LANGUAGES.map((l) => (
                  <option key={l} value={l}>
                    {intl.formatMessage({ id: 'imports.langName' }, { lang: l })}
                  </option>
                ))}
              </select>
            )}
          </FieldShell>
        )}
        <div className="form-actions">
          <button type="submit" className="button" aria-disabled={sending ? true : undefined}>
            <FormattedMessage id="imports.preview" />
          </button>
        </div>
      </form>
      {progress}
    </section>
  );
}

/** The record of imports, newest first, paged by `?page=` in the address. */
function ImportRecord({ reloadKey }: { reloadKey: number }) {
  const intl = useIntl();
  const paths = usePaths();
  const [search] = useSearchParams();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const page = pageFrom(search.get('page'));
  const record = useLoader(`imports-${page}-${reloadKey}`, (signal) => imports.list(page, RECORD_PAGE_SIZE, signal), {
    keepPrevious: true,
  });
  const hrefFor = (p: number) => `${paths.imports()}${queryString({ page: p > 1 ? p : undefined })}`;
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
      key: 'mode',
      header: <FormattedMessage id="imports.colMode" />,
      cell: (i) => <FormattedMessage id="imports.modeShort" values={{ mode: i.mode }} />,
    },
    {
      key: 'kind',
      header: <FormattedMessage id="imports.colKind" />,
      cell: (i) => (
        <span className={`import-kind import-kind--${i.outcome}`}>
          <FormattedMessage id="imports.kindName" values={{ outcome: i.outcome }} />
        </span>
      ),
    },
    {
      key: 'counts',
      header: <FormattedMessage id="imports.colCounts" />,
      cell: (i) => <RecordCounts summary={i} />,
    },
  ];
  const data = record.data;
  return (
    <section className="section" aria-labelledby="import-record-title" aria-busy={record.loading || undefined}>
      <h2 id="import-record-title" ref={headingRef} tabIndex={-1}>
        <FormattedMessage id="imports.recordTitle" />
      </h2>
      {record.error && <ApiErrorMessage error={record.error} onRetry={record.reload} />}
      {!data && !record.error && <Loading />}
      {data && data.total === 0 && (
        <p className="empty-state">
          <FormattedMessage id="imports.recordEmpty" />
        </p>
      )}
      {data && data.items.length > 0 && (
        <>
          {data.total > data.items.length && (
            <p className="muted">
              <FormattedMessage
                id="activities.showing"
                values={{
                  from: intl.formatNumber((data.page - 1) * data.pageSize + 1),
                  to: intl.formatNumber((data.page - 1) * data.pageSize + data.items.length),
                  total: intl.formatNumber(data.total),
                }}
              />
            </p>
          )}
          <DataTable
            caption={<FormattedMessage id="imports.recordCaption" values={{ total: data.total }} />}
            columns={columns}
            rows={data.items}
            rowKey={(i) => i.id}
          />
        </>
      )}
      {data && (
        <Pagination
          page={data.page}
          pageSize={data.pageSize}
          total={data.total}
          hrefFor={hrefFor}
          label={intl.formatMessage({ id: 'imports.recordPages' })}
          onNavigate={() => headingRef.current?.focus()}
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

/** One import of the record: who, when, what, and its report with links to the records touched. */
function OneImport({ id }: { id: string }) {
  const intl = useIntl();
  const paths = usePaths();
  const report = useLoader(`import-${id}`, (signal) => imports.get(id, signal));
  const data = report.data;
  const title = data
    ? intl.formatMessage({ id: 'imports.reportTitle' }, { outcome: data.outcome, file: data.fileName })
    : intl.formatMessage({ id: 'imports.reportCrumb' });
  useDocumentTitle(title);
  return (
    <div className="workspace-page">
      <WorkspaceBreadcrumb
        trail={[{ to: paths.imports(), label: intl.formatMessage({ id: 'imports.title' }) }]}
        current={data ? data.fileName : <FormattedMessage id="imports.reportCrumb" />}
      />
      <PageHeading>{title}</PageHeading>
      {report.error && <ApiErrorMessage error={report.error} onRetry={report.reload} />}
      {!data && !report.error && <Loading />}
      {data && (
        <>
          <p className="lead">
            <FormattedMessage
              id="imports.reportLead"
              values={{
                when: <FormattedDate value={data.createdAt} dateStyle="long" timeStyle="short" />,
                who: data.createdBy ?? '—',
                kind: intl.formatMessage({ id: 'imports.kind' }, { outcome: data.outcome, mode: data.mode }),
              }}
            />{' '}
            <FormattedMessage
              id="imports.reportSize"
              values={{ size: formatBytes(intl, data.bytes, data.bytes >= 1024 * 1024) }}
            />
          </p>
          <ReportView report={data} level={2} />
          <p>
            <Link to={paths.imports()}>
              <FormattedMessage id="imports.backToRecord" />
            </Link>
          </p>
        </>
      )}
    </div>
  );
}

/**
 * `/:lang/workspace/imports` (editors and above): the import wizard and the record of imports;
 * `/:lang/workspace/imports/:id`: one import's report.
 */
export default function ImportsPage() {
  const { id } = useParams();
  return <RequireRole action="activity:create">{id ? <OneImport id={id} /> : <Imports />}</RequireRole>;
}
