import { commitImport, previewImport } from '../services/partner-import';
import type { ChannelsOf, HandlerMap } from './types';

export const partnerImportHandlers: HandlerMap<ChannelsOf<'partnerImport.'>> = {
  'partnerImport.preview': (input, { app }) => previewImport(app, input),
  'partnerImport.commit': (input, { app, progress }) => commitImport(app, input, (done, total) => progress({ done, total, stage: 'partnerImport.writing' })),
};
