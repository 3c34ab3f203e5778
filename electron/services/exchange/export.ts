/**
 * Writes a batch: every change record (local or received, with tombstones) not yet sent to
 * the receiver, signed by this device and encrypted to the receiver's age recipient(s).
 * Every batch also stays in the outbox, and its signed container in the database, until the
 * receiver acknowledges it (ack.ts): until then it can be written again (resendBatches).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../../context';
import type { Entity } from '../../../shared/domain/enums';
import type { ExportResult, ResentBatch } from '../../../shared/domain/exchange';
import { AppError } from '../../../shared/errors';
import { ageEncrypt, deviceKeys, isAgeRecipient, privateKeyObject, sha256, signBytes } from './crypto';
import { BATCH_EXTENSION, BATCH_LIMITS, FILES, FORMAT_NAME, FORMAT_VERSION, packContainer, PayloadWriter, signedLineBytes, type BatchManifest } from './format';
import { certifiedKey } from './authority';
import { CHANGE_ROW_COLUMNS_AFTER, changeLineOf, LineBases, lineText, type ChangeRow } from './line-signing';
import { revocationsToSend } from './revocations';
import { invitationToken } from './invitation';
import { SLICE, yieldToEventLoop, type Progress } from '../slices';
import { recoverSentBatches } from './recover';
import { pruneAcknowledged } from './ack';
import { nextPlace, readChain, rememberBatch, type ReceiverPosition } from './chain';

export interface ExportOptions {
  recipients: string[];
  /** Name shown for this receiver ("Trưởng cơ quan", "Bộ Ngoại giao"). */
  label?: string;
  /** A file to write, or a folder (default: the data folder's outbox). */
  out?: string;
  /** The most changes.jsonl may hold (default: what every reader accepts); the rest waits for the next batch. */
  maxPayloadBytes?: number;
}

/** The id of a new receiver; a saved one keeps its id when its key changes (receiverFor). */
export function streamId(recipients: readonly string[]): string {
  return sha256([...new Set(recipients)].sort().join('\n'));
}

/** The saved receiver these recipients reach (its key may have changed since: batch receiver-key), or a new one's id. */
export function receiverFor(app: AppContext, recipients: readonly string[]): string {
  return (app.db.prepare(`SELECT id FROM receivers WHERE recipient = ?`).pluck().get(recipients.join('\n')) as string | undefined) ?? streamId(recipients);
}

export function outboxDir(app: AppContext): string {
  return path.join(app.options.dataDir, 'outbox');
}

function checkRecipients(list: readonly string[]): string[] {
  const recipients = [...new Set(list.map((r) => r.trim()))].sort();
  const bad = recipients.find((r) => !isAgeRecipient(r));
  if (recipients.length === 0 || bad !== undefined) {
    throw new AppError('EXCHANGE_BAD_RECIPIENT', `Not an age recipient (age1…): ${bad ?? '(none given)'}`, { params: { recipient: bad ?? '' } });
  }
  return recipients;
}

/** Written beside and renamed: a crash never leaves a half batch under a batch's name. */
function writeAtomically(target: string, bytes: Uint8Array): void {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(`${target}.part`, bytes);
  fs.renameSync(`${target}.part`, target);
}

export async function exportBatch(app: AppContext, options: ExportOptions, progress: Progress = () => {}): Promise<ExportResult> {
  // HQ is the end of every chain: its import trusts the senders' own lines by their manifests (authority.ts), so they must not travel on.
  if (app.mode() === 'hq') throw new AppError('EXCHANGE_HQ_SENDS_NOTHING', 'The Ministry’s computer receives batches and sends none');
  const recipients = checkRecipients(options.recipients);
  const mission = app.missions.get(app.requireMissionId());
  if (!mission) throw new AppError('NOT_SET_UP', 'Set up the mission first (cau-noi init)');
  const keys = await deviceKeys(app.db, app.deviceId);
  const receiverId = receiverFor(app, recipients);
  const db = app.db;
  db.prepare(`INSERT INTO receivers (id, label, recipient) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET label = coalesce(?, label)`).run(
    receiverId,
    options.label ?? recipients.join(', '),
    recipients.join('\n'),
    options.label ?? null,
  );
  // After a restore, what this device sent since the backup comes back first (and goes again).
  await recoverSentBatches(app);
  const receiver = db.prepare(`SELECT * FROM receivers WHERE id = ?`).get(receiverId) as ReceiverPosition;
  const place = nextPlace(app, receiver, readChain(app));
  const lastSeq = (db.prepare(`SELECT coalesce(max(seq), 0) FROM changes`).pluck().get() as number) ?? 0;
  const total = lastSeq - receiver.last_change_seq;
  const maxPayloadBytes = Math.min(options.maxPayloadBytes ?? BATCH_LIMITS.payloadBytes, BATCH_LIMITS.payloadBytes);

  const read = db.prepare(`SELECT ${CHANGE_ROW_COLUMNS_AFTER} FROM changes c WHERE c.seq > @cursor AND c.seq <= @last ORDER BY c.seq LIMIT @limit`);
  const bases = new LineBases(db);
  const signingKey = privateKeyObject(keys.privateKey);
  // Lines relayed from other devices keep their authors' signatures; the manifest certifies those authors' keys.
  const relayed = new Set<string>();
  const records = new Map<Entity, Set<string>>();
  let from: string | null = null;
  let to: string | null = null;
  let count = 0;
  let bytes = 0;
  let toSeq = place.cursor;
  /**
   * Consecutive lines of one record (a record's creation writes all its fields at once) travel
   * together: the receiver validates each record as it stands after the batch, so a batch cut
   * inside a new record would be refused. A run is added only whole, and only if the batch stays
   * within every reader's payload limit; what does not fit waits for the next batch.
   */
  let run: ChangeRow[] = [];
  let runBytes = 0;
  // changes.jsonl is written as UTF-8 straight into a buffer, no 100,000 strings to join and encode again: the lines of
  // the runs added since the last hand-on (held bytes), then the current run's.
  const changes = new PayloadWriter();
  let payload = Buffer.allocUnsafe(1 << 20);
  let held = 0;
  const append = (text: string) => {
    const end = held + runBytes;
    if (end + text.length * 3 > payload.length) {
      const grown = Buffer.allocUnsafe(Math.max(end + text.length * 3, payload.length * 2));
      payload.copy(grown, 0, 0, end);
      payload = grown;
    }
    runBytes += payload.write(text, end);
  };
  /** Hands the added runs' lines on to be gzipped; the current run's move to the start of a new buffer, as zlib reads the old one later. */
  const handOn = () => {
    if (held === 0) return;
    changes.write(payload.subarray(0, held));
    const next = Buffer.allocUnsafe(payload.length);
    payload.copy(next, 0, held, held + runBytes);
    payload = next;
    held = 0;
  };
  const fits = () => count === 0 || bytes + runBytes <= maxPayloadBytes;
  const addRun = () => {
    for (const r of run) {
      if (r.device_id !== app.deviceId) relayed.add(r.device_id);
      if (!records.has(r.entity)) records.set(r.entity, new Set());
      records.get(r.entity)!.add(r.record_id);
      if (from === null || r.hlc < from) from = r.hlc;
      if (to === null || r.hlc > to) to = r.hlc;
      count++;
      toSeq = r.seq;
    }
    bytes += runBytes;
    held += runBytes;
    run = [];
    runBytes = 0;
  };
  let cursor = place.cursor;
  let full = false;
  reading: while (cursor < lastSeq) {
    handOn();
    progress({ done: count, total, stage: 'exchange.stage.reading' });
    await yieldToEventLoop();
    const rows = read.all({ after: place.cursor, cursor, last: lastSeq, limit: SLICE }) as (ChangeRow & { local: number })[];
    if (rows.length === 0) break;
    for (const r of rows) {
      const last = run[run.length - 1];
      if (last && (last.entity !== r.entity || last.record_id !== r.record_id)) {
        if (!fits()) {
          full = true;
          break reading;
        }
        addRun();
      }
      bases.complete(r);
      // Own lines not signed ahead (line-signing.ts) are signed here; Ed25519 is deterministic, so either way a line has one signature.
      const sig = r.sig ?? (r.device_id === app.deviceId ? signBytes(signingKey, signedLineBytes(changeLineOf(r))) : null);
      run.push(r);
      append(lineText(r, sig));
      cursor = r.seq;
    }
  }
  if (!full && run.length && fits()) addRun();
  handOn();
  progress({ done: count, total, stage: 'exchange.stage.encrypting' });
  await yieldToEventLoop();

  const payloadDone = await changes.end();
  const { sequence, stream } = place;
  const manifest: BatchManifest = {
    format: FORMAT_NAME,
    formatVersion: FORMAT_VERSION,
    mission: {
      id: mission.id,
      code: mission.code,
      nameVi: mission.nameVi,
      nameEn: mission.nameEn,
      kind: mission.kind,
      country: mission.country,
      city: mission.city,
    },
    device: { id: app.deviceId, publicKey: keys.publicKey, fingerprint: keys.fingerprint, author: app.user()?.name ?? '' },
    devices: [...relayed].sort().flatMap((id) => {
      const publicKey = certifiedKey(app, id);
      return publicKey ? [{ id, publicKey }] : [];
    }),
    revocations: revocationsToSend(app, mission.code),
    ...invitationField(app, receiverId),
    stream,
    sequence,
    previousSha256: place.previousSha256,
    hlc: from && to ? { from, to } : null,
    counts: Object.fromEntries([...records].map(([entity, ids]) => [entity, ids.size])),
    changeCount: count,
    payload: { file: FILES.changes, encoding: 'gzip', sha256: payloadDone.sha256, bytes },
    createdAt: new Date().toISOString(),
    appVersion: app.options.appVersion,
  };
  const manifestBytes = new TextEncoder().encode(JSON.stringify(manifest, null, 2));
  const batchSha = sha256(manifestBytes);
  const container = await packContainer({ manifestBytes, signature: signBytes(keys.privateKey, manifestBytes), changesGz: payloadDone.gz }, yieldToEventLoop);
  // Also to this device: after a restore it reads its own copies back (recover.ts).
  const encrypted = await ageEncrypt(container, [...recipients, keys.recipient]);

  const fileName = `${mission.code}-${manifest.createdAt.slice(0, 10).replaceAll('-', '')}-${String(sequence).padStart(4, '0')}-${app.deviceId.slice(-8)}${BATCH_EXTENSION}`;
  const outboxFile = path.join(outboxDir(app), fileName);
  const target = options.out ? resolveTarget(options.out, fileName) : outboxFile;
  progress({ done: count, total, stage: 'exchange.stage.writing' });
  writeAtomically(outboxFile, encrypted);
  if (target !== outboxFile) writeAtomically(target, encrypted);

  // The receiver's position moves only once the file exists.
  db.transaction(() => {
    const moved = db
      .prepare(
        `UPDATE receivers SET stream = ?, last_change_seq = ?, last_batch_seq = ?, last_batch_sha256 = ?, last_sent_at = ? WHERE id = ? AND last_batch_seq = ? AND stream IS ?`,
      )
      .run(stream, toSeq, sequence, batchSha, manifest.createdAt, receiverId, receiver.last_batch_seq, receiver.stream);
    if (moved.changes !== 1) throw new AppError('EXCHANGE_BUSY', 'Another batch to this receiver was written at the same time; write it again');
    db.prepare(
      `INSERT INTO batches_sent (receiver_id, stream, seq, sha256, file_name, change_count, to_change_seq, created_at, container, outbox_file) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(receiverId, stream, sequence, batchSha, fileName, count, toSeq, manifest.createdAt, container, outboxFile);
    // Outside the database, so that restoring an older backup cannot move the chain back; written
    // before the commit: it may run ahead of the database after a crash (the next batch continues
    // after it, reading the copy back), never behind a batch the receiver may hold.
    rememberBatch(app, receiverId, { stream, seq: sequence, sha256: batchSha, file: outboxFile }, manifest.hlc?.to ?? null);
  })();
  pruneAcknowledged(app);
  progress({ done: count, total, stage: 'exchange.stage.done' });
  const remaining = db.prepare(`SELECT count(*) FROM changes WHERE seq > ? AND seq <= ?`).pluck().get(toSeq, lastSeq) as number;
  return { path: target, fileName: path.basename(target), sequence, changeCount: count, remaining, counts: manifest.counts, sha256: batchSha, stream };
}

function invitationField(app: AppContext, receiverId: string): Pick<BatchManifest, 'invitation'> {
  const token = invitationToken(app, receiverId);
  return token ? { invitation: token } : {};
}

function resolveTarget(out: string, fileName: string): string {
  const resolved = path.resolve(out);
  const isFolder = (fs.existsSync(resolved) && fs.statSync(resolved).isDirectory()) || out.endsWith(path.sep) || out.endsWith('/');
  return isFolder ? path.join(resolved, fileName) : resolved;
}

export interface ResendOptions {
  recipients: string[];
  sequences: number[];
  /** The folder to write to. */
  out: string;
  /** The stream the sequences belong to (default: the receiver's current one). */
  stream?: string;
}

/**
 * Writes batches again that a receiver reports missing: the same signed container (same
 * manifest and hash, so the receiver's chain takes it) encrypted anew; or, when only the outbox
 * copy is left (the database was restored to before it was sent), that copy.
 */
export async function resendBatches(app: AppContext, options: ResendOptions): Promise<ResentBatch[]> {
  const recipients = checkRecipients(options.recipients);
  const receiverId = receiverFor(app, recipients);
  const receiver = app.db.prepare(`SELECT stream FROM receivers WHERE id = ?`).get(receiverId) as { stream: string | null } | undefined;
  const saved = readChain(app).receivers[receiverId];
  const stream = options.stream ?? saved?.stream ?? receiver?.stream ?? receiverId;
  const row = app.db.prepare(`SELECT sha256, file_name, container, outbox_file FROM batches_sent WHERE receiver_id = ? AND stream = ? AND seq = ?`);
  const resent: ResentBatch[] = [];
  for (const sequence of [...new Set(options.sequences)].sort((a, b) => a - b)) {
    const kept = row.get(receiverId, stream, sequence) as
      { sha256: string; file_name: string; container: Uint8Array | null; outbox_file: string | null } | undefined;
    const copy = saved?.outbox.find((e) => e.stream === stream && e.seq === sequence);
    const copyFile = [kept?.outbox_file, copy?.file].find((f): f is string => Boolean(f && fs.existsSync(f)));
    const fileName = kept?.file_name ?? (copyFile ? path.basename(copyFile) : '');
    const target = path.join(path.resolve(options.out), fileName);
    if (kept?.container) writeAtomically(target, await ageEncrypt(kept.container, [...recipients, (await deviceKeys(app.db, app.deviceId)).recipient]));
    else if (copyFile) writeAtomically(target, fs.readFileSync(copyFile));
    else {
      throw new AppError('EXCHANGE_RESEND_GONE', `Batch ${sequence} to this receiver is no longer kept here (acknowledged, or never written by this device)`, {
        params: { sequence },
      });
    }
    resent.push({ sequence, path: target, fileName, sha256: kept?.sha256 ?? copy!.sha256 });
  }
  return resent;
}
