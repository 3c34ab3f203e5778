/**
 * The passphrase: throttling kept in the data folder (restarts and the CLI included),
 * weak passphrases refused, the key description bounded and checked, older scrypt
 * parameters upgraded at unlock.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes, scryptSync } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../electron/cli/program';
import { AppContext } from '../../electron/context';
import { DEFAULT_KDF, keyInfoPath, readKeyInfo } from '../../electron/db/key';
import { ATTEMPTS_FILE } from '../../electron/services/attempts';
import { rekeyFile } from '../../electron/services/backup';
import { passphraseStrength } from '../../shared/passphrase-strength';
import { call, openContext, openEncryptedContext, setUpMission, tempDir, TEST_PASSPHRASE } from '../support/context';

const open: AppContext[] = [];
afterEach(() => {
  open.splice(0).forEach((a) => a.close());
  vi.useRealTimers();
});
function track<T extends AppContext>(app: T): T {
  open.push(app);
  return app;
}
const reopen = (dataDir: string) => track(new AppContext({ dataDir, transport: 'cli', appVersion: 't' }));

describe('wrong-passphrase throttling', () => {
  it('survives a restart and applies to the CLI', { timeout: 30_000 }, async () => {
    // A fixed clock: the wait is measured against it, never against the machine's speed.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-03-02T09:00:00Z') });
    const dir = tempDir();
    track(await openEncryptedContext(dir)).close();
    const first = reopen(dir);
    for (let i = 0; i < 5; i++)
      await expect(call(first, 'security.unlock', { passphrase: `sai mật khẩu ${i}` })).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    first.close();

    // A restart (a new host process would read the same folder).
    const second = reopen(dir);
    await expect(call(second, 'security.unlock', { passphrase: TEST_PASSPHRASE })).rejects.toMatchObject({ code: 'TOO_MANY_ATTEMPTS', params: { seconds: 1 } });
    second.close();

    // The CLI, a process per command, is refused the same way, even with the right passphrase.
    let stderr = '';
    const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
    process.env.CAU_NOI_PASSPHRASE = TEST_PASSPHRASE;
    try {
      expect(await runCli(['--data-dir', dir, 'activity', 'list'])).toBe(1);
    } finally {
      delete process.env.CAU_NOI_PASSPHRASE;
      err.mockRestore();
    }
    expect(stderr).toMatch(/TOO_MANY_ATTEMPTS/);

    // Each further failure doubles the wait, and the count stays on disk.
    vi.setSystemTime(new Date('2026-03-02T09:00:02Z'));
    const third = reopen(dir);
    await expect(call(third, 'security.unlock', { passphrase: 'vẫn sai mật khẩu' })).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    await expect(call(third, 'security.unlock', { passphrase: TEST_PASSPHRASE })).rejects.toMatchObject({ code: 'TOO_MANY_ATTEMPTS', params: { seconds: 2 } });
    expect(JSON.parse(fs.readFileSync(path.join(dir, ATTEMPTS_FILE), 'utf8')).failures).toBe(6);
    vi.setSystemTime(new Date('2026-03-02T09:00:05Z'));
    await call(third, 'security.unlock', { passphrase: TEST_PASSPHRASE });
    expect(third.locked).toBe(false);
    expect(fs.existsSync(path.join(dir, ATTEMPTS_FILE))).toBe(false);
  });
});

describe('passphrase strength', () => {
  it.each(['12345678', 'password1', 'matkhau123', 'mậtkhẩu123', 'anhyeuem2025', 'Hà Nội 2025'])('refuses %s', async (weak) => {
    const app = track(openContext());
    await expect(call(app, 'security.enable', { passphrase: weak })).rejects.toMatchObject({
      code: 'WEAK_PASSPHRASE',
      fields: [{ path: 'passphrase', code: 'passphrase_weak' }],
    });
    expect(app.encrypted).toBe(false);
  });

  it('refuses the mission’s own names, and accepts a sentence of several words', () => {
    expect(passphraseStrength('Osaka Consulate', ['Osaka', 'Consulate General of Viet Nam in Osaka']).acceptable).toBe(false);
    for (const good of [TEST_PASSPHRASE, 'Trường Sa Hoàng Sa', 'correct horse battery staple'])
      expect(passphraseStrength(good), good).toMatchObject({ acceptable: true });
    expect(passphraseStrength('ngắn')).toMatchObject({ acceptable: false, problem: 'passphrase_too_short' });
  });
});

describe('the key description', () => {
  async function encryptedFolder(): Promise<string> {
    const dir = tempDir();
    track(await openEncryptedContext(dir)).close();
    return dir;
  }
  const edit = (dir: string, change: (info: Record<string, unknown>) => void) => {
    const file = keyInfoPath(dir);
    const info = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    change(info);
    fs.writeFileSync(file, JSON.stringify(info));
  };

  it('is written with the current scrypt parameters (at least OWASP’s N=2^17, r=8, p=1)', async () => {
    const info = readKeyInfo(keyInfoPath(await encryptedFolder()))!;
    expect(info.N).toBeGreaterThanOrEqual(2 ** 17);
    expect([info.r, info.p]).toEqual([8, 1]);
  });

  it('refuses N=2^22 at once, as damaged, without deriving anything', async () => {
    const dir = await encryptedFolder();
    edit(dir, (info) => {
      info.N = 2 ** 22;
      delete info.sum;
    });
    const app = reopen(dir);
    const started = performance.now();
    await expect(call(app, 'security.unlock', { passphrase: TEST_PASSPHRASE })).rejects.toMatchObject({ code: 'KEYINFO_DAMAGED' });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it.each([
    ['an edited salt', (info: Record<string, unknown>) => void (info.salt = randomBytes(16).toString('base64'))],
    ['a torn file', null],
  ] as const)('with %s is KEYINFO_DAMAGED, not a wrong passphrase', async (_name, change) => {
    const dir = await encryptedFolder();
    if (change) edit(dir, change);
    else fs.writeFileSync(keyInfoPath(dir), fs.readFileSync(keyInfoPath(dir), 'utf8').slice(0, 60));
    const app = reopen(dir);
    await expect(call(app, 'security.unlock', { passphrase: TEST_PASSPHRASE })).rejects.toMatchObject({ code: 'KEYINFO_DAMAGED' });
    // Not counted as a guess.
    expect(fs.existsSync(path.join(dir, ATTEMPTS_FILE))).toBe(false);
  });

  it('made with N=2^16 (older versions) still opens, and is upgraded at that unlock with its backups', { timeout: 30_000 }, async () => {
    const dir = tempDir();
    const plain = await setUpMission(openContext(dir));
    const kept = await call(plain, 'activity.create', { title: 'Hội chợ Tokyo', kind: 'trade-promotion', startDate: '2025-05-20' });
    await call(plain, 'backup.create', {});
    plain.close();
    // What an older version wrote: scrypt N=2^16, no checksum.
    const params = { N: 2 ** 16, r: 8, p: 1, salt: randomBytes(16).toString('base64') };
    const bytes = scryptSync(Buffer.from(TEST_PASSPHRASE.normalize('NFC')), Buffer.from(params.salt, 'base64'), 64, { ...params, maxmem: 256 * 1024 * 1024 });
    const old = { version: 1, kdf: 'scrypt', cipher: 'sqlcipher', ...params, check: createHash('sha256').update(bytes.subarray(32)).digest('base64') };
    rekeyFile(path.join(dir, 'cau-noi.db'), null, bytes.subarray(0, 32).toString('hex'));
    fs.writeFileSync(keyInfoPath(dir), JSON.stringify(old));

    const app = reopen(dir);
    await call(app, 'security.unlock', { passphrase: TEST_PASSPHRASE });
    expect((await call(app, 'activity.get', { id: kept.id })).title).toBe('Hội chợ Tokyo');
    const upgraded = readKeyInfo(keyInfoPath(dir))!;
    expect([upgraded.N, upgraded.r, upgraded.p]).toEqual([DEFAULT_KDF.N, DEFAULT_KDF.r, DEFAULT_KDF.p]);
    expect(upgraded.salt).not.toBe(old.salt);
    app.close();
    const again = reopen(dir);
    await call(again, 'security.unlock', { passphrase: TEST_PASSPHRASE });
    expect((await call(again, 'backup.list', {})).every((b) => b.encrypted)).toBe(true);
  });
});
