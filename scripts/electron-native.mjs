// better-sqlite3 compiled for Electron's ABI, kept in .electron-native/ beside the Node build that
// the CLI and tests use. npm start builds it on first use; CI runs this file before the Electron test.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function electronVersion() {
  return JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
}

export function ensureElectronNative(version = electronVersion()) {
  const target = path.join(root, '.electron-native', 'better_sqlite3.node');
  const stampFile = path.join(root, '.electron-native', 'version');
  if (fs.existsSync(target) && fs.readFileSync(stampFile, 'utf8') === version) return true;
  const work = path.join(root, '.electron-native', 'pkg');
  fs.rmSync(work, { recursive: true, force: true });
  fs.cpSync(path.join(root, 'node_modules', 'better-sqlite3-multiple-ciphers'), work, { recursive: true });
  console.log(`Building the database module for Electron ${version}…`);
  const gyp = spawnSync('npx', ['--yes', 'node-gyp', 'rebuild', '--release', `--target=${version}`, '--dist-url=https://electronjs.org/headers'], {
    cwd: work,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (gyp.status !== 0) return false;
  fs.copyFileSync(path.join(work, 'build', 'Release', 'better_sqlite3.node'), target);
  fs.writeFileSync(stampFile, version);
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exit(ensureElectronNative() ? 0 : 1);
}
