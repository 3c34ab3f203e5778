/** Contact people: entity 'contact'. Personal data: no e-mail or phone in logs, errors or the search index. */
import type { Db } from '../db/open';
import { CONTACT_FIELD_NAMES, type Contact, type ContactListInput, type ContactRow, type ContactValues } from '../../shared/domain/contact';
import { AppError } from '../../shared/errors';
import type { OrganisationStore } from './organisations';
import { listPage, recordFromRow, RecordTable, textFilter, whereClause, type DbRecordRow, type TableSpec } from './record-table';
import type { SearchIndex } from './search-index';
import type { Writer } from './writer';

export const CONTACT_TABLE: TableSpec<ContactValues> = {
  entity: 'contact',
  table: 'contacts',
  fields: CONTACT_FIELD_NAMES,
  defaults: { organisationId: null, name: '', title: '', email: '', phone: '', language: '', notes: '' },
};

/** The list screen's page and total, on any connection (the writer's, or a reader of the pool: services/reads.ts). */
export function listContacts(db: Db, input: ContactListInput): { total: number; offset: number; rows: ContactRow[] } {
  const f = input.filter;
  const where = whereClause([
    { sql: 'c.deleted_at IS NULL', params: [] },
    f.organisationId ? { sql: 'c.organisation_id = ?', params: [f.organisationId] } : null,
    textFilter('contact', f.text, 'c', db),
  ]);
  const { total, offset, rows } = listPage(
    db,
    {
      table: 'contacts',
      alias: 'c',
      where,
      order: 'c.name, c.id',
      select: 'c.*, o.name AS organisation_name',
      joins: 'LEFT JOIN organisations o ON o.id = c.organisation_id',
    },
    input,
  );
  return { total, offset, rows: rows.map((r) => ({ ...recordFromRow(CONTACT_TABLE, r), organisationName: r.organisation_name as string | null })) };
}

export class ContactStore extends RecordTable<ContactValues> {
  private readonly byEmail;

  constructor(
    db: Db,
    writer: Writer,
    searchIndex: SearchIndex,
    missionId: () => string,
    private readonly organisations: OrganisationStore,
  ) {
    super(db, writer, searchIndex, missionId, CONTACT_TABLE);
    this.byEmail = db.prepare(`SELECT * FROM contacts WHERE deleted_at IS NULL AND email = ? COLLATE NOCASE ORDER BY created_at LIMIT 1`);
  }

  protected override searchText(c: Contact) {
    const organisation = c.organisationId ? this.organisations.find(c.organisationId) : null;
    return { title: c.name, body: [c.title, organisation?.name ?? '', c.language].join(' ') };
  }

  protected override checkReferences(_values: ContactValues, changed: Partial<ContactValues>): void {
    if (changed.organisationId && this.organisations.find(changed.organisationId)?.deletedAt !== null) {
      throw new AppError('VALIDATION', 'The contact names an unknown organisation', { fields: [{ path: 'organisationId', code: 'invalid_id' }] });
    }
  }

  findByEmail(email: string): Contact | null {
    if (!email) return null;
    const row = this.byEmail.get(email) as DbRecordRow | undefined;
    return row ? this.fromRow(row) : null;
  }

  /** Re-indexes an organisation's people after its name changed (their search text holds it). */
  reindexOrganisation(organisationId: string): void {
    for (const row of this.db.prepare(`SELECT * FROM contacts WHERE organisation_id = ? AND deleted_at IS NULL`).all(organisationId) as DbRecordRow[]) {
      this.reindex(this.fromRow(row));
    }
  }

  list(input: ContactListInput): { total: number; offset: number; rows: ContactRow[] } {
    return listContacts(this.db, input);
  }
}
