import type Database from 'better-sqlite3-multiple-ciphers';
import type { Migration } from './index';

/** The columns of an activity that its link rows carry: what the list filters a locality or a sector on and sorts it by. */
export const LINK_KEYS = ['deleted_at', 'title', 'start_date', 'status', 'kind', 'deal_value_usd'] as const;

/** A link table of activities (a locality's, a sector's) whose rows carry LINK_KEYS. */
export interface LinkTable {
  table: string;
  /** The linked value's column: the primary key is (column, activity_id). */
  column: string;
  /** The list's sort columns the link has an index in the list's order for, and that index. */
  orders: Readonly<Record<string, string>>;
  /** Its primary key, the index of the other sorts (in activity id order). */
  primaryKey: string;
}

/**
 * The sort columns each link has an index in the list's order for. Not updated_at: it changes
 * on every edit, so carrying it would rewrite the link rows each time; by it, kind or status a
 * link's page is sorted from its primary key.
 */
const ORDERED = { start_date: 'start', title: 'title', deal_value_usd: 'deal' } as const;

const linkTable = (table: string, column: string): LinkTable => ({
  table,
  column,
  orders: Object.fromEntries(Object.entries(ORDERED).map(([c, suffix]) => [c, `${table}_${suffix}`])),
  primaryKey: `sqlite_autoindex_${table}_1`,
});

export const LINKS = { province: linkTable('activity_provinces', 'province_id'), sector: linkTable('activity_sectors', 'sector_id') } as const;

/** INSERT of one link row, its keys taken from the activity's row; parameters: the linked value, the activity's id. */
export const linkInsertSql = (link: LinkTable) => {
  const keys = LINK_KEYS.join(', ');
  return `INSERT INTO ${link.table} (activity_id, ${link.column}, ${keys}) SELECT id, ?, ${keys} FROM activities WHERE id = ?`;
};

/**
 * The trigger that copies one key of an activity to its link rows. One per key: an update sets
 * only that column, so only the indexes holding it are rewritten (3,000 activities re-titled:
 * 0.86–1.04 s with one trigger setting every key, 0.56–0.61 s with these; 0.31 s without the
 * sector copies).
 */
export const linkTrigger = (table: string, key: (typeof LINK_KEYS)[number]) => `${table}_keep_${key}`;

/** Rebuilds a link table with the keys filled from activities, its order indexes, and the triggers that follow the activity. */
function keyLink(db: Database.Database, { table, column, orders }: LinkTable): void {
  const keys = LINK_KEYS.join(', ');
  const indexes = Object.entries(orders).map(([sort, index]) => {
    // The list's order (the column, then date and id, migration 005), then the filter's other keys tested on the entry.
    const columns = [...new Set([column, 'deleted_at', sort, 'start_date', 'activity_id', 'status', 'kind'])];
    return `CREATE INDEX ${index} ON ${table}(${columns.join(', ')});`;
  });
  const triggers = LINK_KEYS.map(
    (c) => `CREATE TRIGGER ${linkTrigger(table, c)} AFTER UPDATE OF ${c} ON activities WHEN OLD.${c} IS NOT NEW.${c}
      BEGIN UPDATE ${table} SET ${c} = NEW.${c} WHERE activity_id = NEW.id; END;`,
  );
  db.exec(`
    CREATE TABLE ${table}_keyed (
      activity_id TEXT NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
      ${column} TEXT NOT NULL,
      deleted_at TEXT,
      title TEXT NOT NULL,
      start_date TEXT NOT NULL,
      status TEXT NOT NULL,
      kind TEXT NOT NULL,
      deal_value_usd REAL,
      PRIMARY KEY (${column}, activity_id)
    ) STRICT, WITHOUT ROWID;
    INSERT INTO ${table}_keyed (activity_id, ${column}, ${keys})
    SELECT l.activity_id, l.${column}, ${LINK_KEYS.map((c) => `a.${c}`).join(', ')}
    FROM ${table} l JOIN activities a ON a.id = l.activity_id;
    DROP TABLE ${table};
    ALTER TABLE ${table}_keyed RENAME TO ${table};
    CREATE INDEX ${table}_by_activity ON ${table}(activity_id);
    ${indexes.join('\n    ')}
    ${triggers.join('\n    ')}
  `);
}

/**
 * A locality's first page by title sorted all its activities (~1,900 of 100,000, each found
 * through activities_lookup) to keep 200: 3.7 ms median, 7.9 ms p95; a sector's (~6,600) by
 * deal value walked activities_deal testing each entry against the sector: 3.3–4.4 ms median,
 * p95 7.6–21.5 ms (npm run bench, list). The link rows now carry the activity's sort and filter
 * columns, with indexes in the list's date, title and deal value orders, so such a page walks
 * one, tests status and kind on the entry and stops after its 200 rows.
 *
 * The store puts the columns in with each link row (taken from the activity's row); the
 * triggers follow every later change of them (edits, deletes and restores, exchange imports),
 * whichever path writes the activity.
 */
export const migration022: Migration = {
  version: 22,
  name: '022-link-keys',
  up(db) {
    for (const link of Object.values(LINKS)) keyLink(db, link);
  },
};
