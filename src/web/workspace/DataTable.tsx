import { useId, type ReactNode } from 'react';
import { TableScroller } from '../components/TableScroller';

export interface Column<T> {
  key: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
}

interface Props<T> {
  /** What the table lists, for assistive technology (shown to them only). */
  caption: ReactNode;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
}

/**
 * A workspace list as a table: one row per record, the first column naming the row (a row
 * header). It scrolls sideways inside its own box on narrow screens instead of widening the page.
 */
export function DataTable<T>({ caption, columns, rows, rowKey }: Props<T>) {
  const captionId = useId();
  return (
    <TableScroller labelledBy={captionId}>
      <table className="table table--list">
        <caption id={captionId} className="visually-hidden">
          {caption}
        </caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col">
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((c, i) =>
                i === 0 ? (
                  <th key={c.key} scope="row">
                    {c.cell(row)}
                  </th>
                ) : (
                  <td key={c.key}>{c.cell(row)}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroller>
  );
}
