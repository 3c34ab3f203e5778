import { hqMissions } from '../services/exchange/missions';
import type { ChannelsOf, HandlerMap } from './types';

export const hqHandlers: HandlerMap<ChannelsOf<'hq.'>> = {
  'hq.missions': (_input, { app }) => hqMissions(app),
};
