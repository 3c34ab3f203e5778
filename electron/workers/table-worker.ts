/**
 * Worker entry (bundled to dist/electron/table-worker.cjs): reads one table file and posts
 * back the table or the refusal. It runs under the memory limit and deadline its parent
 * sets, so a file that escapes the readers' own bounds kills this thread, not the app.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../shared/errors';
import { readTable } from '../services/table-file';
import type { TableLimits } from '../services/table-limits';
import { runInBackground } from './priority';

runInBackground();

const { fileName, bytes, limits, headerNames } = workerData as { fileName: string; bytes: Uint8Array; limits: TableLimits; headerNames?: string[] };
try {
  parentPort!.postMessage({ ok: true, table: readTable(fileName, bytes, limits, headerNames) });
} catch (error) {
  const payload =
    error instanceof AppError ? error.toPayload() : { code: 'IMPORT_UNREADABLE', message: `The file cannot be read: ${(error as Error).message}` };
  parentPort!.postMessage({ ok: false, error: payload });
}
