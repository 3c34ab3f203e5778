import { reportStore } from '../store/reports';
import { finaliseReport, reportDefaults, reportDocument } from '../services/reports';
import type { ChannelsOf, HandlerMap } from './types';

export const reportHandlers: HandlerMap<ChannelsOf<'report.'>> = {
  'report.list': (input, { app }) => reportStore(app).list(input),
  'report.get': ({ id }, { app }) => reportStore(app).get(id),
  'report.defaults': ({ period }, { app }) => reportDefaults(app, period),
  'report.create': (values, { app }) => reportStore(app).createDraft(values),
  'report.update': ({ id, values }, { app }) => reportStore(app).updateDraft(id, values),
  'report.finalise': ({ id }, { app }) => finaliseReport(app, id),
  'report.delete': ({ id }, { app }) => reportStore(app).deleteDraft(id),
  'report.document': (input, { app, progress }) =>
    reportDocument(app, input, (done, total) => progress({ done, total, stage: 'report.generating' })),
};
