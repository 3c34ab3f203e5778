/**
 * The common part of the partner stores (organisations, contacts, agreements, their log,
 * follow-ups): one table whose columns are the snake_case of the schema's camelCase fields
 * plus the record metadata. Writes record field-level changes; soft delete with the
 * DELETED_FIELD tombstone; applyRemote for the exchange. Entity stores extend it with
 * their reads (lists, lookups) and their reference checks.
 */
import { v7 as uuidv7 } from 'uuid';
import { performance } from 'node:perf_hooks';
import type { Db } from '../db/open';
import { KIND_TEXT, PARTNER_TEXT_PENDING } from '../db/migrations/028-partner-text';
import { SLICE_MS } from '../services/slices';
import type { RecordMeta } from '../../shared/domain/activity';
import type { Entity } from '../../shared/domain/enums';
import { AppError } from '../../shared/errors';
import type { RemoteApplicable, RemoteMeta } from './entity';
import { ftsQuery, type SearchIndex } from './search-index';
import { sqlLimit, statementsOf } from './statements';
import { changedFields, DELETED_FIELD, nonEmptyFields, type WriteContext, type Writer } from './writer';

export interface TableSpec<V extends object> {
  entity: Entity;
  table: string;
  fields: readonly (keyof V & string)[];
  /** Fields stored as JSON text (lists). */
  jsonFields?: readonly (keyof V & string)[];
  /** Columns computed from the values, never in change records (e.g. name_folded). */
  derived?: Record<string, (values: V) => string | number | null>;
  /** Values of a record first seen through the exchange, before its fields are applied. */
  defaults: V;
}

export type StoredRecord<V> = V & RecordMeta;

export const snakeCase = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

interface FieldColumn {
  field: string;
  column: string;
  json: boolean;
}
const fieldColumnsOfSpec = new WeakMap<object, FieldColumn[]>();

/** Each field's column and whether it holds JSON, worked out once per table: a regex per field of each row read or written cost a partner page of 200 rows ~1 ms. */
function fieldColumns<V extends object>(spec: Pick<TableSpec<V>, 'fields' | 'jsonFields'>): FieldColumn[] {
  let columns = fieldColumnsOfSpec.get(spec);
  if (!columns) {
    columns = spec.fields.map((field) => ({ field, column: snakeCase(field), json: spec.jsonFields?.includes(field) ?? false }));
    fieldColumnsOfSpec.set(spec, columns);
  }
  return columns;
}

export interface DbRecordRow {
  id: string;
  created_at: string;
  updated_at: string;
  created_by: string;
  updated_by: string;
  device_id: string;
  deleted_at: string | null;
  [column: string]: unknown;
}

export abstract class RecordTable<V extends object> implements RemoteApplicable {
  readonly entity: Entity;
  private readonly getStmt;
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly setDeletedStmt;
  private readonly ownerStmt;

  constructor(
    protected readonly db: Db,
    protected readonly writer: Writer,
    protected readonly searchIndex: SearchIndex,
    protected readonly missionId: () => string,
    protected readonly spec: TableSpec<V>,
  ) {
    this.entity = spec.entity;
    const columns = [...fieldColumns(spec).map((f) => f.column), ...Object.keys(spec.derived ?? {})];
    this.getStmt = db.prepare(`SELECT * FROM ${spec.table} WHERE id = ?`);
    this.insertStmt = db.prepare(
      `INSERT INTO ${spec.table} (id, mission_id, ${columns.join(', ')}, created_at, updated_at, created_by, updated_by, device_id, deleted_at)
       VALUES (@id, @mission_id, ${columns.map((c) => `@${c}`).join(', ')}, @now, @now, @author, @author, @device_id, @deleted_at)`,
    );
    this.updateStmt = db.prepare(
      `UPDATE ${spec.table} SET ${columns.map((c) => `${c} = @${c}`).join(', ')}, updated_at = @now, updated_by = @author WHERE id = @id`,
    );
    this.setDeletedStmt = db.prepare(`UPDATE ${spec.table} SET deleted_at = ?, updated_at = ?, updated_by = ? WHERE id = ?`);
    this.ownerStmt = db.prepare(`SELECT mission_id FROM ${spec.table} WHERE id = ?`).pluck();
  }

  /** Title and body for the search index; null for records that are not searched. */
  protected searchText(_record: StoredRecord<V>): { title: string; body: string } | null {
    return null;
  }

  /**
   * Checks references to other records before a write (throws VALIDATION). Only the
   * changed fields are checked, so a record whose linked record was deleted since can
   * still be edited.
   */
  protected checkReferences(_values: V, _changed: Partial<V>): void {}

  find(id: string): StoredRecord<V> | null {
    const row = this.getStmt.get(id) as DbRecordRow | undefined;
    return row ? this.fromRow(row) : null;
  }

  get(id: string): StoredRecord<V> {
    const found = this.find(id);
    if (!found) throw new AppError('NOT_FOUND', `No ${this.entity} with id ${id}`);
    return found;
  }

  /** Like get, but a deleted record counts as missing (for references). */
  getLive(id: string): StoredRecord<V> {
    const found = this.get(id);
    if (found.deletedAt) throw new AppError('NOT_FOUND', `The ${this.entity} ${id} is deleted`);
    return found;
  }

  fromRow(row: DbRecordRow): StoredRecord<V> {
    return recordFromRow(this.spec, row);
  }

  create(values: V): StoredRecord<V> {
    return this.writer.write((ctx) => this.createIn(ctx, values));
  }

  update(id: string, values: V): StoredRecord<V> {
    return this.writer.write((ctx) => this.updateIn(ctx, id, values));
  }

  /** Creates many in one transaction (demo data, imports); returns their ids in order. */
  createMany(list: readonly V[]): string[] {
    return this.writer.write((ctx) => list.map((values) => this.createIn(ctx, values).id));
  }

  createIn(ctx: WriteContext, values: V): StoredRecord<V> {
    this.checkReferences(values, values);
    const id = uuidv7();
    ctx.recordChanges(this.entity, id, nonEmptyFields<V>(values, this.spec.fields));
    this.insertStmt.run({
      id,
      mission_id: this.missionId(),
      ...this.columnValues(values),
      now: ctx.now,
      author: ctx.author,
      device_id: ctx.deviceId,
      deleted_at: null,
    });
    const created = this.get(id);
    this.reindex(created);
    return created;
  }

  /** Records and writes only the fields that changed; an unchanged record is returned as is. */
  updateIn(ctx: WriteContext, id: string, values: V): StoredRecord<V> {
    const before = this.get(id);
    const diff = changedFields<V>(before, values, this.spec.fields);
    if (Object.keys(diff).length === 0) return before;
    this.checkReferences(values, diff);
    ctx.recordChanges(this.entity, id, diff);
    this.updateStmt.run({ id, ...this.columnValues(values), now: ctx.now, author: ctx.author });
    const after = this.get(id);
    this.reindex(after, before);
    return after;
  }

  /** Soft delete: the record stays, for undo and as a tombstone in the change log. */
  delete(id: string): { id: string; deletedAt: string } {
    return this.writer.write((ctx) => {
      const deleted = this.deleteIn(ctx, id);
      return { id, deletedAt: deleted.deletedAt ?? ctx.now };
    });
  }

  deleteIn(ctx: WriteContext, id: string): StoredRecord<V> {
    const before = this.get(id);
    if (before.deletedAt) return before;
    ctx.recordChanges(this.entity, id, { [DELETED_FIELD]: ctx.now });
    this.setDeletedStmt.run(ctx.now, ctx.now, ctx.author, id);
    this.searchIndex.remove(this.entity, id);
    return this.get(id);
  }

  restore(id: string): StoredRecord<V> {
    return this.writer.write((ctx) => {
      const before = this.get(id);
      if (!before.deletedAt) return before;
      ctx.recordChanges(this.entity, id, { [DELETED_FIELD]: null });
      this.setDeletedStmt.run(null, ctx.now, ctx.author, id);
      const after = this.get(id);
      this.reindex(after, before);
      return after;
    });
  }

  ownerMission(id: string): string | null {
    return (this.ownerStmt.get(id) as string | undefined) ?? null;
  }

  mergedValues(id: string, fields: Record<string, unknown>): Record<string, unknown> {
    const existing = this.find(id);
    const current = existing ? Object.fromEntries(this.spec.fields.map((f) => [f, existing[f]])) : this.spec.defaults;
    const known = Object.fromEntries(Object.entries(fields).filter(([name]) => (this.spec.fields as readonly string[]).includes(name)));
    return { ...current, ...known };
  }

  applyRemote(id: string, fields: Record<string, unknown>, meta: RemoteMeta): void {
    const existing = this.find(id);
    const values = this.mergedValues(id, fields) as V;
    const params = { id, ...this.columnValues(values), now: meta.now, author: meta.author };
    if (existing) this.updateStmt.run(params);
    else this.insertStmt.run({ ...params, mission_id: meta.missionId, device_id: meta.deviceId, deleted_at: null });
    if (DELETED_FIELD in fields) {
      const deletedAt = fields[DELETED_FIELD];
      this.setDeletedStmt.run(typeof deletedAt === 'string' ? deletedAt : null, meta.now, meta.author, id);
    }
    const after = this.get(id);
    // A batch may move a record and delete it: what derives from it follows all the same (reindex
    // puts no deleted record's text; an activity's link rows serve the list's deleted view).
    if (after.deletedAt) this.searchIndex.remove(this.entity, id);
    this.reindex(after, existing ?? undefined);
  }

  /**
   * Puts every live record's text in the search index again (after 006 emptied it), read by
   * rowid; pause runs every SLICE_MS of work, so the window waits at most that long (a slice
   * of 1,000 rows took 100–150 ms: npm run bench, responsive). `index` puts one record (by default in every index).
   */
  async reindexAll(pause: () => Promise<void>, index = (record: StoredRecord<V>) => this.indexText(record)): Promise<number> {
    const slice = this.db.prepare(`SELECT rowid AS seq, * FROM ${this.spec.table} WHERE deleted_at IS NULL AND rowid > ? ORDER BY rowid LIMIT 200`);
    let count = 0;
    let started = performance.now();
    for (let after = 0; ;) {
      const rows = slice.all(after) as (DbRecordRow & { seq: number })[];
      if (rows.length === 0) return count;
      for (const row of rows) index(this.fromRow(row));
      count += rows.length;
      after = rows[rows.length - 1]!.seq;
      if (performance.now() - started >= SLICE_MS) {
        await pause();
        started = performance.now();
      }
    }
  }

  /**
   * Puts every live record's text in its kind's own index alone (the fill after migration 028), a
   * slice of rows per transaction, so that other calls write in between (at HQ's size the fill
   * takes ~50 s, a write waiting at most ~0.1 s). A record written meanwhile is right either way:
   * each put replaces its text there, before or after the fill passes it. `pause` runs before each
   * slice. False when the database closed meanwhile.
   */
  async fillKindText(pause: () => Promise<void>): Promise<boolean> {
    const slice = this.db.prepare(
      `SELECT rowid AS seq, * FROM ${this.spec.table} WHERE deleted_at IS NULL AND rowid > ? ORDER BY rowid ${sqlLimit(KIND_TEXT_SLICE)}`,
    );
    for (let after = 0; after >= 0;) {
      await pause();
      if (!this.db.open) return false;
      after = this.writer.write(() => {
        const rows = slice.all(after) as (DbRecordRow & { seq: number })[];
        for (const row of rows) {
          const record = this.fromRow(row);
          const text = this.searchText(record);
          if (text) this.searchIndex.putKindText(this.entity, record.id, text.title, text.body);
        }
        return rows.length ? rows[rows.length - 1]!.seq : -1;
      });
    }
    return true;
  }

  /**
   * Everything derived from a record that follows its writes (subclasses add their link
   * tables); `before` is the record as it was, when it existed.
   */
  protected reindex(record: StoredRecord<V>, _before?: StoredRecord<V>): void {
    this.indexText(record);
  }

  private indexText(record: StoredRecord<V>): void {
    if (record.deletedAt) return;
    const text = this.searchText(record);
    if (text) this.searchIndex.put(this.entity, record.id, text.title, text.body);
  }

  private columnValues(values: V): Record<string, unknown> {
    const columns: Record<string, unknown> = {};
    for (const { field, column, json } of fieldColumns(this.spec)) {
      const value = (values as Record<string, unknown>)[field];
      columns[column] = json ? JSON.stringify(value ?? []) : (value ?? null);
    }
    for (const [column, compute] of Object.entries(this.spec.derived ?? {})) columns[column] = compute(values);
    return columns;
  }
}

/** A record from its row: the spec's fields (JSON ones parsed) and the metadata. Lists read on any connection use it too. */
export function recordFromRow<V extends object>(spec: Pick<TableSpec<V>, 'fields' | 'jsonFields'>, row: DbRecordRow): StoredRecord<V> {
  const record: Record<string, unknown> = {};
  for (const { field, column, json } of fieldColumns(spec)) {
    const raw = row[column];
    record[field] = json && typeof raw === 'string' ? JSON.parse(raw) : raw;
  }
  record.id = row.id;
  record.createdAt = row.created_at;
  record.updatedAt = row.updated_at;
  record.createdBy = row.created_by;
  record.updatedBy = row.updated_by;
  record.deviceId = row.device_id;
  record.deletedAt = row.deleted_at;
  return record as StoredRecord<V>;
}

/** A list's query: its table under an alias, the filter on it, the order, and what a row shows. */
export interface ListQuery {
  table: string;
  alias: string;
  where: { sql: string; params: unknown[] };
  order: string;
  /** Columns of the page's rows, and the joins they need (counts, a partner's name). */
  select: string;
  joins?: string;
}

/**
 * A list's total and one page of it. The page in two steps: the rowids of its rows in order (from
 * an index alone where one covers the filter and the order), then only those rows with their
 * joins. In one statement SQLite built every row skipped by OFFSET or sorted out, joins and
 * counts included: HQ's 200,000 organisations at offset 100,000 took 1.1 s, now 6 ms.
 */
export function listPage(db: Db, q: ListQuery, paging: { offset: number; limit: number }): { total: number; offset: number; rows: DbRecordRow[] } {
  const statements = statementsOf(db);
  const { table, alias: t, where, order } = q;
  const total = statements
    .get(`SELECT count(*) FROM ${table} ${t} ${where.sql}`)
    .pluck()
    .get(...where.params) as number;
  const rows = statements
    .get(
      `SELECT ${q.select} FROM ${table} ${t} ${q.joins ?? ''}
       WHERE ${t}.rowid IN (SELECT ${t}.rowid FROM ${table} ${t} ${where.sql} ORDER BY ${order} ${sqlLimit(paging.limit)} OFFSET ?) ORDER BY ${order}`,
    )
    .all(...where.params, paging.offset) as DbRecordRow[];
  return { total, offset: paging.offset, rows };
}

/** "col IN (?, ?, ?)" with its parameters, for list filters. */
export function inList(column: string, values: readonly string[]): { sql: string; params: string[] } {
  return { sql: `${column} IN (${values.map(() => '?').join(', ')})`, params: [...values] };
}

/**
 * Restricts a list (its table under `alias`) to records of `entity` whose search text matches
 * `text` (null when text has no words). A partner kind is matched in its own text index, keyed by
 * its table's rowid (migration 028), once filled; otherwise the documents of its kind are read from
 * search_docs_entity (migration 026) and tested against search_fts's matches (the unary + keeps
 * SQLite from looking each match up by rowid instead: a common word matches hundreds of thousands
 * of activities at HQ's size).
 */
export function textFilter(entity: Entity, text: string | undefined, alias: string, db?: Db): { sql: string; params: string[] } | null {
  const match = text ? ftsQuery(text) : null;
  if (!match) return null;
  const kind = KIND_TEXT[entity];
  if (kind && db && statementsOf(db).get(KIND_TEXT_PENDING_SQL).pluck().get(PARTNER_TEXT_PENDING) === 0)
    return { sql: `${alias}.rowid IN (SELECT rowid FROM ${kind.index} WHERE ${kind.index} MATCH ?)`, params: [match] };
  return {
    sql: `${alias}.id IN (SELECT d.record_id FROM search_docs d WHERE d.entity = ? AND +d.rowid IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ?))`,
    params: [entity, match],
  };
}

const KIND_TEXT_PENDING_SQL = `SELECT EXISTS (SELECT 1 FROM settings WHERE key = ?)`;

/** Records a transaction of the kind text's fill puts: ~0.1 s at HQ's size. */
const KIND_TEXT_SLICE = 500;

/** Builds "WHERE a AND b" from optional conditions. */
export function whereClause(conditions: ({ sql: string; params: readonly unknown[] } | null | false | undefined)[]): { sql: string; params: unknown[] } {
  const present = conditions.filter((c): c is { sql: string; params: readonly unknown[] } => Boolean(c));
  return {
    sql: present.length ? `WHERE ${present.map((c) => c.sql).join(' AND ')}` : '',
    params: present.flatMap((c) => c.params),
  };
}
