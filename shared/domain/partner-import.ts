/** Importing organisations and their people from a CSV or XLSX file. */
import { z } from 'zod';

/** What a column of the file can be mapped to. */
export const IMPORT_FIELDS = [
  'orgName',
  'orgKind',
  'orgCountry',
  'orgSectors',
  'orgWebsite',
  'orgAddress',
  'orgNotes',
  'contactName',
  'contactTitle',
  'contactEmail',
  'contactPhone',
  'contactLanguage',
  'contactNotes',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** The largest file accepted, in rows and bytes: beyond that, split the file. */
export const IMPORT_MAX_ROWS = 10000;
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;

/** Import field -> the file's column header (absent or null: not imported). */
export const ImportMapping = z.partialRecord(z.enum(IMPORT_FIELDS), z.string().max(200).nullable());
export type ImportMapping = z.output<typeof ImportMapping>;

export const ImportInput = z.object({
  fileName: z.string().min(1).max(260),
  dataBase64: z.string().max(Math.ceil((IMPORT_MAX_BYTES * 4) / 3) + 4),
  /** Omitted on the first preview: the columns are then mapped by their headers. */
  mapping: ImportMapping.optional(),
  /** What to do with a row matching an existing record: fill its empty fields, or leave it. */
  onDuplicate: z.enum(['merge', 'skip']).default('merge'),
});
export type ImportInput = z.input<typeof ImportInput>;
export type ImportRequest = z.output<typeof ImportInput>;

export type ImportAction = 'create' | 'merge' | 'skip' | 'none';

export interface ImportRowPlan {
  /** Line number in the file (the header is line 1). */
  line: number;
  organisation: { name: string; action: ImportAction; matchId: string | null; matchName: string | null; matchedBy: 'name-country' | 'file' | null };
  contact: { name: string; action: ImportAction; matchId: string | null; matchedBy: 'email' | 'file' | null };
  /** Field problems (validation codes); a row with problems is skipped. */
  problems: { field: ImportField; code: string }[];
}

export interface ImportCounts {
  created: number;
  merged: number;
  skipped: number;
}

export interface ImportPreview {
  fileName: string;
  columns: string[];
  mapping: ImportMapping;
  totalRows: number;
  /** The plan for every row (the renderer shows the first ones). */
  rows: ImportRowPlan[];
  organisations: ImportCounts;
  contacts: ImportCounts;
}

export interface ImportSummary {
  totalRows: number;
  organisations: ImportCounts;
  contacts: ImportCounts;
  rowsWithProblems: number;
}
