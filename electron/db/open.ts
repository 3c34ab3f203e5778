import Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../shared/errors';
import { checkedInBackground } from './integrity';
import { latestSchemaVersion, runMigrations } from './migrations';

export type Db = Database.Database;

const RESTORE_HINT = 'Restore the latest backup (Settings > Backups, or: cau-noi backup list / cau-noi restore FILE)';

export interface OpenOptions {
  /** File path, or ':memory:' for tests. */
  path: string;
  /** Raw 32-byte key in hex (from electron/db/key.ts) for encryption at rest; null for a plain database. */
  key?: string | null;
  /** Native module built for Electron's ABI (electron/main passes it). */
  nativeBinding?: string;
  /** Runs before pending migrations are applied to an existing database (a backup is taken there). */
  beforeMigration?: (db: Db, from: number, to: number) => void;
  /** A large file is then checked by the caller in the background (electron/db/integrity.ts). */
  checkLargeLater?: boolean;
}

/**
 * The PRAGMA argument for a raw 32-byte key (hex only, so nothing to escape). Here rather than
 * in key.ts: the readers need it, not the passphrase rules (and their dictionaries) key.ts holds.
 */
export function rawKeyLiteral(hex: string): string {
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error('A raw key is 32 bytes in hex');
  return `"x'${hex}'"`;
}

/** The cipher: SQLCipher's format (AES-256-CBC with per-page HMAC), keyed with a raw key. */
export function applyKey(db: Db, hexKey: string, pragma: 'key' | 'rekey' = 'key'): void {
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma(`${pragma} = ${rawKeyLiteral(hexKey)}`);
}

/** Reads the schema once: with a wrong key or a damaged file SQLite says SQLITE_NOTADB here. */
export function isReadable(db: Db): boolean {
  try {
    db.prepare(`SELECT count(*) FROM sqlite_master`).get();
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_NOTADB') return false;
    throw error;
  }
}

export function corruptionError(problems: number): AppError {
  return new AppError('DB_CORRUPT', `The database failed its integrity check (${problems} problems). ${RESTORE_HINT}`, { params: { problems } });
}

/** Runs PRAGMA quick_check; a damaged file is refused with what to do about it. */
export function quickCheck(db: Db): void {
  const rows = db.pragma('quick_check') as { quick_check: string }[];
  if (rows.length !== 1 || rows[0]!.quick_check !== 'ok') throw corruptionError(rows.length);
}

/** SQLite failures a person can act on, under our codes; null for the rest (INTERNAL). */
export function knownSqliteError(error: unknown): AppError | null {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : '';
  if (code === 'SQLITE_BUSY' || /database is locked/i.test(message)) return new AppError('DB_LOCKED', message);
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  if (code === 'SQLITE_FULL') return new AppError('DISK_FULL', 'The disk is full: nothing was saved. Free some space and try again');
  if (code.startsWith('SQLITE_READONLY')) return new AppError('READ_ONLY', 'The data folder cannot be written (read-only): nothing was saved');
  if (code.startsWith('SQLITE_IOERR')) return new AppError('DISK_IO', 'The disk could not be read or written: nothing was saved. Check the disk and try again');
  if (code.startsWith('SQLITE_CANTOPEN')) return new AppError('DB_OPEN_FAILED', `The database file cannot be opened: ${message}`);
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return new AppError('DB_CORRUPT', `The database is damaged. ${RESTORE_HINT}`);
  return null;
}

/**
 * Page caches in KiB. SQLite's default, 2 MB, holds little of a 100,000-activity database: a
 * list page after a broad count re-read its pages from the OS (a locality by title 11.6 → 6.8 ms
 * median, a text filter 19 → 12 ms; npm run bench, list). Filled only by what is read: the
 * writer and two readers hold at most 128 MB between them.
 */
export const WRITER_CACHE_KIB = 65_536;
export const READER_CACHE_KIB = 32_768;

/** Opens the database, applies pending migrations, and returns it ready for use. */
export function openDatabase(options: OpenOptions): Db {
  let db: Db;
  try {
    db = new Database(options.path, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (error) {
    throw new AppError('DB_OPEN_FAILED', `Cannot open the database at ${options.path}: ${(error as Error).message}`);
  }
  try {
    if (options.key) applyKey(db, options.key);
    if (!isReadable(db)) {
      throw new AppError(
        'DB_UNREADABLE',
        options.key
          ? 'The database cannot be read with this key: it is damaged, or was encrypted with another passphrase'
          : 'The database is encrypted or is not a Cầu Nối database',
      );
    }
    // Sorts and temporary indexes stay in memory: no plaintext in temporary files.
    db.pragma('temp_store = MEMORY');
    db.pragma(`cache_size = -${WRITER_CACHE_KIB}`);
    db.pragma('journal_mode = WAL');
    // FULL: a committed activity survives a power cut, which matters more here than write speed.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    if (!(options.checkLargeLater && checkedInBackground(options.path))) quickCheck(db);
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > 0 && current < latestSchemaVersion()) options.beforeMigration?.(db, current, latestSchemaVersion());
    runMigrations(db);
    return db;
  } catch (error) {
    db.close();
    throw knownSqliteError(error) ?? error;
  }
}
