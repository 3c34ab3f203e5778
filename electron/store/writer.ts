/**
 * The single way data is written. A write runs in one transaction that also appends
 * field-level change records (entity, id, field, value, HLC, device, author) and
 * keeps the clock's last value, so the exchange can ship exactly what happened.
 */
import { knownSqliteError, type Db } from '../db/open';
import { AppError } from '../../shared/errors';
import { HybridLogicalClock } from '../../shared/hlc';
import type { Entity } from '../../shared/domain/enums';

export interface WriteContext {
  /** ISO timestamp shared by every record touched in this write. */
  now: string;
  author: string;
  deviceId: string;
  /** Appends one change record per field, under one fresh HLC; returns that HLC. */
  recordChanges(entity: Entity, recordId: string, fields: Record<string, unknown>): string;
}

export { DELETED_FIELD } from '../../shared/domain/enums';

export class Writer {
  readonly clock: HybridLogicalClock;
  private readonly insertChange;
  private readonly saveClock;

  constructor(
    private readonly db: Db,
    readonly deviceId: string,
    private readonly author: () => string,
    /** Told the clock value of every committed write (electron/db/write-marker.ts). */
    private readonly onCommit: (hlc: string) => void = () => {},
  ) {
    const last = db.prepare(`SELECT value FROM settings WHERE key = 'hlc.last'`).pluck().get() as string | undefined;
    this.clock = new HybridLogicalClock(deviceId, last ? (JSON.parse(last) as string) : null);
    this.insertChange = db.prepare(`INSERT INTO changes (hlc, device_id, author, entity, record_id, field, value) VALUES (?, ?, ?, ?, ?, ?, ?)`);
    this.saveClock = db.prepare(`INSERT INTO settings (key, value) VALUES ('hlc.last', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`);
  }

  /** Runs fn in one transaction (nested calls join the outer one). */
  write<T>(fn: (ctx: WriteContext) => T): T {
    const run = this.db.transaction(() => {
      const result = fn(this.context());
      this.saveClock.run(JSON.stringify(this.clock.current()));
      return result;
    });
    const result = run();
    // Inside an outer transaction nothing is committed yet: the outer one reports it.
    if (!this.db.inTransaction) this.onCommit(this.clock.current());
    return result;
  }

  /**
   * Runs async fn in one transaction that it may pause (awaiting between slices, so progress
   * reaches the window). The caller keeps every other call out meanwhile (services/slices.ts
   * exclusively): all of it is written, or nothing.
   */
  async writeInSlices<T>(fn: (ctx: WriteContext) => Promise<T>): Promise<T> {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = await fn(this.context());
      this.saveClock.run(JSON.stringify(this.clock.current()));
      this.db.exec('COMMIT');
      this.onCommit(this.clock.current());
      return result;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }

  private context(): WriteContext {
    const ctx: WriteContext = {
      now: new Date().toISOString(),
      author: this.author(),
      deviceId: this.deviceId,
      recordChanges: (entity, recordId, fields) => {
        const hlc = this.clock.now();
        for (const [field, value] of Object.entries(fields)) {
          this.insertChange.run(hlc, this.deviceId, ctx.author, entity, recordId, field, value === undefined ? null : JSON.stringify(value));
        }
        return hlc;
      },
    };
    return ctx;
  }
}

/**
 * Runs a write of `total` records made in one transaction, and says so when it fails: the
 * person (or script) must know that none was kept, so that a retry does not duplicate any.
 */
export function allOrNothing<T>(total: number, write: () => T): T {
  try {
    return write();
  } catch (error) {
    const known = error instanceof AppError ? error : knownSqliteError(error);
    if (!known) throw error;
    throw new AppError(
      known.code,
      `${known.message.replace(/\.?$/, '.')} None of the ${total} records was saved (all or nothing): the same input can be sent again.`,
      {
        fields: known.fields,
        params: { ...known.params, total, saved: 0 },
      },
    );
  }
}

/** Fields whose value differs between two versions of a record (arrays compared by content). */
export function changedFields<T extends object>(before: T, after: T, names: readonly (keyof T)[]): Partial<T> {
  const diff: Partial<T> = {};
  for (const name of names) {
    if (JSON.stringify(before[name]) !== JSON.stringify(after[name])) diff[name] = after[name];
  }
  return diff;
}

/** Fields worth recording on creation: empty strings, empty lists and nulls are the defaults. */
export function nonEmptyFields<T extends object>(values: T, names: readonly (keyof T)[]): Partial<T> {
  const fields: Partial<T> = {};
  for (const name of names) {
    const v = values[name] as unknown;
    if (v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    fields[name] = values[name];
  }
  return fields;
}
