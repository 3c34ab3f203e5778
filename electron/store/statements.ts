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
