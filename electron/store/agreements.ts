/** Agreements (thỏa thuận, cam kết): entity 'agreement'. */
import type { Db } from '../db/open';
import { AGREEMENT_FIELD_NAMES, type Agreement, type AgreementListInput, type AgreementRow, type AgreementValues } from '../../shared/domain/agreement';
import { AppError, type FieldIssue } from '../../shared/errors';
import { bothLabels } from '../../shared/i18n';
import { parsePeriod } from '../../shared/period';
import { provinceIndexText } from '../../shared/reference';
import type { ActivityStore } from './activities';
import { sectorsText, type OrganisationStore } from './organisations';
import { inList, listPage, recordFromRow, RecordTable, textFilter, whereClause, type DbRecordRow, type TableSpec } from './record-table';
import type { SearchIndex } from './search-index';
import type { Writer } from './writer';

export const AGREEMENT_TABLE: TableSpec<AgreementValues> = {
  entity: 'agreement',
  table: 'agreements',
  fields: AGREEMENT_FIELD_NAMES,
  defaults: {
    title: '',
    kind: 'mou',
    signedDate: null,
    vnParty: '',
    provinceId: null,
    foreignOrgId: null,
    valueUsd: null,
    sector: null,
    activityId: null,
    status: 'signed',
    nextReviewDate: null,
    notes: '',
  },
};

/** The list screen's page and total, on any connection (the writer's, or a reader of the pool: services/reads.ts). */
export function listAgreements(db: Db, input: AgreementListInput): { total: number; offset: number; rows: AgreementRow[] } {
  const f = input.filter;
  let period = null;
  if (f.period) {
    period = parsePeriod(f.period);
    if (!period) throw new AppError('VALIDATION', `Not a period: ${f.period}`, { fields: [{ path: 'filter.period', code: 'invalid_period' }] });
  }
  const where = whereClause([
    { sql: 'a.deleted_at IS NULL', params: [] },
    period ? { sql: 'a.signed_date BETWEEN ? AND ?', params: [period.start, period.end] } : null,
    f.kinds?.length ? inList('a.kind', f.kinds) : null,
    f.statuses?.length ? inList('a.status', f.statuses) : null,
    f.provinceId ? { sql: 'a.province_id = ?', params: [f.provinceId] } : null,
    f.foreignOrgId ? { sql: 'a.foreign_org_id = ?', params: [f.foreignOrgId] } : null,
    f.activityId ? { sql: 'a.activity_id = ?', params: [f.activityId] } : null,
    textFilter('agreement', f.text, 'a', db),
  ]);
  // Newest signed first, unsigned last (SQLite sorts NULL last when descending), read backwards
  // along agreements_signed, which holds every filter's column.
  const { total, offset, rows } = listPage(
    db,
    {
      table: 'agreements',
      alias: 'a',
      where,
      order: 'a.signed_date DESC, a.id DESC',
      select: 'a.*, o.name AS foreign_org_name',
      joins: 'LEFT JOIN organisations o ON o.id = a.foreign_org_id',
    },
    input,
  );
  return {
    total,
    offset,
    rows: rows.map((r) => ({ ...(recordFromRow(AGREEMENT_TABLE, r) as Agreement), foreignOrgName: r.foreign_org_name as string | null })),
  };
}

export class AgreementStore extends RecordTable<AgreementValues> {
  constructor(
    db: Db,
    writer: Writer,
    searchIndex: SearchIndex,
    missionId: () => string,
    private readonly organisations: OrganisationStore,
    private readonly activities: ActivityStore,
  ) {
    super(db, writer, searchIndex, missionId, AGREEMENT_TABLE);
  }

  override get(id: string): Agreement {
    return super.get(id) as Agreement;
  }

  protected override searchText(a: Agreement) {
    const organisation = a.foreignOrgId ? this.organisations.find(a.foreignOrgId) : null;
    return {
      title: a.title,
      body: [
        bothLabels('agreementKind', a.kind),
        bothLabels('agreementStatus', a.status),
        a.vnParty,
        provinceIndexText(a.provinceId ? [a.provinceId] : []),
        organisation?.name ?? '',
        a.sector ? sectorsText([a.sector]) : '',
        a.notes,
      ].join(' '),
    };
  }

  /** The foreign party and the activity must be live records of this database. */
  protected override checkReferences(_values: AgreementValues, changed: Partial<AgreementValues>): void {
    const fields: FieldIssue[] = [];
    if (changed.foreignOrgId && this.organisations.find(changed.foreignOrgId)?.deletedAt !== null) fields.push({ path: 'foreignOrgId', code: 'invalid_id' });
    if (changed.activityId && !this.activityExists(changed.activityId)) fields.push({ path: 'activityId', code: 'invalid_id' });
    if (fields.length) throw new AppError('VALIDATION', `The agreement names unknown records (${fields.map((f) => f.path).join(', ')})`, { fields });
  }

  private activityExists(id: string): boolean {
    try {
      return this.activities.get(id).deletedAt === null;
    } catch {
      return false;
    }
  }

  /** Re-indexes an organisation's agreements after its name changed. */
  reindexOrganisation(organisationId: string): void {
    for (const row of this.db.prepare(`SELECT * FROM agreements WHERE foreign_org_id = ? AND deleted_at IS NULL`).all(organisationId) as DbRecordRow[]) {
      this.reindex(this.fromRow(row));
    }
  }

  list(input: AgreementListInput): { total: number; offset: number; rows: AgreementRow[] } {
    return listAgreements(this.db, input);
  }
}
