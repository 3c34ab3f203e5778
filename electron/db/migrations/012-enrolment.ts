import type { Migration } from './index';

/**
 * Devices over time: the invitations a head issued (only the token's hash is kept), and the age
 * identities HQ retired when it rotated its key (kept to read batches still sent to them).
 */
export const migration012: Migration = {
  version: 12,
  name: '012-enrolment',
  up(db) {
    db.exec(`
      CREATE TABLE invitations (
        token_sha256 TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        used_by TEXT,
        used_at TEXT
      ) STRICT;

      CREATE TABLE retired_keys (
        age_recipient TEXT PRIMARY KEY,
        age_identity TEXT NOT NULL,
        device_id TEXT NOT NULL,
        retired_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
