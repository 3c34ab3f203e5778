/**
 * What the person at HQ feels while long work runs: the event-loop delay of the process
 * that serves the window (perf_hooks.monitorEventLoopDelay, p99 and max) while HQ imports
 * its missions' batches and while the search index is rebuilt, and the activity list's page
 * and total asked for meanwhile, as the list screen asks. As in the app, every call goes to the
 * data thread (electron/data-host), which answers the page and the total from its read pool
 * while the import holds the writer (`--readers 0`: they wait for the import, as before the
 * pool). Runs on a copy of HQ's dataset (bench/hq-data.ts).
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataHost } from '../../electron/data-host/client';
import { SEARCH_REBUILD_SETTING } from '../../electron/db/migrations/006-search-prefixes';
import type { ActivityFilter } from '../../shared/domain/activity';
import { APP_VERSION } from '../../electron/version';
import { openApp } from '../data';
import { result, type BenchEnv, type Result, type Scenario } from '../harness';
import { copyFolder } from '../hq-data';
import { p95, timeMs } from '../stats';
import { missionBatches } from './exchange';

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

/**
 * The app's way to the data: a data thread over `dir` (its read pool as the bench says). The CLI's
 * transport, which may name batch files by path (the window picks them with the system dialog).
 */
function openHost(env: BenchEnv, dir: string, key: string | null): DataHost {
  return new DataHost({ options: { dataDir: dir, transport: 'cli', appVersion: APP_VERSION, readers: env.readers, key }, background: false });
}

/** Runs `work` on a data thread that is closed however it ends (a thread left open keeps the bench alive). */
async function withHost<T>(env: BenchEnv, dir: string, key: string | null, work: (host: DataHost) => Promise<T>): Promise<T> {
  const host = openHost(env, dir, key);
  try {
    return await work(host);
  } finally {
    await host.close();
  }
}

async function ask(host: DataHost, channel: string, input: unknown): Promise<unknown> {
  const answer = await host.call(channel, input);
  if (!answer.ok) throw new Error(`${channel} failed: ${answer.error.code} ${answer.error.message}`);
  return answer.value;
}

/** Asks for a page and its total every 50 ms while `work` runs; the event loop's delay measured throughout. */
async function whileRunning(host: DataHost, work: () => Promise<unknown>): Promise<Sampled> {
  // The app opens its folder and starts its readers at start, long before any import: not measured.
  await ask(host, 'activity.count', { filter: {} });
  const histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  const busy = work();
  let running = true;
  void busy.finally(() => (running = false)).catch(() => {});
  const pages: number[] = [];
  const totals: number[] = [];
  for (let i = 0; running; i++) {
    const filter = FILTERS[i % FILTERS.length]!;
    pages.push(await timeMs(() => ask(host, 'activity.list', { filter, limit: 200, withTotal: false })));
    totals.push(await timeMs(() => ask(host, 'activity.count', { filter })));
    // A person scrolls or types a few times a second, not in a tight loop.
    await sleep(50);
  }
  await busy;
  histogram.disable();
  return { loop: { p99: histogram.percentile(99) / 1e6, max: histogram.max / 1e6 }, pages, totals };
}

/**
 * The search index rebuilt by the next open (as after migration 006), in the data thread. Every
 * call but the pool's waits for it: `done` is such a call, asked at once.
 */
function rebuildSearch(env: BenchEnv, dir: string, key: string | null): Promise<Sampled> {
  const before = openApp(dir, key);
  before.settings.set(SEARCH_REBUILD_SETTING, true);
  before.close();
  return withHost(env, dir, key, (host) => {
    const rebuilt = ask(host, 'app.state', {});
    return whileRunning(host, () => rebuilt);
  });
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
    const setup = openApp(dir, hq.key);
    const { files } = await missionBatches(env, setup, env.sizes.importBatches, env.sizes.importBatchSize);
    setup.close();
    const readers = env.readers ? `data thread with ${env.readers} readers` : 'data thread without readers (the list waits for the import)';
    const over = `HQ, ${hq.counts.activities.toLocaleString('en')} activities over ${hq.counts.missions} missions, ${readers}`;

    const imported = await withHost(env, dir, hq.key, (host) =>
      whileRunning(host, () => ask(host, 'exchange.import', { files: files.map((file) => ({ path: file })) })),
    );
    const importTitle = `${over}: importing ${files.length} batches`;

    const rebuilt = await rebuildSearch(env, dir, hq.key);

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
