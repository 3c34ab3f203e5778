/**
 * Display formats: dd/MM/yyyy dates (in both languages: the Ministry's own), numbers grouped the
 * reader's way (1.234.567 in Vietnamese, 1,234,567 in English), USD labelled.
 */
import { currentLanguage } from './i18n';

const LOCALES = { vi: 'vi-VN', en: 'en-GB' } as const;
const formats = new Map<string, Intl.NumberFormat>();

function numberFormat(maximumFractionDigits: number): Intl.NumberFormat {
  const locale = LOCALES[currentLanguage()];
  const key = `${locale}/${maximumFractionDigits}`;
  let format = formats.get(key);
  if (!format) formats.set(key, (format = new Intl.NumberFormat(locale, { maximumFractionDigits })));
  return format;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

export function formatDateRange(start: string, end: string | null): string {
  return end && end !== start ? `${formatDate(start)} – ${formatDate(end)}` : formatDate(start);
}

/**
 * Whole numbers grouped by hand, as Intl.NumberFormat groups them in both languages (rounding half
 * away from zero): the first Intl.NumberFormat loads its locale's data (25–100 ms), and the list's
 * first paint (its count, the USD column) needs only these.
 */
function formatWhole(value: number): string {
  if (!Number.isFinite(value) || Math.abs(value) >= Number.MAX_SAFE_INTEGER) return numberFormat(0).format(value);
  const rounded = Math.round(Math.abs(value));
  const digits = String(rounded).replace(/\B(?=(\d{3})+(?!\d))/g, currentLanguage() === 'vi' ? '.' : ',');
  return value < 0 || Object.is(value, -0) ? `-${digits}` : digits;
}

export function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : formatWhole(value);
}

export function formatDecimal(value: number): string {
  return numberFormat(1).format(value);
}

export function formatUsd(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : `${formatWhole(value)} USD`;
}

export function todayIso(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
}

/** Sorts labels the way a Vietnamese (or English) reader expects. */
export function compareLabels(a: string, b: string): number {
  return a.localeCompare(b, currentLanguage() === 'vi' ? 'vi' : 'en');
}
