/**
 * Passphrase, lock and unlock. The order of every step is chosen so that a crash at any
 * point leaves a folder that still opens: the key description is written before the
 * database is (re)encrypted, and unlock finishes or rolls back what was interrupted.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { LostWrites, SecurityStatus } from '../../shared/contract/security';
import { LOST_WRITES_SETTING } from '../db/write-marker';
import { DEFAULT_IDLE_MINUTES } from '../../shared/contract/security';
import { AppError } from '../../shared/errors';
import type { AppContext } from '../context';
import { deriveKey, keyFor, keyInfoPath, needsKdfUpgrade, newKey, readKeyInfo, writeKeyInfo, wrongPassphrase, type DerivedKey } from '../db/key';
import { clearFailures, checkThrottle, recordFailure } from './attempts';
import { backupNow, rekeyFile } from './backup';
import { finishPendingRekey, recordPendingRekey } from './pending-rekey';

/**
 * What the operating system lends a trusted device to keep the raw key (Electron's safeStorage:
 * DPAPI, Keychain, libsecret). Asynchronous: the database runs in its own thread and asks the
 * process that has safeStorage.
 */
export interface KeySealer {
  available: boolean;
  seal(text: string): Promise<Uint8Array>;
  unseal(sealed: Uint8Array): Promise<string>;
}

/** The raw key kept sealed beside the database, for a device the person said they trust. */
export interface KeyKeeper {
  available(): boolean;
  has(): boolean;
  load(): Promise<string | null>;
  save(hexKey: string): Promise<void>;
  forget(): void;
}

export const KEPT_KEY_FILE = 'cau-noi.key.safe';

export function keyKeeper(dataDir: string, sealer: KeySealer): KeyKeeper {
  const file = path.join(dataDir, KEPT_KEY_FILE);
  return {
    available: () => sealer.available,
    has: () => fs.existsSync(file),
    async load() {
      if (!sealer.available || !fs.existsSync(file)) return null;
      try {
        return await sealer.unseal(fs.readFileSync(file));
      } catch {
        return null;
      }
    },
    async save(hexKey) {
      fs.writeFileSync(file, await sealer.seal(hexKey), { mode: 0o600 });
    },
    forget() {
      fs.rmSync(file, { force: true });
    },
  };
}

export const IDLE_SETTING = 'security.idleMinutes';

export function securityStatus(app: AppContext): SecurityStatus {
  const keeper = app.options.keyKeeper;
  return {
    encrypted: app.encrypted,
    locked: app.locked,
    idleMinutes: app.locked ? null : (app.settings.get<number>(IDLE_SETTING) ?? DEFAULT_IDLE_MINUTES),
    canRememberKey: Boolean(keeper?.available()) && app.encrypted,
    keyRemembered: Boolean(keeper?.has()),
    problem: app.problem ? { code: app.problem.code, message: app.problem.message } : null,
    lostWrites: app.locked ? null : (app.settings.get<LostWrites>(LOST_WRITES_SETTING) ?? null),
  };
}

function isCode(error: unknown, code: string): boolean {
  return error instanceof AppError && error.code === code;
}

/** Opens with `key`; a plain database left by an interrupted "encrypt now" is encrypted first. */
function openWith(app: AppContext, key: string, upgrading?: () => void): void {
  try {
    app.open(key, { upgrading });
  } catch (error) {
    if (!isCode(error, 'DB_UNREADABLE')) throw error;
    try {
      rekeyFile(app.databasePath, null, key);
    } catch {
      throw error;
    }
    app.open(key, { upgrading });
  }
}

/** `upgrading`: told when the data is upgraded for this version first (AppContext.open). */
export async function unlock(app: AppContext, passphrase: string, upgrading?: () => void): Promise<void> {
  if (!app.locked) return;
  checkThrottle(app);
  const file = keyInfoPath(app.options.dataDir);
  const info = readKeyInfo(file);
  if (!info) throw app.problem ?? new AppError('NOT_ENCRYPTED', 'This data folder has no passphrase');
  const attempt = (derived: DerivedKey) => {
    try {
      openWith(app, derived.hex, upgrading);
      app.problem = null;
    } catch (error) {
      if (isCode(error, 'DB_UNREADABLE') && info.previous) {
        throw new AppError(
          'PASSPHRASE_CHANGE_INTERRUPTED',
          'A passphrase change was interrupted: unlock with the other passphrase (the previous or the new one)',
        );
      }
      app.problem = error as AppError;
      throw error;
    }
  };
  const current = await deriveKey(passphrase, info);
  if (current) {
    attempt(current);
    clearFailures(app);
    // The database opened with the new key: an interrupted change had in fact completed.
    if (info.previous) writeKeyInfo(file, current.info);
    resumeBackupRekey(app, current);
    if (!info.previous && needsKdfUpgrade(current.info)) await upgradeKdf(app, passphrase, current);
    return;
  }
  const previous = info.previous ? await deriveKey(passphrase, info.previous) : null;
  if (!previous) throw recordFailure(app);
  attempt(previous);
  clearFailures(app);
  // The database still has the old key: the change never reached it, so it is undone.
  writeKeyInfo(file, previous.info);
  resumeBackupRekey(app, previous);
}

/**
 * At unlock, backups an interrupted or failed "encrypt" or change left behind are
 * re-encrypted; if some still cannot be, the unlock stands and the next one tries again.
 */
function resumeBackupRekey(app: AppContext, to: DerivedKey): void {
  try {
    finishPendingRekey(app.options.dataDir, { key: to.hex, info: to.info });
  } catch (error) {
    console.error(`[cau-noi] ${(error as Error).message}`);
  }
}

/**
 * A key description made with older, weaker scrypt parameters is replaced at unlock by one
 * with the current ones (same passphrase, new salt): the database and backups are
 * re-encrypted like after a change. If that fails, the folder stays as it was, and open.
 */
async function upgradeKdf(app: AppContext, passphrase: string, old: DerivedKey): Promise<void> {
  try {
    await moveToKey(app, old, await keyFor(passphrase));
  } catch (error) {
    console.error(
      `[cau-noi] the key derivation was not upgraded; it will be at the next unlock: ${(error as { code?: string }).code ?? (error as Error).name}`,
    );
    if (app.locked) app.open(old.hex);
  }
}

/** Words of this installation that a guesser would try first (mission, city, user). */
function relatedWords(app: AppContext): string[] {
  if (app.locked) return [];
  const missionId = app.missionId();
  const mission = missionId ? app.missions.get(missionId) : null;
  return [mission?.code, mission?.nameVi, mission?.nameEn, mission?.city, app.user()?.name].filter((w): w is string => Boolean(w));
}

/** Sets the first passphrase: encrypts the (plain) database and every plain backup. */
export async function enableEncryption(app: AppContext, passphrase: string): Promise<void> {
  if (app.encrypted) throw new AppError('ALREADY_ENCRYPTED', 'This data folder already has a passphrase');
  if (app.locked) throw app.problem ?? new AppError('LOCKED', 'The database is not open');
  const derived = await newKey(passphrase, relatedWords(app));
  const dataDir = app.options.dataDir;
  writeKeyInfo(keyInfoPath(dataDir), derived.info);
  recordPendingRekey(dataDir, { key: null, salt: null }, { key: derived.hex, salt: derived.info.salt });
  app.close();
  try {
    rekeyFile(app.databasePath, null, derived.hex);
  } catch (error) {
    // The rekey runs in one transaction: the database is still plain, so the folder stays plain.
    fs.rmSync(keyInfoPath(dataDir), { force: true });
    app.open(null);
    throw error;
  }
  app.open(derived.hex);
  // Throws BACKUP_REKEY_INCOMPLETE if a plain backup is left: never "encrypted" while one remains.
  finishPendingRekey(dataDir, { key: derived.hex, info: derived.info });
}

export async function changePassphrase(app: AppContext, currentPassphrase: string, nextPassphrase: string): Promise<void> {
  const info = readKeyInfo(keyInfoPath(app.options.dataDir));
  if (!info) throw new AppError('NOT_ENCRYPTED', 'This data folder has no passphrase yet');
  checkThrottle(app);
  const old = await deriveKey(currentPassphrase, info);
  if (!old) {
    recordFailure(app);
    throw new AppError('WRONG_PASSPHRASE', 'The current passphrase is not correct', { fields: [{ path: 'current', code: 'wrong_passphrase' }] });
  }
  clearFailures(app);
  const fresh = await newKey(nextPassphrase, relatedWords(app));
  backupNow(app, 'before-passphrase-change');
  await moveToKey(app, old, fresh);
}

/**
 * Re-encrypts the open database from `old` to `fresh`, then its backups. The new key
 * description (keeping the old one as `previous`) and the pending backup re-encryption are
 * written first, so that a crash at any point is finished or undone at the next unlock.
 */
async function moveToKey(app: AppContext, old: DerivedKey, fresh: DerivedKey): Promise<void> {
  const file = keyInfoPath(app.options.dataDir);
  writeKeyInfo(file, { ...fresh.info, previous: old.info });
  recordPendingRekey(app.options.dataDir, { key: old.hex, salt: old.info.salt }, { key: fresh.hex, salt: fresh.info.salt });
  app.close();
  try {
    rekeyFile(app.databasePath, old.hex, fresh.hex);
  } catch (error) {
    // The rekey runs in one transaction: on failure the database still has the old key.
    writeKeyInfo(file, old.info);
    app.open(old.hex);
    throw error;
  }
  writeKeyInfo(file, fresh.info);
  app.open(fresh.hex);
  if (app.options.keyKeeper?.has()) await app.options.keyKeeper.save(fresh.hex);
  finishPendingRekey(app.options.dataDir, { key: fresh.hex, info: fresh.info });
}

export function acknowledgeLostWrites(app: AppContext): void {
  app.settings.delete(LOST_WRITES_SETTING);
}

export async function rememberKey(app: AppContext, remember: boolean, passphrase?: string): Promise<void> {
  const keeper = app.options.keyKeeper;
  if (!keeper?.available() || !app.encrypted) throw new AppError('NOT_AVAILABLE', 'This device cannot keep the key safely');
  if (!remember) return keeper.forget();
  const info = readKeyInfo(keyInfoPath(app.options.dataDir));
  const derived = passphrase && info ? await deriveKey(passphrase, info) : null;
  if (!derived) throw wrongPassphrase();
  await keeper.save(derived.hex);
}

/** Start-up on a trusted device: open with the kept key; a stale one is forgotten. */
export async function unlockWithKeptKey(app: AppContext): Promise<void> {
  const keeper = app.options.keyKeeper;
  const key = app.locked && app.encrypted ? await keeper?.load() : null;
  if (!key) return;
  try {
    openWith(app, key, app.options.upgrading);
  } catch (error) {
    if (isCode(error, 'DB_UNREADABLE')) keeper!.forget();
    else app.problem = error as AppError;
    return;
  }
  const info = readKeyInfo(keyInfoPath(app.options.dataDir));
  if (info) resumeBackupRekey(app, { hex: key, info });
}
