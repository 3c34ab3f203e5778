import type { Migration } from './index';

/**
 * Devices over time: a device (trusted here, certified by a trusted sender, or known only from a
 * head's revocation) can be revoked, with a reason and a date; its earlier batches keep counting,
 * later ones are refused. One row per revoked device, whichever way it is known: revocations are
 * never undone. `up_to_hlc` is the greatest clock value of the device's lines the revoker held
 * when it revoked (a head's revocation, relayed to HQ): lines up to it were accepted before the
 * revocation and may still be on their way; null for a revocation made here, where only the lines
 * already held count. `source` is null for a decision taken here, else the device that sent it.
 */
export const migration011: Migration = {
  version: 11,
  name: '011-device-revocations',
  up(db) {
    db.exec(`
      CREATE TABLE device_revocations (
        device_id TEXT PRIMARY KEY,
        mission_code TEXT NOT NULL,
        revoked_at TEXT NOT NULL,
        revoked_reason TEXT NOT NULL,
        revoked_by TEXT NOT NULL,
        replaced_by TEXT,
        up_to_hlc TEXT,
        source TEXT
      ) STRICT;
      CREATE INDEX device_revocations_mission ON device_revocations(mission_code);
    `);
  },
};
