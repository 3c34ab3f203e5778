import type { Migration } from './index';

/** The columns of an activity that its locality link rows carry: what the list filters a locality on and sorts it by. */
export const LOCALITY_KEYS = ['deleted_at', 'title', 'start_date', 'status', 'kind'] as const;

/** The list's sort columns a locality's link rows have an index in the list's order for, and that index. */
export const LOCALITY_ORDERS: Readonly<Record<string, string>> = { title: 'activity_provinces_title', start_date: 'activity_provinces_start' };

/**
 * A locality's first page by title sorted all its activities (~1,900 of 100,000, each found
 * through activities_lookup) to keep 200: 3.7 ms median, 7.9 ms p95 (npm run bench, list). The
 * link rows now carry the activity's sort and filter columns, with indexes in the list's
 * title and date orders, so such a page walks one, tests status and kind on the entry and
 * stops after its 200 rows (median 1.6 ms, p95 2–5 ms at load 3–8).
 *
 * The store puts the columns in with each link row (taken from the activity's row); the
 * trigger follows every later change of them (edits, deletes and restores, exchange imports),
 * whichever path writes the activity.
 */
export const migration022: Migration = {
  version: 22,
  name: '022-locality-keys',
  up(db) {
    const keys = LOCALITY_KEYS.join(', ');
    db.exec(`
      CREATE TABLE activity_provinces_keyed (
        activity_id TEXT NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
        province_id TEXT NOT NULL,
        deleted_at TEXT,
        title TEXT NOT NULL,
        start_date TEXT NOT NULL,
        status TEXT NOT NULL,
        kind TEXT NOT NULL,
        PRIMARY KEY (province_id, activity_id)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO activity_provinces_keyed (activity_id, province_id, ${keys})
      SELECT l.activity_id, l.province_id, ${LOCALITY_KEYS.map((c) => `a.${c}`).join(', ')}
      FROM activity_provinces l JOIN activities a ON a.id = l.activity_id;
      DROP TABLE activity_provinces;
      ALTER TABLE activity_provinces_keyed RENAME TO activity_provinces;
      CREATE INDEX activity_provinces_by_activity ON activity_provinces(activity_id);
      CREATE INDEX activity_provinces_title ON activity_provinces(province_id, deleted_at, title, start_date, activity_id, status, kind);
      CREATE INDEX activity_provinces_start ON activity_provinces(province_id, deleted_at, start_date, activity_id, status, kind);
      CREATE TRIGGER activity_provinces_keys AFTER UPDATE OF ${keys} ON activities
      WHEN ${LOCALITY_KEYS.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ')}
      BEGIN
        UPDATE activity_provinces SET ${LOCALITY_KEYS.map((c) => `${c} = NEW.${c}`).join(', ')} WHERE activity_id = NEW.id;
      END;
    `);
  },
};
