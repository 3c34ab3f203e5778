/**
 * The list's text filter reads activity_fts (migration 020), keyed by start day and rowid, and
 * a page by date reads it in key order. Whatever the plan, the list must equal a plain scan:
 * every folded query word starts a word of the activity's folded text, and the order is the
 * list's (the column, then date, then id), through edits, date changes, deletes and imports.
 */
import { describe, expect, it, vi } from 'vitest';
import type { AppContext } from '../../electron/context';
import { searchBody } from '../../electron/store/activities';
import type { Activity, ActivityFilter } from '../../shared/domain/activity';
import { ACTIVITY_KINDS, ACTIVITY_STATUSES } from '../../shared/domain/enums';
import { foldedWords, foldText } from '../../shared/text';
import { ACTIVITY_TEXT_FILLED_TO, ftsQuery, SearchIndex } from '../../electron/store/search-index';
import { MAX_TERMS } from '../../electron/store/activity-list';
import { missionToken } from '../../electron/db/migrations/021-activity-text-mission';
import { ACTIVITY_TEXT_REBUILD_SETTING, activityTextKey } from '../../electron/db/migrations/020-activity-text';
import { call, listedIds, openContext, setUpMission, tempDir } from '../support/context';
import { activity, deviceOpener, send } from '../support/exchange';

const open = deviceOpener();

const TITLES = [
  'Hội chợ thương mại {city}',
  'Tọa đàm đầu tư tại {city}',
  'Đoàn doanh nghiệp Đà Nẵng thăm {city}',
  'Kết nối giao thương nông sản',
  'Quảng bá du lịch Việt Nam',
];
const CITIES = ['Osaka', 'Tokyo', 'Nagoya', 'Fukuoka'];
/** Few days, so a page's last day has ties that the key order (rowid) and the list order (id) sort apart. */
const DAYS = ['2024-12-31', '2025-01-01', '2025-03-10', '2025-03-11', '2025-07-04', '2025-12-31', '2026-01-01', '2026-02-14'];
const QUERIES = ['xuc tien', 'Hội chợ', 'osaka', 'kumamoto', 'hoi cho osa', 'thuo', 'đà nẵng', 'XÚC TIẾN đầu', 'zzzz'];

function values(i: number) {
  const city = CITIES[i % CITIES.length]!;
  return {
    title: TITLES[i % TITLES.length]!.replace('{city}', city),
    kind: ACTIVITY_KINDS[i % 5]!,
    status: ACTIVITY_STATUSES[i % 3]!,
    startDate: DAYS[(i * 5) % DAYS.length]!,
    city,
    provinces: i % 4 === 0 ? ['da-nang'] : [],
    notes: i % 29 === 0 ? 'Gặp đối tác Kumamoto' : '',
  };
}

/** Every activity, deleted too, with its mission (read from the table: the list's rows do not name it). */
async function everything(app: AppContext): Promise<(Activity & { missionId: string })[]> {
  const ids = (await call(app, 'activity.list', { filter: { includeDeleted: true }, limit: 1000 })).rows.map((r) => r.id);
  const missionOf = app.db.prepare(`SELECT mission_id FROM activities WHERE id = ?`).pluck();
  return Promise.all(ids.map(async (id) => ({ ...(await call(app, 'activity.get', { id })), missionId: missionOf.get(id) as string })));
}

/** The plain scan: the activities whose folded text has a word starting with each query word, in the list's order. */
async function scan(
  app: AppContext,
  filter: ActivityFilter,
  key: 'startDate' | 'title',
  direction: 'asc' | 'desc',
  known?: Awaited<ReturnType<typeof everything>>,
) {
  const all = known ?? (await everything(app));
  const query = foldedWords(filter.text ?? '');
  const found = (a: Activity) => {
    const words = foldText(`${a.title} ${searchBody(a)}`).split(/[^\p{L}\p{N}]+/u);
    return query.every((q) => words.some((w) => w.startsWith(q)));
  };
  const sign = direction === 'asc' ? 1 : -1;
  const compare = (x: string, y: string) => (x === y ? 0 : x < y ? -1 : 1);
  return all
    .filter((a) => !a.deletedAt && found(a))
    .filter((a) => !filter.period || a.startDate.startsWith(filter.period))
    .filter((a) => !filter.statuses?.length || filter.statuses.includes(a.status))
    .filter((a) => !filter.mission || a.missionId === filter.mission)
    .sort((a, b) => sign * (compare(a[key], b[key]) || compare(a.startDate, b.startDate) || compare(a.id, b.id)))
    .map((a) => a.id);
}

/** Every query, with and without a period and a status (or other filters), by date both ways and by title, read in pages of 7. */
async function expectScan(app: AppContext, extras: ActivityFilter[] = [{}, { period: '2025' }, { statuses: ['done'] }], queries = QUERIES): Promise<void> {
  const all = await everything(app);
  for (const text of queries)
    for (const extra of extras)
      for (const [key, direction] of [
        ['startDate', 'desc'],
        ['startDate', 'asc'],
        ['title', 'asc'],
      ] as const) {
        const filter = { text, ...extra };
        const want = await scan(app, filter, key, direction, all);
        expect(await listedIds(app, filter, { key, direction }), `${JSON.stringify(filter)} by ${key} ${direction}`).toEqual(want);
        // Any write forgets remembered totals: each count is counted.
        app.settings.set('test.touch', `${text} ${key} ${direction} 1`);
        expect(await call(app, 'activity.count', { filter, upTo: 5 }), JSON.stringify(filter)).toEqual({
          total: Math.min(want.length, 5),
          exact: want.length < 5,
        });
        app.settings.set('test.touch', `${text} ${key} ${direction} 2`);
        expect((await call(app, 'activity.count', { filter })).total, JSON.stringify(filter)).toBe(want.length);
      }
}

/** A start date `n` days after 2024-01-01: many dates, so the fill's slices (whole dates) are small. */
const dayAfter = (n: number) => new Date(Date.UTC(2024, 0, 1 + n)).toISOString().slice(0, 10);

/** What activity_fts holds: each term with the keys it is under (fts5vocab reads past deleted keys), one string to compare. */
function listTextDigest(app: AppContext): string {
  app.db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.activity_vocab USING fts5vocab(main, activity_fts, 'instance')`);
  const rows = app.db.prepare(`SELECT term, doc FROM temp.activity_vocab ORDER BY term, doc`).safeIntegers().raw().all() as [string, bigint][];
  expect(rows.length).toBeGreaterThan(0);
  return rows.map(([term, doc]) => `${term} ${doc}`).join('\n');
}

/** As migration 021 leaves a folder (committed): activity_fts emptied, its fill pending. */
function emptyListText(app: AppContext): void {
  app.db.exec(`INSERT INTO activity_fts (activity_fts) VALUES ('delete-all')`);
  app.settings.set(ACTIVITY_TEXT_REBUILD_SETTING, true);
}

/** What a fill from nothing gives over the activities as they are now (the index is filled again after). */
async function freshFill(app: AppContext): Promise<string> {
  emptyListText(app);
  app.settings.delete(ACTIVITY_TEXT_FILLED_TO);
  await app.activities.reindexListText(() => Promise.resolve());
  return listTextDigest(app);
}

/** The keys in activity_fts (every entry holds its mission's token) and the keys of the live activities the fill has reached. */
function filledKeys(app: AppContext): { indexed: bigint[]; reached: bigint[] } {
  const filledTo = app.settings.get<string>(ACTIVITY_TEXT_FILLED_TO) ?? '';
  const missions = app.db.prepare(`SELECT DISTINCT mission_id FROM activities`).pluck().all() as string[];
  const match = app.db.prepare(`SELECT rowid FROM activity_fts WHERE activity_fts MATCH ?`).pluck().safeIntegers();
  const indexed = missions.flatMap((m) => match.all(`"${missionToken(m)}"`) as bigint[]).sort((a, b) => (a < b ? -1 : 1));
  const reached = app.db
    .prepare(`SELECT ${activityTextKey('start_date', 'rowid')} AS key FROM activities WHERE deleted_at IS NULL AND start_date <= ? ORDER BY key`)
    .pluck()
    .safeIntegers()
    .all(filledTo) as bigint[];
  return { indexed, reached };
}

/** activity_fts's FTS5 merge settings, set or not. */
const merging = (app: AppContext) =>
  Object.fromEntries(app.db.prepare(`SELECT k, v FROM activity_fts_config WHERE k IN ('automerge', 'crisismerge')`).raw().all() as [string, number][]);
const setMerging = (app: AppContext) => app.db.exec(`INSERT INTO activity_fts (activity_fts, rank) VALUES ('automerge', 8), ('crisismerge', 20)`);

describe('the activity list filtered by a text', () => {
  it('gives what a plain scan gives, before and after edits, date changes, deletes and restores', async () => {
    const app = await open('Nguyễn Thu Hà');
    const created: Activity[] = [];
    for (let i = 0; i < 60; i++) created.push(await call(app, 'activity.create', values(i)));
    const common = await scan(app, { text: 'xuc tien' }, 'startDate', 'desc');
    expect(common.length).toBeGreaterThan(14); // more than two pages
    expect((await scan(app, { text: 'kumamoto' }, 'startDate', 'desc')).length).toBe(3);
    await expectScan(app);

    for (const [i, a] of created.entries()) {
      if (i % 6 === 1) await call(app, 'activity.update', { id: a.id, values: { ...values(i), startDate: DAYS[(i + 3) % DAYS.length]! } });
      if (i % 6 === 2) await call(app, 'activity.update', { id: a.id, values: { ...values(i), title: 'Hội thảo Kumamoto' } });
      if (i % 6 === 3)
        await call(app, 'activity.update', {
          id: a.id,
          values: { ...values(i), title: 'Khảo sát thị trường', kind: 'market-information', startDate: '2025-03-11' },
        });
      if (i % 10 === 4) await call(app, 'activity.delete', { id: a.id });
    }
    await call(app, 'activity.restore', { id: created[14]!.id });
    await expectScan(app);
  });

  it('is filled again in key order, whole dates at a time, with FTS5’s merge settings restored after, and gives what a plain scan gives', async () => {
    const app = await open('Nguyễn Thu Hà');
    const created: Activity[] = [];
    // Dates out of rowid order, most shared by many activities, a few alone.
    for (let i = 0; i < 90; i++)
      created.push(await call(app, 'activity.create', { ...values(i), ...(i % 9 === 0 ? { startDate: `2023-05-0${1 + (i % 7)}` } : {}) }));
    for (const [i, a] of created.entries()) if (i % 7 === 3) await call(app, 'activity.delete', { id: a.id });
    setMerging(app);
    emptyListText(app);
    const put = vi.spyOn(SearchIndex.prototype, 'putActivityText');
    // Slices of about 10 activities: several dates, or one date with more.
    const filled = await app.activities.reindexListText(() => Promise.resolve(), 10);
    const keys = put.mock.calls.map(([key]) => key);
    put.mockRestore();
    expect(filled).toBe(created.filter((_, i) => i % 7 !== 3).length);
    expect(new Set(keys).size).toBe(filled);
    expect(keys).toEqual([...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(merging(app)).toEqual({ automerge: 8, crisismerge: 20 });
    expect(app.settings.get(ACTIVITY_TEXT_REBUILD_SETTING)).toBeUndefined();
    await expectScan(app);
  });

  it('answers from search_fts while the list text is not filled, and a fill after writes meanwhile gives the same as a plain scan', async () => {
    const app = await open('Nguyễn Thu Hà');
    const created: Activity[] = [];
    for (let i = 0; i < 40; i++) created.push(await call(app, 'activity.create', values(i)));
    const mission = app.missionId()!;
    // As migration 021 leaves it: the list matches a text in search_fts until the fill is done.
    emptyListText(app);
    await expectScan(app, [{}, { period: '2025' }, { mission }]);
    // Written while pending (a fill cut short leaves the flag): the fill must not put them in twice.
    await call(app, 'activity.update', { id: created[3]!.id, values: { ...values(3), title: 'Hội chợ Kumamoto', startDate: '2026-02-14' } });
    await call(app, 'activity.delete', { id: created[5]!.id });
    await call(app, 'activity.create', values(41));
    await app.activities.reindexListText(() => Promise.resolve());
    await expectScan(app, [{}, { period: '2025' }, { mission }]);
  });

  it('relies on FTS5 as it is: deleting a key activity_fts lacks changes nothing, even once that key is put in; a key put twice is in twice', async () => {
    const app = await open('Nguyễn Thu Hà');
    emptyListText(app);
    const put = app.db.prepare(`INSERT INTO activity_fts (rowid, text) VALUES (?, ?)`);
    const remove = app.db.prepare(`DELETE FROM activity_fts WHERE rowid = ?`);
    const matches = (text: string) => app.db.prepare(`SELECT rowid FROM activity_fts WHERE activity_fts MATCH ? ORDER BY rowid`).pluck().all(text);
    for (let key = 10n; key <= 200n; key += 10n) put.run(key, 'alpha beta');
    // Absent keys, within the segment's keys and after them (what the store and 020's trigger do for an activity the fill has not reached).
    for (const key of [15n, 500n]) remove.run(key);
    expect(matches('alpha')).toHaveLength(20);
    for (const key of [15n, 500n]) put.run(key, 'gamma');
    app.db.exec(`INSERT INTO activity_fts (activity_fts, rank) VALUES ('merge', -500)`);
    expect(matches('gamma')).toEqual([15, 500]);
    expect(matches('alpha')).toHaveLength(20);
    // No error and no replacement: the old terms stay beside the new ones (the fill must never put a key the store put).
    put.run(20n, 'delta');
    expect(matches('delta')).toEqual([20]);
    expect(matches('alpha')).toContain(20);
  });

  it('commits its fill a slice at a time: writes and an exchange import between slices leave the index a fill from nothing gives', async () => {
    const staff = await open('Trần Văn An');
    const app = await open('Nguyễn Thu Hà', { role: 'head' });
    const sent: Activity[] = [];
    for (let i = 0; i < 20; i++)
      sent.push(await call(staff, 'activity.create', activity(values(i).title, { ...values(i), startDate: dayAfter((i * 37) % 400) })));
    await send(staff, app);
    const index = new Map<string, number>();
    for (let i = 20; i < 120; i++) index.set((await call(app, 'activity.create', { ...values(i), startDate: dayAfter((i * 37) % 400) })).id, i);
    emptyListText(app);
    const filledTo = () => app.settings.get<string>(ACTIVITY_TEXT_FILLED_TO)!;
    const startOf = app.db.prepare(`SELECT start_date FROM activities WHERE id = ?`).pluck();
    const used = new Set<string>();
    // One of this device's live activities on either side of the last date filled, not written yet in this test (the next to be filled).
    const pick = (filled: boolean) => {
      const ids = [...index.keys()].filter((id) => !used.has(id) && startOf.get(id)! <= filledTo() === filled);
      const id = ids.sort((x, y) => (startOf.get(x)! < startOf.get(y)! ? -1 : 1))[filled ? ids.length - 1 : 0];
      expect(id, `an activity ${filled ? 'filled' : 'not filled'} by ${filledTo()}`).toBeDefined();
      used.add(id!);
      return id!;
    };
    const update = (id: string, changes: Partial<ReturnType<typeof values>>) =>
      call(app, 'activity.update', { id, values: { ...values(index.get(id)!), startDate: startOf.get(id) as string, ...changes } });
    const deleted: string[] = [];
    const writtenBefore: string[] = [];
    const steps = [
      async () => {
        for (const startDate of [dayAfter(-300), dayAfter(900)]) index.set((await call(app, 'activity.create', { ...values(7), startDate })).id, 7);
        // Dated on the last date filled: filled already.
        index.set((await call(app, 'activity.create', { ...values(8), title: 'Hội chợ Kumamoto', startDate: filledTo() })).id, 8);
      },
      async () => {
        await update(pick(true), { title: 'Hội thảo Kumamoto' });
        const later = pick(false);
        await update(later, { title: 'Hội thảo Kumamoto xúc tiến' });
        writtenBefore.push(later);
      },
      async () => {
        // Across the last date filled, both ways.
        await update(pick(true), { startDate: dayAfter(800) });
        await update(pick(false), { startDate: dayAfter(-200), title: 'Khảo sát Kumamoto' });
      },
      async () => {
        for (const id of [pick(true), pick(false)]) {
          await call(app, 'activity.delete', { id });
          deleted.push(id);
        }
      },
      async () => {
        // Deleted on either side, restored when the fill has moved on.
        for (const id of deleted) await call(app, 'activity.restore', { id });
      },
      async () => {
        await call(staff, 'activity.update', { id: sent[0]!.id, values: { ...values(0), title: 'Xúc tiến Kumamoto', startDate: dayAfter(-100) } });
        await call(staff, 'activity.update', { id: sent[1]!.id, values: { ...values(1), startDate: dayAfter(700) } });
        await call(staff, 'activity.update', { id: sent[2]!.id, values: { ...values(2), title: 'Tọa đàm Kumamoto', startDate: sent[2]!.startDate } });
        await call(staff, 'activity.delete', { id: sent[3]!.id });
        for (const startDate of [dayAfter(-50), dayAfter(600)]) await call(staff, 'activity.create', activity('Hội chợ Kumamoto', { startDate }));
        await send(staff, app);
      },
      async () => {
        // Written before the fill reached it, written again after: still once in the index.
        const reached = writtenBefore.filter((id) => startOf.get(id)! <= filledTo());
        expect(reached.length).toBeGreaterThan(0);
        for (const id of reached) await update(id, { title: 'Làm việc lại' });
      },
    ];
    let slices = 0;
    let merging = 0;
    await app.activities.reindexListText(async () => {
      if (filledTo() > '9') {
        // Every activity is in, the merge runs: a new one is put in at once.
        if (merging++ === 0) index.set((await call(app, 'activity.create', { ...values(9), title: 'Hội chợ Kumamoto', startDate: dayAfter(1000) })).id, 9);
        return;
      }
      await steps[slices++]?.();
      // Between slices, exactly the activities the fill has reached are in the index, each once.
      const { indexed, reached } = filledKeys(app);
      expect(indexed, `after slice ${slices}`).toEqual(reached);
    }, 8);
    expect(slices).toBeGreaterThan(steps.length);
    expect(merging).toBeGreaterThan(0);
    expect(app.settings.get(ACTIVITY_TEXT_REBUILD_SETTING)).toBeUndefined();
    // Written again once filled: a key put twice would keep its old text (FTS5 deletes one of the two).
    for (const id of index.keys()) await update(id, { title: 'Buổi làm việc' });
    for (const a of sent.slice(4)) await call(staff, 'activity.update', { id: a.id, values: { ...a, title: 'Buổi làm việc' } });
    await send(staff, app);
    const digest = listTextDigest(app);
    expect(await freshFill(app)).toBe(digest);
    await expectScan(app, [{}, { period: '2024' }], ['kumamoto', 'xuc tien', 'hoi cho', 'khao sat', 'buoi lam']);
  });

  it('goes on after the last slice committed when the folder is opened again, and restores FTS5’s merge settings', async () => {
    const dir = tempDir();
    const app = open.track(await setUpMission(openContext(dir)));
    for (let i = 0; i < 60; i++) await call(app, 'activity.create', { ...values(i), startDate: dayAfter((i * 37) % 200) });
    setMerging(app);
    emptyListText(app);
    let slices = 0;
    let filledTo = '';
    await app.activities.reindexListText(async () => {
      if (++slices < 3) return;
      filledTo = app.settings.get<string>(ACTIVITY_TEXT_FILLED_TO)!;
      expect(merging(app)).toEqual({ automerge: 0, crisismerge: 64 });
      app.close();
    }, 10);
    expect(filledTo > dayAfter(0)).toBe(true);
    const put = vi.spyOn(SearchIndex.prototype, 'putActivityText');
    const reopened = open.track(openContext(dir));
    await reopened.searchRebuilt;
    const puts = put.mock.calls.length;
    put.mockRestore();
    const left = reopened.db.prepare(`SELECT count(*) FROM activities WHERE deleted_at IS NULL AND start_date > ?`).pluck().get(filledTo);
    expect(puts).toBe(left);
    expect(puts).toBeLessThan(60);
    expect(reopened.settings.get(ACTIVITY_TEXT_REBUILD_SETTING)).toBeUndefined();
    expect(merging(reopened)).toEqual({ automerge: 8, crisismerge: 20 });
    const digest = listTextDigest(reopened);
    expect(await freshFill(reopened)).toBe(digest);
    await expectScan(reopened, [{}], ['xuc tien', 'kumamoto', 'osaka']);
  });

  it('lets a write made while the fill runs finish before the fill does', async () => {
    const dir = tempDir();
    const app = open.track(await setUpMission(openContext(dir)));
    for (let i = 0; i < 30; i++) await call(app, 'activity.create', values(i));
    emptyListText(app);
    app.close();
    const reopened = open.track(openContext(dir));
    const done: string[] = [];
    const fill = reopened.searchRebuilt.then(() => done.push('fill'));
    const write = call(reopened, 'activity.create', { ...values(3), title: 'Hội chợ Kumamoto' }).then(() => done.push('write'));
    await Promise.all([fill, write]);
    expect(done).toEqual(['write', 'fill']);
    await expectScan(reopened, [{}], ['kumamoto', 'hoi cho']);
  });

  it('gives what a plain scan gives after an exchange import created, re-dated and deleted activities', async () => {
    const staff = await open('Trần Văn An');
    const head = await open('Nguyễn Thu Hà', { role: 'head' });
    // The staff's activities are older (their ids sort first) but come later to the head (their rowids are higher).
    const sent: Activity[] = [];
    for (let i = 30; i < 60; i++) sent.push(await call(staff, 'activity.create', activity(values(i).title, values(i))));
    for (let i = 0; i < 30; i++) await call(head, 'activity.create', values(i));
    await send(staff, head);
    await expectScan(head);
    for (const [i, a] of sent.entries()) {
      if (i % 3 === 0) await call(staff, 'activity.update', { id: a.id, values: { ...values(i + 30), startDate: DAYS[(i + 1) % DAYS.length]! } });
      if (i % 5 === 1) await call(staff, 'activity.delete', { id: a.id });
    }
    await send(staff, head);
    await expectScan(head);
  });

  it('gives what a plain scan gives for each mission at HQ, whose activities came from several missions', async () => {
    const hq = await open('Phạm Quốc Việt', { mode: 'hq' });
    const missions = await Promise.all(['DSQ-JP', 'DSQ-FR', 'DSQ-US'].map((code) => open(`Cán bộ ${code}`, { code })));
    const sent: Activity[][] = missions.map(() => []);
    for (let i = 0; i < 75; i++) sent[i % 3]!.push(await call(missions[i % 3]!, 'activity.create', activity(values(i).title, values(i))));
    // HQ's own activities too.
    for (let i = 75; i < 90; i++) await call(hq, 'activity.create', values(i));
    for (const mission of missions) await send(mission, hq);
    const ids = [...missions, hq].map((app) => app.missionId()!);
    expect(new Set((await everything(hq)).map((a) => a.missionId))).toEqual(new Set(ids));
    const byMission = ids.flatMap((mission) => [{ mission }, { mission, period: '2025' }, { mission, statuses: ['done' as const] }]);
    await expectScan(hq, byMission);
    // Re-dated, edited and deleted at their missions, then sent again.
    for (const [m, list] of sent.entries())
      for (const [i, a] of list.entries()) {
        if (i % 4 === 0) await call(missions[m]!, 'activity.update', { id: a.id, values: { ...values(i), startDate: DAYS[(i + 3) % DAYS.length]! } });
        if (i % 4 === 1) await call(missions[m]!, 'activity.update', { id: a.id, values: { ...values(i), title: 'Hội thảo Kumamoto' } });
        if (i % 7 === 2) await call(missions[m]!, 'activity.delete', { id: a.id });
      }
    for (const mission of missions) await send(mission, hq);
    await expectScan(hq, byMission);
  });

  it('never matches a mission by its token in the text index, whatever is typed', async () => {
    const hq = await open('Phạm Quốc Việt', { mode: 'hq' });
    const paris = await open('Lê Minh', { code: 'DSQ-FR' });
    for (let i = 0; i < 10; i++) await call(paris, 'activity.create', activity(values(i).title, values(i)));
    await call(hq, 'activity.create', values(10));
    await send(paris, hq);
    const ids = [paris, hq].map((app) => app.missionId()!);
    // HQ's own activity whose title holds Paris's token (pasted private-use characters) is not Paris's.
    await call(hq, 'activity.create', { ...values(11), title: `Hội chợ ${missionToken(ids[0]!)} Osaka${missionToken(ids[0]!)}` });
    // The mission's id, its token, its token inside words, the hex of its characters: only the text matches.
    const typed = ids.flatMap((id) => {
      const token = missionToken(id);
      const hex = [...token].map((c) => c.charCodeAt(0).toString(16)).join(' ');
      return [id, token, `hoi${token}`, `${token.slice(0, 1)}osaka`, hex, token.normalize('NFKD')];
    });
    typed.push('hoi cho', 'osaka');
    await expectScan(hq, [{}, ...ids.map((mission) => ({ mission }))], typed);
    const tokens = ids.map(missionToken);
    for (const text of typed)
      expect(
        [...(ftsQuery(text) ?? '')].some((c) => tokens.some((t) => t.includes(c))),
        text,
      ).toBe(false);
  });

  it('never refuses a word: every letter and digit, alone or inside a word, makes a query activity_fts answers', async () => {
    const app = await open('Nguyễn Thu Hà');
    await call(app, 'activity.create', { title: 'Xúc tiến thương mại', kind: 'trade-promotion', startDate: '2025-03-10' });
    const count = app.db.prepare(`SELECT count(*) FROM activity_fts WHERE activity_fts MATCH ?`).pluck();
    const refused: string[] = [];
    for (let cp = 0x80; cp < 0x110000; cp++) {
      const ch = String.fromCodePoint(cp);
      if (!/^[\p{L}\p{N}]$/u.test(ch)) continue;
      // As the list spells it: the word is longer than the prefix indexes (migration 024).
      const match = app.activities.listing.textMatch(`xuc${ch}tien`);
      try {
        if (match) count.get(match);
      } catch {
        refused.push(cp.toString(16));
      }
    }
    expect(refused).toEqual([]);
    // A word split there still finds what its parts start.
    expect((await call(app, 'activity.list', { filter: { text: 'xuc\u19B0tien' }, limit: 10, withTotal: true })).total).toBe(1);
  });

  it('spells a word longer than the prefix indexes as the terms it begins, past MAX_TERMS as a prefix, and gives what a plain scan gives', async () => {
    const app = await open('Nguyễn Thu Hà');
    for (const [i, word] of ['Startup', 'Startups', 'Startupper', 'Start', 'Kumamotoya'].entries())
      await call(app, 'activity.create', { ...values(i), title: `Gặp gỡ ${word} Osaka` });
    // More terms beginning "nagoyaxx" than MAX_TERMS, one deleted.
    for (let i = 0; i <= MAX_TERMS; i++) await call(app, 'activity.create', { ...values(i), title: `Nagoyaxx${i.toString(36)}ab hội chợ` });
    await call(app, 'activity.delete', { id: (await call(app, 'activity.create', { ...values(1), title: 'Startuppers Nagoya' })).id });
    const { textMatch } = app.activities.listing;
    // The deleted activity's term may be listed until FTS5 merges its deletion in: it matches nothing.
    expect(textMatch('startup osaka')).toMatch(/^\("startup" OR "startupper" (OR "startuppers" )?OR "startups"\) AND "osaka"\*$/);
    expect(textMatch('Startupz')).toBe('"startupz"');
    expect(textMatch('nagoyaxx')).toBe('"nagoyaxx"*');
    expect(textMatch('nagoyaxx1b')).toBe('("nagoyaxx1bab")');
    await expectScan(app, [{}, { period: '2025' }], ['startup', 'startupp osaka', 'startupz', 'nagoyaxx', 'nagoyaxx1', 'kumamoto', 'hoi nagoyaxx']);
  });
});
