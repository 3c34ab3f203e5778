/**
 * A locality's and a sector's link rows carry their activities' list columns (migration 022)
 * and a page by date, title or deal value walks their index. Whatever the plan, the list must
 * equal a plain scan of the activities in the list's order (the column, then date, then id),
 * through edits, title changes, re-dating, deal value and link changes, deletes, restores and
 * exchange imports: the copies must follow every write.
 */
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/context';
import { LINK_KEYS, LINKS } from '../../electron/db/migrations/022-link-keys';
import { ACTIVITY_SORT_KEYS, type Activity, type ActivityFilter } from '../../shared/domain/activity';
import { ACTIVITY_KINDS, ACTIVITY_STATUSES } from '../../shared/domain/enums';
import { call, listedIds } from '../support/context';
import { activity, deviceOpener, send } from '../support/exchange';

const open = deviceOpener();

const LOCALITIES = ['ho-chi-minh', 'da-nang', 'ha-noi'];
const SECTORS = ['agriculture', 'seafood', 'digital'];
/** Each locality, each sector, and one of each together. */
const LINKED: ActivityFilter[] = [
  ...LOCALITIES.map((province) => ({ province })),
  ...SECTORS.map((sector) => ({ sector })),
  { province: 'da-nang', sector: 'seafood' },
];
/** Few titles and days: ties that the date and then the id break. */
const TITLES = ['Hội chợ thương mại', 'Tọa đàm đầu tư', 'Đoàn doanh nghiệp', 'Kết nối giao thương', 'Quảng bá du lịch'];
const DAYS = ['2024-12-31', '2025-01-01', '2025-03-10', '2025-07-04', '2026-02-14'];

function values(i: number) {
  return {
    title: TITLES[(i * 3) % TITLES.length]!,
    kind: ACTIVITY_KINDS[i % 5]!,
    status: ACTIVITY_STATUSES[i % 3]!,
    startDate: DAYS[(i * 7) % DAYS.length]!,
    provinces: i % 5 === 4 ? [] : [LOCALITIES[i % 3]!, ...(i % 4 === 0 ? [LOCALITIES[(i + 1) % 3]!] : [])],
    sectors: i % 7 === 6 ? [] : [SECTORS[i % 2]!, ...(i % 3 === 0 ? [SECTORS[2]!] : [])],
    dealValueUsd: i % 4 === 0 ? null : (i % 6) * 1000,
  };
}

type Key = (typeof ACTIVITY_SORT_KEYS)[number];

/** The plain scan: every activity read on its own, filtered and sorted in memory (nulls first). */
async function scan(app: AppContext, filter: ActivityFilter, key: Key, direction: 'asc' | 'desc'): Promise<string[]> {
  const ids = (await call(app, 'activity.list', { filter: { includeDeleted: true }, limit: 1000 })).rows.map((r) => r.id);
  const all = await Promise.all(ids.map((id) => call(app, 'activity.get', { id })));
  const compare = (a: unknown, b: unknown) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : (a as string | number) < (b as string | number) ? -1 : 1);
  const sign = direction === 'asc' ? 1 : -1;
  return all
    .filter((a: Activity) => filter.includeDeleted || !a.deletedAt)
    .filter((a) => (!filter.province || a.provinces.includes(filter.province)) && (!filter.sector || a.sectors.includes(filter.sector)))
    .filter((a) => !filter.statuses?.length || filter.statuses.includes(a.status))
    .filter((a) => !filter.kinds?.length || filter.kinds.includes(a.kind))
    .filter((a) => !filter.period || a.startDate.startsWith(filter.period))
    .sort((a, b) => sign * (compare(a[key], b[key]) || compare(a.startDate, b.startDate) || compare(a.id, b.id)))
    .map((a) => a.id);
}

/** Every locality and sector with each extra condition, by every sort both ways, read in pages of 7; and the copies equal the rows. */
async function expectScan(app: AppContext): Promise<void> {
  for (const { table } of Object.values(LINKS)) {
    const stale = app.db
      .prepare(`SELECT count(*) FROM ${table} l JOIN activities a ON a.id = l.activity_id WHERE ${LINK_KEYS.map((c) => `l.${c} IS NOT a.${c}`).join(' OR ')}`)
      .pluck()
      .get();
    expect(stale, table).toBe(0);
  }
  for (const linked of LINKED)
    for (const extra of [
      {},
      { statuses: ['done' as const] },
      { kinds: [ACTIVITY_KINDS[1]!, ACTIVITY_KINDS[2]!] },
      { period: '2025' },
      { includeDeleted: true },
    ])
      for (const key of ACTIVITY_SORT_KEYS)
        for (const direction of ['asc', 'desc'] as const) {
          const filter = { ...linked, ...extra };
          const want = await scan(app, filter, key, direction);
          expect(await listedIds(app, filter, { key, direction }), `${JSON.stringify(filter)} by ${key} ${direction}`).toEqual(want);
          app.settings.set('test.touch', `${JSON.stringify(linked)} ${key} ${direction}`); // any write forgets remembered totals
          expect((await call(app, 'activity.count', { filter })).total, JSON.stringify(filter)).toBe(want.length);
        }
}

describe('the activity list filtered by a locality or a sector', () => {
  it('gives what a plain scan gives, before and after edits, title, date, deal value and link changes, deletes and restores', async () => {
    const app = await open('Nguyễn Thu Hà');
    const created: Activity[] = [];
    for (let i = 0; i < 45; i++) created.push(await call(app, 'activity.create', values(i)));
    for (const filter of LINKED.slice(0, 5)) expect((await scan(app, filter, 'title', 'asc')).length, JSON.stringify(filter)).toBeGreaterThan(14); // more than two pages
    await expectScan(app);

    for (const [i, a] of created.entries()) {
      const v = values(i);
      if (i % 6 === 1) await call(app, 'activity.update', { id: a.id, values: { ...v, startDate: DAYS[(i + 2) % DAYS.length]! } });
      if (i % 6 === 2) await call(app, 'activity.update', { id: a.id, values: { ...v, title: 'Ăn mừng Quốc khánh' } });
      if (i % 6 === 3) await call(app, 'activity.update', { id: a.id, values: { ...v, status: 'cancelled', kind: ACTIVITY_KINDS[2]! } });
      if (i % 6 === 5)
        await call(app, 'activity.update', { id: a.id, values: { ...v, title: 'Zalo doanh nghiệp', provinces: ['ha-noi'], sectors: ['digital'] } });
      if (i % 6 === 0) await call(app, 'activity.update', { id: a.id, values: { ...v, dealValueUsd: i % 12 === 0 ? 250 : null } });
      if (i % 10 === 3) await call(app, 'activity.delete', { id: a.id });
    }
    await call(app, 'activity.restore', { id: created[13]!.id });
    await expectScan(app);
  });

  it('writes an activity’s link rows again only when its localities or sectors change: the triggers keep their copies of the rest', async () => {
    const app = await open('Nguyễn Thu Hà');
    const v = values(0);
    const a = await call(app, 'activity.create', v);
    expect([v.provinces.length, v.sectors.length]).toEqual([2, 2]);
    app.db.exec(`CREATE TEMP TABLE rewritten (link TEXT)`);
    for (const { table } of Object.values(LINKS))
      app.db.exec(`CREATE TEMP TRIGGER ${table}_rewritten AFTER DELETE ON main.${table} BEGIN INSERT INTO rewritten VALUES ('${table}'); END`);
    const rewritten = () => Object.fromEntries(app.db.prepare(`SELECT link, count(*) FROM rewritten GROUP BY link`).raw().all() as [string, number][]);

    await call(app, 'activity.update', {
      id: a.id,
      values: { ...v, title: 'Ăn mừng Quốc khánh', status: 'cancelled', startDate: DAYS[3]!, dealValueUsd: 900 },
    });
    await call(app, 'activity.delete', { id: a.id });
    await call(app, 'activity.restore', { id: a.id });
    expect(rewritten()).toEqual({});
    await expectScan(app);

    await call(app, 'activity.update', { id: a.id, values: { ...v, provinces: ['ha-noi'] } });
    expect(rewritten()).toEqual({ activity_provinces: 2 });
    await expectScan(app);
  });

  it('gives what a plain scan gives after an exchange import created, renamed, re-dated and deleted activities', async () => {
    const staff = await open('Trần Văn An');
    const head = await open('Nguyễn Thu Hà', { role: 'head' });
    const sent: Activity[] = [];
    for (let i = 20; i < 45; i++) sent.push(await call(staff, 'activity.create', activity(values(i).title, values(i))));
    for (let i = 0; i < 20; i++) await call(head, 'activity.create', values(i));
    await send(staff, head);
    await expectScan(head);
    for (const [i, a] of sent.entries()) {
      const v = values(i + 20);
      if (i % 3 === 0)
        await call(staff, 'activity.update', { id: a.id, values: { ...v, startDate: DAYS[(i + 1) % DAYS.length]!, title: 'Ăn mừng Quốc khánh' } });
      // Some are moved to another sector and deleted in the same batch: their link rows follow them.
      if (i % 3 === 1) await call(staff, 'activity.update', { id: a.id, values: { ...v, status: 'done', dealValueUsd: 7000, sectors: ['seafood'] } });
      if (i % 5 === 2) await call(staff, 'activity.delete', { id: a.id });
    }
    await send(staff, head);
    await expectScan(head);
    // A deleted one restored on the staff's device comes back to the head's list.
    await call(staff, 'activity.restore', { id: sent[2]!.id });
    await send(staff, head);
    await expectScan(head);
  });
});
