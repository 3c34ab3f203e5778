/**
 * The catalogue, assembled from one file per domain under domains/ (each holds its
 * Vietnamese and English text side by side; `en: typeof vi` makes English follow).
 * Enum labels live under enum.<name>.<value>; each domain adds its own enum names.
 * To add a domain: create domains/<name>.ts and list it in DOMAINS.
 */
import * as activities from './domains/activities';
import * as core from './domains/core';
import * as dashboard from './domains/dashboard';
import * as decode from './domains/decode';
import * as enrol from './domains/enrol';
import * as exchange from './domains/exchange';
import * as hqpolish from './domains/hqpolish';
import * as hqreport from './domains/hqreport';
import * as imports from './domains/imports';
import * as listtotal from './domains/listtotal';
import * as partners from './domains/partners';
import * as security from './domains/security';
import * as reports from './domains/reports';
import * as readers from './domains/readers';
import * as trust from './domains/trust';
import * as update from './domains/update';

const DOMAINS = [
  core,
  activities,
  reports,
  security,
  partners,
  exchange,
  enrol,
  trust,
  dashboard,
  hqreport,
  hqpolish,
  imports,
  update,
  readers,
  decode,
  listtotal,
] as const;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
type UnionToIntersection<U> = (U extends unknown ? (k: U) => void : never) extends (k: infer I) => void ? I : never;
export type Catalogue = Widen<UnionToIntersection<(typeof DOMAINS)[number]['vi']>>;

function assemble(language: 'vi' | 'en'): Catalogue {
  const result: Record<string, Record<string, unknown>> = { enum: {} };
  for (const domain of DOMAINS) {
    for (const [key, value] of Object.entries(domain[language] as Record<string, Record<string, unknown>>)) {
      result[key] = { ...result[key], ...value };
    }
  }
  return result as unknown as Catalogue;
}

export const vi: Catalogue = assemble('vi');
export const en: Catalogue = assemble('en');
