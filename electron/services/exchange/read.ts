/**
 * What the main process checks of a received batch in the database: the identities that
 * decrypt it, and its sender's trust (decoding itself runs in the batch worker: decode.ts).
 */
import type { AppContext } from '../../context';
import { AppError } from '../../../shared/errors';
import { deviceKeys, retiredIdentities } from './crypto';
import type { BatchManifest } from './format';

/** The identities that decrypt a batch sent to this device: its key and any it retired (hq rotate-key). */
export async function batchIdentities(app: AppContext): Promise<string[]> {
  // No key yet: nobody had an address to encrypt to (and reading must not create one).
  if (app.db.prepare(`SELECT 1 FROM device_keys WHERE device_id = ?`).get(app.deviceId) === undefined) {
    throw new AppError('BATCH_NOT_FOR_US', 'This computer has no exchange key yet, so no batch can be addressed to it');
  }
  const keys = await deviceKeys(app.db, app.deviceId);
  return [keys.identity, ...retiredIdentities(app.db, app.deviceId)];
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
    throw new AppError('BATCH_OTHER_MISSION', `This batch comes from ${mission.code}; this computer belongs to ${own.code}`, {
      params: { found: mission.code, own: own.code },
    });
  }
  const row = app.db.prepare(`SELECT public_key, fingerprint, mission_code, trusted_at FROM devices WHERE device_id = ?`).get(device.id) as
    DeviceRow | undefined;
  if (row?.trusted_at && row.public_key !== device.publicKey) {
    throw new AppError('BATCH_KEY_MISMATCH', `The batch names device ${device.id} but is signed with another key than the one trusted for it`, {
      params: { device: device.id, fingerprint: device.fingerprint, trusted: row.fingerprint },
    });
  }
  if (!row?.trusted_at && invited) return;
  if (!row?.trusted_at) {
    rememberDevice(app, manifest, null);
    throw new AppError(
      'BATCH_UNKNOWN_DEVICE',
      `The batch comes from a device not trusted yet (${mission.code}, fingerprint ${device.fingerprint}). Compare the fingerprint with the sender, then trust it`,
      {
        params: { device: device.id, fingerprint: device.fingerprint, mission: mission.code, author: device.author },
      },
    );
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
  recordDevice(
    app,
    { id: device.id, publicKey: device.publicKey, fingerprint: device.fingerprint, missionCode: mission.code, missionName: mission.nameVi },
    trustedBy,
  );
}
