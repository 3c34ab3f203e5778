import { z } from 'zod';
import { PROVINCE_IDS, SECTOR_IDS } from '../reference';
import type { RecordMeta } from './activity';
import { AGREEMENT_KINDS, AGREEMENT_STATUSES, type AgreementKind, type AgreementStatus } from './enums';
import { choice, isoDate, listPaging, multilineText, nonNegativeNumber, optionalText, recordId, requiredText } from './validation';

/** An agreement or commitment (thỏa thuận, cam kết) followed until it is carried out. */
export const AgreementFields = z
  .object({
    title: requiredText(300),
    kind: choice(AGREEMENT_KINDS),
    signedDate: isoDate.nullable().default(null),
    vnParty: optionalText(300),
    provinceId: choice(PROVINCE_IDS).nullable().default(null),
    foreignOrgId: recordId.nullable().default(null),
    valueUsd: nonNegativeNumber.nullable().default(null),
    sector: choice(SECTOR_IDS).nullable().default(null),
    activityId: recordId.nullable().default(null),
    status: choice(AGREEMENT_STATUSES).default('signed'),
    nextReviewDate: isoDate.nullable().default(null),
    notes: multilineText(10000),
  })
  .refine((a) => a.nextReviewDate === null || a.signedDate === null || a.nextReviewDate >= a.signedDate, {
    error: 'review_before_signed',
    path: ['nextReviewDate'],
  });
export type AgreementInput = z.input<typeof AgreementFields>;
export type AgreementValues = z.output<typeof AgreementFields>;

export const AGREEMENT_FIELD_NAMES = [
  'title',
  'kind',
  'signedDate',
  'vnParty',
  'provinceId',
  'foreignOrgId',
  'valueUsd',
  'sector',
  'activityId',
  'status',
  'nextReviewDate',
  'notes',
] as const satisfies readonly (keyof AgreementValues)[];

export interface Agreement extends AgreementValues, RecordMeta {
  kind: AgreementKind;
  status: AgreementStatus;
}

export { OPEN_AGREEMENT_STATUSES } from './enums';

export const AgreementFilter = z.object({
  text: z.string().max(200).optional(),
  period: z.string().optional(),
  kinds: z.array(choice(AGREEMENT_KINDS)).optional(),
  statuses: z.array(choice(AGREEMENT_STATUSES)).optional(),
  provinceId: choice(PROVINCE_IDS).optional(),
  foreignOrgId: recordId.optional(),
  activityId: recordId.optional(),
});
export type AgreementFilter = z.input<typeof AgreementFilter>;

export const AgreementListInput = z.object({ filter: AgreementFilter.default({}), ...listPaging });
export type AgreementListInput = z.output<typeof AgreementListInput>;

export interface AgreementRow extends Agreement {
  foreignOrgName: string | null;
}

/** One dated entry of an agreement's implementation log. */
export const AgreementLogFields = z.object({
  agreementId: recordId,
  entryDate: isoDate,
  text: multilineText(5000).pipe(z.string().min(1, { error: 'required' })),
});
export type AgreementLogValues = z.output<typeof AgreementLogFields>;
export const AGREEMENT_LOG_FIELD_NAMES = ['agreementId', 'entryDate', 'text'] as const satisfies readonly (keyof AgreementLogValues)[];
export interface AgreementLogEntry extends AgreementLogValues, RecordMeta {}

export interface AgreementDetail extends Agreement {
  foreignOrgName: string | null;
  activityTitle: string | null;
  log: AgreementLogEntry[];
}
