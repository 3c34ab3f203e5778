import type { Migration } from './index';

/** Settings, missions, activities, the field-level change log and the search index. */
export const migration001: Migration = {
  version: 1,
  name: '001-initial',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE missions (
        id TEXT PRIMARY KEY,
        code TEXT NOT NULL,
        name_vi TEXT NOT NULL,
        name_en TEXT NOT NULL,
        kind TEXT NOT NULL,
        country TEXT NOT NULL,
        city TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        updated_by TEXT NOT NULL,
        device_id TEXT NOT NULL,
        deleted_at TEXT
      ) STRICT;
      CREATE UNIQUE INDEX missions_code ON missions(code);

      CREATE TABLE activities (
        id TEXT PRIMARY KEY,
        mission_id TEXT NOT NULL,
        title TEXT NOT NULL,
        kind TEXT NOT NULL,
        format TEXT,
        status TEXT NOT NULL,
        start_date TEXT NOT NULL,
        end_date TEXT,
        country TEXT,
        city TEXT NOT NULL DEFAULT '',
        sectors TEXT NOT NULL DEFAULT '[]',
        provinces TEXT NOT NULL DEFAULT '[]',
        organisation_ids TEXT NOT NULL DEFAULT '[]',
        businesses_supported INTEGER,
        deal_value_usd REAL,
        outcomes TEXT NOT NULL DEFAULT '',
        follow_ups TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        owner TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        updated_by TEXT NOT NULL,
        device_id TEXT NOT NULL,
        deleted_at TEXT
      ) STRICT;
      CREATE INDEX activities_start ON activities(deleted_at, start_date);
      CREATE INDEX activities_kind ON activities(deleted_at, kind, start_date);
      CREATE INDEX activities_status ON activities(deleted_at, status, start_date);
      CREATE INDEX activities_mission ON activities(mission_id, start_date);

      -- Link tables for filtering; the JSON columns above are what is read.
      CREATE TABLE activity_sectors (
        activity_id TEXT NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
        sector_id TEXT NOT NULL,
        PRIMARY KEY (sector_id, activity_id)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE activity_provinces (
        activity_id TEXT NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
        province_id TEXT NOT NULL,
        PRIMARY KEY (province_id, activity_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX activity_sectors_by_activity ON activity_sectors(activity_id);
      CREATE INDEX activity_provinces_by_activity ON activity_provinces(activity_id);

      -- Field-level change log: what exchange batches are made of. Append-only.
      CREATE TABLE changes (
        seq INTEGER PRIMARY KEY,
        hlc TEXT NOT NULL,
        device_id TEXT NOT NULL,
        author TEXT NOT NULL,
        entity TEXT NOT NULL,
        record_id TEXT NOT NULL,
        field TEXT NOT NULL,
        value TEXT,
        origin TEXT NOT NULL DEFAULT 'local'
      ) STRICT;
      CREATE INDEX changes_field ON changes(entity, record_id, field, hlc);

      -- Search: folded text (shared/text.ts) in a contentless FTS5 index; search_docs
      -- maps its rowids to records so one record's entry can be replaced.
      CREATE TABLE search_docs (
        rowid INTEGER PRIMARY KEY,
        entity TEXT NOT NULL,
        record_id TEXT NOT NULL UNIQUE
      ) STRICT;
      CREATE VIRTUAL TABLE search_fts USING fts5(
        title, body,
        content = '', contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 0',
        prefix = '1 2 3'
      );
    `);
  },
};
