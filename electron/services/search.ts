/** One search over every kind of record, diacritics and case ignored. */
import { performance } from 'node:perf_hooks';
import type { SearchHit } from '../../shared/contract/search';
import type { Entity } from '../../shared/domain/enums';
import type { Db } from '../db/open';
import { ftsQuery } from '../store/search-index';
import { sqlLimit, statementsOf } from '../store/statements';

export interface SearchOptions {
  text: string;
  entities?: Entity[];
  limit: number;
}

/** How each kind of record shows in results: its title, date and kind. */
const DESCRIBE_SQL: Partial<Record<Entity, string>> = {
  activity: `SELECT id, title, start_date AS date, kind FROM activities WHERE id = ?`,
  organisation: `SELECT id, name AS title, NULL AS date, kind FROM organisations WHERE id = ?`,
  contact: `SELECT id, name AS title, NULL AS date, NULL AS kind FROM contacts WHERE id = ?`,
  agreement: `SELECT id, title, signed_date AS date, kind FROM agreements WHERE id = ?`,
  followup: `SELECT id, title, due_date AS date, NULL AS kind FROM followups WHERE id = ?`,
};

/**
 * Records whose title matches come first, then the others, newest first within each.
 * Ranking every match with bm25 cost ~100 ms for a common word over 170,000 records
 * (npm run bench, search); walking the index backwards by rowid stops after `limit` rows.
 * Title matches are read from the titles' own index (migration 023).
 */
export function searchRecords(db: Db, options: SearchOptions): { hits: SearchHit[]; tookMs: number } {
  const started = performance.now();
  const match = ftsQuery(options.text);
  if (!match) return { hits: [], tookMs: 0 };
  const entities = options.entities?.length ? options.entities : null;
  const statements = statementsOf(db);
  const matching = (index: string, limit: number) =>
    statements.get(
      `SELECT d.entity, d.record_id FROM ${index} JOIN search_docs d ON d.rowid = ${index}.rowid
       WHERE ${index} MATCH ? ${entities ? `AND d.entity IN (${entities.map(() => '?').join(',')})` : ''}
       ORDER BY ${index}.rowid DESC ${sqlLimit(limit)}`,
    );
  const found = (index: string, limit: number) => matching(index, limit).all(match, ...(entities ?? [])) as { entity: Entity; record_id: string }[];
  const rows = found('search_title_fts', options.limit);
  if (rows.length < options.limit) {
    const seen = new Set(rows.map((r) => r.record_id));
    rows.push(
      ...found('search_fts', options.limit + rows.length)
        .filter((r) => !seen.has(r.record_id))
        .slice(0, options.limit - rows.length),
    );
  }
  const hits: SearchHit[] = [];
  for (const row of rows) {
    const sql = DESCRIBE_SQL[row.entity];
    if (!sql) continue;
    const record = statements.get(sql).get(row.record_id) as { id: string; title: string; date: string | null; kind: string | null } | undefined;
    if (record) hits.push({ entity: row.entity, ...record });
  }
  return { hits, tookMs: performance.now() - started };
}
