import { acknowledgeLostWrites, changePassphrase, enableEncryption, IDLE_SETTING, rememberKey, securityStatus, unlock } from '../services/security';
import type { ChannelsOf, HandlerMap } from './types';

export const securityHandlers: HandlerMap<ChannelsOf<'security.'>> = {
  'security.status': (_input, { app }) => securityStatus(app),
  'security.unlock': async (input, { app, progress }) => {
    await unlock(app, input.passphrase, () => progress({ done: 0, total: 0, stage: 'security.lock.upgrading' }));
    return securityStatus(app);
  },
  'security.lock': (_input, { app }) => {
    app.lock();
    return securityStatus(app);
  },
  'security.enable': async (input, { app }) => {
    await enableEncryption(app, input.passphrase);
    return securityStatus(app);
  },
  'security.changePassphrase': async (input, { app }) => {
    await changePassphrase(app, input.current, input.next);
    return securityStatus(app);
  },
  'security.setIdleTimeout': (input, { app }) => {
    app.settings.set(IDLE_SETTING, input.minutes);
    return securityStatus(app);
  },
  'security.acknowledgeLostWrites': (_input, { app }) => {
    acknowledgeLostWrites(app);
    return securityStatus(app);
  },
  'security.rememberKey': async (input, { app }) => {
    await rememberKey(app, input.remember, input.passphrase);
    return securityStatus(app);
  },
};
