import type { Migration } from './index';

/**
 * HQ holds ~94 missions' activities; one mission's reads start from an index led by the
 * mission instead of walking the whole period (every mission's rows) and testing each one.
 *
 * activities_mission in the list's order (deleted, date, id, then kind and status tested on the
 * entry) gives a mission's page of a period directly; the figures' columns after it make it
 * cover one mission's figures (activities_figures, migration 003, holds the same columns for
 * all missions). agreements_mission does the same for the agreements of the figures.
 */
export const migration017: Migration = {
  version: 17,
  name: '017-mission-indexes',
  up(db) {
    db.exec(`
      DROP INDEX activities_mission;
      CREATE INDEX activities_mission ON activities(mission_id, deleted_at, start_date, id, kind, status,
        businesses_supported, deal_value_usd, provinces, sectors, organisation_ids);
      CREATE INDEX agreements_mission ON agreements(mission_id, deleted_at, signed_date, id, kind, status,
        province_id, sector, foreign_org_id, value_usd);
    `);
  },
};
