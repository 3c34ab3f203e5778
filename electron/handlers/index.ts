import type { ChannelName } from '../../shared/contract';
import { activityHandlers } from './activities';
import { agreementHandlers } from './agreements';
import { contactHandlers } from './contacts';
import { followupHandlers } from './followups';
import { organisationHandlers } from './organisations';
import { appHandlers } from './app';
import { searchHandlers } from './search';
import { figureHandlers } from './figures';
import { reportHandlers } from './reports';
import { backupHandlers } from './backup';
import { securityHandlers } from './security';
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
};
