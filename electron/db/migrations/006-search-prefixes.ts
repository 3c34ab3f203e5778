import type { Migration } from './index';

/** Settings key that asks the next open to rebuild the search index from the records. */
export const SEARCH_REBUILD_SETTING = 'search.rebuildPending';

/**
 * Prefix indexes for 1 to 6 letters instead of 1 to 3. A query word of 4–6 letters ("tien",
 * "thuong") used to expand to every term it begins and merge their lists at each search:
 * "xuc tien" over 100,000 activities took 4.9 ms in FTS5 alone, now about 3 ms; most
 * Vietnamese syllables have 6 letters or fewer (npm run bench, list).
 *
 * The index is contentless, so it cannot be copied into its new shape: it is emptied here
 * and rebuilt from the records by the next open (AppContext), in one transaction in slices.
 */
export const migration006: Migration = {
  version: 6,
  name: '006-search-prefixes',
  up(db) {
    // A new database has nothing to index again.
    const indexed = db.prepare(`SELECT EXISTS (SELECT 1 FROM search_docs)`).pluck().get() === 1;
    db.exec(`
      DROP TABLE search_fts;
      DELETE FROM search_docs;
      CREATE VIRTUAL TABLE search_fts USING fts5(
        title, body,
        content = '', contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 0',
        prefix = '1 2 3 4 5 6'
      );
    `);
    if (indexed)
      db.prepare(`INSERT INTO settings (key, value) VALUES (?, 'true') ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(SEARCH_REBUILD_SETTING);
  },
};
