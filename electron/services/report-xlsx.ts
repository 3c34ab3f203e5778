/**
 * The report's annex (.xlsx): the key figures, then every activity and agreement of the
 * period behind them (the same scope as computeFigures: not deleted, dated in the period,
 * of the mission), so a reader can check each figure line by line. A final report keeps the
 * rows read when it was finalised, so its annex does not drift from its frozen figures.
 */
import ExcelJS from 'exceljs';
import type { Db } from '../db/open';
import type { Figures } from '../../shared/contract/figures';
import { KEY_FIGURES } from '../../shared/contract/figures';
import { translate } from '../../shared/i18n';
import { periodLabel } from '../../shared/period';
import { province, sector } from '../../shared/reference';

const t = (key: string, params?: Record<string, string | number>) => translate('vi', key, params);

interface AnnexActivity {
  id: string;
  title: string;
  kind: string;
  status: string;
  start_date: string;
  end_date: string | null;
  city: string;
  provinces: string;
  sectors: string;
  organisation_ids: string;
  businesses_supported: number | null;
  deal_value_usd: number | null;
  /** Absent from the frozen rows of reports finalised before the annex listed outcomes. */
  outcomes?: string;
}

interface AnnexAgreement {
  id: string;
  title: string;
  kind: string;
  status: string;
  signed_date: string;
  vn_party: string;
  province_id: string | null;
  partner: string | null;
  sector: string | null;
  value_usd: number | null;
}

/** dd/MM/yyyy as the annex shows dates (text, so every spreadsheet shows the same). */
export function day(iso: string | null): string {
  return iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '';
}

function sheet(book: ExcelJS.Workbook, name: string, title: string, columns: { header: string; width: number; money?: boolean; wrap?: boolean }[]): ExcelJS.Worksheet {
  const ws = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 2 }] });
  // Wrapped cells show a multi-line text's line breaks as line breaks.
  ws.columns = columns.map((c) => ({ width: c.width, style: c.money ? { numFmt: '#,##0' } : c.wrap ? { alignment: { wrapText: true, vertical: 'top' } } : {} }));
  ws.addRow([title]).font = { bold: true, size: 13 };
  const head = ws.addRow(columns.map((c) => c.header));
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'middle' };
  head.eachCell((c) => (c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEDED' } }));
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: columns.length } };
  return ws;
}

/** The rows behind a report's figures, as the annex lists them; kept with a final report (frozen). */
export interface AnnexRows {
  activities: AnnexActivity[];
  agreements: AnnexAgreement[];
  /** Names of the partner organisations the activities name. */
  partnerNames: Record<string, string>;
}

/** Reads the annex rows for figures' scope (not deleted, dated in the period, of the mission). */
export function readAnnexRows(db: Db, figures: Figures): AnnexRows {
  const scope = { start: figures.start, end: figures.end, mission: figures.missionId };
  const activities = db
    .prepare(
      `SELECT id, title, kind, status, start_date, end_date, city, provinces, sectors, organisation_ids, businesses_supported, deal_value_usd, outcomes
       FROM activities WHERE deleted_at IS NULL AND start_date BETWEEN @start AND @end AND (@mission IS NULL OR mission_id = @mission)
       ORDER BY start_date, title`,
    )
    .all(scope) as AnnexActivity[];
  const agreements = db
    .prepare(
      `SELECT g.id, g.title, g.kind, g.status, g.signed_date, g.vn_party, g.province_id, o.name AS partner, g.sector, g.value_usd
       FROM agreements g LEFT JOIN organisations o ON o.id = g.foreign_org_id
       WHERE g.deleted_at IS NULL AND g.signed_date BETWEEN @start AND @end AND (@mission IS NULL OR g.mission_id = @mission)
       ORDER BY g.signed_date, g.title`,
    )
    .all(scope) as AnnexAgreement[];
  const partnerIds = [...new Set(activities.flatMap((a) => JSON.parse(a.organisation_ids) as string[]))];
  const partnerNames = Object.fromEntries(
    (db.prepare(`SELECT o.id, o.name FROM json_each(?) j CROSS JOIN organisations o ON o.id = j.value`).all(JSON.stringify(partnerIds)) as { id: string; name: string }[]).map((o) => [o.id, o.name]),
  );
  return { activities, agreements, partnerNames };
}

export async function buildReportAnnex({ activities, agreements, partnerNames }: AnnexRows, figures: Figures): Promise<Buffer> {
  const provinceNames = (ids: string[]) => ids.map((id) => province(id)?.name ?? id).join('; ');
  const period = periodLabel(figures.period, 'vi');

  const book = new ExcelJS.Workbook();
  book.creator = 'Cầu Nối';
  const summary = sheet(book, t('annex.figuresSheet'), t('annex.title', { period }), [
    { header: t('docx.indicator'), width: 48 },
    { header: period, width: 18, money: true },
    { header: t('docx.previousPeriod', { period: periodLabel(figures.previousPeriod, 'vi') }), width: 22, money: true },
    { header: t('figures.change'), width: 14, money: true },
  ]);
  for (const key of KEY_FIGURES) {
    const f = figures.key[key];
    summary.addRow([t(`figures.${key}`), f.value, f.previous, f.change]);
  }

  const activitySheet = sheet(book, t('annex.activitiesSheet'), t('annex.title', { period }), [
    { header: t('annex.startDate'), width: 12 },
    { header: t('annex.endDate'), width: 12 },
    { header: t('annex.name'), width: 60 },
    { header: t('annex.kind'), width: 26 },
    { header: t('annex.status'), width: 14 },
    { header: t('annex.city'), width: 14 },
    { header: t('annex.provinces'), width: 30 },
    { header: t('annex.sectors'), width: 30 },
    { header: t('annex.partners'), width: 30 },
    { header: t('annex.outcomes'), width: 50, wrap: true },
    { header: t('annex.businesses'), width: 14, money: true },
    { header: t('annex.valueUsd'), width: 16, money: true },
    { header: t('annex.id'), width: 38 },
  ]);
  for (const a of activities) {
    activitySheet.addRow([
      day(a.start_date),
      day(a.end_date),
      a.title,
      t(`enum.activityKind.${a.kind}`),
      t(`enum.activityStatus.${a.status}`),
      a.city,
      provinceNames(JSON.parse(a.provinces) as string[]),
      (JSON.parse(a.sectors) as string[]).map((id) => sector(id)?.name ?? id).join('; '),
      (JSON.parse(a.organisation_ids) as string[]).map((id) => partnerNames[id] ?? id).join('; '),
      a.outcomes ?? '',
      a.businesses_supported,
      a.deal_value_usd,
      a.id,
    ]);
  }

  const agreementSheet = sheet(book, t('annex.agreementsSheet'), t('annex.title', { period }), [
    { header: t('annex.signedDate'), width: 12 },
    { header: t('annex.name'), width: 60 },
    { header: t('annex.kind'), width: 24 },
    { header: t('annex.status'), width: 18 },
    { header: t('annex.vnParty'), width: 30 },
    { header: t('annex.provinces'), width: 24 },
    { header: t('annex.partners'), width: 30 },
    { header: t('annex.sectors'), width: 24 },
    { header: t('annex.valueUsd'), width: 16, money: true },
    { header: t('annex.id'), width: 38 },
  ]);
  for (const g of agreements) {
    agreementSheet.addRow([
      day(g.signed_date),
      g.title,
      t(`enum.agreementKind.${g.kind}`),
      t(`enum.agreementStatus.${g.status}`),
      g.vn_party,
      g.province_id ? provinceNames([g.province_id]) : '',
      g.partner ?? '',
      g.sector ? (sector(g.sector)?.name ?? g.sector) : '',
      g.value_usd,
      g.id,
    ]);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
