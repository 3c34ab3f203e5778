import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppContext } from '../../electron/context';
import { deriveKey, keyInfoPath, newKey, readKeyInfo, writeKeyInfo } from '../../electron/db/key';
import { dispatch, toErrorPayload } from '../../electron/ipc/dispatch';
import { listBackups, writeBackup } from '../../electron/services/backup';
import { PENDING_REKEY_FILE } from '../../electron/services/pending-rekey';
import { AppError } from '../../shared/errors';
import { call, openContext, openEncryptedContext, setUpMission, tempDir, TEST_PASSPHRASE } from '../support/context';
import { latestSchemaVersion } from '../../electron/db/migrations';
import { filesContaining } from '../support/plaintext';
import { runCliCaptured } from '../support/cli';
import { rewindOneSchema } from '../support/schema';

const open: AppContext[] = [];
afterEach(() => open.splice(0).forEach((a) => a.close()));
function track(app: AppContext): AppContext {
  open.push(app);
  return app;
}
function reopen(dataDir: string): AppContext {
  return track(new AppContext({ dataDir, transport: 'cli', appVersion: '0.0.0-test' }));
}
async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const SECRET_TITLE = 'Đàm phán mật với Tập đoàn Sakura về nhà máy pin';
const SECRET_OUTCOME = 'Giá đề xuất 41,7 triệu USD, chưa công bố';

async function fillSecrets(app: AppContext): Promise<string> {
  await setUpMission(app);
  const a = await call(app, 'activity.create', { title: SECRET_TITLE, kind: 'investment-promotion', startDate: '2025-03-14', outcomes: SECRET_OUTCOME });
  return a.id;
}

describe('encryption at rest', () => {
  it('keeps no record text in the database file, the WAL or backups', async () => {
    const dir = tempDir();
    const app = track(await openEncryptedContext(dir));
    await fillSecrets(app);
    await call(app, 'backup.create', {});
    // The WAL holds the latest writes before a checkpoint: it must be searched while it is full.
    expect(fs.statSync(`${app.databasePath}-wal`).size).toBeGreaterThan(0);
    expect(filesContaining(dir, [SECRET_TITLE, SECRET_OUTCOME, 'Sakura', 'Nguyễn Thu Hà'])).toEqual([]);
    app.close();
    expect(filesContaining(dir, [SECRET_TITLE, SECRET_OUTCOME, 'Sakura'])).toEqual([]);
    // The check itself can fail: a plain folder does show the text.
    const plainDir = tempDir();
    const plain = track(openContext(plainDir));
    await fillSecrets(plain);
    expect(filesContaining(plainDir, ['Sakura']).length).toBeGreaterThan(0);
  });

  it('stores no secret in the key description, only salt and parameters', async () => {
    const dir = tempDir();
    const app = track(await openEncryptedContext(dir));
    const info = readKeyInfo(keyInfoPath(dir))!;
    expect(info).toMatchObject({ version: 1, kdf: 'scrypt', cipher: 'sqlcipher', r: 8, p: 1 });
    expect(info.N).toBeGreaterThanOrEqual(2 ** 15);
    expect(Buffer.from(info.salt, 'base64')).toHaveLength(16);
    const raw = fs.readFileSync(keyInfoPath(dir), 'utf8');
    expect(raw).not.toContain(app.key!);
    expect(raw).not.toContain(TEST_PASSPHRASE);
  });

  it('cannot be opened without the key or with a wrong one', async () => {
    const dir = tempDir();
    const app = track(await openEncryptedContext(dir));
    await fillSecrets(app);
    const file = app.databasePath;
    app.close();
    const bare = new Database(file);
    expect(() => bare.prepare('SELECT count(*) FROM activities').get()).toThrow(/not a database/);
    bare.close();
    const wrong = new Database(file);
    wrong.pragma(`cipher = 'sqlcipher'`);
    wrong.pragma(`key = "x'${'ab'.repeat(32)}'"`);
    expect(() => wrong.prepare('SELECT count(*) FROM activities').get()).toThrow(/not a database/);
    wrong.close();
    // And the context refuses to start unlocked with a wrong raw key.
    const bad = track(new AppContext({ dataDir: dir, transport: 'cli', appVersion: 't', key: 'cd'.repeat(32) }));
    expect(bad.locked).toBe(true);
    expect(bad.problem?.code).toBe('DB_UNREADABLE');
  });
});

describe('lock and unlock', () => {
  it('starts locked, refuses every call but the allowed ones, and unlocks with the passphrase', async () => {
    const dir = tempDir();
    const first = track(await openEncryptedContext(dir));
    const id = await fillSecrets(first);
    first.close();

    const app = reopen(dir);
    expect(app.locked).toBe(true);
    const state = await call(app, 'app.state', {});
    expect(state).toMatchObject({ locked: true, encrypted: true, mission: null, user: null });
    for (const [channel, input] of [
      ['activity.list', {}],
      ['activity.get', { id }],
      ['search.query', { text: 'sakura' }],
      ['backup.create', {}],
      ['security.changePassphrase', { current: TEST_PASSPHRASE, next: 'something else entirely' }],
    ] as const) {
      const result = await dispatch(app, channel, input);
      expect(result.ok ? 'ok' : result.error.code, channel).toBe('LOCKED');
    }
    expect((await failure(call(app, 'security.unlock', { passphrase: 'Ha Noi mua thu 2025' }))).code).toBe('WRONG_PASSPHRASE');
    expect(app.locked).toBe(true);
    const status = await call(app, 'security.unlock', { passphrase: TEST_PASSPHRASE });
    expect(status).toMatchObject({ locked: false, encrypted: true, problem: null });
    expect((await call(app, 'activity.get', { id })).title).toBe(SECRET_TITLE);
    // The stores other modules use directly work after unlock.
    expect(app.activities.get(id).outcomes).toBe(SECRET_OUTCOME);

    await call(app, 'security.lock', {});
    expect((await dispatch(app, 'activity.list', {})).ok).toBe(false);
    expect(app.key).toBeNull();
    await call(app, 'security.unlock', { passphrase: TEST_PASSPHRASE });
    expect((await call(app, 'activity.list', {})).total).toBe(1);
  });

  it('says the data is upgraded for this version when an unlock migrates it (before its backup), and nothing when it is up to date', async () => {
    const dir = tempDir();
    const first = track(await openEncryptedContext(dir));
    const id = await fillSecrets(first);
    const key = first.key!;
    first.close();
    rewindOneSchema(first.databasePath, key);
    const unlockSaying = async (app: AppContext) => {
      const said: { stage: string; backups: number }[] = [];
      const unlocked = await dispatch(app, 'security.unlock', { passphrase: TEST_PASSPHRASE }, ({ stage }) =>
        said.push({ stage, backups: listBackups(dir).length }),
      );
      expect(unlocked.ok).toBe(true);
      return said;
    };
    const app = reopen(dir);
    const backupsBefore = listBackups(dir).length;
    expect(await unlockSaying(app)).toEqual([{ stage: 'security.lock.upgrading', backups: backupsBefore }]);
    expect(listBackups(dir).map((b) => b.reason)).toContain(`before-migration-${latestSchemaVersion() - 1}`);
    expect((await call(app, 'activity.list', { filter: { text: 'Sakura' } })).rows.map((r) => r.id)).toEqual([id]);
    await call(app, 'security.lock', {});
    expect(await unlockSaying(app)).toEqual([]);
  });

  it('makes each try wait longer after five wrong passphrases', async () => {
    const dir = tempDir();
    track(await openEncryptedContext(dir)).close();
    const app = reopen(dir);
    const codes = [];
    for (let i = 0; i < 6; i++) codes.push((await failure(call(app, 'security.unlock', { passphrase: `sai mật khẩu ${i}` }))).code);
    expect(codes).toEqual(['WRONG_PASSPHRASE', 'WRONG_PASSPHRASE', 'WRONG_PASSPHRASE', 'WRONG_PASSPHRASE', 'WRONG_PASSPHRASE', 'TOO_MANY_ATTEMPTS']);
    // Even the right one waits: guessing gets no faster.
    const waiting = await failure(call(app, 'security.unlock', { passphrase: TEST_PASSPHRASE }));
    expect(waiting.code).toBe('TOO_MANY_ATTEMPTS');
    expect(waiting.params?.seconds).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await call(app, 'security.unlock', { passphrase: TEST_PASSPHRASE });
    expect(app.locked).toBe(false);
  });

  it('accepts the same Vietnamese passphrase however its marks were composed', async () => {
    const dir = tempDir();
    track(await openEncryptedContext(dir, 'Trường Sa Hoàng Sa')).close();
    const app = reopen(dir);
    await call(app, 'security.unlock', { passphrase: 'Trường Sa Hoàng Sa'.normalize('NFD') });
    expect(app.locked).toBe(false);
  });

  it('refuses a short passphrase with a field code', async () => {
    const app = track(openContext());
    const error = await failure(call(app, 'security.enable', { passphrase: 'ngắn' }));
    expect(error.code).toBe('WEAK_PASSPHRASE');
    expect(error.fields).toEqual([{ path: 'passphrase', code: 'passphrase_too_short' }]);
    expect(app.encrypted).toBe(false);
  });

  it('a plain folder is not locked, cannot be locked, and can be encrypted later with its backups', async () => {
    const dir = tempDir();
    const app = track(openContext(dir));
    const id = await fillSecrets(app);
    await call(app, 'backup.create', {});
    expect((await call(app, 'security.status', {})).encrypted).toBe(false);
    expect((await failure(call(app, 'security.lock', {}))).code).toBe('NOT_ENCRYPTED');
    expect(filesContaining(dir, ['Sakura']).length).toBeGreaterThan(0);

    await call(app, 'security.enable', { passphrase: TEST_PASSPHRASE });
    expect(filesContaining(dir, ['Sakura', SECRET_OUTCOME])).toEqual([]);
    expect(listBackups(dir).every((b) => b.encrypted)).toBe(true);
    expect((await call(app, 'activity.get', { id })).title).toBe(SECRET_TITLE);
    app.close();
    const again = reopen(dir);
    expect(again.locked).toBe(true);
    await call(again, 'security.unlock', { passphrase: TEST_PASSPHRASE });
    expect(again.activities.get(id).title).toBe(SECRET_TITLE);
  });

  it('leaves a folder plain and usable when encrypting it fails (the file is in use)', { timeout: 20_000 }, async () => {
    const dir = tempDir();
    const app = track(openContext(dir));
    const id = await fillSecrets(app);
    const other = new Database(app.databasePath);
    other.prepare('BEGIN').run();
    other.prepare('SELECT count(*) FROM activities').get();
    try {
      expect((await failure(call(app, 'security.enable', { passphrase: TEST_PASSPHRASE }))).code).toBe('DB_LOCKED');
    } finally {
      other.prepare('ROLLBACK').run();
      other.close();
    }
    expect(app.encrypted).toBe(false);
    expect(app.locked).toBe(false);
    expect((await call(app, 'activity.get', { id })).title).toBe(SECRET_TITLE);
    await call(app, 'security.enable', { passphrase: TEST_PASSPHRASE });
    expect(filesContaining(dir, ['Sakura'])).toEqual([]);
  });

  it('keeps the idle time setting', async () => {
    const app = track(await openEncryptedContext());
    expect((await call(app, 'security.status', {})).idleMinutes).toBe(10);
    expect((await call(app, 'security.setIdleTimeout', { minutes: 3 })).idleMinutes).toBe(3);
    expect((await failure(call(app, 'security.setIdleTimeout', { minutes: -1 }))).code).toBe('VALIDATION');
  });
});

describe('changing the passphrase', () => {
  it('re-encrypts the database and its backups without losing data', async () => {
    const dir = tempDir();
    const app = track(await openEncryptedContext(dir));
    const id = await fillSecrets(app);
    // An older backup (another day: the retention policy keeps it beside the one taken before the change).
    writeBackup(app.db, dir, 'scheduled', readKeyInfo(keyInfoPath(dir)), new Date('2026-01-05T09:00:00Z'));
    const next = 'Một mật khẩu mới dài hơn';
    expect((await failure(call(app, 'security.changePassphrase', { current: 'not the one at all', next }))).code).toBe('WRONG_PASSPHRASE');
    await call(app, 'security.changePassphrase', { current: TEST_PASSPHRASE, next });
    expect((await call(app, 'activity.get', { id })).title).toBe(SECRET_TITLE);
    app.close();

    const again = reopen(dir);
    expect((await failure(call(again, 'security.unlock', { passphrase: TEST_PASSPHRASE }))).code).toBe('WRONG_PASSPHRASE');
    await call(again, 'security.unlock', { passphrase: next });
    expect(again.activities.get(id).title).toBe(SECRET_TITLE);
    // Every backup (including the one taken before the change) opens with the new key.
    const info = readKeyInfo(keyInfoPath(dir))!;
    const backups = listBackups(dir);
    expect(backups.length).toBeGreaterThanOrEqual(2);
    for (const b of backups) expect(readKeyInfo(path.join(dir, 'backups', `${b.file}.keyinfo.json`))!.salt).toBe(info.salt);
    expect(filesContaining(dir, ['Sakura'])).toEqual([]);
  });

  it('keeps the old passphrase when the change fails (the file is in use)', { timeout: 20_000 }, async () => {
    const dir = tempDir();
    const app = track(await openEncryptedContext(dir));
    const id = await fillSecrets(app);
    const other = new Database(app.databasePath);
    other.pragma(`cipher = 'sqlcipher'`);
    other.pragma(`key = "x'${app.key}'"`);
    other.prepare('BEGIN').run();
    other.prepare('SELECT count(*) FROM activities').get();
    try {
      expect((await failure(call(app, 'security.changePassphrase', { current: TEST_PASSPHRASE, next: 'mật khẩu mới không dùng được' }))).code).toBe(
        'DB_LOCKED',
      );
    } finally {
      other.prepare('ROLLBACK').run();
      other.close();
    }
    expect((await call(app, 'activity.get', { id })).title).toBe(SECRET_TITLE);
    expect(readKeyInfo(keyInfoPath(dir))!.previous).toBeUndefined();
    app.close();
    const again = reopen(dir);
    await call(again, 'security.unlock', { passphrase: TEST_PASSPHRASE });
    expect(again.locked).toBe(false);
  });

  it('recovers from a change interrupted before the database was re-encrypted', async () => {
    const dir = tempDir();
    const app = track(await openEncryptedContext(dir));
    const id = await fillSecrets(app);
    app.close();
    // The first step of a change (new description, old one kept) and then a crash.
    const old = readKeyInfo(keyInfoPath(dir))!;
    const fresh = await newKey('mật khẩu mới chưa kịp dùng');
    writeKeyInfo(keyInfoPath(dir), { ...fresh.info, previous: old });

    const again = reopen(dir);
    expect((await failure(call(again, 'security.unlock', { passphrase: 'mật khẩu mới chưa kịp dùng' }))).code).toBe('PASSPHRASE_CHANGE_INTERRUPTED');
    await call(again, 'security.unlock', { passphrase: TEST_PASSPHRASE });
    expect(again.activities.get(id).title).toBe(SECRET_TITLE);
    expect(readKeyInfo(keyInfoPath(dir))).toEqual(old);
  });

  it('finishes an "encrypt now" interrupted after the key description was written', async () => {
    const dir = tempDir();
    const app = track(openContext(dir));
    const id = await fillSecrets(app);
    app.close();
    const derived = await newKey(TEST_PASSPHRASE);
    writeKeyInfo(keyInfoPath(dir), derived.info);

    const again = reopen(dir);
    expect(again.locked).toBe(true);
    await call(again, 'security.unlock', { passphrase: TEST_PASSPHRASE });
    expect(again.activities.get(id).title).toBe(SECRET_TITLE);
    again.close();
    expect(filesContaining(dir, ['Sakura'])).toEqual([]);
    expect(await deriveKey(TEST_PASSPHRASE, readKeyInfo(keyInfoPath(dir))!)).not.toBeNull();
  });
});

describe('re-encrypting the backups', () => {
  /** Holds a read transaction on a backup, as another program reading it would: it cannot be re-encrypted meanwhile. */
  function holdBackup(dir: string, name: string, key?: string): () => void {
    const other = new Database(path.join(dir, 'backups', name));
    if (key) {
      other.pragma(`cipher = 'sqlcipher'`);
      other.pragma(`key = "x'${key}'"`);
    }
    other.prepare('BEGIN').run();
    other.prepare('SELECT count(*) FROM sqlite_master').get();
    return () => {
      other.prepare('ROLLBACK').run();
      other.close();
    };
  }
  const cli = (args: string[]) => runCliCaptured(args, { CAU_NOI_PASSPHRASE: TEST_PASSPHRASE });

  it('`encrypt` fails (non-zero exit) while a plain backup is left, and the next unlock finishes it', async () => {
    const dir = tempDir();
    const app = openContext(dir);
    await fillSecrets(app);
    // Two plain backups of other days (kept side by side by the retention policy).
    const first = writeBackup(app.db, dir, 'scheduled', null, new Date('2026-01-05T09:00:00Z'));
    writeBackup(app.db, dir, 'scheduled', null, new Date('2026-01-06T09:00:00Z'));
    app.close();
    const release = holdBackup(dir, first.file);
    let result;
    try {
      result = await cli(['--data-dir', dir, 'encrypt']);
    } finally {
      release();
    }
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/BACKUP_REKEY_INCOMPLETE/);
    expect(result.stdout).not.toMatch(/Encrypted/);
    expect(
      listBackups(dir)
        .filter((b) => !b.encrypted)
        .map((b) => b.file),
    ).toEqual([first.file]);
    expect(filesContaining(dir, ['Sakura']).length).toBeGreaterThan(0);
    expect(fs.existsSync(path.join(dir, PENDING_REKEY_FILE))).toBe(true);

    // Any later command unlocks the folder, and the unlock finishes the work.
    expect((await cli(['--data-dir', dir, 'backup', '--list'])).code).toBe(0);
    expect(listBackups(dir).every((b) => b.encrypted)).toBe(true);
    expect(filesContaining(dir, ['Sakura'])).toEqual([]);
    expect(fs.existsSync(path.join(dir, PENDING_REKEY_FILE))).toBe(false);
  });

  it('a passphrase change that could not re-encrypt a backup is finished at the next unlock with the new passphrase', async () => {
    const dir = tempDir();
    const app = track(await openEncryptedContext(dir));
    await fillSecrets(app);
    // Of another day, so the backup taken before the change does not replace it.
    const backup = writeBackup(app.db, dir, 'scheduled', readKeyInfo(keyInfoPath(dir)), new Date('2026-01-05T09:00:00Z'));
    const oldSalt = readKeyInfo(keyInfoPath(dir))!.salt;
    const next = 'Một mật khẩu mới dài hơn';
    const release = holdBackup(dir, backup.file, app.key!);
    try {
      expect((await failure(call(app, 'security.changePassphrase', { current: TEST_PASSPHRASE, next }))).code).toBe('BACKUP_REKEY_INCOMPLETE');
    } finally {
      release();
    }
    const sidecar = path.join(dir, 'backups', `${backup.file}.keyinfo.json`);
    expect(readKeyInfo(sidecar)!.salt).toBe(oldSalt);
    // The record never holds the old key in the clear.
    expect(fs.readFileSync(path.join(dir, PENDING_REKEY_FILE), 'utf8')).not.toContain(app.key!.slice(0, 16));
    app.close();

    const again = reopen(dir);
    await call(again, 'security.unlock', { passphrase: next });
    const salt = readKeyInfo(keyInfoPath(dir))!.salt;
    expect(listBackups(dir).map((b) => readKeyInfo(path.join(dir, 'backups', `${b.file}.keyinfo.json`))!.salt)).toEqual(listBackups(dir).map(() => salt));
    expect(fs.existsSync(path.join(dir, PENDING_REKEY_FILE))).toBe(false);
  });
});

describe('logs', () => {
  it('never carry the text of an unexpected error (it can quote a record)', () => {
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ')));
    try {
      let parseError: unknown;
      try {
        JSON.parse(`{"title": "${SECRET_TITLE}", oops}`);
      } catch (error) {
        parseError = error;
      }
      for (const error of [new TypeError(`Cannot read ${SECRET_OUTCOME}`), parseError]) {
        const payload = toErrorPayload(error, 'activity.create');
        expect(payload.code).toBe('INTERNAL');
      }
    } finally {
      spy.mockRestore();
    }
    expect(lines).toHaveLength(2);
    expect(lines.join('\n')).toContain('activity.create');
    for (const secret of ['Sakura', '41,7 triệu']) expect(lines.join('\n')).not.toContain(secret);
  });
});
