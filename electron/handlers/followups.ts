import type { Followup } from '../../shared/domain/followup';
import { dueItems } from '../services/due';
import { localToday } from '../services/partners';
import type { ChannelsOf, HandlerMap } from './types';

export const followupHandlers: HandlerMap<ChannelsOf<'followup.'>> = {
  'followup.create': (values, { app }) => app.followups.create({ ...values, doneAt: null }) as Followup,
  'followup.update': ({ id, values }, { app }) => app.followups.update(id, { ...values, doneAt: app.followups.get(id).doneAt }) as Followup,
  'followup.get': ({ id }, { app }) => app.followups.get(id),
  'followup.list': (input, { app }) => app.followups.list(input),
  'followup.delete': ({ id }, { app }) => app.followups.delete(id),
  'followup.restore': ({ id }, { app }) => app.followups.restore(id) as Followup,
  'followup.setDone': ({ id, done }, { app }) => app.followups.setDone(id, done),
  'followup.due': ({ today, withinDays }, { app }) => dueItems(app.db, { today: today ?? localToday(), withinDays, missionId: null }),
};
