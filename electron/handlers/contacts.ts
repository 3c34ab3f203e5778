import { contactTimeline } from '../services/partners';
import type { ChannelsOf, HandlerMap } from './types';

export const contactHandlers: HandlerMap<ChannelsOf<'contact.'>> = {
  'contact.create': (values, { app }) => app.contacts.create(values),
  'contact.update': ({ id, values }, { app }) => app.contacts.update(id, values),
  'contact.get': ({ id }, { app }) => app.contacts.get(id),
  'contact.list': (input, { app }) => app.read('contact.list', input),
  'contact.delete': ({ id }, { app }) => app.contacts.delete(id),
  'contact.restore': ({ id }, { app }) => app.contacts.restore(id),
  'contact.timeline': ({ id }, { app }) => contactTimeline(app, id),
};
