import { useId, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { TableScroller } from '../components/TableScroller';
import { csvFileName, toCsv, type CsvValue } from '../lib/csv';

export interface TableColumn {
  /** Header in the interface language (the CSV's header row too). */
  label: string;
  numeric?: boolean;
}

export interface TableCell {
  /** What the table shows (formatted in the interface language). */
  display: ReactNode;
  /** What the CSV holds: the number the chart draws, unformatted. */
  value: CsvValue;
}

/** The numbers a chart draws, as a table: the chart, its table view and its CSV all come from here. */
export interface ChartData {
  columns: TableColumn[];
  rows: TableCell[][];
}

interface Props {
  /** Stable name: the CSV file name and `data-chart` (used by the tests). */
  name: string;
  title: string;
  description?: ReactNode;
  data: ChartData;
  /** File-name parts after the chart's name: plan and filters. */
  fileParts: readonly string[];
  /** The chart's legend, below the drawing. */
  legend?: ReactNode;
  /** The drawing. */
  children: ReactNode;
}

function download(text: string, fileName: string): void {
  const blob = new Blob([text], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** One chart: a section with its heading, the figure (drawing, legend), its data table and a CSV download. */
export function ChartFigure({ name, title, description, data, fileParts, legend, children }: Props) {
  const intl = useIntl();
  const id = useId();
  const headingId = `${id}-title`;
  const descId = `${id}-desc`;
  const tableCaptionId = `${id}-table`;
  const fileName = csvFileName([fileParts[0] ?? '', name, ...fileParts.slice(1)]);
  const handleDownload = () =>
    download(
      toCsv(
        data.columns.map((c) => c.label),
        data.rows.map((r) => r.map((c) => c.value)),
      ),
      fileName,
    );

  return (
    <section className="chart" aria-labelledby={headingId} data-chart={name}>
      <h2 id={headingId} className="chart__title">
        {title}
      </h2>
      <figure className="chart__figure" aria-labelledby={headingId} aria-describedby={description ? descId : undefined}>
        {description && (
          <figcaption id={descId} className="chart__description">
            {description}
          </figcaption>
        )}
        {children}
        {legend}
      </figure>
      <details className="chart__data">
        <summary>
          <FormattedMessage id="dashboard.showTable" />
        </summary>
        <TableScroller labelledBy={tableCaptionId}>
          <table className="chart-table">
            <caption id={tableCaptionId}>
              <FormattedMessage id="dashboard.tableCaption" values={{ title }} />
            </caption>
            <thead>
              <tr>
                {data.columns.map((c, i) => (
                  <th key={i} scope="col" className={c.numeric ? 'num' : undefined}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, c) => {
                    const numeric = data.columns[c]?.numeric;
                    const props = {
                      className: numeric ? 'num' : undefined,
                      'data-value': cell.value === null ? '' : String(cell.value),
                    };
                    return c === 0 ? (
                      <th key={c} scope="row" {...props}>
                        {cell.display}
                      </th>
                    ) : (
                      <td key={c} {...props}>
                        {cell.display}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroller>
      </details>
      <p className="chart__download">
        <button type="button" className="button button--secondary" onClick={handleDownload}>
          <FormattedMessage id="dashboard.downloadCsv" />
          <span className="visually-hidden"> {intl.formatMessage({ id: 'dashboard.downloadOf' }, { title })}</span>
        </button>
      </p>
    </section>
  );
}

/** A drawing wider than the screen scrolls inside its own box, which is then a named, focusable region. */
export function ChartScroller({ label, children }: { label: string; children: ReactNode }) {
  const id = useId();
  return (
    <>
      <span id={id} hidden>
        {label}
      </span>
      <TableScroller labelledBy={id} className="chart__scroller">
        {children}
      </TableScroller>
    </>
  );
}
