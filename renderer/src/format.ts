/** Display formats: dd/MM/yyyy dates and vi-VN numbers (1.234.567), USD labelled. */
import { currentLanguage } from './i18n';

const numberFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
const decimalFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

export function formatDateRange(start: string, end: string | null): string {
  return end && end !== start ? `${formatDate(start)} – ${formatDate(end)}` : formatDate(start);
}

export function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : numberFormat.format(value);
}

export function formatDecimal(value: number): string {
  return decimalFormat.format(value);
}

export function formatUsd(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : `${numberFormat.format(value)} USD`;
}

export function todayIso(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
}

/** Sorts labels the way a Vietnamese (or English) reader expects. */
export function compareLabels(a: string, b: string): number {
  return a.localeCompare(b, currentLanguage() === 'vi' ? 'vi' : 'en');
}
