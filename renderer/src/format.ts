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

export function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : numberFormat(0).format(value);
}

export function formatDecimal(value: number): string {
  return numberFormat(1).format(value);
}

export function formatUsd(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : `${numberFormat(0).format(value)} USD`;
}

export function todayIso(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
}

/** Sorts labels the way a Vietnamese (or English) reader expects. */
export function compareLabels(a: string, b: string): number {
  return a.localeCompare(b, currentLanguage() === 'vi' ? 'vi' : 'en');
}
