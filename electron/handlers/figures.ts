import { agreementRows } from '../services/figures';
import type { ChannelsOf, HandlerMap } from './types';

export const figureHandlers: HandlerMap<ChannelsOf<'figures.'>> = {
  'figures.compute': (input, { app }) => app.read('figures.compute', input),
  'figures.agreements': ({ ids }, { app }) => agreementRows(app.db, ids),
};
