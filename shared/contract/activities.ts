import { z } from 'zod';
import { ActivityCountInput, ActivityFields, ActivityListInput } from '../domain/activity';
import type { Activity, ActivityPage } from '../domain/activity';
import { recordId } from '../domain/validation';
import { channel } from './define';

const ById = z.object({ id: recordId });

export const activityChannels = {
  'activity.create': channel(ActivityFields).returns<Activity>(),
  'activity.update': channel(z.object({ id: recordId, values: ActivityFields })).returns<Activity>(),
  'activity.get': channel(ById).returns<Activity>(),
  'activity.list': channel(ActivityListInput).returns<ActivityPage>(),
  'activity.count': channel(ActivityCountInput).returns<{ total: number }>(),
  'activity.delete': channel(ById).returns<{ id: string; deletedAt: string }>(),
  'activity.restore': channel(ById).returns<Activity>(),
};
