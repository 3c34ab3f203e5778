import type { ChannelsOf, HandlerMap } from './types';

export const searchHandlers: HandlerMap<ChannelsOf<'search.'>> = {
  'search.query': (input, { app }) => app.read('search.query', input),
};
