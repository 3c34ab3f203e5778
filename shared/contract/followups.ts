import { z } from 'zod';
import { FollowupFields, FollowupListInput } from '../domain/followup';
import type { DueItem, Followup } from '../domain/followup';
import { isoDate, recordId } from '../domain/validation';
import { channel } from './define';
import { ById } from './organisations';

export const followupChannels = {
  'followup.create': channel(FollowupFields).returns<Followup>(),
  'followup.update': channel(z.object({ id: recordId, values: FollowupFields })).returns<Followup>(),
  'followup.get': channel(ById).returns<Followup>(),
  'followup.list': channel(FollowupListInput).returns<{ total: number; offset: number; rows: Followup[] }>(),
  'followup.delete': channel(ById).returns<{ id: string; deletedAt: string }>(),
  'followup.restore': channel(ById).returns<Followup>(),
  'followup.setDone': channel(z.object({ id: recordId, done: z.boolean() })).returns<Followup>(),
  /**
   * Open follow-ups and open agreements whose next review date falls on or before
   * today + withinDays; those before today are overdue. `today` defaults to the local date.
   */
  'followup.due': channel(z.object({ today: isoDate.optional(), withinDays: z.number().int().min(0).max(366).default(14) })).returns<DueItem[]>(),
};
