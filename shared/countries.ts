/** ISO 3166-1 alpha-2 countries with Vietnamese and English names. */
import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json';
import vi from 'i18n-iso-countries/langs/vi.json';
import type { Language } from './period';

countries.registerLocale(en);
countries.registerLocale(vi);

export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && countries.isValid(code);
}

export function countryName(code: string, language: Language = 'vi'): string {
  return countries.getName(code, language) ?? countries.getName(code, 'en') ?? code;
}

export function countryCodes(): string[] {
  return Object.keys(countries.getAlpha2Codes());
}
