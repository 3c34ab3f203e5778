/**
 * Creating activities through the store (contract validation, change log, search index)
 * against plain prepared inserts of the very rows the store wrote, into the same tables:
 * activities and their link tables, one change row per field, the search document.
 */
import path from 'node:path';
import type { AppContext } from '../../electron/context';
import { openDatabase, type Db } from '../../electron/db/open';
import { dispatch } from '../../electron/ipc/dispatch';
import { demoActivities } from '../../electron/services/demo';
import { ActivityStore } from '../../electron/store/activities';
import { SearchIndex } from '../../electron/store/search-index';
import { ActivityFields, type ActivityValues } from '../../shared/domain/activity';
import type { Entity } from '../../shared/domain/enums';
import { foldText } from '../../shared/text';
import { activityTextKey } from '../../electron/db/migrations/020-activity-text';
import { LINK_KEYS, LINKS, type LinkTable } from '../../electron/db/migrations/022-link-keys';
import { newApp, SEED, setUpMission } from '../data';
import { medianOf, result, type BenchEnv, type Result, type Scenario } from '../harness';
import { timeMs, timeSyncMs } from '../stats';

/** Keeps the folded text the store indexed, so the raw side can insert the same. */
class CapturingIndex extends SearchIndex {
  readonly texts = new Map<string, [string, string]>();
  override put(entity: Entity, recordId: string, title: string, body: string): void {
    this.texts.set(recordId, [foldText(title), foldText(body)]);
    super.put(entity, recordId, title, body);
  }
}

type Row = Record<string, unknown>;
export interface RecordRows {
  activity: Row;
  sectors: unknown[][];
  provinces: unknown[][];
  changes: unknown[][];
  doc: [string, string, string, string];
}

/** Creates the activities in `app` through the store and reads back every row written for each. */
export function createCapturing(app: AppContext, values: readonly ActivityValues[]): RecordRows[] {
  const index = new CapturingIndex(app.db, app.settings);
  const before = app.db.prepare(`SELECT coalesce(max(rowid), 0) FROM activities`).pluck().get() as number;
  new ActivityStore(app.db, app.writer, index, () => app.requireMissionId()).createMany(values);
  const byActivity = (sql: string) => {
    const map = new Map<string, unknown[][]>();
    for (const row of app.db.prepare(sql).raw().all() as unknown[][]) {
      const id = row[0] as string;
      map.set(id, [...(map.get(id) ?? []), row.slice(1)]);
    }
    return map;
  };
  const linkRows = (link: LinkTable) => byActivity(`SELECT activity_id, activity_id, ${link.column}, ${LINK_KEYS.join(', ')} FROM ${link.table}`);
  const sectors = linkRows(LINKS.sector);
  const provinces = linkRows(LINKS.province);
  const changes = byActivity(`SELECT record_id, hlc, device_id, author, entity, record_id, field, value FROM changes WHERE entity = 'activity' ORDER BY seq`);
  const activities = app.db.prepare(`SELECT * FROM activities WHERE rowid > ? ORDER BY rowid`).all(before) as Row[];
  return activities.map((activity) => {
    const id = activity.id as string;
    const [title, body] = index.texts.get(id)!;
    return {
      activity,
      sectors: sectors.get(id) ?? [],
      provinces: provinces.get(id) ?? [],
      changes: changes.get(id) ?? [],
      doc: ['activity', id, title, body] as RecordRows['doc'],
    };
  });
}

/** The rows the store writes for these activities, made once in a scratch folder. */
async function rowsWrittenFor(env: BenchEnv, values: readonly ActivityValues[]): Promise<RecordRows[]> {
  const app = newApp(env, 'create-rows');
  await setUpMission(app);
  const rows = createCapturing(app, values);
  app.close();
  return rows;
}

/** Plain better-sqlite3: the same rows into the same tables; each call of the returned function is one transaction. */
export function rawWriter(db: Db, sample: Row) {
  const columns = Object.keys(sample);
  const insertActivity = db.prepare(`INSERT INTO activities (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
  const insertLink = (link: LinkTable) =>
    db.prepare(`INSERT INTO ${link.table} (activity_id, ${link.column}, ${LINK_KEYS.join(', ')}) VALUES (?, ?, ${LINK_KEYS.map(() => '?').join(', ')})`);
  const insertSector = insertLink(LINKS.sector);
  const insertProvince = insertLink(LINKS.province);
  const insertChange = db.prepare(`INSERT INTO changes (hlc, device_id, author, entity, record_id, field, value) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const insertDoc = db.prepare(`INSERT INTO search_docs (entity, record_id) VALUES (?, ?)`);
  const insertText = db.prepare(`INSERT INTO search_fts (rowid, title, body) VALUES (?, ?, ?)`);
  const insertTitle = db.prepare(`INSERT INTO search_title_fts (rowid, title) VALUES (?, ?)`);
  const insertActivityText = db.prepare(`INSERT INTO activity_fts (rowid, text) VALUES (${activityTextKey('?', '?')}, ?)`);
  const saveClock = db.prepare(`INSERT INTO settings (key, value) VALUES ('hlc.last', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`);
  return db.transaction((records: readonly RecordRows[]) => {
    for (const r of records) {
      for (const c of r.changes) insertChange.run(...c);
      const activityRowid = insertActivity.run(r.activity).lastInsertRowid;
      for (const s of r.sectors) insertSector.run(...s);
      for (const p of r.provinces) insertProvince.run(...p);
      const rowid = insertDoc.run(r.doc[0], r.doc[1]).lastInsertRowid;
      insertText.run(rowid, r.doc[2], r.doc[3]);
      insertTitle.run(rowid, r.doc[2]);
      insertActivityText.run(r.activity.start_date, activityRowid, `${r.doc[2]} ${r.doc[3]}`);
    }
    saveClock.run(JSON.stringify(records[records.length - 1]!.changes[0]?.[0] ?? ''));
  });
}

/** A new file for the raw side, encrypted with the run's key as ours is (a fresh schema through the migrations). */
export function rawDb(env: BenchEnv): Db {
  return openDatabase({ path: path.join(env.tempDir('raw'), 'raw.db'), key: env.key?.hex ?? null });
}

/** Timed runs of ours (a fresh mission folder each) and of raw writing the same rows (a fresh file each). */
async function runs(
  env: BenchEnv,
  rows: RecordRows[],
  ours: (app: AppContext) => Promise<number>,
  raw: (write: ReturnType<typeof rawWriter>) => Promise<number>,
) {
  const times = { ours: [] as number[], raw: [] as number[] };
  for (let run = 0; run < env.sizes.runs; run++) {
    const app = newApp(env, 'create-ours');
    await setUpMission(app);
    times.ours.push(await ours(app));
    app.close();
    const db = rawDb(env);
    times.raw.push(await raw(rawWriter(db, rows[0]!.activity)));
    db.close();
  }
  return { ours: medianOf(times.ours), raw: medianOf(times.raw) };
}

async function batch(env: BenchEnv): Promise<Result> {
  const inputs = demoActivities({ count: env.sizes.createBatch, seed: SEED + 10 });
  const rows = await rowsWrittenFor(env, inputs);
  const measured = await runs(
    env,
    rows,
    async (app) => timeSyncMs(() => app.activities.createMany(inputs.map((input) => ActivityFields.parse(input)))),
    async (write) => timeSyncMs(() => write(rows)),
  );
  return result({
    scenario: 'create',
    name: 'create-batch',
    title: `create ${inputs.length.toLocaleString('en')} activities in one transaction (validate + createMany)`,
    unit: 'ms',
    ...measured,
    target: { of: 'ratio', max: 2 },
  });
}

async function single(env: BenchEnv): Promise<Result> {
  const inputs = demoActivities({ count: env.sizes.createSingle, seed: SEED + 11 });
  const rows = await rowsWrittenFor(env, inputs);
  const measured = await runs(
    env,
    rows,
    (app) =>
      timeMs(async () => {
        for (const input of inputs) {
          const created = await dispatch(app, 'activity.create', input);
          if (!created.ok) throw new Error(`activity.create failed: ${created.error.code}`);
        }
      }),
    (write) =>
      timeMs(async () => {
        for (const r of rows) {
          write([r]);
          // The same event-loop turn the dispatch await gives ours.
          await Promise.resolve();
        }
      }),
  );
  return result({
    scenario: 'create',
    name: 'create-single',
    title: `create ${inputs.length} activities one by one (activity.create via dispatch, one transaction each)`,
    unit: 'ms',
    ...measured,
    target: { of: 'ratio', max: 2 },
  });
}

export const createScenario: Scenario = {
  name: 'create',
  run: async (env) => [await batch(env), await single(env)],
};
