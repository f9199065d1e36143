import { useEffect, useRef, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { LocalizedDraft } from './activityForm';
import { controlId, TextAreaField, TextField, type IssueMap } from './form';

interface BilingualProps {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  value: LocalizedDraft;
  issues: IssueMap;
  multiline?: number;
  optional?: boolean;
  onChange: (value: LocalizedDraft) => void;
}

/** English and French side by side, each marked with its language. */
export function Bilingual({ name, legend, hint, value, issues, multiline, optional, onChange }: BilingualProps) {
  const hintId = `${controlId(name)}-hint`;
  return (
    <fieldset className="field fieldset bilingual" aria-describedby={hint ? hintId : undefined}>
      <legend className="field__label">
        {legend}
        {optional && (
          <span className="field__optional">
            {' '}
            <FormattedMessage id="form.optional" />
          </span>
        )}
      </legend>
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      <div className="bilingual__pair">
        {(['en', 'fr'] as const).map((lang) => {
          const props = {
            path: `${name}.${lang}`,
            label: <FormattedMessage id="editor.languageName" values={{ lang }} />,
            issues,
            value: value[lang],
            lang,
            className: 'bilingual__field',
            onChange: (text: string) => onChange({ ...value, [lang]: text }),
          };
          return multiline ? (
            <TextAreaField key={lang} {...props} rows={multiline} />
          ) : (
            <TextField key={lang} {...props} />
          );
        })}
      </div>
    </fieldset>
  );
}

interface RowsProps<T extends { key: string }> {
  /** The list's field name (`funding`), for control ids. */
  list: string;
  /** "Funding line 2" for index 1. */
  rowName: (index: number) => string;
  rows: T[];
  legend: ReactNode;
  intro?: ReactNode;
  empty: ReactNode;
  addLabel: ReactNode;
  /** Field of a new row that takes the focus. */
  firstField: string;
  make: () => T;
  onChange: (rows: T[]) => void;
  onAnnounce: (message: string) => void;
  render: (row: T, index: number, update: (patch: Partial<T>) => void) => ReactNode;
  /** Heading level of the group: 2 for a section of the form, deeper for rows within rows. */
  level?: 2 | 3 | 4;
}

/** A repeatable group: one fieldset per row, each removable, and an "add" button. */
export function Rows<T extends { key: string }>(props: RowsProps<T>) {
  const { list, rowName, rows, legend, intro, empty, addLabel, firstField, make, onChange, onAnnounce, render } = props;
  const level = props.level ?? 2;
  const Heading = `h${level}` as const;
  const titleId = `${list.replace(/\./g, '-')}-title`;
  const intl = useIntl();
  const addRef = useRef<HTMLButtonElement>(null);
  const focusNext = useRef<string | null>(null);
  useEffect(() => {
    if (!focusNext.current) return;
    const target = focusNext.current === 'add' ? addRef.current : document.getElementById(focusNext.current);
    focusNext.current = null;
    target?.focus();
  });
  return (
    <section className={level === 2 ? 'editor-section' : 'editor-subsection'} aria-labelledby={titleId}>
      <Heading id={titleId}>{legend}</Heading>
      {intro && <p className="section__intro">{intro}</p>}
      {rows.length === 0 && <p className="empty-state">{empty}</p>}
      {rows.map((row, i) => (
        <fieldset key={row.key} className="repeat-row">
          <legend className="repeat-row__legend">{rowName(i)}</legend>
          <div className="repeat-row__fields">
            {render(row, i, (patch) => onChange(rows.map((r) => (r.key === row.key ? { ...r, ...patch } : r))))}
          </div>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => {
              onChange(rows.filter((r) => r.key !== row.key));
              focusNext.current = 'add';
              onAnnounce(intl.formatMessage({ id: 'editor.rowRemoved' }, { row: rowName(i) }));
            }}
          >
            <FormattedMessage
              id="editor.removeRow"
              values={{ row: rowName(i), hidden: (chunks) => <span className="visually-hidden">{chunks}</span> }}
            />
          </button>
        </fieldset>
      ))}
      <p>
        <button
          type="button"
          ref={addRef}
          className="button button--secondary"
          onClick={() => {
            onChange([...rows, make()]);
            focusNext.current = controlId(`${list}.${rows.length}.${firstField}`);
          }}
        >
          {addLabel}
        </button>
      </p>
    </section>
  );
}
