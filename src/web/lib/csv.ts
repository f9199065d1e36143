/** A value in a CSV cell: numbers are written as they are (no grouping, no currency), null as empty. */
export type CsvValue = string | number | boolean | null;

/** Byte order mark: lets spreadsheet programs (Excel) read the file as UTF-8. */
export const CSV_BOM = '\ufeff';

function cell(value: CsvValue): string {
  if (value === null) return '';
  const text = typeof value === 'string' ? value : String(value);
  // Quote fields that hold a separator, a quote or a line break (RFC 4180), and fields a
  // spreadsheet would read as a formula.
  const guarded = /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** RFC 4180 CSV with a header row, CRLF line ends and a UTF-8 BOM. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(cell).join(','));
  return `${CSV_BOM}${lines.join('\r\n')}\r\n`;
}

/** Parses CSV written by `toCsv` (and any RFC 4180 text) back into rows of strings; drops the BOM. */
export function parseCsv(text: string): string[][] {
  const src = text.startsWith(CSV_BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** "asean-canada-2010-2015_heatmap-years_from-2011_cad.csv": lower-case, ASCII, safe in any file system. */
export function csvFileName(parts: readonly string[]): string {
  const clean = parts
    .map((p) =>
      p
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, ''),
    )
    .filter(Boolean);
  return `${clean.join('_') || 'data'}.csv`;
}
