/**
 * Re-encrypting the backups after "encrypt" or a passphrase change is recorded before it
 * starts and cleared only when every backup is done, so a crash or a failure half-way is
 * finished at the next unlock instead of leaving backups readable without the passphrase
 * (or with the old one).
 *
 * The record holds the old key (null for a plain folder) sealed with AES-256-GCM under a key
 * derived from the new one: only someone who can already open the database can read it,
 * and it opens nothing newer than what that person can read anyway.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { AppError } from '../../shared/errors';
import { readKeyInfo, writeKeyInfo, type KeyInfo } from '../db/key';
import { backupDir, listBackups, rekeyFile } from './backup';

export const PENDING_REKEY_FILE = 'cau-noi.rekey-pending.json';

interface PendingRekey {
  /** Salt of the key the backups are leaving (null: they were plain). */
  fromSalt: string | null;
  /** Salt of the key they are moving to: a record for another key is stale. */
  toSalt: string;
  /** The old raw key, sealed under the new one (base64 iv | tag | ciphertext); null when plain. */
  sealedKey: string | null;
}

function pendingPath(dataDir: string): string {
  return path.join(dataDir, PENDING_REKEY_FILE);
}

function sealingKey(newKeyHex: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(newKeyHex, 'hex'), Buffer.alloc(0), 'cau-noi pending backup rekey', 32));
}

function seal(oldKeyHex: string, newKeyHex: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(newKeyHex), iv);
  const body = Buffer.concat([cipher.update(Buffer.from(oldKeyHex, 'hex')), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

function unseal(sealed: string, newKeyHex: string): string {
  const bytes = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', sealingKey(newKeyHex), bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(12, 28));
  return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('hex');
}

/** Written (and synced) before the database is re-encrypted. */
export function recordPendingRekey(dataDir: string, from: { key: string | null; salt: string | null }, to: { key: string; salt: string }): void {
  const record: PendingRekey = { fromSalt: from.salt, toSalt: to.salt, sealedKey: from.key ? seal(from.key, to.key) : null };
  const file = pendingPath(dataDir);
  const fd = fs.openSync(`${file}.tmp`, 'w', 0o600);
  try {
    fs.writeSync(fd, `${JSON.stringify(record)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(`${file}.tmp`, file);
}

function readPending(dataDir: string): PendingRekey | null {
  const file = pendingPath(dataDir);
  if (!fs.existsSync(file)) return null;
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as PendingRekey;
  } catch {
    // A torn record: the plain backups are still found below; the old key is lost with it.
    return null;
  }
}

/**
 * Re-encrypts with `to` every backup that is plain or still under the key being left, and
 * clears the record once none is left. Throws BACKUP_REKEY_INCOMPLETE (the record stays,
 * for the next unlock) when some could not be done.
 */
export function finishPendingRekey(dataDir: string, to: { key: string; info: KeyInfo }): void {
  const pending = readPending(dataDir);
  const current = pending && pending.toSalt === to.info.salt ? pending : null;
  const fromKey = current?.sealedKey ? unseal(current.sealedKey, to.key) : null;
  const dir = backupDir(dataDir);
  const left: string[] = [];
  for (const backup of listBackups(dataDir)) {
    const file = path.join(dir, backup.file);
    const salt = readKeyInfo(`${file}.keyinfo.json`)?.salt ?? null;
    // Plain backups in an encrypted folder are always encrypted; older keys only with the record.
    const key = salt === null ? null : salt === current?.fromSalt && fromKey ? fromKey : undefined;
    if (key === undefined) continue;
    try {
      rekeyFile(file, key, to.key);
      const { previous: _previous, ...info } = to.info;
      writeKeyInfo(`${file}.keyinfo.json`, info);
    } catch (error) {
      console.error(`[cau-noi] could not re-encrypt backup ${backup.file}: ${(error as { code?: string }).code ?? (error as Error).name}`);
      left.push(backup.file);
    }
  }
  if (left.length === 0) {
    fs.rmSync(pendingPath(dataDir), { force: true });
    return;
  }
  throw new AppError(
    'BACKUP_REKEY_INCOMPLETE',
    `The database is encrypted with the new key, but ${left.length} backups could not be re-encrypted yet (${left.join(', ')}) and can still be opened without it; this is tried again at every unlock. Close whatever uses them and unlock again`,
    { params: { count: left.length } },
  );
}
