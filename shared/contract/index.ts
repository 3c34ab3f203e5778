/**
 * Every call between renderer and main, declared once. Domain files add their
 * channels here; the handler map in electron/handlers must cover each one.
 */
import type { z } from 'zod';
import { activityChannels } from './activities';
import { agreementChannels } from './agreements';
import { contactChannels } from './contacts';
import { exportChannels } from './export';
import { followupChannels } from './followups';
import { organisationChannels } from './organisations';
import { partnerImportChannels } from './partner-import';
import { recordImportChannels } from './record-import';
import { appChannels } from './app';
import { searchChannels } from './search';
import { figureChannels } from './figures';
import { reportChannels } from './reports';
import { backupChannels } from './backup';
import { securityChannels } from './security';
import { exchangeChannels } from './exchange';
import { hqChannels } from './hq';
import { registerChannels } from './register';
import { draftChannels } from './drafts';
import { enrolChannels } from './enrol';
import { updateChannels } from './update';

export const contract = {
  ...figureChannels,
  ...reportChannels,
  ...appChannels,
  ...activityChannels,
  ...searchChannels,
  ...securityChannels,
  ...backupChannels,
  ...organisationChannels,
  ...contactChannels,
  ...agreementChannels,
  ...followupChannels,
  ...partnerImportChannels,
  ...recordImportChannels,
  ...exportChannels,
  ...exchangeChannels,
  ...hqChannels,
  ...registerChannels,
  ...draftChannels,
  ...enrolChannels,
  ...updateChannels,
};

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export type ChannelInput<C extends ChannelName> = z.input<Contract[C]['input']>;
export type ChannelParsed<C extends ChannelName> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends ChannelName> = Contract[C]['output'];

export function isChannelName(name: string): name is ChannelName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** Progress of a long call, pushed to the renderer while the call runs. */
export interface ProgressEvent {
  taskId: string;
  channel: ChannelName;
  done: number;
  total: number;
  /** i18n key of what is happening now. */
  stage: string;
}
