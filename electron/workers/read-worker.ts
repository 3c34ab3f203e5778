/**
 * Worker entry (bundled to dist/electron/read-worker.cjs): one read-only connection to the
 * database (WAL: it reads the last committed state while the main connection writes) that
 * answers the read pool's calls (electron/db/read-pool.ts) one at a time. It keeps the normal
 * priority: what it answers is what the person is waiting for, while the data thread beside it,
 * below normal (priority.ts), runs the import.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3-multiple-ciphers';
import { contract, isChannelName } from '../../shared/contract';
import { AppError, validationError, type ErrorPayload } from '../../shared/errors';
import { applyKey, knownSqliteError, READER_CACHE_KIB } from '../db/open';
import {
  CLOSED,
  CLOSING,
  HOLDING,
  LEAVE_SNAPSHOT,
  SNAPSHOT_HOLD_MS,
  WRITTEN,
  type DirectAnswer,
  type DirectCall,
  type ReaderData,
  type ReadCall,
  type ReadAnswer,
} from '../db/read-pool';
import { DIRECT_CHANNELS, reader, runRead, type ReadName } from '../services/reads';
const { path, key, nativeBinding, flags, window } = workerData as ReaderData;
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

function payload(error: unknown): ErrorPayload {
  const known = error instanceof AppError ? error : knownSqliteError(error);
  return (known ?? new AppError('INTERNAL', (error as Error).message)).toPayload();
}

function answer(call: ReadCall): ReadAnswer {
  try {
    return { id: call.id, ok: true, value: runRead(own, call.name, call.input as never) };
  } catch (error) {
    return { id: call.id, ok: false, error: payload(error) };
  }
}

/** A call of the window's process, checked against its contract as dispatch checks it. */
function answerDirect(call: DirectCall): DirectAnswer {
  // No import holds the writer (or it just ended): the data thread answers, as any call.
  if (Atomics.load(flags, HOLDING) === 0 || !DIRECT_CHANNELS.has(call.channel) || !isChannelName(call.channel)) return { id: call.id, redirect: true };
  try {
    const parsed = contract[call.channel].input.safeParse(call.input ?? {});
    if (!parsed.success) throw validationError(parsed.error);
    chooseSnapshot();
    return { id: call.id, result: { ok: true, value: runRead(own, call.channel as ReadName, parsed.data as never) } };
  } catch (error) {
    return { id: call.id, result: { ok: false, error: payload(error) } };
  }
}

/** Closing (lock, restore, rekey): calls still queued are not worth running; the connection goes at once. */
function closeIfAsked(): boolean {
  if (!Atomics.load(flags, CLOSING)) return false;
  if (db.open) db.close();
  Atomics.store(flags, CLOSED, 1);
  Atomics.notify(flags, CLOSED);
  // The window's process sees its port close and asks the data thread instead.
  window.close();
  parentPort!.close();
  return true;
}

parentPort!.on('message', (call: ReadCall | typeof LEAVE_SNAPSHOT | null) => {
  if (closeIfAsked()) return;
  if (call === LEAVE_SNAPSHOT) return leaveSnapshot();
  if (!call) return;
  chooseSnapshot();
  parentPort!.postMessage(answer(call));
});

window.on('message', (call: DirectCall) => {
  if (closeIfAsked()) return;
  window.postMessage(answerDirect(call));
});
