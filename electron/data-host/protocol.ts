/**
 * The messages between the process that serves the window (Electron's main, the browser
 * host) and the data thread (electron/workers/data-worker.ts), which holds the database, its
 * writer and its read pool. The window's process only forwards calls, so nothing the database
 * does (an import of 94 batches, a search rebuild) delays it.
 */
import type { MessagePort } from 'node:worker_threads';
import type { ProgressEvent } from '../../shared/contract';
import type { ErrorPayload, Result } from '../../shared/errors';
import type { ContextOptions } from '../context';

/** The context's options that cross the thread boundary, and what the shell lends (its functions stay behind). */
export interface DataHostInit {
  options: Omit<ContextOptions, 'keyKeeper' | 'updateShell' | 'readerLink' | 'upgrading'>;
  /** ReaderLink.routes, read by the window's process before each call of DIRECT_CHANNELS. */
  routes: Int32Array;
  /** The OS can keep the key (Electron's safeStorage); absent off Electron. */
  sealer: { available: boolean } | null;
  /** Electron's updater is there; absent off Electron. */
  update: { allowTestKeys: boolean } | null;
  /** Work on timers: the daily backup and signing lines ahead (the app and the browser host; not the tests). */
  background: boolean;
}

/** What the data thread may ask of the shell (the methods of KeySealer and UpdateShell that cross). */
export type ShellMethod =
  'sealer.seal' | 'sealer.unseal' | 'update.check' | 'update.download' | 'update.restartToInstall' | 'update.choosePackage' | 'update.openInstaller';

export type ToDataThread =
  | { kind: 'call'; id: number; channel: string; input: unknown }
  /** Away from the keyboard: lock after a running import, if there is a passphrase. */
  | { kind: 'lock'; id: number }
  | { kind: 'close'; id: number }
  | { kind: 'shell-answer'; id: number; result: Result<unknown> }
  | { kind: 'shell-progress'; id: number; done: number; total: number };

export type FromDataThread =
  | { kind: 'answer'; id: number; result: Result<unknown> }
  | { kind: 'progress'; id: number; event: ProgressEvent }
  | { kind: 'shell'; id: number; method: ShellMethod; args: unknown[] }
  /** A reader of the pool just started: its port, for the window's process to ask it directly. */
  | { kind: 'reader'; port: MessagePort }
  /** The open at start upgrades the data for this version (now: true) or is done (false). */
  | { kind: 'upgrading'; now: boolean }
  | { kind: 'done'; id: number; error?: ErrorPayload };
