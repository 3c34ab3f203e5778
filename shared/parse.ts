/**
 * What people type (or paste, or keep in their spreadsheets), read into values. Pure functions
 * shared by the forms and the file imports, each tested over a table of real inputs.
 */

export type DateReading =
  | { kind: 'empty' }
  | { kind: 'date'; iso: string }
  /** Could still become a date as typing goes on ("12/0", "12/02/20"). */
  | { kind: 'incomplete' }
  /** Shaped like a date but not on the calendar (31/02/2025, 12/13/2025). */
  | { kind: 'impossible' }
  | { kind: 'invalid' };

const SEPARATOR = String.raw`\s*[/.\-]\s*`;
const DAY_MONTH_YEAR = new RegExp(String.raw`^(\d{1,2})${SEPARATOR}(\d{1,2})${SEPARATOR}(\d{4}|\d{2})$`);
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const DIGITS_ONLY = /^(\d{2})(\d{2})(\d{4})$/;
/** Every prefix of a dd/mm/yyyy date (typing in progress), and of an ISO date. */
const DATE_PREFIX = new RegExp(String.raw`^(\d{1,2}(${SEPARATOR}(\d{1,2}(${SEPARATOR}\d{0,4})?)?)?|\d{1,8}|\d{4}-(\d{1,2}(-\d{0,2})?)?)$`);

/** Two-digit years are read in the window 1970–2069 (12/02/25 is 2025, 15/08/98 is 1998). */
function fullYear(text: string): number {
  const y = Number(text);
  return text.length === 2 ? (y < 70 ? 2000 + y : 1900 + y) : y;
}

function calendarDate(y: number, m: number, d: number): DateReading {
  if (y < 1900 || y > 2099) return { kind: 'impossible' };
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return { kind: 'impossible' };
  return { kind: 'date', iso: date.toISOString().slice(0, 10) };
}

/** 12/2/2025, 12/02/2025, 12.02.2025, 12-02-2025, 12/02/25, 12022025 or 2025-02-12. */
export function readDate(text: string): DateReading {
  const t = text.trim();
  if (!t) return { kind: 'empty' };
  let match = ISO.exec(t);
  if (match) return calendarDate(Number(match[1]), Number(match[2]), Number(match[3]));
  match = DAY_MONTH_YEAR.exec(t) ?? DIGITS_ONLY.exec(t);
  if (match) return calendarDate(fullYear(match[3]!), Number(match[2]), Number(match[1]));
  return DATE_PREFIX.test(t) ? { kind: 'incomplete' } : { kind: 'invalid' };
}

/** yyyy-MM-dd, or null when the text is not (yet) a date. */
export function parseDateInput(text: string): string | null {
  const reading = readDate(text);
  return reading.kind === 'date' ? reading.iso : null;
}

export type NumberReading =
  | { kind: 'empty' }
  | { kind: 'number'; value: number }
  /** A number below zero: read, so that the message can say exactly that. */
  | { kind: 'negative'; value: number }
  | { kind: 'invalid' };

const GROUPED_DOTS = /^\d{1,3}(\.\d{3})+(,\d+)?$/;
// One comma group is a grouping only with a decimal point after it ("1,500" is 1,5 in Vietnamese).
const GROUPED_COMMAS = /^\d{1,3}((,\d{3}){2,}(\.\d+)?|(,\d{3})+\.\d+)$/;
const DECIMAL_COMMA = /^\d+(,\d+)?$/;
const DECIMAL_DOT = /^\d+(\.\d+)?$/;
const UNIT = /\s*(usd|us\$|\$)\s*/gi;
const SCALE: Record<string, number> = { nghin: 1e3, nghìn: 1e3, ngàn: 1e3, trieu: 1e6, triệu: 1e6, ty: 1e9, tỷ: 1e9, tỉ: 1e9 };
const SCALED = /^(.*?)\s*(nghìn|nghin|ngàn|triệu|trieu|tỷ|tỉ|ty)$/i;

/**
 * Vietnamese grouping and decimal comma (1.500.000; 2.500,75; 2500,75), plain numbers
 * (1500000; 1500.5), English grouping when it cannot be a decimal (1,500,000), spaces as
 * groups, a USD label, and the words people write amounts with ("1,5 triệu", "2 tỷ").
 */
export function readNumber(text: string): NumberReading {
  let t = text.normalize('NFC').trim().replace(UNIT, ' ').trim();
  if (!t) return { kind: 'empty' };
  let scale = 1;
  const scaled = SCALED.exec(t);
  if (scaled) {
    scale = SCALE[scaled[2]!.toLowerCase()]!;
    t = scaled[1]!;
  }
  const negative = /^[-−]/.test(t);
  t = t.replace(/^[-−+]/, '').replace(/\s+/g, '');
  let plain: string | null = null;
  if (GROUPED_DOTS.test(t)) plain = t.replace(/\./g, '').replace(',', '.');
  else if (GROUPED_COMMAS.test(t)) plain = t.replace(/,/g, '');
  else if (DECIMAL_COMMA.test(t)) plain = t.replace(',', '.');
  else if (DECIMAL_DOT.test(t)) plain = t;
  if (plain === null) return { kind: 'invalid' };
  // Round to what a decimal amount can mean (a cent of a cent), not to float noise.
  const value = Math.round(Number(plain) * scale * 1e4) / 1e4;
  if (!Number.isFinite(value)) return { kind: 'invalid' };
  return negative && value !== 0 ? { kind: 'negative', value: -value } : { kind: 'number', value };
}

/** '' -> null; a number (negative ones too, which validation refuses by name); anything else -> NaN. */
export function parseNumber(text: string): number | null {
  const reading = readNumber(text);
  if (reading.kind === 'empty') return null;
  return reading.kind === 'invalid' ? Number.NaN : reading.value;
}
