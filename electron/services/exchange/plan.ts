/**
 * The dry run and the apply of one batch against this database. Planning only reads (in
 * slices); applying writes the plan in the caller's transaction: the received change
 * records, the winning field values through each entity store, and the conflict log.
 */
import type { AppContext } from '../../context';
import type { RemoteApplicable } from '../../store/entity';
import type { Entity } from '../../../shared/domain/enums';
import type { ImportSummary } from '../../../shared/domain/exchange';
import type { ChangeLine } from './format';
import { conflictOf, winnerOf, withBases, type Conflict, type FieldChange, type LoggedChange } from './merge';
import { SLICE } from './slices';


interface RecordPlan {
  entity: Entity;
  id: string;
  /** Winning field values to write (parsed JSON). */
  fields: Record<string, unknown>;
  /** The newest applied change: its author and device go on the record. */
  latest: ChangeLine | null;
}

interface ConflictPlan {
  entity: Entity;
  id: string;
  field: string;
  conflict: Conflict | null;
  openId: number | null;
}

export interface Plan {
  summary: ImportSummary;
  newLines: ChangeLine[];
  records: RecordPlan[];
  conflicts: ConflictPlan[];
  /** The change log's last seq when planned: a write since then means plan again. */
  logSeq: number;
  maxHlc: string | null;
}

interface OpenConflictRow {
  id: number;
  winner_hlc: string;
  other_hlc: string;
}

/** Planning as a generator that pauses after each slice, so it can run sliced or at once. */
function* planSteps(app: AppContext, lines: readonly ChangeLine[]): Generator<number, Plan> {
  const db = app.db;
  const recordExists = db.prepare(`SELECT 1 FROM changes WHERE entity = ? AND record_id = ? LIMIT 1`).pluck();
  const fieldRows = db.prepare(`SELECT hlc, device_id AS device, author, coalesce(value, 'null') AS value, base, origin = 'local' AS local FROM changes WHERE entity = ? AND record_id = ? AND field = ? ORDER BY seq`);
  const openConflict = db.prepare(`SELECT id, winner_hlc, other_hlc FROM conflicts WHERE entity = ? AND record_id = ? AND field = ? AND resolved_at IS NULL`);
  const logSeq = db.prepare(`SELECT coalesce(max(seq), 0) FROM changes`).pluck().get() as number;

  const byRecord = new Map<string, Map<string, ChangeLine[]>>();
  for (const line of lines) {
    const key = `${line.entity}\u0000${line.record}`;
    let fields = byRecord.get(key);
    if (!fields) byRecord.set(key, (fields = new Map()));
    const list = fields.get(line.field);
    if (list) list.push(line);
    else fields.set(line.field, [line]);
  }

  const plan: Plan = { summary: {}, newLines: [], records: [], conflicts: [], logSeq, maxHlc: null };
  let processed = 0;
  let reported = 0;
  for (const [key, fields] of byRecord) {
    const [entity, id] = key.split('\u0000') as [Entity, string];
    const existed = recordExists.get(entity, id) !== undefined;
    const record: RecordPlan = { entity, id, fields: {}, latest: null };
    let newConflicts = 0;
    for (const [field, incomingAll] of fields) {
      const local = (fieldRows.all(entity, id, field) as (Omit<LoggedChange, 'local'> & { local: number })[]).map((r): LoggedChange => ({ ...r, local: r.local === 1 }));
      const known = new Set(local.map((r) => r.hlc));
      const incoming = new Map<string, ChangeLine>();
      for (const line of incomingAll) if (!known.has(line.hlc)) incoming.set(line.hlc, line);
      processed += incomingAll.length;
      if (incoming.size === 0) continue;
      plan.newLines.push(...incoming.values());
      const before = withBases(local);
      const all: FieldChange[] = [...before, ...[...incoming.values()].map(toFieldChange)];
      const was = winnerOf(before);
      const now = winnerOf(all)!;
      const line = incoming.get(now.hlc);
      if (line && (!was || was.value !== now.value)) {
        record.fields[field] = line.value;
        if (!record.latest || line.hlc > record.latest.hlc) record.latest = line;
      }
      for (const l of incoming.values()) if (!plan.maxHlc || l.hlc > plan.maxHlc) plan.maxHlc = l.hlc;
      const conflict = conflictOf(all);
      const open = openConflict.get(entity, id, field) as OpenConflictRow | undefined;
      const same = open && conflict && open.winner_hlc === conflict.winner.hlc && open.other_hlc === conflict.other.hlc;
      if (!same && (conflict || open)) plan.conflicts.push({ entity, id, field, conflict, openId: open?.id ?? null });
      if (conflict && !open) newConflicts += 1;
    }
    const summary = (plan.summary[entity] ??= { created: 0, updated: 0, unchanged: 0, conflicts: 0 });
    const changed = Object.keys(record.fields).length > 0;
    if (changed) plan.records.push(record);
    if (changed && !existed) summary.created += 1;
    else if (changed) summary.updated += 1;
    else summary.unchanged += 1;
    summary.conflicts += newConflicts;
    if (processed - reported >= SLICE) {
      reported = processed;
      yield processed;
    }
  }
  return plan;
}

function toFieldChange(line: ChangeLine): FieldChange {
  return { hlc: line.hlc, device: line.device, author: line.author, value: JSON.stringify(line.value), base: line.base };
}

export async function planBatch(app: AppContext, lines: readonly ChangeLine[], onSlice: (done: number) => Promise<void>): Promise<Plan> {
  const steps = planSteps(app, lines);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await onSlice(step.value);
  }
}

export function planBatchNow(app: AppContext, lines: readonly ChangeLine[]): Plan {
  const steps = planSteps(app, lines);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Writes a plan (inside the caller's transaction). Stores without an entity registered yet
 * still get the change records, so the records appear in the log and travel onwards.
 */
export function applyPlan(app: AppContext, plan: Plan, missionId: string): void {
  const db = app.db;
  const now = new Date().toISOString();
  const insert = db.prepare(
    `INSERT INTO changes (hlc, device_id, author, entity, record_id, field, value, origin, base) VALUES (?, ?, ?, ?, ?, ?, ?, 'remote', ?)`,
  );
  for (const l of plan.newLines) insert.run(l.hlc, l.device, l.author, l.entity, l.record, l.field, JSON.stringify(l.value), l.base);
  const stores = new Map<Entity, RemoteApplicable>(app.remoteStores().map((s) => [s.entity, s]));
  // Missions first: records of other entities may be created under them.
  const ordered = [...plan.records].sort((a, b) => Number(b.entity === 'mission') - Number(a.entity === 'mission'));
  for (const r of ordered) {
    stores.get(r.entity)?.applyRemote(r.id, r.fields, { now, author: r.latest!.author, deviceId: r.latest!.device, missionId });
  }
  const insertConflict = db.prepare(`
    INSERT INTO conflicts (entity, record_id, field, winner_hlc, winner_value, winner_device, winner_author, other_hlc, other_value, other_device, other_author, detected_at)
    VALUES (@entity, @id, @field, @winnerHlc, @winnerValue, @winnerDevice, @winnerAuthor, @otherHlc, @otherValue, @otherDevice, @otherAuthor, @now)`);
  const supersede = db.prepare(`UPDATE conflicts SET resolved_at = ?, resolution = 'superseded' WHERE id = ?`);
  for (const c of plan.conflicts) {
    if (c.openId !== null) supersede.run(now, c.openId);
    if (!c.conflict) continue;
    const { winner, other } = c.conflict;
    insertConflict.run({
      entity: c.entity,
      id: c.id,
      field: c.field,
      winnerHlc: winner.hlc,
      winnerValue: winner.value,
      winnerDevice: winner.device,
      winnerAuthor: winner.author,
      otherHlc: other.hlc,
      otherValue: other.value,
      otherDevice: other.device,
      otherAuthor: other.author,
      now,
    });
  }
  if (plan.maxHlc) app.writer.clock.receive(plan.maxHlc);
}
