/**
 * The data thread seen from the process that serves the window (Electron's main, the browser
 * host): `call` forwards a contract call and resolves with its result, progress events included;
 * the shell's services (safeStorage, the updater) answer the thread's requests here. A thread
 * that dies (a crash, out of memory) fails its calls with DATA_THREAD_STOPPED and is started
 * again (the folder then opens as at start: locked if it has a passphrase and no kept key).
 * While an import runs, the list's page and total are asked of the read pool's readers directly
 * (DIRECT_CHANNELS, db/read-pool.ts): the data thread would relay them only between the
 * import's slices and commits.
 */
import { Worker, type MessagePort } from 'node:worker_threads';
import type { ProgressEvent } from '../../shared/contract';
import { AppError, type Result } from '../../shared/errors';
import { DIRECT, type DirectAnswer, type DirectCall } from '../db/read-pool';
import type { ProgressSink } from '../ipc/dispatch';
import { DIRECT_CHANNELS } from '../services/reads';
import type { KeySealer } from '../services/security';
import type { UpdateShell } from '../services/updates';
import { workerBundle } from '../workers/bundles';
import type { DataHostInit, FromDataThread, ShellMethod, ToDataThread } from './protocol';

export interface Shell {
  sealer?: KeySealer;
  update?: UpdateShell;
}

type Options = Pick<DataHostInit, 'options' | 'background'>;

interface Waiting {
  resolve(result: Result<unknown>): void;
  onProgress: ProgressSink;
}

/** A reader asked directly, and its calls not yet answered (sent to the data thread if it goes). */
interface Reader {
  port: MessagePort;
  calls: Map<number, DirectCall & Waiting>;
}

/**
 * Asked first by the window, and answered here with UPGRADING while the thread upgrades the data
 * at start (minutes at HQ's size): the window says so and asks again, instead of a blank wait.
 */
const STATE_CHANNEL = 'app.state';

/** Threads that die one after the other (none answering meanwhile) before the host stops restarting. */
const MAX_RESTARTS = 3;
const CLOSE_WAIT_MS = 10_000;

export class DataHost {
  private worker: Worker;
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();
  private closing = false;
  private restarts = 0;
  private readonly routes = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  private readers: Reader[] = [];
  private upgradingNow = false;

  constructor(
    private readonly options: Options,
    private readonly shell: Shell = {},
  ) {
    this.worker = this.start();
  }

  /** The thread, for diagnostics and tests. */
  get thread(): Worker {
    return this.worker;
  }

  /** The thread is upgrading the data for this version as it opens the folder at start. */
  get upgrading(): boolean {
    return this.upgradingNow;
  }

  call(channel: string, input: unknown, onProgress: ProgressSink = () => {}): Promise<Result<unknown>> {
    if (this.closing) return Promise.resolve({ ok: false, error: stopped('closing').toPayload() });
    if (this.upgradingNow && channel === STATE_CHANNEL) return Promise.resolve({ ok: false, error: upgrading().toPayload() });
    if (Atomics.load(this.routes, DIRECT) > 0 && DIRECT_CHANNELS.has(channel) && this.readers.length > 0) {
      const reader = this.readers.reduce((a, b) => (b.calls.size < a.calls.size ? b : a));
      return new Promise((resolve) => {
        const call = { id: this.nextId++, channel, input };
        reader.calls.set(call.id, { ...call, resolve, onProgress });
        reader.port.postMessage(call satisfies DirectCall);
      });
    }
    return this.send({ kind: 'call', channel, input }, onProgress);
  }

  /** Locks the folder once a running import is done (a plain folder stays open). */
  async lock(): Promise<void> {
    const result = await this.send({ kind: 'lock' });
    if (!result.ok) throw AppError.from(result.error);
  }

  /** Closes the database (the read pool, the integrity check) and ends the thread. */
  async close(): Promise<void> {
    if (this.closing) return;
    const done = this.send({ kind: 'close' });
    this.closing = true;
    for (const reader of this.readers.splice(0)) reader.port.close();
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, CLOSE_WAIT_MS).unref());
    await Promise.race([done.then(() => exited), timeout]);
    await this.worker.terminate();
  }

  private send(message: { kind: 'call'; channel: string; input: unknown } | { kind: 'lock' | 'close' }, onProgress: ProgressSink = () => {}) {
    return new Promise<Result<unknown>>((resolve) => {
      const id = this.nextId++;
      this.waiting.set(id, { resolve, onProgress });
      this.worker.postMessage({ ...message, id } satisfies ToDataThread);
    });
  }

  private start(): Worker {
    const init: DataHostInit = {
      ...this.options,
      sealer: this.shell.sealer ? { available: this.shell.sealer.available } : null,
      update: this.shell.update ? { allowTestKeys: this.shell.update.allowTestKeys } : null,
      routes: this.routes,
    };
    // A thread that died left its imports' count behind: the new one starts with none.
    Atomics.store(this.routes, DIRECT, 0);
    this.upgradingNow = false;
    const worker = new Worker(workerBundle('data-worker'), { workerData: init });
    worker.on('message', (message: FromDataThread) => this.receive(message));
    worker.on('error', (error) => console.error(`[cau-noi] the data thread failed: ${error.name}`));
    worker.on('exit', (code) => this.exited(worker, code));
    return worker;
  }

  private receive(message: FromDataThread): void {
    if (message.kind === 'shell') return void this.answerShell(message.id, message.method, message.args);
    if (message.kind === 'reader') return this.addReader(message.port);
    if (message.kind === 'upgrading') return void (this.upgradingNow = message.now);
    const call = this.waiting.get(message.id);
    if (!call) return;
    if (message.kind === 'progress') return call.onProgress(message.event as ProgressEvent);
    this.waiting.delete(message.id);
    this.restarts = 0;
    if (message.kind === 'answer') call.resolve(message.result);
    else call.resolve(message.error ? { ok: false, error: message.error } : { ok: true, value: undefined });
  }

  private addReader(port: MessagePort): void {
    const reader: Reader = { port, calls: new Map() };
    this.readers.push(reader);
    port.on('message', (answer: DirectAnswer) => {
      const call = reader.calls.get(answer.id);
      if (!call) return;
      reader.calls.delete(answer.id);
      if ('result' in answer) call.resolve(answer.result);
      else this.send({ kind: 'call', channel: call.channel, input: call.input }, call.onProgress).then(call.resolve);
    });
    // The reader closed (the lock) or died: what it had not answered goes to the data thread.
    port.on('close', () => {
      this.readers = this.readers.filter((r) => r !== reader);
      for (const call of reader.calls.values()) void this.call(call.channel, call.input, call.onProgress).then(call.resolve);
      reader.calls.clear();
    });
    // Only the data thread keeps the process alive.
    port.unref();
  }

  private async answerShell(id: number, method: ShellMethod, args: unknown[]): Promise<void> {
    let result: Result<unknown>;
    try {
      result = { ok: true, value: await this.runShell(id, method, args) };
    } catch (error) {
      // The OS keychain or the updater said no: the person sees why, in the screen that asked.
      const reason = `${method}: ${(error as Error).message}`;
      const failure = error instanceof AppError ? error : new AppError('SHELL_FAILED', reason, { params: { reason } });
      result = { ok: false, error: failure.toPayload() };
    }
    this.worker.postMessage({ kind: 'shell-answer', id, result } satisfies ToDataThread);
  }

  private runShell(id: number, method: ShellMethod, args: unknown[]): unknown {
    const { sealer, update } = this.shell;
    const need = <T>(service: T | undefined): T => {
      if (!service) throw new AppError('NOT_AVAILABLE', `${method} is not available here`);
      return service;
    };
    switch (method) {
      case 'sealer.seal':
        return need(sealer).seal(args[0] as string);
      case 'sealer.unseal':
        return need(sealer).unseal(args[0] as Uint8Array);
      case 'update.check':
        return need(update).check(args[0] as string);
      case 'update.download':
        return need(update).download((done, total) => this.worker.postMessage({ kind: 'shell-progress', id, done, total } satisfies ToDataThread));
      case 'update.restartToInstall':
        return need(update).restartToInstall();
      case 'update.choosePackage':
        return need(update).choosePackage();
      case 'update.openInstaller':
        return need(update).openInstaller(args[0] as string, args[1] as Parameters<UpdateShell['openInstaller']>[1]);
    }
  }

  /** An exit we did not ask for: its calls fail, and a new thread opens the folder again (bounded). */
  private exited(worker: Worker, code: number): void {
    if (worker !== this.worker || this.closing) return;
    console.error(`[cau-noi] the data thread stopped (exit ${code})`);
    for (const call of this.waiting.values()) call.resolve({ ok: false, error: stopped(`exit ${code}`).toPayload() });
    this.waiting.clear();
    if (this.restarts++ < MAX_RESTARTS) this.worker = this.start();
    else this.closing = true;
  }
}

function stopped(why: string): AppError {
  return new AppError('DATA_THREAD_STOPPED', `The data thread stopped (${why}); try again`, { params: { reason: why } });
}

function upgrading(): AppError {
  return new AppError('UPGRADING', 'The data is being backed up and upgraded for this version; ask again in a moment');
}
