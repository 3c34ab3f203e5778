/**
 * HQ's consolidated figures: the figures service over every mission (missionId null), then
 * each mission on its own and the regions as sums of their missions, so every number keeps
 * the definitions of a mission's dashboard (docs/figures.md). Money is rounded to the cent at
 * every level, and a deal or agreement reported by several missions is counted once.
 */
import type { Db } from '../db/open';
import { KEY_FIGURES, roundCents, type KeyFigure } from '../../shared/domain/figures';
import type { ConsolidatedFigures, KeyValues, SharedRecord } from '../../shared/contract/hq';
import type { ActivityStatus, MissionKind } from '../../shared/domain/enums';
import { parsePeriod, type Period } from '../../shared/period';
import { REGION_IDS, regionOfMission } from '../../shared/regions';
import { foldText } from '../../shared/text';
import { compare, computeFigures } from './figures';
import { activityTallies, linkTallies, type Tallies } from './tallies';

/** Distinct localities do not add up across missions. */
const NOT_ADDITIVE: ReadonlySet<KeyFigure> = new Set(['provincesSupported']);
/** The money figures whose records may be reported by several missions (counted once at HQ). */
const SHARED_FIGURES = { dealValueUsd: 'activity', agreementsValueUsd: 'agreement' } as const;

interface MissionRow {
  id: string;
  code: string;
  name_vi: string;
  name_en: string;
  kind: MissionKind;
  country: string;
}

type MoneyEntity = 'activity' | 'agreement';

/** An amount that may be the same deal as another mission's: with its record, and the key that says so. */
interface TitledFact {
  entity: MoneyEntity;
  missionId: string;
  date: string;
  cents: number;
  recordId: string;
  title: string;
  key: string;
}

/** One entity's money of a period, ready to be counted once over any set of missions. */
interface Money {
  /** Per mission, the cents of amounts no other mission reported on the same date: nothing to count twice there. */
  alone: Map<string, number>;
  /** Per "same deal" key (several missions reported that date and amount), cents per mission. */
  deals: Map<string, number>[];
}

/**
 * Same deal: identical folded title (diacritics, case and spacing ignored), date and amount
 * to the cent. Titles are typed independently at each mission, so nothing looser is safe:
 * two trade fairs on the same day with the same value but different names stay two deals.
 */
function dealKey(title: string, date: string, cents: number): string {
  return `${foldText(title).replace(/\s+/g, ' ').trim()}\u0000${date}\u0000${cents}`;
}

/** Live amounts above zero (the rows of activities_deal_days, migration 018). */
const DEAL = `deleted_at IS NULL AND status = 'done' AND deal_value_usd > 0`;
const DEAL_CENTS = 'CAST(round(deal_value_usd * 100) AS INTEGER)';

const MONEY_SQL: Record<MoneyEntity, { totals: (period: Period) => Tallies; shared: string }> = {
  activity: {
    totals: (period) => {
      const t = activityTallies(period, null);
      return { sql: `SELECT mission_id, sum(deal_cents) FROM (${t.sql}) WHERE status = 'done' GROUP BY 1`, params: t.params };
    },
    // Along activities_deal_days (day, cents, mission): the days and amounts of more than one
    // mission, then their records; each mission's total comes from the tallies.
    shared: `WITH same (day, cents) AS (SELECT start_date, ${DEAL_CENTS} FROM activities INDEXED BY activities_deal_days WHERE ${DEAL} AND start_date BETWEEN @start AND @end
               GROUP BY 1, 2 HAVING min(mission_id) <> max(mission_id))
             SELECT mission_id, day, cents, id, title FROM same CROSS JOIN activities INDEXED BY activities_deal_days
             WHERE start_date = day AND ${DEAL_CENTS} = cents AND ${DEAL}`,
  },
  agreement: {
    totals: (period) => ({
      sql: `SELECT mission_id, sum(CAST(round(value_usd * 100) AS INTEGER)) FROM agreements
            WHERE deleted_at IS NULL AND value_usd > 0 AND signed_date BETWEEN @start AND @end GROUP BY mission_id`,
      params: { start: period.start, end: period.end },
    }),
    shared: `WITH facts AS (SELECT mission_id, signed_date, CAST(round(value_usd * 100) AS INTEGER) AS cents, id, title FROM agreements
               WHERE deleted_at IS NULL AND value_usd > 0 AND signed_date BETWEEN @start AND @end)
             SELECT mission_id, signed_date, cents, id, title FROM facts WHERE (signed_date, cents) IN
               (SELECT signed_date, cents FROM facts GROUP BY 1, 2 HAVING min(mission_id) <> max(mission_id))`,
  },
};

/**
 * An entity's money of a period. Reading every amount (~80,000 a half-year at HQ's size) cost
 * more than the rest of the consolidation; two amounts can be the same deal only if they share
 * date and cents, so only those reported by more than one mission are read, titled and keyed,
 * and the rest of a mission's money is its total less those.
 */
function moneyOf(db: Db, period: Period, entity: MoneyEntity): { money: Money; titled: TitledFact[] } {
  const p = { start: period.start, end: period.end };
  const sql = MONEY_SQL[entity];
  const totals = sql.totals(period);
  const alone = new Map(db.prepare(totals.sql).raw().all(totals.params) as [string, number][]);
  const titled = (db.prepare(sql.shared).raw().all(p) as [string, string, number, string, string][]).map(
    ([missionId, date, cents, recordId, title]): TitledFact => ({
      entity,
      missionId,
      date,
      cents,
      recordId,
      title,
      key: `${entity}\u0000${dealKey(title, date, cents)}`,
    }),
  );
  const perDeal = new Map<string, Map<string, number>>();
  for (const f of titled) {
    alone.set(f.missionId, alone.get(f.missionId)! - f.cents);
    const byMission = perDeal.get(f.key) ?? new Map<string, number>();
    byMission.set(f.missionId, (byMission.get(f.missionId) ?? 0) + f.cents);
    perDeal.set(f.key, byMission);
  }
  return { money: { alone, deals: [...perDeal.values()] }, titled };
}

/**
 * The amount over a set of missions (default all) with each deal counted once: per deal, the
 * largest amount any one mission reported for it (a mission's own repeated records are its
 * own business and count as it counts them).
 */
function countedOnce(money: Money, missions?: ReadonlySet<string>): number {
  let cents = 0;
  for (const [missionId, c] of money.alone) if (!missions || missions.has(missionId)) cents += c;
  for (const byMission of money.deals) {
    let most = 0;
    for (const [missionId, c] of byMission) if ((!missions || missions.has(missionId)) && c > most) most = c;
    cents += most;
  }
  return roundCents(cents / 100);
}

/** Deals and agreements that more than one mission reported this period, with who reported them. */
function sharedRecords(facts: readonly TitledFact[], codeOf: (missionId: string) => string): SharedRecord[] {
  const groups = new Map<string, TitledFact[]>();
  for (const f of facts) groups.set(f.key, [...(groups.get(f.key) ?? []), f]);
  return [...groups.values()]
    .filter((group) => new Set(group.map((f) => f.missionId)).size > 1)
    .map((group) => ({
      entity: group[0]!.entity,
      title: group[0]!.title,
      date: group[0]!.date,
      valueUsd: group[0]!.cents / 100,
      reportedBy: group.map((f) => ({ missionId: f.missionId, code: codeOf(f.missionId), recordId: f.recordId })).sort((a, b) => a.code.localeCompare(b.code)),
    }))
    .sort((a, b) => a.date.localeCompare(b.date) || a.title.localeCompare(b.title, 'vi'));
}

/**
 * The key figures of one period for every mission at once, as computeFigures counts them for
 * one mission (docs/figures.md; test/unit/hq-figures.test.ts holds the two to the same
 * numbers): the activities from the tallies (services/tallies.ts) by mission, the agreements
 * grouped by mission in SQL. Asking computeFigures mission by mission read the period 94 times
 * (bench, hq-consolidated: 3.6 s at 100,000 activities).
 */
function keyTallies(db: Db, period: Period): Map<string, Record<KeyFigure, number>> {
  const p = { start: period.start, end: period.end };
  const tallies = new Map<string, Record<KeyFigure, number>>();
  const of = (missionId: string) => {
    let tally = tallies.get(missionId);
    if (!tally) tallies.set(missionId, (tally = Object.fromEntries(KEY_FIGURES.map((k) => [k, 0])) as Record<KeyFigure, number>));
    return tally;
  };
  const activities = activityTallies(period, null);
  const byStatus = db
    .prepare(`SELECT mission_id, status, sum(activities), sum(with_localities), sum(businesses), total(deals) FROM (${activities.sql}) GROUP BY 1, 2`)
    .raw()
    .all(activities.params) as [string, ActivityStatus, number, number, number, number][];
  for (const [missionId, status, n, localities, businesses, deals] of byStatus) {
    const tally = of(missionId);
    if (status === 'planned') tally.activitiesPlanned = n;
    if (status === 'cancelled') tally.activitiesCancelled = n;
    if (status !== 'done') continue;
    Object.assign(tally, { activitiesDone: n, localityActivities: localities, businessesSupported: businesses, dealValueUsd: roundCents(deals) });
  }
  const provinces = linkTallies(period, null, 'province');
  for (const [missionId, distinct] of db.prepare(`SELECT mission_id, count(DISTINCT key) FROM (${provinces.sql}) GROUP BY 1`).raw().all(provinces.params) as [
    string,
    number,
  ][]) {
    of(missionId).provincesSupported = distinct;
  }
  const agreements = db
    .prepare(
      `SELECT g.mission_id, count(*), count(g.province_id), total(g.value_usd) FROM agreements g
       WHERE g.deleted_at IS NULL AND g.signed_date BETWEEN @start AND @end GROUP BY g.mission_id`,
    )
    .raw()
    .all(p) as [string, number, number, number][];
  for (const [missionId, signed, forLocalities, value] of agreements) {
    Object.assign(of(missionId), { agreementsSigned: signed, agreementsForLocalities: forLocalities, agreementsValueUsd: roundCents(value) });
  }
  return tallies;
}

/** Each mission's key values: this period and the same period a year before. */
export function keysByMission(db: Db, period: Period, previous: Period): (missionId: string) => KeyValues {
  const now = keyTallies(db, period);
  const before = keyTallies(db, previous);
  return (missionId) =>
    Object.fromEntries(KEY_FIGURES.map((k) => [k, { value: now.get(missionId)?.[k] ?? 0, previous: before.get(missionId)?.[k] ?? 0 }])) as KeyValues;
}

/** `ownMissionId`: this computer's own (HQ's) mission, not one of those it consolidates; `asOf`: the day read (default today), fixed by tests. */
export function consolidatedFigures(db: Db, period: string, ownMissionId: string | null, asOf?: string): ConsolidatedFigures {
  const total = computeFigures(db, { period, missionId: null, asOf });
  const money = (p: Period, entity: MoneyEntity) => moneyOf(db, p, entity);
  const current = parsePeriod(period)!;
  const previous = parsePeriod(total.previousPeriod)!;
  const now = { activity: money(current, 'activity'), agreement: money(current, 'agreement') };
  const before = { activity: money(previous, 'activity'), agreement: money(previous, 'agreement') };
  for (const [k, entity] of Object.entries(SHARED_FIGURES) as [KeyFigure, MoneyEntity][]) {
    total.key[k] = compare(countedOnce(now[entity].money), countedOnce(before[entity].money), total.key[k].drill);
  }
  const missions = db
    .prepare(`SELECT id, code, name_vi, name_en, kind, country FROM missions WHERE id IS NOT ? AND deleted_at IS NULL ORDER BY code`)
    .all(ownMissionId) as MissionRow[];
  const keys = keysByMission(db, current, previous);
  const byMission = missions.map((m) => ({
    missionId: m.id,
    code: m.code,
    nameVi: m.name_vi,
    nameEn: m.name_en,
    kind: m.kind,
    country: m.country,
    region: regionOfMission(m.kind, m.country),
    key: keys(m.id),
  }));
  const byRegion = REGION_IDS.map((region) => {
    const members = byMission.filter((m) => m.region === region);
    const ids = new Set(members.map((m) => m.missionId));
    const key: Partial<KeyValues> = {};
    for (const k of KEY_FIGURES) {
      if (NOT_ADDITIVE.has(k)) continue;
      const sum = (pick: (v: { value: number; previous: number }) => number) => roundCents(members.reduce((s, m) => s + pick(m.key[k]), 0));
      const entity = SHARED_FIGURES[k as keyof typeof SHARED_FIGURES];
      key[k] = entity
        ? { value: countedOnce(now[entity].money, ids), previous: countedOnce(before[entity].money, ids) }
        : { value: sum((v) => v.value), previous: sum((v) => v.previous) };
    }
    return { region, missions: members.length, key };
  }).filter((r) => r.missions > 0);
  const codes = new Map(db.prepare(`SELECT id, code FROM missions`).raw().all() as [string, string][]);
  const codeOf = (id: string) => codes.get(id) ?? id;
  return {
    period,
    previousPeriod: total.previousPeriod,
    total,
    byMission,
    byRegion,
    shared: sharedRecords([...now.activity.titled, ...now.agreement.titled], codeOf),
  };
}
