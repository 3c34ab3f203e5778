/** Activities: the store's reads and writes for entity 'activity'. */
import type { Db } from '../db/open';
import { ACTIVITY_FIELD_NAMES, EMPTY_ACTIVITY } from '../../shared/domain/activity';
import type { Activity, ActivityListInput, ActivityPage, ActivityRow, ActivityValues } from '../../shared/domain/activity';
import { AppError } from '../../shared/errors';
import { bothLabels } from '../../shared/i18n';
import { parsePeriod } from '../../shared/period';
import { provinceIndexText } from '../../shared/reference';
import { countryText, sectorsText } from './organisations';
import { RecordTable, type DbRecordRow, type StoredRecord } from './record-table';
import { ftsQuery, type SearchIndex } from './search-index';
import type { Writer } from './writer';

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

/** Everything a person might type to find an activity, in both languages. */
function searchBody(v: ActivityValues): string {
  return [
    bothLabels('activityKind', v.kind),
    v.format ? bothLabels('activityFormat', v.format) : '',
    v.city,
    countryText(v.country),
    sectorsText(v.sectors),
    provinceIndexText(v.provinces),
    v.outcomes,
    v.followUps,
    v.notes,
    v.owner,
  ].join(' ');
}

const SORT_COLUMNS: Record<string, string> = {
  startDate: 'start_date',
  title: 'title',
  kind: 'kind',
  status: 'status',
  dealValueUsd: 'deal_value_usd',
  updatedAt: 'updated_at',
};

const ROW_COLUMNS = `id, title, kind, status, start_date, end_date, country, city, provinces, sectors, deal_value_usd, updated_at`;


export class ActivityStore extends RecordTable<ActivityValues> {
  private readonly deleteLinks;
  private readonly insertSector;
  private readonly insertProvince;
  /** Totals of recent filters while the database is unchanged: the virtual list asks for page after page. */
  private readonly totals = new Map<string, number>();
  private totalsVersion = '';
  private readonly changeCount;

  constructor(db: Db, writer: Writer, searchIndex: SearchIndex, missionId: () => string) {
    super(db, writer, searchIndex, missionId, {
      entity: 'activity',
      table: 'activities',
      fields: ACTIVITY_FIELD_NAMES,
      jsonFields: ['sectors', 'provinces', 'organisationIds'],
      defaults: EMPTY_ACTIVITY,
    });
    this.deleteLinks = [
      db.prepare(`DELETE FROM activity_sectors WHERE activity_id = ?`),
      db.prepare(`DELETE FROM activity_provinces WHERE activity_id = ?`),
    ];
    this.insertSector = db.prepare(`INSERT INTO activity_sectors (activity_id, sector_id) VALUES (?, ?)`);
    this.insertProvince = db.prepare(`INSERT INTO activity_provinces (activity_id, province_id) VALUES (?, ?)`);
    this.changeCount = db.prepare(`SELECT total_changes()`).pluck();
  }

  override get(id: string): Activity {
    return super.get(id) as Activity;
  }

  override create(values: ActivityValues): Activity {
    return super.create(values) as Activity;
  }

  override update(id: string, values: ActivityValues): Activity {
    return super.update(id, values) as Activity;
  }

  override restore(id: string): Activity {
    return super.restore(id) as Activity;
  }

  protected override searchText(a: StoredRecord<ActivityValues>) {
    return { title: a.title, body: searchBody(a) };
  }

  /** The link tables used by the sector and province filters follow every write. */
  protected override reindex(record: StoredRecord<ActivityValues>): void {
    for (const stmt of this.deleteLinks) stmt.run(record.id);
    for (const s of record.sectors) this.insertSector.run(record.id, s);
    for (const p of record.provinces) this.insertProvince.run(record.id, p);
    super.reindex(record);
  }

  /**
   * count(*) of a filter, remembered until anything is written (here: total_changes; another
   * connection: data_version). Counting a sector or text filter over 100,000 activities costs
   * tens of ms (npm run bench, list); the next pages of the same filter need not pay it again.
   */
  private count(from: string, whereSql: string, params: readonly unknown[]): number {
    const version = `${this.db.pragma('data_version', { simple: true })}:${this.changeCount.get()}`;
    if (version !== this.totalsVersion || this.totals.size > 50) {
      this.totals.clear();
      this.totalsVersion = version;
    }
    const key = JSON.stringify([from, whereSql, params]);
    let total = this.totals.get(key);
    if (total === undefined) {
      total = this.db.prepare(`SELECT count(*) FROM ${from} ${whereSql}`).pluck().get(...params) as number;
      this.totals.set(key, total);
    }
    return total;
  }

  list(input: Required<Pick<ActivityListInput, 'offset' | 'limit'>> & { filter: NonNullable<ActivityListInput['filter']>; sort: NonNullable<ActivityListInput['sort']> }): ActivityPage {
    const where: string[] = [];
    const params: unknown[] = [];
    const f = input.filter;
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
    // Kept apart: the count starts from one of these link tables (see below).
    const links: { table: string; column: string; value: string }[] = [];
    if (f.province) links.push({ table: 'activity_provinces', column: 'province_id', value: f.province });
    if (f.sector) links.push({ table: 'activity_sectors', column: 'sector_id', value: f.sector });
    if (f.supportsLocalities) where.push('a.id IN (SELECT activity_id FROM activity_provinces)');
    if (f.organisation) {
      where.push('EXISTS (SELECT 1 FROM json_each(a.organisation_ids) WHERE value = ?)');
      params.push(f.organisation);
    }
    const match = f.text ? ftsQuery(f.text) : null;
    if (match) {
      where.push(`a.id IN (SELECT d.record_id FROM search_fts JOIN search_docs d ON d.rowid = search_fts.rowid WHERE search_fts MATCH ? AND d.entity = 'activity')`);
      params.push(match);
    }
    const linkSql = links.map((l) => `a.id IN (SELECT activity_id FROM ${l.table} WHERE ${l.column} = ?)`);
    const whereOf = (conditions: string[]) => (conditions.length ? `WHERE ${conditions.join(' AND ')}` : '');
    const whereSql = whereOf([...where, ...linkSql]);
    const column = SORT_COLUMNS[input.sort.key] ?? 'start_date';
    const direction = input.sort.direction === 'asc' ? 'ASC' : 'DESC';
    // Ties broken by date then id, one direction throughout: the order of the list indexes (migration 005).
    const order = [...new Set([column, 'start_date', 'id'])].map((c) => `${c} ${direction}`).join(', ');
    const linkParams = links.map((l) => l.value);
    // A page reads the sort index and probes the links; a count is cheaper driven from the
    // first link table (a locality names ~2,000 of 100,000 activities: 1 ms instead of 21 ms).
    const [driver, ...rest] = links;
    const total = driver
      ? this.count(`${driver.table} l CROSS JOIN activities a ON a.id = l.activity_id`, whereOf([`l.${driver.column} = ?`, ...where, ...linkSql.slice(1)]), [driver.value, ...params, ...rest.map((l) => l.value)])
      : this.count('activities a', whereSql, params);
    const rows = this.db
      .prepare(`SELECT ${ROW_COLUMNS} FROM activities a ${whereSql} ORDER BY ${order} LIMIT ? OFFSET ?`)
      .all(...params, ...linkParams, input.limit, input.offset) as (DbRecordRow & ListRow)[];
    return {
      total,
      offset: input.offset,
      rows: rows.map(
        (r): ActivityRow => ({
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
        }),
      ),
    };
  }
}
