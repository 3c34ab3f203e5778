/**
 * The exchange's cryptography: this device's Ed25519 signing key and age X25519 identity
 * (kept in the database, so its encryption at rest protects them), fingerprints shown for
 * out-of-band confirmation, SHA-256, and age encryption readable by the standard `age` tool.
 */
import { createCipheriv, createHash, createPrivateKey, createPublicKey, generateKeyPairSync, hkdfSync, sign, verify, type KeyObject } from 'node:crypto';
import { Decrypter, Encrypter, generateX25519Identity, identityToRecipient } from 'age-encryption';
import type { Db } from '../../db/open';
import { AppError } from '../../../shared/errors';

export interface DeviceKeys {
  deviceId: string;
  /** Raw 32-byte Ed25519 public key, base64. */
  publicKey: string;
  fingerprint: string;
  /** age X25519 recipient (age1...) that senders encrypt to. */
  recipient: string;
  identity: string;
  privateKey: string;
}

// SPKI prefix of an Ed25519 public key: the raw 32 bytes follow it.
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** SHA-256 of the raw public key, first 16 bytes as 8 groups of 4 hex digits (read aloud on the phone). */
export function fingerprint(publicKeyBase64: string): string {
  const hex = sha256(Buffer.from(publicKeyBase64, 'base64')).slice(0, 32).toUpperCase();
  return hex.match(/.{4}/g)!.join(' ');
}

/** Accepts a fingerprint typed with or without spaces, dashes or lower case. */
export function normaliseFingerprint(text: string): string {
  const hex = text.replace(/[\s:-]/g, '').toUpperCase();
  return /^[0-9A-F]{32}$/.test(hex) ? hex.match(/.{4}/g)!.join(' ') : '';
}

interface KeyRow {
  device_id: string;
  public_key: string;
  private_key: string;
  age_identity: string;
  age_recipient: string;
}

/** This device's keys, created on first use. */
export async function deviceKeys(db: Db, deviceId: string): Promise<DeviceKeys> {
  let row = db.prepare(`SELECT * FROM device_keys WHERE device_id = ?`).get(deviceId) as KeyRow | undefined;
  if (!row) {
    const pair = generateKeyPairSync('ed25519');
    const identity = await generateX25519Identity();
    const recipient = await identityToRecipient(identity);
    const spki = pair.publicKey.export({ format: 'der', type: 'spki' });
    row = {
      device_id: deviceId,
      public_key: spki.subarray(ED25519_SPKI_PREFIX.length).toString('base64'),
      private_key: pair.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
      age_identity: identity,
      age_recipient: recipient,
    };
    // Another call may have raced us between the await and here: the first key wins.
    db.prepare(
      `INSERT INTO device_keys (device_id, public_key, private_key, age_identity, age_recipient, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(device_id) DO NOTHING`,
    ).run(row.device_id, row.public_key, row.private_key, row.age_identity, row.age_recipient, new Date().toISOString());
    row = db.prepare(`SELECT * FROM device_keys WHERE device_id = ?`).get(deviceId) as KeyRow;
  }
  return {
    deviceId,
    publicKey: row.public_key,
    fingerprint: fingerprint(row.public_key),
    recipient: row.age_recipient,
    identity: row.age_identity,
    privateKey: row.private_key,
  };
}

/** The age identities this device retired (hq rotate-key): batches sent to an old recipient stay readable. */
export function retiredIdentities(db: Db, deviceId: string): string[] {
  return db.prepare(`SELECT age_identity FROM retired_keys WHERE device_id = ? ORDER BY retired_at DESC`).pluck().all(deviceId) as string[];
}

export function privateKeyObject(privateKeyBase64: string): KeyObject {
  return createPrivateKey({ key: Buffer.from(privateKeyBase64, 'base64'), format: 'der', type: 'pkcs8' });
}

/** The KeyObject of a raw Ed25519 public key (base64); null when it is not one. */
export function publicKeyObject(publicKeyBase64: string): KeyObject | null {
  try {
    const raw = Buffer.from(publicKeyBase64, 'base64');
    if (raw.length !== 32) return null;
    return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
  } catch {
    return null;
  }
}

export function signBytes(privateKey: string | KeyObject, data: Uint8Array): string {
  return sign(null, data, typeof privateKey === 'string' ? privateKeyObject(privateKey) : privateKey).toString('base64');
}

export function verifySignature(publicKey: string | KeyObject, data: Uint8Array, signatureBase64: string): boolean {
  try {
    const key = typeof publicKey === 'string' ? publicKeyObject(publicKey) : publicKey;
    return key !== null && verify(null, data, key, Buffer.from(signatureBase64, 'base64'));
  } catch {
    return false;
  }
}

export function isAgeRecipient(text: string): boolean {
  return /^age1[02-9ac-hj-np-z]{58}$/.test(text);
}

/** Plaintext bytes per chunk of age's payload (its STREAM construction); each chunk carries a 16-byte Poly1305 tag. */
const AGE_CHUNK = 64 * 1024;
const AGE_TAG = 16;

/**
 * age v1 encryption. age-encryption writes the header (the recipients' stanzas and its MAC); the
 * payload, all but a few hundred bytes of a batch, is sealed here with node:crypto's native
 * ChaCha20-Poly1305 exactly as age seals it: the library's JavaScript cipher took ~40 ms a MB,
 * the largest share of writing a batch.
 */
export async function ageEncrypt(data: Uint8Array, recipients: readonly string[]): Promise<Uint8Array> {
  const encrypter = new Encrypter();
  for (const r of recipients) encrypter.addRecipient(r);
  // Adds no stanza to the header: it only learns the file key the library draws for this file.
  let fileKey: Uint8Array | undefined;
  encrypter.addRecipient({
    wrapFileKey: (key) => {
      fileKey = key;
      return [];
    },
  });
  // An empty file is the header, the payload nonce, then the empty last chunk's tag: kept but that tag.
  const empty = await encrypter.encrypt(new Uint8Array(0));
  const head = empty.subarray(0, empty.length - AGE_TAG);
  const nonce = head.subarray(head.length - 16);
  const streamKey = Buffer.from(hkdfSync('sha256', fileKey!, nonce, 'payload', 32));
  const chunks = Math.max(1, Math.ceil(data.length / AGE_CHUNK));
  const out = Buffer.allocUnsafe(head.length + data.length + chunks * AGE_TAG);
  out.set(head, 0);
  let at = head.length;
  // The chunk's nonce: an 11-byte big-endian counter, then 1 for the last chunk, else 0.
  const chunkNonce = Buffer.alloc(12);
  for (let i = 0; i < chunks; i++) {
    chunkNonce.writeUInt32BE(i, 7);
    chunkNonce[11] = i === chunks - 1 ? 1 : 0;
    const cipher = createCipheriv('chacha20-poly1305', streamKey, chunkNonce, { authTagLength: AGE_TAG });
    at += cipher.update(data.subarray(i * AGE_CHUNK, (i + 1) * AGE_CHUNK)).copy(out, at);
    cipher.final();
    at += cipher.getAuthTag().copy(out, at);
  }
  return out;
}

/** Decrypts with this device's identities (its key and any it retired); says whether the file was not for us or is damaged. */
export async function ageDecrypt(data: Uint8Array, identities: string | readonly string[]): Promise<Uint8Array> {
  const decrypter = new Decrypter();
  for (const identity of typeof identities === 'string' ? [identities] : identities) decrypter.addIdentity(identity);
  try {
    return await decrypter.decrypt(data);
  } catch (error) {
    const message = (error as Error).message;
    if (/no identity matched/i.test(message)) {
      throw new AppError(
        'BATCH_NOT_FOR_US',
        'This batch is not addressed to this device (or its header is damaged): it cannot be decrypted with this device’s key',
      );
    }
    throw new AppError('BATCH_CORRUPT', `The batch file is damaged or truncated: decryption failed (${message})`);
  }
}
