/**
 * The partner rules of the import engine (import-engine.ts): organisations and their contact
 * people from a CSV or XLSX file. Every row is planned (create, merge into an existing record,
 * or skip) with duplicate detection against the database (folded name + country; e-mail) and
 * against earlier rows of the same file; only commit writes the plan, in one transaction.
 */
import type { ContactValues } from '../../shared/domain/contact';
import { ContactFields } from '../../shared/domain/contact';
import { ORGANISATION_KINDS } from '../../shared/domain/enums';
import type { Organisation, OrganisationValues } from '../../shared/domain/organisation';
import { OrganisationFields } from '../../shared/domain/organisation';
import {
  IMPORT_FIELDS,
  type ImportCounts,
  type ImportField,
  type ImportMapping,
  type ImportPreview,
  type ImportRequest,
  type ImportRowPlan,
  type ImportSummary,
} from '../../shared/domain/partner-import';
import { countryCodes, countryName, isCountryCode } from '../../shared/countries';
import { fieldIssues } from '../../shared/errors';
import { translate } from '../../shared/i18n';
import { SECTORS } from '../../shared/reference';
import { foldText } from '../../shared/text';
import type { AppContext } from '../context';
import type { WriteContext } from '../store/writer';
import { checkMapping, type HeaderNames, readImportTable, suggestMapping as suggestColumns, writeRows } from './import-engine';
import { mergedValues } from './organisation-merge';
import { reindexOrganisationLinks } from './partners';
import { headerKey, type Table } from './table-file';

/** Header words each field is recognised by (folded), besides its labels in both languages. */
const SYNONYMS: Record<ImportField, string[]> = {
  orgName: [
    'doi tac',
    'ten doi tac',
    'to chuc',
    'ten to chuc',
    'cong ty',
    'ten cong ty',
    'organisation',
    'organization',
    'organisation name',
    'organization name',
    'company',
    'partner',
  ],
  orgKind: ['loai', 'loai doi tac', 'loai to chuc', 'kind', 'type', 'organisation type', 'organization type'],
  orgCountry: ['quoc gia', 'nuoc', 'country'],
  orgSectors: ['linh vuc', 'nganh', 'sector', 'sectors', 'industry'],
  orgWebsite: ['website', 'trang web', 'web', 'url'],
  orgAddress: ['dia chi', 'address'],
  orgNotes: ['ghi chu doi tac', 'organisation notes', 'organization notes'],
  contactName: ['nguoi lien he', 'ho ten', 'ho va ten', 'ten nguoi lien he', 'contact', 'contact name', 'full name', 'name'],
  contactTitle: ['chuc vu', 'chuc danh', 'title', 'position', 'job title'],
  contactEmail: ['email', 'e mail', 'thu dien tu'],
  contactPhone: ['dien thoai', 'so dien thoai', 'phone', 'tel', 'telephone', 'mobile'],
  contactLanguage: ['ngon ngu', 'language'],
  contactNotes: ['ghi chu', 'notes', 'note', 'contact notes'],
};

const PARTNER_HEADERS: HeaderNames<ImportField> = { fields: IMPORT_FIELDS, synonyms: SYNONYMS, labelKey: (f) => `partnerImport.field.${f}` };

/** Maps each field to the first column whose header it recognises. */
export function suggestMapping(columns: readonly string[]): ImportMapping {
  return suggestColumns(PARTNER_HEADERS, columns);
}

/** Folded label or code -> value, for the enum-like columns. */
function lookup(entries: [string, string][]): Map<string, string> {
  return new Map(entries.map(([label, value]) => [headerKey(label), value]));
}
let lookups: { kinds: Map<string, string>; countries: Map<string, string>; sectors: Map<string, string> } | null = null;
function enumLookups() {
  lookups ??= {
    kinds: lookup(
      ORGANISATION_KINDS.flatMap(
        (k) =>
          [
            [k, k],
            [translate('vi', `enum.organisationKind.${k}`), k],
            [translate('en', `enum.organisationKind.${k}`), k],
          ] as [string, string][],
      ),
    ),
    countries: lookup(
      countryCodes().flatMap(
        (c) =>
          [
            [countryName(c, 'vi'), c],
            [countryName(c, 'en'), c],
          ] as [string, string][],
      ),
    ),
    // A sector answers to its id, its names and the first part of each name ("Thương mại" for "Thương mại, phân phối").
    sectors: lookup(
      SECTORS.flatMap((s) => [s.id, s.name, s.nameEn, s.name.split(',')[0]!, s.nameEn.split(',')[0]!].map((name) => [name, s.id]) as [string, string][]),
    ),
  };
  return lookups;
}

interface PlannedRow {
  public: ImportRowPlan;
  organisation: OrganisationValues | null;
  /** Index of the row whose new organisation this row reuses. */
  sameAsRow: number | null;
  contact: Omit<ContactValues, 'organisationId'> | null;
  contactSameAsRow: number | null;
}

const ORG_FIELD: Record<string, ImportField> = {
  name: 'orgName',
  kind: 'orgKind',
  country: 'orgCountry',
  sectors: 'orgSectors',
  website: 'orgWebsite',
  address: 'orgAddress',
  notes: 'orgNotes',
};
const CONTACT_FIELD: Record<string, ImportField> = {
  name: 'contactName',
  title: 'contactTitle',
  email: 'contactEmail',
  phone: 'contactPhone',
  language: 'contactLanguage',
  notes: 'contactNotes',
};

function planRows(app: AppContext, table: Table, mapping: ImportMapping, onDuplicate: 'merge' | 'skip'): PlannedRow[] {
  const { kinds, countries, sectors } = enumLookups();
  const index = Object.fromEntries(Object.entries(mapping).map(([field, column]) => [field, column ? table.columns.indexOf(column) : -1])) as Partial<
    Record<ImportField, number>
  >;
  const newOrganisations: { row: number; name: string; country: string | null }[] = [];
  const newEmails = new Map<string, number>();
  const duplicate = onDuplicate === 'merge' ? 'merge' : 'skip';

  return table.rows.map((cells, r): PlannedRow => {
    const get = (field: ImportField) => (index[field] !== undefined && index[field] >= 0 ? (cells[index[field]] ?? '') : '');
    const problems: ImportRowPlan['problems'] = [];
    const line = table.lines[r] ?? r + 2;

    let organisation: OrganisationValues | null = null;
    if (get('orgName')) {
      const rawCountry = get('orgCountry');
      const parsed = OrganisationFields.safeParse({
        name: get('orgName'),
        kind: get('orgKind') ? (kinds.get(headerKey(get('orgKind'))) ?? get('orgKind')) : undefined,
        country: rawCountry ? (isCountryCode(rawCountry.toUpperCase()) ? rawCountry : (countries.get(headerKey(rawCountry)) ?? rawCountry)) : null,
        // Sector names hold commas, so a list is separated by semicolons or line breaks.
        sectors: get('orgSectors')
          .split(/[;\n]/)
          .map((s) => s.trim())
          .filter(Boolean)
          .map((s) => sectors.get(headerKey(s)) ?? s),
        website: get('orgWebsite'),
        address: get('orgAddress'),
        notes: get('orgNotes'),
      });
      if (parsed.success) organisation = parsed.data;
      else for (const issue of fieldIssues(parsed.error)) problems.push({ field: ORG_FIELD[issue.path.split('.')[0]!] ?? 'orgName', code: issue.code });
    }
    let contact: PlannedRow['contact'] = null;
    const hasContact = Boolean(get('contactName') || get('contactEmail'));
    if (hasContact) {
      const parsed = ContactFields.omit({ organisationId: true }).safeParse({
        name: get('contactName'),
        title: get('contactTitle'),
        email: get('contactEmail'),
        phone: get('contactPhone'),
        language: get('contactLanguage'),
        notes: get('contactNotes'),
      });
      if (parsed.success) contact = parsed.data;
      else for (const issue of fieldIssues(parsed.error)) problems.push({ field: CONTACT_FIELD[issue.path] ?? 'contactName', code: issue.code });
    }
    if (!get('orgName') && !get('contactName')) problems.push({ field: mapping.orgName ? 'orgName' : 'contactName', code: 'required' });

    const plan: ImportRowPlan = {
      line,
      organisation: { name: get('orgName'), action: 'none', matchId: null, matchName: null, matchedBy: null },
      contact: { name: get('contactName'), action: 'none', matchId: null, matchedBy: null },
      problems,
    };
    if (problems.length) {
      if (plan.organisation.name) plan.organisation.action = 'skip';
      if (hasContact) plan.contact.action = 'skip';
      return { public: plan, organisation: null, sameAsRow: null, contact: null, contactSameAsRow: null };
    }

    let sameAsRow: number | null = null;
    if (organisation) {
      const folded = foldText(organisation.name);
      const country = organisation.country;
      const inFile = newOrganisations.find((o) => o.name === folded && (!o.country || !country || o.country === country));
      const existing = inFile ? null : (app.organisations.findSame(organisation.name, country)[0] ?? null);
      if (inFile) {
        sameAsRow = inFile.row;
        plan.organisation = { ...plan.organisation, action: duplicate, matchedBy: 'file' };
      } else if (existing) {
        plan.organisation = { ...plan.organisation, action: duplicate, matchId: existing.id, matchName: existing.name, matchedBy: 'name-country' };
      } else {
        newOrganisations.push({ row: r, name: folded, country });
        plan.organisation.action = 'create';
      }
    }
    let contactSameAsRow: number | null = null;
    if (contact) {
      const earlier = contact.email ? newEmails.get(contact.email) : undefined;
      const existing = earlier === undefined ? app.contacts.findByEmail(contact.email) : null;
      if (earlier !== undefined) {
        contactSameAsRow = earlier;
        plan.contact = { ...plan.contact, action: duplicate, matchedBy: 'file' };
      } else if (existing) {
        plan.contact = { ...plan.contact, action: duplicate, matchId: existing.id, matchedBy: 'email' };
      } else {
        if (contact.email) newEmails.set(contact.email, r);
        plan.contact.action = 'create';
      }
    }
    return { public: plan, organisation, sameAsRow, contact, contactSameAsRow };
  });
}

function counts(rows: readonly ImportRowPlan[], part: 'organisation' | 'contact'): ImportCounts {
  const of = (action: string) => rows.filter((r) => r[part].action === action).length;
  return { created: of('create'), merged: of('merge'), skipped: of('skip') };
}

async function prepare(app: AppContext, input: ImportRequest) {
  const table = await readImportTable(PARTNER_HEADERS, input.fileName, input.dataBase64);
  const mapping = input.mapping ?? suggestMapping(table.columns);
  // A row needs a partner or a person: either name column will do.
  checkMapping(PARTNER_HEADERS, mapping, table.columns, mapping.orgName || mapping.contactName ? [] : ['orgName', 'contactName']);
  return { table, mapping, rows: planRows(app, table, mapping, input.onDuplicate) };
}

/** Reads the file and plans every row; writes nothing. */
export async function previewImport(app: AppContext, input: ImportRequest): Promise<ImportPreview> {
  const { table, mapping, rows } = await prepare(app, input);
  const plans = rows.map((r) => r.public);
  return {
    fileName: input.fileName,
    columns: table.columns,
    mapping,
    totalRows: table.rows.length,
    rows: plans,
    organisations: counts(plans, 'organisation'),
    contacts: counts(plans, 'contact'),
  };
}

/** Fills the empty fields of an existing contact from an imported one. */
function completedContact(existing: ContactValues, incoming: Omit<ContactValues, 'organisationId'>, organisationId: string | null): ContactValues {
  const pick = (a: string, b: string) => (a.trim() ? a : b);
  return {
    organisationId: existing.organisationId ?? organisationId,
    name: existing.name,
    title: pick(existing.title, incoming.title),
    email: pick(existing.email, incoming.email),
    phone: pick(existing.phone, incoming.phone),
    language: pick(existing.language, incoming.language),
    notes: pick(existing.notes, incoming.notes),
  };
}

/** Plans again with the confirmed mapping and writes the plan (import-engine.ts, writeRows). */
export async function commitImport(app: AppContext, input: ImportRequest, progress: (done: number, total: number) => void): Promise<ImportSummary> {
  const { rows } = await prepare(app, input);
  const organisationOfRow = new Map<number, string>();
  const contactOfRow = new Map<number, string>();
  const writeRow = (ctx: WriteContext, row: PlannedRow, r: number) => {
    const plan = row.public;
    let organisationId: string | null = null;
    if (row.organisation) {
      const targetId = plan.organisation.matchId ?? (row.sameAsRow !== null ? organisationOfRow.get(row.sameAsRow)! : null);
      if (plan.organisation.action === 'create') organisationId = app.organisations.createIn(ctx, row.organisation).id;
      else organisationId = targetId;
      if (plan.organisation.action === 'merge' && targetId) {
        const target = app.organisations.get(targetId) as Organisation;
        app.organisations.updateIn(ctx, targetId, mergedValues(target, { ...target, ...row.organisation, name: target.name }));
      }
      if (organisationId) organisationOfRow.set(r, organisationId);
    }
    if (row.contact) {
      const targetId = plan.contact.matchId ?? (row.contactSameAsRow !== null ? contactOfRow.get(row.contactSameAsRow)! : null);
      if (plan.contact.action === 'create') contactOfRow.set(r, app.contacts.createIn(ctx, { ...row.contact, organisationId }).id);
      else if (plan.contact.action === 'merge' && targetId)
        app.contacts.updateIn(ctx, targetId, completedContact(app.contacts.get(targetId), row.contact, organisationId));
    }
  };
  await writeRows(app, rows, writeRow, progress, () => {
    for (const id of new Set(organisationOfRow.values())) reindexOrganisationLinks(app, id);
  });
  const plans = rows.map((r) => r.public);
  return {
    totalRows: rows.length,
    organisations: counts(plans, 'organisation'),
    contacts: counts(plans, 'contact'),
    rowsWithProblems: plans.filter((p) => p.problems.length > 0).length,
  };
}
