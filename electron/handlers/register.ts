import { addToRegister, editRegister, listRegister, removeFromRegister } from '../services/register';
import type { ChannelsOf, HandlerMap } from './types';

export const registerHandlers: HandlerMap<ChannelsOf<'hq.register.'>> = {
  'hq.register.list': (_input, { app }) => listRegister(app),
  'hq.register.add': (mission, { app }) => addToRegister(app, mission),
  'hq.register.edit': ({ code, values }, { app }) => editRegister(app, code, values),
  'hq.register.remove': ({ code }, { app }) => removeFromRegister(app, code),
};
