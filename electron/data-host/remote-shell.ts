/**
 * In the data thread: the shell's services (safeStorage, the updater, file dialogs), which only
 * exist in the process that serves the window, as asynchronous calls across the thread boundary.
 */
import { AppError } from '../../shared/errors';
import type { KeySealer } from '../services/security';
import type { UpdateShell } from '../services/updates';
import type { FromDataThread, ShellMethod, ToDataThread } from './protocol';

interface Waiting {
  resolve(value: unknown): void;
  reject(error: Error): void;
  onProgress?: (done: number, total: number) => void;
}

export function remoteShell(post: (message: FromDataThread) => void) {
  let nextId = 1;
  const waiting = new Map<number, Waiting>();
  const ask = <T>(method: ShellMethod, args: unknown[], onProgress?: Waiting['onProgress']) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve: resolve as Waiting['resolve'], reject, onProgress });
      post({ kind: 'shell', id, method, args });
    });
  return {
    receive(message: Extract<ToDataThread, { kind: 'shell-answer' | 'shell-progress' }>): void {
      const call = waiting.get(message.id);
      if (!call) return;
      if (message.kind === 'shell-progress') return call.onProgress?.(message.done, message.total);
      waiting.delete(message.id);
      if (message.result.ok) call.resolve(message.result.value);
      else call.reject(AppError.from(message.result.error));
    },
    sealer: (available: boolean): KeySealer => ({
      available,
      seal: (text) => ask('sealer.seal', [text]),
      unseal: (sealed) => ask('sealer.unseal', [sealed]),
    }),
    update: (allowTestKeys: boolean): UpdateShell => ({
      allowTestKeys,
      check: (url) => ask('update.check', [url]),
      download: (onProgress) => ask('update.download', [], onProgress),
      restartToInstall: () => void ask('update.restartToInstall', []).catch(() => {}),
      choosePackage: () => ask('update.choosePackage', []),
      openInstaller: (file, action) => ask('update.openInstaller', [file, action]),
    }),
  };
}
