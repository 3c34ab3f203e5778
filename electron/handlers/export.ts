import { exportList } from '../services/export';
import type { ChannelsOf, HandlerMap } from './types';

export const exportHandlers: HandlerMap<ChannelsOf<'export.'>> = {
  'export.list': (input, { app, progress }) => exportList(app, input, (done, total) => progress({ done, total, stage: 'exportList.xlsx' })),
};
