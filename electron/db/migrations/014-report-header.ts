import type { Migration } from './index';

/**
 * The header a report was signed under (governing body and mission name, JSON), frozen when
 * it is finalised: renaming the mission later changes later reports, not the ones signed.
 */
export const migration014: Migration = {
  version: 14,
  name: '014-report-header',
  up(db) {
    db.exec(`ALTER TABLE reports ADD COLUMN header TEXT`);
  },
};
