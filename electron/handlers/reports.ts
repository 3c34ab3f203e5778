import { composeReport, finaliseReport, reportDefaults, reportDocument, reportModel } from '../services/reports';
import type { ChannelsOf, HandlerMap } from './types';

export const reportHandlers: HandlerMap<ChannelsOf<'report.'>> = {
  'report.list': (input, { app }) => app.reports.list(input),
  'report.get': ({ id }, { app }) => app.reports.get(id),
  'report.defaults': ({ period }, { app }) => reportDefaults(app, period),
  'report.create': (values, { app }) => app.reports.createDraft(values),
  'report.update': ({ id, values }, { app }) => app.reports.updateDraft(id, values),
  'report.finalise': ({ id }, { app }) => finaliseReport(app, id),
  'report.delete': ({ id }, { app }) => app.reports.deleteDraft(id),
  'report.document': (input, { app, progress }) => reportDocument(app, input, (done, total) => progress({ done, total, stage: 'report.generating' })),
  'report.model': (input, { app }) => reportModel(app, input),
  'report.compose': (input, { app }) => composeReport(app, input),
};
