import type { Migration } from './index';

/**
 * Batches stay resendable until acknowledged (docs/exchange-format.md#recovery). A receiver's
 * chain may move to a new stream (after a restore that lost its position), so what was sent is
 * keyed by the manifest's stream; the signed container and the outbox copy are kept until the
 * receiver's acknowledgement lists the batch.
 */
export const migration013: Migration = {
  version: 13,
  name: '013-outbox',
  up(db) {
    db.exec(`
      -- The stream the receiver's batches are written in now; null: its id (the first stream).
      ALTER TABLE receivers ADD COLUMN stream TEXT;

      CREATE TABLE batches_sent_013 (
        receiver_id TEXT NOT NULL REFERENCES receivers(id),
        stream TEXT NOT NULL,
        seq INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        file_name TEXT NOT NULL,
        change_count INTEGER NOT NULL,
        to_change_seq INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        -- The unencrypted signed zip, kept to write the batch again (re-encrypted) until acknowledged.
        container BLOB,
        -- The copy in the data folder's outbox, removed once acknowledged.
        outbox_file TEXT,
        acknowledged_at TEXT,
        PRIMARY KEY (stream, seq)
      ) STRICT;
      INSERT INTO batches_sent_013 (receiver_id, stream, seq, sha256, file_name, change_count, to_change_seq, created_at)
        SELECT receiver_id, receiver_id, seq, sha256, file_name, change_count, to_change_seq, created_at FROM batches_sent;
      DROP TABLE batches_sent;
      ALTER TABLE batches_sent_013 RENAME TO batches_sent;
      CREATE INDEX batches_sent_receiver ON batches_sent(receiver_id, acknowledged_at);
    `);
  },
};
