import { z } from 'zod';
import { OrganisationFields, OrganisationListInput } from '../domain/organisation';
import type { Organisation, OrganisationRow } from '../domain/organisation';
import { countryCode, recordId, requiredText } from '../domain/validation';
import { channel } from './define';

export const ById = z.object({ id: recordId });

/** One line of an organisation's or person's timeline. */
export interface TimelineItem {
  entity: 'activity' | 'agreement' | 'followup';
  id: string;
  title: string;
  /** Start, signed or due date, yyyy-MM-dd (null for an agreement without a signed date). */
  date: string | null;
  /** Enum value the renderer translates: activity kind, agreement kind, or 'open' / 'done'. */
  kind: string;
  status: string | null;
}

export interface MergeResult {
  organisation: Organisation;
  moved: { contacts: number; agreements: number; activities: number; followups: number };
}

export const organisationChannels = {
  'organisation.create': channel(OrganisationFields).returns<Organisation>(),
  'organisation.update': channel(z.object({ id: recordId, values: OrganisationFields })).returns<Organisation>(),
  'organisation.get': channel(ById).returns<Organisation>(),
  'organisation.list': channel(OrganisationListInput).returns<{ total: number; offset: number; rows: OrganisationRow[] }>(),
  'organisation.delete': channel(ById).returns<{ id: string; deletedAt: string }>(),
  'organisation.restore': channel(ById).returns<Organisation>(),
  /** Live organisations a new one would duplicate (same folded name, same or unknown country). */
  'organisation.duplicates': channel(z.object({ name: requiredText(300), country: countryCode.nullable().default(null) })).returns<Organisation[]>(),
  'organisation.timeline': channel(ById).returns<TimelineItem[]>(),
  /** Moves every link of mergeId to keepId, fills keepId's empty fields, and deletes mergeId. */
  'organisation.merge': channel(z.object({ keepId: recordId, mergeId: recordId })).returns<MergeResult>(),
};
