import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppContext } from '../../electron/context';
import Database from 'better-sqlite3-multiple-ciphers';
import { latestSchemaVersion, MIGRATIONS, runMigrations } from '../../electron/db/migrations';
import { dispatch } from '../../electron/ipc/dispatch';
import { backupBeforeRisk, backupDir, backupIfDue, backupsToKeep, listBackups, writeBackup } from '../../electron/services/backup';
import { AppError } from '../../shared/errors';
import { call, openContext, openEncryptedContext, setUpMission, tempDir, TEST_PASSPHRASE } from '../support/context';
import { rewindOneSchema } from '../support/schema';

const open: AppContext[] = [];
afterEach(() => open.splice(0).forEach((a) => a.close()));
function track<T extends AppContext>(app: T): T {
  open.push(app);
  return app;
}
async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}
const activity = (title: string) => ({ title, kind: 'trade-promotion' as const, startDate: '2025-05-20' });

/** Overwrites bytes in the middle of a file, as a bad sector or a torn copy would. */
function damage(file: string): void {
  const fd = fs.openSync(file, 'r+');
  const size = fs.fstatSync(fd).size;
  fs.writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, Math.max(4096, Math.floor(size / 2 / 4096) * 4096));
  fs.closeSync(fd);
}

describe('backups', () => {
  it('keeps one backup a day, and a restore point before a restore that does not push the chosen one out first', async () => {
    const app = track(await setUpMission(openContext()));
    const made = [];
    for (let i = 0; i < 4; i++) made.push(await call(app, 'backup.create', {}));
    // All made today: only the newest of the day is kept.
    const kept = await call(app, 'backup.list', {});
    expect(kept.map((b) => b.file)).toEqual([made[3]!.file]);
    await call(app, 'backup.restore', { file: kept[0]!.file });
    expect((await call(app, 'backup.list', {})).map((b) => b.reason)).toEqual(['before-restore']);
    expect(app.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('over a simulated year keeps the newest of the last 7 days, 4 weeks and 12 months, and imports add none', { timeout: 120_000 }, async () => {
    const app = track(await setUpMission(openContext()));
    const day = (d: Date) => d.toISOString().slice(0, 10);
    let made = 0;
    for (let t = Date.parse('2025-01-01T09:00:00Z'); t <= Date.parse('2025-12-31T09:00:00Z'); t += 24 * 60 * 60 * 1000) {
      const morning = new Date(t);
      if (backupIfDue(app, 'scheduled', morning)) made++;
      // Imports the same day (an HQ's busy morning) take no backup of their own.
      for (const hours of [1, 2, 5]) expect(backupBeforeRisk(app, 'before-import', new Date(t + hours * 3600_000))).toBeNull();
      // A migration on 10 June takes one anyway.
      if (day(morning) === '2025-06-10') expect(backupBeforeRisk(app, 'before-migration-7', new Date(t + 3 * 3600_000))).not.toBeNull();
    }
    expect(made).toBe(365);
    const kept = listBackups(app.options.dataDir)
      .map((b) => b.createdAt.slice(0, 10))
      .reverse();
    expect(kept).toEqual([
      // monthly: the newest of each month
      '2025-01-31',
      '2025-02-28',
      '2025-03-31',
      '2025-04-30',
      '2025-05-31',
      '2025-06-30',
      '2025-07-31',
      '2025-08-31',
      '2025-09-30',
      '2025-10-31',
      '2025-11-30',
      // weekly: the newest of the weeks starting 8 and 15 December
      '2025-12-14',
      '2025-12-21',
      // daily: the last 7 days (the week of 22 December ends on the 28th)
      '2025-12-25',
      '2025-12-26',
      '2025-12-27',
      '2025-12-28',
      '2025-12-29',
      '2025-12-30',
      '2025-12-31',
    ]);
    expect(fs.readdirSync(backupDir(app.options.dataDir)).filter((f) => f.endsWith('.db'))).toHaveLength(kept.length);
  });

  it('an import takes a backup only when none was made that day', async () => {
    const app = track(await setUpMission(openContext()));
    const morning = new Date('2026-03-02T08:00:00Z');
    expect((await backupBeforeRisk(app, 'before-import', morning)?.done)?.reason).toBe('before-import');
    expect(backupBeforeRisk(app, 'before-import', new Date('2026-03-02T20:00:00Z'))).toBeNull();
    expect((await backupBeforeRisk(app, 'before-import', new Date('2026-03-03T01:00:00Z'))?.done)?.reason).toBe('before-import');
  });

  it('keeps the newest backup of each bucket whatever order the files come in', () => {
    const at = (iso: string) => ({ file: `cau-noi-${iso.replace(/[-:.]/g, '')}-x.db`, createdAt: iso });
    const list = [at('2025-03-01T10:00:00.000Z'), at('2025-03-01T18:00:00.000Z'), at('2025-02-27T09:00:00.000Z'), at('2024-01-15T09:00:00.000Z')];
    expect([...backupsToKeep(list)].sort()).toEqual([list[1]!.file, list[2]!.file, list[3]!.file].sort());
  });

  it('restores a backup after checking it, backing up the current state first', async () => {
    const app = track(await openEncryptedContext());
    await setUpMission(app);
    const kept = await call(app, 'activity.create', activity('Hội chợ thương mại Việt Nam tại Tokyo'));
    const backup = await call(app, 'backup.create', {});
    expect(backup).toMatchObject({ reason: 'manual', encrypted: true });
    const later = await call(app, 'activity.create', activity('Đoàn doanh nghiệp Quảng Ninh'));
    await call(app, 'activity.delete', { id: kept.id });

    await call(app, 'backup.restore', { file: backup.file });
    const titles = (await call(app, 'activity.list', {})).rows.map((r) => r.id);
    expect(titles).toEqual([kept.id]);
    // Search and the change log came back with it.
    expect((await call(app, 'search.query', { text: 'hoi cho tokyo' })).hits.map((h) => h.id)).toEqual([kept.id]);
    const safety = (await call(app, 'backup.list', {})).find((b) => b.reason === 'before-restore');
    expect(safety).toBeDefined();
    // The state before the restore is itself restorable.
    await call(app, 'backup.restore', { file: safety!.file });
    expect((await call(app, 'activity.list', {})).rows.map((r) => r.id)).toEqual([later.id]);
  });

  it('says the data is upgraded when the backup restored is from an earlier version, and keeps the copy made before the restore', async () => {
    const app = track(await openEncryptedContext());
    await setUpMission(app);
    const kept = await call(app, 'activity.create', activity('Hội chợ thương mại Việt Nam tại Tokyo'));
    const older = await call(app, 'backup.create', {});
    rewindOneSchema(path.join(backupDir(app.options.dataDir), older.file), app.key);
    const later = await call(app, 'activity.create', activity('Đoàn doanh nghiệp Quảng Ninh'));
    const restoreSaying = async (file: string) => {
      const stages: string[] = [];
      const restored = await dispatch(app, 'backup.restore', { file }, ({ stage }) => stages.push(stage));
      expect(restored.ok).toBe(true);
      return stages;
    };

    expect(await restoreSaying(older.file)).toEqual(['security.backup.restoring', 'security.backup.upgrading']);
    expect(app.db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion());
    expect((await call(app, 'activity.list', { filter: { text: 'tokyo' } })).rows.map((r) => r.id)).toEqual([kept.id]);
    // The data as it was before the restore is still there to go back to, whatever the day's rotation.
    const reasons = (await call(app, 'backup.list', {})).map((b) => b.reason);
    expect(reasons).toEqual(['before-restore']);
    await call(app, 'backup.restore', { file: (await call(app, 'backup.list', {}))[0]!.file });
    expect((await call(app, 'activity.list', {})).rows.map((r) => r.id).sort()).toEqual([kept.id, later.id].sort());
    // A backup of this version is restored without an upgrade.
    expect(await restoreSaying((await call(app, 'backup.create', {})).file)).toEqual(['security.backup.restoring']);
  });

  it('refuses a damaged backup and leaves the data as it was', async () => {
    const app = track(await openEncryptedContext());
    await setUpMission(app);
    for (let i = 0; i < 200; i++) await call(app, 'activity.create', activity(`Hoạt động số ${i} với nội dung đủ dài để có nhiều trang`));
    const backup = await call(app, 'backup.create', {});
    await call(app, 'activity.create', activity('Sau bản sao lưu'));
    damage(path.join(backupDir(app.options.dataDir), backup.file));
    const error = await failure(call(app, 'backup.restore', { file: backup.file }));
    expect(error.code).toBe('BACKUP_DAMAGED');
    expect((await call(app, 'activity.list', {})).total).toBe(201);
  });

  it('takes only names it made', async () => {
    const app = track(openContext());
    for (const file of ['../cau-noi.db', '/etc/passwd', 'cau-noi-20250101T000000000Z-x.db/../../a']) {
      expect((await failure(call(app, 'backup.restore', { file }))).code).toBe('VALIDATION');
    }
    expect((await failure(call(app, 'backup.restore', { file: 'cau-noi-20250101T000000000Z-manual.db' }))).code).toBe('BACKUP_NOT_FOUND');
  });

  it('says plainly that a damaged database must be restored, and restores it while locked', async () => {
    const dir = tempDir();
    const app = track(await openEncryptedContext(dir));
    await setUpMission(app);
    for (let i = 0; i < 200; i++) await call(app, 'activity.create', activity(`Hoạt động ${i} — nội dung đủ dài để có nhiều trang dữ liệu`));
    const backup = await call(app, 'backup.create', {});
    app.close();
    damage(app.databasePath);

    const broken = track(new AppContext({ dataDir: dir, transport: 'cli', appVersion: 't' }));
    const unlockError = await failure(call(broken, 'security.unlock', { passphrase: TEST_PASSPHRASE }));
    expect(unlockError.code).toBe('DB_CORRUPT');
    expect(unlockError.message).toMatch(/restore/i);
    expect((await call(broken, 'security.status', {})).problem?.code).toBe('DB_CORRUPT');
    expect((await call(broken, 'backup.list', {})).map((b) => b.file)).toContain(backup.file);
    expect((await failure(call(broken, 'backup.restore', { file: backup.file, passphrase: 'không phải mật khẩu' }))).code).toBe('WRONG_PASSPHRASE');
    await call(broken, 'backup.restore', { file: backup.file, passphrase: TEST_PASSPHRASE });
    expect(broken.locked).toBe(false);
    expect((await call(broken, 'activity.list', {})).total).toBe(200);
    expect(broken.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('restores a backup made under an earlier passphrase into the current key', async () => {
    const dir = tempDir();
    const app = track(await openEncryptedContext(dir));
    await setUpMission(app);
    await call(app, 'activity.create', activity('Trước khi đổi mật khẩu'));
    // A backup left under the old key (as if re-encrypting it had failed).
    const old = writeBackup(app.db, dir, 'manual', JSON.parse(fs.readFileSync(path.join(dir, 'cau-noi.keyinfo.json'), 'utf8')));
    const hidden = path.join(dir, 'old-copy');
    fs.mkdirSync(hidden);
    for (const f of [old.file, `${old.file}.keyinfo.json`]) fs.copyFileSync(path.join(backupDir(dir), f), path.join(hidden, f));
    await call(app, 'security.changePassphrase', { current: TEST_PASSPHRASE, next: 'mật khẩu thứ hai dài' });
    for (const f of [old.file, `${old.file}.keyinfo.json`]) fs.copyFileSync(path.join(hidden, f), path.join(backupDir(dir), f));

    expect((await failure(call(app, 'backup.restore', { file: old.file }))).code).toBe('PASSPHRASE_REQUIRED');
    await call(app, 'backup.restore', { file: old.file, passphrase: TEST_PASSPHRASE });
    app.close();
    const again = track(new AppContext({ dataDir: dir, transport: 'cli', appVersion: 't' }));
    await call(again, 'security.unlock', { passphrase: 'mật khẩu thứ hai dài' });
    expect((await call(again, 'activity.list', {})).rows.map((r) => r.title)).toEqual(['Trước khi đổi mật khẩu']);
  });

  it('backs up on schedule only when the newest backup is old enough', async () => {
    const app = track(await setUpMission(openContext()));
    const first = backupIfDue(app, 'scheduled', new Date('2026-03-02T00:30:00Z'));
    expect(first?.reason).toBe('scheduled');
    expect(backupIfDue(app, 'scheduled', new Date('2026-03-02T23:30:00Z'))).toBeNull();
    const next = backupIfDue(app, 'scheduled', new Date('2026-03-03T00:30:00Z'));
    expect(next).not.toBeNull();
    expect(listBackups(app.options.dataDir).map((b) => b.file)).toEqual([next!.file, first!.file]);
  });

  it('backs up before an import writes anything', async () => {
    const app = track(await setUpMission(openContext()));
    const csv = 'Organisation,Country\nPhòng Thương mại Osaka,Japan\n';
    await call(app, 'partnerImport.commit', { fileName: 'doi-tac.csv', dataBase64: Buffer.from(csv).toString('base64') });
    // Written off the main connection: the import went on once the copy began, the copy may end later.
    const backup = await vi.waitFor(
      () => {
        const made = listBackups(app.options.dataDir).find((b) => b.reason === 'before-import');
        if (!made) throw new Error('the backup is still being written');
        return made;
      },
      { timeout: 10_000 },
    );
    const copy = new Database(path.join(backupDir(app.options.dataDir), backup!.file), { readonly: true });
    expect(copy.prepare(`SELECT count(*) FROM organisations`).pluck().get()).toBe(0);
    copy.close();
    expect((await call(app, 'organisation.list', {})).rows).toHaveLength(1);
  });

  it('backs up before applying migrations to existing data', async () => {
    const dir = tempDir();
    // A folder written by the previous version: every migration but the last.
    const older = new Database(path.join(dir, 'cau-noi.db'));
    runMigrations(older, MIGRATIONS.slice(0, -1));
    older.close();
    const app = track(new AppContext({ dataDir: dir, transport: 'cli', appVersion: 't' }));
    expect(app.problem).toBeNull();
    const backups = listBackups(dir);
    expect(backups.map((b) => b.reason)).toEqual([`before-migration-${MIGRATIONS.length - 1}`]);
    const copy = new Database(path.join(backupDir(dir), backups[0]!.file), { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length - 1);
    copy.close();
  });
});
