/**
 * The workbook of HQ's consolidated figures (services/hq-figures.ts computes them). Apart from
 * the figures so that the read pool's threads, which compute them, do not load the spreadsheet
 * writer and the text catalogue.
 */
import ExcelJS from 'exceljs';
import type { AppContext } from '../context';
import { KEY_FIGURES, MONEY_FIGURES, type KeyFigure } from '../../shared/domain/figures';
import type { GeneratedFile } from '../../shared/contract/reports';
import { translate } from '../../shared/i18n';
import { periodLabel } from '../../shared/period';
import { province } from '../../shared/reference';
import { regionName } from '../../shared/regions';
import { consolidatedFigures } from './hq-figures';
import { day } from './report-xlsx';

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
