/**
 * Worker entry (bundled to dist/electron/read-worker.cjs): one read-only connection to the
 * database (WAL: it reads the last committed state while the main connection writes) that
 * answers the read pool's calls (electron/db/read-pool.ts) one at a time. It keeps the normal
 * priority: what it answers is what the person is waiting for, while the data thread beside it,
 * below normal (priority.ts), runs the import.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../shared/errors';
import { applyKey, knownSqliteError, READER_CACHE_KIB } from '../db/open';
import { CLOSED, CLOSING, type ReaderData, type ReadCall, type ReadAnswer } from '../db/read-pool';
import { reader, runRead } from '../services/reads';
const { path, key, nativeBinding, flags } = workerData as ReaderData;
const db = new Database(path, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
if (key) applyKey(db, key);
// As the main connection: sorts stay in memory (no plaintext in temporary files).
db.pragma('temp_store = MEMORY');
db.pragma(`cache_size = -${READER_CACHE_KIB}`);
db.pragma('busy_timeout = 5000');
const own = reader(db);

function answer(call: ReadCall): ReadAnswer {
  try {
    return { id: call.id, ok: true, value: runRead(own, call.name, call.input as never) };
  } catch (error) {
    const known = error instanceof AppError ? error : knownSqliteError(error);
    return { id: call.id, ok: false, error: (known ?? new AppError('INTERNAL', (error as Error).message)).toPayload() };
  }
}

parentPort!.on('message', (call: ReadCall) => {
  // Closing (lock, restore, rekey): calls still queued are not worth running; the connection goes at once.
  if (Atomics.load(flags, CLOSING)) {
    if (db.open) db.close();
    Atomics.store(flags, CLOSED, 1);
    Atomics.notify(flags, CLOSED);
    parentPort!.close();
    return;
  }
  parentPort!.postMessage(answer(call));
});
