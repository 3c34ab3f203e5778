/**
 * Importing batches: open and verify each file, check its place in the sender's chain,
 * plan (the dry run's summary), then apply it whole in one transaction. A batch that
 * arrives before an earlier one is held and applied as soon as the gap is filled.
 */
import type { AppContext } from '../../context';
import { backupBeforeRisk } from '../backup';
import type { BatchInfo, ImportReport, ImportSummary } from '../../../shared/domain/exchange';
import { AppError } from '../../../shared/errors';
import type { BatchManifest, ChangeLine } from './format';
import { authorKeys, checkAuthority, rememberCertificates } from './authority';
import type { AuthorKeys, Certificate, OpenedBatch } from './decode';
import { withDecoder, type BatchDecoder, type DecodedLines, type DecoderLimits } from './decoder';
import { acceptInvitation, useInvitation, type InvitationUse } from './invitation';
import { applyPlan, planBatch } from './plan';
import { batchIdentities, checkTrust } from './read';
import { checkLines, checkSender, recordTravelled } from './revocations';
import { drive, exclusively, yieldToEventLoop, type Progress } from '../slices';

export interface BatchFile {
  name: string;
  bytes: Uint8Array;
}

/** decoder: the batch worker's limits (tests give a broken worker or a short deadline). */
export async function importBatches(
  app: AppContext,
  files: readonly BatchFile[],
  options: { dryRun?: boolean; decoder?: Partial<DecoderLimits> },
  progress: Progress = () => {},
): Promise<ImportReport[]> {
  const reports: ImportReport[] = [];
  // The day's backup is copied in a worker meanwhile; batches commit only once it is complete, so it
  // surely holds the state before the import (the worker reads committed data only).
  const backupDone = options.dryRun ? undefined : backupBeforeRisk(app, 'before-import')?.done;
  // One worker decodes the files one after another (a new one after a file that broke it); with
  // several files to apply, a second one reads the next file meanwhile.
  const ahead = !options.dryRun && files.length > 1;
  // Each batch commits: the list asked for meanwhile reads from a snapshot kept a little longer.
  const release = files.length > 1 ? app.readers?.snapshots() : undefined;
  try {
    await withDecoder(
      (decoder) =>
        withDecoders(ahead, options.decoder, async (aheadDecoder) => {
          const pending: { next: Promise<Decoded> | null } = { next: null };
          try {
            for (const [i, file] of files.entries()) {
              const perFile: Progress = files.length === 1 ? progress : (e) => progress({ done: i, total: files.length, stage: e.stage });
              const decoded = pending.next;
              pending.next = null;
              const following = files[i + 1];
              const readNext = () => {
                if (!aheadDecoder || !following) return;
                pending.next = decodeAhead(app, aheadDecoder, following);
                // Its failure is met (or not) when its turn comes: never an unhandled rejection meanwhile.
                pending.next.catch(() => {});
              };
              reports.push(...(await importOne(app, decoder, file, Boolean(options.dryRun), perFile, backupDone, decoded, readNext)));
              await yieldToEventLoop();
            }
          } finally {
            // The second worker is handed back idle, never in the middle of a file.
            await pending.next?.catch(() => {});
          }
        }),
      options.decoder,
    );
  } finally {
    release?.();
  }
  progress({ done: files.length, total: files.length, stage: 'exchange.stage.done' });
  return reports;
}

/** fn with a second decoder, or with none when `wanted` is false. */
function withDecoders<T>(wanted: boolean, limits: Partial<DecoderLimits> | undefined, fn: (decoder: BatchDecoder | null) => Promise<T>): Promise<T> {
  return wanted ? withDecoder(fn, limits) : fn(null);
}

/** A file decoded ahead: opened with `identities`, its lines read and verified with `authors`. */
interface Decoded {
  identities: string[];
  opened: OpenedBatch;
  authors: AuthorKeys;
  read: DecodedLines;
}

/**
 * Decodes the next file while the batch before it is applied: signature checks take as long as
 * the writes (bench, hq-import), so they overlap instead of following each other. The keys it
 * used are looked up again once the batch before is committed, and the early read is used only
 * if they are the same (importOne); any failure here is left for importOne to meet in order.
 */
async function decodeAhead(app: AppContext, decoder: BatchDecoder, file: BatchFile): Promise<Decoded> {
  const identities = await batchIdentities(app);
  const opened = await decoder.open(file.bytes, identities);
  const authors = await authorKeys(app, opened.manifest);
  return { identities, opened, authors, read: await decoder.read(authors) };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function info(opened: OpenedBatch): BatchInfo {
  const { manifest: m } = opened;
  return {
    missionCode: m.mission.code,
    missionName: m.mission.nameVi,
    deviceId: m.device.id,
    fingerprint: m.device.fingerprint,
    author: m.device.author,
    sequence: m.sequence,
    changeCount: m.changeCount,
    counts: m.counts,
    createdAt: m.createdAt,
    sha256: opened.sha256,
  };
}

function refusal(file: string, error: unknown, batch?: BatchInfo): ImportReport {
  const e = error instanceof AppError ? error : new AppError('BATCH_CORRUPT', `The batch cannot be read: ${(error as Error).message}`);
  return { file, status: 'refused', error: { code: e.code, message: e.message, params: e.params }, batch, summary: {} };
}

/**
 * Refusals that say nothing about the batch itself, not recorded against it: it is imported again
 * once the sender is trusted, or (its reader stopped, on a busy machine say) simply again.
 */
const NO_VERDICT = [
  'BATCH_UNKNOWN_DEVICE',
  'BATCH_FROM_SELF',
  'BATCH_OTHER_MISSION',
  'INVITATION_UNKNOWN',
  'INVITATION_USED',
  'INVITATION_EXPIRED',
  'BATCH_DECODE_STOPPED',
];

async function importOne(
  app: AppContext,
  decoder: BatchDecoder,
  file: BatchFile,
  dryRun: boolean,
  progress: Progress,
  backupDone?: Promise<unknown>,
  decodedAhead: Promise<Decoded> | null = null,
  readNext: () => void = () => {},
): Promise<ImportReport[]> {
  progress({ done: 0, total: 1, stage: 'exchange.stage.decrypting' });
  const early = await decodedAhead?.catch(() => null);
  let opened: OpenedBatch;
  try {
    const identities = await batchIdentities(app);
    opened = early && same(early.identities, identities) ? early.opened : await decoder.open(file.bytes, identities);
  } catch (error) {
    return [refusal(file.name, error)];
  }
  const batch = info(opened);
  let read = false;
  try {
    checkSender(app, opened);
    const invitation = acceptInvitation(app, opened.manifest, dryRun);
    checkTrust(app, opened.manifest, invitation !== null);
    progress({ done: 0, total: 1, stage: 'exchange.stage.verifying' });
    read = true;
    const authors = await authorKeys(app, opened.manifest);
    let decoded: DecodedLines;
    if (early?.opened === opened && same(early.authors, authors)) decoded = early.read;
    else {
      // Read early with keys that have changed since (or not read early): this worker reads it now.
      if (early?.opened === opened) opened = await decoder.open(file.bytes, early.identities);
      decoded = await decoder.read(authors, progress);
    }
    const { lines, certificates, inner } = decoded;
    const place = chainPlace(app, opened);
    if (place === 'duplicate') return [{ file: file.name, status: 'duplicate', batch, summary: {} }];
    if (place !== 'next') {
      if (!dryRun) recordBatch(app, opened, 'held', 'BATCH_OUT_OF_ORDER', inner);
      const error = new AppError(
        'BATCH_OUT_OF_ORDER',
        `Batch ${opened.manifest.sequence} arrived before batch ${place.expected} from this device: it is held and applied once the missing batches are imported`,
        {
          params: { expected: place.expected, found: opened.manifest.sequence, device: batch.deviceId },
        },
      );
      return [{ ...refusal(file.name, error, batch), status: 'held' }];
    }
    if (dryRun) {
      await checkBatch(app, opened.manifest, lines, progress);
      const plan = await planBatch(app, lines, pause(progress, 'exchange.stage.planning', lines.length));
      return [{ file: file.name, status: 'preview', batch, summary: plan.summary }];
    }
    readNext();
    const summary = await applyBatch(app, opened, lines, certificates, progress, invitation, backupDone);
    return [{ file: file.name, status: 'applied', batch, summary }, ...(await releaseHeld(app, decoder, opened.manifest, progress, backupDone))];
  } catch (error) {
    if (!read) decoder.drop();
    // Not a verdict on the batch (a full disk, say): the transaction rolled back; say what happened.
    if (!(error instanceof AppError)) throw error;
    if (!dryRun && !NO_VERDICT.includes(error.code)) recordBatch(app, opened, 'refused', error.code, null);
    return [refusal(file.name, error, batch)];
  }
}

interface ReceivedRow {
  seq: number;
  sha256: string;
  status: string;
  container: Uint8Array | null;
}

function lastApplied(app: AppContext, m: BatchManifest): ReceivedRow | undefined {
  return app.db
    .prepare(`SELECT seq, sha256, status FROM batches_received WHERE device_id = ? AND stream = ? AND status = 'applied' ORDER BY seq DESC LIMIT 1`)
    .get(m.device.id, m.stream) as ReceivedRow | undefined;
}

/** Where a batch sits in its sender's chain: already applied, the next one, or ahead of a gap. */
function chainPlace(app: AppContext, opened: OpenedBatch): 'duplicate' | 'next' | { expected: number } {
  const m = opened.manifest;
  const same = app.db.prepare(`SELECT status FROM batches_received WHERE sha256 = ?`).pluck().get(opened.sha256);
  if (same === 'applied') return 'duplicate';
  const last = lastApplied(app, m);
  const lastSeq = last?.seq ?? 0;
  if (m.sequence <= lastSeq) {
    throw new AppError('BATCH_SEQUENCE_REUSED', `Another batch ${m.sequence} from this device was already imported: this one differs from it`, {
      params: { sequence: m.sequence },
    });
  }
  if (m.sequence > lastSeq + 1) return { expected: lastSeq + 1 };
  if (m.previousSha256 !== (last?.sha256 ?? null)) {
    throw new AppError(
      'BATCH_CHAIN_BROKEN',
      `Batch ${m.sequence} does not follow the batch ${lastSeq} imported from this device (previous-batch hash differs)`,
      {
        params: { sequence: m.sequence, previous: lastSeq },
      },
    );
  }
  return 'next';
}

function recordBatch(app: AppContext, opened: OpenedBatch, status: 'applied' | 'held' | 'refused', reason: string | null, container: Uint8Array | null): void {
  const m = opened.manifest;
  app.db
    .prepare(
      `INSERT INTO batches_received (sha256, device_id, stream, seq, prev_sha256, mission_code, status, reason, change_count, created_at, received_at, container)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(sha256) DO UPDATE SET status = excluded.status, reason = excluded.reason, container = excluded.container, received_at = excluded.received_at
       WHERE batches_received.status <> 'applied'`,
    )
    .run(
      opened.sha256,
      m.device.id,
      m.stream,
      m.sequence,
      m.previousSha256,
      m.mission.code,
      status,
      reason,
      m.changeCount,
      m.createdAt,
      new Date().toISOString(),
      container,
    );
}

/** The batch's mission here: found by code, or created from the manifest (HQ's first batch). */
function missionFor(app: AppContext, m: BatchManifest): string {
  const found = app.db.prepare(`SELECT id FROM missions WHERE code = ?`).pluck().get(m.mission.code) as string | undefined;
  if (found) return found;
  const { id, ...fields } = m.mission;
  app.missions.applyRemote(id, fields, { now: new Date().toISOString(), author: m.device.author, deviceId: m.device.id, missionId: id });
  return id;
}

function pause(progress: Progress, stage: string, total: number): (done: number) => Promise<void> {
  return async (done) => {
    progress({ done, total, stage });
    await yieldToEventLoop();
  };
}

/** Every line's authority and its author's revocation, in slices. */
async function checkBatch(app: AppContext, m: BatchManifest, lines: readonly ChangeLine[], progress: Progress): Promise<void> {
  await drive(checkAuthority(app, m, lines), pause(progress, 'exchange.stage.verifying', lines.length));
  await drive(checkLines(app, m, lines), pause(progress, 'exchange.stage.verifying', lines.length));
}

/**
 * One transaction: everything of the batch or nothing. Authority checked and planned inside it, so
 * nothing can move meanwhile (a record created by another batch between the check and the apply).
 */
function applyBatch(
  app: AppContext,
  opened: OpenedBatch,
  lines: readonly ChangeLine[],
  certificates: readonly Certificate[],
  progress: Progress,
  invitation: InvitationUse | null = null,
  backupDone?: Promise<unknown>,
): Promise<ImportSummary> {
  return exclusively(app, async () => {
    app.db.exec('BEGIN IMMEDIATE');
    try {
      if (chainPlace(app, opened) !== 'next')
        throw new AppError('EXCHANGE_BUSY', 'Another import applied batches of this device meanwhile; import this file again');
      // A device revoked since the batch was read (or held) is refused here too.
      checkSender(app, opened);
      await checkBatch(app, opened.manifest, lines, progress);
      const plan = await planBatch(app, lines, pause(progress, 'exchange.stage.planning', lines.length));
      rememberCertificates(app, opened.manifest, certificates);
      await applyPlan(app, plan, missionFor(app, opened.manifest), pause(progress, 'exchange.stage.applying', plan.newLines.length + plan.records.length));
      recordTravelled(app, opened.manifest);
      // An invited sender is trusted with its first batch applied, never before it passed every check.
      if (invitation) useInvitation(app, opened.manifest, invitation);
      recordBatch(app, opened, 'applied', null, null);
      // The writer keeps its clock there; received clock values must survive a restart.
      app.settings.set('hlc.last', app.writer.clock.current());
      await backupDone;
      app.db.exec('COMMIT');
      return plan.summary;
    } catch (error) {
      if (app.db.inTransaction) app.db.exec('ROLLBACK');
      throw error;
    }
  });
}

/** Applies held batches that now follow the chain, in order. */
async function releaseHeld(
  app: AppContext,
  decoder: BatchDecoder,
  m: BatchManifest,
  progress: Progress,
  backupDone?: Promise<unknown>,
): Promise<ImportReport[]> {
  const reports: ImportReport[] = [];
  for (;;) {
    const next = app.db
      .prepare(`SELECT seq, sha256, status, container FROM batches_received WHERE device_id = ? AND stream = ? AND status = 'held' AND seq = ?`)
      .get(m.device.id, m.stream, (lastApplied(app, m)?.seq ?? 0) + 1) as ReceivedRow | undefined;
    if (!next?.container) return reports;
    const opened = await decoder.open(next.container, null);
    const name = `#${next.seq}`;
    try {
      if (chainPlace(app, opened) !== 'next') {
        decoder.drop();
        return reports;
      }
      const { lines, certificates } = await decoder.read(await authorKeys(app, opened.manifest), progress);
      reports.push({
        file: name,
        released: true,
        status: 'applied',
        batch: info(opened),
        summary: await applyBatch(app, opened, lines, certificates, progress, null, backupDone),
      });
    } catch (error) {
      if (error instanceof AppError) recordBatch(app, opened, 'refused', error.code, null);
      reports.push({ ...refusal(name, error, info(opened)), released: true });
      return reports;
    }
  }
}
