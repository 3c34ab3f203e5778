import { hqMissions } from '../services/exchange/missions';
import { consolidatedXlsx } from '../services/hq-figures-sheet';
import { digestDocument, requireHq } from '../services/hq-report';
import { periodReportModel, reportDocument, reportHeader } from '../services/reports';
import type { ChannelsOf, HandlerMap } from './types';

export const hqHandlers: HandlerMap<Exclude<ChannelsOf<'hq.'>, ChannelsOf<'hq.register.'>>> = {
  'hq.missions': (input, { app }) => hqMissions(app, input),
  'hq.figures': ({ period }, { app }) => app.read('hq.figures', { period, ownMissionId: app.missionId() }),
  'hq.figuresXlsx': ({ period }, { app }) => consolidatedXlsx(app, period),
  'hq.report.model': ({ period }, { app }) => {
    requireHq(app);
    return periodReportModel(app, period);
  },
  'hq.report.document': ({ period }, { app, progress }) => {
    requireHq(app);
    return reportDocument(app, { period, format: 'docx' }, (done, total) => progress({ done, total, stage: 'report.generating' }));
  },
  'hq.digest.document': (input, { app }) => digestDocument(app, input, reportHeader(app)),
};
