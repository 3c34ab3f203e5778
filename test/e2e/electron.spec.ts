/**
 * The Electron shell itself. It needs Electron's binary, which cannot be downloaded on
 * every machine (CI here has none): then this test is reported as skipped with the
 * reason, never as passed. The browser-host tests cover the app either way.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

const root = path.resolve(__dirname, '..', '..');
const pathFile = path.join(root, 'node_modules', 'electron', 'path.txt');
const binary = fs.existsSync(pathFile) ? path.join(root, 'node_modules', 'electron', 'dist', fs.readFileSync(pathFile, 'utf8')) : null;
const nativeForElectron = path.join(root, '.electron-native', 'better_sqlite3.node');

test('the Electron window opens the app securely', async () => {
  test.skip(
    !binary || !fs.existsSync(binary),
    "Electron's binary is not installed on this machine (its download is not reachable): the shell cannot be launched here.",
  );
  test.skip(!fs.existsSync(nativeForElectron), 'The database module has not been built for Electron yet: run `npm start` once on this machine.');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'caunoi-electron-'));
  const app = await electron.launch({ executablePath: binary!, args: [root], env: { ...process.env, CAU_NOI_DATA_DIR: dataDir } });
  const window = await app.firstWindow();
  await expect(window.getByRole('heading', { name: 'Đặt mật khẩu bảo vệ dữ liệu' })).toBeVisible();
  // No Node in the page, and the bridge offers only the contract's invoke and progress.
  const exposed = await window.evaluate(() => ({
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
    bridge: Object.keys((window as unknown as { cauNoi: object }).cauNoi).sort(),
  }));
  expect(exposed).toEqual({ require: 'undefined', process: 'undefined', bridge: ['invoke', 'onProgress', 'transport'] });
  // The page comes from the app's own origin, never file:// (issue 13), and cannot leave it.
  expect(window.url()).toBe('app://cau-noi/index.html');
  await window.evaluate(() => {
    document.location.href = 'https://example.org/';
  });
  await window.waitForTimeout(500);
  expect(window.url()).toMatch(/^app:\/\/cau-noi\/index\.html/);
  await app.close();
});
