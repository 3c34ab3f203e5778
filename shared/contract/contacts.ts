import { z } from 'zod';
import { ContactFields, ContactListInput } from '../domain/contact';
import type { Contact, ContactRow } from '../domain/contact';
import { recordId } from '../domain/validation';
import { channel } from './define';
import { ById, type TimelineItem } from './organisations';

export const contactChannels = {
  'contact.create': channel(ContactFields).returns<Contact>(),
  'contact.update': channel(z.object({ id: recordId, values: ContactFields })).returns<Contact>(),
  'contact.get': channel(ById).returns<Contact>(),
  'contact.list': channel(ContactListInput).returns<{ total: number; offset: number; rows: ContactRow[] }>(),
  'contact.delete': channel(ById).returns<{ id: string; deletedAt: string }>(),
  'contact.restore': channel(ById).returns<Contact>(),
  /** The person's follow-ups, then their organisation's timeline. */
  'contact.timeline': channel(ById).returns<TimelineItem[]>(),
};
