import { hqMissions } from '../services/exchange/missions';
import { consolidatedFigures, consolidatedXlsx } from '../services/hq-figures';
import type { ChannelsOf, HandlerMap } from './types';

export const hqHandlers: HandlerMap<Exclude<ChannelsOf<'hq.'>, ChannelsOf<'hq.register.'>>> = {
  'hq.missions': (input, { app }) => hqMissions(app, input),
  'hq.figures': ({ period }, { app }) => consolidatedFigures(app, period),
  'hq.figuresXlsx': ({ period }, { app }) => consolidatedXlsx(app, period),
};
