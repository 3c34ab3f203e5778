/**
 * Small JSON files one device signs for another to read (an invitation, a head's hand-over, HQ's
 * key notice): {format, version, signer, body, signature}. The signature is Ed25519 by the signer's
 * device key over a context prefix naming the kind and the rest in JCS, so a signature made for
 * one kind (or for a batch line) never verifies as another.
 */
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type { AppContext } from '../../context';
import { fingerprint, normaliseFingerprint, signBytes, verifySignature, type DeviceKeys } from './crypto';
import { canonicalJson } from './format';

export const SIGNED_FILE_KINDS = ['invitation', 'handover', 'key-notice'] as const;
export type SignedFileKind = (typeof SIGNED_FILE_KINDS)[number];
const VERSION = 1;

export const Signer = z.strictObject({
  id: z.string().min(1).max(64),
  publicKey: z.string().regex(/^[A-Za-z0-9+/]{43}=$/),
  fingerprint: z.string(),
});
export type Signer = z.infer<typeof Signer>;

function signedBytes(kind: SignedFileKind, unsigned: object): Buffer {
  return Buffer.from(`cau-noi-${kind}\n${canonicalJson(unsigned)}`, 'utf8');
}

/** The file's text, signed with this device's key. */
export function writeSignedFile(kind: SignedFileKind, body: object, keys: DeviceKeys): string {
  const unsigned = {
    format: `cau-noi-${kind}`,
    version: VERSION,
    signer: { id: keys.deviceId, publicKey: keys.publicKey, fingerprint: keys.fingerprint },
    body,
  };
  return `${JSON.stringify({ ...unsigned, signature: signBytes(keys.privateKey, signedBytes(kind, unsigned)) }, null, 2)}\n`;
}

/** Reads and verifies a signed file of this kind; who signed it is for the caller to judge. */
export function readSignedFile<T extends z.ZodType>(kind: SignedFileKind, text: string, body: T): { signer: Signer; body: z.infer<T> } {
  const invalid = () => new AppError('SIGNED_FILE_INVALID', `This is not a Cầu Nối ${kind} file, or it is damaged`, { params: { kind } });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw invalid();
  }
  const parsed = z
    .strictObject({ format: z.literal(`cau-noi-${kind}`), version: z.literal(VERSION), signer: Signer, body, signature: z.string().max(200) })
    .safeParse(raw);
  if (!parsed.success) throw invalid();
  const { signature, signer } = parsed.data as { signature: string; signer: Signer };
  // Verified over what the file holds, not the parsed copy (which may normalise a value).
  const { signature: _s, ...asWritten } = raw as Record<string, unknown>;
  if (fingerprint(signer.publicKey) !== signer.fingerprint || !verifySignature(signer.publicKey, signedBytes(kind, asWritten), signature)) {
    throw new AppError(
      'SIGNED_FILE_SIGNATURE_INVALID',
      `The ${kind} file's signature does not match its contents: it was altered, or not signed by the device it names`,
      { params: { kind } },
    );
  }
  return { signer, body: (parsed.data as { body: z.infer<T> }).body };
}

/** Trusted here with this key, or the fingerprint a person compared matches. */
export function signerVouched(app: AppContext, signer: Signer, confirmedFingerprint: string | undefined, code: string): void {
  const trusted = app.db.prepare(`SELECT 1 FROM devices WHERE device_id = ? AND public_key = ? AND trusted_at IS NOT NULL`).get(signer.id, signer.publicKey);
  if (trusted) return;
  if (confirmedFingerprint !== undefined && normaliseFingerprint(confirmedFingerprint) === signer.fingerprint) return;
  throw new AppError(
    code,
    `The file is signed by device ${signer.id}, not trusted here: compare its fingerprint ${signer.fingerprint} with the sender, then confirm it`,
    {
      params: { fingerprint: signer.fingerprint, device: signer.id, ...(confirmedFingerprint ? { given: confirmedFingerprint } : {}) },
    },
  );
}
