import { allOrNothing } from '../store/writer';
import type { ChannelsOf, HandlerMap } from './types';

export const activityHandlers: HandlerMap<ChannelsOf<'activity.'>> = {
  'activity.create': (values, { app }) => app.activities.create(values),
  'activity.createMany': (list, { app }) => allOrNothing(list.length, () => app.activities.createMany(list)).map((id) => app.activities.get(id)),
  'activity.update': ({ id, values }, { app }) => app.activities.update(id, values),
  'activity.get': ({ id }, { app }) => app.activities.get(id),
  // During an import the list shows what was committed before it, at once, from the read pool.
  'activity.list': (input, { app }) => (app.exclusive ? app.read('activity.list', input) : app.activities.list(input)),
  'activity.count': (input, { app }) => app.read('activity.count', input),
  'activity.delete': ({ id }, { app }) => app.activities.delete(id),
  'activity.restore': ({ id }, { app }) => app.activities.restore(id),
};
