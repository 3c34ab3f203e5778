/**
 * The main process's side of the batch worker (workers/batch-worker.ts): one worker thread
 * decodes the batches of an import one after another while the main process only looks up
 * trust and keys in the database and applies the verified lines. The worker runs under a heap
 * limit and a deadline (no sign of progress for idleMs): a batch that makes it run out of
 * memory, crash or stall is refused with a code, and the next batch gets a new worker.
 * Workers are kept a little while between calls (starting one costs a tenth of a second).
 */
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorPayload } from '../../../shared/errors';
import type { Progress } from '../slices';
import { workerBundle } from '../../workers/bundles';
import type { DecodeRequest } from '../../workers/batch-worker';
import type { AuthorKeys, Certificate, OpenedBatch } from './decode';
import { BATCH_LIMITS, batchTooLarge, type BatchManifest, type ChangeLine } from './format';

export interface DecoderLimits {
  heapMb: number;
  /** The longest the worker may go without a message (it posts one every few thousand lines). */
  idleMs: number;
  /** The worker's bundle (tests start a broken one). */
  bundle: string;
}

export const DECODER_LIMITS: Omit<DecoderLimits, 'bundle'> = { heapMb: 2048, idleMs: 60_000 };

type Reply =
  | { type: 'opened'; manifest: BatchManifest; sha256: string }
  | { type: 'slice'; lines: ChangeLine[]; stage: 'parsed' | 'verified'; done: number }
  | { type: 'read'; certificates: Certificate[]; inner: Uint8Array }
  | { type: 'refused'; error: ErrorPayload };

export interface DecodedLines {
  lines: ChangeLine[];
  certificates: Certificate[];
  /** The decrypted, signed container (kept for a held batch). */
  inner: Uint8Array;
}

function stopped(reason: 'timeout' | 'crash', detail: string): AppError {
  return new AppError('BATCH_DECODE_STOPPED', `The batch could not be read: its reader ${detail}`, { params: { reason } });
}

/** Idle decoders with their worker still running, closed after IDLE_CLOSE_MS unused. */
const idle = new Set<BatchDecoder>();
const IDLE_CLOSE_MS = 30_000;

/** Runs fn with a decoder of its own (several imports may run at once); limits: a one-off decoder (tests). */
export async function withDecoder<T>(fn: (decoder: BatchDecoder) => Promise<T>, limits?: Partial<DecoderLimits>): Promise<T> {
  const kept: BatchDecoder | undefined = limits ? undefined : idle.values().next().value;
  if (kept) idle.delete(kept);
  const decoder = kept ?? new BatchDecoder(limits);
  clearTimeout(decoder.idleTimer);
  try {
    return await fn(decoder);
  } finally {
    if (limits) decoder.close();
    else {
      decoder.drop();
      idle.add(decoder);
      decoder.idleTimer = setTimeout(() => idle.delete(decoder) && decoder.close(), IDLE_CLOSE_MS).unref();
    }
  }
}

export class BatchDecoder {
  idleTimer: NodeJS.Timeout | undefined;
  private worker: Worker | null = null;
  private waiting: { onReply: (reply: Reply) => void; fail: (error: AppError) => void } | null = null;
  private timer: NodeJS.Timeout | undefined;
  private changeCount = 0;
  private readonly limits: DecoderLimits;

  constructor(limits: Partial<DecoderLimits> = {}) {
    this.limits = { ...DECODER_LIMITS, bundle: workerBundle('batch-worker'), ...limits };
  }

  /** Decrypts the file with identities (null: bytes is a decrypted container, a held batch) and reads its manifest. */
  async open(bytes: Uint8Array, identities: string[] | null): Promise<OpenedBatch> {
    // age decrypts in memory, and its output is never larger than its input: bound the input.
    if (bytes.length > BATCH_LIMITS.fileBytes) throw batchTooLarge(`the file has ${bytes.length} bytes`);
    // A copy of our own to hand over (transferred, not cloned): the caller's buffer may be a slice of Node's shared pool.
    const own = new Uint8Array(bytes);
    const opened = await this.request<OpenedBatch>({ type: 'open', bytes: own, identities }, [own.buffer], (reply, resolve) => {
      if (reply.type === 'opened') resolve({ manifest: reply.manifest, sha256: reply.sha256 });
    });
    this.changeCount = opened.manifest.changeCount;
    return opened;
  }

  /** Reads the opened batch's lines, verified with authors (null: this device's own copy, not verified). */
  read(authors: AuthorKeys | null, progress: Progress = () => {}): Promise<DecodedLines> {
    const lines: ChangeLine[] = [];
    const total = 2 * this.changeCount;
    return this.request<DecodedLines>({ type: 'read', authors, now: Date.now() }, [], (reply, resolve) => {
      if (reply.type === 'slice') {
        for (const line of reply.lines) lines.push(line);
        progress({ done: reply.stage === 'parsed' ? reply.done : total / 2 + reply.done, total, stage: 'exchange.stage.verifying' });
      } else if (reply.type === 'read') resolve({ lines, certificates: reply.certificates, inner: reply.inner });
    });
  }

  /** Forgets the opened batch (refused by the main process's own checks). */
  drop(): void {
    this.worker?.postMessage({ type: 'drop' } satisfies DecodeRequest);
  }

  close(): void {
    if (this.worker) void this.worker.terminate();
    this.worker = null;
    clearTimeout(this.timer);
  }

  private start(): Worker {
    const worker = new Worker(this.limits.bundle, {
      resourceLimits: { maxOldGenerationSizeMb: this.limits.heapMb, maxYoungGenerationSizeMb: 64, stackSizeMb: 4 },
    });
    worker.on('message', (reply: Reply) => {
      if (worker !== this.worker) return;
      this.watch();
      this.waiting?.onReply(reply);
    });
    // Out of heap is the file's doing (too large to read here); a crash or stall refuses the file too.
    worker.on('error', (error: Error & { code?: string }) =>
      this.stop(
        worker,
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? batchTooLarge(`more than ${this.limits.heapMb} MB of memory needed to read it`)
          : stopped('crash', `failed (${error.message})`),
      ),
    );
    worker.on('exit', (code) => this.stop(worker, stopped('crash', `stopped (exit ${code})`)));
    // An idle worker keeps no process alive (the CLI ends); during a request the deadline's timer does.
    // After the listeners: adding a 'message' listener refs the worker again.
    worker.unref();
    return worker;
  }

  private stop(worker: Worker, error: AppError): void {
    if (worker !== this.worker) return;
    this.close();
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.fail(error);
  }

  private watch(): void {
    clearTimeout(this.timer);
    const worker = this.worker!;
    this.timer = setTimeout(() => this.stop(worker, stopped('timeout', `gave no sign of progress for ${this.limits.idleMs / 1000} s`)), this.limits.idleMs);
  }

  private request<T>(message: DecodeRequest, transfer: ArrayBuffer[], onReply: (reply: Reply, resolve: (value: T) => void) => void): Promise<T> {
    this.worker ??= this.start();
    return new Promise<T>((resolve, reject) => {
      const settle = (outcome: () => void) => {
        this.waiting = null;
        clearTimeout(this.timer);
        outcome();
      };
      this.waiting = {
        onReply: (reply) =>
          reply.type === 'refused' ? settle(() => reject(AppError.from(reply.error))) : onReply(reply, (value) => settle(() => resolve(value))),
        fail: (error) => settle(() => reject(error)),
      };
      this.watch();
      this.worker!.postMessage(message, transfer);
    });
  }
}
