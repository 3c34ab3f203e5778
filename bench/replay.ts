/**
 * The raw side of read scenarios: record the exact statements (SQL and parameters) a
 * product call runs, then replay them with statements prepared once, through plain
 * better-sqlite3. The difference is what our layers add on top of SQLite's own work.
 */
import type { Db } from '../electron/db/open';

export interface RecordedQuery {
  sql: string;
  method: 'all' | 'get' | 'run' | 'iterate';
  args: unknown[];
}

const METHODS = ['all', 'get', 'run', 'iterate'] as const;

/** Runs fn and returns every statement it prepared and executed on db, in order. */
export async function recordQueries(db: Db, fn: () => unknown): Promise<RecordedQuery[]> {
  const recorded: RecordedQuery[] = [];
  const prepare = db.prepare;
  db.prepare = ((sql: string) => {
    const statement = prepare.call(db, sql);
    for (const method of METHODS) {
      const original = statement[method] as (...args: unknown[]) => unknown;
      Object.defineProperty(statement, method, {
        value: (...args: unknown[]) => {
          recorded.push({ sql, method, args });
          return original.apply(statement, args);
        },
      });
    }
    return statement;
  }) as Db['prepare'];
  try {
    await fn();
  } finally {
    db.prepare = prepare;
  }
  return recorded;
}

/** Prepares the recorded statements once; the returned function runs them all. */
export function replayer(db: Db, queries: readonly RecordedQuery[]): () => void {
  const prepared = queries.map((q) => ({ statement: db.prepare(q.sql), method: q.method, args: q.args }));
  return () => {
    for (const { statement, method, args } of prepared) {
      if (method === 'iterate') for (const _row of statement.iterate(...args)) void _row;
      else statement[method](...args);
    }
  };
}
