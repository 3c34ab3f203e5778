/**
 * Reading a table (header row + data rows) from a CSV or XLSX file a person chose, with
 * the checks that keep a bad file from changing anything: UTF-8 only, a row limit, and no
 * formulas (a cell such as =HYPERLINK(...) is refused, not evaluated or stored).
 */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { AppError } from '../../shared/errors';
import { normalizeText } from '../../shared/text';

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

export interface TableLimits {
  maxRows: number;
  maxBytes: number;
}

export async function readTable(fileName: string, bytes: Buffer, limits: TableLimits): Promise<Table> {
  if (bytes.length > limits.maxBytes) {
    throw new AppError('IMPORT_TOO_LARGE', `The file is larger than ${limits.maxBytes} bytes`, { params: { max: Math.round(limits.maxBytes / 1024 / 1024) } });
  }
  const extension = fileName.toLowerCase().split('.').pop();
  let raw: string[][];
  if (extension === 'csv' || extension === 'txt') raw = readCsv(bytes);
  else if (extension === 'xlsx') raw = await readXlsx(bytes, limits.maxRows);
  else throw new AppError('IMPORT_FILE_TYPE', `Not a .csv or .xlsx file: .${extension ?? ''}`);

  const [header, ...data] = raw;
  const rows = data.filter((r) => r.some((cell) => cell.trim() !== ''));
  if (!header || rows.length === 0) throw new AppError('IMPORT_EMPTY', 'The file has no data rows');
  if (rows.length > limits.maxRows) {
    throw new AppError('IMPORT_TOO_MANY_ROWS', `The file has ${rows.length} rows; at most ${limits.maxRows} are accepted`, {
      params: { rows: rows.length, max: limits.maxRows },
    });
  }
  const columns = header.map((h, i) => normalizeText(h) || `#${i + 1}`);
  data.forEach((row, index) =>
    row.forEach((cell, c) => {
      if (isFormulaText(cell)) throw formulaError(index + 2, columns[c] ?? `#${c + 1}`);
    }),
  );
  return { columns, rows: rows.map((r) => columns.map((_, c) => normalizeText(r[c] ?? ''))) };
}

function formulaError(line: number, column: string): AppError {
  return new AppError('IMPORT_FORMULA', `Line ${line}, column ${column} holds a formula`, { params: { line, column } });
}

function readCsv(bytes: Buffer): string[][] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new AppError('IMPORT_ENCODING', 'The file is not valid UTF-8 text');
  }
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' });
  return parsed.data;
}

async function readXlsx(bytes: Buffer, maxRows: number): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new AppError('IMPORT_UNREADABLE', `The XLSX file cannot be read: ${(error as Error).message}`);
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw new AppError('IMPORT_EMPTY', 'The workbook has no sheet');
  if (sheet.actualRowCount - 1 > maxRows) {
    throw new AppError('IMPORT_TOO_MANY_ROWS', `The sheet has ${sheet.actualRowCount - 1} rows; at most ${maxRows} are accepted`, {
      params: { rows: sheet.actualRowCount - 1, max: maxRows },
    });
  }
  const header = sheet.getRow(1);
  const width = Math.max(header.cellCount, sheet.actualColumnCount);
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, line) => {
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      if (cell.type === ExcelJS.ValueType.Formula) throw formulaError(line, header.getCell(c).text || `#${c}`);
      cells.push(cell.value instanceof Date ? cell.value.toISOString().slice(0, 10) : cell.text);
    }
    rows[line - 1] = cells;
  });
  return Array.from(rows, (r) => r ?? []);
}
