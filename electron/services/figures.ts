/**
 * The one computation of a period's figures (definitions: docs/figures.md). The
 * dashboard, the report, its .docx/.xlsx, the CLI and HQ's consolidation all call
 * computeFigures; missionId null counts every mission in the database.
 */
import type { Db } from '../db/open';
import { DUE_SOON_DAYS, roundCents, type Drill, type FigureAgreementRow, type Figure, type Figures, type KeyFigure } from '../../shared/domain/figures';
import { ACTIVITY_KINDS, AGREEMENT_KINDS, AGREEMENT_STATUSES } from '../../shared/domain/enums';
import type { ActivityKind, ActivityStatus, AgreementKind, AgreementStatus } from '../../shared/domain/enums';
import { AppError } from '../../shared/errors';
import { parsePeriod, previousYearPeriod, type Period } from '../../shared/period';
import { PROVINCE_IDS } from '../../shared/reference';
import { dueItems } from './due';
import { localToday } from './partners';
import { activityTallies, linkTallies, type Link } from './tallies';

export interface FigureOptions {
  period: string;
  missionId: string | null;
  /** Day follow-ups are judged against; defaults to today. */
  asOf?: string;
  /** Period-to-date: count only up to this day when the period ends later (FiguresInput.cutOff). */
  cutOff?: string;
}

const TOP_COUNT = 10;
/** One collator for every comparison: localeCompare(…, 'vi') builds one per call (the half-year's figures: 150 → 84 ms median at load 3.4). */
const VIETNAMESE = new Intl.Collator('vi');
const FOLLOWUP_LIST_LIMIT = 100;

/** Counts of one period; computed for the period and for the same period a year earlier. */
interface PeriodCounts {
  byStatus: Record<ActivityStatus, number>;
  byKind: Map<string, number>;
  byMonth: Map<string, number>;
  localityActivities: number;
  byProvince: Map<string, number>;
  businessesSupported: number;
  dealValueUsd: number;
  bySector: Map<string, number>;
  byPartner: Map<string, number>;
  /** The period's agreements counted by SQL: both periods' key figures. */
  signed: { count: number; forLocalities: number; valueUsd: number; byProvince: Map<string, number> };
  /** Each of them: the drills of the period shown (left empty for the year before). */
  agreements: AgreementFact[];
}

interface AgreementFact {
  id: string;
  kind: AgreementKind;
  status: AgreementStatus;
  province_id: string | null;
  sector: string | null;
  foreign_org_id: string | null;
  value_usd: number | null;
}

function add(map: Map<string, number>, key: string, n = 1): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

const LINK_FIGURES = { province: 'byProvince', sector: 'bySector', organisation: 'byPartner' } as const;

/**
 * The period's activities counted from their tallies (services/tallies.ts, migration 018):
 * counting the rows along a covering index took 2.5 s for every mission's half-year over
 * 1,000,000 activities.
 */
function countPeriod(db: Db, period: Period, missionId: string | null, withAgreements: boolean): PeriodCounts {
  const counts: PeriodCounts = {
    byStatus: { planned: 0, done: 0, cancelled: 0 },
    byKind: new Map(),
    byMonth: new Map(),
    localityActivities: 0,
    byProvince: new Map(),
    businessesSupported: 0,
    dealValueUsd: 0,
    bySector: new Map(),
    byPartner: new Map(),
    signed: { count: 0, forLocalities: 0, valueUsd: 0, byProvince: new Map() },
    agreements: [],
  };
  const tallies = activityTallies(period, missionId);
  const groups = db
    .prepare(`SELECT status, kind, month, sum(activities), sum(businesses), total(deals), sum(with_localities) FROM (${tallies.sql}) GROUP BY 1, 2, 3`)
    .raw()
    .all(tallies.params) as [ActivityStatus, string, string, number, number, number, number][];
  let deals = 0;
  for (const [status, kind, month, n, businesses, deal, withLocalities] of groups) {
    counts.byStatus[status] += n;
    if (status !== 'done') continue;
    add(counts.byKind, kind, n);
    add(counts.byMonth, month, n);
    counts.businessesSupported += businesses;
    deals += deal;
    counts.localityActivities += withLocalities;
  }
  for (const [link, figure] of Object.entries(LINK_FIGURES) as [Link, (typeof LINK_FIGURES)[Link]][]) {
    const named = linkTallies(period, missionId, link);
    for (const [key, n] of db.prepare(`SELECT key, sum(activities) FROM (${named.sql}) GROUP BY key`).raw().all(named.params) as [string, number][]) {
      add(counts[figure], key, n);
    }
  }
  counts.dealValueUsd = roundCents(deals);
  const agreements = { start: period.start, end: period.end, mission: missionId };
  const ofMission = missionId === null ? '' : ' AND g.mission_id = @mission';
  // Grouped in SQL: every mission's half-year is ~25,000 agreements, 60–200 ms as rows here.
  const byProvince = db
    .prepare(
      `SELECT g.province_id, count(*), total(g.value_usd) FROM agreements g
       WHERE g.deleted_at IS NULL AND g.signed_date BETWEEN @start AND @end${ofMission} GROUP BY 1`,
    )
    .raw()
    .all(agreements) as [string | null, number, number][];
  let value = 0;
  for (const [provinceId, n, valueUsd] of byProvince) {
    counts.signed.count += n;
    value += valueUsd;
    if (provinceId === null) continue;
    counts.signed.forLocalities += n;
    counts.signed.byProvince.set(provinceId, n);
  }
  counts.signed.valueUsd = roundCents(value);
  if (withAgreements) {
    counts.agreements = db
      .prepare(
        `SELECT g.id, g.kind, g.status, g.province_id, g.sector, g.foreign_org_id, g.value_usd FROM agreements g
         WHERE g.deleted_at IS NULL AND g.signed_date BETWEEN @start AND @end${ofMission} ORDER BY g.signed_date, g.id`,
      )
      .all(agreements) as AgreementFact[];
  }
  return counts;
}

export function compare(value: number, previous: number, drill: Drill): Figure {
  const change = roundCents(value - previous);
  const changePercent = previous === 0 ? null : Math.round((change / previous) * 1000) / 10;
  return { value, previous, change, changePercent, drill };
}

/** Every month of a period as yyyy-MM, in order. */
function monthsOf(period: Period): string[] {
  const months: string[] = [];
  let [y, m] = [Number(period.start.slice(0, 4)), Number(period.start.slice(5, 7))];
  const last = period.end.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > last) return months;
    months.push(month);
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
}

/** The part of a month inside the period, as a range period id for activity.list. */
function monthRange(month: string, period: Period): string {
  const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  const first = `${month}-01`;
  const last = `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
  return `${first > period.start ? first : period.start}..${last < period.end ? last : period.end}`;
}

/** Ids of the items grouped by a key (items whose key is null are left out). */
function idsBy<T extends { id: string }>(items: readonly T[], key: (item: T) => string | null): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const item of items) {
    const k = key(item);
    if (k === null) continue;
    const ids = groups.get(k);
    if (ids) ids.push(item.id);
    else groups.set(k, [item.id]);
  }
  return groups;
}

/**
 * The first count items in this order, as a stable sort then slice would give them, with about
 * one comparison an item: a half-year names thousands of partners, most tied at one activity.
 */
export function firstOf<T>(items: readonly T[], count: number, compare: (a: T, b: T) => number): T[] {
  const first: T[] = [];
  if (count <= 0) return first;
  for (const item of items) {
    if (first.length === count && compare(item, first[count - 1]!) >= 0) continue;
    let at = first.length;
    while (at > 0 && compare(item, first[at - 1]!) < 0) at--;
    first.splice(at, 0, item);
    if (first.length > count) first.pop();
  }
  return first;
}

/**
 * The TOP_COUNT partners with the largest totals, ties by name, leaving out those that are not
 * (or no longer) organisations here: names are looked up total by total from the largest down,
 * only as far as the top reaches. Every mission's half-year at HQ names ~23,000 partners, whose
 * names took 0.3–0.7 s to look up; its top 10 are among the few dozen with three records.
 */
function topNamed(db: Db, partners: readonly { key: string; total: number }[]): { key: string; total: number; name: string }[] {
  const byTotal = new Map<number, string[]>();
  for (const { key, total } of partners) {
    const keys = byTotal.get(total);
    if (keys) keys.push(key);
    else byTotal.set(total, [key]);
  }
  const top: { key: string; total: number; name: string }[] = [];
  for (const total of [...byTotal.keys()].sort((a, b) => b - a)) {
    const ids = byTotal.get(total)!;
    const names = organisationNames(db, ids);
    const named = ids.filter((id) => names.has(id)).map((key) => ({ key, total, name: names.get(key)! }));
    top.push(...firstOf(named, TOP_COUNT - top.length, (a, b) => VIETNAMESE.compare(a.name, b.name)));
    if (top.length === TOP_COUNT) break;
  }
  return top;
}

function byCountThenKey<T extends { key: string; total: number }>(a: T, b: T): number {
  return b.total - a.total || a.key.localeCompare(b.key);
}

/** What "Việc cần làm" lists as overdue and due soon (one reading: due.ts); lists capped, counts exact. */
function followups(db: Db, missionId: string | null, asOf: string): Figures['followups'] {
  const items = dueItems(db, { today: asOf, withinDays: DUE_SOON_DAYS, missionId });
  const overdue = items.filter((i) => i.overdue);
  const dueSoon = items.filter((i) => !i.overdue);
  return {
    overdue: overdue.slice(0, FOLLOWUP_LIST_LIMIT),
    overdueCount: overdue.length,
    dueSoon: dueSoon.slice(0, FOLLOWUP_LIST_LIMIT),
    dueSoonCount: dueSoon.length,
  };
}

/**
 * The days counted: the whole period, or its start to the cut-off when the period ends later
 * (an unfinished half-year compared with the same days a year earlier, not with a whole one).
 */
function countedPeriod(period: Period, cutOff: string | undefined): Period {
  if (!cutOff || cutOff < period.start || cutOff >= period.end) return period;
  return parsePeriod(`${period.start}..${cutOff}`)!;
}

export function computeFigures(db: Db, options: FigureOptions): Figures {
  const period = parsePeriod(options.period);
  if (!period) throw new AppError('VALIDATION', `Not a period: ${options.period}`, { fields: [{ path: 'period', code: 'invalid_period' }] });
  const previousPeriod = previousYearPeriod(period);
  const counted = countedPeriod(period, options.cutOff);
  const previousCounted = counted === period ? previousPeriod : previousYearPeriod(counted);
  const now = countPeriod(db, counted, options.missionId, true);
  const before = countPeriod(db, previousCounted, options.missionId, false);
  const asOf = options.asOf ?? localToday();

  // Drills open the days counted, so that a figure's number is the number of records it opens.
  const activities = (extra: Drill['activities'] = {}): Drill => ({ activities: { period: counted.id, statuses: ['done'], ...extra } });
  const agreementIds = (ids: string[]): Drill => ({ agreementIds: ids });
  const forLocalities = (facts: AgreementFact[]) => facts.filter((g) => g.province_id !== null);
  const distinctProvinces = (c: PeriodCounts) => c.byProvince.size;
  const withValue = (facts: AgreementFact[]) => facts.filter((g) => g.value_usd !== null);

  const key: Record<KeyFigure, Figure> = {
    activitiesDone: compare(now.byStatus.done, before.byStatus.done, activities()),
    localityActivities: compare(now.localityActivities, before.localityActivities, activities({ supportsLocalities: true })),
    provincesSupported: compare(distinctProvinces(now), distinctProvinces(before), activities({ supportsLocalities: true })),
    businessesSupported: compare(now.businessesSupported, before.businessesSupported, activities()),
    dealValueUsd: compare(now.dealValueUsd, before.dealValueUsd, activities()),
    agreementsSigned: compare(now.signed.count, before.signed.count, agreementIds(now.agreements.map((g) => g.id))),
    agreementsForLocalities: compare(now.signed.forLocalities, before.signed.forLocalities, agreementIds(forLocalities(now.agreements).map((g) => g.id))),
    agreementsValueUsd: compare(now.signed.valueUsd, before.signed.valueUsd, agreementIds(withValue(now.agreements).map((g) => g.id))),
    activitiesPlanned: compare(now.byStatus.planned, before.byStatus.planned, { activities: { period: counted.id, statuses: ['planned'] } }),
    activitiesCancelled: compare(now.byStatus.cancelled, before.byStatus.cancelled, { activities: { period: counted.id, statuses: ['cancelled'] } }),
  };

  const agreementsByProvince = idsBy(now.agreements, (g) => g.province_id);
  const provinceIds = new Set([...now.byProvince.keys(), ...agreementsByProvince.keys()]);
  const byProvince = [...provinceIds]
    .map((id) => ({ key: id, total: (now.byProvince.get(id) ?? 0) + (agreementsByProvince.get(id)?.length ?? 0) }))
    .sort(byCountThenKey)
    .map(({ key: provinceId }) => ({
      provinceId,
      activities: now.byProvince.get(provinceId) ?? 0,
      agreements: agreementsByProvince.get(provinceId)?.length ?? 0,
      drill: { ...activities({ province: provinceId }), agreementIds: agreementsByProvince.get(provinceId) ?? [] },
    }));

  const units = PROVINCE_IDS.map((provinceId) => ({
    provinceId,
    activities: now.byProvince.get(provinceId) ?? 0,
    agreements: agreementsByProvince.get(provinceId)?.length ?? 0,
    previousActivities: before.byProvince.get(provinceId) ?? 0,
    previousAgreements: before.signed.byProvince.get(provinceId) ?? 0,
    drill: { ...activities({ province: provinceId }), agreementIds: agreementsByProvince.get(provinceId) ?? [] },
  }));
  const thisPeriod = (u: (typeof units)[number]) => u.activities + u.agreements;
  const lastYear = (u: (typeof units)[number]) => u.previousActivities + u.previousAgreements;
  const coverage: Figures['coverage'] = {
    units: units.length,
    supported: units.filter((u) => thisPeriod(u) > 0).length,
    previousSupported: units.filter((u) => lastYear(u) > 0).length,
    // A unit with nothing in either period says nothing in a comparison: left out. (A stable
    // sort: equal ones keep the reference order.)
    rows: units.filter((u) => thisPeriod(u) + lastYear(u) > 0).sort((a, b) => thisPeriod(b) - thisPeriod(a)),
    notSupported: units.filter((u) => thisPeriod(u) === 0).map((u) => u.provinceId),
  };

  const agreementsBySector = idsBy(now.agreements, (g) => g.sector);
  const sectorIds = new Set([...now.bySector.keys(), ...agreementsBySector.keys()]);
  const topSectors = [...sectorIds]
    .map((id) => ({ key: id, total: (now.bySector.get(id) ?? 0) + (agreementsBySector.get(id)?.length ?? 0) }))
    .sort(byCountThenKey)
    .slice(0, TOP_COUNT)
    .map(({ key: sectorId }) => ({
      sectorId,
      activities: now.bySector.get(sectorId) ?? 0,
      agreements: agreementsBySector.get(sectorId)?.length ?? 0,
      drill: { ...activities({ sector: sectorId }), agreementIds: agreementsBySector.get(sectorId) ?? [] },
    }));

  const agreementsByPartner = idsBy(now.agreements, (g) => g.foreign_org_id);
  const partnerIds = [...new Set([...now.byPartner.keys(), ...agreementsByPartner.keys()])];
  const topPartners = topNamed(
    db,
    partnerIds.map((id) => ({ key: id, total: (now.byPartner.get(id) ?? 0) + (agreementsByPartner.get(id)?.length ?? 0) })),
  ).map(({ key: organisationId, name }) => ({
    organisationId,
    name,
    activities: now.byPartner.get(organisationId) ?? 0,
    agreements: agreementsByPartner.get(organisationId)?.length ?? 0,
    drill: { ...activities({ organisation: organisationId }), agreementIds: agreementsByPartner.get(organisationId) ?? [] },
  }));

  const agreementsByKind = idsBy(now.agreements, (g) => g.kind);
  const agreementsByStatus = idsBy(now.agreements, (g) => g.status);
  const previousMonth = (month: string) => `${Number(month.slice(0, 4)) - 1}${month.slice(4)}`;

  return {
    version: 1,
    period: period.id,
    start: period.start,
    end: period.end,
    previousPeriod: previousPeriod.id,
    missionId: options.missionId,
    cutOff: counted === period ? null : counted.end,
    previousCutOff: counted === period ? null : previousCounted.end,
    asOf,
    computedAt: new Date().toISOString(),
    key,
    byKind: ACTIVITY_KINDS.map((kind: ActivityKind) => ({
      kind,
      ...compare(now.byKind.get(kind) ?? 0, before.byKind.get(kind) ?? 0, activities({ kinds: [kind] })),
    })),
    byMonth: monthsOf(counted).map((month) => ({
      month,
      ...compare(now.byMonth.get(month) ?? 0, before.byMonth.get(previousMonth(month)) ?? 0, {
        activities: { period: monthRange(month, counted), statuses: ['done'] },
      }),
    })),
    byProvince,
    coverage,
    agreementsByKind: AGREEMENT_KINDS.map((kind) => ({
      kind,
      value: agreementsByKind.get(kind)?.length ?? 0,
      drill: agreementIds(agreementsByKind.get(kind) ?? []),
    })),
    agreementsByStatus: AGREEMENT_STATUSES.map((status) => ({
      status,
      value: agreementsByStatus.get(status)?.length ?? 0,
      drill: agreementIds(agreementsByStatus.get(status) ?? []),
    })),
    topSectors,
    topPartners,
    followups: followups(db, options.missionId, asOf),
  };
}

function organisationNames(db: Db, ids: string[]): Map<string, string> {
  if (ids.length === 0) return new Map();
  const rows = db
    // Looked up id by id: left to itself the planner walked every organisation (bench: figures, ~15 ms).
    .prepare(`SELECT o.id, o.name FROM json_each(?) j CROSS JOIN organisations o ON o.id = j.value WHERE o.deleted_at IS NULL`)
    .all(JSON.stringify(ids)) as { id: string; name: string }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The agreements behind an agreement figure, in signing order. */
export function agreementRows(db: Db, ids: readonly string[]): FigureAgreementRow[] {
  if (ids.length === 0) return [];
  return db
    .prepare(
      `SELECT g.id, g.title, g.kind, g.status, g.signed_date AS signedDate, g.province_id AS provinceId, o.name AS partner, g.value_usd AS valueUsd
       FROM agreements g LEFT JOIN organisations o ON o.id = g.foreign_org_id
       WHERE g.id IN (SELECT value FROM json_each(?)) ORDER BY g.signed_date, g.title`,
    )
    .all(JSON.stringify(ids)) as FigureAgreementRow[];
}
