/**
 * Resident memory of a main process with the dataset open, after a list, a search and
 * the half-year figures; measured in a fresh child process (this one holds the harness).
 * The raw child opens the file with plain better-sqlite3 (and the folder's key) and runs the same statements.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DATABASE_FILE } from '../../electron/context';
import { dispatch } from '../../electron/ipc/dispatch';
import { openApp, rawConnection } from '../data';
import { medianOf, result, type BenchEnv, type Measure, type Scenario } from '../harness';
import { queriesFromJson, queriesToJson, recordQueries, replayer } from '../replay';
import { FIGURES_PERIOD } from './figures';

export const CHILD_FLAG = '--memory-child';
/** The folder's raw key reaches the child in its environment (an argument would show in ps). */
const KEY_ENV = 'CAU_NOI_BENCH_KEY';
const MB = 1024 * 1024;

type App = ReturnType<typeof openApp>;

async function ask(app: App, calls: Promise<{ ok: boolean; error?: { code: string } }>[]): Promise<void> {
  for (const call of calls) {
    const done = await call;
    if (!done.ok) throw new Error(`memory work failed: ${done.error?.code}`);
  }
}

/** What the child does with the folder open: a mission's list, search and figures, or HQ's (one mission's, then every mission's). */
const WORKS = {
  mission: (app: App) =>
    ask(app, [
      dispatch(app, 'activity.list', {}),
      dispatch(app, 'activity.list', { filter: { period: '2025S1', text: 'xuc tien' } }),
      dispatch(app, 'search.query', { text: 'da nang', limit: 50 }),
      dispatch(app, 'figures.compute', { period: FIGURES_PERIOD, missionId: app.missionId(), asOf: '2026-11-22' }),
    ]),
  hq: (app: App) => {
    const mission = app.db.prepare(`SELECT id FROM missions WHERE id IS NOT ? ORDER BY code LIMIT 1`).pluck().get(app.missionId()) as string;
    return ask(app, [
      dispatch(app, 'activity.list', {}),
      dispatch(app, 'activity.list', { filter: { mission, period: FIGURES_PERIOD } }),
      dispatch(app, 'search.query', { text: 'da nang', limit: 50 }),
      dispatch(app, 'figures.compute', { period: FIGURES_PERIOD, missionId: mission, asOf: '2026-11-22' }),
      dispatch(app, 'hq.figures', { period: FIGURES_PERIOD }),
    ]);
  },
};
export type MemoryWork = keyof typeof WORKS;

/** Runs in the child: `run.cjs --memory-child WORK DIR [QUERIES.json]`, the folder's key in KEY_ENV; prints {rss, peak} in MB. */
export async function memoryChild(work: MemoryWork, dir: string, queriesFile?: string): Promise<void> {
  const key = process.env[KEY_ENV] || null;
  if (queriesFile) {
    replayer(rawConnection(path.join(dir, DATABASE_FILE), key), queriesFromJson(fs.readFileSync(queriesFile, 'utf8')))();
  } else {
    await WORKS[work](openApp(dir, key));
  }
  process.stdout.write(`${JSON.stringify({ rss: process.memoryUsage().rss / MB, peak: process.resourceUsage().maxRSS / 1024 })}\n`);
}

function measureChild(work: MemoryWork, key: string | null, args: string[]): { rss: number; peak: number } {
  const out = execFileSync(process.execPath, [__filename, CHILD_FLAG, work, ...args], { encoding: 'utf8', env: { ...process.env, [KEY_ENV]: key ?? '' } });
  return JSON.parse(out.trim().split('\n').pop()!) as { rss: number; peak: number };
}

/** RSS of fresh children that did `work` on the folder (median of a few), and of raw children replaying its statements. */
export async function rssOf(env: BenchEnv, dir: string, key: string | null, work: MemoryWork): Promise<{ ours: Measure; raw: Measure; note: string }> {
  const probe = openApp(dir, key);
  const queries = await recordQueries(probe.db, () => WORKS[work](probe));
  probe.close();
  const queriesFile = path.join(env.tempDir('memory'), 'queries.json');
  fs.writeFileSync(queriesFile, queriesToJson(queries));
  const ours = [];
  const raw = [];
  for (let run = 0; run < Math.min(env.sizes.runs, 3); run++) {
    ours.push(measureChild(work, key, [dir]));
    raw.push(measureChild(work, key, [dir, queriesFile]));
  }
  const peak = Math.max(...ours.map((m) => m.peak));
  return { ours: medianOf(ours.map((m) => m.rss)), raw: medianOf(raw.map((m) => m.rss)), note: `peak RSS ${peak.toFixed(0)} MB` };
}

export const memoryScenario: Scenario = {
  name: 'memory',
  async run(env) {
    const dataset = await env.dataset();
    return [
      result({
        scenario: 'memory',
        name: 'memory',
        title: `main-process RSS, ${dataset.counts.activities.toLocaleString('en')}-activity folder open after list + search + figures`,
        unit: 'MB',
        ...(await rssOf(env, dataset.dir, dataset.key, 'mission')),
        target: { of: 'value', max: 250 },
      }),
    ];
  },
};
