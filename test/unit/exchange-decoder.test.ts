/**
 * Batches are decoded in a worker thread (services/exchange/decoder.ts): a reader that crashes
 * or stalls refuses its file with a code and applies nothing, the next file gets a new reader,
 * and the main event loop keeps turning while a large batch is decoded.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/context';
import { demoActivities } from '../../electron/services/demo';
import { trustBatchFile } from '../../electron/services/exchange/devices';
import { importBatches, type BatchFile } from '../../electron/services/exchange/import';
import { workerBundle } from '../../electron/workers/bundles';
import { tempDir } from '../support/context';
import { deviceOpener, writeBatch } from '../support/exchange';

const open = deviceOpener();

/** A head that trusts its staff laptop, and the staff laptop's first batch of `count` activities. */
async function trustedBatch(count: number): Promise<{ head: AppContext; file: BatchFile }> {
  const staff = await open('Trần Văn An');
  const head = await open('Nguyễn Thu Hà', { role: 'head' });
  staff.activities.createMany(demoActivities({ count, seed: 11 }));
  const file = await writeBatch(staff, head);
  await trustBatchFile(head, fs.readFileSync(file));
  return { head, file: { name: path.basename(file), bytes: fs.readFileSync(file) } };
}

function workerFile(body: string): string {
  const file = path.join(tempDir('caunoi-worker-'), 'batch-worker.cjs');
  fs.writeFileSync(file, body);
  return file;
}

const applied = (app: AppContext) => ({
  activities: app.db.prepare(`SELECT count(*) FROM activities`).pluck().get(),
  batches: app.db.prepare(`SELECT count(*) FROM batches_received`).pluck().get(),
});

describe('exchange: batches decoded in a worker thread', () => {
  it('refuses a file whose reader crashes or stalls with a code, applies nothing, and reads the next file with a new reader', async () => {
    const { head, file } = await trustedBatch(20);
    const broken = {
      // Dies as it starts, before the manifest is read.
      crash: workerFile(`process.exit(3);`),
      // Never answers.
      stall: workerFile(`require('node:worker_threads').parentPort.on('message', () => {}); setInterval(() => {}, 1000);`),
      // Opens the batch (main checks the sender), then dies while reading the lines.
      crashWhileReading: workerFile(
        `require('node:worker_threads').parentPort.on('message', (m) => { if (m.type === 'read') process.exit(4); });\nrequire(${JSON.stringify(workerBundle('batch-worker'))});`,
      ),
    };
    for (const [kind, bundle] of Object.entries(broken)) {
      // Only the stalled one is given a short deadline: the others must be told by their crash, however slow the machine.
      const [report] = await importBatches(head, [file], { decoder: { bundle, ...(kind === 'stall' ? { idleMs: 500 } : {}) } });
      expect({ kind, status: report!.status, code: report!.error?.code, reason: report!.error?.params?.reason }).toEqual({
        kind,
        status: 'refused',
        code: 'BATCH_DECODE_STOPPED',
        reason: kind === 'stall' ? 'timeout' : 'crash',
      });
      // Not a verdict on the batch: nothing applied, nothing recorded against it.
      expect(applied(head)).toEqual({ activities: 0, batches: 0 });
    }
    // The stalled reader is stopped (the test would not end otherwise), and the real one reads the file.
    const [report] = await importBatches(head, [file], {});
    expect(report!.status).toBe('applied');
    expect(applied(head)).toEqual({ activities: 20, batches: 1 });
  });

  it('keeps the main event loop turning while a large batch is decoded', async () => {
    const { head, file } = await trustedBatch(1000);
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 1);
    const verifying: number[] = [];
    try {
      const [report] = await importBatches(head, [file], {}, (e) => e.stage === 'exchange.stage.verifying' && e.done > 0 && verifying.push(ticks));
      expect(report!.status).toBe('applied');
    } finally {
      clearInterval(timer);
    }
    // Each slice of 2,000 lines arrives as its own message, parsed then verified: 11,000+ lines.
    expect(verifying.length).toBeGreaterThanOrEqual(12);
    // The timer fired while the worker parsed and verified (seconds of work): main was free meanwhile.
    expect(verifying.at(-1)! - verifying[0]!).toBeGreaterThanOrEqual(10);
  });

  it('lets a command-line process end while its reader idles', async () => {
    // A script that reads one (unreadable) file and returns, its reader kept for reuse as in the CLI:
    // the idle reader must not hold the process for the 30 s it is kept (it did: a 'message'
    // listener refs a worker again). Laid out as dist/ is, so the script finds the reader's bundle.
    const dist = tempDir('caunoi-idle-');
    fs.mkdirSync(path.join(dist, 'electron'));
    fs.copyFileSync(workerBundle('batch-worker'), path.join(dist, 'electron', 'batch-worker.cjs'));
    const script = path.join(dist, 'cli', 'read-once.cjs');
    const decoder = path.resolve(__dirname, '../../electron/services/exchange/decoder.ts');
    await build({
      stdin: {
        contents: `import { withDecoder } from ${JSON.stringify(decoder)};
withDecoder((d) => d.open(new Uint8Array([1, 2, 3]), null).catch((e) => console.log(e.code))).then(() => console.log('returned'));`,
        resolveDir: dist,
        loader: 'ts',
      },
      outfile: script,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      external: ['better-sqlite3-multiple-ciphers'],
      logLevel: 'error',
    });
    const run = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 20_000 });
    expect(run.stdout).toContain('returned');
    expect(run.signal, 'the process was still running after 20 s').toBeNull();
    expect(run.status).toBe(0);
  });
});
