/**
 * The activities of a period as the figures count them (migration 018): whole months from the
 * tallies the writes keep, the days at either end that do not make a whole month from the rows,
 * in the same shape. A half-year of every mission at HQ is ~20,000 tally rows instead of
 * ~250,000 activities.
 */
import type { Period } from '../../shared/period';
import { LINK_COLUMNS } from '../store/activity-tallies';

export type Link = keyof typeof LINK_COLUMNS;

/** A subquery and its parameters, for the caller to sum as it needs (in SQL: a half-year of every mission is ~15,000 tally rows at HQ). */
export interface Tallies {
  sql: string;
  params: Record<string, string | null>;
}

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

/** Whole months from the tallies, the other days from the rows, as one UNION ALL (both SELECTs end in a WHERE clause). */
function tallies(period: Period, missionId: string | null, fromMonths: string, fromDays: string): Tallies {
  const { months, days } = periodParts(period);
  const mission = missionId === null ? '' : ' AND mission_id = @mission';
  const parts = months ? [`${fromMonths} AND month BETWEEN @from AND @to${mission}`] : [];
  const params: Tallies['params'] = { mission: missionId, from: months?.from ?? null, to: months?.to ?? null };
  days.forEach((range, i) => {
    parts.push(`${fromDays} AND start_date BETWEEN @start${i} AND @end${i}${mission}`);
    Object.assign(params, { [`start${i}`]: range.start, [`end${i}`]: range.end });
  });
  return { sql: parts.join(' UNION ALL '), params };
}

/**
 * The period's live activities as (mission_id, month, kind, status, activities, businesses,
 * deals, deal_cents, with_localities); deal_cents: the deal values rounded to the cent one by
 * one (HQ's money counted once). missionId null: every mission.
 */
export function activityTallies(period: Period, missionId: string | null): Tallies {
  return tallies(
    period,
    missionId,
    `SELECT mission_id, month, kind, status, activities, businesses, deals, deal_cents, with_localities FROM activity_tallies WHERE activities <> 0`,
    `SELECT mission_id, substr(start_date, 1, 7) AS month, kind, status, 1 AS activities, coalesce(businesses_supported, 0) AS businesses,
       coalesce(deal_value_usd, 0) AS deals, coalesce(CAST(round(deal_value_usd * 100) AS INTEGER), 0) AS deal_cents, provinces <> '[]' AS with_localities
     FROM activities WHERE deleted_at IS NULL`,
  );
}

/** The period's done activities naming each locality, sector or partner, as (mission_id, key, activities). */
export function linkTallies(period: Period, missionId: string | null, link: Link): Tallies {
  const t = tallies(
    period,
    missionId,
    // Left at zero when their activities went: not a locality supported.
    `SELECT mission_id, key, activities FROM activity_link_tallies WHERE link = @link AND activities <> 0`,
    `SELECT mission_id, j.value AS key, 1 AS activities FROM activities CROSS JOIN json_each(${LINK_COLUMNS[link]}) j WHERE deleted_at IS NULL AND status = 'done'`,
  );
  return { sql: t.sql, params: { ...t.params, link } };
}
