/** Reference data access: the 34 provincial units, sectors and countries. */
import provincesFile from '../resources/reference/provinces.json';
import sectorsFile from '../resources/reference/sectors.json';
import { foldText } from './text';

export interface Province {
  id: string;
  name: string;
  nameEn: string;
  kind: 'city' | 'province';
  formerNames: string[];
}

export interface Sector {
  id: string;
  name: string;
  nameEn: string;
}

export const PROVINCES: readonly Province[] = provincesFile.units as Province[];
export const SECTORS: readonly Sector[] = sectorsFile.sectors;

export const PROVINCE_IDS = PROVINCES.map((p) => p.id) as [string, ...string[]];
export const SECTOR_IDS = SECTORS.map((s) => s.id) as [string, ...string[]];

const provinceById = new Map(PROVINCES.map((p) => [p.id, p]));
const sectorById = new Map(SECTORS.map((s) => [s.id, s]));

export function province(id: string): Province | undefined {
  return provinceById.get(id);
}

export function sector(id: string): Sector | undefined {
  return sectorById.get(id);
}

/**
 * Every folded name a province answers to: its current name, with and without the
 * "Thành phố" prefix, its English name and the former provinces merged into it, so
 * that typing "binh duong" leads to Thành phố Hồ Chí Minh.
 */
export function provinceSearchTerms(p: Province): string[] {
  const names = [p.name, p.nameEn, p.name.replace(/^Thành phố /, ''), ...p.formerNames];
  return [...new Set(names.map(foldText))];
}

/** Provinces matching typed text, by any current or former name, diacritics ignored. */
export function matchProvinces(query: string): Province[] {
  const q = foldText(query);
  if (!q) return [...PROVINCES];
  return PROVINCES.filter((p) => provinceSearchTerms(p).some((term) => term.includes(q)));
}

/** Folded text a record is indexed under for the provinces it names (current and former). */
export function provinceIndexText(ids: readonly string[]): string {
  return ids
    .map((id) => provinceById.get(id))
    .filter((p): p is Province => Boolean(p))
    .flatMap(provinceSearchTerms)
    .join(' ');
}
