/**
 * The read pool (electron/db/read-pool.ts): worker threads with read-only connections to the
 * database (encrypted or not) answer as the main connection does, are not held up by a long write,
 * survive a crashed worker and close with the lock.
 */
import { MessagePort, Worker } from 'node:worker_threads';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/context';
import { applyKey } from '../../electron/db/open';
import { DIRECT, ReadPool, SNAPSHOT_HOLD_MS, type DirectAnswer, type DirectCall } from '../../electron/db/read-pool';
import { reader, runRead, type ReadName } from '../../electron/services/reads';
import { exclusively } from '../../electron/services/slices';
import type { ChannelInput } from '../../shared/contract';
import { EMPTY_ACTIVITY } from '../../shared/domain/activity';
import { AppError } from '../../shared/errors';
import { call, openContext, openEncryptedContext, setUpMission, TEST_PASSPHRASE, tempDir } from '../support/context';

let app: AppContext | undefined;
afterEach(() => app?.close());

/** Plain unless asked (the key costs a second): the lock's test covers the workers' key. */
async function fixture(encrypted = false): Promise<AppContext> {
  app = await setUpMission(encrypted ? await openEncryptedContext(tempDir(), TEST_PASSPHRASE, 2) : openContext(tempDir(), 2));
  const partner = await call(app, 'organisation.create', { name: 'JETRO Đà Nẵng', kind: 'investment-agency', country: 'JP' });
  const activity = (values: Partial<ChannelInput<'activity.create'>> & { title: string; startDate: string }) =>
    call(app!, 'activity.create', { kind: 'trade-promotion', ...values });
  await activity({
    title: 'Xúc tiến đầu tư vào Đà Nẵng',
    startDate: '2025-03-10',
    kind: 'investment-promotion',
    provinces: ['da-nang'],
    dealValueUsd: 1_500_000,
    organisationIds: [partner.id],
  });
  await activity({ title: 'Hội chợ thương mại Osaka', startDate: '2025-05-02', sectors: ['energy'], businessesSupported: 12 });
  await activity({ title: 'Đoàn du lịch Huế', startDate: '2024-04-20', kind: 'tourism-promotion', provinces: ['hue'] });
  await activity({ title: 'Xúc tiến thương mại nông sản', startDate: '2025-06-30', status: 'planned' });
  await call(app, 'agreement.create', {
    title: 'Biên bản ghi nhớ với Đà Nẵng',
    kind: 'mou',
    signedDate: '2025-04-01',
    provinceId: 'da-nang',
    foreignOrgId: partner.id,
    valueUsd: 200_000,
  });
  return app;
}

/** Every read of the pool, with inputs that reach each query path. */
function reads(missionId: string): [ReadName, unknown][] {
  return [
    ['activity.count', { filter: {} }],
    ['activity.count', { filter: { period: '2025S1' } }],
    ['activity.count', { filter: { text: 'xuc tien', province: 'da-nang' } }],
    ['activity.count', { filter: { period: '2025' }, upTo: 2 }],
    ['figures.compute', { period: '2025S1', missionId, asOf: '2025-06-15' }],
    ['figures.compute', { period: '2025S1', missionId: null, asOf: '2025-06-15' }],
    ['search.query', { text: 'da nang', limit: 20 }],
    ['hq.figures', { period: '2025S1', ownMissionId: null }],
    ['organisation.list', { filter: { text: 'da nang' }, offset: 0, limit: 200 }],
    ['contact.list', { filter: {}, offset: 0, limit: 200 }],
    ['agreement.list', { filter: { period: '2025S1' }, offset: 0, limit: 200 }],
  ];
}

/** Search reports its own duration and the figures their time of computing; everything else must match exactly. */
const comparable = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'tookMs' || key === 'computedAt' ? 0 : v)));

function withTimeout<T>(promise: Promise<T>, what: string, ms = 10_000): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms))]);
}

describe('the read pool', () => {
  it('answers as the main connection does, through the channels too', async () => {
    const app = await fixture();
    expect(app.readers?.size).toBe(2);
    const inline = reader(app.db);
    for (const [name, input] of reads(app.requireMissionId())) {
      const expected = comparable(runRead(inline, name, input as never));
      expect(comparable(await app.readers!.run(name, input as never)), name).toEqual(expected);
    }
    expect((await call(app, 'activity.count', { filter: { text: 'osaka' } })).total).toBe(1);
    expect((await call(app, 'search.query', { text: 'da nang', limit: 20 })).hits.map((h) => h.title).sort()).toEqual(
      ['Biên bản ghi nhớ với Đà Nẵng', 'JETRO Đà Nẵng', 'Xúc tiến đầu tư vào Đà Nẵng'].sort(),
    );
    const figures = await call(app, 'figures.compute', { period: '2025S1', missionId: app.requireMissionId(), asOf: '2025-06-15' });
    expect(figures.key.dealValueUsd.value).toBe(1_500_000);
    // An error inside a worker arrives with its code.
    const bad = await call(app, 'activity.count', { filter: { period: '2025S3' } }).catch((e: AppError) => e);
    expect((bad as AppError).code).toBe('VALIDATION');
  });

  it('sees a write as soon as it is committed, and answers while a long write is still open', async () => {
    const app = await fixture();
    const total = async () => (await call(app, 'activity.count', { filter: {} })).total;
    // The caller's own write, committed: the next read sees it.
    await call(app, 'activity.create', { title: 'Hội thảo mới', kind: 'trade-promotion', startDate: '2025-02-02' });
    expect(await total()).toBe(5);
    const titles = async () => (await call(app, 'activity.list', { filter: {}, limit: 200, withTotal: false })).rows.map((a) => a.title);
    let during: number | null = null;
    let pageDuring: string[] = [];
    let partnersDuring: string[] = [];
    let openWhenAnswered = false;
    // A long write in slices (as an import): it keeps other calls out of its transaction, not the pool's reads.
    await exclusively(app, () =>
      app.writer.writeInSlices(async () => {
        app.activities.createMany(
          Array.from({ length: 50 }, (_, i) => ({
            ...EMPTY_ACTIVITY,
            title: `Hoạt động nhập ${i}`,
            kind: 'trade-promotion' as const,
            startDate: '2025-03-01',
          })),
        );
        during = await withTimeout(total(), 'a read during the write');
        // The list's page too: from the pool, without the rows of the open transaction.
        pageDuring = await withTimeout(titles(), 'a page during the write');
        // And the partners' list (at HQ's size a text search takes a few hundred ms: not on the writer),
        // without the partner this write has added and not committed.
        app.organisations.create({ name: 'Đối tác thêm khi nhập', kind: 'company', country: 'JP', sectors: [], website: '', address: '', notes: '' });
        partnersDuring = (await withTimeout(call(app, 'organisation.list', {}), 'the partners during the write')).rows.map((o) => o.name);
        openWhenAnswered = app.db.inTransaction;
      }),
    );
    expect(openWhenAnswered).toBe(true);
    // The open transaction is not seen (all or nothing), its commit is.
    expect(during).toBe(5);
    expect(pageDuring).toHaveLength(5);
    expect(pageDuring).toContain('Hội thảo mới');
    expect(partnersDuring).toEqual(['JETRO Đà Nẵng']);
    expect((await call(app, 'organisation.list', {})).rows).toHaveLength(2);
    expect(await total()).toBe(55);
    expect(await titles()).toHaveLength(55);
  });

  it('keeps a snapshot while an import commits batch after batch, never hiding a write of another call', async () => {
    const app = await fixture();
    const pool = app.readers!;
    const total = async () => (await pool.run('activity.count', { filter: {} })).total;
    // A batch of the import, committed on the writer without a call of its own.
    const batch = (title: string) => app.activities.create({ ...EMPTY_ACTIVITY, title, kind: 'trade-promotion', startDate: '2025-03-01' });
    const release = pool.snapshots();
    expect(await total()).toBe(4);
    batch('Lô thứ nhất');
    expect(await total()).toBe(4);
    // The person saves an activity meanwhile: the next read shows it, and the batch before it.
    await call(app, 'activity.create', { title: 'Ghi trong lúc nhập', kind: 'trade-promotion', startDate: '2025-02-02' });
    expect(await total()).toBe(6);
    batch('Lô thứ hai');
    expect(await total()).toBe(6);
    // No snapshot is kept longer than SNAPSHOT_HOLD_MS.
    await new Promise((resolve) => setTimeout(resolve, SNAPSHOT_HOLD_MS + 200));
    expect(await total()).toBe(7);
    batch('Lô thứ ba');
    // The import ends: idle readers leave their snapshot at once, so the WAL can be reset behind them.
    release();
    const [checkpoint] = app.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number }[];
    expect(checkpoint).toEqual(expect.objectContaining({ busy: 0, log: 0 }));
    expect(await total()).toBe(8);
  });

  it("answers the window's process directly while an import runs, though the thread that owns the pool is busy", async () => {
    const app = await fixture();
    const routes = new Int32Array(new SharedArrayBuffer(4));
    const ports: MessagePort[] = [];
    const pool = new ReadPool({ path: app.databasePath, key: null }, 2, { routes, offer: (port) => ports.push(port) });
    try {
      expect(ports).toHaveLength(2);
      const ask = (port: MessagePort, call: DirectCall) =>
        new Promise<DirectAnswer>((resolve) => {
          port.once('message', resolve);
          port.postMessage(call);
        });
      // No import: the data thread answers, as for any call.
      expect(await ask(ports[0]!, { id: 1, channel: 'activity.count', input: { filter: {} } })).toEqual({ id: 1, redirect: true });
      const release = pool.snapshots();
      expect(routes[DIRECT]).toBe(1);
      // The window's process, in a thread of its own, asks while this thread (the data thread in the app) is blocked.
      const done = new Int32Array(new SharedArrayBuffer(4));
      const calls: DirectCall[] = [
        { id: 1, channel: 'activity.count', input: { filter: { period: '2025S1' } } },
        { id: 2, channel: 'activity.list', input: { filter: {}, limit: 2 } },
        { id: 3, channel: 'activity.count', input: { filter: { period: '2025S3' } } },
      ];
      const window = new Worker(
        `const { workerData: { port, done, calls }, parentPort } = require('node:worker_threads');
         const answers = [];
         port.on('message', (answer) => {
           answers.push(answer);
           if (answers.length < calls.length) return;
           parentPort.postMessage(answers);
           Atomics.store(done, 0, 1);
           Atomics.notify(done, 0);
           port.close();
         });
         for (const call of calls) port.postMessage(call);`,
        { eval: true, workerData: { port: ports[1], done, calls }, transferList: [ports[1]!] },
      );
      const answered = new Promise<DirectAnswer[]>((resolve) => window.once('message', resolve));
      expect(Atomics.wait(done, 0, 0, 10_000)).toBe('ok');
      const [count, page, refused] = await answered;
      expect(count).toEqual({ id: 1, result: { ok: true, value: { total: 3, exact: true } } });
      expect(page).toMatchObject({ id: 2, result: { ok: true, value: { total: 4 } } });
      expect(refused).toMatchObject({ id: 3, result: { ok: false, error: { code: 'VALIDATION' } } });
      await window.terminate();
      release();
      expect(routes[DIRECT]).toBe(0);
      // A reader that stops closes its port: the window's process then asks the data thread.
      const closed = new Promise((resolve) => ports[0]!.once('close', resolve));
      void pool.workers[0]!.terminate();
      await withTimeout(closed, "the stopped reader's port closing");
    } finally {
      pool.close();
    }
  });

  it('replaces a crashed worker: the call is sent again once, then fails with READER_FAILED', async () => {
    const app = await fixture();
    const pool = app.readers!;
    const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
    // Stopped before the call is posted to it (a stopping worker runs no more messages): the call
    // goes to it (both workers are idle, the first is chosen) and is never answered there.
    const first = pool.workers[0]!;
    void first.terminate();
    const answer = pool.run('activity.count', { filter: {} });
    expect(await withTimeout(answer, 'the call sent again')).toEqual({ total: 4, exact: true });
    expect(pool.size).toBe(2);
    expect(pool.workers).not.toContain(first);

    const crashed = pool.workers[0]!;
    void crashed.terminate();
    const failing = pool.run('activity.count', { filter: {} });
    // Its replacement is stopped as well before it has even started: the call was already sent again once.
    while (pool.workers[0] === crashed) await nextTurn();
    void pool.workers[0]!.terminate();
    const error = await failing.catch((e: AppError) => e);
    expect((error as AppError).code).toBe('READER_FAILED');
    // The pool goes on with fresh workers.
    while (pool.size < 2) await nextTurn();
    expect(await withTimeout(pool.run('activity.count', { filter: { period: '2025S1' } }), 'a call after the crashes')).toEqual({ total: 3, exact: true });
  });

  it('closes with the lock (no connection left on the file) and opens again with the unlock, a passphrase change and a restore', async () => {
    const app = await fixture(true);
    const workers = app.readers!.workers;
    const exited = workers.map((w) => new Promise((resolve) => w.once('exit', resolve)));
    const pending = app
      .readers!.run('figures.compute', { period: '2025S1', missionId: null, asOf: '2025-06-15' })
      .then(() => 'answered')
      .catch((e: AppError) => e.code);
    const key = app.key!;
    await call(app, 'security.lock', {});
    expect(app.readers).toBeNull();
    await withTimeout(Promise.all(exited), 'the workers stopping');
    // A call asked before the lock was answered or refused as locked, never left waiting.
    expect(['answered', 'LOCKED']).toContain(await pending);
    // Nothing holds the file: leaving WAL mode needs every other connection gone (as a rekey does).
    const alone = new Database(app.databasePath);
    applyKey(alone, key);
    expect(alone.pragma('journal_mode = DELETE', { simple: true })).toBe('delete');
    alone.pragma('journal_mode = WAL');
    alone.close();
    await call(app, 'security.unlock', { passphrase: TEST_PASSPHRASE });
    expect(app.readers?.size).toBe(2);
    expect((await call(app, 'activity.count', { filter: {} })).total).toBe(4);
    // A passphrase change rekeys the closed file and a restore swaps it: both reopen the pool, with the key of the moment.
    const first = app.readers;
    await call(app, 'security.changePassphrase', { current: TEST_PASSPHRASE, next: 'Sông Hồng chảy về biển Đông 2026' });
    expect(app.readers).not.toBe(first);
    await call(app, 'activity.create', { title: 'Sau khi đổi mật khẩu', kind: 'trade-promotion', startDate: '2025-02-02' });
    expect((await call(app, 'activity.count', { filter: {} })).total).toBe(5);
    const before = (await call(app, 'backup.list', {})).find((b) => b.reason === 'before-passphrase-change')!;
    await call(app, 'backup.restore', { file: before.file, passphrase: TEST_PASSPHRASE });
    expect((await call(app, 'activity.count', { filter: {} })).total).toBe(4);
  });
});
