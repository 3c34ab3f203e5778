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
import { MIN_PASSPHRASE_LENGTH, passphraseStrength } from '../../shared/passphrase-strength';

export const KEYINFO_FILE = 'cau-noi.keyinfo.json';

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
  /** SHA-256 of the fields above (written since 2026): an edited or torn file is told from a wrong passphrase. */
  sum?: string;
  /** Set only while a passphrase change is under way (a crash then still lets the old one in). */
  previous?: Omit<KeyInfo, 'previous'>;
}

/** A derived key: `hex` opens the database; never logged, never written anywhere. */
export interface DerivedKey {
  hex: string;
  info: Omit<KeyInfo, 'previous'>;
}

/** OWASP's recommendation for scrypt (2^17, 8, 1): 128 MiB per derivation. */
export const DEFAULT_KDF = { N: 2 ** 17, r: 8, p: 1 } as const;
/**
 * What a key description may ask for: a hostile or damaged file must not make each unlock
 * take minutes and gigabytes (N = 2^22 took 31 s and 4 GB), nor weaken the key below what
 * older versions wrote (2^16).
 */
export const KDF_BOUNDS = { minLogN: 14, maxLogN: 20, maxR: 16, maxP: 4, maxBytes: 256 * 1024 * 1024 } as const;

/** Below the current default: re-derived with DEFAULT_KDF at the next unlock. */
export function needsKdfUpgrade(info: KdfParams): boolean {
  return info.N < DEFAULT_KDF.N || info.r < DEFAULT_KDF.r;
}

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

/** Refuses a short, common or trivial passphrase (shared/passphrase-strength.ts); `related`: names of this installation. */
export function checkPassphraseStrength(passphrase: string, related: readonly string[] = []): void {
  const strength = passphraseStrength(passphrase, related);
  if (strength.acceptable) return;
  throw new AppError(
    'WEAK_PASSPHRASE',
    strength.problem === 'passphrase_too_short'
      ? `The passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters`
      : 'The passphrase is too easy to guess: use a sentence of several words',
    { fields: [{ path: 'passphrase', code: strength.problem! }], params: { min: MIN_PASSPHRASE_LENGTH, score: strength.score } },
  );
}

/** A fresh key for a new passphrase (new random salt). */
export async function newKey(passphrase: string, related: readonly string[] = []): Promise<DerivedKey> {
  checkPassphraseStrength(passphrase, related);
  return keyFor(passphrase);
}

/** A fresh key with the current parameters, without the strength check (an existing passphrase moving to them). */
export async function keyFor(passphrase: string): Promise<DerivedKey> {
  const params: KdfParams = { ...DEFAULT_KDF, salt: randomBytes(16).toString('base64') };
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

function sumOf(info: Omit<KeyInfo, 'previous'>): string {
  const { version, kdf, cipher, N, r, p, salt, check } = info;
  return createHash('sha256')
    .update(JSON.stringify([version, kdf, cipher, N, r, p, salt, check]))
    .digest('base64');
}

const isPowerOfTwo = (n: number) => Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0;

/** Why a key description cannot be used, or null: format, parameter bounds, checksum. */
function problemOf(info: Omit<KeyInfo, 'previous'>): string | null {
  if (info.version !== 1 || info.kdf !== 'scrypt' || typeof info.salt !== 'string' || typeof info.check !== 'string') return 'unknown format';
  const { N, r, p } = info;
  if (!isPowerOfTwo(N) || N < 2 ** KDF_BOUNDS.minLogN || N > 2 ** KDF_BOUNDS.maxLogN) return `scrypt N=${String(N)} is out of bounds`;
  if (!Number.isInteger(r) || r < 1 || r > KDF_BOUNDS.maxR || !Number.isInteger(p) || p < 1 || p > KDF_BOUNDS.maxP) return 'scrypt r or p is out of bounds';
  if (128 * N * r > KDF_BOUNDS.maxBytes) return 'scrypt parameters need too much memory';
  if (Buffer.from(info.salt, 'base64').length < 16 || Buffer.from(info.check, 'base64').length !== 32) return 'salt or check value damaged';
  if (info.sum !== undefined && info.sum !== sumOf(info)) return 'checksum does not match';
  return null;
}

export function readKeyInfo(file: string): KeyInfo | null {
  if (!fs.existsSync(file)) return null;
  let problem: string | null;
  let info: KeyInfo;
  try {
    info = JSON.parse(fs.readFileSync(file, 'utf8')) as KeyInfo;
    problem = typeof info === 'object' && info !== null ? (problemOf(info) ?? (info.previous ? problemOf(info.previous) : null)) : 'unknown format';
  } catch (error) {
    problem = (error as Error).message;
  }
  if (problem) {
    throw new AppError(
      'KEYINFO_DAMAGED',
      `The key description ${path.basename(file)} cannot be used (${problem}); copy it back from a copy of the data folder`,
    );
  }
  return info!;
}

/** Written to a temporary name and renamed: a crash leaves the old or the new file, never half of one. */
export function writeKeyInfo(file: string, info: KeyInfo): void {
  const withSum = <T extends Omit<KeyInfo, 'previous'>>(i: T): T => ({ ...i, sum: sumOf(i) });
  const summed: KeyInfo = { ...withSum(info), ...(info.previous ? { previous: withSum(info.previous) } : {}) };
  const temp = `${file}.tmp`;
  const fd = fs.openSync(temp, 'w', 0o600);
  try {
    fs.writeSync(fd, `${JSON.stringify(summed, null, 2)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, file);
}
