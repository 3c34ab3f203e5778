/** The background integrity check of large files (electron/db/integrity.ts) finds damage. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/context';
import { checkInWorker } from '../../electron/db/integrity';
import { call, openContext, setUpMission } from '../support/context';

const open: AppContext[] = [];
afterEach(() => open.splice(0).forEach((a) => a.close()));

function damage(file: string): void {
  const fd = fs.openSync(file, 'r+');
  const size = fs.fstatSync(fd).size;
  fs.writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, Math.max(4096, Math.floor(size / 2 / 4096) * 4096));
  fs.closeSync(fd);
}

describe('integrity check in a worker thread', () => {
  it('passes a sound file and counts the problems of a damaged one', async () => {
    const app = await setUpMission(openContext());
    open.push(app);
    for (let i = 0; i < 150; i++)
      await call(app, 'activity.create', {
        title: `Hoạt động ${i}: nội dung đủ dài để chiếm nhiều trang dữ liệu`,
        kind: 'other',
        startDate: '2025-01-01',
        notes: 'x'.repeat(400),
      });
    app.db.pragma('wal_checkpoint(TRUNCATE)');
    const file = path.join(app.options.dataDir, 'cau-noi.db');
    expect(await checkInWorker({ path: file, key: null }).outcome).toEqual({ problems: 0 });
    app.close();
    damage(file);
    expect((await checkInWorker({ path: file, key: null }).outcome).problems).toBeGreaterThan(0);
  });
});
