/**
 * HQ's consolidated figures: the figures service over every mission (missionId null), then
 * each mission on its own and the regions as sums of their missions, so every number keeps
 * the definitions of a mission's dashboard (docs/figures.md). Money is rounded to the cent at
 * every level, and a deal or agreement reported by several missions is counted once.
 */
import ExcelJS from 'exceljs';
import type { AppContext } from '../context';
import type { Db } from '../db/open';
import { KEY_FIGURES, MONEY_FIGURES, roundCents, type KeyFigure } from '../../shared/contract/figures';
import type { ConsolidatedFigures, KeyValues, SharedRecord } from '../../shared/contract/hq';
import type { GeneratedFile } from '../../shared/contract/reports';
import type { MissionKind } from '../../shared/domain/enums';
import { translate } from '../../shared/i18n';
import { parsePeriod, periodLabel, type Period } from '../../shared/period';
import { province } from '../../shared/reference';
import { REGION_IDS, regionName, regionOfMission } from '../../shared/regions';
import { foldText } from '../../shared/text';
import { compare, computeFigures } from './figures';
import { day } from './report-xlsx';

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

/** A money amount as one mission reported it, with the key that makes it "the same deal". */
interface MoneyFact {
  entity: 'activity' | 'agreement';
  recordId: string;
  missionId: string;
  title: string;
  date: string;
  cents: number;
  key: string;
}

/**
 * Same deal: identical folded title (diacritics, case and spacing ignored), date and amount
 * to the cent. Titles are typed independently at each mission, so nothing looser is safe:
 * two trade fairs on the same day with the same value but different names stay two deals.
 */
function dealKey(title: string, date: string, cents: number): string {
  return `${foldText(title).replace(/\s+/g, ' ').trim()}\u0000${date}\u0000${cents}`;
}

function moneyFacts(db: Db, period: Period): MoneyFact[] {
  const p = { start: period.start, end: period.end };
  const activities = db
    .prepare(
      `SELECT 'activity' AS entity, id, mission_id, title, start_date AS date, deal_value_usd AS value FROM activities
       WHERE deleted_at IS NULL AND status = 'done' AND deal_value_usd > 0 AND start_date BETWEEN @start AND @end`,
    )
    .all(p);
  const agreements = db
    .prepare(
      `SELECT 'agreement' AS entity, id, mission_id, title, signed_date AS date, value_usd AS value FROM agreements
       WHERE deleted_at IS NULL AND value_usd > 0 AND signed_date BETWEEN @start AND @end`,
    )
    .all(p);
  return ([...activities, ...agreements] as { entity: MoneyFact['entity']; id: string; mission_id: string; title: string; date: string; value: number }[]).map(
    (r) => {
      const cents = Math.round(r.value * 100);
      return {
        entity: r.entity,
        recordId: r.id,
        missionId: r.mission_id,
        title: r.title,
        date: r.date,
        cents,
        key: `${r.entity}\u0000${dealKey(r.title, r.date, cents)}`,
      };
    },
  );
}

/**
 * The amount of one entity's facts over a set of missions with each deal counted once: per
 * deal, the largest amount any one mission reported for it (a mission's own repeated records
 * are its own business and count as it counts them).
 */
function countedOnce(facts: readonly MoneyFact[], entity: MoneyFact['entity'], missions?: ReadonlySet<string>): number {
  const perDeal = new Map<string, Map<string, number>>();
  for (const f of facts) {
    if (f.entity !== entity || (missions && !missions.has(f.missionId))) continue;
    const byMission = perDeal.get(f.key) ?? new Map<string, number>();
    byMission.set(f.missionId, (byMission.get(f.missionId) ?? 0) + f.cents);
    perDeal.set(f.key, byMission);
  }
  let cents = 0;
  for (const byMission of perDeal.values()) cents += Math.max(...byMission.values());
  return roundCents(cents / 100);
}

/** Deals and agreements that more than one mission reported this period, with who reported them. */
function sharedRecords(facts: readonly MoneyFact[], codeOf: (missionId: string) => string): SharedRecord[] {
  const groups = new Map<string, MoneyFact[]>();
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

/** `ownMissionId`: this computer's own (HQ's) mission, not one of those it consolidates; `asOf`: the day read (default today), fixed by tests. */
export function consolidatedFigures(db: Db, period: string, ownMissionId: string | null, asOf?: string): ConsolidatedFigures {
  const total = computeFigures(db, { period, missionId: null, asOf });
  const now = moneyFacts(db, parsePeriod(period)!);
  const before = moneyFacts(db, parsePeriod(total.previousPeriod)!);
  for (const [k, entity] of Object.entries(SHARED_FIGURES) as [KeyFigure, MoneyFact['entity']][]) {
    total.key[k] = compare(countedOnce(now, entity), countedOnce(before, entity), total.key[k].drill);
  }
  const missions = db
    .prepare(`SELECT id, code, name_vi, name_en, kind, country FROM missions WHERE id IS NOT ? AND deleted_at IS NULL ORDER BY code`)
    .all(ownMissionId) as MissionRow[];
  const byMission = missions.map((m) => {
    const f = computeFigures(db, { period, missionId: m.id, asOf: total.asOf });
    const key = Object.fromEntries(KEY_FIGURES.map((k) => [k, { value: f.key[k].value, previous: f.key[k].previous }])) as KeyValues;
    return {
      missionId: m.id,
      code: m.code,
      nameVi: m.name_vi,
      nameEn: m.name_en,
      kind: m.kind,
      country: m.country,
      region: regionOfMission(m.kind, m.country),
      key,
    };
  });
  const byRegion = REGION_IDS.map((region) => {
    const members = byMission.filter((m) => m.region === region);
    const ids = new Set(members.map((m) => m.missionId));
    const key: Partial<KeyValues> = {};
    for (const k of KEY_FIGURES) {
      if (NOT_ADDITIVE.has(k)) continue;
      const sum = (pick: (v: { value: number; previous: number }) => number) => roundCents(members.reduce((s, m) => s + pick(m.key[k]), 0));
      const entity = SHARED_FIGURES[k as keyof typeof SHARED_FIGURES];
      key[k] = entity
        ? { value: countedOnce(now, entity, ids), previous: countedOnce(before, entity, ids) }
        : { value: sum((v) => v.value), previous: sum((v) => v.previous) };
    }
    return { region, missions: members.length, key };
  }).filter((r) => r.missions > 0);
  const codes = new Map(db.prepare(`SELECT id, code FROM missions`).raw().all() as [string, string][]);
  const codeOf = (id: string) => codes.get(id) ?? id;
  return { period, previousPeriod: total.previousPeriod, total, byMission, byRegion, shared: sharedRecords(now, codeOf) };
}

const t = (key: string, params?: Record<string, string | number>) => translate('vi', key, params);

/** The workbook HQ circulates: one sheet per breakdown, Vietnamese headings. */
export async function consolidatedXlsx(app: AppContext, period: string): Promise<GeneratedFile> {
  const c = consolidatedFigures(app.db, period, app.missionId());
  const book = new ExcelJS.Workbook();
  book.creator = 'Cầu Nối';
  const sheet = (name: string, columns: { header: string; width: number; money?: boolean }[], rows: (string | number | null)[][]) => {
    const ws = book.addWorksheet(name);
    ws.columns = columns.map((col) => ({ header: col.header, width: col.width, style: col.money ? { numFmt: '#,##0.00' } : {} }));
    ws.getRow(1).font = { bold: true };
    for (const row of rows) ws.addRow(row);
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  };
  const label = (k: KeyFigure) => t(`figures.${k}`);
  const figureColumns = KEY_FIGURES.map((k) => ({ header: label(k), width: 18, money: MONEY_FIGURES.has(k) }));
  const current = periodLabel(c.period, 'vi');
  const previous = periodLabel(c.previousPeriod, 'vi');
  sheet(
    t('exchange.sheetTotal'),
    [
      { header: t('docx.indicator'), width: 56 },
      { header: current, width: 20 },
      { header: previous, width: 20 },
    ],
    KEY_FIGURES.map((k) => [label(k), c.total.key[k].value, c.total.key[k].previous]),
  );
  sheet(
    t('exchange.sheetMissions'),
    [
      { header: t('exchange.mission'), width: 14 },
      { header: t('exchange.missionName'), width: 44 },
      { header: t('exchange.region'), width: 22 },
      ...figureColumns,
    ],
    c.byMission.map((m) => [m.code, m.nameVi, regionName(m.region), ...KEY_FIGURES.map((k) => m.key[k].value)]),
  );
  sheet(
    t('exchange.sheetRegions'),
    [{ header: t('exchange.region'), width: 26 }, { header: t('exchange.missionCount'), width: 12 }, ...figureColumns],
    c.byRegion.map((r) => [regionName(r.region), r.missions, ...KEY_FIGURES.map((k) => r.key[k]?.value ?? null)]),
  );
  sheet(
    t('exchange.sheetKinds'),
    [
      { header: t('activity.kind'), width: 40 },
      { header: current, width: 20 },
      { header: previous, width: 20 },
    ],
    c.total.byKind.map((k) => [t(`enum.activityKind.${k.kind}`), k.value, k.previous]),
  );
  sheet(
    t('exchange.sheetProvinces'),
    [
      { header: t('activity.provinces'), width: 36 },
      { header: t('figures.activities'), width: 16 },
      { header: t('figures.agreements'), width: 16 },
    ],
    c.total.byProvince.map((p) => [province(p.provinceId)?.name ?? p.provinceId, p.activities, p.agreements]),
  );
  sheet(
    t('exchange.sheetShared'),
    [
      { header: t('exchange.sharedRecord'), width: 16 },
      { header: t('exchange.sharedTitle'), width: 48 },
      { header: t('exchange.sharedDate'), width: 14 },
      { header: t('exchange.sharedValue'), width: 18, money: true },
      { header: t('exchange.sharedBy'), width: 30 },
    ],
    c.shared.map((r) => [t(`exchange.sharedEntity.${r.entity}`), r.title, day(r.date), r.valueUsd, r.reportedBy.map((m) => m.code).join(', ')]),
  );
  const buffer = await book.xlsx.writeBuffer();
  return {
    fileName: `BNG-so-lieu-tong-hop-${c.period}.xlsx`,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: Buffer.from(buffer).toString('base64'),
  };
}
