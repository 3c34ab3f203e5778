import { setI18n, useTranslation } from 'react-i18next';
import { i18n as i18next } from '../../shared/i18n';
import type { Language } from '../../shared/period';
import type { DeviceMode } from '../../shared/domain/enums';
import { AppError } from '../../shared/errors';
import { formatDate } from './format';

const LANGUAGE_KEY = 'cau-noi.language';

export function savedLanguage(): Language {
  return localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'vi';
}

// The shared instance (shared/i18n), in the language this person chose.
void i18next.changeLanguage(savedLanguage());
setI18n(i18next);
document.documentElement.lang = savedLanguage();

export function setLanguage(language: Language): void {
  localStorage.setItem(LANGUAGE_KEY, language);
  document.documentElement.lang = language;
  void i18next.changeLanguage(language);
}

export function currentLanguage(): Language {
  return i18next.language === 'en' ? 'en' : 'vi';
}

/** A sentence a person understands for any error that reached the UI. */
export function errorText(error: unknown): string {
  if (error instanceof AppError) {
    const key = `errors.${error.code}`;
    // A refused batch names the kind of record by its entity ('activity'): shown by its label.
    const entity = error.params?.entity;
    let params =
      entity !== undefined && i18next.exists(`enum.entity.${entity}`) ? { ...error.params, entity: i18next.t(`enum.entity.${entity}`) } : error.params;
    // A day (a revocation's) is shown as every date in the app.
    if (typeof params?.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(params.date)) params = { ...params, date: formatDate(params.date) };
    return i18next.exists(key) ? i18next.t(key, params ?? {}) : error.message;
  }
  return i18next.t('errors.INTERNAL');
}

export { useTranslation };
export default i18next;

/** The catalogue's enum that names a user's role: a mission's roles, or HQ's for the same two. */
export const roleEnum = (mode: DeviceMode | null | undefined) => (mode === 'hq' ? 'hqRole' : 'role');
