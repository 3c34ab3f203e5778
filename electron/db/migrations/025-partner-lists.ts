import type { Migration } from './index';

/**
 * Indexes the partner lists read their pages and totals from (store/record-table.ts, listPage).
 * At HQ's size (200,000 organisations) the list's total and a text search read every
 * organisation's row for its id, kind or country: a search for "toyota" took 2 s to count, a
 * page 100,000 deep 1.1 s. organisations_list holds the list's order and every filter's column
 * but a sector's, so both read the index alone; it replaces organisations_name, its first two
 * columns (the same-name check reads it too). contacts_list does the same for people, whom the
 * list sorts by name. Agreements already have agreements_signed (migration 016).
 */
export const migration025: Migration = {
  version: 25,
  name: '025-partner-lists',
  up(db) {
    db.exec(`
      CREATE INDEX organisations_list ON organisations(deleted_at, name_folded, id, kind, country);
      DROP INDEX organisations_name;
      CREATE INDEX contacts_list ON contacts(deleted_at, name, id, organisation_id);
    `);
  },
};
