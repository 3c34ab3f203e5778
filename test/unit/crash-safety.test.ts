/**
 * Crash safety: a child process writes large transactions to an encrypted database (store
 * batches, and partner-file imports with their backups) and is killed with SIGKILL at random
 * moments, again and again. After each kill the database passes integrity_check, every
 * batch the child reported committed is there in full, no batch is there in part (records,
 * change log and search index agree), and every backup present is whole.
 */
import fs from 'node:fs';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppContext, DATABASE_FILE } from '../../electron/context';
import { backupDir, listBackups } from '../../electron/services/backup';
import { workerBundle } from '../../electron/workers/bundles';
import { openEncryptedContext, setUpMission, tempDir, TEST_PASSPHRASE } from '../support/context';

const ROOT = path.resolve(__dirname, '..', '..');
const KILLS = 12;
const IMPORT_KILLS = 6;
const PER_BATCH = 150;
type Mode = 'activities' | 'import';
let worker: string;
let cli: string;

beforeAll(async () => {
  // Laid out as dist/ is: a bundle finds the worker threads it starts in ../electron/.
  const dist = tempDir('caunoi-crash-build-');
  worker = path.join(dist, 'cli', 'crash-worker.cjs');
  cli = path.join(dist, 'cli', 'cli.cjs');
  fs.mkdirSync(path.join(dist, 'electron'));
  for (const name of ['table-worker', 'batch-worker', 'read-worker'] as const)
    fs.copyFileSync(workerBundle(name), path.join(dist, 'electron', path.basename(workerBundle(name))));
  const bundle = (entry: string, outfile: string) =>
    build({
      entryPoints: [path.join(ROOT, entry)],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      external: ['better-sqlite3-multiple-ciphers'],
      logLevel: 'error',
    });
  await Promise.all([bundle('test/support/crash-worker.ts', worker), bundle('electron/cli/main.ts', cli)]);
});

/**
 * Runs the worker until a random moment after it starts writing (or after it reported
 * `afterCommits` batches), kills it, and returns the last batch it reported.
 */
function runAndKill(dataDir: string, key: string, mode: Mode, delayMs: number, afterCommits = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [worker, dataDir, key, String(PER_BATCH), mode], {
      env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let armed = false;
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const commits = out.match(/^committed /gm)?.length ?? 0;
      if (out.startsWith('ready\n') && commits >= afterCommits && !armed) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), delayMs).unref();
      }
    });
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`worker ended without being killed: ${err}`));
      const committed = [...out.matchAll(/^committed (\d+)$/gm)].map((m) => Number(m[1]));
      resolve(committed.length ? Math.max(...committed) : -1);
    });
  });
}

/** Batch numbers found in a column of names like crash-b12-..., with the count of each. */
function batchesIn(app: AppContext, table: string, column: string): { batch: number; n: number }[] {
  return app.db
    .prepare(
      `SELECT CAST(substr(${column}, 8, instr(substr(${column}, 8), '-') - 1) AS INTEGER) AS batch, count(*) AS n FROM ${table} WHERE ${column} LIKE 'crash-b%' GROUP BY batch ORDER BY batch`,
    )
    .all() as { batch: number; n: number }[];
}

function check(dataDir: string, key: string, mode: Mode, reported: number): number {
  const app = new AppContext({ dataDir, transport: 'cli', appVersion: 't', key });
  try {
    expect(app.problem).toBeNull();
    expect(app.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const entity = mode === 'import' ? 'organisation' : 'activity';
    const perBatch = mode === 'import' ? batchesIn(app, 'organisations', 'name') : batchesIn(app, 'activities', 'title');
    const batches = perBatch.map((b) => b.batch);
    // Complete batches only, with no gap, and at least every one reported committed.
    expect(perBatch.every((b) => b.n === PER_BATCH)).toBe(true);
    expect(batches).toEqual(batches.map((_, i) => i));
    expect(batches.length - 1).toBeGreaterThanOrEqual(reported);
    const records = perBatch.length * PER_BATCH;
    const logged = app.db.prepare(`SELECT count(DISTINCT record_id) FROM changes WHERE entity = ?`).pluck().get(entity);
    const indexed = app.db.prepare(`SELECT count(*) FROM search_docs WHERE entity = ?`).pluck().get(entity);
    expect([logged, indexed]).toEqual([records, records]);
    if (mode === 'activities') expect(app.db.prepare(`SELECT count(*) FROM activity_sectors`).pluck().get()).toBe(records);
    return perBatch.length;
  } finally {
    app.close();
  }
}

/** Every backup under a real name opens with the key and is sound. */
function checkBackups(dataDir: string, key: string): number {
  const backups = listBackups(dataDir);
  for (const b of backups) {
    const elsewhere = tempDir();
    fs.copyFileSync(path.join(backupDir(dataDir), b.file), path.join(elsewhere, DATABASE_FILE));
    const opened = new AppContext({ dataDir: elsewhere, transport: 'cli', appVersion: 't', key });
    expect(opened.problem, b.file).toBeNull();
    expect(opened.db.pragma('integrity_check', { simple: true })).toBe('ok');
    opened.close();
  }
  return backups.length;
}

describe('crash safety', () => {
  it(
    `keeps every committed batch and no half batch across ${KILLS} SIGKILLs during writes and ${IMPORT_KILLS} during imports`,
    { timeout: 120_000 },
    async () => {
      const dataDir = tempDir();
      const setup = await setUpMission(await openEncryptedContext(dataDir));
      const key = setup.key!;
      setup.close();
      // [mode, spread of the kill moment in ms, batches to wait for first]; every other write run,
      // and the first import run, waits for one commit, so that committed work is surely checked
      // even on a busy machine where a process needs longer than the spread to start.
      const runs: [Mode, number, number][] = [
        ...Array.from({ length: KILLS }, (_, i) => ['activities', 400, i % 2] as [Mode, number, number]),
        ...Array.from({ length: IMPORT_KILLS }, (_, i) => ['import', 1500, i === 0 ? 1 : 0] as [Mode, number, number]),
      ];
      const batches: Record<Mode, number> = { activities: 0, import: 0 };
      for (const [mode, spread, afterCommits] of runs) {
        const reported = await runAndKill(dataDir, key, mode, 20 + Math.floor(Math.random() * spread), afterCommits);
        batches[mode] = check(dataDir, key, mode, reported);
      }
      // The kills landed while it was writing: work accumulated across runs.
      expect(batches.activities).toBeGreaterThan(KILLS / 2);
      expect(batches.import).toBeGreaterThan(0);
      expect(checkBackups(dataDir, key)).toBeGreaterThan(0);
    },
  );
});

describe('crash safety of an array add', () => {
  const ARRAY = 400;
  const ARRAY_KILLS = 5;

  /** Runs the CLI; kills it after `killAfterMs` (if given). Returns how long it ran and whether it was killed. */
  function runCli(dataDir: string, args: string[], killAfterMs?: number): Promise<{ ms: number; killed: boolean }> {
    const started = Date.now();
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [cli, '--data-dir', dataDir, ...args], {
        env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules'), CAU_NOI_PASSPHRASE: TEST_PASSPHRASE },
        stdio: 'ignore',
      });
      if (killAfterMs !== undefined) setTimeout(() => child.kill('SIGKILL'), killAfterMs).unref();
      child.on('exit', (_code, signal) => resolve({ ms: Date.now() - started, killed: signal === 'SIGKILL' }));
    });
  }

  it(`leaves all ${ARRAY} activities or none after each of ${ARRAY_KILLS} SIGKILLs`, { timeout: 180_000 }, async () => {
    const dataDir = tempDir();
    const setup = await setUpMission(await openEncryptedContext(dataDir));
    const key = setup.key!;
    setup.close();
    const file = path.join(tempDir(), 'many.json');
    const filler = 'Nội dung dài để mỗi giao dịch ghi nhiều trang. '.repeat(20);
    fs.writeFileSync(
      file,
      JSON.stringify(Array.from({ length: ARRAY }, (_, i) => ({ title: `mảng ${i}`, kind: 'trade-promotion', startDate: '2025-03-01', outcomes: filler }))),
    );
    // Measured, not guessed (the machine may be busy): start-up and unlock alone, then a whole add.
    const startup = (await runCli(dataDir, ['activity', 'list', '--limit', '1'])).ms;
    const whole = (await runCli(dataDir, ['activity', 'add', '--json', file])).ms;
    expect(countActivities(dataDir, key)).toBe(ARRAY);
    // The kills are spread over the writing part of the run, from just before it to its end.
    const writing = Math.max(whole - startup, 100);
    let killed = 0;
    for (let run = 0; run < ARRAY_KILLS; run++) {
      const at = Math.round(startup - writing * 0.2 + (writing * 1.2 * (run + 1)) / (ARRAY_KILLS + 1));
      const result = await runCli(dataDir, ['activity', 'add', '--json', file], at);
      const after = countActivities(dataDir, key);
      expect(after % ARRAY, `kill ${run} at ${at} ms: ${after} activities`).toBe(0);
      if (result.killed) killed++;
    }
    expect(killed).toBeGreaterThan(0);
  });
});

function countActivities(dataDir: string, key: string): number {
  const app = new AppContext({ dataDir, transport: 'cli', appVersion: 't', key });
  try {
    expect(app.problem).toBeNull();
    const activities = app.db.prepare(`SELECT count(*) FROM activities`).pluck().get() as number;
    const logged = app.db.prepare(`SELECT count(DISTINCT record_id) FROM changes WHERE entity = 'activity'`).pluck().get() as number;
    expect(logged).toBe(activities);
    return activities;
  } finally {
    app.close();
  }
}
