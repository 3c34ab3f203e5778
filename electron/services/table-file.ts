/**
 * Reading a table (header row + data rows) from a CSV or XLSX file a person chose, with
 * the checks that keep a bad file from changing anything: UTF-8 only, bounds on bytes, rows,
 * columns, cells and cell length (table-limits.ts), and no formulas (a cell such as
 * =HYPERLINK(...) is refused, not evaluated or stored). The app reads files through
 * readTableIsolated, which runs this in a worker with its own memory limit and a deadline.
 */
import { AppError } from '../../shared/errors';
import { foldText, normalizeText } from '../../shared/text';
import { readCsv } from './table-csv';
import type { RawTable, TableLimits } from './table-limits';
import { readXlsx } from './table-xlsx';

export interface Table {
  columns: string[];
  /** Data rows, each as long as columns; cells trimmed, NFC. */
  rows: string[][];
  /** The line of each data row in the file (as a spreadsheet numbers it). */
  lines: number[];
}

/** A header as the import recognises it: folded, anything but letters and digits a space. */
export const headerKey = (text: string) =>
  foldText(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** Sheets begin with a title, a date line or a two-row header within their first rows. */
const HEADER_SEARCH_ROWS = 10;

/**
 * Which rows are the header: the row (or two rows, the lower naming what a merged cell above
 * groups) whose cells the import recognises most often among the first rows; the first row when
 * none is recognised. Returns the index of the last header row and the column names.
 */
function findHeader(rows: readonly { cells: string[] }[], known: ReadonlySet<string>): { last: number; names: string[] } {
  // Distinct names: a merged "Kết quả" over two columns is one header, not two.
  const score = (names: readonly string[]) => new Set(names.map(headerKey).filter((n) => known.has(n))).size;
  let best = { last: 0, names: rows[0]?.cells ?? [], score: 0 };
  for (let i = 0; i < Math.min(rows.length, HEADER_SEARCH_ROWS); i++) {
    const upper = rows[i]!.cells;
    const lower = rows[i + 1]?.cells ?? [];
    const pair = Array.from({ length: Math.max(upper.length, lower.length) }, (_, c) => lower[c]?.trim() || upper[c] || '');
    for (const candidate of [
      { last: i, names: upper },
      { last: i + 1, names: pair },
    ]) {
      const s = score(candidate.names);
      if (s > best.score && candidate.last < rows.length) best = { ...candidate, score: s };
    }
  }
  return best;
}

/** Column names made unique ("Kết quả", "Kết quả (2)") so that a mapping names one column. */
function uniqueNames(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((raw, i) => {
    const name = normalizeText(raw) || `#${i + 1}`;
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name} (${n})`;
  });
}

/** Looks like a spreadsheet formula: "=...", or "+", "-", "@" followed by a function call. */
const FORMULA = /^(=|[+\-@]\s*[A-Za-z_][\w.]*\s*\()/;

export function isFormulaText(text: string): boolean {
  return FORMULA.test(text.trim());
}

export function checkSize(bytes: Uint8Array, limits: TableLimits): void {
  if (bytes.length > limits.maxBytes) {
    throw new AppError('IMPORT_TOO_LARGE', `The file is larger than ${limits.maxBytes} bytes`, { params: { max: Math.round(limits.maxBytes / 1024 / 1024) } });
  }
}

/** headerNames: the folded headers (headerKey) the import recognises, to find the header below a title. */
export function readTable(fileName: string, bytes: Uint8Array, limits: TableLimits, headerNames: readonly string[] = []): Table {
  checkSize(bytes, limits);
  const extension = fileName.toLowerCase().split('.').pop();
  let raw: RawTable;
  if (extension === 'csv' || extension === 'txt') raw = readCsv(bytes, limits);
  else if (extension === 'xlsx') raw = readXlsx(bytes, limits);
  else throw new AppError('IMPORT_FILE_TYPE', `Not a .csv or .xlsx file: .${extension ?? ''}`);

  const header = findHeader(raw.rows, new Set(headerNames));
  const data = raw.rows.slice(header.last + 1);
  const rowCount = raw.total - header.last - 1;
  if (rowCount <= 0) throw new AppError('IMPORT_EMPTY', 'The file has no data rows');
  if (rowCount > limits.maxRows) {
    throw new AppError('IMPORT_TOO_MANY_ROWS', `The file has ${rowCount} rows; at most ${limits.maxRows} are accepted`, {
      params: { rows: rowCount, max: limits.maxRows },
    });
  }
  const columns = uniqueNames(header.names);
  for (const row of data) {
    row.cells.forEach((cell, c) => {
      if (isFormulaText(cell)) {
        const column = columns[c] ?? `#${c + 1}`;
        throw new AppError('IMPORT_FORMULA', `Line ${row.line}, column ${column} holds a formula`, { params: { line: row.line, column } });
      }
    });
  }
  return { columns, rows: data.map((r) => columns.map((_, c) => normalizeText(r.cells[c] ?? ''))), lines: data.map((r) => r.line) };
}
