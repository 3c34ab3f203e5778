/**
 * The one i18next set-up for main, the CLI, the documents and the renderer: the same
 * catalogue, the same interpolation and the same plural rules ("1 activity", "2 activities";
 * Vietnamese has one form) everywhere.
 */
import i18next from 'i18next';
import type { Language } from '../period';
import { en, vi, type Catalogue } from './catalogue';

export const CATALOGUES: Record<Language, Catalogue> = { vi, en };
export type { Catalogue };

/** Initialised at once (the resources are in memory), so it can be used on import. */
export const i18n = i18next.createInstance();
void i18n.init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: 'vi',
  fallbackLng: 'vi',
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

/**
 * Looks up a dotted key ("enum.activityKind.trade-promotion") in a given language; returns the
 * key if absent. A `count` parameter chooses the plural form (key_one / key_other).
 */
export function translate(language: Language, key: string, params?: Record<string, string | number>): string {
  if (params) return lookup(language, key, params);
  // Labels without parameters (enum values in a 100,000-row export) are looked up once.
  const cacheKey = `${language}:${key}`;
  let text = plain.get(cacheKey);
  if (text === undefined) plain.set(cacheKey, (text = lookup(language, key, {})));
  return text;
}

const plain = new Map<string, string>();

function lookup(language: Language, key: string, params: Record<string, string | number>): string {
  const options = { lng: language, ...params };
  return i18n.exists(key, options) ? i18n.t(key, options) : key;
}

/** Both languages' labels of an enum value, for search indexing. */
export function bothLabels(enumName: string, value: string): string {
  return `${translate('vi', `enum.${enumName}.${value}`)} ${translate('en', `enum.${enumName}.${value}`)}`;
}
