import Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../shared/errors';
import { runMigrations } from './migrations';

export type Db = Database.Database;

export interface OpenOptions {
  /** File path, or ':memory:' for tests. */
  path: string;
  /** Passphrase-derived key for encryption at rest; null for a plain database. */
  key?: string | null;
  /** Native module built for Electron's ABI (electron/main passes it). */
  nativeBinding?: string;
}

/** Opens the database, applies pending migrations, and returns it ready for use. */
export function openDatabase(options: OpenOptions): Db {
  let db: Db;
  try {
    db = new Database(options.path, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (error) {
    throw new AppError('DB_OPEN_FAILED', `Cannot open the database at ${options.path}: ${(error as Error).message}`);
  }
  try {
    if (options.key) {
      db.pragma(`cipher = 'sqlcipher'`);
      db.key(Buffer.from(options.key, 'utf8'));
    }
    db.pragma('journal_mode = WAL');
    // FULL: a committed activity survives a power cut, which matters more here than write speed.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    runMigrations(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
