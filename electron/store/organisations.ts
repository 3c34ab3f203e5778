/** Organisations (đối tác): entity 'organisation'. */
import type { Db } from '../db/open';
import { countryName } from '../../shared/countries';
import {
  ORGANISATION_FIELD_NAMES,
  type Organisation,
  type OrganisationListInput,
  type OrganisationRow,
  type OrganisationValues,
} from '../../shared/domain/organisation';
import { bothLabels } from '../../shared/i18n';
import { sector } from '../../shared/reference';
import { foldText } from '../../shared/text';
import { inList, listPage, recordFromRow, RecordTable, textFilter, whereClause, type DbRecordRow, type TableSpec } from './record-table';
import type { SearchIndex } from './search-index';
import type { Writer } from './writer';

/** Everything a person might type to find an organisation, in both languages. */
export function sectorsText(ids: readonly string[]): string {
  return ids.map((id) => `${sector(id)?.name ?? ''} ${sector(id)?.nameEn ?? ''}`).join(' ');
}

export function countryText(code: string | null): string {
  return code ? `${countryName(code, 'vi')} ${countryName(code, 'en')}` : '';
}

export const ORGANISATION_TABLE: TableSpec<OrganisationValues> = {
  entity: 'organisation',
  table: 'organisations',
  fields: ORGANISATION_FIELD_NAMES,
  jsonFields: ['sectors'],
  derived: { name_folded: (v) => foldText(v.name) },
  defaults: { name: '', kind: 'other', country: null, sectors: [], website: '', address: '', notes: '' },
};

/** The list screen's page and total, on any connection (the writer's, or a reader of the pool: services/reads.ts). */
export function listOrganisations(db: Db, input: OrganisationListInput): { total: number; offset: number; rows: OrganisationRow[] } {
  const f = input.filter;
  const where = whereClause([
    { sql: 'o.deleted_at IS NULL', params: [] },
    f.kinds?.length ? inList('o.kind', f.kinds) : null,
    f.country ? { sql: 'o.country = ?', params: [f.country] } : null,
    f.sector ? { sql: 'EXISTS (SELECT 1 FROM json_each(o.sectors) s WHERE s.value = ?)', params: [f.sector] } : null,
    textFilter('organisation', f.text, 'o', db),
  ]);
  // The order and every filter but a sector's are read from organisations_list (migration 025).
  const { total, offset, rows } = listPage(
    db,
    {
      table: 'organisations',
      alias: 'o',
      where,
      order: 'o.name_folded, o.id',
      select: `o.*,
        (SELECT count(*) FROM contacts c WHERE c.organisation_id = o.id AND c.deleted_at IS NULL) AS contact_count,
        (SELECT count(*) FROM agreements a WHERE a.foreign_org_id = o.id AND a.deleted_at IS NULL) AS agreement_count`,
    },
    input,
  );
  return {
    total,
    offset,
    rows: rows.map((r) => ({
      ...(recordFromRow(ORGANISATION_TABLE, r) as Organisation),
      contactCount: r.contact_count as number,
      agreementCount: r.agreement_count as number,
    })),
  };
}

export class OrganisationStore extends RecordTable<OrganisationValues> {
  private readonly byFoldedName;

  constructor(db: Db, writer: Writer, searchIndex: SearchIndex, missionId: () => string) {
    super(db, writer, searchIndex, missionId, ORGANISATION_TABLE);
    this.byFoldedName = db.prepare(`SELECT * FROM organisations WHERE deleted_at IS NULL AND name_folded = ? ORDER BY created_at`);
  }

  protected override searchText(o: Organisation) {
    return {
      title: o.name,
      body: [bothLabels('organisationKind', o.kind), countryText(o.country), sectorsText(o.sectors), o.website, o.address, o.notes].join(' '),
    };
  }

  override get(id: string): Organisation {
    return super.get(id) as Organisation;
  }

  /** Live organisations with the same folded name, and the same country when both name one. */
  findSame(name: string, country: string | null): Organisation[] {
    const rows = this.byFoldedName.all(foldText(name)) as DbRecordRow[];
    return rows.map((r) => this.fromRow(r) as Organisation).filter((o) => !country || !o.country || o.country === country);
  }

  list(input: OrganisationListInput): { total: number; offset: number; rows: OrganisationRow[] } {
    return listOrganisations(this.db, input);
  }

  /** Names of the given organisations (deleted ones included, for old links). */
  names(ids: readonly string[]): Map<string, string> {
    if (ids.length === 0) return new Map();
    const list = inList('id', [...new Set(ids)]);
    const rows = this.db.prepare(`SELECT id, name FROM organisations WHERE ${list.sql}`).all(...list.params) as { id: string; name: string }[];
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}
