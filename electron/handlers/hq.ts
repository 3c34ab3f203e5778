import { hqMissions } from '../services/exchange/missions';
import { consolidatedXlsx } from '../services/hq-figures';
import type { ChannelsOf, HandlerMap } from './types';

export const hqHandlers: HandlerMap<Exclude<ChannelsOf<'hq.'>, ChannelsOf<'hq.register.'>>> = {
  'hq.missions': (input, { app }) => hqMissions(app, input),
  'hq.figures': ({ period }, { app }) => app.read('hq.figures', { period, ownMissionId: app.missionId() }),
  'hq.figuresXlsx': ({ period }, { app }) => consolidatedXlsx(app, period),
};
