import type { Migration } from './index';

/**
 * HQ's register of the missions it expects batches from (seeded from
 * resources/reference/missions.json on first use, then edited at HQ). HQ's own
 * administration, keyed by the mission code devices are set up with: not in the change log.
 */
export const migration010: Migration = {
  version: 10,
  name: '010-mission-register',
  up(db) {
    db.exec(`
      CREATE TABLE mission_register (
        code TEXT PRIMARY KEY,
        name_vi TEXT NOT NULL,
        name_en TEXT NOT NULL,
        kind TEXT NOT NULL,
        country TEXT NOT NULL,
        city TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
