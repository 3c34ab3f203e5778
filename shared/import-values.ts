/**
 * Cells of the sheets missions keep, read into values: activity and agreement kinds from the
 * words people write ("XTTM", "XT đầu tư"), statuses, formats, sectors and countries, dates as typed or as Excel stored them, amounts
 * the Vietnamese way, and localities by any of the 63 pre-2025 province names. Each reader
 * answers a value or the validation code that says why the cell cannot be read.
 */
import { countryFromName } from './countries';
import type { ActivityFormat, ActivityKind, ActivityStatus, AgreementKind, AgreementStatus } from './domain/enums';
import { readDate, readNumber } from './parse';
import { PROVINCES, SECTORS } from './reference';
import { foldText } from './text';

export type Reading<T> = { ok: true; value: T } | { ok: false; code: string };

/** Folded, punctuation as spaces: "Tp. Hồ Chí Minh" -> "tp ho chi minh". */
export const wordsOf = (text: string) =>
  foldText(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** The first rule with a phrase found (as whole words) in the text; rules are in priority order. */
function byPhrases<T>(rules: readonly [T, readonly string[]][], text: string): T | null {
  const words = ` ${wordsOf(text)} `;
  for (const [value, phrases] of rules) if (phrases.some((p) => words.includes(` ${p} `))) return value;
  return null;
}

/** Folded phrases per kind, the abbreviations missions use first ("xt" is xúc tiến). */
const ACTIVITY_KIND_WORDS: [ActivityKind, string[]][] = [
  ['high-level-visit', ['cap cao', 'doan cap cao', 'high level', 'state visit']],
  ['investment-promotion', ['xtdt', 'xt dt', 'xt dau tu', 'xuc tien dau tu', 'dau tu', 'investment', 'fdi']],
  ['tourism-promotion', ['xtdl', 'xt dl', 'xt du lich', 'xuc tien du lich', 'du lich', 'tourism']],
  ['trade-promotion', ['xttm', 'xt tm', 'xt thuong mai', 'xuc tien thuong mai', 'thuong mai', 'hoi cho', 'trien lam', 'xuat khau', 'trade']],
  ['science-technology', ['khcn', 'khoa hoc', 'cong nghe', 'doi moi sang tao', 'science', 'technology']],
  ['market-information', ['thong tin thi truong', 'nghien cuu thi truong', 'thi truong', 'market']],
  ['business-support', ['ho tro doanh nghiep', 'ho tro dn', 'doanh nghiep', 'business']],
  ['country-branding', ['quang ba hinh anh', 'hinh anh quoc gia', 'quang ba', 'van hoa', 'branding']],
  ['expert-network', ['chuyen gia', 'tri thuc', 'kieu bao', 'expert']],
  ['other', ['khac', 'other']],
];

export function readActivityKind(text: string): Reading<ActivityKind> {
  if (!text.trim()) return { ok: false, code: 'required' };
  const kind = byPhrases(ACTIVITY_KIND_WORDS, text);
  return kind ? { ok: true, value: kind } : { ok: false, code: 'kind_unknown' };
}

const AGREEMENT_KIND_WORDS: [AgreementKind, string[]][] = [
  ['mou', ['mou', 'bien ban ghi nho', 'ghi nho', 'memorandum']],
  ['letter-of-intent', ['loi', 'thu y dinh', 'y dinh', 'letter of intent']],
  ['contract', ['hop dong', 'contract']],
  ['commitment', ['cam ket', 'commitment']],
  ['cooperation-agreement', ['thoa thuan hop tac', 'thoa thuan', 'hiep dinh', 'hop tac', 'agreement']],
];

export function readAgreementKind(text: string): Reading<AgreementKind> {
  if (!text.trim()) return { ok: false, code: 'required' };
  const kind = byPhrases(AGREEMENT_KIND_WORDS, text);
  return kind ? { ok: true, value: kind } : { ok: false, code: 'kind_unknown' };
}

const AGREEMENT_STATUS_WORDS: [AgreementStatus, string[]][] = [
  ['cancelled', ['huy', 'da huy', 'cancelled', 'canceled']],
  ['completed', ['hoan thanh', 'da hoan thanh', 'completed', 'done']],
  ['stalled', ['tam dung', 'chua trien khai', 'dinh tre', 'stalled']],
  ['implementing', ['dang trien khai', 'trien khai', 'dang thuc hien', 'implementing']],
  ['signed', ['da ky', 'ky', 'signed']],
];

/** An empty status is "signed": an agreement in a sheet of agreements was signed. */
export function readAgreementStatus(text: string): Reading<AgreementStatus> {
  if (!text.trim()) return { ok: true, value: 'signed' };
  const status = byPhrases(AGREEMENT_STATUS_WORDS, text);
  return status ? { ok: true, value: status } : { ok: false, code: 'invalid_choice' };
}

const ACTIVITY_STATUS_WORDS: [ActivityStatus, string[]][] = [
  ['cancelled', ['huy', 'da huy', 'bi huy', 'tam hoan', 'khong thuc hien', 'cancelled', 'canceled', 'postponed']],
  ['planned', ['du kien', 'ke hoach', 'theo ke hoach', 'sap dien ra', 'sap to chuc', 'chua thuc hien', 'dang chuan bi', 'planned', 'upcoming']],
  ['done', ['da thuc hien', 'da to chuc', 'da dien ra', 'hoan thanh', 'da hoan thanh', 'xong', 'done', 'completed', 'held']],
  // "Hoãn" folds to the first word of "hoàn thành": read last.
  ['cancelled', ['hoan']],
];

/** An empty status is "done": a sheet of activities mostly records what took place. */
export function readActivityStatus(text: string): Reading<ActivityStatus> {
  if (!text.trim()) return { ok: true, value: 'done' };
  const status = byPhrases(ACTIVITY_STATUS_WORDS, text);
  return status ? { ok: true, value: status } : { ok: false, code: 'status_unknown' };
}

/**
 * The app's formats are kinds of event; "trực tiếp" (in person) names none, so it reads as no
 * format, while "kết hợp" (hybrid) and a "hội thảo trực tuyến" are held online in part or whole.
 */
const ACTIVITY_FORMAT_WORDS: [ActivityFormat | 'none', string[]][] = [
  ['online', ['truc tuyen', 'online', 'ket hop', 'hybrid', 'webinar', 'zoom', 'tu xa']],
  ['fair', ['hoi cho', 'trien lam', 'fair', 'exhibition', 'expo']],
  ['conference', ['hoi thao', 'hoi nghi', 'dien dan', 'toa dam', 'conference', 'seminar', 'forum']],
  ['delegation', ['doan cong tac', 'doan', 'delegation', 'visit']],
  ['bilateral-meeting', ['gap go', 'lam viec', 'song phuong', 'hop', 'meeting', 'bilateral']],
  ['study', ['khao sat', 'nghien cuu', 'study', 'survey']],
  ['none', ['truc tiep', 'in person', 'offline']],
];

export function readActivityFormat(text: string): Reading<ActivityFormat | null> {
  if (!text.trim()) return { ok: true, value: null };
  const format = byPhrases(ACTIVITY_FORMAT_WORDS, text);
  if (!format) return { ok: false, code: 'format_unknown' };
  return { ok: true, value: format === 'none' ? null : format };
}

/** The country by its Vietnamese or English name or its code; empty is none. */
export function readCountry(text: string): Reading<string | null> {
  if (!text.trim()) return { ok: true, value: null };
  const code = countryFromName(text);
  return code ? { ok: true, value: code } : { ok: false, code: 'country_unknown' };
}

/** Excel's serial days of 1900-01-01 .. 2099-12-31 (the 1900 system). */
const SERIAL = /^\d{1,5}(\.0+)?$/;
const SERIAL_RANGE = [2, 73050] as const;
const MONTH_YEAR = /^(?:thang|t)?\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/;
/** "12-14/3/2024", "12/3 - 14/3/2024": the start of a range typed in one cell. */
const DAY_RANGE = /^(\d{1,2})(?:\s*[/.]\s*(\d{1,2}))?\s*[-–]\s*(\d{1,2})\s*[/.]\s*(\d{1,2})\s*[/.]\s*(\d{2,4})$/;

export interface ImportDate {
  start: string;
  /** The last day, for a range typed in one cell. */
  end: string | null;
}

/**
 * dd/mm/yyyy, d/m/yy, ISO (as the XLSX reader gives a date-formatted cell), an Excel serial
 * left in a general-formatted cell, "tháng 3/2024" (the first of the month) and a range of days.
 */
export function readImportDate(text: string): Reading<ImportDate> {
  const t = text.trim();
  if (!t) return { ok: false, code: 'required' };
  if (SERIAL.test(t)) {
    const serial = Math.trunc(Number(t));
    if (serial < SERIAL_RANGE[0] || serial > SERIAL_RANGE[1]) return { ok: false, code: 'invalid_date' };
    return { ok: true, value: { start: new Date(Date.UTC(1899, 11, 30) + serial * 86400000).toISOString().slice(0, 10), end: null } };
  }
  const folded = foldText(t);
  const month = MONTH_YEAR.exec(folded);
  if (month) return dateOf(`1/${month[1]}/${month[2]}`, null);
  // Two full dates: "15/03/2024 - 17/03/2024" (a hyphen between spaces, or a dash).
  const ends = folded.split(/\s*[–—]\s*|\s+-\s+/);
  if (ends.length === 2 && readDate(ends[0]!).kind === 'date') return dateOf(ends[0]!, ends[1]!);
  const range = DAY_RANGE.exec(folded);
  if (range) {
    const [, d1, m1, d2, m2, y] = range;
    return dateOf(`${d1}/${m1 ?? m2}/${y}`, `${d2}/${m2}/${y}`);
  }
  return dateOf(t, null);
}

function dateOf(startText: string, endText: string | null): Reading<ImportDate> {
  const codeOf = (kind: string) => (kind === 'impossible' ? 'date_impossible' : 'invalid_date');
  const start = readDate(startText);
  if (start.kind !== 'date') return { ok: false, code: codeOf(start.kind) };
  if (endText === null) return { ok: true, value: { start: start.iso, end: null } };
  const end = readDate(endText);
  if (end.kind !== 'date') return { ok: false, code: codeOf(end.kind) };
  return end.iso < start.iso ? { ok: false, code: 'end_before_start' } : { ok: true, value: { start: start.iso, end: end.iso } };
}

/** An optional date (a review date, an end date). */
export function readOptionalDate(text: string): Reading<string | null> {
  if (!text.trim()) return { ok: true, value: null };
  const date = readImportDate(text);
  return date.ok ? { ok: true, value: date.value.start } : date;
}

/** "1,5 triệu USD" -> 1500000; empty -> null; a negative or unreadable amount says so. */
export function readAmount(text: string): Reading<number | null> {
  const reading = readNumber(text);
  if (reading.kind === 'empty') return { ok: true, value: null };
  if (reading.kind === 'negative') return { ok: false, code: 'negative_number' };
  if (reading.kind === 'invalid') return { ok: false, code: 'number_format' };
  return { ok: true, value: reading.value };
}

export function readCount(text: string): Reading<number | null> {
  const amount = readAmount(text.replace(/\s*(dn|doanh nghiệp|doanh nghiep|businesses|companies)\s*$/i, ''));
  if (!amount.ok || amount.value === null) return amount;
  return Number.isInteger(amount.value) ? amount : { ok: false, code: 'not_negative_integer' };
}

/** Names a province is written by besides its current and former names. */
const PROVINCE_ALIASES: Record<string, string[]> = {
  'ho-chi-minh': ['hcm', 'tp hcm', 'tphcm', 'hcmc', 'tp ho chi minh', 'sai gon', 'saigon', 'ba ria vung tau', 'brvt', 'vung tau'],
  'ha-noi': ['hn', 'tp ha noi', 'hanoi'],
  hue: ['tt hue', 'thua thien hue', 'hue'],
  'da-nang': ['tp da nang', 'danang'],
  'hai-phong': ['tp hai phong', 'haiphong'],
  'can-tho': ['tp can tho'],
  'dak-lak': ['daklak', 'dac lac'],
};

/** Names a sector is written by besides its names and each part of them ("Dệt may" of "Dệt may, da giày"). */
const SECTOR_ALIASES: Record<string, string[]> = {
  digital: ['cntt', 'cong nghe thong tin', 'ict', 'it'],
  innovation: ['khcn', 'khoa hoc', 'doi moi'],
  energy: ['nang luong tai tao'],
  retail: ['ban le'],
  other: ['khac'],
};

interface NameList {
  names: { words: string[]; id: string }[];
  /** Words around names that are not names ("Tỉnh Long An và TP. Cần Thơ"). */
  filler: Set<string>;
  unknown: string;
}

function nameList(entries: { id: string; names: string[] }[], filler: string[], unknown: string): NameList {
  const names = entries.flatMap((e) => e.names.map((name) => ({ words: wordsOf(name).split(' '), id: e.id })));
  return { names: names.sort((a, b) => b.words.length - a.words.length), filler: new Set(filler), unknown };
}

let provinceNames: NameList | null = null;
let sectorNames: NameList | null = null;

/**
 * Every name of the list a cell holds, in the order written, longest names first, each once:
 * words that name nothing make the cell unreadable rather than silently dropped.
 */
function readNames(list: NameList, text: string): Reading<string[]> {
  const words = wordsOf(text).split(' ').filter(Boolean);
  const ids: string[] = [];
  let i = 0;
  while (i < words.length) {
    const match = list.names.find((n) => n.words.every((w, k) => words[i + k] === w));
    if (match) {
      if (!ids.includes(match.id)) ids.push(match.id);
      i += match.words.length;
    } else if (list.filler.has(words[i]!)) i++;
    else return { ok: false, code: list.unknown };
  }
  return { ok: true, value: ids };
}

/**
 * Every locality a cell names, each mapped to its unit of the 34:
 * "Bình Dương, Long An và TP HCM" -> ho-chi-minh, tay-ninh; an unknown name: province_unknown.
 */
export function readLocalities(text: string): Reading<string[]> {
  provinceNames ??= nameList(
    PROVINCES.map((p) => ({ id: p.id, names: [p.name, p.nameEn, p.name.replace(/^Thành phố /, ''), ...p.formerNames, ...(PROVINCE_ALIASES[p.id] ?? [])] })),
    ['tinh', 'thanh', 'pho', 'tp', 'va', 'and', 'cac', 'city', 'province'],
    'province_unknown',
  );
  return readNames(provinceNames, text);
}

/** Sectors by their Vietnamese or English names, several in a cell: "Dệt may; Du lịch và Logistics". */
export function readSectors(text: string): Reading<string[]> {
  sectorNames ??= nameList(
    SECTORS.map((s) => ({ id: s.id, names: [s.id, s.name, s.nameEn, ...s.name.split(','), ...s.nameEn.split(/,| and /), ...(SECTOR_ALIASES[s.id] ?? [])] })),
    ['va', 'and', 'nganh', 'linh', 'vuc', 'cac', 'sector', 'sectors'],
    'sector_unknown',
  );
  return readNames(sectorNames, text);
}
