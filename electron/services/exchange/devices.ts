/** This device's identity, the devices it knows and trusts, and the receivers it sends to. */
import type { AppContext } from '../../context';
import type { DeviceIdentity, KnownDevice, ReceiverInfo } from '../../../shared/domain/exchange';
import { AppError } from '../../../shared/errors';
import { deviceKeys, fingerprint, normaliseFingerprint } from './crypto';
import { refuseHeld, revocationOf, revokedError, type RevocationRow } from './revocations';
import { withDecoder } from './decoder';
import { batchIdentities, rememberDevice } from './read';

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

interface CertificateRow {
  device_id: string;
  public_key: string;
  mission_code: string;
  certified_by: string;
  first_seen: string;
}

function withRevocation(
  device: Omit<KnownDevice, 'state' | 'revokedAt' | 'revokedReason' | 'revokedBy' | 'replacedBy'>,
  r: RevocationRow | undefined,
): KnownDevice {
  return {
    ...device,
    state: r ? 'revoked' : device.trustedAt ? 'trusted' : 'waiting',
    revokedAt: r?.revoked_at ?? null,
    revokedReason: r?.revoked_reason ?? null,
    revokedBy: r?.revoked_by ?? null,
    replacedBy: r?.replaced_by ?? null,
  };
}

function toDevice(app: AppContext, r: DeviceRow): KnownDevice {
  const device = {
    deviceId: r.device_id,
    fingerprint: r.fingerprint,
    missionCode: r.mission_code,
    missionName: r.mission_name,
    firstSeen: r.first_seen,
    via: 'direct' as const,
    trustedAt: r.trusted_at,
    trustedBy: r.trusted_by,
  };
  return withRevocation(device, revocationOf(app, r.device_id));
}

/**
 * Every device known here: seen in a batch (waiting or trusted by a person), certified by a
 * trusted sender (a head's staff laptop), or known only from a head's revocation.
 */
export function knownDevices(app: AppContext): KnownDevice[] {
  const direct = (app.db.prepare(`SELECT * FROM devices`).all() as DeviceRow[]).map((r) => toDevice(app, r));
  const seen = new Set(direct.map((d) => d.deviceId));
  const certificates = (app.db.prepare(`SELECT * FROM device_certificates`).all() as CertificateRow[])
    .filter((c) => !seen.has(c.device_id))
    .map((c) => certificateDevice(app, c));
  for (const c of certificates) seen.add(c.deviceId);
  const missionName = app.db.prepare(`SELECT name_vi FROM missions WHERE code = ? AND deleted_at IS NULL`).pluck();
  const revokedOnly = (app.db.prepare(`SELECT * FROM device_revocations`).all() as RevocationRow[])
    .filter((r) => !seen.has(r.device_id))
    .map((r) =>
      withRevocation(
        {
          deviceId: r.device_id,
          fingerprint: '',
          missionCode: r.mission_code,
          missionName: (missionName.get(r.mission_code) as string | undefined) ?? r.mission_code,
          firstSeen: r.revoked_at,
          via: 'revocation',
          trustedAt: null,
          trustedBy: null,
        },
        r,
      ),
    );
  return [...direct, ...certificates, ...revokedOnly].sort((a, b) => a.missionCode.localeCompare(b.missionCode) || a.firstSeen.localeCompare(b.firstSeen));
}

function certificateDevice(app: AppContext, c: CertificateRow): KnownDevice {
  const name = app.db.prepare(`SELECT mission_name FROM devices WHERE device_id = ?`).pluck().get(c.certified_by) as string | undefined;
  const device = {
    deviceId: c.device_id,
    fingerprint: fingerprint(c.public_key),
    missionCode: c.mission_code,
    missionName: name ?? c.mission_code,
    firstSeen: c.first_seen,
    via: 'certificate' as const,
    trustedAt: c.first_seen,
    trustedBy: c.certified_by,
  };
  return withRevocation(device, revocationOf(app, c.device_id));
}

/** A device known here by its id or fingerprint (seen in a batch, or certified by a trusted sender). */
function findDevice(app: AppContext, text: string): KnownDevice {
  const fp = normaliseFingerprint(text);
  const id = text.trim();
  const found = knownDevices(app).find((d) => d.via !== 'revocation' && (d.deviceId === id || (fp !== '' && d.fingerprint === fp)));
  if (!found) throw new AppError('EXCHANGE_DEVICE_UNKNOWN', `No device ${text} is known here (see device list)`, { params: { device: text } });
  return found;
}

/**
 * Who may revoke or replace a device: HQ, or a mission's head for a device of its own mission.
 * A staff computer may not (a stolen staff laptop would otherwise cut its colleagues off).
 */
export function requireDeviceAuthority(app: AppContext, device: { missionCode: string }): void {
  if (app.mode() === 'hq') return;
  if (app.user()?.role !== 'head') throw new AppError('DEVICE_HEAD_OR_HQ_ONLY', "Only the head of mission's computer or HQ revokes or replaces a device");
  const own = app.missions.get(app.requireMissionId())?.code;
  if (own !== device.missionCode) {
    throw new AppError('DEVICE_OTHER_MISSION', `Device of ${device.missionCode}: a head revokes or replaces only devices of its own mission (${own ?? '?'})`, {
      params: { mission: device.missionCode, own: own ?? '' },
    });
  }
}

/**
 * Revokes a device (idempotent: a revoked device stays as it was revoked). Its held batches are
 * refused now; what was applied from it keeps counting. There is no un-revoking: trust a new device.
 */
export function revokeDevice(app: AppContext, text: string, reason: string, replacedBy: string | null = null): KnownDevice {
  const device = findDevice(app, text);
  requireDeviceAuthority(app, device);
  if (device.deviceId === app.deviceId)
    throw new AppError('EXCHANGE_REVOKE_SELF', 'This computer cannot revoke itself: revoke it from the computer that trusted it');
  if (device.state === 'revoked') return device;
  app.db.transaction(() => {
    // What this device holds of the revoked one: a head's receiver (HQ) may still get those lines.
    const upTo = app.db.prepare(`SELECT max(hlc) FROM changes WHERE device_id = ?`).pluck().get(device.deviceId) as string | null;
    app.db
      .prepare(
        `INSERT INTO device_revocations (device_id, mission_code, revoked_at, revoked_reason, revoked_by, replaced_by, up_to_hlc, source) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)`,
      )
      .run(device.deviceId, device.missionCode, new Date().toISOString(), reason.trim(), app.user()?.name ?? 'system', replacedBy, upTo);
    refuseHeld(app, device.deviceId);
  })();
  return findDevice(app, device.deviceId);
}

/**
 * A laptop replaced: in one transaction, trusts the new device (seen here, waiting) for the old
 * one's mission and revokes the old one ("replaced by" the new fingerprint).
 */
export function replaceDevice(app: AppContext, old: string, by: string): { revoked: KnownDevice; trusted: KnownDevice } {
  const previous = findDevice(app, old);
  requireDeviceAuthority(app, previous);
  const fp = normaliseFingerprint(by);
  const next = app.db.prepare(`SELECT * FROM devices WHERE fingerprint = ?`).get(fp) as DeviceRow | undefined;
  if (!fp || !next) {
    throw new AppError(
      'EXCHANGE_DEVICE_NOT_SEEN',
      'No batch from a device with this fingerprint was seen here: import one of its batches first, or trust its batch file',
      { params: { fingerprint: by } },
    );
  }
  const revokedNext = revocationOf(app, next.device_id);
  if (revokedNext) throw revokedError(revokedNext);
  if (next.device_id === previous.deviceId)
    throw new AppError('EXCHANGE_REPLACE_SAME', 'A device cannot replace itself: give the fingerprint of the new device', { params: { fingerprint: by } });
  const user = app.user()?.name ?? 'system';
  app.db.transaction(() => {
    app.db
      .prepare(
        `UPDATE devices SET trusted_at = coalesce(trusted_at, ?), trusted_by = coalesce(trusted_by, ?), mission_code = ?, mission_name = ? WHERE device_id = ?`,
      )
      .run(new Date().toISOString(), user, previous.missionCode, previous.missionName, next.device_id);
    revokeDevice(app, previous.deviceId, `replaced by ${next.fingerprint}`, next.device_id);
  })();
  return { revoked: findDevice(app, previous.deviceId), trusted: findDevice(app, next.device_id) };
}

/** Trusts the device with this fingerprint, seen in a batch that was refused for that reason. */
export function trustFingerprint(app: AppContext, text: string): KnownDevice {
  const fp = normaliseFingerprint(text);
  const rows = app.db.prepare(`SELECT * FROM devices WHERE fingerprint = ?`).all(fp) as DeviceRow[];
  if (!fp || rows.length === 0) {
    throw new AppError(
      'EXCHANGE_DEVICE_NOT_SEEN',
      'No batch from a device with this fingerprint was seen here: import one of its batches first, or trust its batch file',
      {
        params: { fingerprint: text },
      },
    );
  }
  const revoked = revocationOf(app, rows[0]!.device_id);
  if (revoked) throw revokedError(revoked);
  const user = app.user()?.name ?? 'system';
  app.db.prepare(`UPDATE devices SET trusted_at = ?, trusted_by = ? WHERE fingerprint = ? AND trusted_at IS NULL`).run(new Date().toISOString(), user, fp);
  return toDevice(app, app.db.prepare(`SELECT * FROM devices WHERE device_id = ?`).get(rows[0]!.device_id) as DeviceRow);
}

/** Trusts the device that wrote (and signed) a batch file addressed to this device. */
export async function trustBatchFile(app: AppContext, bytes: Uint8Array): Promise<KnownDevice> {
  const identities = await batchIdentities(app);
  const { manifest } = await withDecoder((decoder) => decoder.open(bytes, identities));
  const row = app.db.prepare(`SELECT * FROM devices WHERE device_id = ?`).get(manifest.device.id) as DeviceRow | undefined;
  if (row?.trusted_at && row.public_key !== manifest.device.publicKey) {
    throw new AppError('BATCH_KEY_MISMATCH', `Device ${manifest.device.id} is already trusted with another key`, {
      params: { device: manifest.device.id, fingerprint: manifest.device.fingerprint, trusted: row.fingerprint },
    });
  }
  const revoked = revocationOf(app, manifest.device.id);
  if (revoked) throw revokedError(revoked);
  rememberDevice(app, manifest, app.user()?.name ?? 'system');
  return toDevice(app, app.db.prepare(`SELECT * FROM devices WHERE device_id = ?`).get(manifest.device.id) as DeviceRow);
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
