import type { Migration } from './index';

/**
 * A locality or sector that names few activities is listed from its link rows: each names an
 * activity by id, and the page needs that activity's filter and sort columns. Through the id's
 * own index (the UNIQUE constraint's) every one of them read its row from the table: ~1,950
 * rows of one locality, 'done', by title took 4.1 ms warm, 2.3 ms with the columns on the
 * index entry (npm run bench, list). This index carries every column the list filters on or
 * sorts by, so such a page reads the table only for its own 200 rows.
 */
export const migration019: Migration = {
  version: 19,
  name: '019-activity-lookup',
  up(db) {
    db.exec(`CREATE INDEX activities_lookup ON activities(id, deleted_at, start_date, kind, status, title, deal_value_usd, updated_at)`);
  },
};
