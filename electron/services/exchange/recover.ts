/**
 * After a restore: changes this device made and sent after the backup was taken are gone from
 * its database, but not from its outbox. Every batch is also encrypted to the device itself, so
 * it reads back its own unacknowledged copies that the database does not know of, and applies
 * them as a receiver would (lines it holds are skipped by HLC). Its next batch then carries them
 * again, and the mission's data and the receivers' converge. Acknowledged copies are kept until a
 * newer backup exists (ack.ts), so a restore older than an acknowledgement recovers them too.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../../context';
import { deviceKeys } from './crypto';
import { readChain, type OutboxEntry } from './chain';
import type { OpenedBatch } from './decode';
import { withDecoder, type BatchDecoder } from './decoder';
import { applyPlan, planBatch } from './plan';
import { exclusively } from '../slices';

const noPause = async () => {};

/** Reads back the outbox copies the database lost; returns the change lines recovered. */
export async function recoverSentBatches(app: AppContext): Promise<number> {
  if (!app.missionId()) return 0;
  const chain = readChain(app);
  const known = app.db.prepare(`SELECT 1 FROM batches_sent WHERE stream = ? AND seq = ?`).pluck();
  // A backup older than an acknowledgement knows the batch as waiting: it was acknowledged since.
  const acknowledge = app.db.prepare(`UPDATE batches_sent SET acknowledged_at = ?, container = NULL WHERE stream = ? AND seq = ? AND acknowledged_at IS NULL`);
  for (const c of Object.values(chain.receivers).flatMap((r) => r.outbox)) if (c.acknowledgedAt) acknowledge.run(c.acknowledgedAt, c.stream, c.seq);
  const lost = Object.entries(chain.receivers).flatMap(([receiverId, r]) =>
    r.outbox.filter((c) => known.get(c.stream, c.seq) === undefined && fs.existsSync(c.file)).map((c) => ({ receiverId, ...c })),
  );
  if (lost.length === 0) return 0;
  const { identity } = await deviceKeys(app.db, app.deviceId);
  return withDecoder(async (decoder) => {
    let recovered = 0;
    for (const copy of lost.sort((a, b) => a.seq - b.seq)) recovered += await recoverCopy(app, decoder, copy, identity);
    return recovered;
  });
}

async function recoverCopy(app: AppContext, decoder: BatchDecoder, copy: OutboxEntry & { receiverId: string }, identity: string): Promise<number> {
  let opened: OpenedBatch;
  try {
    opened = await decoder.open(fs.readFileSync(copy.file), [identity]);
  } catch {
    // Written before copies were encrypted to the device too: only the receiver can read it.
    return 0;
  }
  if (opened.sha256 !== copy.sha256 || opened.manifest.device.id !== app.deviceId) {
    decoder.drop();
    return 0;
  }
  // The device's own copy: its lines are not verified again.
  const { lines, inner } = await decoder.read(null);
  return exclusively(app, async () => {
    app.db.exec('BEGIN IMMEDIATE');
    try {
      const plan = await planBatch(app, lines, noPause);
      await applyPlan(app, plan, app.requireMissionId(), noPause);
      // Known again: with its container (written again until acknowledged), or as acknowledged.
      if (app.db.prepare(`SELECT 1 FROM receivers WHERE id = ?`).get(copy.receiverId) !== undefined) {
        const m = opened.manifest;
        const toSeq = app.db.prepare(`SELECT coalesce(max(seq), 0) FROM changes`).pluck().get() as number;
        app.db
          .prepare(
            `INSERT INTO batches_sent (receiver_id, stream, seq, sha256, file_name, change_count, to_change_seq, created_at, container, outbox_file, acknowledged_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            copy.receiverId,
            copy.stream,
            copy.seq,
            copy.sha256,
            path.basename(copy.file),
            m.changeCount,
            toSeq,
            m.createdAt,
            copy.acknowledgedAt ? null : inner,
            copy.file,
            copy.acknowledgedAt ?? null,
          );
      }
      app.settings.set('hlc.last', app.writer.clock.current());
      app.db.exec('COMMIT');
      return plan.newLines.length;
    } catch (error) {
      if (app.db.inTransaction) app.db.exec('ROLLBACK');
      throw error;
    }
  });
}
