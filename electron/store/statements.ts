/** Statements of a connection by SQL, prepared once: reads asked again and again (a list's pages and totals, searches). */
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { Db } from '../db/open';

export class Statements {
  private readonly cache = new Map<string, Statement>();
  constructor(private readonly db: Db) {}

  get(sql: string): Statement {
    let statement = this.cache.get(sql);
    if (!statement) {
      // Filters make a few dozen shapes of SQL; a bound keeps odd ones from piling up.
      if (this.cache.size >= 200) this.cache.clear();
      statement = this.db.prepare(sql);
      this.cache.set(sql, statement);
    }
    return statement;
  }
}

/** One Statements per connection, for code that is handed a connection at each call. */
const byConnection = new WeakMap<Db, Statements>();
export function statementsOf(db: Db): Statements {
  let statements = byConnection.get(db);
  if (!statements) byConnection.set(db, (statements = new Statements(db)));
  return statements;
}

/**
 * LIMIT n written into the SQL, never bound: SQLite (3.53 here) plans with a bound LIMIT's value,
 * so binding it again at each run makes it prepare the statement again (a list page: ~60 µs of
 * ~0.5 ms; npm run bench, list). A bound OFFSET costs nothing of the kind.
 */
export function sqlLimit(rows: number): string {
  if (!Number.isSafeInteger(rows) || rows < 0) throw new RangeError(`Not a row count: ${rows}`);
  return `LIMIT ${rows}`;
}
