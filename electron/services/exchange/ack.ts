/**
 * Acknowledgements (docs/exchange-format.md#acknowledgements): the receiver lists, per sending
 * device and stream, the last batch it applied (sequence and manifest hash), signed with its
 * device key. The sender drops its outbox copies and kept containers up to that batch.
 * Only a holder of the decrypted batch knows its manifest hash, so an acknowledgement naming
 * a hash this device wrote comes from a receiver of that batch; the signature binds the file
 * to the key it names.
 */
import fs from 'node:fs';
import { z } from 'zod';
import type { AppContext } from '../../context';
import type { AckResult } from '../../../shared/domain/exchange';
export { ACK_EXTENSION } from '../../../shared/domain/exchange';
import { AppError } from '../../../shared/errors';
import { deviceKeys, fingerprint, verifySignature, signBytes } from './crypto';
import { canonicalJson } from './format';
import { readChain, writeChain } from './chain';
import { listBackups } from '../backup';

export const ACK_FORMAT = 'cau-noi-ack';
/** Prefix of the signed bytes: a signature made for something else never verifies as an acknowledgement. */
const ACK_SIGNATURE_CONTEXT = 'cau-noi-ack\n';
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

const AckBody = z.strictObject({
  format: z.literal(ACK_FORMAT),
  formatVersion: z.literal(1),
  device: z.strictObject({ id: z.string().min(1).max(64), publicKey: z.string().regex(/^[A-Za-z0-9+/]{43}=$/), fingerprint: z.string() }),
  createdAt: z.iso.datetime(),
  streams: z.array(z.strictObject({ device: z.string().min(1).max(64), stream: sha256Hex, sequence: z.number().int().min(1), sha256: sha256Hex })).max(100_000),
});
type AckBody = z.infer<typeof AckBody>;
const AckFile = z.strictObject({ ...AckBody.shape, signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/) });

const signedBytes = (body: AckBody) => Buffer.from(ACK_SIGNATURE_CONTEXT + canonicalJson(body), 'utf8');

/** The acknowledgement of every batch applied here, as the file's text. */
export async function writeAck(app: AppContext): Promise<{ text: string; streams: number }> {
  const keys = await deviceKeys(app.db, app.deviceId);
  const streams = app.db
    .prepare(
      `SELECT r.device_id AS device, r.stream, r.seq AS sequence, r.sha256 FROM batches_received r
       WHERE r.status = 'applied' AND r.seq = (SELECT max(seq) FROM batches_received m WHERE m.device_id = r.device_id AND m.stream = r.stream AND m.status = 'applied')
       ORDER BY r.device_id, r.stream`,
    )
    .all() as AckBody['streams'];
  const body: AckBody = {
    format: ACK_FORMAT,
    formatVersion: 1,
    device: { id: app.deviceId, publicKey: keys.publicKey, fingerprint: keys.fingerprint },
    createdAt: new Date().toISOString(),
    streams,
  };
  return { text: `${JSON.stringify({ ...body, signature: signBytes(keys.privateKey, signedBytes(body)) }, null, 2)}\n`, streams: streams.length };
}

function parseAck(bytes: Uint8Array): AckBody {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    throw new AppError('ACK_INVALID', 'This is not an acknowledgement file (not JSON)');
  }
  const parsed = AckFile.safeParse(raw);
  if (!parsed.success) throw new AppError('ACK_INVALID', 'This is not an acknowledgement file of Cầu Nối');
  const { signature, ...body } = parsed.data;
  if (fingerprint(body.device.publicKey) !== body.device.fingerprint || !verifySignature(body.device.publicKey, signedBytes(body), signature)) {
    throw new AppError('ACK_INVALID', 'The acknowledgement does not match its signature: it was altered');
  }
  return body;
}

/**
 * Marks this device's batches acknowledged up to each stream's batch the receiver applied (its
 * hash must be the one this device wrote): kept containers are dropped. The outbox copies stay
 * (marked acknowledged in the chain file) until a backup newer than the acknowledgement exists:
 * restoring an older backup reads them back (recover.ts), or the mission would lose, here, changes
 * its receiver already has.
 */
export function importAck(app: AppContext, bytes: Uint8Array): AckResult {
  const ack = parseAck(bytes);
  const mine = ack.streams.filter((s) => s.device === app.deviceId);
  if (mine.length === 0) throw new AppError('ACK_NOT_OURS', 'The acknowledgement names no batch of this device');
  const chain = readChain(app);
  const sentSha = app.db.prepare(`SELECT sha256 FROM batches_sent WHERE stream = ? AND seq = ?`).pluck();
  const pending = app.db.prepare(`SELECT seq FROM batches_sent WHERE stream = ? AND seq <= ? AND acknowledged_at IS NULL`).pluck();
  const mark = app.db.prepare(`UPDATE batches_sent SET acknowledged_at = ?, container = NULL WHERE stream = ? AND seq = ?`);
  const now = new Date().toISOString();
  const batches: AckResult['batches'] = [];
  app.db.transaction(() => {
    for (const s of mine) {
      const copies = Object.values(chain.receivers).flatMap((r) => r.outbox.filter((e) => e.stream === s.stream));
      const known = sentSha.get(s.stream, s.sequence) ?? copies.find((e) => e.seq === s.sequence)?.sha256;
      // Another hash: not a batch this device wrote (or one it no longer knows); nothing to drop.
      if (known !== s.sha256) continue;
      const sequences = new Set<number>();
      for (const seq of pending.all(s.stream, s.sequence) as number[]) if (mark.run(now, s.stream, seq).changes) sequences.add(seq);
      for (const e of copies) {
        if (e.seq > s.sequence || e.acknowledgedAt) continue;
        e.acknowledgedAt = now;
        sequences.add(e.seq);
      }
      if (sequences.size) batches.push({ stream: s.stream, sequences: [...sequences].sort((a, b) => a - b) });
    }
  })();
  writeChain(app, chain);
  const { removed, kept } = pruneAcknowledged(app);
  return { acknowledged: batches.reduce((n, b) => n + b.sequences.length, 0), batches, removedFiles: removed, keptFiles: kept };
}

/**
 * Drops the acknowledged outbox copies that a backup newer than their acknowledgement (so newer
 * than the batch) makes needless: every backup that could be restored without them knows them.
 */
export function pruneAcknowledged(app: AppContext): { removed: number; kept: number } {
  const chain = readChain(app);
  const newest = listBackups(app.options.dataDir)[0]?.createdAt ?? '';
  let removed = 0;
  let kept = 0;
  for (const r of Object.values(chain.receivers)) {
    r.outbox = r.outbox.filter((e) => {
      if (!e.acknowledgedAt) return true;
      if (newest <= e.acknowledgedAt) {
        kept++;
        return true;
      }
      if (fs.existsSync(e.file)) {
        fs.rmSync(e.file, { force: true });
        removed++;
      }
      return false;
    });
  }
  if (removed > 0 || kept > 0) writeChain(app, chain);
  return { removed, kept };
}
