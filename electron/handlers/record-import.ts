import type { RecordImportRequest } from '../../shared/domain/record-import';
import type { AppContext } from '../context';
import { ACTIVITY_RULES } from '../services/activity-import';
import { AGREEMENT_RULES } from '../services/agreement-import';
import { commitRecords, previewRecords } from '../services/import-engine';
import { importTemplate, TEMPLATE_FILES } from '../services/import-template';
import type { ChannelsOf, HandlerMap } from './types';

const preview = (app: AppContext, input: RecordImportRequest) =>
  input.entity === 'activity' ? previewRecords(app, ACTIVITY_RULES, input) : previewRecords(app, AGREEMENT_RULES, input);

export const recordImportHandlers: HandlerMap<ChannelsOf<'recordImport.'>> = {
  'recordImport.preview': (input, { app }) => preview(app, input),
  'recordImport.commit': (input, { app, progress }) => {
    const report = (done: number, total: number) => progress({ done, total, stage: 'recordImport.writing' });
    return input.entity === 'activity' ? commitRecords(app, ACTIVITY_RULES, input, report) : commitRecords(app, AGREEMENT_RULES, input, report);
  },
  'recordImport.template': async ({ entity }) => ({ fileName: TEMPLATE_FILES[entity], base64: (await importTemplate(entity)).toString('base64') }),
};
