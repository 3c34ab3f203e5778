/** Follow-ups (việc cần làm): entity 'followup'. */
import type { Db } from '../db/open';
import { FOLLOWUP_FIELD_NAMES, type Followup, type FollowupListInput, type FollowupValues } from '../../shared/domain/followup';
import type { Entity } from '../../shared/domain/enums';
import { AppError } from '../../shared/errors';
import { listPage, RecordTable, textFilter, whereClause } from './record-table';
import type { SearchIndex } from './search-index';
import type { Writer } from './writer';

/** Tables of the records a follow-up can be about. */
export const RECORD_TABLES: Partial<Record<Entity, string>> = {
  activity: 'activities',
  organisation: 'organisations',
  contact: 'contacts',
  agreement: 'agreements',
};

export class FollowupStore extends RecordTable<FollowupValues> {
  constructor(db: Db, writer: Writer, searchIndex: SearchIndex, missionId: () => string) {
    super(db, writer, searchIndex, missionId, {
      entity: 'followup',
      table: 'followups',
      fields: FOLLOWUP_FIELD_NAMES,
      defaults: { title: '', dueDate: '', owner: '', entity: null, recordId: null, doneAt: null, notes: '' },
    });
  }

  /** A follow-up about a record must name one that exists here. */
  protected override checkReferences(v: FollowupValues, changed: Partial<FollowupValues>): void {
    if (!v.entity || !v.recordId || !('entity' in changed || 'recordId' in changed)) return;
    const table = RECORD_TABLES[v.entity];
    const found = table ? this.db.prepare(`SELECT 1 FROM ${table} WHERE id = ? AND deleted_at IS NULL`).get(v.recordId) : undefined;
    if (!found) throw new AppError('VALIDATION', `The follow-up names an unknown ${v.entity}`, { fields: [{ path: 'recordId', code: 'invalid_id' }] });
  }

  override get(id: string): Followup {
    return super.get(id) as Followup;
  }

  protected override searchText(f: Followup) {
    return { title: f.title, body: [f.owner, f.notes].join(' ') };
  }

  /** Marks done (with the time) or open again. */
  setDone(id: string, done: boolean): Followup {
    return this.writer.write((ctx) => {
      const before = this.get(id);
      if (Boolean(before.doneAt) === done) return before;
      return this.updateIn(ctx, id, { ...before, doneAt: done ? ctx.now : null }) as Followup;
    });
  }

  list(input: FollowupListInput): { total: number; offset: number; rows: Followup[] } {
    const f = input.filter;
    const where = whereClause([
      { sql: 'f.deleted_at IS NULL', params: [] },
      f.state === 'open' ? { sql: 'f.done_at IS NULL', params: [] } : null,
      f.state === 'done' ? { sql: 'f.done_at IS NOT NULL', params: [] } : null,
      f.entity ? { sql: 'f.entity = ?', params: [f.entity] } : null,
      f.recordId ? { sql: 'f.record_id = ?', params: [f.recordId] } : null,
      textFilter('followup', f.text, 'f', this.db),
    ]);
    const { total, offset, rows } = listPage(this.db, { table: 'followups', alias: 'f', where, order: 'f.due_date, f.id', select: 'f.*' }, input);
    return { total, offset, rows: rows.map((r) => this.fromRow(r) as Followup) };
  }
}
