/**
 * The database key: derived from the user's passphrase with scrypt (memory-hard), so a
 * stolen laptop's file resists guessing. The salt and parameters live in a small
 * plaintext sidecar (no secret in it); the derived bytes are handed to SQLite3MultipleCiphers
 * as a raw key, so SQLCipher's own PBKDF2 never runs at open time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { AppError } from '../../shared/errors';

export const KEYINFO_FILE = 'cau-noi.keyinfo.json';
export const MIN_PASSPHRASE_LENGTH = 8;

export interface KdfParams {
  /** CPU/memory cost (a power of two): 2^16 with r=8 needs 64 MiB per derivation. */
  N: number;
  r: number;
  p: number;
  /** Base64, 16 random bytes. */
  salt: string;
}

export interface KeyInfo extends KdfParams {
  version: 1;
  kdf: 'scrypt';
  cipher: 'sqlcipher';
  /** SHA-256 of the second half of the derived bytes: tells a wrong passphrase from a damaged file. */
  check: string;
  /** Set only while a passphrase change is under way (a crash then still lets the old one in). */
  previous?: Omit<KeyInfo, 'previous'>;
}

/** A derived key: `hex` opens the database; never logged, never written anywhere. */
export interface DerivedKey {
  hex: string;
  info: Omit<KeyInfo, 'previous'>;
}

export const DEFAULT_KDF = { N: 2 ** 16, r: 8, p: 1 } as const;

function derive(passphrase: string, params: KdfParams): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 128 * params.N * params.r * params.p + 16 * 1024 * 1024 };
  // NFC: the same Vietnamese passphrase typed with Telex or VNI must give the same key.
  const secret = Buffer.from(passphrase.normalize('NFC'), 'utf8');
  return new Promise((resolve, reject) => {
    scrypt(secret, Buffer.from(params.salt, 'base64'), 64, options, (error, bytes) => (error ? reject(error) : resolve(bytes)));
  });
}

function checkOf(bytes: Buffer): string {
  return createHash('sha256').update(bytes.subarray(32)).digest('base64');
}

export function checkPassphraseStrength(passphrase: string): void {
  if ([...passphrase.normalize('NFC')].length < MIN_PASSPHRASE_LENGTH) {
    throw new AppError('WEAK_PASSPHRASE', `The passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters`, {
      fields: [{ path: 'passphrase', code: 'passphrase_too_short' }],
      params: { min: MIN_PASSPHRASE_LENGTH },
    });
  }
}

/** A fresh key for a new passphrase (new random salt). */
export async function newKey(passphrase: string, kdf: { N: number; r: number; p: number } = DEFAULT_KDF): Promise<DerivedKey> {
  checkPassphraseStrength(passphrase);
  const params: KdfParams = { ...kdf, salt: randomBytes(16).toString('base64') };
  const bytes = await derive(passphrase, params);
  return { hex: bytes.subarray(0, 32).toString('hex'), info: { version: 1, kdf: 'scrypt', cipher: 'sqlcipher', ...params, check: checkOf(bytes) } };
}

/** Re-derives the key described by `info`; null when the passphrase is not the one it was made from. */
export async function deriveKey(passphrase: string, info: Omit<KeyInfo, 'previous'>): Promise<DerivedKey | null> {
  const bytes = await derive(passphrase, info);
  const given = Buffer.from(checkOf(bytes), 'base64');
  const expected = Buffer.from(info.check, 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const { previous: _previous, ...current } = info as KeyInfo;
  return { hex: bytes.subarray(0, 32).toString('hex'), info: current };
}

export function wrongPassphrase(): AppError {
  return new AppError('WRONG_PASSPHRASE', 'The passphrase is not correct');
}

export function keyInfoPath(dataDir: string): string {
  return path.join(dataDir, KEYINFO_FILE);
}

export function readKeyInfo(file: string): KeyInfo | null {
  if (!fs.existsSync(file)) return null;
  try {
    const info = JSON.parse(fs.readFileSync(file, 'utf8')) as KeyInfo;
    if (info.version !== 1 || info.kdf !== 'scrypt' || typeof info.salt !== 'string' || typeof info.check !== 'string') throw new Error('unknown format');
    return info;
  } catch (error) {
    throw new AppError('KEYINFO_DAMAGED', `The key description ${path.basename(file)} cannot be read (${(error as Error).message}); restore it from a copy of the data folder`);
  }
}

/** Written to a temporary name and renamed: a crash leaves the old or the new file, never half of one. */
export function writeKeyInfo(file: string, info: KeyInfo): void {
  const temp = `${file}.tmp`;
  const fd = fs.openSync(temp, 'w', 0o600);
  try {
    fs.writeSync(fd, `${JSON.stringify(info, null, 2)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, file);
}

/** The PRAGMA argument for a raw 32-byte key (hex only, so nothing to escape). */
export function rawKeyLiteral(hex: string): string {
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error('A raw key is 32 bytes in hex');
  return `"x'${hex}'"`;
}
