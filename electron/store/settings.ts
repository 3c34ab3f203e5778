/** Device-local settings (JSON values by key). Not part of the change log. */
import type { Db } from '../db/open';

export class SettingsStore {
  private readonly getStmt;
  private readonly setStmt;
  private readonly deleteStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare(`SELECT value FROM settings WHERE key = ?`).pluck();
    this.setStmt = db.prepare(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`);
    this.deleteStmt = db.prepare(`DELETE FROM settings WHERE key = ?`);
  }

  get<T>(key: string): T | undefined {
    const raw = this.getStmt.get(key) as string | undefined;
    return raw === undefined ? undefined : (JSON.parse(raw) as T);
  }

  set(key: string, value: unknown): void {
    this.setStmt.run(key, JSON.stringify(value));
  }

  delete(key: string): void {
    this.deleteStmt.run(key);
  }
}
