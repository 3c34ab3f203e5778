/**
 * HQ's consolidated figures: the figures service over every mission (missionId null), then
 * each mission on its own and the regions as sums of their missions, so every number keeps
 * the definitions of a mission's dashboard (docs/figures.md).
 */
import ExcelJS from 'exceljs';
import type { AppContext } from '../context';
import { KEY_FIGURES, type KeyFigure } from '../../shared/contract/figures';
import type { ConsolidatedFigures, KeyValues } from '../../shared/contract/hq';
import type { GeneratedFile } from '../../shared/contract/reports';
import { translate } from '../../shared/i18n';
import { periodLabel } from '../../shared/period';
import { province } from '../../shared/reference';
import { OTHER_REGION, regionOf, REGIONS } from '../../shared/regions';
import { computeFigures } from './figures';

/** Distinct localities do not add up across missions. */
const NOT_ADDITIVE: ReadonlySet<KeyFigure> = new Set(['provincesSupported']);

interface MissionRow {
  id: string;
  code: string;
  name_vi: string;
  name_en: string;
  country: string;
}

export function consolidatedFigures(app: AppContext, period: string): ConsolidatedFigures {
  const total = computeFigures(app.db, { period, missionId: null });
  const missions = app.db.prepare(`SELECT id, code, name_vi, name_en, country FROM missions WHERE id IS NOT ? AND deleted_at IS NULL ORDER BY code`).all(app.missionId()) as MissionRow[];
  const byMission = missions.map((m) => {
    const f = computeFigures(app.db, { period, missionId: m.id, asOf: total.asOf });
    const key = Object.fromEntries(KEY_FIGURES.map((k) => [k, { value: f.key[k].value, previous: f.key[k].previous }])) as KeyValues;
    return { missionId: m.id, code: m.code, nameVi: m.name_vi, nameEn: m.name_en, country: m.country, region: regionOf(m.country), key };
  });
  const regionIds = [...REGIONS.map((r) => r.id), OTHER_REGION];
  const byRegion = regionIds
    .map((region) => {
      const members = byMission.filter((m) => m.region === region);
      const key: Partial<KeyValues> = {};
      for (const k of KEY_FIGURES) {
        if (NOT_ADDITIVE.has(k)) continue;
        key[k] = { value: members.reduce((s, m) => s + m.key[k].value, 0), previous: members.reduce((s, m) => s + m.key[k].previous, 0) };
      }
      return { region, missions: members.length, key };
    })
    .filter((r) => r.missions > 0);
  return { period, previousPeriod: total.previousPeriod, total, byMission, byRegion };
}

const t = (key: string, params?: Record<string, string | number>) => translate('vi', key, params);

export function regionName(id: string, language: 'vi' | 'en' = 'vi'): string {
  const region = REGIONS.find((r) => r.id === id);
  return region ? (language === 'vi' ? region.name : region.nameEn) : translate(language, 'exchange.otherRegion');
}

/** The workbook HQ circulates: one sheet per breakdown, Vietnamese headings. */
export async function consolidatedXlsx(app: AppContext, period: string): Promise<GeneratedFile> {
  const c = consolidatedFigures(app, period);
  const book = new ExcelJS.Workbook();
  book.creator = 'Cầu Nối';
  const sheet = (name: string, columns: { header: string; width: number }[], rows: (string | number | null)[][]) => {
    const ws = book.addWorksheet(name);
    ws.columns = columns.map((col) => ({ header: col.header, width: col.width }));
    ws.getRow(1).font = { bold: true };
    for (const row of rows) ws.addRow(row);
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  };
  const label = (k: KeyFigure) => t(`figures.${k}`);
  const current = periodLabel(c.period, 'vi');
  const previous = periodLabel(c.previousPeriod, 'vi');
  sheet(t('exchange.sheetTotal'), [{ header: t('docx.indicator'), width: 56 }, { header: current, width: 20 }, { header: previous, width: 20 }], KEY_FIGURES.map((k) => [label(k), c.total.key[k].value, c.total.key[k].previous]));
  sheet(
    t('exchange.sheetMissions'),
    [{ header: t('exchange.mission'), width: 14 }, { header: t('exchange.missionName'), width: 44 }, { header: t('exchange.region'), width: 22 }, ...KEY_FIGURES.map((k) => ({ header: label(k), width: 18 }))],
    c.byMission.map((m) => [m.code, m.nameVi, regionName(m.region), ...KEY_FIGURES.map((k) => m.key[k].value)]),
  );
  sheet(
    t('exchange.sheetRegions'),
    [{ header: t('exchange.region'), width: 26 }, { header: t('exchange.missionCount'), width: 12 }, ...KEY_FIGURES.map((k) => ({ header: label(k), width: 18 }))],
    c.byRegion.map((r) => [regionName(r.region), r.missions, ...KEY_FIGURES.map((k) => r.key[k]?.value ?? null)]),
  );
  sheet(
    t('exchange.sheetKinds'),
    [{ header: t('activity.kind'), width: 40 }, { header: current, width: 20 }, { header: previous, width: 20 }],
    c.total.byKind.map((k) => [t(`enum.activityKind.${k.kind}`), k.value, k.previous]),
  );
  sheet(
    t('exchange.sheetProvinces'),
    [{ header: t('activity.provinces'), width: 36 }, { header: t('figures.activities'), width: 16 }, { header: t('figures.agreements'), width: 16 }],
    c.total.byProvince.map((p) => [province(p.provinceId)?.name ?? p.provinceId, p.activities, p.agreements]),
  );
  const buffer = await book.xlsx.writeBuffer();
  return {
    fileName: `BNG-so-lieu-tong-hop-${c.period}.xlsx`,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: Buffer.from(buffer).toString('base64'),
  };
}
