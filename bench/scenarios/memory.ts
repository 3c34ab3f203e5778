/**
 * Resident memory of a main process with the dataset open, after a list, a search and
 * the half-year figures; measured in a fresh child process (this one holds the harness).
 * The raw child opens the file with plain better-sqlite3 and runs the same statements.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { DATABASE_FILE } from '../../electron/context';
import { dispatch } from '../../electron/ipc/dispatch';
import { openApp } from '../data';
import { medianOf, result, type Scenario } from '../harness';
import { recordQueries, replayer, type RecordedQuery } from '../replay';
import { FIGURES_PERIOD } from './figures';

export const CHILD_FLAG = '--memory-child';
const MB = 1024 * 1024;

async function work(app: ReturnType<typeof openApp>): Promise<void> {
  const calls = [
    dispatch(app, 'activity.list', {}),
    dispatch(app, 'activity.list', { filter: { period: '2025S1', text: 'xuc tien' } }),
    dispatch(app, 'search.query', { text: 'da nang', limit: 50 }),
    dispatch(app, 'figures.compute', { period: FIGURES_PERIOD, missionId: app.missionId(), asOf: '2026-11-22' }),
  ];
  for (const call of calls) {
    const done = await call;
    if (!done.ok) throw new Error(`memory work failed: ${done.error.code}`);
  }
}

/** Runs in the child: `run.cjs --memory-child DIR [QUERIES.json]`; prints {rss, peak} in MB. */
export async function memoryChild(dir: string, queriesFile?: string): Promise<void> {
  if (queriesFile) {
    const db = new Database(path.join(dir, DATABASE_FILE));
    db.pragma('journal_mode = WAL');
    replayer(db, JSON.parse(fs.readFileSync(queriesFile, 'utf8')) as RecordedQuery[])();
  } else {
    await work(openApp(dir));
  }
  process.stdout.write(`${JSON.stringify({ rss: process.memoryUsage().rss / MB, peak: process.resourceUsage().maxRSS / 1024 })}\n`);
}

function measureChild(args: string[]): { rss: number; peak: number } {
  const out = execFileSync(process.execPath, [__filename, CHILD_FLAG, ...args], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!) as { rss: number; peak: number };
}

export const memoryScenario: Scenario = {
  name: 'memory',
  async run(env) {
    const dataset = await env.dataset();
    const probe = openApp(dataset.dir);
    const queries = await recordQueries(probe.db, () => work(probe));
    probe.close();
    const queriesFile = path.join(env.tempDir('memory'), 'queries.json');
    fs.writeFileSync(queriesFile, JSON.stringify(queries));
    const ours = [];
    const raw = [];
    for (let run = 0; run < Math.min(env.sizes.runs, 3); run++) {
      ours.push(measureChild([dataset.dir]));
      raw.push(measureChild([dataset.dir, queriesFile]));
    }
    const peak = Math.max(...ours.map((m) => m.peak));
    return [
      result({
        scenario: 'memory',
        name: 'memory',
        title: `main-process RSS, ${dataset.counts.activities.toLocaleString('en')}-activity folder open after list + search + figures`,
        unit: 'MB',
        ours: medianOf(ours.map((m) => m.rss)),
        raw: medianOf(raw.map((m) => m.rss)),
        target: { of: 'value', max: 250 },
        note: `peak RSS ${peak.toFixed(0)} MB`,
      }),
    ];
  },
};
