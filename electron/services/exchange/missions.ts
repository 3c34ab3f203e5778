/**
 * HQ's view of the missions: every one it expects or heard from, its state for a period, the
 * last batch, gaps in each device's sequence, lag, devices trusted, waiting and revoked.
 */
import type { AppContext } from '../../context';
import { REPORT_GRACE_DAYS } from '../../../shared/contract/hq';
import type { MissionKind } from '../../../shared/domain/enums';
import type { HqMission, MissingBatches, ReportingState, StreamGap } from '../../../shared/domain/exchange';
import { AppError } from '../../../shared/errors';
import { lastEndedHalfYear, parsePeriod } from '../../../shared/period';
import { regionOf, regionOfMission } from '../../../shared/regions';
import { addDays, localToday } from '../partners';
import { registeredMissions } from '../register';

const DAY_MS = 24 * 60 * 60 * 1000;

interface MissionRow {
  id: string;
  code: string;
  name_vi: string;
  name_en: string;
  kind: MissionKind;
  country: string;
}

interface BatchRow {
  device_id: string;
  stream: string;
  seq: number;
  status: 'applied' | 'held' | 'refused';
  created_at: string;
  received_at: string;
}

/** Sequence numbers missing in one device's stream: after the last applied, before the last held. */
export function gapsOf(batches: readonly BatchRow[]): StreamGap[] {
  const streams = new Map<string, BatchRow[]>();
  for (const b of batches) {
    const key = `${b.device_id}\u0000${b.stream}`;
    streams.set(key, [...(streams.get(key) ?? []), b]);
  }
  const gaps: StreamGap[] = [];
  for (const list of streams.values()) {
    const applied = Math.max(0, ...list.filter((b) => b.status === 'applied').map((b) => b.seq));
    const held = new Set(list.filter((b) => b.status === 'held').map((b) => b.seq));
    if (held.size === 0) continue;
    const missing: number[] = [];
    for (let s = applied + 1; s < Math.max(...held); s += 1) if (!held.has(s)) missing.push(s);
    if (missing.length) gaps.push({ deviceId: list[0]!.device_id, stream: list[0]!.stream, missing });
  }
  return gaps;
}

/** Every gap in every sender's chain, with its mission: what to ask the missions to send again. */
export function missingBatches(app: AppContext): MissingBatches[] {
  const rows = app.db
    .prepare(`SELECT mission_code, device_id, stream, seq, status, created_at, received_at FROM batches_received ORDER BY mission_code`)
    .all() as (BatchRow & { mission_code: string })[];
  const missionOf = new Map(rows.map((r) => [r.device_id, r.mission_code]));
  return gapsOf(rows).map((gap) => ({ missionCode: missionOf.get(gap.deviceId)!, ...gap }));
}

/** A mission's state for a period ending `end` (see ReportingState). */
export function reportingState(appliedCreatedAt: readonly string[], end: string, asOf: string): ReportingState {
  if (appliedCreatedAt.some((created) => created.slice(0, 10) > end)) return 'reported';
  if (asOf <= addDays(end, REPORT_GRACE_DAYS)) return 'due';
  return appliedCreatedAt.length > 0 ? 'late' : 'never';
}

/**
 * Every mission HQ expects (the register) or has heard from (a record, a batch of any status,
 * a device, trusted or not), by code, with its state for the period.
 */
export function hqMissions(app: AppContext, options: { period?: string; asOf?: string } = {}, now = Date.now()): HqMission[] {
  const asOf = options.asOf ?? localToday();
  const period = parsePeriod(options.period ?? lastEndedHalfYear(asOf));
  if (!period) throw new AppError('VALIDATION', `Not a period: ${options.period}`, { fields: [{ path: 'period', code: 'invalid_period' }] });
  const own = app.missionId();
  const register = new Map(registeredMissions(app).map((m) => [m.code, m]));
  const records = new Map(
    (app.db.prepare(`SELECT id, code, name_vi, name_en, kind, country FROM missions WHERE id IS NOT ? AND deleted_at IS NULL`).all(own) as MissionRow[]).map(
      (m) => [m.code, m],
    ),
  );
  const ownCode = own ? app.missions.get(own)?.code : undefined;
  const heardOf = app.db.prepare(`SELECT mission_code FROM batches_received UNION SELECT mission_code FROM devices`).pluck().all() as string[];
  const codes = [...new Set([...register.keys(), ...records.keys(), ...heardOf])].filter((code) => code !== ownCode).sort();
  const batchesOf = app.db.prepare(
    `SELECT device_id, stream, seq, status, created_at, received_at FROM batches_received WHERE mission_code = ? ORDER BY created_at`,
  );
  // A revoked device counts as revoked only, whether it was trusted or waiting.
  const devicesOf = app.db.prepare(`
    SELECT count(d.trusted_at) - count(CASE WHEN d.trusted_at IS NOT NULL THEN r.device_id END) AS trusted,
      count(*) - count(d.trusted_at) - count(CASE WHEN d.trusted_at IS NULL THEN r.device_id END) AS waiting, max(d.mission_name) AS name
    FROM devices d LEFT JOIN device_revocations r ON r.device_id = d.device_id WHERE d.mission_code = ?`);
  const revokedOf = app.db.prepare(`SELECT count(*) FROM device_revocations WHERE mission_code = ?`).pluck();
  return codes.map((code) => {
    const listed = register.get(code);
    const record = records.get(code);
    const devices = devicesOf.get(code) as { trusted: number; waiting: number; name: string | null };
    const batches = batchesOf.all(code) as BatchRow[];
    const applied = batches.filter((b) => b.status === 'applied');
    const last = applied[applied.length - 1];
    const kind = listed?.kind ?? record?.kind ?? null;
    const country = listed?.country ?? record?.country ?? '';
    return {
      code,
      missionId: record?.id ?? null,
      nameVi: listed?.nameVi ?? record?.name_vi ?? devices.name ?? code,
      nameEn: listed?.nameEn ?? record?.name_en ?? devices.name ?? code,
      kind,
      country,
      region: kind ? regionOfMission(kind, country) : regionOf(country),
      registered: Boolean(listed),
      state: reportingState(
        applied.map((b) => b.created_at),
        period.end,
        asOf,
      ),
      lastBatch: last ? { sequence: last.seq, deviceId: last.device_id, createdAt: last.created_at, receivedAt: last.received_at } : null,
      batchesApplied: applied.length,
      batchesHeld: batches.filter((b) => b.status === 'held').length,
      batchesRefused: batches.filter((b) => b.status === 'refused').length,
      gaps: gapsOf(batches),
      lagDays: last ? Math.floor((now - Date.parse(last.created_at)) / DAY_MS) : null,
      devices: devices.trusted,
      devicesWaiting: devices.waiting,
      devicesRevoked: revokedOf.get(code) as number,
    };
  });
}
