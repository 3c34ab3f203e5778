import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppContext } from '../../electron/context';
import { demoActivities } from '../../electron/services/demo';
import { dispatch } from '../../electron/ipc/dispatch';
import { trustBatchFile } from '../../electron/services/exchange/devices';
import { AppError } from '../../shared/errors';
import { call, openEncryptedContext, setUpMission, tempDir } from '../support/context';
import { activity, activitySnapshot, deviceOpener, receive, recipientOf, send, writeBatch } from '../support/exchange';

const open = deviceOpener();

describe('exchange: staff to head', () => {
  it('refuses an unknown sender until trusted, then applies, and a second import changes nothing', async () => {
    const staff = await open('Trần Văn An');
    const head = await open('Nguyễn Thu Hà', { role: 'head' });
    const a = await call(staff, 'activity.create', activity('Tuần hàng Việt Nam tại Osaka', { provinces: ['hue'] }));
    const file = await writeBatch(staff, head);

    const [refused] = await call(head, 'exchange.import', { files: [{ path: file }] });
    expect(refused!.status).toBe('refused');
    expect(refused!.error!.code).toBe('BATCH_UNKNOWN_DEVICE');
    const staffId = await call(staff, 'exchange.identity', {});
    expect(refused!.error!.params!.fingerprint).toBe(staffId.fingerprint);
    expect(head.db.prepare(`SELECT count(*) FROM activities`).pluck().get()).toBe(0);

    await call(head, 'exchange.trust', { fingerprint: staffId.fingerprint.toLowerCase().replaceAll(' ', '') });
    const [preview] = await call(head, 'exchange.import', { files: [{ path: file }], dryRun: true });
    expect(preview!.status).toBe('preview');
    expect(preview!.summary.activity).toEqual({ created: 1, updated: 0, unchanged: 0, conflicts: 0 });
    // The staff laptop set the mission up under its own id: the head's mission (same code) stays.
    expect(preview!.summary.mission).toEqual({ created: 0, updated: 0, unchanged: 1, conflicts: 0 });
    expect(head.db.prepare(`SELECT count(*) FROM activities`).pluck().get()).toBe(0);

    const [applied] = await call(head, 'exchange.import', { files: [{ path: file }] });
    expect(applied!.status).toBe('applied');
    const got = await call(head, 'activity.get', { id: a.id });
    expect(got).toMatchObject({ title: a.title, provinces: ['hue'], kind: 'trade-promotion', createdBy: 'Trần Văn An' });
    // Staff's activity belongs to the head's mission record (same code, other id).
    expect(head.db.prepare(`SELECT mission_id FROM activities WHERE id = ?`).pluck().get(a.id)).toBe(head.missionId());
    expect((await call(head, 'search.query', { text: 'tuan hang osaka' })).hits.map((h) => h.id)).toEqual([a.id]);

    const before = head.db.prepare(`SELECT count(*) FROM changes`).pluck().get();
    const [again] = await call(head, 'exchange.import', { files: [{ path: file }] });
    expect(again!.status).toBe('duplicate');
    expect(head.db.prepare(`SELECT count(*) FROM changes`).pluck().get()).toBe(before);
  });

  it('sends only what is new, updates and tombstones', async () => {
    const staff = await open('Trần Văn An');
    const head = await open('Nguyễn Thu Hà', { role: 'head' });
    const a = await call(staff, 'activity.create', activity('Hội chợ Foodex'));
    const b = await call(staff, 'activity.create', activity('Roadshow du lịch'));
    await send(staff, head);
    await call(staff, 'activity.update', { id: a.id, values: activity('Hội chợ Foodex Japan 2025', { city: 'Chiba' }) });
    await call(staff, 'activity.delete', { id: b.id });
    const [second] = await send(staff, head);
    expect(second!.status).toBe('applied');
    expect(second!.batch!.sequence).toBe(2);
    expect(second!.batch!.changeCount).toBe(3);
    expect(second!.summary.activity).toMatchObject({ created: 0, updated: 2 });
    expect((await call(head, 'activity.get', { id: a.id })).city).toBe('Chiba');
    expect((await call(head, 'activity.list', {})).rows.map((r) => r.id)).toEqual([a.id]);
    expect(activitySnapshot(head)).toEqual(activitySnapshot(staff));
  });

  it('holds a batch that arrives before the previous one and applies both when the gap is filled', async () => {
    const staff = await open('Trần Văn An');
    const head = await open('Nguyễn Thu Hà', { role: 'head' });
    await call(staff, 'activity.create', activity('Một'));
    const first = await writeBatch(staff, head);
    await call(staff, 'activity.create', activity('Hai'));
    const second = await writeBatch(staff, head);
    await call(staff, 'activity.create', activity('Ba'));
    const third = await writeBatch(staff, head);

    const held = await receive(head, third);
    expect(held.map((r) => [r.status, r.error?.code, r.error?.params?.expected])).toEqual([['held', 'BATCH_OUT_OF_ORDER', 1]]);
    expect(head.db.prepare(`SELECT count(*) FROM activities`).pluck().get()).toBe(0);
    const reports = await receive(head, first);
    expect(reports.map((r) => [r.status, r.batch?.sequence])).toEqual([['applied', 1]]);
    const rest = await receive(head, second);
    expect(rest.map((r) => [r.status, r.batch?.sequence])).toEqual([
      ['applied', 2],
      ['applied', 3],
    ]);
    expect(activitySnapshot(head)).toEqual(activitySnapshot(staff));
  });

  it('refuses tampered, truncated and misaddressed files with precise codes and changes nothing', async () => {
    const staff = await open('Trần Văn An');
    const head = await open('Nguyễn Thu Hà', { role: 'head' });
    const other = await open('Lê Minh', { role: 'head' });
    await call(staff, 'activity.create', activity('Một'));
    await send(staff, head);
    await call(staff, 'activity.create', activity('Hai'));
    const file = await writeBatch(staff, head);
    const bytes = fs.readFileSync(file);
    const before = head.db.prepare(`SELECT count(*) FROM changes`).pluck().get();
    const codeOf = async (data: Uint8Array) =>
      (await call(head, 'exchange.import', { files: [{ name: 'x.cnb.age', dataBase64: Buffer.from(data).toString('base64') }] }))[0]!.error?.code;
    expect(await codeOf(bytes.subarray(0, bytes.length - 10))).toBe('BATCH_CORRUPT');
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 40]! ^= 0x01;
    expect(await codeOf(flipped)).toBe('BATCH_CORRUPT');
    const elsewhere = fs.readFileSync(await writeBatch(staff, other));
    expect(await codeOf(elsewhere)).toBe('BATCH_NOT_FOR_US');
    expect(head.db.prepare(`SELECT count(*) FROM changes`).pluck().get()).toBe(before);
    expect(await recipientOf(head)).toMatch(/^age1/);
  });

  it('refuses a batch from another device that reuses a trusted device id with another key', async () => {
    const staff = await open('Trần Văn An');
    const head = await open('Nguyễn Thu Hà', { role: 'head' });
    await call(staff, 'activity.create', activity('Một'));
    await send(staff, head);
    staff.db.prepare(`DELETE FROM device_keys`).run();
    await call(staff, 'activity.create', activity('Hai'));
    const [report] = await receive(head, await writeBatch(staff, head));
    expect(report!.error!.code).toBe('BATCH_KEY_MISMATCH');
    expect(head.db.prepare(`SELECT count(*) FROM activities`).pluck().get()).toBe(1);
  });

  it('works the same in an encrypted data folder, whose database holds the keys', async () => {
    const staff = await open('Trần Văn An');
    const head = await setUpMission(await openEncryptedContext(), 'head');
    open.track(head);
    const a = await call(staff, 'activity.create', activity('Hội chợ Foodex'));
    const [report] = await send(staff, head);
    expect(report!.status).toBe('applied');
    expect((await call(head, 'activity.get', { id: a.id })).title).toBe('Hội chợ Foodex');
    expect(head.db.prepare(`SELECT count(*) FROM device_keys`).pluck().get()).toBe(1);
    // The age identity and the signing key are only in the encrypted database (and its WAL).
    const identity = head.db.prepare(`SELECT age_identity FROM device_keys`).pluck().get() as string;
    for (const file of [head.databasePath, `${head.databasePath}-wal`].filter((f) => fs.existsSync(f))) {
      expect(fs.readFileSync(file).includes(identity.slice(16, 40))).toBe(false);
    }
    const plain = staff.db.prepare(`SELECT age_identity FROM device_keys`).pluck().get() as string;
    const staffFiles = [staff.databasePath, `${staff.databasePath}-wal`].filter((f) => fs.existsSync(f));
    expect(staffFiles.some((f) => fs.readFileSync(f).includes(plain.slice(16, 40)))).toBe(true);
  });

  it('takes file paths from the command line only, never from the window', async () => {
    const browser = new AppContext({ dataDir: tempDir(), transport: 'browser', appVersion: '0.0.0-test' });
    open.track(browser);
    for (const input of [{ files: [{ path: '/etc/passwd' }] }, { folder: '/etc' }]) {
      const error = (await call(browser, 'exchange.import', input).catch((e: AppError) => e)) as AppError;
      expect(error.code).toBe('FORBIDDEN');
    }
    const error = (await call(browser, 'exchange.export', { recipients: [await recipientOf(browser)], out: '/tmp/x.age' }).catch(
      (e: AppError) => e,
    )) as AppError;
    expect(error.code).toBe('FORBIDDEN');
  });

  it('a mission computer refuses another mission’s batch; HQ takes it', async () => {
    const paris = await open('Lê Minh', { code: 'DSQ-FR' });
    const head = await open('Nguyễn Thu Hà', { role: 'head' });
    await call(paris, 'activity.create', activity('Hội chợ VivaTech'));
    const [report] = await send(paris, head);
    expect(report!.error).toMatchObject({ code: 'BATCH_OTHER_MISSION', params: { found: 'DSQ-FR', own: 'DSQ-JP' } });
    expect(head.db.prepare(`SELECT count(*) FROM missions`).pluck().get()).toBe(1);
    const hq = await open('Phạm Quốc Việt', { mode: 'hq' });
    expect((await send(paris, hq))[0]!.status).toBe('applied');
  });

  it('rejects a bad recipient', async () => {
    const staff = await open('Trần Văn An');
    const error = (await call(staff, 'exchange.export', { recipients: ['age1nope'] }).catch((e: AppError) => e)) as AppError;
    expect(error.code).toBe('EXCHANGE_BAD_RECIPIENT');
  });

  it('imports in slices: the event loop keeps turning, and a call made meanwhile waits and is kept', async () => {
    const staff = await open('Trần Văn An');
    const head = await open('Nguyễn Thu Hà', { role: 'head' });
    staff.activities.createMany(demoActivities({ count: 1500, seed: 7 }));
    const file = await writeBatch(staff, head);
    await trustBatchFile(head, fs.readFileSync(file));
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 1);
    const stages = new Set<string>();
    const importing = dispatch(head, 'exchange.import', { files: [{ path: file }] }, (e) => stages.add(e.stage));
    await new Promise((resolve) => setImmediate(resolve));
    const during = call(head, 'activity.create', activity('Ghi trong lúc nhập'));
    const [result, created] = await Promise.all([importing, during]);
    clearInterval(timer);
    expect(result.ok).toBe(true);
    expect(ticks).toBeGreaterThan(3);
    expect([...stages]).toEqual(expect.arrayContaining(['exchange.stage.decrypting', 'exchange.stage.planning', 'exchange.stage.applying']));
    expect((await call(head, 'activity.get', { id: created.id })).title).toBe('Ghi trong lúc nhập');
    expect((await call(head, 'activity.list', {})).total).toBe(1501);
  });
});
