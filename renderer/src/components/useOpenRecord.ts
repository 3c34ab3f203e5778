/**
 * The record a page has open in its form: asked for by the navigation (a search hit, a timeline:
 * the route's `open`) or by the person (a row, "+ new"). It is read through the data layer, so a
 * change made elsewhere is read again. `record`: undefined while no form is open (or until the
 * record is read), null for a new record, else the record.
 */
import type { ChannelInput, ChannelName, ChannelOutput } from '../../../shared/contract';
import { useChannel } from '../api/query';
import { useRouteOpen } from './useRouteOpen';

type ReadById = { [K in ChannelName]: ChannelInput<K> extends { id: string } ? (ChannelOutput<K> extends { id: string } ? K : never) : never }[ChannelName];

const NEW_RECORD = 'new';

export function useOpenRecord<C extends ReadById>(channel: C) {
  const [openId, setOpenId] = useRouteOpen<string>((params) => (typeof params.open === 'string' ? params.open : null));
  const reading = openId !== null && openId !== NEW_RECORD;
  const read = useChannel(channel, { id: openId ?? '' } as ChannelInput<C>, { enabled: reading }).data as (ChannelOutput<C> & { id: string }) | undefined;
  // The previous record stays as placeholder while another loads: never show it for this one.
  const record = openId === null ? undefined : openId === NEW_RECORD ? null : read?.id === openId ? read : undefined;
  return { record, open: (id: string) => setOpenId(id), openNew: () => setOpenId(NEW_RECORD), close: () => setOpenId(null) };
}
