/**
 * Revoked devices (docs/exchange-format.md, "Revocation"): a revoked device's batches are refused
 * unless already applied, and lines it wrote are refused in anyone's batch unless this receiver
 * holds them already. Earlier applied batches keep counting. A head's revocations of its staff
 * devices travel to HQ in the signed manifest (format 3); HQ records them only for devices of the
 * sender's mission that HQ itself did not trust.
 */
import type { AppContext } from '../../context';
import { AppError } from '../../../shared/errors';
import type { BatchManifest, ChangeLine } from './format';
import type { OpenedBatch } from './decode';

export interface RevocationRow {
  device_id: string;
  mission_code: string;
  revoked_at: string;
  revoked_reason: string;
  revoked_by: string;
  replaced_by: string | null;
  up_to_hlc: string | null;
  source: string | null;
}

export type Revocation = NonNullable<BatchManifest['revocations']>[number];

export function revokedError(row: RevocationRow, line?: number): AppError {
  const where = line === undefined ? 'Its batches are no longer imported' : `Line ${line} was written by it after it was revoked (or is not held here)`;
  return new AppError(
    'BATCH_DEVICE_REVOKED',
    `Device ${row.device_id} of ${row.mission_code} was revoked on ${row.revoked_at.slice(0, 10)} (${row.revoked_reason}). ${where}`,
    {
      params: {
        device: row.device_id,
        mission: row.mission_code,
        reason: row.revoked_reason,
        date: row.revoked_at.slice(0, 10),
        ...(line === undefined ? {} : { line }),
      },
    },
  );
}

/** The revocation of a device, as it counts in a batch of `mission`: decided here, or sent by that mission. */
function revocationFor(app: AppContext, deviceId: string, mission: string): RevocationRow | undefined {
  return app.db.prepare(`SELECT * FROM device_revocations WHERE device_id = ? AND (source IS NULL OR mission_code = ?)`).get(deviceId, mission) as
    RevocationRow | undefined;
}

export function revocationOf(app: AppContext, deviceId: string): RevocationRow | undefined {
  return app.db.prepare(`SELECT * FROM device_revocations WHERE device_id = ?`).get(deviceId) as RevocationRow | undefined;
}

/** A revoked sender is refused, unless this very batch was applied before (then it is a duplicate). */
export function checkSender(app: AppContext, opened: OpenedBatch): void {
  const { device, mission } = opened.manifest;
  const row = revocationFor(app, device.id, mission.code);
  if (!row) return;
  if (app.db.prepare(`SELECT 1 FROM batches_received WHERE sha256 = ? AND status = 'applied'`).get(opened.sha256) !== undefined) return;
  throw revokedError(row);
}

/**
 * Lines of a revoked device pass only if this receiver holds them already, or (a head's
 * revocation) if they are dated no later than what the head held when it revoked the device:
 * the head accepted those before, and they may still be on their way.
 */
export function* checkLines(app: AppContext, manifest: BatchManifest, lines: readonly ChangeLine[]): Generator<number, void> {
  const revoked = new Map<string, RevocationRow | undefined>();
  const held = app.db.prepare(`SELECT 1 FROM changes WHERE entity = ? AND record_id = ? AND field = ? AND hlc = ?`).pluck();
  for (const [i, line] of lines.entries()) {
    if (i % 64 === 63) yield i;
    if (!revoked.has(line.device)) revoked.set(line.device, revocationFor(app, line.device, manifest.mission.code));
    const row = revoked.get(line.device);
    if (!row) continue;
    if (row.source !== null && row.up_to_hlc !== null && line.hlc <= row.up_to_hlc) continue;
    if (held.get(line.entity, line.record, line.field, line.hlc) === undefined) throw revokedError(row, i + 1);
  }
}

/** Held batches of a revoked device will never be applied: they are refused with the reason. */
export function refuseHeld(app: AppContext, deviceId: string): void {
  app.db
    .prepare(`UPDATE batches_received SET status = 'refused', reason = 'BATCH_DEVICE_REVOKED', container = NULL WHERE device_id = ? AND status = 'held'`)
    .run(deviceId);
}

/** What a batch tells its receiver: the revocations decided on this device, of its own mission's devices. */
export function revocationsToSend(app: AppContext, missionCode: string): Revocation[] {
  const rows = app.db
    .prepare(`SELECT * FROM device_revocations WHERE source IS NULL AND mission_code = ? ORDER BY device_id`)
    .all(missionCode) as RevocationRow[];
  return rows.map((r) => ({ id: r.device_id, reason: r.revoked_reason, revokedAt: r.revoked_at, upTo: r.up_to_hlc, replacedBy: r.replaced_by }));
}

/**
 * HQ records the revocations an applied batch carries (inside the apply's transaction, after its
 * lines were checked: the lines the head relays it held before revoking). Only for a device of
 * the sender's mission that HQ did not trust itself; the first revocation of a device stands.
 */
export function recordTravelled(app: AppContext, manifest: BatchManifest): void {
  if (app.mode() !== 'hq' || !manifest.revocations?.length) return;
  const mission = manifest.mission.code;
  const direct = app.db.prepare(`SELECT mission_code, trusted_at FROM devices WHERE device_id = ?`);
  const certified = app.db.prepare(`SELECT mission_code FROM device_certificates WHERE device_id = ?`).pluck();
  const insert = app.db.prepare(
    `INSERT INTO device_revocations (device_id, mission_code, revoked_at, revoked_reason, revoked_by, replaced_by, up_to_hlc, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(device_id) DO NOTHING`,
  );
  for (const r of manifest.revocations) {
    if (r.id === manifest.device.id || r.id === app.deviceId) continue;
    const known = direct.get(r.id) as { mission_code: string; trusted_at: string | null } | undefined;
    if (known?.trusted_at) continue;
    const owner = known?.mission_code ?? (certified.get(r.id) as string | undefined) ?? mission;
    if (owner !== mission) continue;
    if (insert.run(r.id, mission, r.revokedAt, r.reason, manifest.device.author || manifest.device.id, r.replacedBy, r.upTo, manifest.device.id).changes)
      refuseHeld(app, r.id);
  }
}
