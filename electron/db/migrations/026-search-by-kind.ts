import type { Migration } from './index';

/**
 * The search documents of one kind of record, for the partner lists' text filter
 * (store/record-table.ts, textFilter). It read every document the words match, of any kind, by
 * rowid for its kind: at HQ's size a word as common as "da nang" matches hundreds of thousands of
 * activities, and the agreements' list took ~600 ms to find 7,000 agreements. It now reads the
 * documents of its kind from this index and tests each against the matches. At HQ's size, in the
 * app, count and page together: "da nang" 620 -> 123 ms, "hop tac" 580 -> 190 ms, organisations'
 * "to" 710 -> 232 ms; a rare word costs ~10 ms more ("toyota" 73 -> 85 ms), the documents of its
 * kind being read whole.
 */
export const migration026: Migration = {
  version: 26,
  name: '026-search-by-kind',
  up(db) {
    db.exec(`CREATE INDEX search_docs_entity ON search_docs(entity, record_id)`);
  },
};
