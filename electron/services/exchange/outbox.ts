/** What was written to each receiver: waiting in the outbox until acknowledged, or acknowledged. */
import fs from 'node:fs';
import type { AppContext } from '../../context';
import type { OutboxView, SentBatch } from '../../../shared/domain/exchange';
import { readChain } from './chain';

/** Acknowledged batches shown per receiver (the rest are only counted). */
const ACKNOWLEDGED_SHOWN = 5;

interface SentRow {
  seq: number;
  stream: string;
  file_name: string;
  created_at: string;
  change_count: number;
  acknowledged_at: string | null;
  kept: number;
  outbox_file: string | null;
}

export function outbox(app: AppContext): OutboxView[] {
  const chain = readChain(app);
  const receivers = app.db.prepare(`SELECT id, label, stream FROM receivers ORDER BY label`).all() as { id: string; label: string; stream: string | null }[];
  const sent = app.db.prepare(
    `SELECT seq, stream, file_name, created_at, change_count, acknowledged_at, container IS NOT NULL AS kept, outbox_file FROM batches_sent
     WHERE receiver_id = ? ORDER BY acknowledged_at IS NOT NULL, created_at DESC, seq DESC`,
  );
  return receivers.map((r) => {
    const rows = sent.all(r.id) as SentRow[];
    const copies = chain.receivers[r.id]?.outbox ?? [];
    const batches: SentBatch[] = rows.map((row) => ({
      sequence: row.seq,
      stream: row.stream,
      fileName: row.file_name,
      createdAt: row.created_at,
      changeCount: row.change_count,
      acknowledgedAt: row.acknowledged_at,
      resendable: row.acknowledged_at === null && (row.kept === 1 || Boolean(row.outbox_file && fs.existsSync(row.outbox_file))),
    }));
    const acknowledged = batches.filter((b) => b.acknowledgedAt !== null).length;
    // Copies written after the backup this database was restored from: known only to the chain file.
    const restoredAway = copies.filter((c) => !rows.some((row) => row.stream === c.stream && row.seq === c.seq) && fs.existsSync(c.file));
    const awayWaiting = restoredAway.filter((c) => !c.acknowledgedAt).length;
    const waiting = batches.filter((b) => b.acknowledgedAt === null).length + awayWaiting;
    return {
      receiverId: r.id,
      label: r.label,
      stream: chain.receivers[r.id]?.stream ?? r.stream ?? r.id,
      batches: batches.filter((b) => b.acknowledgedAt === null).concat(batches.filter((b) => b.acknowledgedAt !== null).slice(0, ACKNOWLEDGED_SHOWN)),
      sent: batches.length + restoredAway.length,
      acknowledged: acknowledged + restoredAway.length - awayWaiting,
      waiting,
    };
  });
}
