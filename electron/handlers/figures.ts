import { agreementRows, computeFigures } from '../services/figures';
import type { ChannelsOf, HandlerMap } from './types';

export const figureHandlers: HandlerMap<ChannelsOf<'figures.'>> = {
  'figures.compute': (input, { app }) => computeFigures(app.db, input),
  'figures.agreements': ({ ids }, { app }) => agreementRows(app.db, ids),
};
