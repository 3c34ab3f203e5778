/**
 * HQ's key rotation (docs/security.md, "Rotating HQ's key"): HQ takes a new age identity and keeps
 * the old ones to read batches still encrypted to them; a key notice signed with HQ's device key
 * tells the missions the new recipient. A mission switches its saved HQ receiver to it keeping the
 * receiver's id, so its chain at HQ (stream and sequence) goes on.
 */
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { z } from 'zod';
import type { AppContext } from '../../context';
import type { KeyRotation } from '../../../shared/domain/enrol';
import type { ReceiverInfo } from '../../../shared/domain/exchange';
import { AppError } from '../../../shared/errors';
import { deviceKeys, isAgeRecipient } from './crypto';
import { receivers } from './devices';
import { readSignedFile, signerVouched, writeSignedFile } from './signed-file';

const KeyNotice = z.strictObject({
  previousRecipient: z.string().refine(isAgeRecipient),
  recipient: z.string().refine(isAgeRecipient),
  createdAt: z.iso.datetime(),
});

/** HQ only: a new age identity for this device, the old one retired, and the signed notice. */
export async function rotateKey(app: AppContext, now = new Date()): Promise<KeyRotation> {
  if (app.mode() !== 'hq') throw new AppError('KEY_ROTATE_HQ_ONLY', "Only HQ's computer rotates its key this way");
  const old = await deviceKeys(app.db, app.deviceId);
  const identity = await generateX25519Identity();
  const recipient = await identityToRecipient(identity);
  app.db.transaction(() => {
    app.db
      .prepare(`INSERT INTO retired_keys (age_recipient, age_identity, device_id, retired_at) VALUES (?, ?, ?, ?)`)
      .run(old.recipient, old.identity, app.deviceId, now.toISOString());
    app.db.prepare(`UPDATE device_keys SET age_identity = ?, age_recipient = ? WHERE device_id = ?`).run(identity, recipient, app.deviceId);
  })();
  const keys = await deviceKeys(app.db, app.deviceId);
  const text = writeSignedFile('key-notice', { previousRecipient: old.recipient, recipient, createdAt: now.toISOString() }, keys);
  return {
    text,
    fileName: `BNG-khoa-moi-${now.toISOString().slice(0, 10).replaceAll('-', '')}.cnkey.json`,
    recipient,
    previousRecipient: old.recipient,
    fingerprint: keys.fingerprint,
  };
}

/**
 * On a mission: the saved receiver that encrypts to the notice's old recipient now encrypts to
 * the new one, under the same id (the chain goes on at HQ).
 */
export function switchReceiverKey(app: AppContext, text: string, confirmedFingerprint?: string): ReceiverInfo & { fingerprint: string } {
  const { signer, body } = readSignedFile('key-notice', text, KeyNotice);
  signerVouched(app, signer, confirmedFingerprint, 'KEY_NOTICE_UNVERIFIED');
  const rows = app.db.prepare(`SELECT id, label, recipient FROM receivers`).all() as { id: string; label: string; recipient: string }[];
  const row = rows.find((r) => r.recipient.split('\n').includes(body.previousRecipient));
  if (!row) {
    if (rows.some((r) => r.recipient.split('\n').includes(body.recipient))) throw new AppError('KEY_NOTICE_APPLIED', 'The receiver already uses this new key');
    throw new AppError('KEY_NOTICE_NO_RECEIVER', `No receiver saved here sends to ${body.previousRecipient}`, {
      params: { recipient: body.previousRecipient },
    });
  }
  const recipients = [...new Set(row.recipient.split('\n').map((r) => (r === body.previousRecipient ? body.recipient : r)))].sort();
  app.db.prepare(`UPDATE receivers SET recipient = ? WHERE id = ?`).run(recipients.join('\n'), row.id);
  return { ...receivers(app).find((r) => r.id === row.id)!, fingerprint: signer.fingerprint };
}
