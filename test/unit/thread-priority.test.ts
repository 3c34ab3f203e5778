/** Our worker threads yield the CPU to the thread that serves the window (Linux: per-thread nice values). */
import fs from 'node:fs';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { ReadPool } from '../../electron/db/read-pool';
import { openContext, setUpMission } from '../support/context';

/** The nice value of each thread of this process (field 19 of /proc/self/task/N/stat). */
const threadNices = () =>
  fs.readdirSync('/proc/self/task').map((task) => Number(fs.readFileSync(`/proc/self/task/${task}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]));

// Only Linux gives each thread its own nice value (priority.ts); CI and the bench machines are Linux.
describe.runIf(process.platform === 'linux')('thread priority', () => {
  it('runs a reader below normal priority and leaves this thread as it was', async () => {
    const app = await setUpMission(openContext());
    const mine = os.getPriority();
    const before = threadNices().filter((nice) => nice === os.constants.priority.PRIORITY_BELOW_NORMAL).length;
    const pool = new ReadPool({ path: app.databasePath, key: null }, 1);
    try {
      expect(await pool.run('activity.count', {})).toEqual({ total: 0 });
      expect(threadNices().filter((nice) => nice === os.constants.priority.PRIORITY_BELOW_NORMAL)).toHaveLength(before + 1);
      expect(os.getPriority()).toBe(mine);
    } finally {
      pool.close();
      app.close();
    }
  });
});
