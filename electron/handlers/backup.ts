import { backupNow, listBackups, restoreBackup } from '../services/backup';
import { pruneAcknowledged } from '../services/exchange/ack';
import { recoverSentBatches } from '../services/exchange/recover';
import type { ChannelsOf, HandlerMap } from './types';

export const backupHandlers: HandlerMap<ChannelsOf<'backup.'>> = {
  'backup.list': (_input, { app }) => listBackups(app.options.dataDir),
  'backup.create': (_input, { app }) => {
    const made = backupNow(app, 'manual');
    // Acknowledged outbox copies this backup now knows are no longer needed for a restore.
    if (app.missionId()) pruneAcknowledged(app);
    return made;
  },
  'backup.restore': async (input, { app, progress }) => {
    progress({ done: 0, total: 1, stage: 'security.backup.restoring' });
    const restored = await restoreBackup(app, input.file, input.passphrase, () => progress({ done: 0, total: 1, stage: 'security.backup.upgrading' }));
    // Batches sent after the backup was taken are read back from the outbox. (No stage after the
    // upgrade's: it stays on screen until the answer.)
    await recoverSentBatches(app);
    return restored;
  },
};
