/**
 * The threads that run long work yield the CPU to the thread that serves the window; the readers,
 * which answer it, do not (Linux: per-thread nice values).
 */
import fs from 'node:fs';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { DataHost } from '../../electron/data-host/client';
import { ReadPool } from '../../electron/db/read-pool';
import { openContext, setUpMission, tempDir } from '../support/context';

/** The nice value of each thread of this process (field 19 of /proc/self/task/N/stat). */
const threadNices = () =>
  fs.readdirSync('/proc/self/task').map((task) => Number(fs.readFileSync(`/proc/self/task/${task}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]));

// Only Linux gives each thread its own nice value (priority.ts); CI and the bench machines are Linux.
describe.runIf(process.platform === 'linux')('thread priority', () => {
  const belowNormal = () => threadNices().filter((nice) => nice === os.constants.priority.PRIORITY_BELOW_NORMAL).length;

  it('runs the data thread below normal priority and leaves this thread as it was', async () => {
    const mine = os.getPriority();
    const before = belowNormal();
    const host = new DataHost({ options: { dataDir: tempDir(), transport: 'browser', appVersion: '0.0.0-test', readers: 0 }, background: false });
    try {
      expect((await host.call('app.state', {})).ok).toBe(true);
      expect(belowNormal()).toBe(before + 1);
      expect(os.getPriority()).toBe(mine);
    } finally {
      await host.close();
    }
  });

  it('keeps a reader at the normal priority: it answers the window while the data thread imports', async () => {
    const app = await setUpMission(openContext());
    const before = threadNices().length;
    const niced = belowNormal();
    const pool = new ReadPool({ path: app.databasePath, key: null }, 1);
    try {
      expect(await pool.run('activity.count', { filter: {} })).toEqual({ total: 0, exact: true });
      expect(threadNices().length).toBeGreaterThan(before);
      expect(belowNormal()).toBe(niced);
    } finally {
      pool.close();
      app.close();
    }
  });
});
