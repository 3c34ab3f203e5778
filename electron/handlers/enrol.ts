import { acceptHandover, writeHandover } from '../services/exchange/handover';
import { rotateKey, switchReceiverKey } from '../services/exchange/hq-keys';
import { invitations, keepInvitation, readInvitation, writeInvitation } from '../services/exchange/invitation';
import { appState, setUp } from './app';
import type { ChannelsOf, HandlerMap } from './types';

export const enrolHandlers: HandlerMap<ChannelsOf<'enrol.'>> = {
  'enrol.invite': (input, { app }) => writeInvitation(app, input),
  'enrol.invitations': (_input, { app }) => invitations(app),
  'enrol.preview': (input) => {
    const { body: _body, ...preview } = readInvitation(input.text);
    return preview;
  },
  'enrol.join': async (input, { app }) => {
    const invitation = readInvitation(input.text);
    await setUp(app, { mode: 'mission', mission: invitation.mission, user: { name: input.user.name, role: 'staff' } }, () => keepInvitation(app, invitation));
    return appState(app);
  },
  'enrol.handover': (_input, { app }) => writeHandover(app),
  'enrol.acceptHandover': (input, { app }) => acceptHandover(app, input.text, input.fingerprint),
  'enrol.rotateKey': (_input, { app }) => rotateKey(app),
  'enrol.receiverKey': (input, { app }) => switchReceiverKey(app, input.text, input.fingerprint),
};
