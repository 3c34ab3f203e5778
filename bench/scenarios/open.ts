/**
 * Opening the data folder and being ready: a new AppContext (open, integrity check,
 * migrations check, stores) and the first page of the activity list with its total as the window
 * asks for them, the total counted up to COUNT_AT_ONCE (the whole count it had made cost most of
 * the 326 ms the raw side took at 1,000,000 activities).
 */
import path from 'node:path';
import { DATABASE_FILE } from '../../electron/context';
import { COUNT_AT_ONCE } from '../../shared/domain/activity';
import { dispatch } from '../../electron/ipc/dispatch';
import { openApp, rawConnection } from '../data';
import { medianOf, result, type Measure, type Scenario } from '../harness';
import { recordQueries, type RecordedQuery } from '../replay';
import { timeMs, timeSyncMs } from '../stats';

/** What the list window asks first (renderer/src/stores/activities.ts): the rows, then the total counted up to COUNT_AT_ONCE. */
async function firstPage(app: ReturnType<typeof openApp>): Promise<void> {
  const page = await dispatch(app, 'activity.list', { withTotal: false });
  if (!page.ok) throw new Error(`activity.list failed: ${page.error.code}`);
  const total = await dispatch(app, 'activity.count', { upTo: COUNT_AT_ONCE });
  if (!total.ok) throw new Error(`activity.count failed: ${total.error.code}`);
}

/** Plain better-sqlite3: open the file (with its key) in WAL mode and run the first page's statements. */
function rawOpen(file: string, key: string | null, queries: readonly RecordedQuery[]): void {
  const db = rawConnection(file, key);
  for (const q of queries) {
    const statement = db.prepare(q.sql);
    if (q.method === 'iterate') for (const _row of statement.iterate(...q.args)) void _row;
    else statement[q.method](...q.args);
  }
  db.close();
}

/** `runs` opens of the folder with its first page, and raw opens running the same statements: medians. */
export async function openTimes(dir: string, key: string | null, runs: number): Promise<{ ours: Measure; raw: Measure }> {
  const probe = openApp(dir, key);
  const queries = await recordQueries(probe.db, () => firstPage(probe));
  probe.close();
  const file = path.join(dir, DATABASE_FILE);
  const ours: number[] = [];
  const raw: number[] = [];
  for (let run = 0; run < runs; run++) {
    let app: ReturnType<typeof openApp> | null = null;
    ours.push(
      await timeMs(async () => {
        app = openApp(dir, key);
        await firstPage(app);
      }),
    );
    app!.close();
    raw.push(timeSyncMs(() => rawOpen(file, key, queries)));
  }
  return { ours: medianOf(ours), raw: medianOf(raw) };
}

export const openScenario: Scenario = {
  name: 'open',
  async run(env) {
    const dataset = await env.dataset();
    return [
      result({
        scenario: 'open',
        name: 'open',
        title: `open a ${dataset.counts.activities.toLocaleString('en')}-activity folder + first list page and its total up to ${COUNT_AT_ONCE.toLocaleString('en')}, as the window asks`,
        unit: 'ms',
        ...(await openTimes(dataset.dir, dataset.key, env.sizes.runs)),
        target: { of: 'value', max: 300 },
      }),
    ];
  },
};
