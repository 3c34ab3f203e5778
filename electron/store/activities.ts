/** Activities: the store's reads and writes for entity 'activity'. */
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../db/open';
import { ACTIVITY_FIELD_NAMES } from '../../shared/domain/activity';
import type { Activity, ActivityListInput, ActivityPage, ActivityRow, ActivityValues } from '../../shared/domain/activity';
import { countryName } from '../../shared/countries';
import { AppError } from '../../shared/errors';
import { bothLabels } from '../../shared/i18n';
import { parsePeriod } from '../../shared/period';
import { provinceIndexText, sector } from '../../shared/reference';
import type { RemoteApplicable, RemoteMeta } from './entity';
import { ftsQuery, type SearchIndex } from './search-index';
import { changedFields, DELETED_FIELD, nonEmptyFields, type WriteContext, type Writer } from './writer';

interface ActivityDbRow {
  id: string;
  mission_id: string;
  title: string;
  kind: Activity['kind'];
  format: Activity['format'];
  status: Activity['status'];
  start_date: string;
  end_date: string | null;
  country: string | null;
  city: string;
  sectors: string;
  provinces: string;
  organisation_ids: string;
  businesses_supported: number | null;
  deal_value_usd: number | null;
  outcomes: string;
  follow_ups: string;
  notes: string;
  owner: string;
  created_at: string;
  updated_at: string;
  created_by: string;
  updated_by: string;
  device_id: string;
  deleted_at: string | null;
}

function fromDb(r: ActivityDbRow): Activity {
  return {
    id: r.id,
    title: r.title,
    kind: r.kind,
    format: r.format,
    status: r.status,
    startDate: r.start_date,
    endDate: r.end_date,
    country: r.country,
    city: r.city,
    sectors: JSON.parse(r.sectors) as string[],
    provinces: JSON.parse(r.provinces) as string[],
    organisationIds: JSON.parse(r.organisation_ids) as string[],
    businessesSupported: r.businesses_supported,
    dealValueUsd: r.deal_value_usd,
    outcomes: r.outcomes,
    followUps: r.follow_ups,
    notes: r.notes,
    owner: r.owner,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    createdBy: r.created_by,
    updatedBy: r.updated_by,
    deviceId: r.device_id,
    deletedAt: r.deleted_at,
  };
}

function columnValues(v: ActivityValues) {
  return {
    title: v.title,
    kind: v.kind,
    format: v.format,
    status: v.status,
    start_date: v.startDate,
    end_date: v.endDate,
    country: v.country,
    city: v.city,
    sectors: JSON.stringify(v.sectors),
    provinces: JSON.stringify(v.provinces),
    organisation_ids: JSON.stringify(v.organisationIds),
    businesses_supported: v.businessesSupported,
    deal_value_usd: v.dealValueUsd,
    outcomes: v.outcomes,
    follow_ups: v.followUps,
    notes: v.notes,
    owner: v.owner,
  };
}

/** Everything a person might type to find an activity, in both languages. */
function searchBody(v: ActivityValues): string {
  return [
    bothLabels('activityKind', v.kind),
    v.format ? bothLabels('activityFormat', v.format) : '',
    v.city,
    v.country ? `${countryName(v.country, 'vi')} ${countryName(v.country, 'en')}` : '',
    v.sectors.map((id) => `${sector(id)?.name ?? ''} ${sector(id)?.nameEn ?? ''}`).join(' '),
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

/** Values of an activity first seen through the exchange, before its fields are applied. */
const REMOTE_DEFAULTS: ActivityValues = {
  title: '',
  kind: 'other',
  format: null,
  status: 'done',
  startDate: '',
  endDate: null,
  country: null,
  city: '',
  sectors: [],
  provinces: [],
  organisationIds: [],
  businessesSupported: null,
  dealValueUsd: null,
  outcomes: '',
  followUps: '',
  notes: '',
  owner: '',
};

export class ActivityStore implements RemoteApplicable {
  readonly entity = 'activity' as const;
  private readonly insert;
  private readonly updateStmt;
  private readonly getStmt;
  private readonly setDeleted;
  private readonly deleteLinks;
  private readonly insertSector;
  private readonly insertProvince;

  constructor(
    private readonly db: Db,
    private readonly writer: Writer,
    private readonly search: SearchIndex,
    private readonly missionId: () => string,
  ) {
    this.insert = db.prepare(`
      INSERT INTO activities (id, mission_id, title, kind, format, status, start_date, end_date, country, city,
        sectors, provinces, organisation_ids, businesses_supported, deal_value_usd, outcomes, follow_ups, notes, owner,
        created_at, updated_at, created_by, updated_by, device_id)
      VALUES (@id, @mission_id, @title, @kind, @format, @status, @start_date, @end_date, @country, @city,
        @sectors, @provinces, @organisation_ids, @businesses_supported, @deal_value_usd, @outcomes, @follow_ups, @notes, @owner,
        @now, @now, @author, @author, @device_id)`);
    this.updateStmt = db.prepare(`
      UPDATE activities SET title = @title, kind = @kind, format = @format, status = @status, start_date = @start_date,
        end_date = @end_date, country = @country, city = @city, sectors = @sectors, provinces = @provinces,
        organisation_ids = @organisation_ids, businesses_supported = @businesses_supported, deal_value_usd = @deal_value_usd,
        outcomes = @outcomes, follow_ups = @follow_ups, notes = @notes, owner = @owner,
        updated_at = @now, updated_by = @author
      WHERE id = @id`);
    this.getStmt = db.prepare(`SELECT * FROM activities WHERE id = ?`);
    this.setDeleted = db.prepare(`UPDATE activities SET deleted_at = ?, updated_at = ?, updated_by = ? WHERE id = ?`);
    this.deleteLinks = [
      db.prepare(`DELETE FROM activity_sectors WHERE activity_id = ?`),
      db.prepare(`DELETE FROM activity_provinces WHERE activity_id = ?`),
    ];
    this.insertSector = db.prepare(`INSERT INTO activity_sectors (activity_id, sector_id) VALUES (?, ?)`);
    this.insertProvince = db.prepare(`INSERT INTO activity_provinces (activity_id, province_id) VALUES (?, ?)`);
  }

  get(id: string): Activity {
    const row = this.getStmt.get(id) as ActivityDbRow | undefined;
    if (!row) throw new AppError('NOT_FOUND', `No activity with id ${id}`);
    return fromDb(row);
  }

  create(values: ActivityValues): Activity {
    return this.writer.write((ctx) => this.createIn(ctx, values));
  }

  /** Creates many in one transaction (demo data, imports). */
  createMany(list: readonly ActivityValues[]): number {
    return this.writer.write((ctx) => {
      for (const values of list) this.createIn(ctx, values);
      return list.length;
    });
  }

  update(id: string, values: ActivityValues): Activity {
    return this.writer.write((ctx) => {
      const before = this.get(id);
      const diff = changedFields<ActivityValues>(before, values, ACTIVITY_FIELD_NAMES);
      if (Object.keys(diff).length === 0) return before;
      ctx.recordChanges('activity', id, diff);
      this.updateStmt.run({ id, ...columnValues(values), now: ctx.now, author: ctx.author });
      this.writeLinks(id, values);
      if (!before.deletedAt) this.search.put('activity', id, values.title, searchBody(values));
      return this.get(id);
    });
  }

  /** Soft delete: the record stays (for undo and as a tombstone in the change log). */
  delete(id: string): { id: string; deletedAt: string } {
    return this.writer.write((ctx) => {
      const before = this.get(id);
      if (before.deletedAt) return { id, deletedAt: before.deletedAt };
      ctx.recordChanges('activity', id, { [DELETED_FIELD]: ctx.now });
      this.setDeleted.run(ctx.now, ctx.now, ctx.author, id);
      this.search.remove(id);
      return { id, deletedAt: ctx.now };
    });
  }

  restore(id: string): Activity {
    return this.writer.write((ctx) => {
      const before = this.get(id);
      if (!before.deletedAt) return before;
      ctx.recordChanges('activity', id, { [DELETED_FIELD]: null });
      this.setDeleted.run(null, ctx.now, ctx.author, id);
      this.search.put('activity', id, before.title, searchBody(before));
      return this.get(id);
    });
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
    if (f.sector) {
      where.push('a.id IN (SELECT activity_id FROM activity_sectors WHERE sector_id = ?)');
      params.push(f.sector);
    }
    if (f.province) {
      where.push('a.id IN (SELECT activity_id FROM activity_provinces WHERE province_id = ?)');
      params.push(f.province);
    }
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
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const column = SORT_COLUMNS[input.sort.key] ?? 'start_date';
    const direction = input.sort.direction === 'asc' ? 'ASC' : 'DESC';
    const total = this.db.prepare(`SELECT count(*) FROM activities a ${whereSql}`).pluck().get(...params) as number;
    const rows = this.db
      .prepare(`SELECT ${ROW_COLUMNS} FROM activities a ${whereSql} ORDER BY ${column} ${direction}, id ${direction} LIMIT ? OFFSET ?`)
      .all(...params, input.limit, input.offset) as (Pick<ActivityDbRow, 'id' | 'title' | 'kind' | 'status' | 'start_date' | 'end_date' | 'country' | 'city' | 'provinces' | 'sectors' | 'deal_value_usd' | 'updated_at'>)[];
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

  /** Exchange: writes field values that won the merge (RemoteApplicable), without recording changes. */
  applyRemote(id: string, fields: Record<string, unknown>, meta: RemoteMeta): void {
    const row = this.getStmt.get(id) as ActivityDbRow | undefined;
    const known = Object.fromEntries(Object.entries(fields).filter(([name]) => (ACTIVITY_FIELD_NAMES as readonly string[]).includes(name)));
    const values = { ...(row ? fromDb(row) : REMOTE_DEFAULTS), ...known } as ActivityValues;
    if (row) this.updateStmt.run({ id, ...columnValues(values), now: meta.now, author: meta.author });
    else this.insert.run({ id, mission_id: meta.missionId, ...columnValues(values), now: meta.now, author: meta.author, device_id: meta.deviceId });
    this.writeLinks(id, values);
    if (DELETED_FIELD in fields) {
      const deletedAt = fields[DELETED_FIELD];
      this.setDeleted.run(typeof deletedAt === 'string' ? deletedAt : null, meta.now, meta.author, id);
    }
    const after = this.get(id);
    if (after.deletedAt) this.search.remove(id);
    else this.search.put('activity', id, after.title, searchBody(after));
  }

  private createIn(ctx: WriteContext, values: ActivityValues): Activity {
    const id = uuidv7();
    ctx.recordChanges('activity', id, nonEmptyFields<ActivityValues>(values, ACTIVITY_FIELD_NAMES));
    this.insert.run({ id, mission_id: this.missionId(), ...columnValues(values), now: ctx.now, author: ctx.author, device_id: ctx.deviceId });
    this.writeLinks(id, values);
    this.search.put('activity', id, values.title, searchBody(values));
    return {
      ...values,
      id,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      createdBy: ctx.author,
      updatedBy: ctx.author,
      deviceId: ctx.deviceId,
      deletedAt: null,
    };
  }

  private writeLinks(id: string, values: ActivityValues): void {
    for (const stmt of this.deleteLinks) stmt.run(id);
    for (const s of values.sectors) this.insertSector.run(id, s);
    for (const p of values.provinces) this.insertProvince.run(id, p);
  }
}
