import { z } from 'zod';
import { AgreementFields, AgreementListInput, AgreementLogFields } from '../domain/agreement';
import type { Agreement, AgreementDetail, AgreementInput, AgreementLogEntry, AgreementRow } from '../domain/agreement';
import { recordId } from '../domain/validation';
import { channel } from './define';
import { ById } from './organisations';

export const agreementChannels = {
  'agreement.create': channel(AgreementFields).returns<Agreement>(),
  'agreement.update': channel(z.object({ id: recordId, values: AgreementFields })).returns<Agreement>(),
  'agreement.get': channel(ById).returns<AgreementDetail>(),
  'agreement.list': channel(AgreementListInput).returns<{ total: number; offset: number; rows: AgreementRow[] }>(),
  'agreement.delete': channel(ById).returns<{ id: string; deletedAt: string }>(),
  'agreement.restore': channel(ById).returns<Agreement>(),
  'agreement.addLog': channel(AgreementLogFields).returns<AgreementLogEntry>(),
  'agreement.deleteLog': channel(ById).returns<{ id: string; deletedAt: string }>(),
  /** What an activity already knows about an agreement signed there (nothing is written). */
  'agreement.draftFromActivity': channel(z.object({ activityId: recordId })).returns<AgreementInput>(),
};
