/** activity.list remembers a filter's total between pages (bench: list); it must never be stale. */
import { afterEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/context';
import { call, openContext, setUpMission } from '../support/context';

const open: AppContext[] = [];
afterEach(() => open.splice(0).forEach((a) => a.close()));

const activity = (title: string, startDate: string, kind: 'trade-promotion' | 'tourism-promotion' = 'trade-promotion') => ({
  title,
  kind,
  startDate,
  sectors: ['energy'],
});

describe('activity list totals and order', () => {
  it('keeps totals right after writes on this connection and on another one', async () => {
    const app = await setUpMission(openContext());
    open.push(app);
    const total = async (a: AppContext) => (await call(a, 'activity.list', { filter: { sector: 'energy' }, limit: 1 })).total;
    const first = await call(app, 'activity.create', activity('Hội chợ năng lượng', '2025-01-10'));
    expect(await total(app)).toBe(1);
    await call(app, 'activity.create', activity('Diễn đàn năng lượng', '2025-02-10'));
    expect(await total(app)).toBe(2);
    await call(app, 'activity.delete', { id: first.id });
    expect(await total(app)).toBe(1);
    // Another process (the CLI, the browser host) writing to the same folder.
    const other = openContext(app.options.dataDir);
    open.push(other);
    await call(other, 'activity.create', activity('Hội thảo năng lượng tái tạo', '2025-03-10'));
    expect(await total(app)).toBe(2);
  });

  it('breaks ties of a sort by date, then id, in the same direction', async () => {
    const app = await setUpMission(openContext());
    open.push(app);
    const later = await call(app, 'activity.create', activity('B', '2025-05-01'));
    const earlier = await call(app, 'activity.create', activity('A', '2025-01-01'));
    const tourism = await call(app, 'activity.create', activity('C', '2025-03-01', 'tourism-promotion'));
    const ids = async (direction: 'asc' | 'desc') => (await call(app, 'activity.list', { sort: { key: 'kind', direction } })).rows.map((r) => r.id);
    // 'tourism-promotion' sorts before 'trade-promotion'.
    expect(await ids('asc')).toEqual([tourism.id, earlier.id, later.id]);
    expect(await ids('desc')).toEqual([later.id, earlier.id, tourism.id]);
  });

  it('counts up to upTo at once: exact below it, else a lower bound, and never a stale one', async () => {
    const app = await setUpMission(openContext());
    open.push(app);
    for (const [i, kind] of (['trade-promotion', 'trade-promotion', 'trade-promotion', 'tourism-promotion'] as const).entries())
      await call(app, 'activity.create', activity(`Hoạt động ${i}`, `2025-0${i + 1}-10`, kind));
    const count = (filter: object, upTo?: number) => call(app, 'activity.count', { filter, upTo });
    expect(await count({}, 3)).toEqual({ total: 3, exact: false });
    expect(await count({}, 4)).toEqual({ total: 4, exact: false });
    expect(await count({}, 5)).toEqual({ total: 4, exact: true });
    expect(await count({})).toEqual({ total: 4, exact: true });
    expect(await count({ kinds: ['trade-promotion'] }, 2)).toEqual({ total: 2, exact: false });
    expect(await count({ kinds: ['tourism-promotion'] }, 2)).toEqual({ total: 1, exact: true });
    // The exact total just counted is remembered, and forgotten at the next write.
    await call(app, 'activity.create', activity('Hoạt động 5', '2025-06-10', 'tourism-promotion'));
    expect(await count({ kinds: ['tourism-promotion'] }, 2)).toEqual({ total: 2, exact: false });
    expect(await count({ kinds: ['tourism-promotion'] })).toEqual({ total: 2, exact: true });
  });
});
