/** HQ's view of the missions that send batches: the last one, gaps in each device's sequence, lag. */
import type { AppContext } from '../../context';
import type { HqMission, StreamGap } from '../../../shared/domain/exchange';

const DAY_MS = 24 * 60 * 60 * 1000;

interface MissionRow {
  id: string;
  code: string;
  name_vi: string;
  name_en: string;
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
    if (missing.length) gaps.push({ deviceId: list[0]!.device_id, missing });
  }
  return gaps;
}

export function hqMissions(app: AppContext, now = Date.now()): HqMission[] {
  const own = app.missionId();
  const missions = app.db.prepare(`SELECT id, code, name_vi, name_en, country FROM missions WHERE id IS NOT ? ORDER BY code`).all(own) as MissionRow[];
  const batchesOf = app.db.prepare(`SELECT device_id, stream, seq, status, created_at, received_at FROM batches_received WHERE mission_code = ? ORDER BY created_at`);
  const devicesOf = app.db.prepare(`SELECT count(*) FROM devices WHERE mission_code = ? AND trusted_at IS NOT NULL`).pluck();
  return missions.map((m) => {
    const batches = batchesOf.all(m.code) as BatchRow[];
    const applied = batches.filter((b) => b.status === 'applied');
    const last = applied[applied.length - 1];
    return {
      missionId: m.id,
      code: m.code,
      nameVi: m.name_vi,
      nameEn: m.name_en,
      country: m.country,
      lastBatch: last ? { sequence: last.seq, deviceId: last.device_id, createdAt: last.created_at, receivedAt: last.received_at } : null,
      batchesApplied: applied.length,
      batchesHeld: batches.filter((b) => b.status === 'held').length,
      batchesRefused: batches.filter((b) => b.status === 'refused').length,
      gaps: gapsOf(batches),
      lagDays: last ? Math.floor((now - Date.parse(last.created_at)) / DAY_MS) : null,
      devices: devicesOf.get(m.code) as number,
    };
  });
}
