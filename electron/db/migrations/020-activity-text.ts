import type { Migration } from './index';

/** Settings key that asks the next open to fill activity_fts from the activities (search_fts is kept). */
export const ACTIVITY_TEXT_REBUILD_SETTING = 'search.activityTextPending';

/** An activity's key in activity_fts: the days from 1970 to its start, shifted by this, then its rowid in the low bits. */
export const DAY_SHIFT = 32n;
export const DAY_KEYS = 1n << DAY_SHIFT;

/** SQL of an activity's key in activity_fts, so the index reads in date order. */
export const activityTextKey = (startDate: string, rowid: string) => `((coalesce(unixepoch(${startDate}) / 86400, 0) << ${DAY_SHIFT}) | ${rowid})`;

/**
 * The first key of a day ('2025-03-10'), as activityTextKey computes it in SQL. Keys are bound
 * as BigInt: FTS5 reads a key bound as a JS number (a REAL) without seeking to it (1.8 ms, not 0.25).
 */
export const dayKey = (date: string): bigint => BigInt(Date.parse(`${date}T00:00:00Z`) / 86_400_000) << DAY_SHIFT;

/**
 * The list's text filter mapped each activity to its search_docs rowid and tested it against
 * the set of search_fts's matches: "xuc tien" matches 62,000 of 170,000 search documents and a
 * first page over 100,000 activities took ~10 ms, mostly in building that set (npm run bench,
 * list). This index holds the activities' text alone, keyed by start day and rowid: a page by
 * date reads the matches newest (or oldest) first and stops after the page, whatever their number.
 *
 * An activity's key follows its start date: the trigger takes out the old key (the store puts
 * the text in again under the new one). The index is contentless like search_fts, so the text
 * of existing activities (labels in both languages, former province names) is put in by the
 * next open (AppContext), in slices.
 */
export const migration020: Migration = {
  version: 20,
  name: '020-activity-text',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE activity_fts USING fts5(
        text,
        content = '', contentless_delete = 1, detail = none,
        tokenize = 'unicode61 remove_diacritics 0',
        prefix = '1 2 3 4 5 6'
      );
      CREATE TRIGGER activity_fts_redated AFTER UPDATE OF start_date ON activities WHEN OLD.start_date IS NOT NEW.start_date
      BEGIN
        DELETE FROM activity_fts WHERE rowid = ${activityTextKey('OLD.start_date', 'OLD.rowid')};
      END;
    `);
    // Live activities have text to put in (when 006 also ran, its rebuild of everything does it).
    const live = db.prepare(`SELECT EXISTS (SELECT 1 FROM activities WHERE deleted_at IS NULL)`).pluck().get() === 1;
    if (live)
      db.prepare(`INSERT INTO settings (key, value) VALUES (?, 'true') ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(
        ACTIVITY_TEXT_REBUILD_SETTING,
      );
  },
};
