import { useEffect, useId, useRef, type ReactNode, type RefObject } from 'react';
import { FormattedMessage } from 'react-intl';
import type { FormIssue } from './issues';

/** The id of the control for a field path: `funding.0.amount` → `f-funding-0-amount`. */
export const controlId = (path: string) => `f-${path.replace(/[^A-Za-z0-9_]+/g, '-')}`;

export type IssueMap = ReadonlyMap<string, FormIssue>;

function ErrorText({ id, issue }: { id: string; issue: FormIssue }) {
  return (
    <p id={id} className="field__error">
      <span className="visually-hidden">
        <FormattedMessage id="form.errorPrefix" />{' '}
      </span>
      <span lang={issue.lang}>{issue.message}</span>
    </p>
  );
}

interface ShellProps {
  path: string;
  label: ReactNode;
  hint?: ReactNode;
  issue?: FormIssue | undefined;
  optional?: boolean;
  className?: string;
  children: (control: { id: string; describedBy: string | undefined; invalid: true | undefined }) => ReactNode;
}

/** A label, an optional hint and error, and the control, tied together for assistive technology. */
export function FieldShell({ path, label, hint, issue, optional, className, children }: ShellProps) {
  const id = controlId(path);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : '', issue ? errorId : ''].filter(Boolean).join(' ') || undefined;
  const classes = ['field', issue ? 'field--error' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <div className={classes}>
      <label htmlFor={id} className="field__label">
        {label}
        {optional && (
          <span className="field__optional">
            {' '}
            <FormattedMessage id="form.optional" />
          </span>
        )}
      </label>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {issue && <ErrorText id={errorId} issue={issue} />}
      {children({ id, describedBy, invalid: issue ? true : undefined })}
    </div>
  );
}

interface TextProps {
  path: string;
  label: ReactNode;
  hint?: ReactNode;
  issues: IssueMap;
  value: string;
  onChange: (value: string) => void;
  optional?: boolean;
  type?: 'text' | 'email' | 'password' | 'url';
  inputMode?: 'text' | 'decimal' | 'numeric' | 'url' | 'email';
  autoComplete?: string;
  lang?: string;
  maxLength?: number;
  className?: string;
  inputClassName?: string;
  spellCheck?: boolean;
}

export function TextField(props: TextProps) {
  const { path, label, hint, issues, value, onChange, optional, type = 'text', inputMode, autoComplete, lang } = props;
  return (
    <FieldShell
      path={path}
      label={label}
      hint={hint}
      issue={issues.get(path)}
      optional={optional}
      className={props.className}
    >
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          name={path}
          type={type}
          className={props.inputClassName ? `input ${props.inputClassName}` : 'input'}
          value={value}
          inputMode={inputMode}
          autoComplete={autoComplete ?? 'off'}
          lang={lang}
          maxLength={props.maxLength}
          spellCheck={props.spellCheck}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </FieldShell>
  );
}

export function TextAreaField(props: Omit<TextProps, 'type' | 'inputMode' | 'autoComplete'> & { rows?: number }) {
  const { path, label, hint, issues, value, onChange, optional, lang, rows = 3 } = props;
  return (
    <FieldShell
      path={path}
      label={label}
      hint={hint}
      issue={issues.get(path)}
      optional={optional}
      className={props.className}
    >
      {({ id, describedBy, invalid }) => (
        <textarea
          id={id}
          name={path}
          className="input textarea"
          rows={rows}
          value={value}
          lang={lang}
          maxLength={props.maxLength}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </FieldShell>
  );
}

export interface Option {
  value: string;
  label: string;
}

export interface OptionGroup {
  label: string;
  options: Option[];
}

interface SelectProps {
  path: string;
  label: ReactNode;
  hint?: ReactNode;
  issues: IssueMap;
  value: string;
  onChange: (value: string) => void;
  optional?: boolean;
  /** The first, empty option ("Choose…", "None"). */
  placeholder?: string;
  options?: Option[];
  groups?: OptionGroup[];
  className?: string;
}

export function SelectField(props: SelectProps) {
  const { path, label, hint, issues, value, onChange, optional, placeholder, options = [], groups = [] } = props;
  return (
    <FieldShell
      path={path}
      label={label}
      hint={hint}
      issue={issues.get(path)}
      optional={optional}
      className={props.className}
    >
      {({ id, describedBy, invalid }) => (
        <select
          id={id}
          name={path}
          className="select"
          value={value}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          onChange={(e) => onChange(e.target.value)}
        >
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
          {groups.map((g) => (
            <optgroup key={g.label} label={g.label}>
              {g.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

interface CheckboxGroupProps {
  path: string;
  legend: ReactNode;
  hint?: ReactNode;
  issues: IssueMap;
  options: Option[];
  selected: readonly string[];
  onChange: (values: string[]) => void;
  children?: ReactNode;
}

/** A fieldset of checkboxes; the first box carries the group's id so that error links reach it. */
export function CheckboxGroupField({
  path,
  legend,
  hint,
  issues,
  options,
  selected,
  onChange,
  children,
}: CheckboxGroupProps) {
  const id = controlId(path);
  const issue = issues.get(path) ?? [...issues.values()].find((i) => i.path.startsWith(`${path}.`));
  const describedBy = [hint ? `${id}-hint` : '', issue ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset className={issue ? 'field fieldset field--error' : 'field fieldset'} aria-describedby={describedBy}>
      <legend className="field__label">{legend}</legend>
      {hint && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      {issue && <ErrorText id={`${id}-error`} issue={issue} />}
      <div className="checkboxes checkboxes--columns">
        {options.map((o, i) => {
          const boxId = i === 0 ? id : `${id}-${o.value}`;
          return (
            <div className="checkbox" key={o.value}>
              <input
                type="checkbox"
                id={boxId}
                name={path}
                value={o.value}
                checked={selected.includes(o.value)}
                onChange={(e) =>
                  onChange(e.target.checked ? [...selected, o.value] : selected.filter((v) => v !== o.value))
                }
              />
              <label htmlFor={boxId}>{o.label}</label>
            </div>
          );
        })}
      </div>
      {children}
    </fieldset>
  );
}

export function CheckboxField({
  path,
  label,
  hint,
  checked,
  onChange,
}: {
  path: string;
  label: ReactNode;
  hint?: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const id = controlId(path);
  return (
    <div className="field">
      <div className="checkbox">
        <input
          type="checkbox"
          id={id}
          name={path}
          checked={checked}
          aria-describedby={hint ? `${id}-hint` : undefined}
          onChange={(e) => onChange(e.target.checked)}
        />
        <label htmlFor={id}>{label}</label>
      </div>
      {hint && (
        <p id={`${id}-hint`} className="field__hint checkbox__hint">
          {hint}
        </p>
      )}
    </div>
  );
}

interface SummaryProps {
  issues: readonly FormIssue[];
  /** The field's name as the form shows it. */
  labelFor: (path: string) => string;
  /** The path of the control to jump to, if the form has one. */
  targetFor: (path: string) => string | null;
  /** Changes on every failed submit, so that the summary takes the focus each time. */
  focusKey: number;
  title?: ReactNode;
}

/** The list of what to fix, at the top of the form; it takes the focus after a failed submit. */
export function FormErrorSummary({ issues, labelFor, targetFor, focusKey, title }: SummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useEffect(() => {
    if (focusKey > 0) ref.current?.focus();
  }, [focusKey]);
  if (issues.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby={titleId}>
      <h2 id={titleId} className="error-summary__title">
        {title ?? <FormattedMessage id="form.summaryTitle" values={{ count: issues.length }} />}
      </h2>
      <ul className="error-summary__list">
        {issues.map((issue, i) => {
          const target = targetFor(issue.path);
          const label = labelFor(issue.path);
          const text = label ? (
            <FormattedMessage
              id="form.summaryItem"
              values={{ field: label, message: <span lang={issue.lang}>{issue.message}</span> }}
            />
          ) : (
            <span lang={issue.lang}>{issue.message}</span>
          );
          return (
            <li key={`${issue.path}-${i}`}>
              {target ? (
                <a
                  href={`#${controlId(target)}`}
                  onClick={(e) => {
                    const el = document.getElementById(controlId(target));
                    if (!el) return;
                    e.preventDefault();
                    el.scrollIntoView({ block: 'center' });
                    el.focus({ preventScroll: true });
                  }}
                >
                  {text}
                </a>
              ) : (
                text
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** A polite confirmation after something worked ("Saved."); it can take the focus. */
export function StatusMessage({ children, focus = false }: { children: ReactNode; focus?: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <div className="status-message" role="status" tabIndex={-1} ref={ref}>
      {children}
    </div>
  );
}

/** The format a file's name says by its extension (any case), from `formats`; null for another or none. */
export function formatOfName<F extends string>(name: string, formats: Readonly<Record<string, F>>): F | null {
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  return ext !== undefined && Object.hasOwn(formats, ext) ? formats[ext]! : null;
}

/** A file chooser with its label, hint and error, named `file` in the form's issues. */
export function FileField({
  label,
  hint,
  issue,
  accept,
  inputRef,
  onFile,
}: {
  label: ReactNode;
  hint: ReactNode;
  issue: FormIssue | undefined;
  /** Extensions and media types offered, as the input's `accept`. */
  accept: string;
  inputRef: RefObject<HTMLInputElement | null>;
  onFile: (file: File | null) => void;
}) {
  return (
    <FieldShell path="file" label={label} hint={hint} issue={issue}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          ref={inputRef}
          name="file"
          type="file"
          className="input input--file"
          accept={accept}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          onChange={(e) => onFile(e.target.files?.[0] ?? null)}
        />
      )}
    </FieldShell>
  );
}

/**
 * The buttons under a file's preview: confirm it (when `confirm` is given) and start again; both wait while the file
 * is being sent.
 */
export function PreviewActions({
  confirm,
  onConfirm,
  again,
  onAgain,
  sending,
}: {
  confirm: ReactNode | null;
  onConfirm: () => void;
  again: ReactNode;
  onAgain: () => void;
  sending: boolean;
}) {
  return (
    <div className="form-actions">
      {confirm && (
        <button type="button" className="button" aria-disabled={sending ? true : undefined} onClick={onConfirm}>
          {confirm}
        </button>
      )}
      <button
        type="button"
        className="button button--secondary"
        aria-disabled={sending ? true : undefined}
        onClick={() => {
          if (!sending) onAgain();
        }}
      >
        {again}
      </button>
    </div>
  );
}
