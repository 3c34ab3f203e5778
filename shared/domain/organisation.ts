import { z } from 'zod';
import { SECTOR_IDS } from '../reference';
import type { RecordMeta } from './activity';
import { ORGANISATION_KINDS, type OrganisationKind } from './enums';
import { choice, choiceSet, countryCode, listPaging, multilineText, optionalText, requiredText } from './validation';

/** An organisation (đối tác): company, government body, chamber, agency, university... */
export const OrganisationFields = z.object({
  name: requiredText(300),
  kind: choice(ORGANISATION_KINDS).default('other'),
  country: countryCode.nullable().default(null),
  sectors: choiceSet(SECTOR_IDS).default([]),
  website: optionalText(300),
  address: multilineText(500),
  notes: multilineText(10000),
});
export type OrganisationInput = z.input<typeof OrganisationFields>;
export type OrganisationValues = z.output<typeof OrganisationFields>;

export const ORGANISATION_FIELD_NAMES = [
  'name',
  'kind',
  'country',
  'sectors',
  'website',
  'address',
  'notes',
] as const satisfies readonly (keyof OrganisationValues)[];

export interface Organisation extends OrganisationValues, RecordMeta {
  kind: OrganisationKind;
}

export const OrganisationFilter = z.object({
  text: z.string().max(200).optional(),
  kinds: z.array(choice(ORGANISATION_KINDS)).optional(),
  country: countryCode.optional(),
  sector: choice(SECTOR_IDS).optional(),
});
export type OrganisationFilter = z.input<typeof OrganisationFilter>;

export const OrganisationListInput = z.object({ filter: OrganisationFilter.default({}), ...listPaging });
export type OrganisationListInput = z.output<typeof OrganisationListInput>;

/** A list row: the organisation with how many people and agreements it has. */
export interface OrganisationRow extends Organisation {
  contactCount: number;
  agreementCount: number;
}
