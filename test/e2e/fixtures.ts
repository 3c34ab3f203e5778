/**
 * e2e fixture: a browser host on a fresh data folder for each test, and the page
 * opened on it. `prepare` runs CLI commands on the folder before the host starts
 * (demo data, batches), so a test begins from the state it needs.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { test as base, expect, type Locator, type Page } from '@playwright/test';

const ROOT = path.resolve(__dirname, '..', '..');
const HOST = path.join(ROOT, 'dist', 'host', 'main.cjs');
const CLI = path.join(ROOT, 'bin', 'cau-noi.cjs');

export interface Host {
  url: string;
  /** The first one-time address (60 s, single use): the `page` fixture spends it. */
  openUrl: string;
  /** Another one-time address, for another browser context (the host's Enter). */
  newOpenUrl(): Promise<string>;
  dataDir: string;
  process: ChildProcess;
}

/** Runs the CLI on a data folder; returns stdout, throws with stderr on failure. */
export function cli(dataDir: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  const result = spawnSync(process.execPath, [CLI, '--data-dir', dataDir, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  if (result.status !== 0) throw new Error(`cau-noi ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return result.stdout;
}

export async function startHost(dataDir: string): Promise<Host> {
  const child = spawn(process.execPath, [HOST, '--data-dir', dataDir, '--json', '--no-open'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = readline.createInterface({ input: child.stdout! });
  const nextLine = () =>
    new Promise<{ url: string; openUrl: string }>((resolve, reject) => {
      lines.once('line', (line) => resolve(JSON.parse(line)));
      child.once('exit', (code) => reject(new Error(`host exited (${code}): ${stderr}`)));
    });
  const info = await nextLine();
  const newOpenUrl = async () => {
    const next = nextLine();
    child.stdin!.write('\n');
    return (await next).openUrl;
  };
  // A host that dies during a test leaves only "connection refused" in the browser: say why.
  child.once('exit', (code, signal) => {
    if (code !== 0) console.error(`The browser host exited (${code ?? signal}):\n${stderr}`);
  });
  return { url: info.url, openUrl: info.openUrl, newOpenUrl, dataDir, process: child };
}

export function newDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'caunoi-e2e-'));
}

export const MISSION = {
  code: 'DSQ-JP',
  nameVi: 'Đại sứ quán Việt Nam tại Nhật Bản',
  nameEn: 'Embassy of Viet Nam in Japan',
  country: 'Nhật Bản',
  city: 'Tokyo',
  userName: 'Nguyễn Thu Hà',
};

/** `cau-noi init` options for MISSION, and the whole command that sets it up with its head. */
export const MISSION_INIT = [
  '--code',
  MISSION.code,
  '--name-vi',
  MISSION.nameVi,
  '--name-en',
  MISSION.nameEn,
  '--kind',
  'embassy',
  '--country',
  'JP',
  '--city',
  MISSION.city,
];
export const HEAD_INIT = ['init', ...MISSION_INIT, '--user', MISSION.userName, '--role', 'head'];

/** The passphrase every e2e folder is encrypted with (issue 6: chosen before the mission form). */
export const PASSPHRASE = 'Hà Nội mùa thu 2025';

/** Fills the first-start forms as a person would, key by key: the passphrase, then the mission. */
export async function setUpMission(page: Page, role: 'staff' | 'head' = 'head'): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Đặt mật khẩu bảo vệ dữ liệu' })).toBeVisible();
  await page.getByLabel(/^Mật khẩu/).pressSequentially(PASSPHRASE, { delay: 5 });
  await page.getByLabel(/^Nhập lại mật khẩu/).pressSequentially(PASSPHRASE, { delay: 5 });
  await page.getByRole('button', { name: 'Đặt mật khẩu và tiếp tục' }).click();
  await expect(page.getByRole('heading', { name: 'Thiết lập Cầu Nối' })).toBeVisible();
  await page.getByLabel('Mã cơ quan').pressSequentially(MISSION.code, { delay: 5 });
  await page.getByLabel('Tên tiếng Việt').pressSequentially(MISSION.nameVi, { delay: 5 });
  await page.getByLabel('Tên tiếng Anh').pressSequentially(MISSION.nameEn, { delay: 5 });
  await page.getByRole('combobox', { name: 'Nước sở tại' }).pressSequentially('nhat ban', { delay: 5 });
  await page.getByRole('option', { name: 'Nhật Bản' }).click();
  await page.getByLabel('Thành phố').pressSequentially(MISSION.city, { delay: 5 });
  await page.getByLabel('Họ và tên').pressSequentially(MISSION.userName, { delay: 5 });
  await page.getByLabel('Vai trò').selectOption(role);
  await page.getByRole('button', { name: 'Bắt đầu sử dụng' }).click();
  await expect(page.getByRole('navigation')).toBeVisible();
}

/**
 * Types into a field as a person does: clicks it, selects what is there, then types key by key
 * (never one paste), so that every keystroke goes through the app's handlers.
 */
export async function typeInto(field: Locator, text: string): Promise<void> {
  await field.click();
  await field.press('ControlOrMeta+a');
  if (text) await field.pressSequentially(text, { delay: 5 });
  else await field.press('Backspace');
}

/** Saves a screenshot of a page or one card for people to look at (test-results/screens/<name>.png). */
export async function screenshot(target: Page | Locator, name: string): Promise<void> {
  const dir = path.join(ROOT, 'test-results', 'screens');
  fs.mkdirSync(dir, { recursive: true });
  await target.screenshot({ path: path.join(dir, `${name}.png`) });
}

interface Fixtures {
  /** CLI commands to run on the data folder before the host starts, e.g. [['demo']]. */
  prepare: string[][];
  host: Host;
}

export const test = base.extend<Fixtures>({
  prepare: [[], { option: true }],
  host: async ({ prepare }, use) => {
    const dataDir = newDataDir();
    for (const args of prepare) cli(dataDir, args);
    const host = await startHost(dataDir);
    await use(host);
    host.process.kill('SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
  },
  page: async ({ page, host }, use) => {
    await page.goto(host.openUrl);
    await use(page);
  },
});

export { expect };
