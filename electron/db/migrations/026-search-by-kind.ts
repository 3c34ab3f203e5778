import type { Migration } from './index';

/**
 * The search documents of one kind of record, for the partner lists' text filter
 * (store/record-table.ts, textFilter). It read every document the words match, of any kind, by
 * rowid for its kind: at HQ's size a word as common as "da nang" matches hundreds of thousands of
 * activities, and the agreements' list took ~600 ms to find 7,000 agreements. It now reads the
 * documents of its kind from this index and tests each against the matches (hand-timed on HQ's
 * bench dataset: "da nang" 610 -> 210 ms, "hop tac" 550 -> 240 ms, "toyota" 170 -> 110 ms, count and
 * page together).
 */
export const migration026: Migration = {
  version: 26,
  name: '026-search-by-kind',
  up(db) {
    db.exec(`CREATE INDEX search_docs_entity ON search_docs(entity, record_id)`);
  },
};
