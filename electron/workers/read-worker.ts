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
import { CLOSED, CLOSING, HOLDING, LEAVE_SNAPSHOT, SNAPSHOT_HOLD_MS, WRITTEN, type ReaderData, type ReadCall, type ReadAnswer } from '../db/read-pool';
import { reader, runRead } from '../services/reads';
const { path, key, nativeBinding, flags } = workerData as ReaderData;
const db = new Database(path, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
if (key) applyKey(db, key);
// As the main connection: sorts stay in memory (no plaintext in temporary files).
db.pragma('temp_store = MEMORY');
db.pragma(`cache_size = -${READER_CACHE_KIB}`);
db.pragma('busy_timeout = 5000');
const own = reader(db);

/** The snapshot kept while an import runs (ReadPool.snapshots): when it began, and the WRITTEN count then. */
let kept: { since: number; written: number } | null = null;

function leaveSnapshot(): void {
  if (kept && db.inTransaction) db.exec('COMMIT');
  kept = null;
}

/** Before a read: leave a snapshot that is too old or missed a write; keep a new one while asked to. */
function chooseSnapshot(): void {
  const written = Atomics.load(flags, WRITTEN);
  if (kept && (Atomics.load(flags, HOLDING) === 0 || written !== kept.written || performance.now() - kept.since > SNAPSHOT_HOLD_MS)) leaveSnapshot();
  if (!kept && Atomics.load(flags, HOLDING) > 0) {
    // Deferred: the snapshot is the one the next read starts.
    db.exec('BEGIN');
    kept = { since: performance.now(), written };
  }
}

function answer(call: ReadCall): ReadAnswer {
  try {
    return { id: call.id, ok: true, value: runRead(own, call.name, call.input as never) };
  } catch (error) {
    const known = error instanceof AppError ? error : knownSqliteError(error);
    return { id: call.id, ok: false, error: (known ?? new AppError('INTERNAL', (error as Error).message)).toPayload() };
  }
}

parentPort!.on('message', (call: ReadCall | typeof LEAVE_SNAPSHOT | null) => {
  // Closing (lock, restore, rekey): calls still queued are not worth running; the connection goes at once.
  if (Atomics.load(flags, CLOSING)) {
    if (db.open) db.close();
    Atomics.store(flags, CLOSED, 1);
    Atomics.notify(flags, CLOSED);
    parentPort!.close();
    return;
  }
  if (call === LEAVE_SNAPSHOT) return leaveSnapshot();
  if (!call) return;
  chooseSnapshot();
  parentPort!.postMessage(answer(call));
});
