/**
 * Export of any list (activities, organisations, contacts, agreements, follow-ups) with the
 * filter its page uses, as CSV (UTF-8 with BOM, so spreadsheets read Vietnamese correctly)
 * or XLSX (dates as dates shown dd/mm/yyyy, amounts as numbers shown 1.234.567). Text that a
 * spreadsheet would run as a formula (= + - @ at the start) is prefixed with ' .
 */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { ExportFile, ExportRequest } from '../../shared/contract/export';
import { countryName } from '../../shared/countries';
import type { Entity } from '../../shared/domain/enums';
import { translate } from '../../shared/i18n';
import { province, sector } from '../../shared/reference';
import { foldText } from '../../shared/text';
import type { AppContext } from '../context';
import { localToday, recordTitle } from './partners';

type Cell = string | number | null;
interface Column<R> {
  /** i18n key of the header. */
  header: string;
  value: (row: R) => Cell;
  type?: 'date' | 'number';
}

const PAGE = 1000;

/** Neutralises text a spreadsheet would evaluate (CSV/formula injection). */
export function safeCell(value: Cell): Cell {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Reads every page of a list. */
function allRows<R>(page: (offset: number) => { total: number; rows: R[] }, progress: (done: number, total: number) => void): R[] {
  const rows: R[] = [];
  for (;;) {
    const next = page(rows.length);
    rows.push(...next.rows);
    progress(rows.length, next.total);
    if (next.rows.length === 0 || rows.length >= next.total) return rows;
  }
}

function table(
  app: AppContext,
  input: ExportRequest,
  progress: (done: number, total: number) => void,
): { title: string; columns: Column<never>[]; rows: unknown[] } {
  const l = input.language;
  const label = (name: string, value: string | null) => (value ? translate(l, `enum.${name}.${value}`) : '');
  const sectors = (ids: readonly string[]) => ids.map((id) => (l === 'vi' ? sector(id)?.name : sector(id)?.nameEn) ?? id).join('; ');
  const provinces = (ids: readonly string[]) => ids.map((id) => (l === 'vi' ? province(id)?.name : province(id)?.nameEn) ?? id).join('; ');
  const country = (code: string | null) => (code ? countryName(code, l) : '');
  const make = <R>(title: string, columns: Column<R>[], rows: R[]) => ({ title, columns: columns as Column<never>[], rows });

  switch (input.entity) {
    case 'activity': {
      const list = allRows(
        (offset) => app.activities.list({ filter: input.filter, sort: { key: 'startDate', direction: 'desc' }, offset, limit: PAGE }),
        progress,
      );
      const full = list.map((r) => app.activities.get(r.id));
      const names = app.organisations.names(full.flatMap((a) => a.organisationIds));
      return make(
        translate(l, 'activity.listTitle'),
        [
          { header: 'activity.title', value: (a) => a.title },
          { header: 'activity.kind', value: (a) => label('activityKind', a.kind) },
          { header: 'activity.format', value: (a) => label('activityFormat', a.format) },
          { header: 'activity.status', value: (a) => label('activityStatus', a.status) },
          { header: 'activity.startDate', value: (a) => a.startDate, type: 'date' },
          { header: 'activity.endDate', value: (a) => a.endDate, type: 'date' },
          { header: 'activity.country', value: (a) => country(a.country) },
          { header: 'activity.city', value: (a) => a.city },
          { header: 'activity.sectors', value: (a) => sectors(a.sectors) },
          { header: 'activity.provinces', value: (a) => provinces(a.provinces) },
          { header: 'nav.organisations', value: (a) => a.organisationIds.map((id) => names.get(id) ?? '').join('; ') },
          { header: 'activity.businessesSupported', value: (a) => a.businessesSupported, type: 'number' },
          { header: 'activity.dealValueUsd', value: (a) => a.dealValueUsd, type: 'number' },
          { header: 'activity.outcomes', value: (a) => a.outcomes },
          { header: 'activity.followUps', value: (a) => a.followUps },
          { header: 'activity.owner', value: (a) => a.owner },
          { header: 'activity.notes', value: (a) => a.notes },
        ],
        full,
      );
    }
    case 'organisation':
      return make(
        translate(l, 'organisation.listTitle'),
        [
          { header: 'partnerImport.field.orgName', value: (o) => o.name },
          { header: 'partnerImport.field.orgKind', value: (o) => label('organisationKind', o.kind) },
          { header: 'partnerImport.field.orgCountry', value: (o) => country(o.country) },
          { header: 'partnerImport.field.orgSectors', value: (o) => sectors(o.sectors) },
          { header: 'partnerImport.field.orgWebsite', value: (o) => o.website },
          { header: 'partnerImport.field.orgAddress', value: (o) => o.address },
          { header: 'partnerImport.field.orgNotes', value: (o) => o.notes },
          { header: 'organisation.contactCount', value: (o) => o.contactCount, type: 'number' },
          { header: 'organisation.agreementCount', value: (o) => o.agreementCount, type: 'number' },
        ],
        allRows((offset) => app.organisations.list({ filter: input.filter, offset, limit: PAGE }), progress),
      );
    case 'contact':
      return make(
        translate(l, 'organisation.contacts'),
        [
          { header: 'partnerImport.field.contactName', value: (c) => c.name },
          { header: 'partnerImport.field.contactTitle', value: (c) => c.title },
          { header: 'partnerImport.field.orgName', value: (c) => c.organisationName },
          { header: 'partnerImport.field.contactEmail', value: (c) => c.email },
          { header: 'partnerImport.field.contactPhone', value: (c) => c.phone },
          { header: 'partnerImport.field.contactLanguage', value: (c) => c.language },
          { header: 'partnerImport.field.contactNotes', value: (c) => c.notes },
        ],
        allRows((offset) => app.contacts.list({ filter: input.filter, offset, limit: PAGE }), progress),
      );
    case 'agreement':
      return make(
        translate(l, 'agreement.listTitle'),
        [
          { header: 'agreement.title', value: (a) => a.title },
          { header: 'agreement.kind', value: (a) => label('agreementKind', a.kind) },
          { header: 'agreement.signedDate', value: (a) => a.signedDate, type: 'date' },
          { header: 'agreement.vnParty', value: (a) => a.vnParty },
          { header: 'agreement.province', value: (a) => provinces(a.provinceId ? [a.provinceId] : []) },
          { header: 'agreement.foreignOrg', value: (a) => a.foreignOrgName },
          { header: 'agreement.valueUsd', value: (a) => a.valueUsd, type: 'number' },
          { header: 'agreement.sector', value: (a) => sectors(a.sector ? [a.sector] : []) },
          { header: 'agreement.activity', value: (a) => recordTitle(app.db, 'activity', a.activityId) },
          { header: 'agreement.status', value: (a) => label('agreementStatus', a.status) },
          { header: 'agreement.nextReviewDate', value: (a) => a.nextReviewDate, type: 'date' },
          { header: 'agreement.notes', value: (a) => a.notes },
        ],
        allRows((offset) => app.agreements.list({ filter: input.filter, offset, limit: PAGE }), progress),
      );
    case 'followup':
      return make(
        translate(l, 'followup.listTitle'),
        [
          { header: 'followup.title', value: (f) => f.title },
          { header: 'followup.dueDate', value: (f) => f.dueDate, type: 'date' },
          { header: 'followup.owner', value: (f) => f.owner },
          {
            header: 'followup.about',
            value: (f) => (f.entity ? `${translate(l, `searchBox.group.${f.entity}`)}: ${recordTitle(app.db, f.entity as Entity, f.recordId) ?? ''}` : ''),
          },
          { header: 'followup.done', value: (f) => (f.doneAt ? f.doneAt.slice(0, 10) : null), type: 'date' },
          { header: 'followup.notes', value: (f) => f.notes },
        ],
        allRows((offset) => app.followups.list({ filter: input.filter, offset, limit: PAGE }), progress),
      );
  }
}

/** yyyy-MM-dd -> a Date at UTC midnight (what spreadsheets store for a day). */
const asDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

export async function exportList(app: AppContext, input: ExportRequest, progress: (done: number, total: number) => void): Promise<ExportFile> {
  const { title, columns, rows } = table(app, input, progress);
  const headers = columns.map((c) => translate(input.language, c.header));
  const values = rows.map((row) => columns.map((c) => safeCell(c.value(row as never))));
  const fileName = `${foldText(title)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}-${localToday()}.${input.format}`;
  if (input.format === 'csv') {
    const csv = `\uFEFF${Papa.unparse({ fields: headers, data: values.map((r) => r.map((v) => v ?? '')) })}`;
    return { fileName, mimeType: 'text/csv;charset=utf-8', base64: Buffer.from(csv, 'utf8').toString('base64'), rowCount: rows.length };
  }
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(translate(input.language, 'exportList.sheet'), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c, i) => ({
    width: c.type ? 14 : Math.min(60, Math.max(12, headers[i]!.length + 2)),
    style: c.type === 'date' ? { numFmt: 'dd/mm/yyyy' } : c.type === 'number' ? { numFmt: '#,##0' } : {},
  }));
  const head = sheet.addRow(headers);
  head.font = { bold: true };
  for (const row of values) {
    const added = sheet.addRow(row.map((v, i) => (columns[i]!.type === 'date' && typeof v === 'string' && v ? asDate(v) : v)));
    // A multi-line note shows its line breaks only in a wrapped cell.
    row.forEach((v, i) => {
      if (typeof v === 'string' && v.includes('\n')) added.getCell(i + 1).alignment = { wrapText: true, vertical: 'top' };
    });
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  const buffer = Buffer.from(await book.xlsx.writeBuffer());
  return { fileName, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', base64: buffer.toString('base64'), rowCount: rows.length };
}
