/**
 * Storage honesty: a lost database is never taken for a new installation, multi-record
 * writes are all or nothing, and a lost write-ahead log is noticed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppContext, DATABASE_FILE } from '../../electron/context';
import { listBackups } from '../../electron/services/backup';
import { call, openContext, openEncryptedContext, setUpMission, tempDir, TEST_PASSPHRASE } from '../support/context';

const open: AppContext[] = [];
afterEach(() => open.splice(0).forEach((a) => a.close()));
function track<T extends AppContext>(app: T): T {
  open.push(app);
  return app;
}
const activity = (title: string) => ({ title, kind: 'trade-promotion' as const, startDate: '2025-05-20' });

function removeDatabase(dataDir: string, how: 'delete' | 'empty'): void {
  const file = path.join(dataDir, DATABASE_FILE);
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
  if (how === 'delete') fs.rmSync(file);
  else fs.truncateSync(file, 0);
}

describe('a missing database', () => {
  it.each(['delete', 'empty'] as const)('is refused when encrypted with backups beside it (%s), and the restore brings it back', async (how) => {
    const dataDir = tempDir();
    const app = await setUpMission(await openEncryptedContext(dataDir));
    const kept = await call(app, 'activity.create', activity('Hội chợ thương mại Việt Nam tại Tokyo'));
    const backup = await call(app, 'backup.create', {});
    app.close();
    removeDatabase(dataDir, how);

    const again = track(openContext(dataDir));
    expect(again.locked).toBe(true);
    // Told before any passphrase, so the lock screen shows the problem and the restore.
    expect((await call(again, 'security.status', {})).problem?.code).toBe('DB_MISSING');
    await expect(call(again, 'security.unlock', { passphrase: TEST_PASSPHRASE })).rejects.toMatchObject({ code: 'DB_MISSING' });
    await expect(call(again, 'app.setup', { mode: 'mission', mission: { code: 'X', nameVi: 'X', nameEn: 'X', kind: 'embassy', country: 'JP', city: 'X' }, user: { name: 'A', role: 'staff' } })).rejects.toMatchObject({ code: 'DB_MISSING' });
    // Nothing was created over it and no backup was added.
    expect(fs.existsSync(path.join(dataDir, DATABASE_FILE)) ? fs.statSync(path.join(dataDir, DATABASE_FILE)).size : 0).toBe(0);
    expect(listBackups(dataDir).map((b) => b.file)).toEqual([backup.file]);

    await call(again, 'backup.restore', { file: backup.file, passphrase: TEST_PASSPHRASE });
    expect(again.locked).toBe(false);
    expect((await call(again, 'activity.list', {})).rows.map((r) => r.id)).toEqual([kept.id]);
  });

  it('is refused in a plain folder that has backups', async () => {
    const dataDir = tempDir();
    const app = await setUpMission(openContext(dataDir));
    const backup = await call(app, 'backup.create', {});
    app.close();
    removeDatabase(dataDir, 'delete');
    const again = track(openContext(dataDir));
    expect(again.problem?.code).toBe('DB_MISSING');
    expect((await call(again, 'app.state', {})).locked).toBe(true);
    await call(again, 'backup.restore', { file: backup.file });
    expect((await call(again, 'app.state', {})).setUp).toBe(true);
  });

  it('is a new installation in an empty folder', () => {
    const app = track(openContext());
    expect(app.problem).toBeNull();
    expect(app.locked).toBe(false);
  });
});
