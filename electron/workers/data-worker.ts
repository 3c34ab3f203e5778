/**
 * Worker entry (bundled to dist/electron/data-worker.cjs): the data thread. It opens the data
 * folder (AppContext: the database, the writer, the read pool), runs every call through
 * dispatch and answers; the process that serves the window only forwards (data-host/client.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppContext } from '../context';
import { remoteShell } from '../data-host/remote-shell';
import type { DataHostInit, FromDataThread, ToDataThread } from '../data-host/protocol';
import { dispatch, toErrorPayload } from '../ipc/dispatch';
import { scheduleBackups } from '../services/backup';
import { scheduleLineSigning } from '../services/exchange/line-signing';
import { keyKeeper, unlockWithKeptKey } from '../services/security';
import { runInBackground } from './priority';

runInBackground();

const init = workerData as DataHostInit;
const port = parentPort!;
const post = (message: FromDataThread) => port.postMessage(message);
const shell = remoteShell(post);

const app = new AppContext({
  ...init.options,
  // Posted while this thread is busy upgrading: the window's process tells the window (DataHost).
  upgrading: () => post({ kind: 'upgrading', now: true }),
  keyKeeper: init.sealer ? keyKeeper(init.options.dataDir, shell.sealer(init.sealer.available)) : undefined,
  updateShell: init.update ? shell.update(init.update.allowTestKeys) : undefined,
  readerLink: { routes: init.routes, offer: (reader) => port.postMessage({ kind: 'reader', port: reader } satisfies FromDataThread, [reader]) },
});
/** Signing ahead waits until the window has made no call for this long. */
const QUIET_MS = 1000;
let lastCallAt = Date.now();
const stopBackground = init.background ? [scheduleBackups(app), scheduleLineSigning(app, { quiet: () => Date.now() - lastCallAt > QUIET_MS })] : [];
// Calls wait for the kept key (it needs the shell): the first screen is then the unlocked one.
const ready = unlockWithKeptKey(app).catch((error: unknown) => console.error('[cau-noi] the kept key was not used', (error as Error).message));
// Before any call's answer: the start's open, and any upgrade, is done.
void ready.then(() => post({ kind: 'upgrading', now: false }));

/** Away from the keyboard: after a running import, the database closes and the window shows the lock screen. */
async function lockWhenIdle(): Promise<void> {
  await ready;
  while (app.exclusive) await app.exclusive;
  if (app.encrypted && !app.locked) app.lock();
}

function settle(id: number, work: () => Promise<void> | void): Promise<void> {
  return Promise.resolve()
    .then(work)
    .then(
      () => post({ kind: 'done', id }),
      (error: unknown) => post({ kind: 'done', id, error: toErrorPayload(error, 'data-thread') }),
    );
}

port.on('message', (message: ToDataThread) => {
  switch (message.kind) {
    case 'shell-answer':
    case 'shell-progress':
      return shell.receive(message);
    case 'call':
      lastCallAt = Date.now();
      return void ready
        .then(() => dispatch(app, message.channel, message.input, (event) => post({ kind: 'progress', id: message.id, event })))
        .then((result) => post({ kind: 'answer', id: message.id, result }));
    case 'lock':
      return void settle(message.id, lockWhenIdle);
    case 'close':
      return void settle(message.id, () => {
        for (const stop of stopBackground) stop();
        app.close();
      }).then(() => port.close());
  }
});
