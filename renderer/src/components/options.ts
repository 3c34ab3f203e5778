/** Choice lists for selects and pickers, translated and in reading order. */
import { countryCodes, countryName } from '../../../shared/countries';
import { PROVINCES, SECTORS, provinceSearchTerms } from '../../../shared/reference';
import { foldText } from '../../../shared/text';
import { compareLabels } from '../format';
import i18next, { currentLanguage } from '../i18n';
import type { Language } from '../../../shared/period';
import type { PickerOption } from './Picker';

export function enumOptions<T extends string>(enumName: string, values: readonly T[]): { value: T; label: string }[] {
  return values.map((value) => ({ value, label: i18next.t(`enum.${enumName}.${value}`) }));
}

/**
 * A list or table built once per language: the same value each render, so a page that renders
 * often (the activity list) neither rebuilds it nor hands its picker new options.
 */
export function perLanguage<T>(build: (language: Language) => T): () => T {
  let cache: { language: Language; value: T } | null = null;
  return () => {
    const language = currentLanguage();
    if (cache?.language !== language) cache = { language, value: build(language) };
    return cache.value;
  };
}

export const provinceOptions = perLanguage((language): PickerOption[] =>
  PROVINCES.map((p) => ({
    value: p.id,
    label: language === 'en' ? p.nameEn : p.name,
    terms: provinceSearchTerms(p),
    detail: p.formerNames.length ? `(${p.formerNames.join(', ')})` : undefined,
  })),
);

const provinceNames = perLanguage((language) => new Map(PROVINCES.map((p) => [p.id, language === 'en' ? p.nameEn : p.name])));

export function provinceLabel(id: string): string {
  return provinceNames().get(id) ?? id;
}

export const sectorOptions = perLanguage((language): PickerOption[] => SECTORS.map((s) => ({ value: s.id, label: language === 'en' ? s.nameEn : s.name })));

export function sectorLabel(id: string): string {
  const s = SECTORS.find((x) => x.id === id);
  return s ? (currentLanguage() === 'en' ? s.nameEn : s.name) : id;
}

export const countryOptions = perLanguage((language): PickerOption[] =>
  countryCodes()
    .map((code) => ({ value: code, label: countryName(code, language), terms: [code.toLowerCase(), foldText(countryName(code, 'en'))] }))
    .sort((a, b) => compareLabels(a.label, b.label)),
);
