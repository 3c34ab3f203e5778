import type { ChannelName } from '../../shared/contract';
import { activityHandlers } from './activities';
import { appHandlers } from './app';
import { searchHandlers } from './search';
import type { HandlerMap } from './types';

/** Every channel of the contract has exactly one handler (the type checks coverage). */
export const handlers: HandlerMap<ChannelName> = {
  ...appHandlers,
  ...activityHandlers,
  ...searchHandlers,
};
