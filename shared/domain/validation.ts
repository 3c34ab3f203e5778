/**
 * Building blocks for the domain schemas. Each failure carries one of our own codes
 * (validation.<code> in the i18n catalogue), never zod's English sentences.
 */
import { z } from 'zod';
import { isCountryCode } from '../countries';
import { isIsoDate } from '../period';
import { normalizeMultiline, normalizeText } from '../text';

export const VALIDATION_CODES = [
  'required',
  'too_long',
  'invalid_date',
  // Read by the date and number fields from the text itself (shared/parse.ts).
  'date_incomplete',
  'date_impossible',
  'number_format',
  'negative_number',
  'end_before_start',
  'invalid_choice',
  'invalid_country',
  'not_negative_integer',
  'not_negative_number',
  'invalid_email',
  'invalid_id',
  'invalid_period',
  'review_before_signed',
] as const;
export type ValidationCode = (typeof VALIDATION_CODES)[number];

export const requiredText = (max = 500) =>
  z
    .string({ error: 'required' })
    .transform(normalizeText)
    .pipe(z.string().min(1, { error: 'required' }).max(max, { error: 'too_long' }));

export const optionalText = (max = 5000) =>
  z
    .string({ error: 'required' })
    .transform(normalizeText)
    .pipe(z.string().max(max, { error: 'too_long' }))
    .default('');

/** Outcomes, notes, narrative: line breaks are the person's paragraphs and stay. */
export const multilineText = (max = 10000) =>
  z
    .string({ error: 'required' })
    .transform(normalizeMultiline)
    .pipe(z.string().max(max, { error: 'too_long' }))
    .default('');

export const isoDate = z.string({ error: 'required' }).refine(isIsoDate, { error: 'invalid_date' });

export const countryCode = z
  .string({ error: 'required' })
  .transform((s) => s.trim().toUpperCase())
  .refine(isCountryCode, { error: 'invalid_country' });

export const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: (issue) => (issue.input === undefined ? 'required' : 'invalid_choice') });

export const recordId = z.string().regex(/^[0-9a-f-]{36}$/i, { error: 'invalid_id' });

export const nonNegativeInteger = z.number({ error: 'not_negative_integer' }).int({ error: 'not_negative_integer' }).min(0, { error: 'not_negative_integer' });
export const nonNegativeNumber = z.number({ error: 'not_negative_number' }).min(0, { error: 'not_negative_number' }).finite({ error: 'not_negative_number' });

/** A set of choices, deduplicated and in a stable order. */
export const choiceSet = <T extends readonly [string, ...string[]]>(values: T) => z.array(choice(values)).transform((list) => [...new Set(list)].sort());

/** An e-mail address, or empty. Lower-cased so that duplicates compare equal. */
export const email = z
  .string({ error: 'required' })
  .transform((s) => s.trim().toLowerCase())
  .pipe(z.union([z.literal(''), z.email({ error: 'invalid_email' }).max(254, { error: 'too_long' })], { error: 'invalid_email' }))
  .default('');

/** Paging of a list call (entity lists other than activities keep a fixed sort). */
export const listPaging = {
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(200),
};
