/**
 * Reads the rows of a spreadsheet upload: CSV in UTF-8 (with or without a byte-order mark),
 * UTF-16 (with its mark) or Windows-1252 (what older Excel saves as "CSV"), with comma or
 * semicolon separators; or the first worksheet of an XLSX workbook. Pure: no database.
 */
import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { decodeWindows1252 } from './windows-1252';

/** Why a spreadsheet cannot be read at all. */
export class SheetFileError extends Error {}

export interface SheetRows {
  header: string[];
  /** Each row's cells as text, with its 1-based row number in the file (the header is row 1). */
  rows: { number: number; cells: string[] }[];
  /** The encoding a CSV file was read in. */
  encoding: string | null;
}

export const MAX_SHEET_BYTES = 50 * 1024 * 1024;

/** Text of a CSV file, from its byte-order mark, else UTF-8 if it is valid UTF-8, else Windows-1252. */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: string } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'UTF-16LE' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'UTF-16BE' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'Windows-1252' };
  }
}

function nonEmpty(rows: { number: number; cells: string[] }[]) {
  return rows.filter((r) => r.cells.some((c) => c.trim() !== ''));
}

export function readCsv(bytes: Uint8Array): SheetRows {
  const { text, encoding } = decodeCsv(bytes);
  const firstLine = text.slice(0, text.indexOf('\n') >= 0 ? text.indexOf('\n') : text.length);
  // Excel in many locales saves "CSV" with semicolons.
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: string[][];
  try {
    const parsed: unknown = parse(text, { delimiter, bom: true, relax_column_count: true, skip_empty_lines: false });
    records = parsed as string[][];
  } catch (e) {
    throw new SheetFileError(`The CSV file cannot be read: ${(e as Error).message}`);
  }
  const [header = [], ...rest] = records;
  if (!header.some((h) => h.trim())) throw new SheetFileError('The file has no header row; start from the template.');
  return {
    header: header.map((h) => h.trim()),
    rows: nonEmpty(rest.map((cells, i) => ({ number: i + 2, cells }))),
    encoding,
  };
}

/** A cell's value as text: dates as YYYY-MM-DD, rich text joined, formulas by their result. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText(value.result);
    return '';
  }
  return String(value);
}

export async function readXlsx(bytes: Uint8Array): Promise<SheetRows> {
  // Loaded on first use: the library is large, and an IATI import never needs it.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  } catch {
    throw new SheetFileError('The file is not an XLSX workbook; save it as .xlsx (Excel 2007 or later) or as CSV.');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new SheetFileError('The workbook has no worksheet.');
  const read = (row: ExcelJS.Row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value).trim();
    });
    return Array.from(cells, (c) => c ?? '');
  };
  const header = read(sheet.getRow(1));
  if (!header.some((h) => h))
    throw new SheetFileError('The first worksheet has no header row; start from the template.');
  const rows: { number: number; cells: string[] }[] = [];
  for (let n = 2; n <= sheet.rowCount; n += 1) rows.push({ number: n, cells: read(sheet.getRow(n)) });
  return { header, rows: nonEmpty(rows), encoding: null };
}
