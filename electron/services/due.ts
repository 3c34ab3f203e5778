/**
 * What is due or overdue: open follow-ups, and open agreements whose next review date came.
 * The one reading behind "Việc cần làm" (followup.due), the dashboard's follow-up panel
 * (figures.followups) and the report's overdue reviews, so that they always count the same records.
 */
import type { DueItem } from '../../shared/domain/followup';
import { OPEN_AGREEMENT_STATUSES, type Entity } from '../../shared/domain/enums';
import type { Db } from '../db/open';
import { addDays, recordTitle } from './partners';

export interface DueOptions {
  /** The day judged against: due before it is overdue. */
  today: string;
  /** Due from today to today + withinDays (inclusive) is due soon. */
  withinDays: number;
  /** null: every mission in this database. */
  missionId: string | null;
}

/** Open follow-ups and open agreements to review, due by today + withinDays, earliest first. */
export function dueItems(db: Db, { today, withinDays, missionId }: DueOptions): DueItem[] {
  const p = { until: addDays(today, withinDays), mission: missionId };
  // Named only when given: `@mission IS NULL OR …` keeps SQLite from the mission's index entries.
  const ofMission = missionId === null ? '' : 'AND mission_id = @mission';
  const followups = db
    .prepare(
      `SELECT id, title, due_date AS dueDate, owner, entity, record_id AS recordId FROM followups
       WHERE deleted_at IS NULL AND done_at IS NULL AND due_date <= @until ${ofMission}`,
    )
    .all(p) as { id: string; title: string; dueDate: string; owner: string; entity: Entity | null; recordId: string | null }[];
  const reviews = db
    .prepare(
      `SELECT id, title, next_review_date AS dueDate FROM agreements
       WHERE deleted_at IS NULL AND next_review_date <= @until ${ofMission}
       AND status IN (${OPEN_AGREEMENT_STATUSES.map((s) => `'${s}'`).join(', ')})`,
    )
    .all(p) as { id: string; title: string; dueDate: string }[];
  return [
    ...followups.map((f): DueItem => ({ kind: 'followup', ...f, overdue: f.dueDate < today, recordTitle: recordTitle(db, f.entity, f.recordId) })),
    ...reviews.map((r): DueItem => ({
      kind: 'agreement-review',
      ...r,
      overdue: r.dueDate < today,
      owner: '',
      entity: 'agreement',
      recordId: r.id,
      recordTitle: r.title,
    })),
  ].sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.id.localeCompare(b.id));
}
