import type { Migration } from './index';

/**
 * One key per row of a sheet imported into activities or agreements (a hash of the row's
 * cells): a row whose key is here was imported before, so importing the same file again
 * creates nothing twice. Device-local bookkeeping: the records themselves travel as usual.
 */
export const migration015: Migration = {
  version: 15,
  name: '015-import-keys',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS import_keys (
        entity TEXT NOT NULL,
        key TEXT NOT NULL,
        record_id TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        PRIMARY KEY (entity, key)
      ) WITHOUT ROWID
    `);
  },
};
