/**
 * What the person at HQ feels while long work runs: the event-loop delay of the process
 * that serves the window (perf_hooks.monitorEventLoopDelay, p99 and max) while HQ imports
 * its missions' batches and while the search index is rebuilt, and the activity list's page
 * and total asked for meanwhile, as the list screen asks (page on the main connection,
 * total through the read pool; `--readers 0` answers both on the main connection, as before
 * the pool). Runs on a copy of HQ's dataset (bench/hq-data.ts).
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AppContext } from '../../electron/context';
import { SEARCH_REBUILD_SETTING } from '../../electron/db/migrations/006-search-prefixes';
import type { ActivityFilter } from '../../shared/domain/activity';
import { openApp } from '../data';
import { result, type BenchEnv, type Result, type Scenario } from '../harness';
import { copyFolder } from '../hq-data';
import { p95, timeMs } from '../stats';
import { call, missionBatches } from './exchange';

/** Filters the list screen might hold meanwhile, in turn (a total is remembered until the next commit). */
const FILTERS: ActivityFilter[] = [
  {},
  { period: '2025S1' },
  { period: '2025', text: 'xuc tien' },
  { kinds: ['trade-promotion'] },
  { period: '2026S1', supportsLocalities: true },
];

interface Sampled {
  loop: { p99: number; max: number };
  pages: number[];
  totals: number[];
}

/** Asks for a page and its total every 50 ms while `work` runs; the event loop's delay measured throughout. */
async function whileRunning(app: AppContext, work: () => Promise<unknown>): Promise<Sampled> {
  // The app starts its readers at unlock, long before any import: their start is not measured.
  await app.readers?.run('activity.count', {});
  const histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  const busy = work();
  let running = true;
  void busy.finally(() => (running = false)).catch(() => {});
  const pages: number[] = [];
  const totals: number[] = [];
  for (let i = 0; running; i++) {
    const filter = FILTERS[i % FILTERS.length]!;
    pages.push(await timeMs(() => call(app, 'activity.list', { filter, limit: 200, withTotal: false })));
    totals.push(await timeMs(() => call(app, 'activity.count', { filter })));
    // A person scrolls or types a few times a second, not in a tight loop.
    await sleep(50);
  }
  await busy;
  histogram.disable();
  return { loop: { p99: histogram.percentile(99) / 1e6, max: histogram.max / 1e6 }, pages, totals };
}

/**
 * The search index rebuilt by the next open (as after migration 006). The open runs the
 * rebuild's first slice before it returns (not measured: the open has its own figure); the
 * rest runs in slices after. `done` resolves once it is committed.
 */
function rebuildSearch(env: BenchEnv, dir: string): { app: AppContext; done: () => Promise<void> } {
  const before = openApp(dir);
  before.settings.set(SEARCH_REBUILD_SETTING, true);
  before.close();
  const app = openApp(dir, env.readers);
  const done = async () => {
    while (app.settings.get<boolean>(SEARCH_REBUILD_SETTING)) await sleep(20);
  };
  return { app, done };
}

const loopResults = (phase: string, title: string, s: Sampled): Result[] => [
  result({
    scenario: 'responsive',
    name: `event-loop-${phase}`,
    title: `${title}: event-loop delay p99`,
    unit: 'ms',
    ours: { value: s.loop.p99, stat: 'p99', samples: 1 },
    raw: null,
    target: { of: 'value', max: 16 },
  }),
  result({
    scenario: 'responsive',
    name: `event-loop-${phase}-max`,
    title: `${title}: event-loop delay max`,
    unit: 'ms',
    ours: { value: s.loop.max, stat: 'max', samples: 1 },
    raw: null,
    target: { of: 'value', max: 50 },
  }),
];

export const responsiveScenario: Scenario = {
  name: 'responsive',
  async run(env) {
    const hq = await env.hqDataset();
    const dir = env.tempDir('hq-busy');
    copyFolder(hq.dir, dir);
    const setup = openApp(dir);
    const { files } = await missionBatches(env, setup, env.sizes.importBatches, env.sizes.importBatchSize);
    setup.close();
    const readers = env.readers ? `${env.readers} readers` : 'no readers (every call on the main thread)';
    const over = `HQ, ${hq.counts.activities.toLocaleString('en')} activities over ${hq.counts.missions} missions, ${readers}`;

    const app = openApp(dir, env.readers);
    const imported = await whileRunning(app, () => call(app, 'exchange.import', { files: files.map((file) => ({ path: file })) }));
    app.close();
    const importTitle = `${over}: importing ${files.length} batches`;

    const rebuild = rebuildSearch(env, dir);
    const rebuilt = await whileRunning(rebuild.app, rebuild.done);
    rebuild.app.close();

    return [
      ...loopResults('import', importTitle, imported),
      result({
        scenario: 'responsive',
        name: 'list-during-import',
        title: `${importTitle}: a list page (200 rows, rows only) asked for meanwhile, ${imported.pages.length} times, max ${Math.max(...imported.pages).toFixed(0)} ms`,
        unit: 'ms',
        ours: { value: p95(imported.pages), stat: 'p95', samples: imported.pages.length },
        raw: null,
        target: { of: 'value', max: 15 },
      }),
      result({
        scenario: 'responsive',
        name: 'total-during-import',
        title: `${importTitle}: the page's total (activity.count) asked for meanwhile, ${imported.totals.length} times, max ${Math.max(...imported.totals).toFixed(0)} ms`,
        unit: 'ms',
        ours: { value: p95(imported.totals), stat: 'p95', samples: imported.totals.length },
        raw: null,
        target: { of: 'value', max: 25 },
      }),
      ...loopResults('rebuild', `${over}: rebuilding the search index`, rebuilt),
    ];
  },
};
