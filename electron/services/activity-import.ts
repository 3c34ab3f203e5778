/**
 * The activity rules of the import engine (import-engine.ts): one activity per row of the
 * sheets missions keep, kinds, statuses, formats, sectors, countries, dates, amounts and
 * localities read as people write them (shared/import-values.ts), partner organisations linked
 * by name (or created), a row repeating an activity of the mission's with the same title and
 * date skipped.
 */
import { ActivityFields, type ActivityValues } from '../../shared/domain/activity';
import { RECORD_IMPORT_FIELDS, type RecordImportRequest } from '../../shared/domain/record-import';
import {
  readActivityFormat,
  readActivityKind,
  readActivityStatus,
  readAmount,
  readCount,
  readCountry,
  readImportDate,
  readLocalities,
  readSectors,
} from '../../shared/import-values';
import type { AppContext } from '../context';
import { commitRecords, existingIds, previewRecords, recordWithSameTitle, type RecordRules, rowProblems } from './import-engine';

type ActivityField = (typeof RECORD_IMPORT_FIELDS.activity)[number];

/** Folded header words per field, besides the field's labels (the template's headers) in both languages. */
const SYNONYMS: Record<ActivityField, string[]> = {
  startDate: ['ngay', 'ngay thang', 'thoi gian', 'ngay bat dau', 'ngay to chuc', 'ngay thuc hien', 'date', 'start date'],
  title: ['ten hoat dong', 'hoat dong', 'noi dung', 'noi dung hoat dong', 'ten su kien', 'su kien', 'tieu de', 'title', 'activity', 'event'],
  kind: ['loai hoat dong', 'loai', 'phan loai', 'linh vuc hoat dong', 'kind', 'type', 'category'],
  status: ['trang thai', 'tinh trang', 'tinh hinh', 'status'],
  format: ['hinh thuc', 'hinh thuc to chuc', 'hinh thuc hoat dong', 'format', 'mode'],
  sectors: ['linh vuc', 'nganh', 'nganh nghe', 'sector', 'sectors', 'industry'],
  country: ['quoc gia', 'nuoc', 'nuoc so tai', 'country'],
  organisations: [
    'doi tac',
    'to chuc',
    'doi tac nuoc ngoai',
    'doi tac chinh',
    'co quan doi tac',
    'don vi phoi hop',
    'partner',
    'partners',
    'organisations',
    'organizations',
  ],
  provinces: ['dia phuong', 'tinh thanh', 'tinh thanh pho', 'dia phuong lien quan', 'tinh', 'locality', 'localities', 'province', 'provinces'],
  dealValueUsd: ['gia tri usd', 'gia tri', 'gia tri hop dong', 'kim ngach', 'value', 'value usd', 'deal value'],
  businessesSupported: ['so doanh nghiep', 'so dn', 'so doanh nghiep duoc ho tro', 'businesses', 'businesses supported', 'companies'],
  city: ['dia diem', 'noi to chuc', 'thanh pho', 'city', 'place', 'venue'],
  outcomes: ['ket qua', 'outcomes', 'results'],
  notes: ['ghi chu', 'notes', 'note'],
};

/** Where a schema issue shows in the sheet (an end date comes from the date cell). */
const FIELD_OF_PATH: Record<string, ActivityField> = { endDate: 'startDate', organisationIds: 'organisations' };

export const ACTIVITY_RULES: RecordRules<ActivityField, ActivityValues> = {
  entity: 'activity',
  fields: RECORD_IMPORT_FIELDS.activity,
  synonyms: SYNONYMS,
  labelKey: (f) => `recordImport.activityField.${f}`,
  required: ['startDate', 'title'],
  read(text, mapped, readOrganisations) {
    const row = rowProblems<ActivityField>();
    const date = row.take('startDate', readImportDate(text('startDate')), null);
    // Without a kind column every row is "Khác"; an empty cell in one is a problem to correct.
    const kind = mapped('kind') ? row.take('kind', readActivityKind(text('kind')), null) : 'other';
    const provinces = row.take('provinces', readLocalities(text('provinces')), []);
    const organisations = row.take('organisations', readOrganisations(text('organisations')), []);
    const parsed = ActivityFields.safeParse({
      title: text('title'),
      kind: kind ?? 'other',
      status: row.take('status', readActivityStatus(text('status')), 'done'),
      format: row.take('format', readActivityFormat(text('format')), null),
      sectors: row.take('sectors', readSectors(text('sectors')), []),
      country: row.take('country', readCountry(text('country')), null),
      organisationIds: existingIds(organisations),
      startDate: date?.start ?? '',
      endDate: date?.end ?? null,
      provinces,
      dealValueUsd: row.take('dealValueUsd', readAmount(text('dealValueUsd')), null),
      businessesSupported: row.take('businessesSupported', readCount(text('businessesSupported')), null),
      city: text('city'),
      outcomes: text('outcomes'),
      notes: text('notes'),
    });
    if (!parsed.success) row.schema(parsed.error, (path) => FIELD_OF_PATH[path] ?? (path as ActivityField));
    const shown = { title: text('title'), date: date?.start ?? null, kind, provinces, organisations };
    return row.problems.length || !parsed.success ? { ...shown, problems: row.problems } : { ...shown, values: parsed.data };
  },
  findSame: (app, values) =>
    recordWithSameTitle(app, `SELECT id, title FROM activities WHERE start_date = ? AND mission_id = ? AND deleted_at IS NULL`, values.startDate, values.title),
  create: (app, ctx, values, newOrganisationIds) =>
    app.activities.createIn(ctx, { ...values, organisationIds: [...values.organisationIds, ...newOrganisationIds] }).id,
};

export const previewActivityImport = (app: AppContext, input: RecordImportRequest) => previewRecords(app, ACTIVITY_RULES, input);
export const commitActivityImport = (app: AppContext, input: RecordImportRequest, progress: (done: number, total: number) => void) =>
  commitRecords(app, ACTIVITY_RULES, input, progress);
