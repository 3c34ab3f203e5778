/**
 * The activities of a period as the figures count them (migration 018): whole months from the
 * tallies the writes keep, the days at either end that do not make a whole month from the rows,
 * in the same shape. A half-year of every mission at HQ is ~20,000 tally rows instead of
 * ~250,000 activities.
 */
import type { Db } from '../db/open';
import type { ActivityStatus } from '../../shared/domain/enums';
import type { Period } from '../../shared/period';

/** Live activities of one mission, month, kind and status. */
export interface ActivityTally {
  missionId: string;
  month: string;
  kind: string;
  status: ActivityStatus;
  activities: number;
  businesses: number;
  deals: number;
  /** The deal values rounded to the cent one by one, in cents (HQ's money counted once). */
  dealCents: number;
  withLocalities: number;
}

/** Done activities of one mission naming one locality, sector or partner. */
export interface LinkTally {
  missionId: string;
  key: string;
  activities: number;
}

export type Link = 'province' | 'sector' | 'organisation';

const LINK_COLUMNS: Record<Link, string> = { province: 'provinces', sector: 'sectors', organisation: 'organisation_ids' };

interface Parts {
  /** The whole months inside the period, first and last (yyyy-MM), or null when there is none. */
  months: { from: string; to: string } | null;
  /** The days outside those months. */
  days: { start: string; end: string }[];
}

const monthOf = (date: string) => date.slice(0, 7);

function shiftMonth(month: string, by: 1 | -1): string {
  const date = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1 + by, 1));
  return date.toISOString().slice(0, 7);
}

/** The day before a month's first (yyyy-MM-dd): the last day of the previous month. */
function dayBefore(month: string): string {
  return new Date(Date.parse(`${month}-01T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

export function periodParts(period: Period): Parts {
  const from = period.start.endsWith('-01') ? monthOf(period.start) : shiftMonth(monthOf(period.start), 1);
  const to = dayBefore(shiftMonth(monthOf(period.end), 1)) === period.end ? monthOf(period.end) : shiftMonth(monthOf(period.end), -1);
  if (from > to) return { months: null, days: [{ start: period.start, end: period.end }] };
  const days: Parts['days'] = [];
  if (period.start < `${from}-01`) days.push({ start: period.start, end: dayBefore(from) });
  const after = shiftMonth(to, 1);
  if (period.end >= `${after}-01`) days.push({ start: `${after}-01`, end: period.end });
  return { months: { from, to }, days };
}

/** missionId null: every mission. */
export function activityTallies(db: Db, period: Period, missionId: string | null): ActivityTally[] {
  const { months, days } = periodParts(period);
  const mission = missionId === null ? '' : ' AND mission_id = @mission';
  const rows: unknown[][] = [];
  if (months) {
    rows.push(
      ...(db
        .prepare(
          `SELECT mission_id, month, kind, status, activities, businesses, deals, deal_cents, with_localities FROM activity_tallies
           WHERE month BETWEEN @from AND @to AND activities <> 0${mission}`,
        )
        .raw()
        .all({ ...months, mission: missionId }) as unknown[][]),
    );
  }
  const fromRows = db.prepare(
    `SELECT mission_id, substr(start_date, 1, 7), kind, status, count(*), coalesce(sum(businesses_supported), 0), total(deal_value_usd),
       coalesce(sum(CAST(round(deal_value_usd * 100) AS INTEGER)), 0), sum(provinces <> '[]')
     FROM activities WHERE deleted_at IS NULL AND start_date BETWEEN @start AND @end${mission} GROUP BY 1, 2, 3, 4`,
  );
  for (const range of days) rows.push(...(fromRows.raw().all({ ...range, mission: missionId }) as unknown[][]));
  return (rows as [string, string, string, ActivityStatus, number, number, number, number, number][]).map(
    ([missionId, month, kind, status, activities, businesses, deals, dealCents, withLocalities]) => ({
      missionId,
      month,
      kind,
      status,
      activities,
      businesses,
      deals,
      dealCents,
      withLocalities,
    }),
  );
}

/** Per mission and key, the done activities of the period naming it (a mission and key may come twice: months, then days). */
export function linkTallies(db: Db, period: Period, missionId: string | null, link: Link): LinkTally[] {
  const { months, days } = periodParts(period);
  const rows: [string, string, number][] = [];
  if (months) {
    rows.push(
      ...(db
        .prepare(
          `SELECT mission_id, key, sum(activities) FROM activity_link_tallies
           WHERE link = @link AND month BETWEEN @from AND @to${missionId === null ? '' : ' AND mission_id = @mission'}
           GROUP BY mission_id, key HAVING sum(activities) <> 0`,
        )
        .raw()
        .all({ link, ...months, mission: missionId }) as [string, string, number][]),
    );
  }
  const fromRows = db.prepare(
    `SELECT a.mission_id, j.value, count(*) FROM activities a CROSS JOIN json_each(a.${LINK_COLUMNS[link]}) j
     WHERE a.deleted_at IS NULL AND a.start_date BETWEEN @start AND @end AND a.status = 'done'${missionId === null ? '' : ' AND a.mission_id = @mission'}
     GROUP BY 1, 2`,
  );
  for (const range of days) rows.push(...(fromRows.raw().all({ ...range, mission: missionId }) as [string, string, number][]));
  return rows.map(([missionId, key, activities]) => ({ missionId, key, activities }));
}
