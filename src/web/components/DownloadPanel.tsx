import { FormattedMessage } from 'react-intl';
import { ACTIVITY_EXPORT_COLUMNS, ACTIVITY_EXPORT_HEADERS } from '../../shared/export-columns';
import { ACTIVITY_EXPORT_FORMATS, FUNDING_EXPORT_FORMATS } from '../../shared/schemas/export-query.schema';
import { API_BASE, queryString, type QueryValue } from '../api/client';
import { useLang } from '../i18n/LanguageContext';

const EXPORTS = `${API_BASE}/exports`;

/** The selection as form fields: lists become repeated fields, empty values are left out. */
function hiddenFields(selection: Record<string, QueryValue>) {
  return Object.entries(selection).flatMap(([name, value]) => {
    if (value === undefined || value === null || value === '') return [];
    const values: readonly string[] = typeof value === 'object' ? value : [String(value)];
    return values.map((v, i) => <input key={`${name}-${i}`} type="hidden" name={name} value={v} />);
  });
}

/**
 * Open-data downloads of the activities a list shows (its filters, without paging), in the
 * interface language: one-click files in each format, funding lines, and a form to pick the
 * columns of a CSV or Excel file. Plain links and a GET form: they work without script.
 */
export function DownloadPanel({ selection }: { selection: Record<string, QueryValue> }) {
  const lang = useLang();
  const href = (dataset: 'activities' | 'funding-lines', format: string) =>
    `${EXPORTS}/${dataset}${queryString({ ...selection, format, lang })}`;
  return (
    <section className="downloads no-print" aria-labelledby="downloads-title">
      <h2 id="downloads-title">
        <FormattedMessage id="downloads.title" />
      </h2>
      <p>
        <FormattedMessage id="downloads.intro" />
      </p>
      <ul className="downloads__list">
        {ACTIVITY_EXPORT_FORMATS.map((format) => (
          <li key={format}>
            <a href={href('activities', format)} download="">
              <FormattedMessage id="downloads.activities" values={{ format }} />
            </a>
          </li>
        ))}
        {FUNDING_EXPORT_FORMATS.map((format) => (
          <li key={`funding-${format}`}>
            <a href={href('funding-lines', format)} download="">
              <FormattedMessage id="downloads.fundingLines" values={{ format }} />
            </a>
          </li>
        ))}
      </ul>
      <details className="downloads__columns">
        <summary>
          <FormattedMessage id="downloads.columnsTitle" />
        </summary>
        <form method="get" action={`${EXPORTS}/activities`}>
          {hiddenFields(selection)}
          <input type="hidden" name="lang" value={lang} />
          <fieldset className="fieldset field">
            <legend className="field__label">
              <FormattedMessage id="downloads.formatLegend" />
            </legend>
            <div className="checkboxes">
              {(['csv', 'xlsx'] as const).map((format, i) => (
                <div className="checkbox" key={format}>
                  <input
                    type="radio"
                    id={`download-format-${format}`}
                    name="format"
                    value={format}
                    defaultChecked={i === 0}
                  />
                  <label htmlFor={`download-format-${format}`}>
                    <FormattedMessage id="downloads.activities" values={{ format }} />
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
          <fieldset className="fieldset field">
            <legend className="field__label">
              <FormattedMessage id="downloads.columnsLegend" />
            </legend>
            <div className="checkboxes downloads__column-grid">
              {ACTIVITY_EXPORT_COLUMNS.map((column) => (
                <div className="checkbox" key={column}>
                  <input
                    type="checkbox"
                    id={`download-column-${column}`}
                    name="columns"
                    value={column}
                    defaultChecked
                  />
                  <label htmlFor={`download-column-${column}`}>{ACTIVITY_EXPORT_HEADERS[column][lang]}</label>
                </div>
              ))}
            </div>
          </fieldset>
          <button type="submit" className="button">
            <FormattedMessage id="downloads.submit" />
          </button>
        </form>
      </details>
    </section>
  );
}
