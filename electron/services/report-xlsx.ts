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

/** dd/MM/yyyy as text, for dates written into sentences. */
export function day(iso: string | null): string {
  return iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '';
}

/** A date cell: a real spreadsheet date (sorts and filters as one) shown dd/mm/yyyy. */
export function dateCell(iso: string | null): Date | null {
  return iso ? new Date(`${iso}T00:00:00Z`) : null;
}

/** Rows above each sheet's column headings: the title and the "(Kèm theo Báo cáo số … ngày …)" line. */
const HEAD_ROW = 3;
const FIRST_ROW = HEAD_ROW + 1;

interface Column {
  header: string;
  width: number;
  format?: 'number' | 'date';
  wrap?: boolean;
  /** Kept in the file to check each line against the data, left off the printed page (record ids). */
  noPrint?: boolean;
}

/**
 * Row height (points) for wrapped text: spreadsheets do not grow a row on opening, so a row
 * whose text wraps would print over the next one. Estimated from each cell's text and width.
 */
function fitHeight(cells: [text: string, width: number][]): number {
  const lines = cells.map(([text, width]) => text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil((line.length * 1.1) / width)), 0));
  return Math.max(1, ...lines) * 15;
}

const THIN = { style: 'thin' as const };
const BOX = { top: THIN, bottom: THIN, left: THIN, right: THIN };

/**
 * A sheet that prints as an annex: A4 landscape, one page wide, the column headings repeated on
 * every page, an STT column first, thin borders, numbers and dates as numbers and dates.
 */
export function annexSheet(book: ExcelJS.Workbook, name: string, heading: { title: string; attachedTo: string }, columns: Column[]): ExcelJS.Worksheet {
  const all: Column[] = [{ header: t('annex.order'), width: 6 }, ...columns];
  const ws = book.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: HEAD_ROW }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
      printTitlesRow: `${HEAD_ROW}:${HEAD_ROW}`,
    },
    headerFooter: { oddFooter: '&C&P/&N' },
  });
  ws.columns = all.map((c) => ({
    width: c.width,
    style: {
      numFmt: c.format === 'number' ? '#,##0' : c.format === 'date' ? 'dd/mm/yyyy' : undefined,
      alignment: { vertical: 'top', wrapText: c.wrap, horizontal: c.format === 'date' ? 'center' : undefined },
    },
  }));
  ws.getColumn(1).alignment = { horizontal: 'center', vertical: 'top' };
  const printed = all.filter((c) => !c.noPrint).length;
  const last = ws.getColumn(printed).letter;
  ws.addRow([heading.title]).font = { bold: true, size: 13 };
  ws.mergeCells(`A1:${last}1`);
  ws.getCell('A1').alignment = { horizontal: 'center' };
  ws.addRow([heading.attachedTo]).font = { italic: true };
  ws.mergeCells(`A2:${last}2`);
  ws.getCell('A2').alignment = { horizontal: 'center' };
  const head = ws.addRow(all.map((c) => c.header));
  head.height = fitHeight(all.map((c) => [c.header, c.width]));
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  head.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEDED' } };
    c.border = BOX;
  });
  ws.autoFilter = { from: { row: HEAD_ROW, column: 1 }, to: { row: HEAD_ROW, column: all.length } };
  return ws;
}

/**
 * Numbers the data rows (STT), adds the totals row (sums of the given columns), frames the
 * table and prints its first `printed` columns (the record ids after them are not printed).
 */
export function finishAnnexSheet(ws: ExcelJS.Worksheet, printed: number, totalLabel: string, labelColumn: number, sums: number[]): void {
  const rows = ws.rowCount - HEAD_ROW;
  for (let i = 0; i < rows; i++) {
    const row = ws.getRow(FIRST_ROW + i);
    row.getCell(1).value = i + 1;
    const wrapped: [string, number][] = [];
    row.eachCell((cell, column) => {
      if (typeof cell.value === 'string' && column <= printed) wrapped.push([cell.value, ws.getColumn(column).width ?? 10]);
    });
    row.height = fitHeight(wrapped);
  }
  const total = ws.addRow([]);
  total.getCell(labelColumn).value = totalLabel;
  for (const column of sums) {
    const letter = ws.getColumn(column).letter;
    let sum = 0;
    for (let r = FIRST_ROW; r < FIRST_ROW + rows; r++) sum += Number(ws.getRow(r).getCell(column).value ?? 0);
    total.getCell(column).value = rows ? { formula: `SUM(${letter}${FIRST_ROW}:${letter}${FIRST_ROW + rows - 1})`, result: sum } : 0;
  }
  total.font = { bold: true };
  // ExcelJS puts a "$" before each end only: "A$1" becomes the absolute "$A$1" LibreOffice honours ("$A1" it ignores).
  ws.pageSetup.printArea = `A$1:${ws.getColumn(printed).letter}$${total.number}`;
  for (let r = FIRST_ROW; r <= total.number; r++) for (let c = 1; c <= printed; c++) ws.getRow(r).getCell(c).border = BOX;
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
    (
      db.prepare(`SELECT o.id, o.name FROM json_each(?) j CROSS JOIN organisations o ON o.id = j.value`).all(JSON.stringify(partnerIds)) as {
        id: string;
        name: string;
      }[]
    ).map((o) => [o.id, o.name]),
  );
  return { activities, agreements, partnerNames };
}

/** The report an annex goes with: its number and date make the "(Kèm theo Báo cáo số … ngày …)" line. */
export interface AnnexReport {
  number: string;
  reportDate: string | null;
}

export async function buildReportAnnex({ activities, agreements, partnerNames }: AnnexRows, figures: Figures, report: AnnexReport): Promise<Buffer> {
  const provinceNames = (ids: string[]) => ids.map((id) => province(id)?.name ?? id).join('; ');
  const period = periodLabel(figures.period, 'vi');
  const heading = {
    title: t('annex.title', { period }),
    attachedTo: report.number ? t('annex.attachedTo', { number: report.number, date: day(report.reportDate) || '...' }) : '',
  };

  const book = new ExcelJS.Workbook();
  book.creator = 'Cầu Nối';
  const summary = annexSheet(book, t('annex.figuresSheet'), heading, [
    { header: t('docx.indicator'), width: 48, wrap: true },
    { header: period, width: 18, format: 'number' },
    { header: t('docx.previousPeriod', { period: periodLabel(figures.previousPeriod, 'vi') }), width: 22, format: 'number' },
    { header: t('figures.change'), width: 14, format: 'number' },
  ]);
  KEY_FIGURES.forEach((key, i) => {
    const f = figures.key[key];
    summary.addRow([i + 1, t(`figures.${key}`), f.value, f.previous, f.change]);
  });
  for (let r = FIRST_ROW; r <= summary.rowCount; r++) for (let c = 1; c <= 5; c++) summary.getRow(r).getCell(c).border = BOX;

  const activitySheet = annexSheet(book, t('annex.activitiesSheet'), heading, [
    { header: t('annex.startDate'), width: 11, format: 'date' },
    { header: t('annex.endDate'), width: 11, format: 'date' },
    { header: t('annex.name'), width: 36, wrap: true },
    { header: t('annex.kind'), width: 18, wrap: true },
    { header: t('annex.status'), width: 12, wrap: true },
    { header: t('annex.city'), width: 12, wrap: true },
    { header: t('annex.provinces'), width: 18, wrap: true },
    { header: t('annex.sectors'), width: 18, wrap: true },
    { header: t('annex.partners'), width: 20, wrap: true },
    { header: t('annex.outcomes'), width: 30, wrap: true },
    { header: t('annex.businesses'), width: 12, format: 'number', wrap: true },
    { header: t('annex.valueUsd'), width: 14, format: 'number', wrap: true },
    { header: t('annex.id'), width: 38, noPrint: true },
  ]);
  for (const a of activities) {
    activitySheet.addRow([
      null,
      dateCell(a.start_date),
      dateCell(a.end_date),
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
  finishAnnexSheet(activitySheet, 13, t('annex.total'), 4, [12, 13]);

  const agreementSheet = annexSheet(book, t('annex.agreementsSheet'), heading, [
    { header: t('annex.signedDate'), width: 11, format: 'date' },
    { header: t('annex.name'), width: 40, wrap: true },
    { header: t('annex.kind'), width: 18, wrap: true },
    { header: t('annex.status'), width: 16, wrap: true },
    { header: t('annex.vnParty'), width: 24, wrap: true },
    { header: t('annex.provinces'), width: 18, wrap: true },
    { header: t('annex.partners'), width: 24, wrap: true },
    { header: t('annex.sectors'), width: 18, wrap: true },
    { header: t('annex.valueUsd'), width: 14, format: 'number', wrap: true },
    { header: t('annex.id'), width: 38, noPrint: true },
  ]);
  for (const g of agreements) {
    agreementSheet.addRow([
      null,
      dateCell(g.signed_date),
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
  finishAnnexSheet(agreementSheet, 10, t('annex.total'), 3, [10]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
