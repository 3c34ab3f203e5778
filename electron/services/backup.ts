/**
 * Backups: a consistent copy of the live database in <dataDir>/backups, encrypted with the
 * same key, checked (integrity_check) before a restore. By policy: at most one a day
 * (scheduled, or the first import of the day), plus one before every migration, restore,
 * passphrase change or on request; kept by age (the newest of each of the last 7 days, 4
 * weeks and 12 months that have one), so a busy morning of imports never pushes out older
 * restore points.
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
import { BACKUP_RETENTION, type BackupInfo } from '../../shared/contract/backup';
import { AppError } from '../../shared/errors';
import type { AppContext } from '../context';
import { deriveKey, keyInfoPath, readKeyInfo, writeKeyInfo, wrongPassphrase, type KeyInfo } from '../db/key';
import { applyKey, isReadable, type Db } from '../db/open';
import { dropMarker } from '../db/write-marker';
import { databaseWorker } from '../db/worker';
import { checkThrottle, recordFailure } from './attempts';

export const BACKUP_FOLDER = 'backups';
/** Steps that take a backup only when none was made that day (HQ imports ~94 batches a morning). */
const DAILY_ONLY_REASONS: ReadonlySet<string> = new Set(['before-import']);
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

interface BackupTarget {
  dataDir: string;
  name: string;
  target: string;
  partial: string;
}

/** A new backup's name; stale partial files (a backup cut short by a crash, or running) are dropped unless running. */
function newTarget(dataDir: string, reason: string, now: Date): BackupTarget {
  const dir = backupDir(dataDir);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const slug =
    reason
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'manual';
  let when = now;
  // Two backups in the same millisecond would share a name.
  while (fs.existsSync(path.join(dir, `cau-noi-${stamp(when)}-${slug}.db`))) when = new Date(when.getTime() + 1);
  const name = `cau-noi-${stamp(when)}-${slug}.db`;
  const target = path.join(dir, name);
  const busy = running.get(dataDir)?.partial;
  // A backup cut short by a crash left only a .partial file: never a backup, so dropped.
  for (const stale of fs.readdirSync(dir).filter((f) => f.endsWith('.partial')))
    if (path.join(dir, stale) !== busy) fs.rmSync(path.join(dir, stale), { force: true });
  return { dataDir, name, target, partial: `${target}.partial` };
}

/** Writes one backup of `db` (keyed or plain), then drops those the retention policy no longer keeps. */
export function writeBackup(db: Db, dataDir: string, reason: string, keyInfo: KeyInfo | null, now = new Date()): BackupInfo {
  const target = newTarget(dataDir, reason, now);
  db.prepare(`VACUUM INTO ?`).run(target.partial);
  return finishBackup(target, keyInfo);
}

/** Once the copy is complete: its key description, its real name, the rotation. */
function finishBackup({ dataDir, name, target, partial }: BackupTarget, keyInfo: KeyInfo | null): BackupInfo {
  const dir = backupDir(dataDir);
  if (keyInfo) {
    const { previous: _previous, ...current } = keyInfo;
    writeKeyInfo(sidecar(target), current);
  }
  // Renamed only when complete: a crash never leaves a half backup under a real name.
  fs.renameSync(partial, target);
  const all = listBackups(dataDir);
  const keep = backupsToKeep(all);
  for (const old of all) if (!keep.has(old.file)) removeBackup(dir, old.file);
  return describe(dir, name);
}

/** Monday of the ISO week of a UTC day (yyyy-MM-dd), the week's bucket. */
function weekOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
}

/**
 * The retention policy (as restic's --keep-daily/weekly/monthly): for each of the most recent
 * 7 days, 4 weeks and 12 months that have backups, the newest of them is kept; days are UTC.
 */
export function backupsToKeep(backups: readonly { file: string; createdAt: string }[]): Set<string> {
  const newestFirst = [...backups].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.file.localeCompare(a.file));
  const keep = new Set<string>();
  const buckets: [number, (createdAt: string) => string][] = [
    [BACKUP_RETENTION.daily, (at) => at.slice(0, 10)],
    [BACKUP_RETENTION.weekly, (at) => weekOf(at.slice(0, 10))],
    [BACKUP_RETENTION.monthly, (at) => at.slice(0, 7)],
  ];
  for (const [count, bucketOf] of buckets) {
    const seen = new Set<string>();
    for (const backup of newestFirst) {
      const bucket = bucketOf(backup.createdAt);
      if (seen.has(bucket)) continue;
      if (seen.size === count) break;
      seen.add(bucket);
      keep.add(backup.file);
    }
  }
  return keep;
}

function removeBackup(dir: string, name: string): void {
  fs.rmSync(path.join(dir, name), { force: true });
  fs.rmSync(sidecar(path.join(dir, name)), { force: true });
}

/** A backup of the open database now (before a restore or a passphrase change, on request). */
export function backupNow(app: AppContext, reason: string, now = new Date()): BackupInfo {
  if (app.locked) throw new AppError('LOCKED', 'Cầu Nối is locked: enter the passphrase');
  return writeBackup(app.db, app.options.dataDir, reason, readKeyInfo(keyInfoPath(app.options.dataDir)), now);
}

/**
 * A backup made off the main connection, `done` when complete. Its copy holds what was committed
 * when the worker began reading: whoever needs it to hold a state (an import) commits after `done`.
 */
export interface BackgroundBackup {
  done: Promise<BackupInfo>;
}

/** The backup running in a worker, per data folder: a second request joins it. */
const running = new Map<string, BackgroundBackup & { partial: string }>();

// Run by the worker (electron/db/worker.ts): VACUUM INTO on its own connection, while the main one goes on.
const BACKUP_SOURCE = `
let db;
try {
  db = openDb();
  db.prepare('SELECT count(*) FROM sqlite_master').get();
  db.prepare('VACUUM INTO ?').run(w.partial);
  parentPort.postMessage({ done: true });
} catch (error) {
  parentPort.postMessage({ failed: String((error && error.code) || error) });
} finally {
  if (db) db.close();
}`;

/**
 * Writes a backup in a worker thread with its own connection (the database is in WAL mode),
 * so imports and writes go on while a large database is copied. The copy is the state as
 * it started; encryption is the connection's own (same key), then the key description,
 * the name and the rotation as for any backup. The worker keeps a command-line process alive
 * until the backup is complete.
 */
export function backupInBackground(app: AppContext, reason: string, now = new Date()): BackgroundBackup {
  if (app.locked) throw new AppError('LOCKED', 'Cầu Nối is locked: enter the passphrase');
  const dataDir = app.options.dataDir;
  const same = running.get(dataDir);
  if (same) return same;
  const target = newTarget(dataDir, reason, now);
  const keyInfo = readKeyInfo(keyInfoPath(dataDir));
  const worker = databaseWorker(BACKUP_SOURCE, { path: app.databasePath, key: app.key, nativeBinding: app.options.nativeBinding }, { partial: target.partial });
  const done = new Promise<BackupInfo>((resolve, reject) => {
    const fail = (why: string) => {
      fs.rmSync(target.partial, { force: true });
      reject(new AppError('BACKUP_FAILED', `The backup could not be written: ${why}`, { params: { reason: why } }));
    };
    worker.on('message', (m: { done?: true; failed?: string }) => {
      if (m.done) {
        try {
          resolve(finishBackup(target, keyInfo));
        } catch (error) {
          fail((error as Error).message);
        }
      } else if (m.failed) fail(m.failed);
    });
    worker.once('error', (error) => fail(error.message));
    worker.once('exit', () => fail('stopped'));
  }).finally(() => running.delete(dataDir));
  // Nobody may be waiting (the scheduled backup): a failure is said, never left unhandled.
  done.catch((error: unknown) => console.error(`[cau-noi] backup failed: ${(error as Error).message}`));
  const job = { done, partial: target.partial };
  running.set(dataDir, job);
  return job;
}

/**
 * For other modules, before something that could go wrong: a backup now, except for steps
 * that happen many times a day (imports), which get one only if none was made that day,
 * off the main connection (the caller commits after `done`).
 */
export function backupBeforeRisk(app: AppContext, reason: string, now = new Date()): BackgroundBackup | null {
  if (!DAILY_ONLY_REASONS.has(reason)) {
    const made = backupNow(app, reason, now);
    return { done: Promise.resolve(made) };
  }
  return isDue(app, now) ? backupInBackground(app, reason, now) : null;
}

/** None made today (UTC), none running, not locked. */
function isDue(app: AppContext, now: Date): boolean {
  if (app.locked) return false;
  if (running.has(app.options.dataDir)) return false;
  const newest = listBackups(app.options.dataDir)[0];
  return !newest || newest.createdAt.slice(0, 10) < now.toISOString().slice(0, 10);
}

/** A backup unless one was made today (UTC; none while locked): at most one a day, whatever took it. */
export function backupIfDue(app: AppContext, reason = 'scheduled', now = new Date()): BackupInfo | null {
  return isDue(app, now) ? backupNow(app, reason, now) : null;
}

/** Checks a minute after start (not to slow the first screen), then every hour; the copy runs in a worker. */
export function scheduleBackups(app: AppContext): () => void {
  const tick = () => {
    try {
      if (isDue(app, new Date())) void backupInBackground(app, 'scheduled').done.catch(() => {});
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
export async function restoreBackup(app: AppContext, name: string, passphrase?: string, upgrading?: () => void): Promise<BackupInfo> {
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
    if (!app.locked) backupNow(app, 'before-restore');
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
  // A backup from an earlier version is upgraded as it opens (told to `upgrading` first).
  app.open(currentKey, { upgrading, backupFirst: false });
  return restored;
}
