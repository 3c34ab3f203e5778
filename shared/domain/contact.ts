import { z } from 'zod';
import type { RecordMeta } from './activity';
import { email, listPaging, multilineText, optionalText, recordId, requiredText } from './validation';

/** A contact person. Personal data: never written to logs or error messages. */
export const ContactFields = z.object({
  organisationId: recordId.nullable().default(null),
  name: requiredText(200),
  title: optionalText(200),
  email,
  phone: optionalText(60),
  language: optionalText(60),
  notes: multilineText(10000),
});
export type ContactInput = z.input<typeof ContactFields>;
export type ContactValues = z.output<typeof ContactFields>;

export const CONTACT_FIELD_NAMES = [
  'organisationId',
  'name',
  'title',
  'email',
  'phone',
  'language',
  'notes',
] as const satisfies readonly (keyof ContactValues)[];

export interface Contact extends ContactValues, RecordMeta {}

export const ContactFilter = z.object({
  text: z.string().max(200).optional(),
  organisationId: recordId.optional(),
});
export type ContactFilter = z.input<typeof ContactFilter>;

export const ContactListInput = z.object({ filter: ContactFilter.default({}), ...listPaging });
export type ContactListInput = z.output<typeof ContactListInput>;

export interface ContactRow extends Contact {
  organisationName: string | null;
}
