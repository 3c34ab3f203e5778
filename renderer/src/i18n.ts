import { setI18n, useTranslation } from 'react-i18next';
import { i18n as i18next } from '../../shared/i18n';
import type { Language } from '../../shared/period';
import { AppError } from '../../shared/errors';

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
    return i18next.exists(key) ? i18next.t(key, error.params ?? {}) : error.message;
  }
  return i18next.t('errors.INTERNAL');
}

export { useTranslation };
export default i18next;
