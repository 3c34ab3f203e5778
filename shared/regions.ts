/** The regions HQ groups missions by in consolidated figures (resources/reference/regions.json). */
import regionsFile from '../resources/reference/regions.json';

export interface Region {
  id: string;
  name: string;
  nameEn: string;
  countries: string[];
}

export const REGIONS: readonly Region[] = regionsFile.regions;
/** Missions in a country not listed (rare) are counted here. */
export const OTHER_REGION = 'other';

const regionByCountry = new Map(REGIONS.flatMap((r) => r.countries.map((c) => [c, r.id] as const)));

export function regionOf(country: string): string {
  return regionByCountry.get(country.toUpperCase()) ?? OTHER_REGION;
}
