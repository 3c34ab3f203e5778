/** Choice lists for selects and pickers, translated and in reading order. */
import { countryCodes, countryName } from '../../../shared/countries';
import { PROVINCES, SECTORS, provinceSearchTerms } from '../../../shared/reference';
import { foldText } from '../../../shared/text';
import { compareLabels } from '../format';
import i18next, { currentLanguage } from '../i18n';
import type { PickerOption } from './Picker';

export function enumOptions<T extends string>(enumName: string, values: readonly T[]): { value: T; label: string }[] {
  return values.map((value) => ({ value, label: i18next.t(`enum.${enumName}.${value}`) }));
}

export function provinceOptions(): PickerOption[] {
  const en = currentLanguage() === 'en';
  return PROVINCES.map((p) => ({
    value: p.id,
    label: en ? p.nameEn : p.name,
    terms: provinceSearchTerms(p),
    detail: p.formerNames.length ? `(${p.formerNames.join(', ')})` : undefined,
  }));
}

export function provinceLabel(id: string): string {
  const p = PROVINCES.find((x) => x.id === id);
  return p ? (currentLanguage() === 'en' ? p.nameEn : p.name) : id;
}

export function sectorOptions(): PickerOption[] {
  const en = currentLanguage() === 'en';
  return SECTORS.map((s) => ({ value: s.id, label: en ? s.nameEn : s.name }));
}

export function sectorLabel(id: string): string {
  const s = SECTORS.find((x) => x.id === id);
  return s ? (currentLanguage() === 'en' ? s.nameEn : s.name) : id;
}

let countryCache: { language: string; options: PickerOption[] } | null = null;

export function countryOptions(): PickerOption[] {
  const language = currentLanguage();
  if (countryCache?.language !== language) {
    const options = countryCodes()
      .map((code) => ({ value: code, label: countryName(code, language), terms: [code.toLowerCase(), foldText(countryName(code, 'en'))] }))
      .sort((a, b) => compareLabels(a.label, b.label));
    countryCache = { language, options };
  }
  return countryCache.options;
}
