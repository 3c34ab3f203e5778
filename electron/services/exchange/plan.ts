/**
 * The dry run and the apply of one batch against this database, both in slices. Planning
 * only reads; applying writes the plan in the caller's transaction: the received change
 * records, the winning field values through each entity store, and the conflict log.
 */
import type { AppContext } from '../../context';
import type { RemoteApplicable } from '../../store/entity';
import type { Entity } from '../../../shared/domain/enums';
import type { ImportSummary } from '../../../shared/domain/exchange';
import type { ChangeLine } from './format';
import { conflictOf, winnerOf, withBases, type Conflict, type FieldChange, type LoggedChange } from './merge';
import { drive } from '../slices';
import { checkMerged } from './validate';

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
  maxHlc: string | null;
}

interface OpenConflictRow {
  id: number;
  winner_hlc: string;
  other_hlc: string;
}

/** Planning as a generator that pauses after each slice (drive() yields to the event loop there). */
function* planSteps(app: AppContext, lines: readonly ChangeLine[]): Generator<number, Plan> {
  const db = app.db;
  const recordExists = db.prepare(`SELECT 1 FROM changes WHERE entity = ? AND record_id = ? LIMIT 1`).pluck();
  const missionCode = db.prepare(`SELECT 1 FROM missions WHERE code = ?`).pluck();
  const fieldRows = db.prepare(
    `SELECT hlc, device_id AS device, author, coalesce(value, 'null') AS value, base, origin = 'local' AS local FROM changes WHERE entity = ? AND record_id = ? AND field = ? ORDER BY seq`,
  );
  const openConflict = db.prepare(`SELECT id, winner_hlc, other_hlc FROM conflicts WHERE entity = ? AND record_id = ? AND field = ? AND resolved_at IS NULL`);

  const stores = new Map<Entity, RemoteApplicable>(app.remoteStores().map((s) => [s.entity, s]));
  const lineNumbers = new Map<ChangeLine, number>(lines.map((line, i) => [line, i + 1]));
  const byRecord = new Map<string, Map<string, ChangeLine[]>>();
  for (const line of lines) {
    const key = `${line.entity}\u0000${line.record}`;
    let fields = byRecord.get(key);
    if (!fields) byRecord.set(key, (fields = new Map()));
    const list = fields.get(line.field);
    if (list) list.push(line);
    else fields.set(line.field, [line]);
  }

  const plan: Plan = { summary: {}, newLines: [], records: [], conflicts: [], maxHlc: null };
  const codesSeen = new Set<string>();
  let processed = 0;
  for (const [key, fields] of byRecord) {
    const [entity, id] = key.split('\u0000') as [Entity, string];
    const code = entity === 'mission' ? fields.get('code')?.[0]?.value : undefined;
    const existed = recordExists.get(entity, id) !== undefined;
    // A mission set up under another id with a known code stays an alias: nothing is written for it.
    const alias = !existed && typeof code === 'string' && (codesSeen.has(code) || missionCode.get(code) !== undefined);
    if (typeof code === 'string') codesSeen.add(code);
    const record: RecordPlan = { entity, id, fields: {}, latest: null };
    const winners = new Map<string, ChangeLine>();
    let newConflicts = 0;
    for (const [field, incomingAll] of fields) {
      // A record with no change logged here has no field history and no conflict to look up (the log is never pruned):
      // a mission's first batch is nearly all new records.
      const local = existed
        ? (fieldRows.all(entity, id, field) as (Omit<LoggedChange, 'local'> & { local: number })[]).map((r): LoggedChange => ({
            ...r,
            local: r.local === 1,
          }))
        : [];
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
        winners.set(field, line);
        if (!record.latest || line.hlc > record.latest.hlc) record.latest = line;
      }
      for (const l of incoming.values()) if (!plan.maxHlc || l.hlc > plan.maxHlc) plan.maxHlc = l.hlc;
      const conflict = conflictOf(all);
      const open = existed ? (openConflict.get(entity, id, field) as OpenConflictRow | undefined) : undefined;
      const same = open && conflict && open.winner_hlc === conflict.winner.hlc && open.other_hlc === conflict.other.hlc;
      if (!same && (conflict || open)) plan.conflicts.push({ entity, id, field, conflict, openId: open?.id ?? null });
      if (conflict && !open) newConflicts += 1;
    }
    const summary = (plan.summary[entity] ??= { created: 0, updated: 0, unchanged: 0, conflicts: 0 });
    const changed = Object.keys(record.fields).length > 0;
    const merged = changed ? stores.get(entity)?.mergedValues(id, record.fields) : null;
    if (merged) {
      const first = fields.values().next().value![0]!;
      checkMerged(entity, merged, (field) => {
        const line = winners.get(field) ?? first;
        return { line, n: lineNumbers.get(line)! };
      });
    }
    if (changed) plan.records.push(record);
    if (changed && !existed && !alias) summary.created += 1;
    else if (changed && !alias) summary.updated += 1;
    else summary.unchanged += 1;
    summary.conflicts += newConflicts;
    yield processed;
  }
  return plan;
}

function toFieldChange(line: ChangeLine): FieldChange {
  return { hlc: line.hlc, device: line.device, author: line.author, value: JSON.stringify(line.value), base: line.base };
}

/** The dry run: reads only, in slices; onSlice reports progress and yields. */
export function planBatch(app: AppContext, lines: readonly ChangeLine[], onSlice: (done: number) => Promise<void>): Promise<Plan> {
  return drive(planSteps(app, lines), onSlice);
}

/**
 * Writes a plan, in slices, inside the caller's transaction. Stores without an entity
 * registered yet still get the change records, so the records are logged and travel onwards.
 */
export function applyPlan(app: AppContext, plan: Plan, missionId: string, onSlice: (done: number) => Promise<void>): Promise<void> {
  return drive(applySteps(app, plan, missionId), onSlice);
}

function* applySteps(app: AppContext, plan: Plan, missionId: string): Generator<number, void> {
  const db = app.db;
  const now = new Date().toISOString();
  const insert = db.prepare(
    `INSERT INTO changes (hlc, device_id, author, entity, record_id, field, value, origin, base, sig) VALUES (?, ?, ?, ?, ?, ?, ?, 'remote', ?, ?)`,
  );
  for (const [i, l] of plan.newLines.entries()) {
    insert.run(l.hlc, l.device, l.author, l.entity, l.record, l.field, JSON.stringify(l.value), l.base, l.sig ?? null);
    if (i % 64 === 63) yield i;
  }
  const stores = new Map<Entity, RemoteApplicable>(app.remoteStores().map((s) => [s.entity, s]));
  // Missions first: records of other entities may be created under them.
  const ordered = [...plan.records].sort((a, b) => Number(b.entity === 'mission') - Number(a.entity === 'mission'));
  for (const [i, r] of ordered.entries()) {
    stores.get(r.entity)?.applyRemote(r.id, r.fields, { now, author: r.latest!.author, deviceId: r.latest!.device, missionId });
    yield plan.newLines.length + i;
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
