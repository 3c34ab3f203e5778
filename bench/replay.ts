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

/**
 * Runs fn and returns every statement it executed on db, in order. Hooked on the statements'
 * prototype rather than on prepare: the product keeps prepared statements between calls
 * (store/activity-list.ts), and those must be recorded too.
 */
export async function recordQueries(db: Db, fn: () => unknown): Promise<RecordedQuery[]> {
  const recorded: RecordedQuery[] = [];
  const prototype = Object.getPrototypeOf(db.prepare('SELECT 1')) as Record<(typeof METHODS)[number], (...args: unknown[]) => unknown>;
  const originals = METHODS.map((method) => [method, prototype[method]] as const);
  for (const [method, original] of originals) {
    prototype[method] = function (this: { database: Db; source: string }, ...args: unknown[]) {
      if (this.database === db) recorded.push({ sql: this.source, method, args });
      return original.apply(this, args);
    };
  }
  try {
    await fn();
  } finally {
    for (const [method, original] of originals) prototype[method] = original;
  }
  return recorded;
}

/** Prepares the recorded statements once; the returned function runs them all. */
/** Recorded statements as JSON for a child process; keys of the list's text index are BigInt (migration 020). */
export function queriesToJson(queries: readonly RecordedQuery[]): string {
  return JSON.stringify(queries, (_key, value: unknown) => (typeof value === 'bigint' ? { bigint: value.toString() } : value));
}

export function queriesFromJson(json: string): RecordedQuery[] {
  return JSON.parse(json, (_key, value: unknown) =>
    value && typeof value === 'object' && 'bigint' in value ? BigInt((value as { bigint: string }).bigint) : value,
  ) as RecordedQuery[];
}

export function replayer(db: Db, queries: readonly RecordedQuery[]): () => void {
  const prepared = queries.map((q) => ({ statement: db.prepare(q.sql), method: q.method, args: q.args }));
  return () => {
    for (const { statement, method, args } of prepared) {
      if (method === 'iterate') for (const _row of statement.iterate(...args)) void _row;
      else statement[method](...args);
    }
  };
}
