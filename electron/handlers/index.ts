import type { ChannelName } from '../../shared/contract';
import { activityHandlers } from './activities';
import { agreementHandlers } from './agreements';
import { contactHandlers } from './contacts';
import { exportHandlers } from './export';
import { followupHandlers } from './followups';
import { organisationHandlers } from './organisations';
import { partnerImportHandlers } from './partner-import';
import { recordImportHandlers } from './record-import';
import { appHandlers } from './app';
import { searchHandlers } from './search';
import { figureHandlers } from './figures';
import { reportHandlers } from './reports';
import { backupHandlers } from './backup';
import { securityHandlers } from './security';
import { exchangeHandlers } from './exchange';
import { hqHandlers } from './hq';
import { registerHandlers } from './register';
import { draftHandlers } from './drafts';
import { enrolHandlers } from './enrol';
import { updateHandlers } from './update';
import type { HandlerMap } from './types';

/** Every channel of the contract has exactly one handler (the type checks coverage). */
export const handlers: HandlerMap<ChannelName> = {
  ...figureHandlers,
  ...reportHandlers,
  ...appHandlers,
  ...activityHandlers,
  ...searchHandlers,
  ...securityHandlers,
  ...backupHandlers,
  ...organisationHandlers,
  ...contactHandlers,
  ...agreementHandlers,
  ...followupHandlers,
  ...partnerImportHandlers,
  ...recordImportHandlers,
  ...exportHandlers,
  ...exchangeHandlers,
  ...hqHandlers,
  ...registerHandlers,
  ...draftHandlers,
  ...enrolHandlers,
  ...updateHandlers,
};
