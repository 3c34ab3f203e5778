/**
 * Reporting periods in DHIS2's notation: 2025 (year), 2025S1 / 2025S2 (half-years),
 * 2025Q1..2025Q4 (quarters), and a custom range written 2025-01-15..2025-04-30.
 * Dates are ISO calendar dates (yyyy-MM-dd); an activity falls in the period that
 * contains its start date.
 */
import { romanNumeral } from './text';

export type PeriodKind = 'year' | 'half' | 'quarter' | 'range';

export interface Period {
  id: string;
  kind: PeriodKind;
  /** First day, inclusive, yyyy-MM-dd. */
  start: string;
  /** Last day, inclusive, yyyy-MM-dd. */
  end: string;
  year: number;
  /** 1 or 2 for a half-year, 1..4 for a quarter. */
  index?: number;
}

const YEAR = /^(\d{4})$/;
const HALF = /^(\d{4})S([12])$/;
const QUARTER = /^(\d{4})Q([1-4])$/;
const RANGE = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function lastDayOfMonth(year: number, month: number): string {
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function monthSpan(year: number, firstMonth: number, lastMonth: number) {
  return { start: `${year}-${String(firstMonth).padStart(2, '0')}-01`, end: lastDayOfMonth(year, lastMonth) };
}

/** Parses a period id; returns null when it is not one. */
export function parsePeriod(id: string): Period | null {
  const text = id.trim();
  let m = YEAR.exec(text);
  if (m) {
    const year = Number(m[1]);
    return { id: text, kind: 'year', year, ...monthSpan(year, 1, 12) };
  }
  m = HALF.exec(text);
  if (m) {
    const year = Number(m[1]);
    const index = Number(m[2]);
    return { id: text, kind: 'half', year, index, ...monthSpan(year, index === 1 ? 1 : 7, index === 1 ? 6 : 12) };
  }
  m = QUARTER.exec(text);
  if (m) {
    const year = Number(m[1]);
    const index = Number(m[2]);
    return { id: text, kind: 'quarter', year, index, ...monthSpan(year, index * 3 - 2, index * 3) };
  }
  m = RANGE.exec(text);
  if (m && isIsoDate(m[1]!) && isIsoDate(m[2]!) && m[1]! <= m[2]!) {
    return { id: text, kind: 'range', year: Number(m[1]!.slice(0, 4)), start: m[1]!, end: m[2]! };
  }
  return null;
}

export function isPeriodId(id: string): boolean {
  return parsePeriod(id) !== null;
}

/** The same period one year earlier (for year-on-year comparison). */
export function previousYearPeriod(period: Period): Period {
  if (period.kind === 'range') {
    const shift = (d: string) => {
      const y = Number(d.slice(0, 4)) - 1;
      const md = d.slice(5);
      // 29 February has no twin in a common year.
      return md === '02-29' && !isIsoDate(`${y}-02-29`) ? `${y}-02-28` : `${y}-${md}`;
    };
    return parsePeriod(`${shift(period.start)}..${shift(period.end)}`)!;
  }
  return parsePeriod(period.id.replace(/^\d{4}/, String(period.year - 1)))!;
}

/** The half-year that contains a date: "2025-06-30" -> "2025S1". */
export function halfYearOf(isoDate: string): string {
  const month = Number(isoDate.slice(5, 7));
  return `${isoDate.slice(0, 4)}S${month <= 6 ? 1 : 2}`;
}

/** The half-year whose report is awaited on a day: the last one ended by then. */
export function lastEndedHalfYear(isoDate: string): string {
  const year = Number(isoDate.slice(0, 4));
  return isoDate.slice(5) > '06-30' ? `${year}S1` : `${year - 1}S2`;
}

export function periodContains(period: Period, isoDate: string): boolean {
  return isoDate >= period.start && isoDate <= period.end;
}

/** Recent periods for pickers, newest first: half-years, then years, then quarters. */
export function recentPeriods(today: string, years = 3): string[] {
  const thisYear = Number(today.slice(0, 4));
  const halves: string[] = [];
  const fullYears: string[] = [];
  const quarters: string[] = [];
  for (let y = thisYear; y > thisYear - years; y--) {
    for (const h of [2, 1]) if (`${y}S${h}` <= halfYearOf(today) || y < thisYear) halves.push(`${y}S${h}`);
    fullYears.push(String(y));
    for (const q of [4, 3, 2, 1]) {
      const p = parsePeriod(`${y}Q${q}`)!;
      if (p.start <= today) quarters.push(p.id);
    }
  }
  return [...halves, ...fullYears, ...quarters];
}

export type Language = 'vi' | 'en';

function formatDay(isoDate: string): string {
  return `${isoDate.slice(8, 10)}/${isoDate.slice(5, 7)}/${isoDate.slice(0, 4)}`;
}

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The month a range covers exactly (first to last day), else null: a month's drill-down reads "Tháng 3/2026". */
function wholeMonth(p: Period): { year: number; month: number } | null {
  const month = Number(p.start.slice(5, 7));
  const year = Number(p.start.slice(0, 4));
  return p.start.endsWith('-01') && p.end === lastDayOfMonth(year, month) ? { year, month } : null;
}

/** "6 tháng đầu năm 2025", "Quý III năm 2025", "Năm 2025"; English in the same shape. */
export function periodLabel(id: string, language: Language = 'vi'): string {
  const p = parsePeriod(id);
  if (!p) return id;
  if (language === 'vi') {
    switch (p.kind) {
      case 'year':
        return `Năm ${p.year}`;
      case 'half':
        return `6 tháng ${p.index === 1 ? 'đầu' : 'cuối'} năm ${p.year}`;
      case 'quarter':
        return `Quý ${romanNumeral(p.index!)} năm ${p.year}`;
      case 'range': {
        const m = wholeMonth(p);
        return m ? `Tháng ${m.month}/${m.year}` : `Từ ${formatDay(p.start)} đến ${formatDay(p.end)}`;
      }
    }
  }
  switch (p.kind) {
    case 'year':
      return `Year ${p.year}`;
    case 'half':
      return `${p.index === 1 ? 'First' : 'Second'} half of ${p.year}`;
    case 'quarter':
      return `Q${p.index} ${p.year}`;
    case 'range': {
      const m = wholeMonth(p);
      return m ? `${MONTHS_EN[m.month - 1]} ${m.year}` : `${formatDay(p.start)} to ${formatDay(p.end)}`;
    }
  }
}
