import { searchRecords } from '../services/search';
import type { ChannelsOf, HandlerMap } from './types';

export const searchHandlers: HandlerMap<ChannelsOf<'search.'>> = {
  'search.query': (input, { app }) => searchRecords(app, input),
};
