/** ISO 3166-1 alpha-2 countries with Vietnamese and English names. */
import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json';
import vi from 'i18n-iso-countries/langs/vi.json';
import type { Language } from './period';
import { foldText } from './text';

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

/** Short names people write that the ISO lists lack ("Anh", "Nhật", "Hoa Kỳ"), folded. */
const COUNTRY_ALIASES: Record<string, string> = { anh: 'GB', 'hoa ky': 'US', nhat: 'JP', han: 'KR', sec: 'CZ', 'a rap xe ut': 'SA', uae: 'AE' };

let countryByName: Map<string, string> | null = null;

/** The country a cell names, in Vietnamese or English (official or short name) or by its code; null when none. */
export function countryFromName(text: string): string | null {
  const folded = foldText(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  if (!folded) return null;
  // A code only in capitals: "Mỹ" folds to "my", Malaysia's code.
  if (isCountryCode(text.trim())) return text.trim();
  countryByName ??= new Map([
    ...(['vi', 'en'] as const).flatMap((lang) =>
      Object.entries(countries.getNames(lang, { select: 'all' })).flatMap(([code, names]) =>
        names.map((n): [string, string] => [
          foldText(n)
            .replace(/[^a-z0-9]+/g, ' ')
            .trim(),
          code,
        ]),
      ),
    ),
    ...Object.entries(COUNTRY_ALIASES),
  ]);
  return countryByName.get(folded) ?? null;
}
