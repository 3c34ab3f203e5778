import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/context';
import { LINK_KEYS, LINKS, linkTrigger } from '../../electron/db/migrations/022-link-keys';
import { latestSchemaVersion, MIGRATIONS, runMigrations, type Migration } from '../../electron/db/migrations';
import { activityTextKey } from '../../electron/db/migrations/020-activity-text';
import type { ActivityFilter } from '../../shared/domain/activity';
import { AppError } from '../../shared/errors';
import { call, openContext, setUpMission, tempDir } from '../support/context';
import { UNDO_025, UNDO_026, UNDO_027, UNDO_028 } from '../support/schema';
import { KIND_TEXT, PARTNER_TEXT_PENDING } from '../../electron/db/migrations/028-partner-text';
import { recordQueries } from '../../bench/replay';

/** Migration 022's triggers, 023's titles index, 024's terms, 025's and 026's indexes, 027's partner rows and 028's partner text: a database rewound before them has none. */
const undoSince022 = [
  ...Object.values(LINKS).flatMap(({ table }) => LINK_KEYS.map((key) => `DROP TRIGGER ${linkTrigger(table, key)};`)),
  'DROP TABLE search_title_fts;',
  'DROP TABLE activity_fts_terms;',
  UNDO_025,
  UNDO_026,
  UNDO_027,
  UNDO_028,
].join(' ');

describe('migrations', () => {
  it('bring a new database to the latest version, once', () => {
    const db = new Database(':memory:');
    expect(runMigrations(db)).toEqual({ from: 0, to: MIGRATIONS.length });
    expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion());
    expect(runMigrations(db)).toEqual({ from: MIGRATIONS.length, to: MIGRATIONS.length });
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['settings', 'missions', 'activities', 'changes', 'search_docs']));
    // Nothing to index again in a new database (006 asks for a rebuild only when it emptied an index).
    expect(db.prepare(`SELECT count(*) FROM settings WHERE key = 'search.rebuildPending'`).pluck().get()).toBe(0);
  });

  it('apply all pending ones in one transaction: a failing one leaves the database as it was', () => {
    const db = new Database(':memory:');
    const broken: Migration[] = [
      { version: 1, name: 'one', up: (d) => d.exec('CREATE TABLE one (x)') },
      {
        version: 2,
        name: 'two',
        up: () => {
          throw new Error('boom');
        },
      },
    ];
    expect(() => runMigrations(db, broken)).toThrow('boom');
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'one'`).pluck().get()).toBe(0);
  });

  it('refuse a list with a gap', () => {
    const db = new Database(':memory:');
    const gap: Migration[] = [{ version: 2, name: 'two', up: () => {} }];
    expect(() => runMigrations(db, gap)).toThrow(/not contiguous/);
  });

  it('refuse a database written by a newer version, and leave it untouched', () => {
    const dir = tempDir();
    openContext(dir).close();
    const file = path.join(dir, DATABASE_FILE);
    const raw = new Database(file);
    raw.pragma(`user_version = ${latestSchemaVersion() + 1}`);
    raw.close();
    // The context reports the problem (the UI shows it) instead of crashing.
    const context = openContext(dir);
    expect(context.locked).toBe(true);
    expect(context.problem).toBeInstanceOf(AppError);
    expect(context.problem!.code).toBe('DB_NEWER_VERSION');
    const after = new Database(file);
    expect(after.pragma('user_version', { simple: true })).toBe(latestSchemaVersion() + 1);
    after.close();
  });

  it('rebuild the search index from the records after 006 emptied it (the index changed shape)', async () => {
    const dir = tempDir();
    const app = await setUpMission(openContext(dir));
    const activity = await call(app, 'activity.create', { title: 'Hội chợ thương mại Osaka', kind: 'trade-promotion', startDate: '2025-03-10' });
    const organisation = await call(app, 'organisation.create', { name: 'Phòng Thương mại Osaka', kind: 'chamber', country: 'JP' });
    await call(app, 'activity.delete', { id: (await call(app, 'activity.create', { title: 'Thương vụ đã xoá', kind: 'other', startDate: '2025-03-11' })).id });
    app.close();
    // Back to the shape of schema 5 (without what 007 to 024 add): opening runs 006 again, which empties the index.
    const raw = new Database(path.join(dir, DATABASE_FILE));
    raw.exec(
      'DROP TABLE report_annexes; DROP TABLE drafts; DROP TABLE device_certificates; DROP TABLE mission_register; DROP TABLE device_revocations; DROP TABLE invitations; DROP TABLE retired_keys; ALTER TABLE changes DROP COLUMN sig; ALTER TABLE reports DROP COLUMN header; DROP INDEX batches_sent_receiver; ALTER TABLE receivers DROP COLUMN stream; DROP TABLE import_keys; DROP INDEX agreements_mission; DROP TRIGGER activity_tallies_insert; DROP TRIGGER activity_tallies_update; DROP TRIGGER activity_tallies_delete; DROP TABLE activity_tallies; DROP TABLE activity_link_tallies; DROP TABLE activity_tallies_paused; DROP INDEX activities_deal_days; DROP INDEX activities_lookup; DROP TRIGGER activity_fts_redated; DROP TABLE activity_fts; ' +
        undoSince022,
    );
    raw.pragma('user_version = 5');
    raw.close();
    const reopened = openContext(dir);
    const { hits } = await call(reopened, 'search.query', { text: 'thuong' });
    expect(hits.map((h) => h.id).sort()).toEqual([activity.id, organisation.id].sort());
    const page = await call(reopened, 'activity.list', { filter: { text: 'hoi cho thuong' } });
    expect(page.rows.map((r) => r.id)).toEqual([activity.id]);
    expect(reopened.settings.get('search.rebuildPending')).toBeUndefined();
    // Then the list's own text index, filled in slices after it.
    await reopened.searchRebuilt;
    expect(reopened.settings.get('search.activityTextPending')).toBeUndefined();
    expect((await call(reopened, 'activity.list', { filter: { text: 'hoi cho thuong' } })).rows.map((r) => r.id)).toEqual([activity.id]);
    reopened.close();
  });

  it('put the text of existing activities in the list’s text index once 020 created it, and keep the search index as it was', async () => {
    const dir = tempDir();
    const app = await setUpMission(openContext(dir));
    const fair = await call(app, 'activity.create', { title: 'Hội chợ thương mại Osaka', kind: 'trade-promotion', startDate: '2025-03-10' });
    const talk = await call(app, 'activity.create', { title: 'Tọa đàm đầu tư', kind: 'investment-promotion', startDate: '2024-11-02', city: 'Kumamoto' });
    await call(app, 'activity.delete', { id: (await call(app, 'activity.create', { title: 'Hội chợ đã xoá', kind: 'other', startDate: '2025-03-11' })).id });
    await call(app, 'organisation.create', { name: 'Phòng Thương mại Osaka', kind: 'chamber', country: 'JP' });
    const docs = () => app.db.prepare('SELECT rowid, entity, record_id FROM search_docs ORDER BY rowid').raw().all();
    const before = docs();
    app.close();
    // Back to schema 19: without the index and its trigger (nor 022's to 024's).
    const raw = new Database(path.join(dir, DATABASE_FILE));
    raw.exec(`DROP TRIGGER activity_fts_redated; DROP TABLE activity_fts; ${undoSince022}`);
    raw.pragma('user_version = 19');
    raw.close();
    const reopened = openContext(dir);
    const ids = async (filter: ActivityFilter) => (await call(reopened, 'activity.list', { filter })).rows.map((r) => r.id);
    expect(await ids({ text: 'hoi cho' })).toEqual([fair.id]);
    expect(await ids({ text: 'kumamoto dau tu', period: '2024' })).toEqual([talk.id]);
    expect(await ids({ text: 'xuc tien' })).toEqual([fair.id, talk.id]);
    await reopened.searchRebuilt;
    expect(reopened.settings.get('search.activityTextPending')).toBeUndefined();
    // search_fts was not indexed again: the same documents under the same rowids (the global search's order).
    expect(reopened.db.prepare('SELECT rowid, entity, record_id FROM search_docs ORDER BY rowid').raw().all()).toEqual(before);
    reopened.close();
  });

  it('put every activity in the list’s text index again with its mission’s token once 021 emptied it', async () => {
    const dir = tempDir();
    const app = await setUpMission(openContext(dir));
    const fair = await call(app, 'activity.create', { title: 'Hội chợ thương mại Osaka', kind: 'trade-promotion', startDate: '2025-03-10' });
    const talk = await call(app, 'activity.create', { title: 'Tọa đàm đầu tư', kind: 'investment-promotion', startDate: '2024-11-02', city: 'Kumamoto' });
    await call(app, 'activity.delete', { id: (await call(app, 'activity.create', { title: 'Hội chợ đã xoá', kind: 'other', startDate: '2025-03-11' })).id });
    const mission = app.missionId()!;
    app.close();
    // Back to schema 20: the same text without the missions' tokens (nor 022's triggers, 023's and 024's tables).
    const raw = new Database(path.join(dir, DATABASE_FILE));
    raw.exec(`INSERT INTO activity_fts (activity_fts) VALUES ('delete-all'); ${undoSince022}`);
    raw.exec(`INSERT INTO activity_fts (rowid, text) SELECT ${activityTextKey('start_date', 'rowid')}, lower(title) FROM activities WHERE deleted_at IS NULL`);
    raw.pragma('user_version = 20');
    raw.close();
    const reopened = openContext(dir);
    const ids = async (filter: ActivityFilter) => (await call(reopened, 'activity.list', { filter })).rows.map((r) => r.id);
    expect(await ids({ mission, text: 'hoi cho' })).toEqual([fair.id]);
    expect(await ids({ mission, text: 'kumamoto dau tu', period: '2024' })).toEqual([talk.id]);
    expect(await ids({ mission, text: 'xuc tien' })).toEqual([fair.id, talk.id]);
    expect(await ids({ text: 'xuc tien' })).toEqual([fair.id, talk.id]);
    expect((await call(reopened, 'activity.count', { filter: { mission, text: 'xuc tien' } })).total).toBe(2);
    await reopened.searchRebuilt;
    expect(reopened.settings.get('search.activityTextPending')).toBeUndefined();
    reopened.close();
  });

  it('give the locality and sector link rows of schema 20 their activities’ list columns (022), kept in step by later writes', async () => {
    const dir = tempDir();
    const app = await setUpMission(openContext(dir));
    const activity = (title: string, startDate: string, provinces: string[], dealValueUsd: number | null) =>
      call(app, 'activity.create', {
        title,
        kind: 'trade-promotion',
        startDate,
        provinces,
        sectors: provinces.length > 1 ? ['seafood'] : ['seafood', 'digital'],
        dealValueUsd,
      });
    const fair = await activity('Hội chợ thương mại Osaka', '2025-03-10', ['ho-chi-minh', 'da-nang'], 5000);
    const talk = await activity('Tọa đàm đầu tư', '2024-11-02', ['ho-chi-minh'], null);
    const gone = await activity('Giao lưu doanh nghiệp', '2025-01-05', ['ho-chi-minh'], 9000);
    await call(app, 'activity.delete', { id: gone.id });
    app.close();
    // Back to schema 20: link rows of an activity and a value only, without 022's indexes and triggers (nor 023's and 024's tables).
    const raw = new Database(path.join(dir, DATABASE_FILE));
    raw.exec(undoSince022);
    for (const { table, column } of Object.values(LINKS))
      raw.exec(`
        CREATE TABLE links (activity_id TEXT NOT NULL REFERENCES activities(id) ON DELETE CASCADE, ${column} TEXT NOT NULL,
          PRIMARY KEY (${column}, activity_id)) STRICT, WITHOUT ROWID;
        INSERT INTO links SELECT activity_id, ${column} FROM ${table};
        DROP TABLE ${table};
        ALTER TABLE links RENAME TO ${table};
        CREATE INDEX ${table}_by_activity ON ${table}(activity_id);
      `);
    raw.pragma('user_version = 20');
    raw.close();
    const reopened = openContext(dir);
    const rows = (table: string, column: string) =>
      reopened.db.prepare(`SELECT ${column}, activity_id, deleted_at IS NOT NULL, title, start_date, deal_value_usd FROM ${table} ORDER BY 1, 4`).raw().all();
    expect(rows('activity_provinces', 'province_id')).toEqual([
      ['da-nang', fair.id, 0, 'Hội chợ thương mại Osaka', '2025-03-10', 5000],
      ['ho-chi-minh', gone.id, 1, 'Giao lưu doanh nghiệp', '2025-01-05', 9000],
      ['ho-chi-minh', fair.id, 0, 'Hội chợ thương mại Osaka', '2025-03-10', 5000],
      ['ho-chi-minh', talk.id, 0, 'Tọa đàm đầu tư', '2024-11-02', null],
    ]);
    expect(rows('activity_sectors', 'sector_id')).toEqual([
      ['digital', gone.id, 1, 'Giao lưu doanh nghiệp', '2025-01-05', 9000],
      ['digital', talk.id, 0, 'Tọa đàm đầu tư', '2024-11-02', null],
      ['seafood', gone.id, 1, 'Giao lưu doanh nghiệp', '2025-01-05', 9000],
      ['seafood', fair.id, 0, 'Hội chợ thương mại Osaka', '2025-03-10', 5000],
      ['seafood', talk.id, 0, 'Tọa đàm đầu tư', '2024-11-02', null],
    ]);
    const ids = async (filter: ActivityFilter, key: 'title' | 'dealValueUsd') =>
      (await call(reopened, 'activity.list', { filter, sort: { key, direction: 'desc' } })).rows.map((r) => r.id);
    expect(await ids({ province: 'ho-chi-minh' }, 'title')).toEqual([talk.id, fair.id]);
    expect(await ids({ sector: 'seafood' }, 'dealValueUsd')).toEqual([fair.id, talk.id]);
    await call(reopened, 'activity.restore', { id: gone.id });
    await call(reopened, 'activity.update', {
      id: fair.id,
      values: {
        title: 'Xúc tiến du lịch',
        kind: 'trade-promotion',
        startDate: '2025-03-10',
        provinces: ['ho-chi-minh'],
        sectors: ['seafood'],
        dealValueUsd: 100,
      },
    });
    expect(await ids({ province: 'ho-chi-minh' }, 'title')).toEqual([fair.id, talk.id, gone.id]);
    expect(await ids({ sector: 'seafood' }, 'dealValueUsd')).toEqual([gone.id, fair.id, talk.id]);
    reopened.close();
  });

  it('put the titles of every kind of record already indexed in their own index (023), which the search reads title matches from', async () => {
    const dir = tempDir();
    const app = await setUpMission(openContext(dir));
    const organisation = await call(app, 'organisation.create', { name: 'Phòng Thương mại Osaka', kind: 'chamber', country: 'JP', notes: 'Hội chợ hằng năm' });
    const contact = await call(app, 'contact.create', { name: 'Tanaka Hội', organisationId: organisation.id });
    const agreement = await call(app, 'agreement.create', { title: 'Biên bản ghi nhớ hội chợ', kind: 'mou', signedDate: '2025-04-01' });
    const followup = await call(app, 'followup.create', { title: 'Gửi thư cảm ơn sau hội chợ', dueDate: '2025-05-01' });
    const fair = await call(app, 'activity.create', { title: 'Hội chợ thương mại Osaka', kind: 'trade-promotion', startDate: '2025-03-10' });
    const talk = await call(app, 'activity.create', {
      title: 'Tọa đàm đầu tư',
      kind: 'investment-promotion',
      startDate: '2025-03-11',
      notes: 'Bên lề hội chợ',
    });
    await call(app, 'activity.delete', { id: (await call(app, 'activity.create', { title: 'Hội chợ đã xoá', kind: 'other', startDate: '2025-03-12' })).id });
    const ids = async (on: typeof app, text: string) => (await call(on, 'search.query', { text })).hits.map((h) => h.id);
    const expected = [fair.id, followup.id, agreement.id, talk.id, organisation.id];
    expect(await ids(app, 'hoi cho')).toEqual(expected);
    app.close();
    // Back to schema 22: no titles index (nor 024's terms, 025's and 026's indexes, 027's partner rows).
    const raw = new Database(path.join(dir, DATABASE_FILE));
    raw.exec(`DROP TABLE search_title_fts; DROP TABLE activity_fts_terms; ${UNDO_025} ${UNDO_026} ${UNDO_027} ${UNDO_028}`);
    raw.pragma('user_version = 22');
    raw.close();
    const reopened = openContext(dir);
    const titleMatches = (words: string) =>
      reopened.db
        .prepare(
          `SELECT d.record_id FROM search_title_fts JOIN search_docs d ON d.rowid = search_title_fts.rowid WHERE search_title_fts MATCH ? ORDER BY d.rowid`,
        )
        .pluck()
        .all(words);
    // Every kind's title, folded; the bodies are not in it.
    expect(titleMatches('"hoi"* "cho"*')).toEqual([agreement.id, followup.id, fair.id]);
    expect(titleMatches('"tanaka"*')).toEqual([contact.id]);
    expect(titleMatches('"osaka"*')).toEqual([organisation.id, fair.id]);
    expect(await ids(reopened, 'hoi cho')).toEqual(expected);
    expect(await ids(reopened, 'tanaka')).toEqual([contact.id]);
    reopened.close();
  });

  it("put each activity's partners in their own rows (027), which follow every later write: the timeline, the list and a merge read them", async () => {
    const dir = tempDir();
    const app = await setUpMission(openContext(dir));
    const organisation = (name: string) => call(app, 'organisation.create', { name, kind: 'company', country: 'JP' });
    const [jetro, aeon] = [await organisation('JETRO Osaka'), await organisation('AEON Nhật Bản')];
    const activity = (title: string, organisationIds: string[]) =>
      call(app, 'activity.create', { title, kind: 'trade-promotion', startDate: '2025-03-10', organisationIds });
    const fair = await activity('Hội chợ Osaka', [jetro.id]);
    const week = await activity('Tuần hàng Việt Nam', [jetro.id, aeon.id]);
    const gone = await activity('Hội thảo đã xoá', [aeon.id]);
    await call(app, 'activity.delete', { id: gone.id });
    await activity('Không có đối tác', []);
    app.close();
    // Back to schema 26: no partner rows, nor their triggers.
    const raw = new Database(path.join(dir, DATABASE_FILE));
    raw.exec(`${UNDO_027} ${UNDO_028}`);
    raw.pragma('user_version = 26');
    raw.close();
    const reopened = openContext(dir);
    /** The rows as the JSON column derives them: what the table must hold after any write. */
    const derived = () => reopened.db.prepare(`SELECT j.value, a.id FROM activities a, json_each(a.organisation_ids) j ORDER BY 1, 2`).raw().all();
    const rows = () => reopened.db.prepare(`SELECT organisation_id, activity_id FROM activity_organisations ORDER BY 1, 2`).raw().all();
    const timeline = async (id: string) =>
      (await call(reopened, 'organisation.timeline', { id }))
        .filter((i) => i.entity === 'activity')
        .map((i) => i.id)
        .sort();
    expect(rows()).toHaveLength(4);
    expect(rows()).toEqual(derived());
    expect(await timeline(jetro.id)).toEqual([fair.id, week.id].sort());
    expect(await timeline(aeon.id)).toEqual([week.id]);
    expect((await call(reopened, 'activity.list', { filter: { organisation: aeon.id } })).rows.map((r) => r.id)).toEqual([week.id]);

    // An edit, a restore and a merge: the rows follow each.
    await call(reopened, 'activity.update', {
      id: week.id,
      values: { ...(await call(reopened, 'activity.get', { id: week.id })), organisationIds: [aeon.id] },
    });
    await call(reopened, 'activity.restore', { id: gone.id });
    expect(await timeline(jetro.id)).toEqual([fair.id]);
    expect(await timeline(aeon.id)).toEqual([gone.id, week.id].sort());
    await call(reopened, 'organisation.merge', { keepId: jetro.id, mergeId: aeon.id });
    expect(await timeline(jetro.id)).toEqual([fair.id, gone.id, week.id].sort());
    expect(rows()).toEqual(derived());
    reopened.close();
  });

  it("fill each partner kind's own text index (028) from a folder one schema back; the lists match in search_fts until it is filled", async () => {
    const dir = tempDir();
    const app = await setUpMission(openContext(dir));
    const jetro = await call(app, 'organisation.create', { name: 'JETRO Osaka', kind: 'government', country: 'JP' });
    await call(app, 'organisation.create', { name: 'Công ty Kyoto Shoji', kind: 'company', country: 'JP' });
    await call(app, 'contact.create', { name: 'Tanaka Hiroshi', organisationId: jetro.id });
    await call(app, 'agreement.create', { title: 'Biên bản hợp tác Osaka', kind: 'mou', foreignOrgId: jetro.id });
    await call(app, 'followup.create', { title: 'Gửi thư JETRO', dueDate: '2025-04-01', entity: 'organisation', recordId: jetro.id });
    app.close();
    const raw = new Database(path.join(dir, DATABASE_FILE));
    raw.exec(UNDO_028);
    raw.pragma('user_version = 27');
    raw.close();
    const reopened = openContext(dir);
    const lists = async () =>
      Promise.all(
        [
          ['organisation.list', 'osaka'],
          ['organisation.list', 'shoji'],
          ['contact.list', 'jetro'],
          ['agreement.list', 'osaka'],
          ['followup.list', 'jetro'],
        ].map(async ([channel, text]) => (await call(reopened, channel as 'organisation.list', { filter: { text } })).rows.map((r) => r.id)),
      );
    // Before the fill's first slice (it starts after open, between calls): search_fts answers.
    expect(reopened.settings.get(PARTNER_TEXT_PENDING)).toBe(true);
    const ran = await recordQueries(reopened.db, lists);
    expect(ran.some((q) => q.sql.includes('search_fts'))).toBe(true);
    const pending = await lists();
    await reopened.searchRebuilt;
    expect(reopened.settings.get(PARTNER_TEXT_PENDING)).toBeUndefined();
    for (const { index } of Object.values(KIND_TEXT))
      expect(reopened.db.prepare(`SELECT count(*) FROM ${index} WHERE ${index} MATCH 'jetro OR osaka OR shoji OR tanaka'`).pluck().get()).toBeGreaterThan(0);
    const filled = await recordQueries(reopened.db, lists);
    expect(filled.some((q) => q.sql.includes('search_fts'))).toBe(false);
    expect(await lists()).toEqual(pending);
    expect(pending.map((ids) => ids.length)).toEqual([1, 1, 1, 1, 1]);
    reopened.close();
  });

  it('keep what is written during the partner text fill, before and after the fill passes it', async () => {
    const app = await setUpMission(openContext());
    const created: string[] = [];
    for (let i = 0; i < 520; i++) created.push((await call(app, 'organisation.create', { name: `Công ty số ${i}`, kind: 'company' })).id);
    app.db.exec(`INSERT INTO organisation_fts (organisation_fts) VALUES ('delete-all')`);
    const rename = async (id: string, name: string) =>
      call(app, 'organisation.update', { id, values: { ...(await call(app, 'organisation.get', { id })), name } });
    let pauses = 0;
    // The first slice holds 500 organisations: one renamed after the fill passed it, one before it reaches it.
    const done = await app.organisations.fillKindText(async () => {
      if (++pauses === 2) {
        await rename(created[3]!, 'Tập đoàn Sakura');
        await rename(created[510]!, 'Tập đoàn Fuji');
      }
    });
    expect(done).toBe(true);
    const ids = async (text: string) => (await call(app, 'organisation.list', { filter: { text }, limit: 1000 })).rows.map((r) => r.id);
    expect(await ids('sakura')).toEqual([created[3]]);
    expect(await ids('fuji')).toEqual([created[510]]);
    expect(await ids('so 3')).not.toContain(created[3]);
    expect(await ids('cong ty')).toHaveLength(518);
    app.close();
  });
});
