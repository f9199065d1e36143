import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import type { Cell, Column, ColumnContext } from './export-columns';

/** A table of records as an export writes it: columns, then the records in batches. */
export interface ExportTable<T> {
  columns: readonly Column<T>[];
  batches: AsyncIterable<readonly T[]>;
  ctx: ColumnContext;
}

/** Facts printed on a spreadsheet's "About" sheet: label → value, in the file's language. */
export type AboutFacts = readonly (readonly [string, string])[];

/**
 * Characters that make a spreadsheet program read a cell as a formula. Text cells that start with
 * one get a leading apostrophe in CSV, so that opening an export never runs anything (the
 * importer removes it again).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(value: Cell, numeric: boolean): string {
  if (value === null) return '';
  const text = String(value);
  return !numeric && FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * The table as CSV text, streamed batch by batch: UTF-8 with a byte-order mark (so that
 * spreadsheet programs read accents right), comma-separated, quoted where needed, CRLF line ends.
 */
export async function* csvChunks<T>({ columns, batches, ctx }: ExportTable<T>): AsyncGenerator<string> {
  const options = { record_delimiter: 'windows' as const };
  yield '\uFEFF' + stringify([columns.map((c) => c.header[ctx.lang])], options);
  for await (const batch of batches) {
    const rows = batch.map((r) => columns.map((c) => csvCell(c.value(r, ctx), c.numeric ?? false)));
    if (rows.length) yield stringify(rows, options);
  }
}

const SHEET_NAME_MAX = 31;

/**
 * The table as an XLSX workbook, streamed: a sheet of rows with a bold, frozen header and a filter,
 * amounts as numbers, then an "About" sheet with the facts of the export. Rows are committed as
 * they are written, so memory does not grow with the number of records.
 */
export function xlsxStream<T>(
  { columns, batches, ctx }: ExportTable<T>,
  sheetName: string,
  about: { title: string; facts: AboutFacts },
): Readable {
  const out = new PassThrough();
  const write = async () => {
    // Loaded on first use: the library is large, and most processes never write a workbook.
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    wb.creator = 'ActionLine';
    wb.created = new Date();
    const ws = wb.addWorksheet(sheetName.slice(0, SHEET_NAME_MAX), {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    ws.columns = columns.map((c) => ({
      header: c.header[ctx.lang],
      key: c.key,
      width: Math.min(60, Math.max(12, c.header[ctx.lang].length + 2)),
      style: c.numeric ? { numFmt: '#,##0.00##' } : {},
    }));
    ws.getRow(1).font = { bold: true };
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: Math.max(1, columns.length) } };
    ws.getRow(1).commit();
    for await (const batch of batches) {
      for (const record of batch) {
        const values = columns.map((c) => {
          const v = c.value(record, ctx);
          return c.numeric && v !== null ? Number(v) : v;
        });
        ws.addRow(values).commit();
      }
    }
    ws.commit();
    const info = wb.addWorksheet(about.title.slice(0, SHEET_NAME_MAX));
    info.columns = [{ width: 28 }, { width: 90 }];
    for (const [label, value] of about.facts) {
      const row = info.addRow([label, value]);
      row.getCell(1).font = { bold: true };
      row.commit();
    }
    info.commit();
    await wb.commit();
  };
  write().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return out;
}

/** A stream of text chunks as a byte stream. */
export function textStream(chunks: AsyncIterable<string>): Readable {
  return Readable.from(chunks, { objectMode: false });
}
