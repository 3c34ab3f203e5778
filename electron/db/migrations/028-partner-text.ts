import type { Entity } from '../../../shared/domain/enums';
import type { Migration } from './index';

/** Settings key: the partner kinds' text indexes (028) are filled from their records by the next open (AppContext). */
export const PARTNER_TEXT_PENDING = 'search.partnerTextPending';

/** Each partner kind's own text index and the table whose rowids key it. */
export const KIND_TEXT: Partial<Record<Entity, { table: string; index: string }>> = {
  organisation: { table: 'organisations', index: 'organisation_fts' },
  contact: { table: 'contacts', index: 'contact_fts' },
  agreement: { table: 'agreements', index: 'agreement_fts' },
  followup: { table: 'followups', index: 'followup_fts' },
};

/**
 * A text index per partner kind, keyed by its table's rowid, for the lists' text filter
 * (store/record-table.ts, textFilter). Matched in search_fts, which holds every kind, a word
 * read the documents of every kind: at HQ's size (1,000,000 activities beside 200,000
 * organisations) "toyota" took 75 ms and "a" 410 ms for the organisations' page and total. The
 * same text as search_fts's, filled from the records by the next open; until then the lists
 * match in search_fts as before.
 */
export const migration028: Migration = {
  version: 28,
  name: '028-partner-text',
  up(db) {
    for (const { index } of Object.values(KIND_TEXT))
      db.exec(`CREATE VIRTUAL TABLE ${index} USING fts5(
        text,
        content = '', contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 0',
        prefix = '1 2 3 4 5 6'
      )`);
    // A new database has nothing to fill.
    if (db.prepare(`SELECT EXISTS (SELECT 1 FROM search_docs WHERE entity <> 'activity')`).pluck().get() === 1)
      db.prepare(`INSERT INTO settings (key, value) VALUES (?, 'true') ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(PARTNER_TEXT_PENDING);
  },
};
