import { foldStatements, LINK_COLUMNS, TALLY_PAUSE_TABLE } from '../../store/activity-tallies';
import type { Migration } from './index';

/**
 * The figures' counts of activities kept per mission and month (issue 17: HQ's half-year over
 * 1,000,000 activities counted ~250,000 rows twice, 2.5 s for every mission's figures).
 *
 * activity_tallies: per mission, month, kind and status, the live activities, the businesses
 * supported, the deal value (as summed, and as whole cents per activity for HQ's counted-once
 * money) and those naming a locality. activity_link_tallies: per mission and month, the done
 * activities naming each locality, sector and partner (as many times as named, as the figures
 * count them). Triggers keep both in step with every write to activities (the stores, imports,
 * restores) in the write's own transaction; this migration counts them once from the rows.
 *
 * activities_deal_days: the deals by day and amount in cents, for HQ's money counted once
 * (services/hq-figures.ts), which only needs the amounts more than one mission reported on a day.
 * It covers its own WHERE and the amount: without them each of a half-year's ~80,000 entries
 * read its row (550 ms instead of 30 ms at 1,000,000 activities).
 */

/** SQL adding (sign 1) or taking away (sign -1) the tallies of one activity row (NEW or OLD). */
function tally(row: 'NEW' | 'OLD', sign: 1 | -1): string {
  const month = `substr(${row}.start_date, 1, 7)`;
  const counts = `${sign}, ${sign} * coalesce(${row}.businesses_supported, 0), ${sign} * coalesce(${row}.deal_value_usd, 0),
    ${sign} * coalesce(CAST(round(${row}.deal_value_usd * 100) AS INTEGER), 0), ${sign} * (${row}.provinces <> '[]')`;
  const links = Object.entries(LINK_COLUMNS).map(
    ([link, column]) => `
      INSERT INTO activity_link_tallies (link, month, mission_id, key, activities)
      SELECT '${link}', ${month}, ${row}.mission_id, j.value, ${sign} FROM json_each(${row}.${column}) j
      WHERE ${row}.deleted_at IS NULL AND ${row}.status = 'done'
      ON CONFLICT DO UPDATE SET activities = activities + excluded.activities;`,
  );
  return `
      INSERT INTO activity_tallies (month, mission_id, kind, status, activities, businesses, deals, deal_cents, with_localities)
      SELECT ${month}, ${row}.mission_id, ${row}.kind, ${row}.status, ${counts} WHERE ${row}.deleted_at IS NULL
      ON CONFLICT DO UPDATE SET activities = activities + excluded.activities, businesses = businesses + excluded.businesses,
        deals = deals + excluded.deals, deal_cents = deal_cents + excluded.deal_cents, with_localities = with_localities + excluded.with_localities;${links.join('')}`;
}

/** The triggers keep the tallies unless a batch paused them to add its rows at its end. */
const LIVE = `NOT EXISTS (SELECT 1 FROM ${TALLY_PAUSE_TABLE})`;

const COUNTED = [
  'mission_id',
  'start_date',
  'kind',
  'status',
  'businesses_supported',
  'deal_value_usd',
  'provinces',
  'sectors',
  'organisation_ids',
  'deleted_at',
];

export const migration018: Migration = {
  version: 18,
  name: '018-activity-tallies',
  up(db) {
    db.exec(`
      CREATE TABLE activity_tallies (
        month TEXT NOT NULL,
        mission_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        status TEXT NOT NULL,
        activities INTEGER NOT NULL,
        businesses INTEGER NOT NULL,
        deals REAL NOT NULL,
        deal_cents INTEGER NOT NULL,
        with_localities INTEGER NOT NULL,
        PRIMARY KEY (month, mission_id, kind, status)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE activity_link_tallies (
        link TEXT NOT NULL,
        month TEXT NOT NULL,
        mission_id TEXT NOT NULL,
        key TEXT NOT NULL,
        activities INTEGER NOT NULL,
        PRIMARY KEY (link, month, mission_id, key)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE ${TALLY_PAUSE_TABLE} (paused INTEGER PRIMARY KEY) STRICT;
      CREATE INDEX activities_deal_days ON activities(start_date, CAST(round(deal_value_usd * 100) AS INTEGER), mission_id, deal_value_usd, status, deleted_at)
        WHERE deleted_at IS NULL AND status = 'done' AND deal_value_usd > 0;

      CREATE TRIGGER activity_tallies_insert AFTER INSERT ON activities WHEN ${LIVE} BEGIN${tally('NEW', 1)}
      END;
      CREATE TRIGGER activity_tallies_update AFTER UPDATE ON activities
      WHEN ${LIVE} AND (${COUNTED.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ')}) BEGIN${tally('OLD', -1)}${tally('NEW', 1)}
      END;
      CREATE TRIGGER activity_tallies_delete AFTER DELETE ON activities WHEN ${LIVE} BEGIN${tally('OLD', -1)}
      END;
    `);
    // Counted once from the rows, as a batch of new activities is (store/activity-tallies.ts).
    for (const sql of foldStatements()) db.prepare(sql).run({ after: 0 });
  },
};
