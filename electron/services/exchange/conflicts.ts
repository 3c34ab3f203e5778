/** The conflict log: concurrent edits a person reviews and resolves either way. */
import type { AppContext } from '../../context';
import type { Entity } from '../../../shared/domain/enums';
import type { ConflictView } from '../../../shared/domain/exchange';
import { AppError } from '../../../shared/errors';

interface ConflictRow {
  id: number;
  entity: Entity;
  record_id: string;
  field: string;
  winner_hlc: string;
  winner_value: string | null;
  winner_device: string;
  winner_author: string;
  other_hlc: string;
  other_value: string | null;
  other_device: string;
  other_author: string;
  detected_at: string;
  resolved_at: string | null;
  resolution: ConflictView['resolution'];
}

const parse = (value: string | null): unknown => (value === null ? null : JSON.parse(value));

function toView(app: AppContext, r: ConflictRow): ConflictView {
  const label = app.db
    .prepare(`SELECT value FROM changes WHERE entity = ? AND record_id = ? AND field IN ('title', 'name', 'nameVi', 'number') ORDER BY hlc DESC LIMIT 1`)
    .pluck()
    .get(r.entity, r.record_id) as string | undefined;
  return {
    id: r.id,
    entity: r.entity,
    recordId: r.record_id,
    recordLabel: label ? String(parse(label)) : r.record_id,
    field: r.field,
    winner: { value: parse(r.winner_value), hlc: r.winner_hlc, device: r.winner_device, author: r.winner_author },
    other: { value: parse(r.other_value), hlc: r.other_hlc, device: r.other_device, author: r.other_author },
    detectedAt: r.detected_at,
    resolvedAt: r.resolved_at,
    resolution: r.resolution,
  };
}

export function listConflicts(app: AppContext, includeResolved: boolean): ConflictView[] {
  const rows = app.db
    .prepare(`SELECT * FROM conflicts ${includeResolved ? '' : 'WHERE resolved_at IS NULL'} ORDER BY detected_at DESC, id DESC`)
    .all() as ConflictRow[];
  return rows.map((r) => toView(app, r));
}

/**
 * Keeps one of the two values by writing it again as a new local change: it then wins
 * everywhere, and its base (the newest value seen here) shows it settled the conflict.
 */
export function resolveConflict(app: AppContext, id: number, keep: 'winner' | 'other'): ConflictView {
  const get = () => app.db.prepare(`SELECT * FROM conflicts WHERE id = ?`).get(id) as ConflictRow | undefined;
  const row = get();
  if (!row) throw new AppError('NOT_FOUND', `No conflict ${id}`);
  if (row.resolved_at) return toView(app, row);
  const value = parse(keep === 'winner' ? row.winner_value : row.other_value);
  const store = app.remoteStores().find((s) => s.entity === row.entity);
  app.writer.write((ctx) => {
    ctx.recordChanges(row.entity, row.record_id, { [row.field]: value });
    store?.applyRemote(row.record_id, { [row.field]: value }, { now: ctx.now, author: ctx.author, deviceId: ctx.deviceId, missionId: app.requireMissionId() });
    app.db.prepare(`UPDATE conflicts SET resolved_at = ?, resolution = ?, resolved_by = ? WHERE id = ?`).run(ctx.now, keep, ctx.author, id);
  });
  return toView(app, get()!);
}
