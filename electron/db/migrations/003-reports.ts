import type { Migration } from './index';

/**
 * Reports (báo cáo): the narrative and header of a period's report. The figures are
 * computed live for a draft and frozen into `figures` (JSON) when the report is final.
 * Also a covering index for the figures' one pass over a period's activities
 * (electron/services/figures.ts): it reads the index alone, never the wide rows.
 */
export const migration003: Migration = {
  version: 3,
  name: '003-reports',
  up(db) {
    db.exec(`
      CREATE TABLE reports (
        id TEXT PRIMARY KEY,
        mission_id TEXT NOT NULL,
        period TEXT NOT NULL,
        number TEXT NOT NULL DEFAULT '',
        place TEXT NOT NULL DEFAULT '',
        report_date TEXT,
        signer_name TEXT NOT NULL DEFAULT '',
        signer_title TEXT NOT NULL DEFAULT '',
        recipients TEXT NOT NULL DEFAULT '[]',
        sections TEXT NOT NULL DEFAULT '{}',
        status TEXT NOT NULL DEFAULT 'draft',
        figures TEXT,
        finalised_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        updated_by TEXT NOT NULL,
        device_id TEXT NOT NULL,
        deleted_at TEXT
      ) STRICT;
      CREATE INDEX reports_period ON reports(deleted_at, mission_id, period);

      CREATE INDEX activities_figures ON activities(deleted_at, start_date, status, kind, mission_id,
        businesses_supported, deal_value_usd, provinces, sectors, organisation_ids);
    `);
  },
};
