/**
 * The one import engine behind every spreadsheet import (partners, activities, agreements):
 * the file read in the bounded worker with its header found below any title, columns mapped
 * by their headers, and the confirmed plan written in one transaction in slices after a
 * backup. Entity rules (partner-import.ts, activity-import.ts, agreement-import.ts) say which
 * fields there are, what headers name them and how a row becomes a record. Activities and
 * agreements share planRecords/previewRecords/commitRecords here: one record per row, an
 * import key per row so a file imported again creates nothing twice.
 */
import { createHash } from 'node:crypto';
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from '../../shared/domain/partner-import';
import type {
  RecordImportAction,
  RecordImportCounts,
  RecordImportField,
  RecordImportPreview,
  RecordImportRequest,
  RecordImportRow,
  RecordImportSummary,
} from '../../shared/domain/record-import';
import type { z } from 'zod';
import { OrganisationFields } from '../../shared/domain/organisation';
import { AppError, fieldIssues } from '../../shared/errors';
import type { Reading } from '../../shared/import-values';
import { foldText } from '../../shared/text';
import { translate } from '../../shared/i18n';
import type { AppContext } from '../context';
import type { ImportedEntity } from '../store/import-keys';
import type { WriteContext } from '../store/writer';
import { backupBeforeRisk } from './backup';
import { exclusively, yieldToEventLoop } from './slices';
import { headerKey, type Table } from './table-file';
import { DEFAULT_TABLE_LIMITS } from './table-limits';
import { DEFAULT_ISOLATION, readTableIsolated } from './table-reader';

/** How an entity's fields are named in headers: its synonyms and its labels in both languages. */
export interface HeaderNames<F extends string> {
  fields: readonly F[];
  synonyms: Record<F, readonly string[]>;
  /** The i18n key of a field's label. */
  labelKey(field: F): string;
}

function namesOf<F extends string>(h: HeaderNames<F>, field: F): Set<string> {
  return new Set([...h.synonyms[field].map(headerKey), headerKey(translate('vi', h.labelKey(field))), headerKey(translate('en', h.labelKey(field)))]);
}

/** Every header the entity recognises, folded: what finds the header row below a title. */
export function knownHeaders<F extends string>(h: HeaderNames<F>): string[] {
  return [...new Set(h.fields.flatMap((f) => [...namesOf(h, f)]))];
}

/** Maps each field to the first column whose header it recognises. */
export function suggestMapping<F extends string>(h: HeaderNames<F>, columns: readonly string[]): Partial<Record<F, string>> {
  const mapping: Partial<Record<F, string>> = {};
  const used = new Set<string>();
  for (const field of h.fields) {
    const names = namesOf(h, field);
    const column = columns.find((c) => !used.has(c) && names.has(headerKey(c)));
    if (column) {
      mapping[field] = column;
      used.add(column);
    }
  }
  return mapping;
}

/** Refuses a mapping naming a column the file does not have, or leaving a required field unmapped. */
export function checkMapping<F extends string>(
  h: HeaderNames<F>,
  mapping: Partial<Record<string, string | null>>,
  columns: readonly string[],
  required: readonly F[],
): void {
  for (const column of Object.values(mapping)) {
    if (column && !columns.includes(column)) throw new AppError('IMPORT_UNKNOWN_COLUMN', `The column ${column} is not in the file`, { params: { column } });
  }
  const missing = required.filter((f) => !mapping[f]);
  if (missing.length) {
    const labels = missing.map((f) => translate('vi', h.labelKey(f))).join(', ');
    throw new AppError('IMPORT_MISSING_COLUMNS', `Columns not mapped: ${missing.join(', ')}`, { params: { columns: labels } });
  }
}

/**
 * Reads the chosen file in the worker, within the import's bounds, its header found by the
 * entity's names and by the headers a mapping override names.
 */
export function readImportTable<F extends string>(
  h: HeaderNames<F>,
  fileName: string,
  dataBase64: string,
  extraHeaders: readonly string[] = [],
): Promise<Table> {
  return readTableIsolated(
    fileName,
    Buffer.from(dataBase64, 'base64'),
    { ...DEFAULT_TABLE_LIMITS, maxRows: IMPORT_MAX_ROWS, maxBytes: IMPORT_MAX_BYTES },
    DEFAULT_ISOLATION,
    [...knownHeaders(h), ...extraHeaders.map(headerKey)],
  );
}

/** The mapping by headers with some fields mapped by hand: a column overridden is taken from the field it was guessed for. */
export function overriddenMapping<F extends string>(
  h: HeaderNames<F>,
  columns: readonly string[],
  override: Partial<Record<string, string>>,
): Partial<Record<F, string | null>> {
  const taken = new Set(Object.values(override));
  const guessed = Object.entries(
    suggestMapping(
      h,
      columns.filter((c) => !taken.has(c)),
    ),
  );
  return { ...Object.fromEntries(guessed), ...override } as Partial<Record<F, string | null>>;
}

/** Rows written between two pauses of the import's transaction (10,000 rows took 2.4 s at once). */
const IMPORT_SLICE = 250;

/**
 * Writes every row in one transaction, in slices: the window shows progress meanwhile,
 * other calls wait, and a failure leaves nothing written. The day's backup is copied meanwhile
 * in a worker and the rows commit only once it is complete: it holds the state before the import
 * (the worker reads committed data only), and a failed backup writes nothing.
 */
export async function writeRows<R>(
  app: AppContext,
  rows: readonly R[],
  writeRow: (ctx: WriteContext, row: R, index: number) => void,
  progress: (done: number, total: number) => void,
  after: () => void = () => {},
): Promise<void> {
  const backup = backupBeforeRisk(app, 'before-import');
  await exclusively(app, () =>
    app.writer.writeInSlices(async (ctx) => {
      for (const [r, row] of rows.entries()) {
        writeRow(ctx, row, r);
        if ((r + 1) % IMPORT_SLICE === 0) {
          progress(r + 1, rows.length);
          await yieldToEventLoop();
        }
      }
      after();
      await backup?.done;
    }),
  );
  progress(rows.length, rows.length);
}

export type FieldProblem<F> = { field: F; code: string };

/** Collects a row's problems: each cell's reading, then what the record's schema still refuses. */
export function rowProblems<F extends string>() {
  const problems: FieldProblem<F>[] = [];
  return {
    problems,
    /** The value read, or the fallback with the cell's problem noted. */
    take<T>(field: F, reading: Reading<T>, fallback: T): T {
      if (reading.ok) return reading.value;
      problems.push({ field, code: reading.code });
      return fallback;
    },
    /** The schema's issues, each on the field the sheet holds it in, once per field. */
    schema(error: z.ZodError, fieldOf: (path: string) => F): void {
      for (const issue of fieldIssues(error)) {
        const field = fieldOf(issue.path.split('.')[0]!);
        if (!problems.some((p) => p.field === field)) problems.push({ field, code: issue.code });
      }
    },
  };
}

/** What the preview shows of a row, read or not. */
export type RowShown = Pick<RecordImportRow, 'title' | 'date' | 'kind' | 'provinces' | 'organisations'>;

export type OrganisationRef = RecordImportRow['organisations'][number];

/**
 * Organisations a cell names, separated by semicolons or line breaks (names hold commas):
 * each the existing organisation of that folded name, or one to create (id null).
 */
export type OrganisationReader = (text: string) => Reading<OrganisationRef[]>;

function organisationReader(app: AppContext): OrganisationReader {
  const known = new Map<string, OrganisationRef>();
  return (text) => {
    const refs: OrganisationRef[] = [];
    for (const name of text
      .split(/[;\n]/)
      .map((n) => n.trim().replace(/\s+/g, ' '))
      .filter(Boolean)) {
      const parsed = OrganisationFields.shape.name.safeParse(name);
      if (!parsed.success) return { ok: false, code: fieldIssues(parsed.error)[0]?.code ?? 'invalid' };
      const folded = foldText(name);
      let ref = known.get(folded);
      if (!ref) {
        const existing = app.organisations.findSame(name, null)[0];
        ref = existing ? { name: existing.name, id: existing.id } : { name, id: null };
        known.set(folded, ref);
      }
      if (!refs.includes(ref)) refs.push(ref);
    }
    return { ok: true, value: refs };
  };
}

/** The ids of existing organisations among those a row names. */
export const existingIds = (refs: readonly OrganisationRef[]) => refs.flatMap((r) => (r.id ? [r.id] : []));

/** The rules of an entity imported one record per row. */
export interface RecordRules<F extends RecordImportField, V> extends HeaderNames<F> {
  entity: ImportedEntity;
  /** Fields whose column must be mapped. */
  required: readonly F[];
  /** Reads a row (each field's text) into the record's values, or lists its problems; with what was read, to show. */
  read(
    text: (field: F) => string,
    mapped: (field: F) => boolean,
    organisations: OrganisationReader,
  ): RowShown & ({ values: V } | { problems: FieldProblem<F>[] });
  /** An existing record of this mission this one repeats (same title and date), if any. */
  findSame(app: AppContext, values: V): string | null;
  /** Writes the record, linked besides to the organisations this import created for it. */
  create(app: AppContext, ctx: WriteContext, values: V, newOrganisationIds: string[]): string;
}

const sameDayStatements = new WeakMap<object, Map<string, { all(date: string, mission: string): unknown[] }>>();

/**
 * The live record of this mission with this title (diacritics and case ignored) on this date:
 * the duplicate a row repeats. At HQ, which holds every mission's records, another mission's
 * record of the same title and day is not one. sql selects id and title for a date and a mission.
 */
export function recordWithSameTitle(app: AppContext, sql: string, date: string, title: string): string | null {
  const statements = sameDayStatements.get(app.db) ?? new Map<string, { all(date: string, mission: string): unknown[] }>();
  sameDayStatements.set(app.db, statements);
  const stmt = statements.get(sql) ?? app.db.prepare(sql);
  statements.set(sql, stmt);
  const folded = foldText(title);
  return (stmt.all(date, app.requireMissionId()) as { id: string; title: string }[]).find((r) => foldText(r.title) === folded)?.id ?? null;
}

interface PlannedRecord<V> {
  public: RecordImportRow;
  key: string;
  values: V | null;
}

/** The organisations to create for the rows to write, each once whatever the rows naming it. */
function newOrganisationNames(rows: readonly RecordImportRow[]): string[] {
  const names = new Map<string, string>();
  for (const row of rows) if (row.action === 'create') for (const o of row.organisations) if (!o.id) names.set(foldText(o.name), o.name);
  return [...names.values()];
}

/** The row's cells, whatever the mapping: the same file gives the same keys. */
function importKey(cells: readonly string[]): string {
  return createHash('sha256').update(cells.join('\u001f')).digest('base64url');
}

function planRecords<F extends RecordImportField, V>(
  app: AppContext,
  rules: RecordRules<F, V>,
  table: Table,
  mapping: Partial<Record<F, string | null>>,
  corrections: RecordImportRequest['corrections'],
): PlannedRecord<V>[] {
  const index = new Map(rules.fields.map((f) => [f, mapping[f] ? table.columns.indexOf(mapping[f]) : -1]));
  const keysInFile = new Set<string>();
  const organisations = organisationReader(app);
  return table.rows.map((cells, r): PlannedRecord<V> => {
    const line = table.lines[r] ?? r + 2;
    const corrected = corrections[String(line)] ?? {};
    const mapped = (f: F) => (index.get(f) ?? -1) >= 0 || f in corrected;
    const text = (f: F) => corrected[f] ?? ((index.get(f) ?? -1) >= 0 ? (cells[index.get(f)!] ?? '') : '');
    const shown = Object.fromEntries(rules.fields.filter(mapped).map((f) => [f, text(f)])) as RecordImportRow['cells'];
    const key = importKey(cells);
    const reading = rules.read(text, mapped, organisations);
    const row = (action: RecordImportAction, problems: RecordImportRow['problems'] = []): RecordImportRow => ({
      line,
      action,
      title: reading.title,
      date: reading.date,
      kind: reading.kind,
      provinces: reading.provinces,
      organisations: reading.organisations,
      cells: shown,
      problems,
    });
    // A row imported before stays so even when it reads differently now (corrected then, say).
    if (app.importKeys.recordOf(rules.entity, key)) return { public: row('imported'), key, values: null };
    if ('problems' in reading) return { public: row('problem', reading.problems), key, values: null };
    if (keysInFile.has(key) || rules.findSame(app, reading.values)) return { public: row('duplicate'), key, values: null };
    keysInFile.add(key);
    return { public: row('create'), key, values: reading.values };
  });
}

function countsOf(rows: readonly RecordImportRow[]): RecordImportCounts {
  const of = (action: RecordImportAction) => rows.filter((r) => r.action === action).length;
  return { create: of('create'), imported: of('imported'), duplicate: of('duplicate'), problem: of('problem') };
}

async function prepareRecords<F extends RecordImportField, V>(app: AppContext, rules: RecordRules<F, V>, input: RecordImportRequest) {
  const table = await readImportTable(rules, input.fileName, input.dataBase64, Object.values(input.mappingOverride ?? {}));
  const mapping = (input.mapping ?? overriddenMapping(rules, table.columns, input.mappingOverride ?? {})) as Partial<Record<F, string | null>>;
  for (const field of Object.keys(mapping)) {
    if (!(rules.fields as readonly string[]).includes(field)) throw new AppError('VALIDATION', `Unknown field ${field}`);
  }
  checkMapping(rules, mapping, table.columns, rules.required);
  return { table, mapping, rows: planRecords(app, rules, table, mapping, input.corrections) };
}

/** Reads the file and plans every row; writes nothing. */
export async function previewRecords<F extends RecordImportField, V>(
  app: AppContext,
  rules: RecordRules<F, V>,
  input: RecordImportRequest,
): Promise<RecordImportPreview> {
  const { table, mapping, rows } = await prepareRecords(app, rules, input);
  const plans = rows.map((r) => r.public);
  return {
    entity: input.entity,
    fileName: input.fileName,
    columns: table.columns,
    mapping,
    totalRows: table.rows.length,
    rows: plans,
    counts: countsOf(plans),
    newOrganisations: newOrganisationNames(plans),
  };
}

/** Plans again with the confirmed mapping and corrections, and writes the new records with their import keys. */
export async function commitRecords<F extends RecordImportField, V>(
  app: AppContext,
  rules: RecordRules<F, V>,
  input: RecordImportRequest,
  progress: (done: number, total: number) => void,
): Promise<RecordImportSummary> {
  const { rows } = await prepareRecords(app, rules, input);
  const toWrite = rows.filter((r) => r.values !== null);
  const created = new Map<string, string>();
  const newOrganisationIds = (ctx: WriteContext, refs: readonly OrganisationRef[]) =>
    refs.flatMap((ref) => {
      if (ref.id) return [];
      const folded = foldText(ref.name);
      const id = created.get(folded) ?? app.organisations.createIn(ctx, OrganisationFields.parse({ name: ref.name })).id;
      created.set(folded, id);
      return [id];
    });
  await writeRows(
    app,
    toWrite,
    (ctx, row) => app.importKeys.addIn(ctx, rules.entity, row.key, rules.create(app, ctx, row.values as V, newOrganisationIds(ctx, row.public.organisations))),
    progress,
  );
  const plans = rows.map((r) => r.public);
  return { entity: input.entity, totalRows: rows.length, counts: countsOf(plans), organisationsCreated: created.size };
}
