/**
 * The agreement rules of the import engine (import-engine.ts): one agreement per row, kinds
 * and statuses from the words people write ("MOU", "Biên bản ghi nhớ", "đang triển khai"),
 * the locality by any of the 63 pre-2025 names (one per agreement), the foreign party linked by
 * name (or created), a row repeating an agreement of the mission's with the same title and
 * signing date skipped.
 */
import { AgreementFields, type AgreementValues } from '../../shared/domain/agreement';
import { RECORD_IMPORT_FIELDS, type RecordImportRequest } from '../../shared/domain/record-import';
import { readAgreementKind, readAgreementStatus, readAmount, readImportDate, readLocalities, readOptionalDate, type Reading } from '../../shared/import-values';
import type { AppContext } from '../context';
import { commitRecords, type OrganisationRef, previewRecords, recordWithSameTitle, type RecordRules, rowProblems } from './import-engine';

type AgreementField = (typeof RECORD_IMPORT_FIELDS.agreement)[number];

const SYNONYMS: Record<AgreementField, string[]> = {
  signedDate: ['ngay ky', 'ngay', 'thoi gian ky', 'ngay ky ket', 'signed', 'date signed', 'signing date', 'date'],
  title: ['ten thoa thuan', 'thoa thuan', 'ten van ban', 'van ban', 'noi dung', 'tieu de', 'title', 'agreement'],
  kind: ['loai', 'loai van ban', 'loai thoa thuan', 'hinh thuc', 'kind', 'type'],
  foreignOrg: ['ben nuoc ngoai', 'doi tac', 'doi tac nuoc ngoai', 'phia nuoc ngoai', 'ben doi tac', 'foreign party', 'partner', 'organisation', 'organization'],
  vnParty: ['ben viet nam', 'doi tac viet nam', 'phia viet nam', 'vietnamese party'],
  province: ['dia phuong', 'tinh thanh', 'tinh', 'province', 'locality'],
  valueUsd: ['gia tri usd', 'gia tri', 'value', 'value usd'],
  status: ['tinh trang', 'trang thai', 'tinh hinh thuc hien', 'status'],
  nextReviewDate: ['ngay xem xet', 'ngay ra soat', 'ngay xem xet tiep', 'next review', 'review date'],
  notes: ['ghi chu', 'notes', 'note'],
};

const FIELD_OF_PATH: Record<string, AgreementField> = { provinceId: 'province', foreignOrgId: 'foreignOrg' };

/** An agreement names one locality: a cell naming several is a problem to correct. */
function oneLocality(text: string): Reading<string | null> {
  const read = readLocalities(text);
  if (!read.ok) return read;
  return read.value.length > 1 ? { ok: false, code: 'one_province' } : { ok: true, value: read.value[0] ?? null };
}

/** An agreement has one foreign party: a cell naming several is a problem to correct. */
function oneOrganisation(read: Reading<OrganisationRef[]>): Reading<OrganisationRef | null> {
  if (!read.ok) return read;
  return read.value.length > 1 ? { ok: false, code: 'one_organisation' } : { ok: true, value: read.value[0] ?? null };
}

export const AGREEMENT_RULES: RecordRules<AgreementField, AgreementValues> = {
  entity: 'agreement',
  fields: RECORD_IMPORT_FIELDS.agreement,
  synonyms: SYNONYMS,
  labelKey: (f) => `recordImport.agreementField.${f}`,
  required: ['signedDate', 'title'],
  read(text, mapped, readOrganisations) {
    const row = rowProblems<AgreementField>();
    const date = row.take('signedDate', readImportDate(text('signedDate')), null);
    // Without a kind column an agreement is a cooperation agreement (thỏa thuận hợp tác).
    const kind = mapped('kind') ? row.take('kind', readAgreementKind(text('kind')), null) : 'cooperation-agreement';
    const provinceId = row.take('province', oneLocality(text('province')), null);
    const foreignOrg = row.take('foreignOrg', oneOrganisation(readOrganisations(text('foreignOrg'))), null);
    const parsed = AgreementFields.safeParse({
      title: text('title'),
      kind: kind ?? 'cooperation-agreement',
      signedDate: date?.start ?? null,
      vnParty: text('vnParty'),
      provinceId,
      foreignOrgId: foreignOrg?.id ?? null,
      valueUsd: row.take('valueUsd', readAmount(text('valueUsd')), null),
      status: row.take('status', readAgreementStatus(text('status')), 'signed' as const),
      nextReviewDate: row.take('nextReviewDate', readOptionalDate(text('nextReviewDate')), null),
      notes: text('notes'),
    });
    if (!parsed.success) row.schema(parsed.error, (path) => FIELD_OF_PATH[path] ?? (path as AgreementField));
    const shown = {
      title: text('title'),
      date: date?.start ?? null,
      kind,
      provinces: provinceId ? [provinceId] : [],
      organisations: foreignOrg ? [foreignOrg] : [],
    };
    return row.problems.length || !parsed.success ? { ...shown, problems: row.problems } : { ...shown, values: parsed.data };
  },
  findSame: (app, values) =>
    recordWithSameTitle(
      app,
      `SELECT id, title FROM agreements WHERE signed_date = ? AND mission_id = ? AND deleted_at IS NULL`,
      values.signedDate ?? '',
      values.title,
    ),
  create: (app, ctx, values, newOrganisationIds) =>
    app.agreements.createIn(ctx, { ...values, foreignOrgId: values.foreignOrgId ?? newOrganisationIds[0] ?? null }).id,
};

export const previewAgreementImport = (app: AppContext, input: RecordImportRequest) => previewRecords(app, AGREEMENT_RULES, input);
export const commitAgreementImport = (app: AppContext, input: RecordImportRequest, progress: (done: number, total: number) => void) =>
  commitRecords(app, AGREEMENT_RULES, input, progress);
