/**
 * The data thread (electron/data-host): the window's process forwards calls and answers the
 * thread's requests for the shell's services (safeStorage, the updater); a thread that dies
 * fails its calls with a code and is started again over the same folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/context';
import { DataHost, type Shell } from '../../electron/data-host/client';
import { deriveKey, keyInfoPath, readKeyInfo } from '../../electron/db/key';
import { latestSchemaVersion } from '../../electron/db/migrations';
import { listBackups } from '../../electron/services/backup';
import { KEPT_KEY_FILE, type KeySealer } from '../../electron/services/security';
import type { UpdateShell } from '../../electron/services/updates';
import type { ProgressEvent } from '../../shared/contract';
import type { ErrorPayload, Result } from '../../shared/errors';
import { missionSetup, tempDir, TEST_PASSPHRASE } from '../support/context';
import { rewindOneSchema } from '../support/schema';

const MISSION = missionSetup('head');
const SEAL_MARK = 'sealed-by-test:';

/** Stands in for safeStorage: reversible, and recognisable in the file it leaves. */
const testSealer = (available = true): KeySealer => ({
  available,
  seal: async (text) => Buffer.from(SEAL_MARK + [...text].reverse().join('')),
  unseal: async (sealed) => [...Buffer.from(sealed).toString().slice(SEAL_MARK.length)].reverse().join(''),
});

const open: DataHost[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((host) => host.close()));
});

function start(dataDir: string, shell: Shell = {}): DataHost {
  const host = new DataHost({ options: { dataDir, transport: 'browser', appVersion: '0.0.0-test', readers: 0 }, background: false }, shell);
  open.push(host);
  return host;
}

async function value<T>(pending: Promise<Result<unknown>>): Promise<T> {
  const result = await pending;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

async function failure(pending: Promise<Result<unknown>>): Promise<ErrorPayload> {
  const result = await pending;
  if (result.ok) throw new Error('expected a failure');
  return result.error;
}

/** Turns of this thread's event loop until `ready` holds (each turn takes the thread's messages in). */
async function until(ready: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`never: ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const fakeUpdate = (overrides: Partial<UpdateShell>): UpdateShell => ({
  allowTestKeys: true,
  check: async () => ({ available: false, version: '0.0.0', notes: '', releaseDate: null, size: null }),
  download: async () => '0.0.0',
  restartToInstall: () => {},
  choosePackage: async () => null,
  openInstaller: async () => {},
  ...overrides,
});

describe('data thread', () => {
  it('answers calls and forwards the progress of a shell service that reports it', async () => {
    const host = start(tempDir(), { update: fakeUpdate({ download: async (onProgress) => (onProgress(1, 4), onProgress(4, 4), '2.1.0') }) });
    expect(await value(host.call('app.setup', MISSION))).toMatchObject({ setUp: true, mode: 'mission' });
    const events: ProgressEvent[] = [];
    expect(await value(host.call('update.download', {}, (event) => events.push(event)))).toEqual({ version: '2.1.0' });
    expect(events.map((e) => [e.channel, e.stage, e.done, e.total])).toEqual([
      ['update.download', 'update.downloading', 1, 4],
      ['update.download', 'update.downloading', 4, 4],
    ]);
    expect((await failure(host.call('no.such.channel', {}))).code).toBe('UNKNOWN_CHANNEL');
  });

  it('says what the shell refused, with a code', async () => {
    const host = start(tempDir(), { update: fakeUpdate({ check: async () => Promise.reject(new Error('offline')) }) });
    await value(host.call('app.setup', MISSION));
    await value(host.call('update.setServer', { url: 'https://updates.example.org/cau-noi' }));
    const error = await failure(host.call('update.check', {}));
    expect(error.code).toBe('SHELL_FAILED');
    expect(error.params?.reason).toBe('update.check: offline');
    // Without the desktop shell the service says so, as before.
    const browser = start(tempDir());
    await value(browser.call('app.setup', MISSION));
    expect((await failure(browser.call('update.check', {}))).code).toBe('UPDATE_DESKTOP_ONLY');
  });

  it('keeps the key sealed by the shell and opens with it at the next start', async () => {
    const dataDir = tempDir();
    const first = start(dataDir, { sealer: testSealer() });
    await value(first.call('app.setup', MISSION));
    await value(first.call('security.enable', { passphrase: TEST_PASSPHRASE }));
    expect(await value(first.call('security.rememberKey', { remember: true, passphrase: TEST_PASSPHRASE }))).toMatchObject({ keyRemembered: true });
    expect(fs.readFileSync(path.join(dataDir, KEPT_KEY_FILE), 'utf8').startsWith(SEAL_MARK)).toBe(true);
    await first.close();

    // The first answer of the next start is already unlocked: the thread waits for the kept key.
    const again = start(dataDir, { sealer: testSealer() });
    expect(await value(again.call('security.status', {}))).toMatchObject({ encrypted: true, locked: false, keyRemembered: true });
    await again.lock();
    expect(await value(again.call('security.status', {}))).toMatchObject({ locked: true });
    await again.close();

    // Where the OS cannot keep it (Linux without a keyring), the passphrase is asked for.
    const elsewhere = start(dataDir, { sealer: testSealer(false) });
    expect(await value(elsewhere.call('security.status', {}))).toMatchObject({ locked: true, canRememberKey: false });
  });

  it('fails the calls of a thread that dies, then opens the folder again in a new one', async () => {
    let asked!: () => void;
    const checking = new Promise<void>((resolve) => (asked = resolve));
    const host = start(tempDir(), { update: fakeUpdate({ check: () => (asked(), new Promise(() => {})) }) });
    await value(host.call('app.setup', MISSION));
    await value(host.call('update.setServer', { url: 'https://updates.example.org/cau-noi' }));
    const hanging = host.call('update.check', {});
    await checking;
    const dying = host.thread;
    await dying.terminate();
    expect((await failure(hanging)).code).toBe('DATA_THREAD_STOPPED');
    expect(host.thread).not.toBe(dying);
    expect(await value(host.call('app.state', {}))).toMatchObject({ setUp: true, user: { name: 'Nguyễn Thu Hà' } });
  });

  /** A folder with enough records that the backup before the upgrade takes a moment; `secure` encrypts it and has the shell keep its key. */
  async function folderOneSchemaBack(secure: boolean): Promise<string> {
    const dataDir = tempDir();
    const first = start(dataDir, { sealer: testSealer() });
    await value(first.call('app.setup', MISSION));
    if (secure) {
      await value(first.call('security.enable', { passphrase: TEST_PASSPHRASE }));
      await value(first.call('security.rememberKey', { remember: true, passphrase: TEST_PASSPHRASE }));
    }
    for (let i = 0; i < 600; i++) await value(first.call('activity.create', { title: `Hội chợ số ${i}`, kind: 'trade-promotion', startDate: '2025-05-20' }));
    await first.close();
    const info = readKeyInfo(keyInfoPath(dataDir));
    rewindOneSchema(path.join(dataDir, DATABASE_FILE), info ? (await deriveKey(TEST_PASSPHRASE, info))!.hex : null);
    return dataDir;
  }

  for (const secure of [false, true])
    it(`answers the window's first question with UPGRADING while the folder is upgraded at start, and opens it after (${secure ? 'a key kept by the shell' : 'a plain folder'})`, async () => {
      const dataDir = await folderOneSchemaBack(secure);
      const again = start(dataDir, { sealer: testSealer() });
      // Asked before the thread started: it waits for the upgrade, as every call does.
      const early = again.call('app.state', {});
      await until(() => again.upgrading, 'the thread says it is upgrading');
      expect((await failure(again.call('app.state', {}))).code).toBe('UPGRADING');
      expect(await value(early)).toMatchObject({ setUp: true, locked: false });
      expect(again.upgrading).toBe(false);
      expect(await value(again.call('app.state', {}))).toMatchObject({ setUp: true, locked: false });
      expect(listBackups(dataDir).map((b) => b.reason)).toContain(`before-migration-${latestSchemaVersion() - 1}`);
      expect((await value<{ total: number }>(again.call('activity.list', {}))).total).toBe(600);
    });
});
