/**
 * A bounded CSV reader (RFC 4180 quoting, the delimiter guessed from the header line): it
 * refuses a row wider than maxColumns or a cell longer than maxCellChars as soon as it meets
 * one, and keeps at most maxRows + 1 records and maxCells values while counting the rest of
 * the records, so a hostile file (a million header columns, one endless quoted cell) costs
 * no more than its own size.
 */
import { AppError } from '../../shared/errors';
import { type RawTable, type TableLimits, cellTooLong, tooComplex, tooManyColumns } from './table-limits';

const DELIMITERS = [',', ';', '\t', '|'] as const;

/** The candidate met most often in the first line, outside quotes; a comma when none is. */
function guessDelimiter(text: string): string {
  const counts = new Map<string, number>();
  let quoted = false;
  for (let i = 0; i < Math.min(text.length, 1 << 16); i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && (DELIMITERS as readonly string[]).includes(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ',';
  for (const d of DELIMITERS) if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d;
  return best;
}

/** Index of the next delimiter or line end at or after `from`. */
function nextStop(text: string, from: number, delimiter: number): number {
  let i = from;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === delimiter || code === 10 || code === 13) break;
    i++;
  }
  return i;
}

export function readCsv(bytes: Uint8Array, limits: TableLimits): RawTable {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new AppError('IMPORT_ENCODING', 'The file is not valid UTF-8 text');
  }
  const delimiter = guessDelimiter(text);
  const delimiterCode = delimiter.charCodeAt(0);
  const rows: RawTable['rows'] = [];
  let total = 0;
  let cells = 0;
  let row: string[] = [];
  const endRow = () => {
    // Lines of blanks only are skipped, as spreadsheets write them.
    if (row.some((cell) => cell.trim() !== '')) {
      total++;
      if (rows.length <= limits.maxRows) {
        cells += row.filter((cell) => cell !== '').length;
        if (cells > limits.maxCells) throw tooComplex(`more than ${limits.maxCells} cells`);
        rows.push({ line: total, cells: row });
      }
    }
    row = [];
  };
  const push = (cell: string) => {
    if (cell.length > limits.maxCellChars) throw cellTooLong(total + 1, row.length + 1, limits);
    row.push(cell);
    if (row.length > limits.maxColumns) throw tooManyColumns(limits);
  };
  let i = 0;
  while (i < text.length) {
    let cell: string;
    if (text[i] === '"') {
      const parts: string[] = [];
      let j = i + 1;
      for (;;) {
        const quote = text.indexOf('"', j);
        if (quote < 0) {
          // Unclosed: the rest of the file is the cell (its length is checked below).
          parts.push(text.slice(j));
          j = text.length;
          break;
        }
        parts.push(text.slice(j, quote));
        if (text[quote + 1] === '"') {
          parts.push('"');
          j = quote + 2;
        } else {
          j = quote + 1;
          break;
        }
      }
      const stop = nextStop(text, j, delimiterCode);
      cell = parts.join('') + text.slice(j, stop);
      i = stop;
    } else {
      const stop = nextStop(text, i, delimiterCode);
      cell = text.slice(i, stop);
      i = stop;
    }
    push(cell);
    if (i >= text.length) break;
    if (text.charCodeAt(i) === delimiterCode) {
      i++;
      if (i === text.length) push('');
      continue;
    }
    i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
    endRow();
  }
  endRow();
  return { rows, total };
}
