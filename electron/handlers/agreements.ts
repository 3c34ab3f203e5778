import type { Agreement } from '../../shared/domain/agreement';
import { agreementDetail, agreementDraftFromActivity } from '../services/partners';
import type { ChannelsOf, HandlerMap } from './types';

export const agreementHandlers: HandlerMap<ChannelsOf<'agreement.'>> = {
  'agreement.create': (values, { app }) => app.agreements.create(values) as Agreement,
  'agreement.update': ({ id, values }, { app }) => app.agreements.update(id, values) as Agreement,
  'agreement.get': ({ id }, { app }) => agreementDetail(app, id),
  'agreement.list': (input, { app }) => app.read('agreement.list', input),
  'agreement.delete': ({ id }, { app }) => app.agreements.delete(id),
  'agreement.restore': ({ id }, { app }) => app.agreements.restore(id) as Agreement,
  'agreement.addLog': (values, { app }) => app.agreementLog.create(values),
  'agreement.deleteLog': ({ id }, { app }) => app.agreementLog.delete(id),
  'agreement.draftFromActivity': ({ activityId }, { app }) => agreementDraftFromActivity(app, activityId),
};
