/** This device's identity, the devices it knows and trusts, and the receivers it sends to. */
import type { AppContext } from '../../context';
import type { DeviceIdentity, KnownDevice, ReceiverInfo } from '../../../shared/domain/exchange';
import { AppError } from '../../../shared/errors';
import { deviceKeys, normaliseFingerprint } from './crypto';
import { openContainer, rememberDevice, decryptBatch } from './read';

export async function identity(app: AppContext): Promise<DeviceIdentity> {
  const keys = await deviceKeys(app.db, app.deviceId);
  return { deviceId: keys.deviceId, fingerprint: keys.fingerprint, recipient: keys.recipient, publicKey: keys.publicKey };
}

interface DeviceRow {
  device_id: string;
  fingerprint: string;
  mission_code: string;
  mission_name: string;
  first_seen: string;
  trusted_at: string | null;
  trusted_by: string | null;
  public_key: string;
}

function toDevice(r: DeviceRow): KnownDevice {
  return {
    deviceId: r.device_id,
    fingerprint: r.fingerprint,
    missionCode: r.mission_code,
    missionName: r.mission_name,
    firstSeen: r.first_seen,
    trustedAt: r.trusted_at,
    trustedBy: r.trusted_by,
  };
}

export function knownDevices(app: AppContext): KnownDevice[] {
  return (app.db.prepare(`SELECT * FROM devices ORDER BY mission_code, first_seen`).all() as DeviceRow[]).map(toDevice);
}

/** Trusts the device with this fingerprint, seen in a batch that was refused for that reason. */
export function trustFingerprint(app: AppContext, text: string): KnownDevice {
  const fp = normaliseFingerprint(text);
  const rows = app.db.prepare(`SELECT * FROM devices WHERE fingerprint = ?`).all(fp) as DeviceRow[];
  if (!fp || rows.length === 0) {
    throw new AppError('EXCHANGE_DEVICE_NOT_SEEN', 'No batch from a device with this fingerprint was seen here: import one of its batches first, or trust its batch file', {
      params: { fingerprint: text },
    });
  }
  const user = app.user()?.name ?? 'system';
  app.db.prepare(`UPDATE devices SET trusted_at = ?, trusted_by = ? WHERE fingerprint = ? AND trusted_at IS NULL`).run(new Date().toISOString(), user, fp);
  return toDevice(app.db.prepare(`SELECT * FROM devices WHERE device_id = ?`).get(rows[0]!.device_id) as DeviceRow);
}

/** Trusts the device that wrote (and signed) a batch file addressed to this device. */
export async function trustBatchFile(app: AppContext, bytes: Uint8Array): Promise<KnownDevice> {
  const { manifest } = await openContainer(await decryptBatch(app, bytes));
  const row = app.db.prepare(`SELECT * FROM devices WHERE device_id = ?`).get(manifest.device.id) as DeviceRow | undefined;
  if (row?.trusted_at && row.public_key !== manifest.device.publicKey) {
    throw new AppError('BATCH_KEY_MISMATCH', `Device ${manifest.device.id} is already trusted with another key`, {
      params: { device: manifest.device.id, fingerprint: manifest.device.fingerprint, trusted: row.fingerprint },
    });
  }
  rememberDevice(app, manifest, app.user()?.name ?? 'system');
  return toDevice(app.db.prepare(`SELECT * FROM devices WHERE device_id = ?`).get(manifest.device.id) as DeviceRow);
}

/**
 * Trusts a device whose key reached this one in a signed file (an invitation, a hand-over):
 * a device already trusted keeps what it was trusted with.
 */
export function pinDevice(app: AppContext, d: { id: string; publicKey: string; fingerprint: string; missionCode: string; missionName: string }, trustedBy: string): void {
  const now = new Date().toISOString();
  app.db
    .prepare(
      `INSERT INTO devices (device_id, public_key, fingerprint, mission_code, mission_name, first_seen, trusted_at, trusted_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(device_id) DO UPDATE SET public_key = excluded.public_key, fingerprint = excluded.fingerprint, mission_code = excluded.mission_code,
         mission_name = excluded.mission_name, trusted_at = excluded.trusted_at, trusted_by = excluded.trusted_by
       WHERE devices.trusted_at IS NULL`,
    )
    .run(d.id, d.publicKey, d.fingerprint, d.missionCode, d.missionName, now, now, trustedBy);
}

export function receivers(app: AppContext): ReceiverInfo[] {
  const rows = app.db.prepare(`SELECT * FROM receivers ORDER BY label`).all() as {
    id: string;
    label: string;
    recipient: string;
    last_change_seq: number;
    last_batch_seq: number;
    last_sent_at: string | null;
  }[];
  const pending = app.db.prepare(`SELECT count(*) FROM changes WHERE seq > ?`).pluck();
  return rows.map((r) => ({
    id: r.id,
    label: r.label,
    recipients: r.recipient.split('\n'),
    lastBatchSeq: r.last_batch_seq,
    lastSentAt: r.last_sent_at,
    pending: pending.get(r.last_change_seq) as number,
  }));
}
