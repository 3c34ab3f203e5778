/** The CLI on an encrypted folder: passphrase from CAU_NOI_PASSPHRASE, backup, restore. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PASSPHRASE_ENV } from '../../electron/cli/program';
import { tempDir } from '../support/context';
import { filesContaining } from '../support/plaintext';
import { runCliCaptured } from '../support/cli';

const cli = (args: string[], passphrase?: string) => runCliCaptured(args, { [PASSPHRASE_ENV]: passphrase });
afterEach(() => vi.restoreAllMocks());

const PASS = 'Tổng Lãnh sự quán Osaka 2025';
const INIT = [
  'init',
  '--code',
  'TLSQ-OSA',
  '--name-vi',
  'Tổng Lãnh sự quán Việt Nam tại Osaka',
  '--name-en',
  'Consulate General of Viet Nam in Osaka',
  '--kind',
  'consulate-general',
  '--country',
  'jp',
  '--city',
  'Osaka',
];

describe('cau-noi CLI with a passphrase', () => {
  it('initialises encrypted, needs the passphrase afterwards, backs up and restores', async () => {
    const dir = tempDir();
    expect((await cli(['--data-dir', dir, ...INIT], PASS)).code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'cau-noi.keyinfo.json'))).toBe(true);
    const input = path.join(dir, 'in.json');
    fs.writeFileSync(input, JSON.stringify({ title: 'Gặp Hiệp hội doanh nghiệp Kansai', kind: 'business-support', startDate: '2025-02-03' }));
    expect((await cli(['--data-dir', dir, 'activity', 'add', '--json', input], PASS)).code).toBe(0);
    fs.rmSync(input);

    const locked = await cli(['--data-dir', dir, 'activity', 'list']);
    expect(locked.code).toBe(1);
    expect(locked.stderr).toContain('LOCKED');
    expect(locked.stderr).toContain(PASSPHRASE_ENV);
    const wrong = await cli(['--data-dir', dir, 'activity', 'list'], 'không đúng mật khẩu');
    expect(wrong.stderr).toContain('WRONG_PASSPHRASE');

    const backup = await cli(['--data-dir', dir, 'backup', '--json'], PASS);
    expect(backup.code).toBe(0);
    const made = JSON.parse(backup.stdout) as { file: string };
    const copy = path.join(tempDir(), 'usb-copy.db');
    fs.copyFileSync(path.join(dir, 'backups', made.file), copy);
    fs.copyFileSync(path.join(dir, 'backups', `${made.file}.keyinfo.json`), `${copy}.keyinfo.json`);

    fs.writeFileSync(input, JSON.stringify({ title: 'Hoạt động sau sao lưu', kind: 'other', startDate: '2025-02-04' }));
    await cli(['--data-dir', dir, 'activity', 'add', '--json', input], PASS);
    fs.rmSync(input);
    expect(JSON.parse((await cli(['--data-dir', dir, 'activity', 'list', '--json'], PASS)).stdout).total).toBe(2);

    // Restore from a copy elsewhere (a USB stick): checked, then swapped in.
    const restored = await cli(['--data-dir', dir, 'restore', copy], PASS);
    expect(restored.code).toBe(0);
    const after = JSON.parse((await cli(['--data-dir', dir, 'activity', 'list', '--json'], PASS)).stdout);
    expect(after.rows.map((r: { title: string }) => r.title)).toEqual(['Gặp Hiệp hội doanh nghiệp Kansai']);
    const list = JSON.parse((await cli(['--data-dir', dir, 'backup', '--list', '--json'], PASS)).stdout) as { reason: string }[];
    // All made the same day: the retention policy keeps the newest, the restore point taken before the restore.
    expect(list.map((b) => b.reason)).toEqual(['before-restore']);
    expect(filesContaining(dir, ['Kansai', 'sau sao lưu'])).toEqual([]);
  });

  it('encrypts an older plain folder on request', async () => {
    const dir = tempDir();
    await cli(['--data-dir', dir, ...INIT]);
    expect(fs.existsSync(path.join(dir, 'cau-noi.keyinfo.json'))).toBe(false);
    const encrypted = await cli(['--data-dir', dir, 'encrypt'], PASS);
    expect(encrypted.stderr).toBe('');
    expect(encrypted.code).toBe(0);
    expect((await cli(['--data-dir', dir, 'activity', 'list'])).stderr).toContain('LOCKED');
    expect((await cli(['--data-dir', dir, 'activity', 'list'], PASS)).code).toBe(0);
    expect((await cli(['--data-dir', tempDir(), 'encrypt'])).stderr).toContain('PASSPHRASE_REQUIRED');
  });
});
