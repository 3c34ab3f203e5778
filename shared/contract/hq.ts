import { z } from 'zod';
import type { HqMission } from '../domain/exchange';
import { channel } from './define';

export const hqChannels = {
  /** Every mission that sent batches: its last batch, gaps in each device's sequence, lag. */
  'hq.missions': channel(z.object({})).returns<HqMission[]>(),
};
