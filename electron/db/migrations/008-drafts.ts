import type { Migration } from './index';

/**
 * What a person has typed but not saved (a new activity, a report's narrative...), kept in the
 * encrypted database rather than in browser storage, so it is as safe as the records and
 * unreadable while the app is locked. Device-local and per user: not in the change log.
 */
export const migration008: Migration = {
  version: 8,
  name: '008-drafts',
  up(db) {
    db.exec(`
      CREATE TABLE drafts (
        user_name TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (user_name, key)
      ) STRICT;
    `);
  },
};
