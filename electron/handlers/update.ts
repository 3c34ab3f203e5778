import { checkServer, inspectPackage, installPackage, requireShell, setUpdateServer, updateStatus } from '../services/updates';
import type { ChannelsOf, HandlerMap } from './types';

export const updateHandlers: HandlerMap<ChannelsOf<'update.'>> = {
  'update.status': (_input, { app }) => updateStatus(app),
  'update.setServer': ({ url }, { app }) => setUpdateServer(app, url),
  'update.check': (_input, { app }) => checkServer(app),
  'update.download': async (_input, { app, progress }) => ({
    version: await requireShell(app).download((done, total) => progress({ done, total, stage: 'update.downloading' })),
  }),
  'update.restart': (_input, { app }) => {
    requireShell(app).restartToInstall();
    return { restarting: true };
  },
  'update.inspect': ({ path }, { app }) => inspectPackage(app, path),
  'update.install': ({ path, sha256 }, { app }) => installPackage(app, path, sha256),
};
