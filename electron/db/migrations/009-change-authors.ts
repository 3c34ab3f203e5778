import type { Migration } from './index';

/**
 * Staff authorship that HQ can verify: every change line carries its author device's Ed25519
 * signature (kept so the line can be relayed unchanged), and the receiver keeps the device keys
 * that a trusted sender certified for its mission, first key wins, so a later batch cannot swap
 * the key of a device it relays.
 */
export const migration009: Migration = {
  version: 9,
  name: '009-change-authors',
  up(db) {
    db.exec(`
      ALTER TABLE changes ADD COLUMN sig TEXT;

      CREATE TABLE device_certificates (
        device_id TEXT PRIMARY KEY,
        public_key TEXT NOT NULL,
        mission_code TEXT NOT NULL,
        certified_by TEXT NOT NULL,
        first_seen TEXT NOT NULL
      ) STRICT;
    `);
  },
};
