import type { Migration } from './index';

/**
 * Exchange batches: this device's keys, the devices it knows (trusted after a person saw the
 * fingerprint), where it sends, what it sent and received, and the conflict log.
 */
export const migration004: Migration = {
  version: 4,
  name: '004-exchange',
  up(db) {
    db.exec(`
      -- The key material lives in the database so that its encryption at rest protects it.
      CREATE TABLE device_keys (
        device_id TEXT PRIMARY KEY,
        public_key TEXT NOT NULL,
        private_key TEXT NOT NULL,
        age_identity TEXT NOT NULL,
        age_recipient TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE devices (
        device_id TEXT PRIMARY KEY,
        public_key TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        mission_code TEXT NOT NULL,
        mission_name TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        trusted_at TEXT,
        trusted_by TEXT
      ) STRICT;
      CREATE INDEX devices_fingerprint ON devices(fingerprint);

      CREATE TABLE receivers (
        id TEXT PRIMARY KEY,
        label TEXT NOT NULL,
        recipient TEXT NOT NULL UNIQUE,
        last_change_seq INTEGER NOT NULL DEFAULT 0,
        last_batch_seq INTEGER NOT NULL DEFAULT 0,
        last_batch_sha256 TEXT,
        last_sent_at TEXT
      ) STRICT;

      CREATE TABLE batches_sent (
        receiver_id TEXT NOT NULL REFERENCES receivers(id),
        seq INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        file_name TEXT NOT NULL,
        change_count INTEGER NOT NULL,
        to_change_seq INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (receiver_id, seq)
      ) STRICT;

      -- One row per batch whose manifest could be read: applied, held (waiting for an
      -- earlier one; the verified container is kept) or refused (with the reason code).
      CREATE TABLE batches_received (
        sha256 TEXT PRIMARY KEY,
        device_id TEXT NOT NULL,
        stream TEXT NOT NULL,
        seq INTEGER NOT NULL,
        prev_sha256 TEXT,
        mission_code TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('applied', 'held', 'refused')),
        reason TEXT,
        change_count INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        received_at TEXT NOT NULL,
        container BLOB
      ) STRICT;
      CREATE INDEX batches_received_stream ON batches_received(device_id, stream, seq);
      CREATE INDEX batches_received_mission ON batches_received(mission_code, status);

      CREATE TABLE conflicts (
        id INTEGER PRIMARY KEY,
        entity TEXT NOT NULL,
        record_id TEXT NOT NULL,
        field TEXT NOT NULL,
        winner_hlc TEXT NOT NULL,
        winner_value TEXT,
        winner_device TEXT NOT NULL,
        winner_author TEXT NOT NULL,
        other_hlc TEXT NOT NULL,
        other_value TEXT,
        other_device TEXT NOT NULL,
        other_author TEXT NOT NULL,
        detected_at TEXT NOT NULL,
        resolved_at TEXT,
        resolution TEXT CHECK (resolution IN ('winner', 'other', 'superseded')),
        resolved_by TEXT
      ) STRICT;
      CREATE UNIQUE INDEX conflicts_open ON conflicts(entity, record_id, field) WHERE resolved_at IS NULL;

      -- What the writer of a received change had seen of that field (the HLC it replaced):
      -- tells concurrent edits from successive ones. Local changes compute it from seq order.
      ALTER TABLE changes ADD COLUMN base TEXT;
    `);
  },
};
