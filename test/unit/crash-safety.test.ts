/**
 * Crash safety: a child process writes large transactions to an encrypted database and is
 * killed with SIGKILL at random moments, again and again. After each kill the database
 * passes integrity_check, every batch the child reported committed is there in full, and
 * no batch is there in part (records, change log and search index agree).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppContext } from '../../electron/context';
import { openEncryptedContext, setUpMission, tempDir } from '../support/context';

const ROOT = path.resolve(__dirname, '..', '..');
const KILLS = 15;
const PER_BATCH = 150;
let worker: string;

beforeAll(async () => {
  worker = path.join(tempDir('caunoi-crash-build-'), 'crash-worker.cjs');
  await build({
    entryPoints: [path.join(ROOT, 'test', 'support', 'crash-worker.ts')],
    outfile: worker,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['better-sqlite3-multiple-ciphers'],
    logLevel: 'error',
  });
});

/** Runs the worker until a random moment after it starts writing, kills it, returns the last batch it reported. */
function runAndKill(dataDir: string, key: string, delayMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [worker, dataDir, key, String(PER_BATCH)], {
      env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.startsWith('ready\n') && !child.killed) setTimeout(() => child.kill('SIGKILL'), delayMs).unref();
    });
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`worker ended without being killed: ${err}`));
      const committed = [...out.matchAll(/^committed (\d+)$/gm)].map((m) => Number(m[1]));
      resolve(committed.length ? Math.max(...committed) : -1);
    });
  });
}

function check(dataDir: string, key: string, reported: number): number {
  const app = new AppContext({ dataDir, transport: 'cli', appVersion: 't', key });
  try {
    expect(app.problem).toBeNull();
    expect(app.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const perBatch = app.db
      .prepare(`SELECT CAST(substr(title, 8, instr(substr(title, 8), '-') - 1) AS INTEGER) AS batch, count(*) AS n FROM activities GROUP BY batch ORDER BY batch`)
      .all() as { batch: number; n: number }[];
    const batches = perBatch.map((b) => b.batch);
    // Complete batches only, with no gap, and at least every one reported committed.
    expect(perBatch.every((b) => b.n === PER_BATCH)).toBe(true);
    expect(batches).toEqual(batches.map((_, i) => i));
    expect(batches.length - 1).toBeGreaterThanOrEqual(reported);
    const activities = perBatch.length * PER_BATCH;
    const logged = app.db.prepare(`SELECT count(DISTINCT record_id) FROM changes WHERE entity = 'activity'`).pluck().get();
    const indexed = app.db.prepare(`SELECT count(*) FROM search_docs WHERE entity = 'activity'`).pluck().get();
    const linked = app.db.prepare(`SELECT count(*) FROM activity_sectors`).pluck().get();
    expect([logged, indexed, linked]).toEqual([activities, activities, activities]);
    return perBatch.length;
  } finally {
    app.close();
  }
}

describe('crash safety', () => {
  it(`keeps every committed batch and no half batch across ${KILLS} SIGKILLs`, { timeout: 90_000 }, async () => {
    const dataDir = tempDir();
    const setup = await setUpMission(await openEncryptedContext(dataDir));
    const key = setup.key!;
    setup.close();
    let batches = 0;
    for (let i = 0; i < KILLS; i++) {
      const reported = await runAndKill(dataDir, key, 20 + Math.floor(Math.random() * 400));
      batches = check(dataDir, key, reported);
    }
    // The kills landed while it was writing: work accumulated across runs.
    expect(batches).toBeGreaterThan(KILLS);
  });
});
