/** Domain enumerations. Labels live in the i18n catalogue under enum.<name>.<value>. */
export const MISSION_KINDS = ['embassy', 'consulate-general', 'consulate', 'permanent-mission', 'other'] as const;
export type MissionKind = (typeof MISSION_KINDS)[number];

export const USER_ROLES = ['staff', 'head'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** A device is either at a mission or at HQ (the Ministry); HQ mode arrives with exchange. */
export const DEVICE_MODES = ['mission', 'hq'] as const;
export type DeviceMode = (typeof DEVICE_MODES)[number];

export const ACTIVITY_KINDS = [
  'trade-promotion',
  'investment-promotion',
  'tourism-promotion',
  'business-support',
  'science-technology',
  'market-information',
  'high-level-visit',
  'country-branding',
  'expert-network',
  'other',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const ACTIVITY_FORMATS = ['fair', 'conference', 'delegation', 'bilateral-meeting', 'online', 'study'] as const;
export type ActivityFormat = (typeof ACTIVITY_FORMATS)[number];

export const ACTIVITY_STATUSES = ['planned', 'done', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

export const ORGANISATION_KINDS = ['company', 'government', 'chamber', 'investment-agency', 'university', 'financial', 'media', 'other'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const AGREEMENT_KINDS = ['mou', 'cooperation-agreement', 'contract', 'letter-of-intent', 'commitment'] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];

export const AGREEMENT_STATUSES = ['signed', 'implementing', 'completed', 'stalled', 'cancelled'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];
/** Statuses under which an agreement still needs following up. */
export const OPEN_AGREEMENT_STATUSES = ['signed', 'implementing', 'stalled'] as const satisfies readonly AgreementStatus[];

/** Entities whose writes go through the change log (and so travel in exchange batches). */
export const ENTITIES = ['mission', 'activity', 'organisation', 'contact', 'agreement', 'agreement-log', 'followup', 'report'] as const;
export type Entity = (typeof ENTITIES)[number];
/** The field that marks a tombstone (deletedAt) in the change log. */
export const DELETED_FIELD = '_deleted';
