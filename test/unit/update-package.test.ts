/**
 * Offline update packages: a good package is verified and unpacked; every kind of bad one is
 * refused with its code before an installer byte is trusted. Runs without Electron.
 */
import fs from 'node:fs';
import path from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  buildUpdatePackage,
  compareVersions,
  extractInstaller,
  INSTALLER_MAX_BYTES,
  packageHeader,
  releaseKeys,
  runningPlatform,
  updateManifestSchema,
  verifyUpdatePackage,
  type UpdateManifest,
  type VerifyOptions,
} from '../../electron/services/update-package';
import { installPackage, SERVER_SETTING, updateStatus, type UpdateShell } from '../../electron/services/updates';
import { AppContext } from '../../electron/context';
import { AppError } from '../../shared/errors';
import { translate } from '../../shared/i18n';
import { runCliCaptured } from '../support/cli';
import { call, openContext, tempDir } from '../support/context';

const TEST_KEY = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'update-test-release-key.pem'), 'utf8');
const NOW = new Date('2026-03-02T08:00:00Z');
const RUNNING: VerifyOptions = { keys: releaseKeys({ allowTest: true }), runningVersion: '0.1.0', platform: 'linux-x64' };
const NOTES = { vi: 'Sửa lỗi xuất báo cáo; thêm nhập hoạt động từ Excel.', en: 'Report export fixed; activities imported from Excel.' };

function installerFile(dir: string, name = 'CauNoi-0.2.0-linux-x86_64.AppImage', size = 200_000): string {
  const file = path.join(dir, name);
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + 7) % 251;
  fs.writeFileSync(file, bytes);
  return file;
}

async function goodPackage(dir = tempDir(), overrides: { version?: string; platform?: string; key?: string; name?: string } = {}): Promise<string> {
  const out = path.join(dir, 'good.cnupdate');
  await buildUpdatePackage({
    installer: installerFile(dir, overrides.name),
    version: overrides.version ?? '0.2.0',
    platform: overrides.platform ?? 'linux-x64',
    privateKeyPem: overrides.key ?? TEST_KEY,
    notes: NOTES,
    out,
    now: NOW,
  });
  return out;
}

/** A package whose manifest says whatever the test wants, properly signed with the test key. */
function forged(dir: string, change: (m: UpdateManifest) => void, installer: Buffer = Buffer.alloc(10)): string {
  const trusted = releaseKeys({ allowTest: true })[0]!;
  const manifest: UpdateManifest = {
    format: 'cau-noi-update',
    formatVersion: 1,
    version: '0.2.0',
    platform: 'linux-x64',
    installer: { name: 'CauNoi-0.2.0-linux-x86_64.AppImage', size: installer.length, sha256: '0'.repeat(64) },
    notes: NOTES,
    createdAt: NOW.toISOString(),
    signer: trusted.fingerprint,
  };
  change(manifest);
  const file = path.join(dir, 'forged.cnupdate');
  fs.writeFileSync(file, Buffer.concat([packageHeader(manifest, TEST_KEY), installer]));
  return file;
}

async function refusal(file: string, options: VerifyOptions = RUNNING): Promise<string> {
  try {
    await verifyUpdatePackage(file, options);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    const code = (error as AppError).code;
    // Every refusal has its text in both languages.
    for (const language of ['vi', 'en'] as const) expect(translate(language, `errors.${code}`)).not.toBe(`errors.${code}`);
    return code;
  }
  throw new Error('the package was accepted');
}

function flipByte(file: string, at: number): void {
  const bytes = fs.readFileSync(file);
  bytes[at] = bytes[at]! ^ 0x01;
  fs.writeFileSync(file, bytes);
}

afterEach(() => vi.restoreAllMocks());

describe('a good update package', () => {
  it('is verified: manifest, signer, where the installer starts', async () => {
    const file = await goodPackage();
    const verified = await verifyUpdatePackage(file, RUNNING);
    expect(verified.manifest).toMatchObject({ version: '0.2.0', platform: 'linux-x64', notes: NOTES, createdAt: NOW.toISOString() });
    expect(verified.manifest.installer).toMatchObject({ name: 'CauNoi-0.2.0-linux-x86_64.AppImage', size: 200_000 });
    expect(verified.key).toMatchObject({ fingerprint: 'FFF9 3ED3 A1E3 A44A DABB 897F 1850 B114', test: true });
    expect(fs.statSync(file).size).toBe(verified.offset + 200_000);
  });

  it('unpacks exactly the installer that was signed, executable when an AppImage', async () => {
    const dir = tempDir();
    const file = await goodPackage(dir);
    const target = await extractInstaller(await verifyUpdatePackage(file, RUNNING), path.join(dir, 'out'));
    expect(target).toBe(path.join(dir, 'out', 'CauNoi-0.2.0-linux-x86_64.AppImage'));
    expect(fs.readFileSync(target).equals(fs.readFileSync(path.join(dir, 'CauNoi-0.2.0-linux-x86_64.AppImage')))).toBe(true);
    if (process.platform !== 'win32') expect(fs.statSync(target).mode & 0o111).not.toBe(0);
    expect(fs.readdirSync(path.join(dir, 'out'))).toEqual(['CauNoi-0.2.0-linux-x86_64.AppImage']);
  });

  it('refuses an installer changed between the check and the unpacking, leaving nothing behind', async () => {
    const dir = tempDir();
    const file = await goodPackage(dir);
    const verified = await verifyUpdatePackage(file, RUNNING);
    flipByte(file, fs.statSync(file).size - 1);
    await expect(extractInstaller(verified, path.join(dir, 'out'))).rejects.toMatchObject({ code: 'UPDATE_TAMPERED' });
    expect(fs.readdirSync(path.join(dir, 'out'))).toEqual([]);
  });
});

describe('refused packages', () => {
  it('a byte changed in the installer', async () => {
    const file = await goodPackage();
    flipByte(file, fs.statSync(file).size - 1000);
    expect(await refusal(file)).toBe('UPDATE_TAMPERED');
  });

  it('a byte changed in the manifest (the notes)', async () => {
    const file = await goodPackage();
    const at = fs.readFileSync(file).indexOf(Buffer.from('Report export'));
    expect(at).toBeGreaterThan(0);
    flipByte(file, at);
    expect(await refusal(file)).toBe('UPDATE_SIGNATURE_INVALID');
  });

  it('a byte changed in the signature', async () => {
    const file = await goodPackage();
    const verified = await verifyUpdatePackage(file, RUNNING);
    flipByte(file, verified.offset - 10);
    expect(await refusal(file)).toBe('UPDATE_SIGNATURE_INVALID');
  });

  it('signed with a key the app does not ship', async () => {
    const other = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(await refusal(await goodPackage(tempDir(), { key: other }))).toBe('UPDATE_UNKNOWN_KEY');
  });

  it("signed with another key while naming the Ministry's", async () => {
    const dir = tempDir();
    const other = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const file = await goodPackage(dir, { key: other });
    // Swap the named signer for the trusted key's fingerprint (same length): the signature cannot follow.
    const bytes = fs.readFileSync(file);
    const text = bytes.toString('latin1');
    const named = /"signer":"([0-9A-F ]{39})"/.exec(text)![1]!;
    fs.writeFileSync(file, Buffer.from(text.replace(named, releaseKeys({ allowTest: true })[0]!.fingerprint), 'latin1'));
    expect(await refusal(file)).toBe('UPDATE_SIGNATURE_INVALID');
  });

  it('the development key, in an installed app', async () => {
    expect(await refusal(await goodPackage(), { ...RUNNING, keys: releaseKeys({ allowTest: false }) })).toBe('UPDATE_UNKNOWN_KEY');
  });

  it.each([
    ['an older version', '0.0.9', '0.1.0'],
    ['the same version', '0.1.0', '0.1.0'],
    ['a pre-release of the running version', '0.1.0-beta.2', '0.1.0'],
  ])('a downgrade: %s', async (_label, version, running) => {
    expect(await refusal(await goodPackage(tempDir(), { version }), { ...RUNNING, runningVersion: running })).toBe('UPDATE_NOT_NEWER');
  });

  it('for another system', async () => {
    expect(await refusal(await goodPackage(), { ...RUNNING, platform: 'win32-x64' })).toBe('UPDATE_WRONG_PLATFORM');
    expect(await refusal(await goodPackage(), { ...RUNNING, platform: 'linux-arm64' })).toBe('UPDATE_WRONG_PLATFORM');
  });

  it.each([
    ['inside the installer', (size: number) => size - 1000, 'UPDATE_TRUNCATED'],
    ['inside the signature', (_size: number, offset: number) => offset - 10, 'UPDATE_TRUNCATED'],
    ['inside the manifest', () => 100, 'UPDATE_TRUNCATED'],
    ['inside the mark that says what the file is', () => 6, 'UPDATE_CORRUPT'],
  ] as const)('truncated %s', async (_label, keep, code) => {
    const file = await goodPackage();
    const { offset } = await verifyUpdatePackage(file, RUNNING);
    fs.truncateSync(file, keep(fs.statSync(file).size, offset));
    expect(await refusal(file)).toBe(code);
  });

  it('with bytes after the installer', async () => {
    const file = await goodPackage();
    fs.appendFileSync(file, Buffer.from('extra'));
    expect(await refusal(file)).toBe('UPDATE_CORRUPT');
  });

  it('a declared size over the limit is refused before the installer is read', async () => {
    const dir = tempDir();
    const file = forged(dir, (m) => {
      m.installer.size = INSTALLER_MAX_BYTES + 1;
    });
    const reads = vi.spyOn(fs, 'createReadStream');
    // The file is far shorter than it declares: the size is judged first, so the answer is "too large", not "truncated".
    expect(await refusal(file)).toBe('UPDATE_TOO_LARGE');
    expect(reads).not.toHaveBeenCalled();
  });

  it.each([
    '../../CauNoi.AppImage',
    '..\\..\\CauNoi.AppImage',
    'sub/CauNoi.AppImage',
    '/tmp/CauNoi.AppImage',
    '.CauNoi.AppImage',
    'CauNoi..AppImage',
    'CauNoi.sh',
    'CauNoi.exe',
  ])('an installer named %s (a name that would leave the folder, hide, or not be this system’s installer)', async (name) => {
    const dir = tempDir();
    expect(await refusal(forged(dir, (m) => (m.installer.name = name)))).toBe('UPDATE_UNSAFE_NAME');
    expect(fs.readdirSync(dir)).toEqual(['forged.cnupdate']);
  });

  it('not a package at all, or a manifest over its bound, or no file', async () => {
    const dir = tempDir();
    expect(await refusal(path.join(dir, 'gone.cnupdate'))).toBe('UPDATE_UNREADABLE');
    const text = path.join(dir, 'notes.cnupdate');
    fs.writeFileSync(text, 'Xin chào, đây không phải gói cập nhật.');
    expect(await refusal(text)).toBe('UPDATE_CORRUPT');
    const huge = path.join(dir, 'huge.cnupdate');
    const header = Buffer.alloc(12);
    header.write('CNUPDAT1', 'ascii');
    header.writeUInt32BE(0xffffffff, 8);
    fs.writeFileSync(huge, header);
    expect(await refusal(huge)).toBe('UPDATE_CORRUPT');
  });

  it('the builder refuses an installer that is not for the platform named', async () => {
    await expect(goodPackage(tempDir(), { platform: 'win32-x64' })).rejects.toMatchObject({ code: 'UPDATE_UNSAFE_NAME' });
    await expect(goodPackage(tempDir(), { key: 'not a key' })).rejects.toMatchObject({ code: 'UPDATE_KEY_INVALID' });
  });
});

describe('the published format', () => {
  it('docs/schemas/update-manifest.schema.json is the manifest the code reads', () => {
    const published = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'schemas', 'update-manifest.schema.json'), 'utf8'));
    expect(published).toEqual(updateManifestSchema());
  });
});

describe('versions', () => {
  it.each([
    ['0.2.0', '0.1.9', 1],
    ['0.10.0', '0.9.0', 1],
    ['1.0.0', '1.0.0-rc.1', 1],
    ['1.0.0-rc.2', '1.0.0-rc.10', -1],
    ['1.0.0-beta', '1.0.0-alpha', 1],
    ['1.2.3', '1.2.3', 0],
  ])('%s against %s', (a, b, order) => {
    expect(compareVersions(a, b)).toBe(order);
    expect(compareVersions(b, a)).toBe(-order || 0);
  });

  it('a version that is not one compares as nothing', () => {
    expect(compareVersions('0.0.0-dev', '1.0')).toBeNull();
  });
});

describe('installing through the shell', () => {
  function fakeShell(): UpdateShell & { opened: string[] } {
    const opened: string[] = [];
    return {
      opened,
      allowTestKeys: true,
      check: async () => ({ available: false, version: '0.1.0', notes: '', releaseDate: null, size: null }),
      download: async () => '0.1.0',
      restartToInstall: () => {},
      choosePackage: async () => null,
      openInstaller: async (file) => void opened.push(file),
    };
  }

  it('re-verifies, unpacks into the data folder and hands the installer over', async () => {
    const dataDir = tempDir();
    const shell = fakeShell();
    const app = new AppContext({ dataDir, transport: 'electron', appVersion: '0.1.0', updateShell: shell });
    // This computer's own installer kind, so the check runs on every system CI has.
    const [name, action] = (
      { win32: ['CauNoi-0.2.0-win-x64.exe', 'windows-installer'], darwin: ['CauNoi-0.2.0-mac-arm64.dmg', 'mac-disk-image'] } as Record<string, [string, string]>
    )[process.platform] ?? ['CauNoi-0.2.0-linux-x86_64.AppImage', 'linux-appimage'];
    const file = await goodPackage(tempDir(), { name, platform: runningPlatform() });
    const shown = await call(app, 'update.inspect', { path: file });
    expect(shown).toMatchObject({ version: '0.2.0', action, signer: { test: true } });
    const done = await call(app, 'update.install', { path: file, sha256: shown!.sha256 });
    expect(done.installer).toBe(path.join(dataDir, 'updates', name));
    expect(shell.opened).toEqual([done.installer]);
    // Not the package the person saw: nothing is handed over.
    await expect(call(app, 'update.install', { path: file, sha256: 'a'.repeat(64) })).rejects.toMatchObject({ code: 'UPDATE_CHANGED' });
    expect(shell.opened).toHaveLength(1);
    app.close();
  });

  it('outside the desktop app only reads; the server comes from Settings or the Ministry file', async () => {
    const dataDir = tempDir();
    const app = openContext(dataDir);
    await expect(call(app, 'update.check', {})).rejects.toMatchObject({ code: 'UPDATE_DESKTOP_ONLY' });
    expect(updateStatus(app)).toMatchObject({ desktop: false, server: null });
    fs.writeFileSync(path.join(dataDir, 'update-server.json'), JSON.stringify({ url: 'https://capnhat.mofa.gov.vn/caunoi' }));
    expect(updateStatus(app).server).toEqual({ url: 'https://capnhat.mofa.gov.vn/caunoi', source: 'ministry-file' });
    await expect(call(app, 'update.setServer', { url: 'http://capnhat.example/' })).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: [{ path: 'url', code: 'https_url' }],
    });
    expect((await call(app, 'update.setServer', { url: 'https://mirror.example.org/caunoi' })).server).toEqual({
      url: 'https://mirror.example.org/caunoi',
      source: 'settings',
    });
    expect(app.settings.get(SERVER_SETTING)).toBe('https://mirror.example.org/caunoi');
    expect((await call(app, 'update.setServer', { url: '' })).server?.source).toBe('ministry-file');
    app.close();
  });

  it('installPackage refuses without the shell', async () => {
    const app = openContext();
    await expect(installPackage(app, 'x.cnupdate', 'a'.repeat(64))).rejects.toMatchObject({ code: 'UPDATE_DESKTOP_ONLY' });
    app.close();
  });
});

describe('cau-noi update', () => {
  it('verify: exit 0 for a good package, 4 with the code for a refused one', async () => {
    const file = await goodPackage();
    const good = await runCliCaptured(['update', 'verify', file, '--running-version', '0.1.0', '--platform', 'linux-x64', '--json']);
    expect(good.code).toBe(0);
    expect(JSON.parse(good.stdout)).toMatchObject({ valid: true, package: { version: '0.2.0', signer: { test: true } } });
    const old = await runCliCaptured(['update', 'verify', file, '--running-version', '0.3.0', '--platform', 'linux-x64', '--json']);
    expect(old.code).toBe(4);
    expect(JSON.parse(old.stdout)).toMatchObject({ valid: false, error: { code: 'UPDATE_NOT_NEWER' } });
  });

  it('pack makes a package that verifies; keygen writes a key that signs one', async () => {
    const dir = tempDir();
    const keygen = await runCliCaptured(['update', 'keygen', '--out', path.join(dir, 'k.pem')]);
    expect(keygen.code).toBe(0);
    const entry = JSON.parse(keygen.stdout) as { publicKey: string; fingerprint: string; test: boolean };
    expect(entry.test).toBe(false);
    const installer = installerFile(dir, 'CauNoi-0.2.0-win-x64.exe', 1000);
    const out = path.join(dir, 'p.cnupdate');
    const packed = await runCliCaptured([
      'update',
      'pack',
      '--installer',
      installer,
      '--app-version',
      '0.2.0',
      '--platform',
      'win32-x64',
      '--key',
      path.join(dir, 'k.pem'),
      '--out',
      out,
      '--notes-vi',
      'Bản mới',
      '--notes-en',
      'New',
    ]);
    expect(packed.code).toBe(0);
    const verified = await verifyUpdatePackage(out, { keys: [{ ...entry, label: 'Bộ', test: false }], runningVersion: '0.1.0', platform: 'win32-x64' });
    expect(verified.manifest.notes).toEqual({ vi: 'Bản mới', en: 'New' });
  });
});
