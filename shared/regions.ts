/** The regions HQ groups missions by in consolidated figures (resources/reference/regions.json). */
import regionsFile from '../resources/reference/regions.json';
import type { MissionKind } from './domain/enums';
import { translate } from './i18n';

export interface Region {
  id: string;
  name: string;
  nameEn: string;
  countries: string[];
}

export const REGIONS: readonly Region[] = regionsFile.regions;
/** Missions in a country not listed (rare) are counted here. */
export const OTHER_REGION = 'other';
/**
 * Permanent missions represent Viet Nam to an organisation, not to their host country: the
 * mission to the UN in New York is not part of the Americas' bilateral work.
 */
export const PERMANENT_MISSIONS = 'permanent-missions';

const regionByCountry = new Map(REGIONS.flatMap((r) => r.countries.map((c) => [c, r.id] as const)));

export function regionOf(country: string): string {
  return regionByCountry.get(country.toUpperCase()) ?? OTHER_REGION;
}

/** The group a mission is counted in: its kind first (permanent missions), then its country's region. */
export function regionOfMission(kind: MissionKind, country: string): string {
  return kind === 'permanent-mission' ? PERMANENT_MISSIONS : regionOf(country);
}

/** Every group in display order, the catch-all last. */
export const REGION_IDS: readonly string[] = [...REGIONS.map((r) => r.id), OTHER_REGION];

/** A group's name in a language (the catch-all when not listed). */
export function regionName(id: string, language: 'vi' | 'en' = 'vi'): string {
  const region = REGIONS.find((r) => r.id === id);
  return region ? (language === 'vi' ? region.name : region.nameEn) : translate(language, 'exchange.otherRegion');
}
