/**
 * This device's change lines, signed ahead of their export. What a line's author signs is fixed
 * once the line is written (its base is the latest earlier change of the same field), so the data
 * thread signs new lines a slice at a time while nobody is using the app and keeps the signatures
 * in the change log; an export signs only what is left (export.ts). A first batch carrying years
 * of records (100,000 lines: ~5 s of Ed25519 on this kind of machine) then costs what a week's does.
 */
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { AppContext } from '../../context';
import type { Db } from '../../db/open';
import type { Entity } from '../../../shared/domain/enums';
import { deviceKeys, privateKeyObject, signBytes } from './crypto';
import { signedLineBytes, type ChangeLine } from './format';
import { sqlLimit } from '../../store/statements';

export interface ChangeRow {
  seq: number;
  hlc: string;
  device_id: string;
  author: string;
  entity: Entity;
  record_id: string;
  field: string;
  value: string | null;
  base: string | null;
  sig: string | null;
}

/** A change row as a batch line: local changes get their base from the log (what this device had seen when it wrote). */
export const CHANGE_ROW_COLUMNS = `c.seq, c.hlc, c.device_id, c.author, c.entity, c.record_id, c.field, c.value,
  CASE WHEN c.origin = 'local' THEN (SELECT max(p.hlc) FROM changes p WHERE p.entity = c.entity AND p.record_id = c.record_id AND p.field = c.field AND p.seq < c.seq)
    ELSE c.base END AS base, c.sig`;

/**
 * The same rows for a reader that goes through the log in order after `@after` (a batch): a local
 * change's base is looked up among the changes up to `@after` only, and not at all when that is 0
 * (a first batch, the whole log); LineBases completes it from the rows read. The lookup of every
 * row was a third of the export's reading.
 */
export const CHANGE_ROW_COLUMNS_AFTER = `c.seq, c.hlc, c.device_id, c.author, c.entity, c.record_id, c.field, c.value, c.origin = 'local' AS local,
  CASE WHEN c.origin <> 'local' THEN c.base WHEN @after > 0 THEN (SELECT max(p.hlc) FROM changes p WHERE p.entity = c.entity AND p.record_id = c.record_id AND p.field = c.field AND p.seq <= @after) END AS base, c.sig`;

/**
 * Completes, in log order, the base of the local rows read with CHANGE_ROW_COLUMNS_AFTER, to what
 * CHANGE_ROW_COLUMNS gives. Rows come in runs, one record's consecutive changes (its creation: all
 * its fields). In a record's first run of the batch only the run itself can add to the base; a
 * record met again (edited later) has its base looked up as CHANGE_ROW_COLUMNS does. So a batch of
 * new records costs no lookup and remembers only which records it met, not every field.
 */
export class LineBases {
  private readonly earlier: Statement<[string, string, string, number], string | null>;
  /** Records of the runs before the current one (entity and id). */
  private readonly met = new Set<string>();
  private entity: string | null = null;
  private record: string | null = null;
  private again = false;
  /** The current run's latest clock value of each field (first runs only). */
  private readonly inRun = new Map<string, string>();

  constructor(db: Db) {
    this.earlier = db
      .prepare<[string, string, string, number], string | null>(`SELECT max(hlc) FROM changes WHERE entity = ? AND record_id = ? AND field = ? AND seq < ?`)
      .pluck();
  }

  /** Called for every row read, in seq order. */
  complete(r: ChangeRow & { local: number }): void {
    if (r.record_id !== this.record || r.entity !== this.entity) {
      if (this.record !== null) this.met.add(`${this.entity}\0${this.record}`);
      this.entity = r.entity;
      this.record = r.record_id;
      this.again = this.met.has(`${r.entity}\0${r.record_id}`);
      this.inRun.clear();
    }
    if (this.again) {
      if (r.local) r.base = this.earlier.get(r.entity, r.record_id, r.field, r.seq) ?? null;
      return;
    }
    const seen = this.inRun.get(r.field);
    if (seen !== undefined && r.local && (r.base === null || seen > r.base)) r.base = seen;
    if (seen === undefined || r.hlc > seen) this.inRun.set(r.field, r.hlc);
  }
}

/**
 * A change row as its batch line, written out directly: the stored value is JSON text already, and
 * 100,000 lines parsed and written again cost the export more than its gzip and encryption together.
 */
export function lineText(r: ChangeRow, sig: string | null): string {
  const q = JSON.stringify;
  return `{"hlc":${q(r.hlc)},"device":${q(r.device_id)},"author":${q(r.author)},"entity":${q(r.entity)},"record":${q(r.record_id)},"field":${q(r.field)},"value":${r.value ?? 'null'},"base":${q(r.base)}${sig === null ? '' : `,"sig":${q(sig)}`}}\n`;
}

export function changeLineOf(r: ChangeRow): ChangeLine {
  return {
    hlc: r.hlc,
    device: r.device_id,
    author: r.author,
    entity: r.entity,
    record: r.record_id,
    field: r.field,
    value: JSON.parse(r.value ?? 'null'),
    base: r.base,
  };
}

/** The last change seq this device has looked at for signing ahead (rows after it may be unsigned). */
const SIGNED_THROUGH = 'exchange.signedThrough';
/** Lines signed in one go: ~50 µs each, so a call that arrives meanwhile waits at most ~10 ms. */
export const SIGN_SLICE = 200;

/** Signs this device's unsigned lines among the next `limit` change rows; returns how many rows it went past (0: nothing left). */
export async function signAhead(app: AppContext, limit = SIGN_SLICE): Promise<number> {
  const after = () => app.settings.get<number>(SIGNED_THROUGH) ?? 0;
  // Nothing new (most ticks): no key looked up, none made for a device that has not written yet.
  if (app.db.prepare(`SELECT 1 FROM changes WHERE seq > ? LIMIT 1`).get(after()) === undefined) return 0;
  const keys = await deviceKeys(app.db, app.deviceId);
  // Read after the await: the connection may have closed, an import begun or another slice run meanwhile.
  if (app.locked || app.exclusive) return 0;
  const rows = app.db.prepare(`SELECT ${CHANGE_ROW_COLUMNS} FROM changes c WHERE c.seq > ? ORDER BY c.seq ${sqlLimit(limit)}`).all(after()) as ChangeRow[];
  if (rows.length === 0) return 0;
  const key = privateKeyObject(keys.privateKey);
  const put = app.db.prepare(`UPDATE changes SET sig = ? WHERE seq = ?`);
  app.db.transaction(() => {
    for (const r of rows) if (r.sig === null && r.device_id === app.deviceId) put.run(signBytes(key, signedLineBytes(changeLineOf(r))), r.seq);
    app.settings.set(SIGNED_THROUGH, rows[rows.length - 1]!.seq);
  })();
  return rows.length;
}

export interface SigningSchedule {
  /** True while nobody is using the app (the data thread had no call for a while). */
  quiet: () => boolean;
  everyMs?: number;
}

/** Every few seconds, while the app is quiet, unlocked and not importing, signs slice after slice until none is left. */
export function scheduleLineSigning(app: AppContext, { quiet, everyMs = 2000 }: SigningSchedule): () => void {
  let running = false;
  let stopped = false;
  const tick = async () => {
    if (running || stopped) return;
    running = true;
    try {
      // HQ sends no batches (export.ts): its lines are never signed.
      while (!stopped && quiet() && !app.locked && !app.exclusive && app.mode() === 'mission' && (await signAhead(app)) > 0) {
        await new Promise((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      console.error(`[cau-noi] signing ahead stopped: ${(error as { code?: string }).code ?? (error as Error).name}`);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), everyMs);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
