/** Rows of sheets already imported (migration 015), so a file imported twice creates nothing twice. */
import type { Db } from '../db/open';
import type { WriteContext } from './writer';

export type ImportedEntity = 'activity' | 'agreement';

export class ImportKeyStore {
  private readonly getStmt;
  private readonly putStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare(`SELECT record_id FROM import_keys WHERE entity = ? AND key = ?`).pluck();
    this.putStmt = db.prepare(`INSERT OR IGNORE INTO import_keys (entity, key, record_id, imported_at) VALUES (?, ?, ?, ?)`);
  }

  /** The record a row with this key became, or null when it was never imported. */
  recordOf(entity: ImportedEntity, key: string): string | null {
    return (this.getStmt.get(entity, key) as string | undefined) ?? null;
  }

  /** Inside the import's write, so the key and the record are written together or not at all. */
  addIn(ctx: WriteContext, entity: ImportedEntity, key: string, recordId: string): void {
    this.putStmt.run(entity, key, recordId, ctx.now);
  }
}
