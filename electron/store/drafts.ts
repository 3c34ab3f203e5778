/** Unsaved typing, per user of this device (see migration 008). Device-local: no change records. */
import type { Db } from '../db/open';

export interface StoredDraft {
  value: unknown;
  updatedAt: string;
}

export class DraftStore {
  private readonly getStmt;
  private readonly putStmt;
  private readonly deleteStmt;

  constructor(
    db: Db,
    private readonly userName: () => string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.getStmt = db.prepare(`SELECT value, updated_at AS updatedAt FROM drafts WHERE user_name = ? AND key = ?`);
    this.putStmt = db.prepare(
      `INSERT INTO drafts (user_name, key, value, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(user_name, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    );
    this.deleteStmt = db.prepare(`DELETE FROM drafts WHERE user_name = ? AND key = ?`);
  }

  get(key: string): StoredDraft | null {
    const row = this.getStmt.get(this.userName(), key) as { value: string; updatedAt: string } | undefined;
    return row ? { value: JSON.parse(row.value) as unknown, updatedAt: row.updatedAt } : null;
  }

  save(key: string, json: string): { updatedAt: string } {
    const updatedAt = this.now().toISOString();
    this.putStmt.run(this.userName(), key, json, updatedAt);
    return { updatedAt };
  }

  discard(key: string): void {
    this.deleteStmt.run(this.userName(), key);
  }
}
