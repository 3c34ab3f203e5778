/**
 * A bounded reader for the first sheet of an XLSX workbook. It reads only the cells the
 * sheet's XML lists (never the sheet's bounding box, so cells at A1, XFD1 and A1048576 cost
 * three cells), after checking the zip's central directory, with each part's inflated size
 * capped, and refuses a value beyond maxColumns, a cell longer than maxCellChars, more than
 * maxCells values, and formulas (a formula is refused, not evaluated or stored). A merged
 * range gives its value to every cell it covers in the rows read, so a header merged over
 * two columns or a date merged down three rows reads as people see it.
 */
import { AppError } from '../../shared/errors';
import { type RawTable, type TableLimits, cellTooLong, tooComplex, tooManyColumns } from './table-limits';
import { readZipDirectory, readZipEntry, ZipRefusal, type ZipEntry } from './zip-guard';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML text with its entities and OOXML's _xHHHH_ escapes decoded. */
function xmlText(raw: string): string {
  return raw
    .replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_m, e: string) => {
      if (e[0] !== '#') return ENTITIES[e]!;
      const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : '';
    })
    .replace(/_x([0-9a-fA-F]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function attribute(attributes: string, name: string): string | undefined {
  return new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attributes)?.[1];
}

/** The text of every <t> in a string item, phonetic runs left out. */
function runsText(xml: string): string {
  const parts: string[] = [];
  for (const t of elements(xml.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, ''), 't')) parts.push(xmlText(t.inner));
  return parts.join('');
}

/**
 * Each <tag ...>inner</tag> (any namespace prefix) of xml in order, the closing tag found by
 * indexOf: linear in the text, where a lazy regular expression over a huge element is not.
 */
function* elements(xml: string, tag: string): Generator<{ attributes: string; inner: string }> {
  const open = new RegExp(`<(\\w+:)?${tag}\\b([^>]*?)(/?)>`, 'g');
  for (let m = open.exec(xml); m; m = open.exec(xml)) {
    if (m[3] === '/') {
      yield { attributes: m[2]!, inner: '' };
      continue;
    }
    const close = `</${m[1] ?? ''}${tag}>`;
    const end = xml.indexOf(close, open.lastIndex);
    if (end < 0) throw new AppError('IMPORT_UNREADABLE', `The XLSX file cannot be read: a <${tag}> is not closed`);
    yield { attributes: m[2]!, inner: xml.slice(open.lastIndex, end) };
    open.lastIndex = end + close.length;
  }
}

/** "XFD" -> 16384. */
function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

// Built-in number formats that are dates (ECMA-376 18.8.30).
const DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** For each cell style index: does its number format show a date? */
function dateStyles(xml: string | null): boolean[] {
  if (!xml) return [];
  const custom = new Map<number, boolean>();
  for (const m of xml.matchAll(/<(?:\w+:)?numFmt\b([^>]*)\/?>/g)) {
    const id = Number(attribute(m[1]!, 'numFmtId'));
    // Quoted text and [colours] are not date parts.
    const code = xmlText(attribute(m[1]!, 'formatCode') ?? '').replace(/"[^"]*"|\[[^\]]*\]/g, '');
    custom.set(id, /[dmyhs]/i.test(code) && !/^general$/i.test(code));
  }
  const xfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(xml)?.[1] ?? '';
  return [...xfs.matchAll(/<(?:\w+:)?xf\b([^>]*)/g)].map((m) => {
    const id = Number(attribute(m[1]!, 'numFmtId') ?? 0);
    return DATE_FORMATS.has(id) || custom.get(id) === true;
  });
}

/** An Excel serial day as yyyy-mm-dd (the 1900 system counts a 29 February that never was). */
function serialDate(serial: number, date1904: boolean): string {
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  const date = new Date(epoch + Math.round(serial * 86400000));
  return Number.isNaN(date.getTime()) ? String(serial) : date.toISOString().slice(0, 10);
}

class Workbook {
  private readonly entries: Map<string, ZipEntry>;
  private inflated = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly limits: TableLimits,
  ) {
    this.entries = readZipDirectory(bytes, { maxEntries: 2000, maxEntryBytes: limits.maxPartBytes, maxTotalBytes: 4 * limits.maxInflatedBytes, maxRatio: 500 });
  }

  /** A part's text, or null when the workbook has none; inflation capped per part and in total. */
  part(name: string): string | null {
    const entry = this.entries.get(name.replace(/^\//, ''));
    if (!entry) return null;
    this.inflated += entry.size;
    if (this.inflated > this.limits.maxInflatedBytes) throw new ZipRefusal('too-large', `the parts read expand past ${this.limits.maxInflatedBytes} bytes`);
    return Buffer.from(readZipEntry(this.bytes, entry)).toString('utf8');
  }

  /** Where the workbook's relationship of the given type (or id) points, from xl/. */
  target(rels: string | null, match: (attributes: string) => boolean): string | null {
    for (const m of (rels ?? '').matchAll(/<(?:\w+:)?Relationship\b([^>]*)\/?>/g)) {
      if (!match(m[1]!)) continue;
      const target = xmlText(attribute(m[1]!, 'Target') ?? '');
      return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
    }
    return null;
  }
}

export function readXlsx(bytes: Uint8Array, limits: TableLimits): RawTable {
  try {
    return readSheet(new Workbook(bytes, limits), limits);
  } catch (error) {
    if (!(error instanceof ZipRefusal)) throw error;
    if (error.reason === 'too-large') throw tooComplex(error.message);
    throw new AppError('IMPORT_UNREADABLE', `The XLSX file cannot be read: ${error.message}`);
  }
}

function readSheet(book: Workbook, limits: TableLimits): RawTable {
  const workbook = book.part('xl/workbook.xml');
  if (workbook === null) throw new AppError('IMPORT_UNREADABLE', 'The XLSX file cannot be read: it has no xl/workbook.xml');
  const rels = book.part('xl/_rels/workbook.xml.rels');
  const firstSheet = /<(?:\w+:)?sheet\b([^>]*)\/?>/.exec(workbook)?.[1];
  if (firstSheet === undefined) throw new AppError('IMPORT_EMPTY', 'The workbook has no sheet');
  const sheetId = /\br:id="([^"]*)"|\bid="([^"]*)"/.exec(firstSheet);
  const sheetPath = book.target(rels, (a) => attribute(a, 'Id') === (sheetId?.[1] ?? sheetId?.[2])) ?? 'xl/worksheets/sheet1.xml';
  const sheet = book.part(sheetPath);
  if (sheet === null) throw new AppError('IMPORT_UNREADABLE', `The XLSX file cannot be read: it has no ${sheetPath}`);

  const sharedXml = book.part(book.target(rels, (a) => /\/sharedStrings"?$/.test(attribute(a, 'Type') ?? '')) ?? 'xl/sharedStrings.xml');
  const shared: string[] = [];
  for (const item of elements(sharedXml ?? '', 'si')) {
    if (shared.length >= limits.maxCells) throw tooComplex(`more than ${limits.maxCells} shared strings`);
    shared.push(runsText(item.inner));
  }
  const dates = dateStyles(book.part(book.target(rels, (a) => /\/styles"?$/.test(attribute(a, 'Type') ?? '')) ?? 'xl/styles.xml'));
  const date1904 = /<(?:\w+:)?workbookPr\b[^>]*\bdate1904="(1|true)"/.test(workbook);

  const rows: RawTable['rows'] = [];
  let total = 0;
  let cellCount = 0;
  let header: string[] = [];
  let rowNumber = 0;
  for (const row of elements(sheet, 'row')) {
    rowNumber = Number(attribute(row.attributes, 'r')) || rowNumber + 1;
    const cells: string[] = [];
    let column = 0;
    for (const c of elements(row.inner, 'c')) {
      const ref = /^([A-Z]{1,3})\d+$/.exec(attribute(c.attributes, 'r') ?? '');
      column = ref ? columnNumber(ref[1]!) : column + 1;
      const inner = c.inner;
      if (/<(?:\w+:)?f\b/.test(inner)) {
        throw new AppError('IMPORT_FORMULA', `Line ${rowNumber}, column ${column} holds a formula`, {
          params: { line: rowNumber, column: header[column - 1] || `#${column}` },
        });
      }
      const text = cellText(attribute(c.attributes, 't'), inner, Number(attribute(c.attributes, 's') ?? 0));
      if (text === '') continue;
      if (column > limits.maxColumns) throw tooManyColumns(limits);
      if (text.length > limits.maxCellChars) throw cellTooLong(rowNumber, column, limits);
      if (++cellCount > limits.maxCells) throw tooComplex(`more than ${limits.maxCells} cells`);
      while (cells.length < column - 1) cells.push('');
      cells[column - 1] = text;
    }
    if (!cells.some((cell) => cell.trim() !== '')) continue;
    total++;
    if (total === 1) header = cells;
    if (rows.length <= limits.maxRows) rows.push({ line: rowNumber, cells });
  }
  fillMerged(sheet, rows);
  return { rows, total };

  function fillMerged(xml: string, read: RawTable['rows']): void {
    let visits = 0;
    for (const m of xml.matchAll(/<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)"/g)) {
      const [top, bottom] = [Number(m[2]), Number(m[4])];
      const [left, right] = [columnNumber(m[1]!), Math.min(columnNumber(m[3]!), limits.maxColumns)];
      // Rows are in file order: find the range's first row read, then walk only the rows read inside it.
      let lo = 0;
      for (let hi = read.length; lo < hi;) {
        const mid = (lo + hi) >> 1;
        if (read[mid]!.line < top) lo = mid + 1;
        else hi = mid;
      }
      const value = read[lo]?.line === top ? read[lo]!.cells[left - 1] : undefined;
      if (!value) continue;
      for (let r = lo; r < read.length && read[r]!.line <= bottom; r++) {
        const cells = read[r]!.cells;
        for (let c = left; c <= right; c++) {
          if (++visits > limits.maxCells) throw tooComplex(`merged ranges cover more than ${limits.maxCells} cells`);
          if (cells[c - 1]) continue;
          while (cells.length < c - 1) cells.push('');
          cells[c - 1] = value;
        }
      }
    }
  }

  function cellText(type: string | undefined, inner: string, style: number): string {
    if (type === 'inlineStr') return runsText(/<(?:\w+:)?is\b[^>]*>([\s\S]*?)<\/(?:\w+:)?is>/.exec(inner)?.[1] ?? '');
    const value = /<(?:\w+:)?v(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?v>/.exec(inner)?.[1];
    if (value === undefined) return '';
    const raw = xmlText(value);
    if (type === 's') return shared[Number(raw)] ?? '';
    if (type === 'b') return raw === '1' ? 'true' : 'false';
    if (type === 'd') return raw.slice(0, 10);
    if (type === 'str' || type === 'e') return raw;
    const number = Number(raw);
    if (!Number.isFinite(number)) return raw;
    return dates[style] ? serialDate(number, date1904) : String(number);
  }
}
