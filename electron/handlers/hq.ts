import { hqMissions } from '../services/exchange/missions';
import { consolidatedFigures, consolidatedXlsx } from '../services/hq-figures';
import type { ChannelsOf, HandlerMap } from './types';

export const hqHandlers: HandlerMap<ChannelsOf<'hq.'>> = {
  'hq.missions': (_input, { app }) => hqMissions(app),
  'hq.figures': ({ period }, { app }) => consolidatedFigures(app, period),
  'hq.figuresXlsx': ({ period }, { app }) => consolidatedXlsx(app, period),
};
