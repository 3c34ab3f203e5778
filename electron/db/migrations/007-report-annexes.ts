import type { Migration } from './index';

/**
 * The rows behind a final report's annex, read in the transaction that froze its figures, so
 * the annex downloaded later lists what was counted then (not the records as edited since).
 * Device-local like a generated file: not in the change log; a final report received through
 * the exchange has none, and its annex is read from the records (services/reports.ts).
 */
export const migration007: Migration = {
  version: 7,
  name: '007-report-annexes',
  up(db) {
    db.exec(`
      CREATE TABLE report_annexes (
        report_id TEXT PRIMARY KEY REFERENCES reports(id) ON DELETE CASCADE,
        rows TEXT NOT NULL
      ) STRICT;
    `);
  },
};
