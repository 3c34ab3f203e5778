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
    await expect(
      call(again, 'app.setup', {
        mode: 'mission',
        mission: { code: 'X', nameVi: 'X', nameEn: 'X', kind: 'embassy', country: 'JP', city: 'X' },
        user: { name: 'A', role: 'staff' },
      }),
    ).rejects.toMatchObject({ code: 'DB_MISSING' });
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

describe('multi-record writes', () => {
  const big = (i: number) => ({ ...activity(`Hoạt động ${i}`), outcomes: 'Kết quả chi tiết. '.repeat(300) });
  const count = (app: AppContext) => app.db.prepare(`SELECT count(*) FROM activities`).pluck().get() as number;
  const changes = (app: AppContext) => app.db.prepare(`SELECT count(*) FROM changes`).pluck().get() as number;

  it('saves an array whole, or refuses it whole naming the item at fault', async () => {
    const app = track(await setUpMission(openContext()));
    const created = await call(app, 'activity.createMany', [activity('Một'), activity('Hai'), activity('Ba')]);
    expect(created.map((a) => a.title)).toEqual(['Một', 'Hai', 'Ba']);
    const before = [count(app), changes(app)];
    const refused = await call(app, 'activity.createMany', [activity('Bốn'), activity('Năm'), { ...activity(''), title: '' }]).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'VALIDATION', fields: [{ path: '2.title', code: 'required' }] });
    expect([count(app), changes(app)]).toEqual(before);
  });

  it('a full disk during an array of 40 keeps none of them, and says so', async () => {
    const app = track(await setUpMission(openContext()));
    await call(app, 'activity.create', big(0));
    const pages = app.db.pragma('page_count', { simple: true }) as number;
    // Room for some of the 40, not all: the first ones would fit if each were its own write.
    app.db.pragma(`max_page_count = ${pages + 40}`);
    const before = [count(app), changes(app)];
    const refused = await call(
      app,
      'activity.createMany',
      Array.from({ length: 40 }, (_, i) => big(i + 1)),
    ).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'DISK_FULL', params: { total: 40, saved: 0 } });
    expect((refused as Error).message).toMatch(/None of the 40 records was saved/);
    expect([count(app), changes(app)]).toEqual(before);
    // The room was enough for a few alone: proof the refusal was not all-or-nothing by luck.
    await call(app, 'activity.create', big(41));
    expect(count(app)).toBe(before[0]! + 1);
  });
});

describe('a lost write-ahead log', () => {
  /** Copies what a crash leaves behind, while the app still runs: the database file and the marker, not the log. */
  function crashCopy(app: AppContext, wal: 'lost' | 'damaged'): string {
    const copy = tempDir();
    for (const name of fs.readdirSync(app.options.dataDir)) {
      const from = path.join(app.options.dataDir, name);
      if (fs.statSync(from).isDirectory()) fs.cpSync(from, path.join(copy, name), { recursive: true });
      else if (!name.endsWith('-wal') && !name.endsWith('-shm')) fs.copyFileSync(from, path.join(copy, name));
    }
    if (wal === 'damaged') {
      const log = fs.readFileSync(`${app.databasePath}-wal`);
      // The frames of the last transactions overwritten: SQLite stops replaying at the first bad one.
      log.fill(0x5a, Math.floor(log.length * 0.6));
      fs.writeFileSync(path.join(copy, `${DATABASE_FILE}-wal`), log);
    }
    return copy;
  }

  it.each(['lost', 'damaged'] as const)('is reported once with the time of the last kept write and the newest backup (%s)', async (wal) => {
    const app = track(await setUpMission(await openEncryptedContext()));
    await call(app, 'activity.create', activity('Trước khi sao lưu'));
    const backup = await call(app, 'backup.create', {});
    // Checkpointed: these are in the database file itself.
    app.db.pragma('wal_checkpoint(TRUNCATE)');
    // The next ones stay in the log, as a crash between checkpoints finds them (each now writes its
    // text in two indexes: 30 of them can fill the 1,000 pages that start a checkpoint).
    app.db.pragma('wal_autocheckpoint = 0');
    for (let i = 0; i < 30; i++) await call(app, 'activity.create', { ...activity(`Sau khi sao lưu ${i}`), outcomes: 'Kết quả. '.repeat(200) });
    const copy = crashCopy(app, wal);

    const after = track(new AppContext({ dataDir: copy, transport: 'cli', appVersion: 't', key: app.key }));
    const status = await call(after, 'security.status', {});
    expect(status.lostWrites).toMatchObject({ backup: { file: backup.file } });
    expect(Date.parse(status.lostWrites!.lastWriteAt)).toBeGreaterThan(Date.parse(status.lostWrites!.keptUntil!));
    expect((await call(after, 'activity.count', {})).total).toBeLessThan(31);
    await call(after, 'security.acknowledgeLostWrites', {});
    expect((await call(after, 'security.status', {})).lostWrites).toBeNull();
    after.close();
    // Reported once: the marker follows the database again.
    const again = track(new AppContext({ dataDir: copy, transport: 'cli', appVersion: 't', key: app.key }));
    expect((await call(again, 'security.status', {})).lostWrites).toBeNull();
  });

  it('is not reported after a clean close, nor after a restore of an older backup', async () => {
    const dataDir = tempDir();
    const app = await setUpMission(await openEncryptedContext(dataDir));
    const backup = await call(app, 'backup.create', {});
    await call(app, 'activity.create', activity('Sau khi sao lưu'));
    const key = app.key;
    app.close();
    const again = track(new AppContext({ dataDir, transport: 'cli', appVersion: 't', key }));
    expect((await call(again, 'security.status', {})).lostWrites).toBeNull();
    await call(again, 'backup.restore', { file: backup.file });
    expect((await call(again, 'security.status', {})).lostWrites).toBeNull();
  });
});
