/**
 * Reads a table file in a worker thread with a heap limit and a deadline: whatever a
 * hostile file does to the parser, the app gets an answer within the deadline and stays up.
 */
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorPayload } from '../../shared/errors';
import { checkSize, type Table } from './table-file';
import { tooComplex, type TableLimits } from './table-limits';
import { workerBundle } from '../workers/bundles';

export interface Isolation {
  heapMb: number;
  timeoutMs: number;
}

export const DEFAULT_ISOLATION: Isolation = { heapMb: 256, timeoutMs: 10_000 };

export async function readTableIsolated(
  fileName: string,
  bytes: Uint8Array,
  limits: TableLimits,
  isolation: Isolation = DEFAULT_ISOLATION,
  headerNames: readonly string[] = [],
): Promise<Table> {
  checkSize(bytes, limits);
  // A copy of our own to hand over (transferred, not cloned): the caller's buffer may be a slice of Node's shared pool.
  const own = new Uint8Array(bytes);
  const worker = new Worker(workerBundle('table-worker'), {
    workerData: { fileName, bytes: own, limits, headerNames },
    transferList: [own.buffer],
    resourceLimits: { maxOldGenerationSizeMb: isolation.heapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
  });
  return new Promise<Table>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(() => settle(() => reject(tooComplex(`not read within ${isolation.timeoutMs} ms`))), isolation.timeoutMs);
    worker.on('message', (message: { ok: true; table: Table } | { ok: false; error: ErrorPayload }) =>
      settle(() => (message.ok ? resolve(message.table) : reject(AppError.from(message.error)))),
    );
    // Out of heap is the file's doing; anything else (a worker missing from the install) is ours.
    worker.on('error', (error: Error & { code?: string }) =>
      settle(() => reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? tooComplex(`more than ${isolation.heapMb} MB of memory needed`) : error)),
    );
    worker.on('exit', (code) => settle(() => reject(tooComplex(`the reader stopped (exit ${code})`))));
  });
}
