/**
 * Opening a received batch: decrypt, unpack, read the manifest, check the signature, the
 * sender's trust, the payload hash and every change line. Each failure has its own code.
 */
import type { AppContext } from '../../context';
import { HLC_MAX_DRIFT_MS, parseHlc } from '../../../shared/hlc';
import { AppError } from '../../../shared/errors';
import { ageDecrypt, deviceKeys, fingerprint, retiredIdentities, sha256, verifySignature } from './crypto';
import { BATCH_LIMITS, batchTooLarge, gunzip, parseChangeLine, parseManifest, unpackContainer, type BatchManifest, type ChangeLine } from './format';
import { SLICE, yieldToEventLoop } from '../slices';
import { checkLine } from './validate';

export interface OpenedBatch {
  manifest: BatchManifest;
  /** SHA-256 of manifest.json: the batch's identity and the next batch's previousSha256. */
  sha256: string;
  /** The decrypted, signed container (kept for a held batch). */
  inner: Uint8Array;
}

export async function decryptBatch(app: AppContext, bytes: Uint8Array): Promise<Uint8Array> {
  // age decrypts in memory, and its output is never larger than its input: bound the input.
  if (bytes.length > BATCH_LIMITS.fileBytes) throw batchTooLarge(`the file has ${bytes.length} bytes`);
  // No key yet: nobody had an address to encrypt to (and reading must not create one).
  if (app.db.prepare(`SELECT 1 FROM device_keys WHERE device_id = ?`).get(app.deviceId) === undefined) {
    throw new AppError('BATCH_NOT_FOR_US', 'This computer has no exchange key yet, so no batch can be addressed to it');
  }
  const keys = await deviceKeys(app.db, app.deviceId);
  return ageDecrypt(bytes, [keys.identity, ...retiredIdentities(app.db, app.deviceId)]);
}

/**
 * Reads the manifest of a decrypted container and checks it is signed by the key it names.
 * Sizes come first: the sender is not trusted yet, so its declared payload must be bounded.
 */
export async function openContainer(inner: Uint8Array): Promise<OpenedBatch & { changesGz: Uint8Array }> {
  const container = unpackContainer(inner);
  const manifest = parseManifest(container.manifestBytes);
  if (manifest.payload.bytes > BATCH_LIMITS.payloadBytes) throw batchTooLarge(`changes.jsonl declares ${manifest.payload.bytes} bytes`);
  if (!verifySignature(manifest.device.publicKey, container.manifestBytes, container.signature)) {
    throw new AppError('BATCH_SIGNATURE_INVALID', 'The batch signature does not match its manifest: it was altered or not signed by the device it names');
  }
  if (fingerprint(manifest.device.publicKey) !== manifest.device.fingerprint) {
    throw new AppError('BATCH_MANIFEST_INVALID', 'The fingerprint in the manifest is not that of its public key', { params: { fields: 'device.fingerprint' } });
  }
  return { manifest, sha256: sha256(container.manifestBytes), inner, changesGz: container.changesGz };
}

interface DeviceRow {
  public_key: string;
  fingerprint: string;
  mission_code: string;
  trusted_at: string | null;
}

/**
 * The sender must be a device a person trusted after seeing its fingerprint; `invited` when it
 * carries a valid invitation of this device (a preview does not use the invitation up).
 */
export function checkTrust(app: AppContext, manifest: BatchManifest, invited = false): void {
  const { device, mission } = manifest;
  if (device.id === app.deviceId) throw new AppError('BATCH_FROM_SELF', 'This batch was written by this device itself');
  // A mission's computers exchange among themselves; only HQ gathers every mission.
  const own = app.missions.get(app.requireMissionId());
  if (app.mode() !== 'hq' && own && own.code !== mission.code) {
    throw new AppError('BATCH_OTHER_MISSION', `This batch comes from ${mission.code}; this computer belongs to ${own.code}`, { params: { found: mission.code, own: own.code } });
  }
  const row = app.db.prepare(`SELECT public_key, fingerprint, mission_code, trusted_at FROM devices WHERE device_id = ?`).get(device.id) as DeviceRow | undefined;
  if (row?.trusted_at && row.public_key !== device.publicKey) {
    throw new AppError('BATCH_KEY_MISMATCH', `The batch names device ${device.id} but is signed with another key than the one trusted for it`, {
      params: { device: device.id, fingerprint: device.fingerprint, trusted: row.fingerprint },
    });
  }
  if (!row?.trusted_at && invited) return;
  if (!row?.trusted_at) {
    rememberDevice(app, manifest, null);
    throw new AppError('BATCH_UNKNOWN_DEVICE', `The batch comes from a device not trusted yet (${mission.code}, fingerprint ${device.fingerprint}). Compare the fingerprint with the sender, then trust it`, {
      params: { device: device.id, fingerprint: device.fingerprint, mission: mission.code, author: device.author },
    });
  }
  if (row.mission_code !== mission.code) {
    throw new AppError('BATCH_MISSION_MISMATCH', `Device ${device.id} is trusted for ${row.mission_code}, but the batch says ${mission.code}`, {
      params: { trusted: row.mission_code, found: mission.code },
    });
  }
}

/** The device a record of trust is about: from a batch's manifest, an invitation or a hand-over. */
export interface DeviceSeen {
  id: string;
  publicKey: string;
  fingerprint: string;
  missionCode: string;
  missionName: string;
}

/**
 * Records a device; trustedBy set means a person (or a signed invitation or hand-over) vouched for
 * it. A device already trusted keeps what it was trusted with.
 */
export function recordDevice(app: AppContext, d: DeviceSeen, trustedBy: string | null): void {
  const now = new Date().toISOString();
  app.db
    .prepare(
      `INSERT INTO devices (device_id, public_key, fingerprint, mission_code, mission_name, first_seen, trusted_at, trusted_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(device_id) DO UPDATE SET public_key = excluded.public_key, fingerprint = excluded.fingerprint, mission_code = excluded.mission_code,
         mission_name = excluded.mission_name, trusted_at = excluded.trusted_at, trusted_by = excluded.trusted_by
       WHERE devices.trusted_at IS NULL`,
    )
    .run(d.id, d.publicKey, d.fingerprint, d.missionCode, d.missionName, now, trustedBy ? now : null, trustedBy);
}

/** Records the device that signed a batch. */
export function rememberDevice(app: AppContext, manifest: BatchManifest, trustedBy: string | null): void {
  const { device, mission } = manifest;
  recordDevice(app, { id: device.id, publicKey: device.publicKey, fingerprint: device.fingerprint, missionCode: mission.code, missionName: mission.nameVi }, trustedBy);
}

/** Checks the payload against the signed manifest and parses the change lines, in slices. */
export async function readChanges(manifest: BatchManifest, changesGz: Uint8Array, now = Date.now()): Promise<ChangeLine[]> {
  const changesBytes = await gunzip(changesGz, manifest.payload.bytes);
  if (changesBytes.length !== manifest.payload.bytes || sha256(changesBytes) !== manifest.payload.sha256) {
    throw new AppError('BATCH_PAYLOAD_MISMATCH', 'changes.jsonl.gz does not match the hash in the signed manifest: the batch was altered or truncated');
  }
  const text = new TextDecoder('utf-8', { fatal: true }).decode(changesBytes);
  const rows = text.split('\n');
  if (rows[rows.length - 1] === '') rows.pop();
  const lines: ChangeLine[] = [];
  const records = new Map<string, Set<string>>();
  for (const [i, row] of rows.entries()) {
    if (i % SLICE === SLICE - 1) await yieldToEventLoop();
    const line = parseChangeLine(row, i + 1);
    checkLine(line, i + 1);
    lines.push(line);
    if (!records.has(line.entity)) records.set(line.entity, new Set());
    records.get(line.entity)!.add(line.record);
    const clock = parseHlc(line.hlc)!;
    if (clock.deviceId !== line.device) throw new AppError('BATCH_CORRUPT', `A change's clock value does not name its device (${line.hlc})`);
    if (clock.millis - now > HLC_MAX_DRIFT_MS) {
      throw new AppError('BATCH_CLOCK_AHEAD', `A change is dated more than a day ahead of this computer's clock (${line.hlc}); check the sender's or this computer's date`, {
        params: { hlc: line.hlc },
      });
    }
  }
  const counted = Object.fromEntries([...records].map(([entity, ids]) => [entity, ids.size]));
  if (lines.length !== manifest.changeCount || JSON.stringify(sortKeys(counted)) !== JSON.stringify(sortKeys(manifest.counts))) {
    throw new AppError('BATCH_CORRUPT', 'The change lines do not match the counts in the manifest');
  }
  return lines;
}

function sortKeys(o: Record<string, unknown>): [string, unknown][] {
  return Object.entries(o).sort(([a], [b]) => a.localeCompare(b));
}
