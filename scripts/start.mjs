// npm start: builds if needed, then opens the Electron window; where Electron's binary
// cannot be had (no download possible), starts the same app in the browser host and says why.
//   npm start -- --browser        skip Electron
//   npm start -- --data-dir DIR   use another data folder (browser host)
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronVersion as installedElectronVersion, ensureElectronNative } from './electron-native.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const forceBrowser = args.includes('--browser');
const passThrough = args.filter((a) => a !== '--browser');

const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--if-needed'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

/** Asks the electron package for its binary; it downloads it on first use, which may fail. */
function electronBinary() {
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    cwd: root,
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (probe.status === 0 && probe.stdout && fs.existsSync(probe.stdout)) return { path: probe.stdout };
  const lines = (probe.stderr || probe.error?.message || '').split('\n').map((l) => l.trim());
  const download = lines.find((l) => /fetch failed|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN/.test(l));
  const failure = lines.find((l) => l.startsWith('Error:'));
  const reason = download ? `its download failed: ${download}` : (failure ?? 'unknown error').replace(/^Error: /, '');
  return { reason };
}

function startBrowserHost(reason) {
  const hostArgs = [path.join(root, 'dist', 'host', 'main.cjs'), ...passThrough];
  if (reason) hostArgs.push('--reason', reason);
  const child = spawn(process.execPath, hostArgs, { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}

if (forceBrowser) {
  startBrowserHost('Starting Cầu Nối in the browser host (--browser).');
} else {
  const electron = electronBinary();
  const electronVersion = installedElectronVersion();
  if (electron.path && ensureElectronNative(electronVersion)) {
    const child = spawn(electron.path, [root], { stdio: 'inherit' });
    child.on('exit', (code) => process.exit(code ?? 0));
  } else {
    startBrowserHost(
      `Electron's binary is not available on this machine (${electron.reason ?? 'the database module could not be built for Electron'}), ` +
        'so Cầu Nối starts in your browser instead: the same app, served only to this computer (127.0.0.1).',
    );
  }
}
