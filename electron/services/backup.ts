/**
 * Backups: a consistent copy of the live database in <dataDir>/backups, encrypted with the
 * same key, taken daily while the app runs and before every risky step (migration, import,
 * restore, passphrase change), rotated, and checked (integrity_check) before a restore.
 *
 * The copy is made with VACUUM INTO rather than db.backup(): better-sqlite3 opens the
 * backup target itself, without a key, and SQLite3MultipleCiphers refuses to copy encrypted
 * pages into a plain target; VACUUM INTO writes a transactionally consistent snapshot
 * encrypted with the connection's own cipher and key, while other readers go on.
 * Each encrypted backup carries a copy of the key description it was made under, so it
 * still opens after the passphrase has changed (with the passphrase of its time).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import type { BackupInfo } from '../../shared/contract/backup';
import { AppError } from '../../shared/errors';
import type { AppContext } from '../context';
import { deriveKey, keyInfoPath, readKeyInfo, writeKeyInfo, wrongPassphrase, type KeyInfo } from '../db/key';
import { applyKey, isReadable, type Db } from '../db/open';
import { dropMarker } from '../db/write-marker';
import { checkThrottle, recordFailure } from './attempts';

export const BACKUP_FOLDER = 'backups';
export const KEEP_BACKUPS = 10;
export const BACKUP_INTERVAL_MS = 24 * 60 * 60 * 1000;
const NAME = /^cau-noi-(\d{8}T\d{9}Z)-([a-z0-9-]{1,40})\.db$/;

export function backupDir(dataDir: string): string {
  return path.join(dataDir, BACKUP_FOLDER);
}

function sidecar(file: string): string {
  return `${file}.keyinfo.json`;
}

function stamp(date: Date): string {
  return date.toISOString().replace(/[-:.]/g, '');
}

function describe(dir: string, name: string): BackupInfo {
  const m = NAME.exec(name)!;
  const s = m[1]!;
  const createdAt = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}.${s.slice(15, 18)}Z`;
  const file = path.join(dir, name);
  return { file: name, createdAt, reason: m[2]!, bytes: fs.statSync(file).size, encrypted: fs.existsSync(sidecar(file)) };
}

/** Backups of a data folder, newest first. */
export function listBackups(dataDir: string): BackupInfo[] {
  const dir = backupDir(dataDir);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => NAME.test(name))
    .sort()
    .reverse()
    .map((name) => describe(dir, name));
}

/** Writes one backup of `db` (keyed or plain) and drops the oldest beyond KEEP_BACKUPS. */
export function writeBackup(db: Db, dataDir: string, reason: string, keyInfo: KeyInfo | null, keep = KEEP_BACKUPS): BackupInfo {
  const dir = backupDir(dataDir);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const slug = reason.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'manual';
  let when = new Date();
  // Two backups in the same millisecond would share a name.
  while (fs.existsSync(path.join(dir, `cau-noi-${stamp(when)}-${slug}.db`))) when = new Date(when.getTime() + 1);
  const name = `cau-noi-${stamp(when)}-${slug}.db`;
  const target = path.join(dir, name);
  const partial = `${target}.partial`;
  // A backup cut short by a crash left only a .partial file: never a backup, so dropped.
  for (const stale of fs.readdirSync(dir).filter((f) => f.endsWith('.partial'))) fs.rmSync(path.join(dir, stale), { force: true });
  db.prepare(`VACUUM INTO ?`).run(partial);
  if (keyInfo) {
    const { previous: _previous, ...current } = keyInfo;
    writeKeyInfo(sidecar(target), current);
  }
  // Renamed only when complete: a crash never leaves a half backup under a real name.
  fs.renameSync(partial, target);
  for (const old of listBackups(dataDir).slice(keep)) removeBackup(dir, old.file);
  return describe(dir, name);
}

function removeBackup(dir: string, name: string): void {
  fs.rmSync(path.join(dir, name), { force: true });
  fs.rmSync(sidecar(path.join(dir, name)), { force: true });
}

/** For other modules: a backup of the open database before something that could go wrong. */
export function backupBeforeRisk(app: AppContext, reason: string): BackupInfo {
  if (app.locked) throw new AppError('LOCKED', 'Cầu Nối is locked: enter the passphrase');
  return writeBackup(app.db, app.options.dataDir, reason, readKeyInfo(keyInfoPath(app.options.dataDir)));
}

/** A scheduled backup, if the newest one is older than the interval (none while locked). */
export function backupIfDue(app: AppContext, intervalMs = BACKUP_INTERVAL_MS): BackupInfo | null {
  if (app.locked) return null;
  const newest = listBackups(app.options.dataDir)[0];
  if (newest && Date.now() - Date.parse(newest.createdAt) < intervalMs) return null;
  return backupBeforeRisk(app, 'scheduled');
}

/** Checks a minute after start (not to slow the first screen), then every hour. */
export function scheduleBackups(app: AppContext, intervalMs = BACKUP_INTERVAL_MS): () => void {
  const tick = () => {
    try {
      backupIfDue(app, intervalMs);
    } catch (error) {
      console.error(`[cau-noi] scheduled backup failed: ${(error as { code?: string }).code ?? (error as Error).name}`);
    }
  };
  const first = setTimeout(tick, 60 * 1000);
  const timer = setInterval(tick, 60 * 60 * 1000);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}

/**
 * A backup file from elsewhere (a USB copy) is copied into the backup folder under a name of
 * ours, with its key description beside it when it has one; returns that name.
 */
export function importBackupFile(dataDir: string, file: string): string {
  const dir = backupDir(dataDir);
  if (path.dirname(file) === dir && NAME.test(path.basename(file))) return path.basename(file);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const name = `cau-noi-${stamp(new Date())}-imported.db`;
  const target = path.join(dir, name);
  if (fs.existsSync(sidecar(file))) fs.copyFileSync(sidecar(file), sidecar(target));
  fs.copyFileSync(file, target);
  return name;
}

function backupPath(dataDir: string, name: string): string {
  // Only names we made, inside the backup folder: no path from outside.
  if (!NAME.test(name)) throw new AppError('BACKUP_NOT_FOUND', `No backup named ${name}`);
  const file = path.join(backupDir(dataDir), name);
  if (!fs.existsSync(file)) throw new AppError('BACKUP_NOT_FOUND', `No backup named ${name}`);
  return file;
}

/**
 * The key a backup opens with: none for a plain one; the current key when it was made
 * under the current passphrase; otherwise the one derived from the passphrase given.
 */
async function backupKey(file: string, current: { key: string | null; info: KeyInfo | null }, passphrase?: string): Promise<string | null> {
  const info = readKeyInfo(sidecar(file));
  if (!info) return null;
  if (current.key && current.info?.salt === info.salt) return current.key;
  if (!passphrase) throw new AppError('PASSPHRASE_REQUIRED', 'This backup was made under another passphrase: give that passphrase');
  const derived = await deriveKey(passphrase, info);
  if (!derived) throw wrongPassphrase();
  return derived.hex;
}

/** Opens a database file outside the context (a backup, a copy being restored). */
function openFile(file: string, key: string | null): Db {
  const db = new Database(file);
  if (key) applyKey(db, key);
  return db;
}

/** Problems PRAGMA integrity_check finds (0: sound); a file that cannot even be read counts as one. */
function integrityProblems(file: string, key: string | null): number {
  const db = openFile(file, key);
  try {
    if (!isReadable(db)) return 1;
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.length === 1 && rows[0]!.integrity_check === 'ok' ? 0 : rows.length;
  } catch {
    // A page whose HMAC fails makes SQLite throw (SQLITE_CORRUPT) instead of listing it.
    return 1;
  } finally {
    db.close();
  }
}

/** Re-encrypts one closed database file in place (rekey is refused in WAL mode). */
export function rekeyFile(file: string, fromKey: string | null, toKey: string): void {
  const db = openFile(file, fromKey);
  try {
    if (!isReadable(db)) throw new AppError('BACKUP_DAMAGED', `${path.basename(file)} cannot be read`);
    db.pragma('journal_mode = DELETE');
    applyKey(db, toKey, 'rekey');
  } finally {
    db.close();
  }
}

/**
 * Replaces the database with a backup after checking it: the current database is backed up
 * first (when it can be read), the copy is re-encrypted to the current key if it was made
 * under another, and swapped in by rename. Works while locked (a damaged database cannot
 * be unlocked): the passphrase then gives the key.
 */
export async function restoreBackup(app: AppContext, name: string, passphrase?: string): Promise<BackupInfo> {
  const dataDir = app.options.dataDir;
  const file = backupPath(dataDir, name);
  const info = readKeyInfo(keyInfoPath(dataDir));
  let currentKey = app.key;
  if (app.locked && info) {
    if (!passphrase) throw new AppError('PASSPHRASE_REQUIRED', 'Give the passphrase to restore a backup');
    checkThrottle(app);
    const derived = await deriveKey(passphrase, info);
    if (!derived) throw recordFailure(app);
    currentKey = derived.hex;
  }
  const key = await backupKey(file, { key: currentKey, info }, passphrase);
  if (key && !currentKey) throw new AppError('BACKUP_ENCRYPTED', 'This folder has no passphrase; an encrypted backup cannot be restored into it');
  const problems = integrityProblems(file, key);
  if (problems !== 0) {
    throw new AppError('BACKUP_DAMAGED', `The backup ${name} failed its integrity check; choose an older one`, { params: { problems } });
  }
  const restored = describe(backupDir(dataDir), name);
  const target = app.databasePath;
  const incoming = `${target}.restoring`;
  // Copied first: the safety backup below may rotate the chosen one away.
  fs.copyFileSync(file, incoming);
  try {
    if (!app.locked) backupBeforeRisk(app, 'before-restore');
    if (currentKey && key !== currentKey) rekeyFile(incoming, key, currentKey);
  } catch (error) {
    fs.rmSync(incoming, { force: true });
    throw error;
  }
  app.close();
  for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(`${target}${suffix}`, { force: true });
  // The older state is chosen: not a loss to report.
  dropMarker(target);
  fs.renameSync(incoming, target);
  app.open(currentKey);
  return restored;
}
