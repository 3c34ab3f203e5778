/**
 * Reading a table (header row + data rows) from a CSV or XLSX file a person chose, with
 * the checks that keep a bad file from changing anything: UTF-8 only, bounds on bytes, rows,
 * columns, cells and cell length (table-limits.ts), and no formulas (a cell such as
 * =HYPERLINK(...) is refused, not evaluated or stored). The app reads files through
 * readTableIsolated, which runs this in a worker with its own memory limit and a deadline.
 */
import { AppError } from '../../shared/errors';
import { normalizeText } from '../../shared/text';
import { readCsv } from './table-csv';
import type { RawTable, TableLimits } from './table-limits';
import { readXlsx } from './table-xlsx';

export interface Table {
  columns: string[];
  /** Data rows, each as long as columns; cells trimmed, NFC. */
  rows: string[][];
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

export function readTable(fileName: string, bytes: Uint8Array, limits: TableLimits): Table {
  checkSize(bytes, limits);
  const extension = fileName.toLowerCase().split('.').pop();
  let raw: RawTable;
  if (extension === 'csv' || extension === 'txt') raw = readCsv(bytes, limits);
  else if (extension === 'xlsx') raw = readXlsx(bytes, limits);
  else throw new AppError('IMPORT_FILE_TYPE', `Not a .csv or .xlsx file: .${extension ?? ''}`);

  const [header, ...data] = raw.rows;
  const rowCount = raw.total - 1;
  if (!header || rowCount <= 0) throw new AppError('IMPORT_EMPTY', 'The file has no data rows');
  if (rowCount > limits.maxRows) {
    throw new AppError('IMPORT_TOO_MANY_ROWS', `The file has ${rowCount} rows; at most ${limits.maxRows} are accepted`, { params: { rows: rowCount, max: limits.maxRows } });
  }
  const columns = header.cells.map((h, i) => normalizeText(h) || `#${i + 1}`);
  for (const row of data) {
    row.cells.forEach((cell, c) => {
      if (isFormulaText(cell)) {
        const column = columns[c] ?? `#${c + 1}`;
        throw new AppError('IMPORT_FORMULA', `Line ${row.line}, column ${column} holds a formula`, { params: { line: row.line, column } });
      }
    });
  }
  return { columns, rows: data.map((r) => columns.map((_, c) => normalizeText(r.cells[c] ?? ''))) };
}
