/**
 * Importing activities and agreements from the sheets missions keep (CSV or XLSX): the same
 * file → mapping → preview → confirm flow as the partner import, one record per row.
 */
import { z } from 'zod';
import { IMPORT_MAX_BYTES } from './partner-import';

export const RECORD_IMPORT_ENTITIES = ['activity', 'agreement'] as const;
export type RecordImportEntity = (typeof RECORD_IMPORT_ENTITIES)[number];
/** Everything imported from a sheet, each with its template: the record imports and partners (with their people). */
export const IMPORT_TEMPLATE_ENTITIES = [...RECORD_IMPORT_ENTITIES, 'partner'] as const;
export type ImportTemplateEntity = (typeof IMPORT_TEMPLATE_ENTITIES)[number];

/** What a column can be mapped to, per entity, in the order of the template's columns. */
export const RECORD_IMPORT_FIELDS = {
  activity: [
    'startDate',
    'title',
    'kind',
    'status',
    'format',
    'sectors',
    'country',
    'city',
    'provinces',
    'organisations',
    'dealValueUsd',
    'businessesSupported',
    'outcomes',
    'notes',
  ],
  agreement: ['signedDate', 'title', 'kind', 'foreignOrg', 'vnParty', 'province', 'valueUsd', 'status', 'nextReviewDate', 'notes'],
} as const satisfies Record<RecordImportEntity, readonly string[]>;
export type RecordImportField = (typeof RECORD_IMPORT_FIELDS)[RecordImportEntity][number];

/** The largest number of corrected cells one preview carries. */
const MAX_CORRECTIONS = 2000;

export const RecordImportInput = z.object({
  entity: z.enum(RECORD_IMPORT_ENTITIES),
  fileName: z.string().min(1).max(260),
  dataBase64: z.string().max(Math.ceil((IMPORT_MAX_BYTES * 4) / 3) + 4),
  /** Field -> the file's column header (absent or null: not imported); omitted: mapped by the headers. */
  mapping: z.record(z.string().max(40), z.string().max(200).nullable()).optional(),
  /** Field -> column mapped by hand, the other fields by the headers (the CLI's --map); ignored when mapping is given. */
  mappingOverride: z.record(z.string().max(40), z.string().min(1).max(200)).optional(),
  /** Cells corrected in the preview: line -> field -> the text to read instead of the file's. */
  corrections: z
    .record(z.string().regex(/^\d{1,7}$/), z.record(z.string().max(40), z.string().max(10000)))
    .refine((c) => Object.values(c).reduce((n, row) => n + Object.keys(row).length, 0) <= MAX_CORRECTIONS, { error: 'too_many' })
    .default({}),
});
export type RecordImportInput = z.input<typeof RecordImportInput>;
export type RecordImportRequest = z.output<typeof RecordImportInput>;

/**
 * create: a new record; imported: this row was imported before (its import key is known);
 * duplicate: a record with the same title and date exists, or an identical row came earlier;
 * problem: a cell cannot be read (listed, correctable in the preview).
 */
export type RecordImportAction = 'create' | 'imported' | 'duplicate' | 'problem';

export interface RecordImportRow {
  /** The row's line in the file, as the spreadsheet numbers it. */
  line: number;
  action: RecordImportAction;
  title: string;
  /** The date read (start or signing), yyyy-mm-dd. */
  date: string | null;
  /** The kind read (activityKind or agreementKind), and the units of the 34 the localities were mapped to. */
  kind: string | null;
  provinces: string[];
  /** The organisations named (partners, a foreign party): an existing one by its folded name, or one to create (id null). */
  organisations: { name: string; id: string | null }[];
  /** The text read for each mapped field (after corrections), to show and correct. */
  cells: Partial<Record<RecordImportField, string>>;
  problems: { field: RecordImportField; code: string }[];
}

export interface RecordImportCounts {
  create: number;
  imported: number;
  duplicate: number;
  problem: number;
}

export interface RecordImportPreview {
  entity: RecordImportEntity;
  fileName: string;
  columns: string[];
  mapping: Partial<Record<RecordImportField, string | null>>;
  totalRows: number;
  rows: RecordImportRow[];
  counts: RecordImportCounts;
  /** Organisations the new records name that do not exist yet: created on confirm, each once. */
  newOrganisations: string[];
}

export interface RecordImportSummary {
  entity: RecordImportEntity;
  totalRows: number;
  /** What was written: counts.create records. */
  counts: RecordImportCounts;
  organisationsCreated: number;
}
