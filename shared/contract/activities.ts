import { z } from 'zod';
import { ActivityCountInput, ActivityFields, ActivityListInput } from '../domain/activity';
import type { Activity, ActivityPage, ActivityTotal } from '../domain/activity';
import { recordId } from '../domain/validation';
import { channel } from './define';

const ById = z.object({ id: recordId });
export const MAX_CREATE_MANY = 10_000;

export const activityChannels = {
  'activity.create': channel(ActivityFields).returns<Activity>(),
  /** Many at once (CLI, scripts): one transaction, all saved or none (errors name the item by its index). */
  'activity.createMany': channel(z.array(ActivityFields).min(1, { error: 'required' }).max(MAX_CREATE_MANY, { error: 'too_many' })).returns<Activity[]>(),
  'activity.update': channel(z.object({ id: recordId, values: ActivityFields })).returns<Activity>(),
  'activity.get': channel(ById).returns<Activity>(),
  'activity.list': channel(ActivityListInput).returns<ActivityPage>(),
  'activity.count': channel(ActivityCountInput).returns<ActivityTotal>(),
  'activity.delete': channel(ById).returns<{ id: string; deletedAt: string }>(),
  'activity.restore': channel(ById).returns<Activity>(),
};
