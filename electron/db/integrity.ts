/**
 * PRAGMA quick_check reads every page: ~3 ms per MB on a modest laptop, seconds for a folder
 * of 100,000 activities (npm run bench, open). Files up to CHECK_BEFORE_USE_MAX_BYTES are
 * checked before use (openDatabase); bigger ones on a second, read-only connection in a
 * worker thread shortly after opening, so the window is ready at once and a damaged file
 * is still caught, and closed with DB_CORRUPT, within seconds.
 */
import fs from 'node:fs';
import { databaseWorker, type WorkerTarget } from './worker';

export const CHECK_BEFORE_USE_MAX_BYTES = 48 * 1024 * 1024;
/** Leaves the first seconds to the window and its first queries. */
const BACKGROUND_DELAY_MS = 3000;

export type CheckTarget = WorkerTarget;

export function checkedInBackground(path: string): boolean {
  return path !== ':memory:' && fs.existsSync(path) && fs.statSync(path).size > CHECK_BEFORE_USE_MAX_BYTES;
}

// Run by the worker (worker.ts).
const CHECK_SOURCE = `
let db;
try {
  db = openDb();
  const rows = db.pragma('quick_check');
  parentPort.postMessage({ problems: rows.length === 1 && rows[0].quick_check === 'ok' ? 0 : rows.length });
} catch (error) {
  const code = String((error && error.code) || '');
  parentPort.postMessage({ problems: code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB' ? 1 : 0, failed: code || String(error) });
} finally {
  if (db) db.close();
}`;

export interface CheckOutcome {
  /** Problems found (0: sound, or not known to be damaged when the check failed to run). */
  problems: number;
  /** Why the check could not run, when it could not. */
  failed?: string;
}

/** Runs quick_check in a worker thread. */
export function checkInWorker(target: CheckTarget): { outcome: Promise<CheckOutcome>; stop: () => void } {
  const worker = databaseWorker(CHECK_SOURCE, target);
  const outcome = new Promise<CheckOutcome>((resolve) => {
    worker.once('message', resolve);
    worker.once('error', (error) => resolve({ problems: 0, failed: error.message }));
    worker.once('exit', () => resolve({ problems: 0, failed: 'stopped' }));
  });
  // Never keeps the process alive (a CLI command ends when its work is done). After the listeners:
  // adding a 'message' listener refs the worker again.
  worker.unref();
  return { outcome, stop: () => void worker.terminate() };
}

/** For a large file: checks it after a short delay; onDamaged runs if problems are found. Returns a canceller. */
export function scheduleIntegrityCheck(target: CheckTarget, onDamaged: (problems: number) => void): () => void {
  if (!checkedInBackground(target.path)) return () => {};
  let stopWorker: (() => void) | null = null;
  const timer = setTimeout(() => {
    const check = checkInWorker(target);
    stopWorker = check.stop;
    void check.outcome.then(({ problems }) => {
      stopWorker = null;
      if (problems > 0) onDamaged(problems);
    });
  }, BACKGROUND_DELAY_MS);
  timer.unref();
  return () => {
    clearTimeout(timer);
    stopWorker?.();
  };
}
