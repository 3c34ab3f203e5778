/**
 * The sender's place in each receiver's chain, kept outside the database so that restoring a
 * backup cannot roll it back (docs/exchange-format.md#recovery). A small JSON file beside the
 * write marker, replaced atomically after every export, holds per receiver the stream, the
 * last sequence and manifest hash written, and the outbox copies not yet acknowledged; and the
 * highest clock value sent, so that a restored device never issues a lower one.
 * It holds no record content.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { sha256 } from './crypto';

export const CHAIN_SUFFIX = '.chain.json';

/**
 * acknowledgedAt: the receiver acknowledged it; the copy stays until a backup newer than that exists
 * (ack.ts, pruneAcknowledged), so that restoring an older backup can still read it back.
 */
const OutboxEntry = z.object({ stream: z.string(), seq: z.number().int().min(1), sha256: z.string(), file: z.string(), acknowledgedAt: z.string().optional() });
export type OutboxEntry = z.infer<typeof OutboxEntry>;

const Position = z.object({ stream: z.string(), sequence: z.number().int().min(1), sha256: z.string(), outbox: z.array(OutboxEntry).default([]) });
export type ChainPosition = z.infer<typeof Position>;

const ChainFile = z.object({ deviceId: z.string(), hlc: z.string().nullable(), receivers: z.record(z.string(), Position) });
export type ChainFile = z.infer<typeof ChainFile>;

/** Set in the database with the first position saved: a database without it sent its batches before the file existed. */
const CHAIN_KEPT = 'exchange.chainKept';

export function chainPath(app: AppContext): string {
  return `${app.databasePath}${CHAIN_SUFFIX}`;
}

/** The saved positions of this device; empty when the file is missing, unreadable or another device's. */
export function readChain(app: AppContext): ChainFile {
  const empty: ChainFile = { deviceId: app.deviceId, hlc: null, receivers: {} };
  try {
    const parsed = ChainFile.safeParse(JSON.parse(fs.readFileSync(chainPath(app), 'utf8')));
    return parsed.success && parsed.data.deviceId === app.deviceId ? parsed.data : empty;
  } catch {
    return empty;
  }
}

/** Written to a temporary file and renamed: a crash leaves the old file or the new one, never half. */
export function writeChain(app: AppContext, chain: ChainFile): void {
  const file = chainPath(app);
  fs.writeFileSync(`${file}.part`, JSON.stringify(chain, null, 2), { mode: 0o600 });
  fs.renameSync(`${file}.part`, file);
}

/** After opening (a restored database keeps an older clock): the clock moves past every value sent. */
export function raiseClock(app: AppContext): void {
  const { hlc } = readChain(app);
  if (!hlc || hlc <= app.writer.clock.current()) return;
  try {
    app.writer.clock.receive(hlc);
    app.settings.set('hlc.last', app.writer.clock.current());
  } catch (error) {
    // A saved value far ahead of this computer's clock: the date is wrong here; writes still work.
    console.error(`[cau-noi] the exchange clock was not raised: ${(error as Error).message}`);
  }
}

export interface ReceiverPosition {
  id: string;
  stream: string | null;
  last_change_seq: number;
  last_batch_seq: number;
  last_batch_sha256: string | null;
}

export interface NextPlace {
  stream: string;
  sequence: number;
  previousSha256: string | null;
  /** The change log position after which changes are sent (the database's own). */
  cursor: number;
}

/**
 * Where the next batch to a receiver goes. The database's position, unless the saved one is
 * ahead of it (the database was restored from a backup): the chain then continues from the
 * saved one, and every change after the restored cursor is sent again (the receiver skips
 * lines it holds). A database that sent batches but has no saved position (restored on
 * another computer, or the file was lost) cannot know where its chain stands: it opens a new
 * stream, which the receiver accepts from a device it trusts as it accepts any first batch.
 * Unless it sent them all before this version kept the file (upgraded): its own position is
 * then the chain's, and the stream goes on.
 */
export function nextPlace(app: AppContext, receiver: ReceiverPosition, chain = readChain(app)): NextPlace {
  const stream = receiver.stream ?? receiver.id;
  const saved = chain.receivers[receiver.id];
  const cursor = receiver.last_change_seq;
  if (saved && (saved.stream !== stream || saved.sequence > receiver.last_batch_seq)) {
    return { stream: saved.stream, sequence: saved.sequence + 1, previousSha256: saved.sha256, cursor };
  }
  if (!saved && receiver.last_batch_seq > 0 && app.settings.get(CHAIN_KEPT))
    return { stream: sha256(`${receiver.id}\n${randomUUID()}`), sequence: 1, previousSha256: null, cursor };
  return { stream, sequence: receiver.last_batch_seq + 1, previousSha256: receiver.last_batch_sha256, cursor };
}

/** Records a written batch: the receiver's new position, its outbox copy, the clock sent. */
export function rememberBatch(app: AppContext, receiverId: string, batch: OutboxEntry, hlc: string | null): void {
  const chain = readChain(app);
  const outbox = (chain.receivers[receiverId]?.outbox ?? []).filter((e) => !(e.stream === batch.stream && e.seq === batch.seq));
  chain.receivers[receiverId] = { stream: batch.stream, sequence: batch.seq, sha256: batch.sha256, outbox: [...outbox, batch] };
  const clock = app.writer.clock.current();
  chain.hlc =
    [chain.hlc, hlc, clock]
      .filter((h): h is string => h !== null)
      .sort()
      .pop() ?? null;
  writeChain(app, chain);
  app.settings.set(CHAIN_KEPT, true);
}
