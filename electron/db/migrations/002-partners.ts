import type { Migration } from './index';

const META = `
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        updated_by TEXT NOT NULL,
        device_id TEXT NOT NULL,
        deleted_at TEXT`;

/**
 * Organisations (đối tác), their contact people, agreements (thỏa thuận) with their dated
 * implementation log, and follow-ups (việc cần làm). Activities link organisations through
 * their organisation_ids JSON column (read with instr/json_each); no link table is needed.
 */
export const migration002: Migration = {
  version: 2,
  name: '002-partners',
  up(db) {
    db.exec(`
      CREATE TABLE organisations (
        id TEXT PRIMARY KEY,
        mission_id TEXT NOT NULL,
        name TEXT NOT NULL,
        -- foldText(name): duplicate detection (with country) and sorting without diacritics.
        name_folded TEXT NOT NULL,
        kind TEXT NOT NULL,
        country TEXT,
        sectors TEXT NOT NULL DEFAULT '[]',
        website TEXT NOT NULL DEFAULT '',
        address TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',${META}
      ) STRICT;
      CREATE INDEX organisations_name ON organisations(deleted_at, name_folded);
      CREATE INDEX organisations_match ON organisations(name_folded, country);

      CREATE TABLE contacts (
        id TEXT PRIMARY KEY,
        mission_id TEXT NOT NULL,
        organisation_id TEXT,
        name TEXT NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        email TEXT NOT NULL DEFAULT '',
        phone TEXT NOT NULL DEFAULT '',
        language TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',${META}
      ) STRICT;
      CREATE INDEX contacts_organisation ON contacts(organisation_id, deleted_at);
      CREATE INDEX contacts_email ON contacts(email COLLATE NOCASE);

      CREATE TABLE agreements (
        id TEXT PRIMARY KEY,
        mission_id TEXT NOT NULL,
        title TEXT NOT NULL,
        kind TEXT NOT NULL,
        signed_date TEXT,
        vn_party TEXT NOT NULL DEFAULT '',
        province_id TEXT,
        foreign_org_id TEXT,
        value_usd REAL,
        sector TEXT,
        activity_id TEXT,
        status TEXT NOT NULL,
        next_review_date TEXT,
        notes TEXT NOT NULL DEFAULT '',${META}
      ) STRICT;
      CREATE INDEX agreements_signed ON agreements(deleted_at, signed_date);
      CREATE INDEX agreements_review ON agreements(deleted_at, status, next_review_date);
      CREATE INDEX agreements_org ON agreements(foreign_org_id);
      CREATE INDEX agreements_activity ON agreements(activity_id);

      CREATE TABLE agreement_log (
        id TEXT PRIMARY KEY,
        mission_id TEXT NOT NULL,
        agreement_id TEXT NOT NULL,
        entry_date TEXT NOT NULL,
        text TEXT NOT NULL,${META}
      ) STRICT;
      CREATE INDEX agreement_log_agreement ON agreement_log(agreement_id, entry_date);

      CREATE TABLE followups (
        id TEXT PRIMARY KEY,
        mission_id TEXT NOT NULL,
        title TEXT NOT NULL,
        due_date TEXT NOT NULL,
        owner TEXT NOT NULL DEFAULT '',
        -- The record it is about (entity name from ENTITIES + id), or none.
        entity TEXT,
        record_id TEXT,
        done_at TEXT,
        notes TEXT NOT NULL DEFAULT '',${META}
      ) STRICT;
      CREATE INDEX followups_due ON followups(deleted_at, done_at, due_date);
      CREATE INDEX followups_record ON followups(record_id);
    `);
  },
};
