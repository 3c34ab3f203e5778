import { z } from 'zod';
import { PROVINCE_IDS, SECTOR_IDS } from '../reference';
import { ACTIVITY_FORMATS, ACTIVITY_KINDS, ACTIVITY_STATUSES } from './enums';
import type { ActivityFormat, ActivityKind, ActivityStatus } from './enums';
import {
  choice,
  choiceSet,
  countryCode,
  isoDate,
  nonNegativeInteger,
  nonNegativeNumber,
  multilineText,
  optionalText,
  recordId,
  requiredText,
} from './validation';

/** The fields a person edits. Everything but title, kind and start date may be left empty. */
export const ActivityFields = z
  .object({
    title: requiredText(300),
    kind: choice(ACTIVITY_KINDS),
    format: choice(ACTIVITY_FORMATS).nullable().default(null),
    status: choice(ACTIVITY_STATUSES).default('done'),
    startDate: isoDate,
    endDate: isoDate.nullable().default(null),
    country: countryCode.nullable().default(null),
    city: optionalText(120),
    sectors: choiceSet(SECTOR_IDS).default([]),
    provinces: choiceSet(PROVINCE_IDS).default([]),
    organisationIds: z.array(recordId).default([]),
    businessesSupported: nonNegativeInteger.nullable().default(null),
    dealValueUsd: nonNegativeNumber.nullable().default(null),
    outcomes: multilineText(10000),
    followUps: multilineText(5000),
    notes: multilineText(10000),
    owner: optionalText(120),
  })
  .refine((a) => a.endDate === null || a.endDate >= a.startDate, { error: 'end_before_start', path: ['endDate'] });

export type ActivityInput = z.input<typeof ActivityFields>;
export type ActivityValues = z.output<typeof ActivityFields>;

/** An activity with nothing filled in: the base of a new form and of a record first seen through the exchange. */
export const EMPTY_ACTIVITY: ActivityValues = {
  title: '',
  kind: 'other',
  format: null,
  status: 'done',
  startDate: '',
  endDate: null,
  country: null,
  city: '',
  sectors: [],
  provinces: [],
  organisationIds: [],
  businessesSupported: null,
  dealValueUsd: null,
  outcomes: '',
  followUps: '',
  notes: '',
  owner: '',
};

/** Names of the fields that travel in change records. */
export const ACTIVITY_FIELD_NAMES = [
  'title',
  'kind',
  'format',
  'status',
  'startDate',
  'endDate',
  'country',
  'city',
  'sectors',
  'provinces',
  'organisationIds',
  'businessesSupported',
  'dealValueUsd',
  'outcomes',
  'followUps',
  'notes',
  'owner',
] as const satisfies readonly (keyof ActivityValues)[];

export interface RecordMeta {
  id: string;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  updatedBy: string;
  deviceId: string;
  deletedAt: string | null;
}

export interface Activity extends ActivityValues, RecordMeta {
  kind: ActivityKind;
  format: ActivityFormat | null;
  status: ActivityStatus;
}

export const ACTIVITY_SORT_KEYS = ['startDate', 'title', 'kind', 'status', 'dealValueUsd', 'updatedAt'] as const;

export const ActivityFilter = z.object({
  period: z.string().optional(),
  kinds: z.array(choice(ACTIVITY_KINDS)).optional(),
  statuses: z.array(choice(ACTIVITY_STATUSES)).optional(),
  sector: choice(SECTOR_IDS).optional(),
  province: choice(PROVINCE_IDS).optional(),
  /** Only activities naming at least one Vietnamese locality (drill-down from the figures). */
  supportsLocalities: z.boolean().optional(),
  /** Only activities naming this partner organisation (drill-down from the figures). */
  organisation: recordId.optional(),
  /** Only this mission's activities (HQ, which holds every mission's). */
  mission: recordId.optional(),
  text: z.string().max(200).optional(),
  includeDeleted: z.boolean().optional(),
});
export type ActivityFilter = z.input<typeof ActivityFilter>;

export const ActivityListInput = z.object({
  filter: ActivityFilter.default({}),
  sort: z.object({ key: z.enum(ACTIVITY_SORT_KEYS), direction: z.enum(['asc', 'desc']) }).default({ key: 'startDate', direction: 'desc' }),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(200),
  /**
   * false: answer with the rows at once and give the total only if it is already known
   * (null otherwise; ask activity.count). Counting a broad filter over 100,000 activities
   * costs several times the page itself (npm run bench, list-count).
   */
  withTotal: z.boolean().default(true),
});
export type ActivityListInput = z.input<typeof ActivityListInput>;

/** The list's total counted at once up to this ("≥ 1.000" shows within a few ms); the exact one follows. */
export const COUNT_AT_ONCE = 1000;

export const ActivityCountInput = z.object({
  filter: ActivityFilter.default({}),
  /**
   * Count no further than this: the answer is exact below it, else "at least upTo" at once
   * (a text or sector filter over 100,000 activities takes tens of ms to count whole; the
   * list shows "≥ N" meanwhile and then the exact total from a second call without upTo).
   */
  upTo: z.number().int().min(1).optional(),
});
export type ActivityCountInput = z.input<typeof ActivityCountInput>;

/** A filter's total; exact false: at least total (counting stopped at activity.count's upTo). */
export interface ActivityTotal {
  total: number;
  exact: boolean;
}

/** A list row carries only what the table shows, so 100,000 rows stay cheap. */
export interface ActivityRow {
  id: string;
  title: string;
  kind: ActivityKind;
  status: ActivityStatus;
  startDate: string;
  endDate: string | null;
  country: string | null;
  city: string;
  provinces: string[];
  sectors: string[];
  dealValueUsd: number | null;
  updatedAt: string;
}

export interface ActivityPage {
  /** null when the page was asked for withTotal: false and the total was not known. */
  total: number | null;
  offset: number;
  rows: ActivityRow[];
}
