import { foldText } from '../../../shared/text';
import type { Migration } from './index';

/** Where each indexed kind of record keeps its title (the store's searchText), as of this migration. */
const TITLES = [
  ['activity', 'activities', 'title'],
  ['organisation', 'organisations', 'name'],
  ['contact', 'contacts', 'name'],
  ['agreement', 'agreements', 'title'],
  ['followup', 'followups', 'title'],
] as const;

/**
 * The search puts records whose title matches first: it asked search_fts for `{title}: (…)`, and
 * FTS5 then reads the positions of every record matching anywhere to find the title ones. Over
 * HQ's 1,300,000 records that was most of a search: "xuc t" 5.4 ms, "chuyen doi so" 4.3 ms, and
 * "quang nam", which no title holds, 23.6 ms. The titles alone in an index of their own answer in
 * 0.1–0.4 ms, "startup" in 1.2 and "quang nam" in 7.2 (hand-timed on HQ's bench dataset). Without
 * even the column lists (detail = none), words longer than the prefix indexes were slower:
 * "startup" 3.0 ms, "mitsubishi" 0.8 instead of 0.3.
 *
 * Its rowids are search_docs' (search_fts's). The titles of the records already indexed are put
 * in here, folded as the search index folds them: ~30 s for HQ's 1,300,000 records, a fraction
 * of a second for a mission's. When 006's rebuild is still to come, search_docs is empty and the
 * rebuild puts every title in.
 */
export const migration023: Migration = {
  version: 23,
  name: '023-search-titles',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE search_title_fts USING fts5(
        title,
        content = '', contentless_delete = 1, detail = column,
        tokenize = 'unicode61 remove_diacritics 0',
        prefix = '1 2 3 4 5 6'
      );
    `);
    const insert = db.prepare(`INSERT INTO search_title_fts (rowid, title) VALUES (?, ?)`);
    for (const [entity, table, column] of TITLES) {
      // Read a slice at a time: a connection runs nothing else while a statement iterates.
      const slice = db.prepare(
        `SELECT d.rowid, r.${column} FROM search_docs d JOIN ${table} r ON r.id = d.record_id WHERE d.entity = '${entity}' AND d.rowid > ? ORDER BY d.rowid LIMIT 10000`,
      );
      for (let after = 0; ;) {
        const rows = slice.raw().all(after) as [number, string][];
        if (rows.length === 0) break;
        for (const [rowid, title] of rows) insert.run(rowid, foldText(title));
        after = rows[rows.length - 1]![0];
      }
    }
    // In one segment (3–6 s at HQ's size): as the fill left it, "chuyen doi so" took twice as long.
    db.exec(`INSERT INTO search_title_fts (search_title_fts) VALUES ('optimize')`);
  },
};
