/**
 * Work on the database off the main connection: a worker thread opens its own read-only
 * connection to the same file (WAL lets the main one write meanwhile) and runs plain
 * JavaScript (eval: no bundling needed, the driver is required by path).
 */
import { Worker } from 'node:worker_threads';
import { rawKeyLiteral } from './open';

export interface WorkerTarget {
  path: string;
  /** Raw key in hex, null for a plain file. */
  key: string | null;
  nativeBinding?: string;
}

/** In the worker's scope: w (the data), parentPort, and openDb() (read-only, with the key when there is one). */
const PRELUDE = `
const { parentPort, workerData: w } = require('node:worker_threads');
const Database = require(w.driver);
function openDb() {
  const db = new Database(w.path, { readonly: true, fileMustExist: true, ...(w.nativeBinding ? { nativeBinding: w.nativeBinding } : {}) });
  if (w.keyLiteral) { db.pragma("cipher = 'sqlcipher'"); db.pragma('key = ' + w.keyLiteral); }
  return db;
}
`;

/** Starts `body` (which opens the database with openDb() and closes it) in a worker thread; data goes to w. */
export function databaseWorker(body: string, target: WorkerTarget, data: Record<string, unknown> = {}): Worker {
  return new Worker(`${PRELUDE}\n${body}`, {
    eval: true,
    workerData: {
      ...data,
      driver: require.resolve('better-sqlite3-multiple-ciphers'),
      path: target.path,
      keyLiteral: target.key ? rawKeyLiteral(target.key) : null,
      nativeBinding: target.nativeBinding,
    },
  });
}
