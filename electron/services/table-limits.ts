/**
 * The bounds a table file (CSV, XLSX) is read within, and the refusals that name them.
 * Every reader checks them as it goes, so a hostile file is refused before it costs more
 * memory than the bounds allow.
 */
import { AppError } from '../../shared/errors';

export interface TableLimits {
  maxBytes: number;
  /** Data rows (the header not counted). */
  maxRows: number;
  maxColumns: number;
  maxCellChars: number;
  /** Non-empty cells kept, all rows together. */
  maxCells: number;
  /** Inflated size of one XLSX part (sheet, shared strings, styles) and of all together. */
  maxPartBytes: number;
  maxInflatedBytes: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_TABLE_LIMITS: Omit<TableLimits, 'maxBytes' | 'maxRows'> = {
  maxColumns: 200,
  // Excel's own limit for one cell.
  maxCellChars: 32767,
  maxCells: 1_000_000,
  maxPartBytes: 64 * MiB,
  maxInflatedBytes: 160 * MiB,
};

/** Non-empty rows in file order (line: the row's number in the file), and how many there were. */
export interface RawTable {
  rows: { line: number; cells: string[] }[];
  total: number;
}

export function tooManyColumns(limits: TableLimits): AppError {
  return new AppError('IMPORT_TOO_MANY_COLUMNS', `A row has more than ${limits.maxColumns} columns`, { params: { max: limits.maxColumns } });
}

export function cellTooLong(line: number, column: number, limits: TableLimits): AppError {
  return new AppError('IMPORT_CELL_TOO_LONG', `Line ${line}, column ${column} holds more than ${limits.maxCellChars} characters`, {
    params: { line, column, max: limits.maxCellChars },
  });
}

export function tooComplex(reason: string): AppError {
  return new AppError('IMPORT_FILE_TOO_COMPLEX', `The file cannot be read within safe bounds: ${reason}`);
}
