/**
 * Adding activities' rows to the tallies the figures read (migration 018) in grouped statements:
 * the migration counts every row this way, and a batch of new activities (createMany: demo data,
 * the activity.createMany channel) its own rows at its end, while the per-row triggers are paused. Row by row, the
 * triggers cost a batch of 10,000 ~1.8 s (one tally upsert and a link upsert per locality, sector
 * and partner each); grouped, the same rows cost a few dozen upserts.
 */
import type { Db } from '../db/open';

/** The list column behind each link tally. */
export const LINK_COLUMNS = { province: 'provinces', sector: 'sectors', organisation: 'organisation_ids' } as const;

/** While it holds a row, the tally triggers do nothing (in one transaction only: see pausedTallies). */
export const TALLY_PAUSE_TABLE = 'activity_tallies_paused';

const add = (columns: string[]) => columns.map((c) => `${c} = ${c} + excluded.${c}`).join(', ');

/** Statements adding to the tallies every live activity whose rowid is above @after. */
export function foldStatements(): string[] {
  return [
    `INSERT INTO activity_tallies (month, mission_id, kind, status, activities, businesses, deals, deal_cents, with_localities)
     SELECT substr(start_date, 1, 7), mission_id, kind, status, count(*), coalesce(sum(businesses_supported), 0), total(deal_value_usd),
       coalesce(sum(CAST(round(deal_value_usd * 100) AS INTEGER)), 0), sum(provinces <> '[]')
     FROM activities WHERE rowid > @after AND deleted_at IS NULL GROUP BY 1, 2, 3, 4
     ON CONFLICT DO UPDATE SET ${add(['activities', 'businesses', 'deals', 'deal_cents', 'with_localities'])}`,
    ...Object.entries(LINK_COLUMNS).map(
      ([link, column]) =>
        `INSERT INTO activity_link_tallies (link, month, mission_id, key, activities)
         SELECT '${link}', substr(a.start_date, 1, 7), a.mission_id, j.value, count(*) FROM activities a CROSS JOIN json_each(a.${column}) j
         WHERE a.rowid > @after AND a.deleted_at IS NULL AND a.status = 'done' GROUP BY 2, 3, 4
         ON CONFLICT DO UPDATE SET ${add(['activities'])}`,
    ),
  ];
}

/**
 * Runs `insertNew` (which only inserts activities, inside the caller's transaction) with the
 * triggers paused, then adds what it inserted to the tallies in grouped statements.
 */
export function pausedTallies<T>(db: Db, insertNew: () => T): T {
  const after = (db.prepare(`SELECT coalesce(max(rowid), 0) FROM activities`).pluck().get() as number) ?? 0;
  db.prepare(`INSERT INTO ${TALLY_PAUSE_TABLE} (paused) VALUES (1)`).run();
  let result: T;
  try {
    result = insertNew();
  } finally {
    db.prepare(`DELETE FROM ${TALLY_PAUSE_TABLE}`).run();
  }
  for (const sql of foldStatements()) db.prepare(sql).run({ after });
  return result;
}
