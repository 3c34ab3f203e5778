/**
 * A small pool of worker threads, each with its own read-only connection to the database
 * (electron/workers/read-worker.ts), for the expensive reads (services/reads.ts): they run
 * beside the main thread, which keeps the one writer, so a long read never holds up the
 * window and a long write (an import applied in slices) never delays a read.
 *
 * Why a read still sees the caller's own write: the main connection commits synchronously
 * before its call returns, and each read opens a new WAL snapshot at its start, which holds
 * every transaction committed by then. What a read does not see is a transaction still open
 * (an import between its slices): all of it or nothing, as for any other connection. While an
 * import runs, readers keep a snapshot for up to two seconds (snapshots()): they lag the
 * import's own batches, never a call that wrote (wrote()).
 *
 * Created by AppContext.open (after unlock), closed by AppContext.close (lock, quit, restore,
 * rekey: all of them reopen through open). A worker that dies is replaced; its calls are sent
 * once more to the replacement, then fail with READER_FAILED.
 *
 * The window's process may also ask a reader directly (ReaderLink, DIRECT_CHANNELS), through a
 * port of its own: while an import runs, the data thread that owns the pool answers only between
 * the import's slices and commits, which left the list's page waiting 100–300 ms (bench, responsive).
 */
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { AppError, type ErrorPayload, type Result } from '../../shared/errors';
import type { ReadInput, ReadName, ReadOutput } from '../services/reads';
import { workerBundle } from '../workers/bundles';
import type { WorkerTarget } from './worker';

/** Slots of the flags each worker shares with the pool. */
export const CLOSING = 0;
export const CLOSED = 1;
/** How many long writes (imports) ask the readers to keep their snapshot meanwhile (snapshots()). */
export const HOLDING = 2;
/** Bumped after any other call that may have written: a kept snapshot is then left at once. */
export const WRITTEN = 3;
const FLAG_SLOTS = 4;

/**
 * How long a reader keeps one snapshot while an import commits batch after batch. Each commit
 * would otherwise discard its page cache (decrypted again at the next read) and its remembered
 * totals, several times a second; the list lags the import by at most this long.
 */
export const SNAPSHOT_HOLD_MS = 2000;

/** A message that is not a call: the worker leaves its kept snapshot (the import is over). */
export const LEAVE_SNAPSHOT = 'leave-snapshot';

export interface ReaderData {
  path: string;
  key: string | null;
  nativeBinding?: string;
  /** [CLOSING, CLOSED, HOLDING, WRITTEN]: CLOSING set by the pool, CLOSED by the worker once its connection is closed. */
  flags: Int32Array;
  /** Calls from the window's process (DirectCall), answered there (DirectAnswer). */
  window: MessagePort;
}

/**
 * How the window's process reaches the readers (data-host/client.ts): each reader's port is
 * offered as the reader starts; routes[DIRECT] counts the imports holding snapshots, while which
 * the list's page and total go to a reader directly.
 */
export interface ReaderLink {
  routes: Int32Array;
  offer(port: MessagePort): void;
}
export const DIRECT = 0;

/** A call of DIRECT_CHANNELS from the window's process, its contract input not yet checked. */
export interface DirectCall {
  id: number;
  channel: string;
  input: unknown;
}

/** The call's result; or `redirect` when no import runs or the reader is closing: the data thread answers it then. */
export type DirectAnswer = { id: number; result: Result<unknown> } | { id: number; redirect: true };

export interface ReadCall {
  id: number;
  name: ReadName;
  input: unknown;
}

export type ReadAnswer = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: ErrorPayload };

interface Pending extends ReadCall {
  retried: boolean;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Thread {
  worker: Worker;
  flags: Int32Array;
  calls: Map<number, Pending>;
  exited: boolean;
}

/** Two readers: the list's total beside a search or the figures, on a 2-core laptop. */
export const READERS = 2;
/** How long close() waits for a worker to finish the read it is in and close its connection. */
const CLOSE_WAIT_MS = 5000;
/** Workers that die one after the other (none answering meanwhile) before the pool gives up replacing them. */
const MAX_REPLACEMENTS = 3;

export class ReadPool {
  private threads: Thread[] = [];
  private nextId = 1;
  private closed = false;
  private replacements = 0;
  private holds = 0;

  constructor(
    private readonly target: WorkerTarget,
    size = READERS,
    private readonly link?: ReaderLink,
  ) {
    for (let i = 0; i < size; i++) this.threads.push(this.start());
  }

  /** Workers alive now (a dead one is replaced). */
  get size(): number {
    return this.threads.length;
  }

  /** The worker threads, for diagnostics and tests. */
  get workers(): readonly Worker[] {
    return this.threads.map((t) => t.worker);
  }

  run<N extends ReadName>(name: N, input: ReadInput<N>): Promise<ReadOutput<N>> {
    if (this.closed) return Promise.reject(new AppError('LOCKED', 'Cầu Nối is locked: enter the passphrase'));
    const thread = this.threads.reduce<Thread | undefined>((a, b) => (!a || b.calls.size < a.calls.size ? b : a), undefined);
    if (!thread) return Promise.reject(readerFailed('no reader is running'));
    return new Promise((resolve, reject) =>
      this.send(thread, { id: this.nextId++, name, input, retried: false, resolve: resolve as (v: unknown) => void, reject }),
    );
  }

  /**
   * Readers keep one snapshot (up to SNAPSHOT_HOLD_MS) until the returned function is called:
   * for a long write that commits often. A write of anyone else meanwhile (wrote()) still shows
   * at the next read.
   */
  snapshots(): () => void {
    this.holds++;
    this.setFlag(HOLDING, this.holds);
    if (this.link) Atomics.store(this.link.routes, DIRECT, this.holds);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.holds--;
      this.setFlag(HOLDING, this.holds);
      if (this.link && !this.closed) Atomics.store(this.link.routes, DIRECT, this.holds);
      // An idle reader would keep its snapshot, and the WAL could not be reset behind it.
      if (this.holds === 0) for (const t of this.threads) t.worker.postMessage(LEAVE_SNAPSHOT);
    };
  }

  /** A call that may have written has returned: kept snapshots are left before the next read. */
  wrote(): void {
    if (this.holds > 0) for (const t of this.threads) Atomics.add(t.flags, WRITTEN, 1);
  }

  private setFlag(slot: number, value: number): void {
    for (const t of this.threads) Atomics.store(t.flags, slot, value);
  }

  private send(thread: Thread, call: Pending): void {
    thread.calls.set(call.id, call);
    thread.worker.postMessage({ id: call.id, name: call.name, input: call.input } satisfies ReadCall);
  }

  private start(): Thread {
    const flags = new Int32Array(new SharedArrayBuffer(FLAG_SLOTS * Int32Array.BYTES_PER_ELEMENT));
    flags[HOLDING] = this.holds;
    const { port1: window, port2: offered } = new MessageChannel();
    const worker = new Worker(workerBundle('read-worker'), {
      workerData: { path: this.target.path, key: this.target.key, nativeBinding: this.target.nativeBinding, flags, window } satisfies ReaderData,
      transferList: [window],
    });
    // Without a link nobody asks directly.
    if (this.link) this.link.offer(offered);
    else offered.close();
    const thread: Thread = { worker, flags, calls: new Map(), exited: false };
    worker.on('message', (answer: ReadAnswer) => {
      const call = thread.calls.get(answer.id);
      if (!call) return;
      thread.calls.delete(answer.id);
      this.replacements = 0;
      if (answer.ok) call.resolve(answer.value);
      else call.reject(AppError.from(answer.error));
    });
    worker.on('error', (error) => this.lost(thread, error.message));
    worker.on('exit', (code) => {
      thread.exited = true;
      this.lost(thread, `exit ${code}`);
    });
    return thread;
  }

  /** A worker died (a crash, out of memory): another takes its place and its calls, once. */
  private lost(thread: Thread, why: string): void {
    const at = this.threads.indexOf(thread);
    if (at < 0 || this.closed) return;
    void thread.worker.terminate();
    console.error(`[cau-noi] a database reader stopped (${why})`);
    const fresh = this.replacements++ < MAX_REPLACEMENTS ? this.start() : null;
    if (fresh) this.threads[at] = fresh;
    else this.threads.splice(at, 1);
    for (const call of thread.calls.values()) {
      if (fresh && !call.retried) this.send(fresh, { ...call, retried: true });
      else call.reject(readerFailed(why));
    }
    thread.calls.clear();
  }

  /**
   * Closes every connection before returning: a reader left open would keep a rekey or a
   * restore (which follow at once) out of the file. Waits for a worker in the middle of a
   * read to finish it (bounded); calls still waiting fail as locked.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.link) Atomics.store(this.link.routes, DIRECT, 0);
    for (const t of this.threads) {
      Atomics.store(t.flags, CLOSING, 1);
      // Wakes an idle worker; a busy one sees the flag at its next message.
      t.worker.postMessage(null);
    }
    const deadline = Date.now() + CLOSE_WAIT_MS;
    let canBlock = true;
    for (const t of this.threads) {
      while (!t.exited && Atomics.load(t.flags, CLOSED) === 0 && Date.now() < deadline) {
        if (!canBlock) continue;
        try {
          Atomics.wait(t.flags, CLOSED, 0, deadline - Date.now());
        } catch {
          // A thread that may not block (a browser-like main thread) polls instead: a read lasts milliseconds.
          canBlock = false;
        }
      }
    }
    for (const t of this.threads) {
      void t.worker.terminate();
      for (const call of t.calls.values()) call.reject(new AppError('LOCKED', 'Cầu Nối is locked: enter the passphrase'));
    }
    this.threads = [];
  }
}

function readerFailed(why: string): AppError {
  return new AppError('READER_FAILED', `The database reader stopped (${why}); try again`, { params: { reason: why } });
}
