/**
 * The activity list's reads: a page of a filter in a sort order, and the filter's total,
 * shaped for 100,000 activities (npm run bench, list).
 */
import type { Db } from '../db/open';
import type { Activity, ActivityFilter, ActivityListInput, ActivityPage, ActivityRow } from '../../shared/domain/activity';
import { AppError } from '../../shared/errors';
import { parsePeriod } from '../../shared/period';
import type { DbRecordRow } from './record-table';
import { ftsQuery } from './search-index';

/** The columns a list row reads. */
interface ListRow {
  title: string;
  kind: Activity['kind'];
  status: Activity['status'];
  start_date: string;
  end_date: string | null;
  country: string | null;
  city: string;
  provinces: string;
  sectors: string;
  deal_value_usd: number | null;
}

const SORT_COLUMNS: Record<string, string> = {
  startDate: 'start_date',
  title: 'title',
  kind: 'kind',
  status: 'status',
  dealValueUsd: 'deal_value_usd',
  updatedAt: 'updated_at',
};

const ROW_COLUMNS = ['id', 'title', 'kind', 'status', 'start_date', 'end_date', 'country', 'city', 'provinces', 'sectors', 'deal_value_usd', 'updated_at']
  .map((c) => `a.${c}`)
  .join(', ');

/**
 * A filter that names a set of activities through an index of its own (a locality, a sector,
 * a mission). A page either walks the sort index testing `condition` on each row, or starts
 * from that index (`from` + `driving`) and sorts the few it names.
 */
interface Narrowing {
  value: string;
  condition: string;
  from: string;
  driving: string;
  /** How many activities the index names for the value (the cost of starting from it). */
  size: string;
}

const link = (table: string, column: string, value: string): Narrowing => ({
  value,
  condition: `a.id IN (SELECT activity_id FROM ${table} WHERE ${column} = ?)`,
  from: `${table} l CROSS JOIN activities a ON a.id = l.activity_id`,
  driving: `l.${column} = ?`,
  size: `SELECT count(*) FROM ${table} WHERE ${column} = ?`,
});

interface FilterSql {
  where: string[];
  params: unknown[];
  narrowings: Narrowing[];
}

/** The WHERE conditions of a list filter over `activities a`. */
function filterSql(f: ActivityFilter): FilterSql {
  const where: string[] = [];
  const params: unknown[] = [];
  if (!f.includeDeleted) where.push('a.deleted_at IS NULL');
  if (f.period) {
    const period = parsePeriod(f.period);
    if (!period) throw new AppError('VALIDATION', `Not a period: ${f.period}`, { fields: [{ path: 'filter.period', code: 'invalid_period' }] });
    where.push('a.start_date BETWEEN ? AND ?');
    params.push(period.start, period.end);
  }
  if (f.kinds?.length) {
    where.push(`a.kind IN (${f.kinds.map(() => '?').join(',')})`);
    params.push(...f.kinds);
  }
  if (f.statuses?.length) {
    where.push(`a.status IN (${f.statuses.map(() => '?').join(',')})`);
    params.push(...f.statuses);
  }
  const narrowings: Narrowing[] = [];
  if (f.province) narrowings.push(link('activity_provinces', 'province_id', f.province));
  if (f.sector) narrowings.push(link('activity_sectors', 'sector_id', f.sector));
  // HQ holds ~94 missions' activities: one mission is about 1% of them.
  if (f.mission) {
    narrowings.push({
      value: f.mission,
      condition: 'a.mission_id = ?',
      from: 'activities a INDEXED BY activities_mission',
      driving: 'a.mission_id = ?',
      size: 'SELECT count(*) FROM activities WHERE mission_id = ?',
    });
  }
  if (f.supportsLocalities) where.push('a.id IN (SELECT activity_id FROM activity_provinces)');
  if (f.organisation) {
    where.push('EXISTS (SELECT 1 FROM json_each(a.organisation_ids) WHERE value = ?)');
    params.push(f.organisation);
  }
  const match = f.text ? ftsQuery(f.text) : null;
  if (match) {
    // The row's own search rowid against the set of matching rowids: integers throughout.
    // Joining the matches to search_docs by text id cost twice as much (20 ms for "xuc tien").
    where.push(`(SELECT d.rowid FROM search_docs d WHERE d.record_id = a.id) IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ?)`);
    params.push(match);
  }
  return { where, params, narrowings };
}

export type ListArgs = Required<Pick<ActivityListInput, 'offset' | 'limit'>> & { filter: ActivityFilter; sort: NonNullable<ActivityListInput['sort']> };

/** FROM and WHERE of a filter: over activities, or starting from one narrowing's index (CROSS JOIN, INDEXED BY keep that order). */
function source(q: FilterSql, driver: Narrowing | undefined): { sql: string; params: unknown[] } {
  const rest = q.narrowings.filter((n) => n !== driver);
  const conditions = [...(driver ? [driver.driving] : []), ...q.where, ...rest.map((n) => n.condition)];
  const params = [...(driver ? [driver.value] : []), ...q.params, ...rest.map((n) => n.value)];
  return { sql: `FROM ${driver?.from ?? 'activities a'} ${whereOf(conditions)}`, params };
}

const whereOf = (conditions: string[]) => (conditions.length ? `WHERE ${conditions.join(' AND ')}` : '');

export class ActivityList {
  /** Totals of recent filters while the database is unchanged: the virtual list asks for page after page. */
  private readonly totals = new Map<string, number>();
  private totalsVersion = '';
  private readonly changeCount;
  private readonly maxRowid;

  constructor(private readonly db: Db) {
    this.changeCount = db.prepare(`SELECT total_changes()`).pluck();
    this.maxRowid = db.prepare(`SELECT max(rowid) FROM activities`).pluck();
  }

  /**
   * count(*) of a filter, remembered until anything is written (here: total_changes; another
   * connection: data_version). Counting a sector or text filter over 100,000 activities costs
   * tens of ms (npm run bench, list-count); the next pages of the same filter need not pay it again.
   */
  count(filter: ActivityFilter): number {
    return this.remembered(filter) ?? this.countNow(filter);
  }

  private remembered(filter: ActivityFilter): number | undefined {
    const version = `${this.db.pragma('data_version', { simple: true })}:${this.changeCount.get()}`;
    if (version !== this.totalsVersion || this.totals.size > 50) {
      this.totals.clear();
      this.totalsVersion = version;
    }
    return this.totals.get(JSON.stringify(filter));
  }

  /**
   * Where a page starts: walking the sort index and testing each row, or, when a locality,
   * sector or mission names few activities, from its own index, sorting those few. Walking
   * reads about rows × all / named index entries (~0.4 µs each); starting from n named costs
   * ~2 µs each: a locality's ~2,000 activities, status 'done', by title went from 7.4 ms to
   * 3.8 ms; a sector's 6,600 stays on the sort index (2.9 ms instead of 16 ms).
   */
  private pageDriver(q: FilterSql, rows: number): Narrowing | undefined {
    if (q.narrowings.length === 0) return undefined;
    const all = (this.maxRowid.get() as number | null) ?? 0;
    const sized = q.narrowings.map((n) => ({ n, size: this.db.prepare(n.size).pluck().get(n.value) as number }));
    const fewest = sized.reduce((a, b) => (b.size < a.size ? b : a));
    return fewest.size * fewest.size * 2 < rows * all * 0.4 ? fewest.n : undefined;
  }

  private countNow(filter: ActivityFilter): number {
    const q = filterSql(filter);
    // A locality names ~2,000 of 100,000 activities: counted from its link table, 1 ms instead of 21 ms.
    const { sql, params } = source(q, q.narrowings[0]);
    const total = this.db
      .prepare(`SELECT count(*) ${sql}`)
      .pluck()
      .get(...params) as number;
    this.totals.set(JSON.stringify(filter), total);
    return total;
  }

  list(input: ListArgs & { withTotal?: boolean }): ActivityPage {
    const q = filterSql(input.filter);
    const column = SORT_COLUMNS[input.sort.key] ?? 'start_date';
    const direction = input.sort.direction === 'asc' ? 'ASC' : 'DESC';
    // Ties broken by date then id, one direction throughout: the order of the list indexes (migration 005).
    const order = [...new Set([column, 'start_date', 'id'])].map((c) => `a.${c} ${direction}`).join(', ');
    const { sql, params } = source(q, this.pageDriver(q, input.offset + input.limit));
    const rows = this.db.prepare(`SELECT ${ROW_COLUMNS} ${sql} ORDER BY ${order} LIMIT ? OFFSET ?`).all(...params, input.limit, input.offset) as (DbRecordRow &
      ListRow)[];
    // A short first page is its own total; otherwise the total is counted unless the caller
    // will ask for it apart (withTotal: false) and it is not already known.
    const complete = input.offset === 0 && rows.length < input.limit;
    const total = complete ? rows.length : input.withTotal === false ? (this.remembered(input.filter) ?? null) : this.count(input.filter);
    return {
      total,
      offset: input.offset,
      rows: rows.map((r): ActivityRow => ({
        id: r.id,
        title: r.title,
        kind: r.kind,
        status: r.status,
        startDate: r.start_date,
        endDate: r.end_date,
        country: r.country,
        city: r.city,
        provinces: JSON.parse(r.provinces) as string[],
        sectors: JSON.parse(r.sectors) as string[],
        dealValueUsd: r.deal_value_usd,
        updatedAt: r.updated_at,
      })),
    };
  }
}
