/**
 * activity.list reads a page either along the sort index or from a sector/locality link
 * table (whichever is cheaper for the page asked). Whatever it chooses, pages read one
 * after another must give exactly the filtered, sorted list a plain model computes.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/context';
import { LINKS } from '../../electron/db/migrations/022-link-keys';
import type { Db } from '../../electron/db/open';
import { ActivityList } from '../../electron/store/activity-list';
import { ACTIVITY_SORT_KEYS, type ActivityFilter, type ActivityRow } from '../../shared/domain/activity';
import { ACTIVITY_KINDS, ACTIVITY_STATUSES } from '../../shared/domain/enums';
import { call, openContext, setUpMission } from '../support/context';

const PROVINCES = ['ha-noi', 'da-nang', 'ho-chi-minh'];
const SECTORS = ['energy', 'agriculture'];

const OTHER_MISSION = '01930000-0000-7000-8000-000000000042';
/** A period holding some of the activities (they start from January to June 2025). */
const PERIOD_START = '2025-02-10';
const PERIOD_END = '2025-04-30';

let app: AppContext;
let all: ActivityRow[];
let missionOf: Map<string, string>;

beforeAll(async () => {
  app = await setUpMission(openContext());
  // 90 activities: a few tied titles, dates and values, some localities and sectors, 5 deleted.
  for (let i = 0; i < 90; i++) {
    const created = await call(app, 'activity.create', {
      title: `Hoạt động ${String.fromCharCode(65 + (i % 7))}`,
      kind: ACTIVITY_KINDS[i % 4]!,
      status: ACTIVITY_STATUSES[i % 3]!,
      startDate: `2025-0${1 + (i % 6)}-${String(1 + (i % 17)).padStart(2, '0')}`,
      provinces: i % 5 === 0 ? [] : [PROVINCES[i % 3]!, ...(i % 4 === 0 ? [PROVINCES[(i + 1) % 3]!] : [])],
      sectors: i % 3 === 0 ? [SECTORS[i % 2]!] : [],
      dealValueUsd: i % 4 === 0 ? null : (i % 9) * 1000,
    });
    if (i % 18 === 0) await call(app, 'activity.delete', { id: created.id });
  }
  all = (await call(app, 'activity.list', { filter: { includeDeleted: true }, limit: 1000 })).rows;
  expect(all).toHaveLength(90);
  // Every third activity from another mission, as HQ holds them after an import.
  const moved = all.filter((_, i) => i % 3 === 0).map((r) => r.id);
  app.db.prepare(`UPDATE activities SET mission_id = ? WHERE id IN (${moved.map(() => '?').join(',')})`).run(OTHER_MISSION, ...moved);
  missionOf = new Map(app.db.prepare('SELECT id, mission_id FROM activities').raw().all() as [string, string][]);
});
afterAll(() => app.close());

const COLUMN: Record<(typeof ACTIVITY_SORT_KEYS)[number], keyof ActivityRow> = {
  startDate: 'startDate',
  title: 'title',
  kind: 'kind',
  status: 'status',
  dealValueUsd: 'dealValueUsd',
  updatedAt: 'updatedAt',
};

/** The model: filter in memory, order by the column, then date, then id (nulls first). */
function expected(filter: ActivityFilter, key: (typeof ACTIVITY_SORT_KEYS)[number], direction: 'asc' | 'desc', deleted: Set<string>): string[] {
  const compare = (a: unknown, b: unknown) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : (a as string | number) < (b as string | number) ? -1 : 1);
  const sign = direction === 'asc' ? 1 : -1;
  return all
    .filter((r) => !deleted.has(r.id))
    .filter((r) => !filter.province || r.provinces.includes(filter.province))
    .filter((r) => !filter.sector || r.sectors.includes(filter.sector))
    .filter((r) => !filter.statuses?.length || filter.statuses.includes(r.status))
    .filter((r) => !filter.supportsLocalities || r.provinces.length > 0)
    .filter((r) => !filter.mission || missionOf.get(r.id) === filter.mission)
    .filter((r) => !filter.period || (r.startDate >= PERIOD_START && r.startDate <= PERIOD_END))
    .sort((a, b) => sign * (compare(a[COLUMN[key]], b[COLUMN[key]]) || compare(a.startDate, b.startDate) || compare(a.id, b.id)))
    .map((r) => r.id);
}

describe('activity list pages', () => {
  it('read page after page give the model list, however each page is read', async () => {
    const live = new Set((await call(app, 'activity.list', { limit: 1000 })).rows.map((r) => r.id));
    const deleted = new Set(all.map((r) => r.id).filter((id) => !live.has(id)));
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          province: fc.option(fc.constantFrom(...PROVINCES), { nil: undefined }),
          sector: fc.option(fc.constantFrom(...SECTORS), { nil: undefined }),
          statuses: fc.option(fc.subarray([...ACTIVITY_STATUSES], { minLength: 1 }), { nil: undefined }),
          supportsLocalities: fc.option(fc.constant(true), { nil: undefined }),
          mission: fc.option(fc.constantFrom(OTHER_MISSION, 'own'), { nil: undefined }),
          period: fc.option(fc.constant(`${PERIOD_START}..${PERIOD_END}`), { nil: undefined }),
        }),
        fc.constantFrom(...ACTIVITY_SORT_KEYS),
        fc.constantFrom('asc' as const, 'desc' as const),
        fc.integer({ min: 1, max: 13 }),
        async (drawn, key, direction, limit) => {
          const filter = { ...drawn, mission: drawn.mission === 'own' ? app.missionId()! : drawn.mission };
          const want = expected(filter, key, direction, deleted);
          const got: string[] = [];
          for (let offset = 0; ; offset += limit) {
            const page = await call(app, 'activity.list', { filter, sort: { key, direction }, offset, limit, withTotal: false });
            got.push(...page.rows.map((r) => r.id));
            if (page.rows.length < limit) break;
          }
          expect(got).toEqual(want);
          expect((await call(app, 'activity.count', { filter })).total).toBe(want.length);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('give the first page without counting when asked, and the total once known or when the page is all there is', async () => {
    const filter = { province: 'ha-noi' };
    app.settings.set('test.touch', Date.now()); // any write forgets remembered totals
    const first = await call(app, 'activity.list', { filter, limit: 5, withTotal: false });
    expect(first.rows).toHaveLength(5);
    expect(first.total).toBeNull();
    const { total } = await call(app, 'activity.count', { filter });
    expect(total).toBeGreaterThan(5);
    expect((await call(app, 'activity.list', { filter, offset: 5, limit: 5, withTotal: false })).total).toBe(total);
    const whole = await call(app, 'activity.list', { filter, limit: 1000, withTotal: false });
    expect(whole.total).toBe(whole.rows.length);
  });

  it('sort a locality’s or a sector’s activities by date, title or deal value along its link indexes, by any other column in id order reading no row before the page is chosen', () => {
    for (const [name, link] of Object.entries(LINKS)) {
      const value = name === 'province' ? 'da-nang' : SECTORS[0]!;
      const seen: string[] = [];
      const watched = { prepare: (sql: string) => (seen.push(sql), app.db.prepare(sql)) } as unknown as Db;
      const list = new ActivityList(watched);
      for (const key of ACTIVITY_SORT_KEYS)
        list.list({ filter: { [name]: value, statuses: ['done'] }, sort: { key, direction: 'asc' }, offset: 0, limit: 200, withTotal: false });
      const pages = seen.filter((sql) => sql.includes(`FROM ${link.table} l `));
      expect(pages).toHaveLength(ACTIVITY_SORT_KEYS.length);
      const along: string[] = [];
      for (const sql of pages) {
        const args = [value, 'done', 200, 0].slice(0, sql.split('?').length - 1);
        const plan = (app.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail);
        const column = /ORDER BY l\.(\w+) /.exec(sql)?.[1];
        if (column && column in link.orders) {
          // Migration 022: the index is in the page's order, so nothing is sorted and the walk stops after the page.
          along.push(column);
          expect(plan[0], sql).toBe(`SEARCH l USING COVERING INDEX ${link.orders[column]} (${link.column}=? AND deleted_at=?)`);
          // The page's rows are read whole: found through the primary key's index, the smallest.
          expect(plan[1], sql).toMatch(/^SEARCH a USING INDEX sqlite_autoindex_activities_\d+ \(id=\?\)$/);
          expect(
            plan.filter((step) => step.includes('TEMP B-TREE')),
            sql,
          ).toEqual([]);
        } else {
          // In activity id order, so the lookups for the columns the link lacks follow activities_lookup's order.
          expect(plan, sql).toContain(`SEARCH l USING PRIMARY KEY (${link.column}=?)`);
          expect(plan, sql).toContain('SEARCH a USING COVERING INDEX activities_lookup (id=?)');
        }
      }
      expect(along.sort(), name).toEqual(['deal_value_usd', 'start_date', 'title']);
    }
  });

  it('count a locality from its link rows alone when they carry every condition, joining the activities otherwise', () => {
    const seen: string[] = [];
    const watched = { prepare: (sql: string) => (seen.push(sql), app.db.prepare(sql)) } as unknown as Db;
    const list = new ActivityList(watched);
    const filter = { province: 'da-nang', statuses: ['done' as const], period: '2025' };
    list.count(filter);
    // A partner's rows (migration 027) are probed by the link row's activity: still the link alone.
    list.count({ ...filter, organisation: '01930000-0000-7000-8000-000000000001' });
    list.count({ ...filter, mission: OTHER_MISSION });
    const counts = seen.filter((sql) => sql.startsWith('SELECT count(*)') && sql.includes('activity_provinces l'));
    expect(counts).toHaveLength(3);
    expect(counts[0]).toMatch(/^SELECT count\(\*\) FROM activity_provinces l INDEXED BY activity_provinces_start WHERE /);
    expect(counts[0]).not.toContain('activities a');
    expect(counts[1]).toContain('activity_organisations o WHERE o.organisation_id = ? AND o.activity_id = l.activity_id');
    expect(counts[1]).not.toContain('activities a');
    expect(counts[2]).toContain('CROSS JOIN activities a');
  });
});
