/** Keeps the FTS5 index in step with records, inside the writer's transaction. */
import type { Db } from '../db/open';
import type { Entity } from '../../shared/domain/enums';
import { foldedWords, foldText } from '../../shared/text';

export class SearchIndex {
  private readonly findDoc;
  private readonly insertDoc;
  private readonly deleteDoc;
  private readonly insertText;
  private readonly deleteText;

  constructor(db: Db) {
    this.findDoc = db.prepare(`SELECT rowid FROM search_docs WHERE record_id = ?`).pluck();
    this.insertDoc = db.prepare(`INSERT INTO search_docs (entity, record_id) VALUES (?, ?)`);
    this.deleteDoc = db.prepare(`DELETE FROM search_docs WHERE rowid = ?`);
    this.insertText = db.prepare(`INSERT INTO search_fts (rowid, title, body) VALUES (?, ?, ?)`);
    this.deleteText = db.prepare(`DELETE FROM search_fts WHERE rowid = ?`);
  }

  /** Indexes (or re-indexes) a record; title and body are folded here. */
  put(entity: Entity, recordId: string, title: string, body: string): void {
    const existing = this.findDoc.get(recordId) as number | undefined;
    let rowid = existing;
    if (rowid === undefined) rowid = Number(this.insertDoc.run(entity, recordId).lastInsertRowid);
    else this.deleteText.run(rowid);
    this.insertText.run(rowid, foldText(title), foldText(body));
  }

  remove(recordId: string): void {
    const rowid = this.findDoc.get(recordId) as number | undefined;
    if (rowid === undefined) return;
    this.deleteText.run(rowid);
    this.deleteDoc.run(rowid);
  }
}

/** Folded words as an FTS5 prefix query: every word must match the start of a token. */
export function ftsQuery(text: string): string | null {
  const words = foldedWords(text);
  if (words.length === 0) return null;
  return words.map((w) => `"${w}"*`).join(' ');
}
