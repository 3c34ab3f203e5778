// Makes sure a Chromium exists for the e2e tests and says what it did:
// Playwright's own download where that works, Debian's chromium package where it does not.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { chromiumPath } from './chromium-path.mjs';

function playwrightHasBrowser() {
  const probe = spawnSync(process.execPath, ['-e', "const {chromium}=require('@playwright/test');process.stdout.write(chromium.executablePath())"], {
    encoding: 'utf8',
  });
  return probe.status === 0 && fs.existsSync(probe.stdout.trim());
}

const existing = chromiumPath();
if (existing) {
  console.log(`e2e: using Chromium at ${existing}`);
  process.exit(0);
}
if (playwrightHasBrowser()) {
  console.log("e2e: using Playwright's own Chromium");
  process.exit(0);
}
console.log("e2e: no Chromium found; trying Playwright's download (npx playwright install chromium)…");
if (spawnSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit' }).status === 0 && playwrightHasBrowser()) {
  console.log("e2e: installed Playwright's Chromium");
  process.exit(0);
}
console.log("e2e: Playwright's download is not reachable here; installing Debian's chromium package (apt-get)…");
const sudo = process.getuid && process.getuid() !== 0 ? ['sudo'] : [];
const run = (args) =>
  spawnSync(sudo.length ? 'sudo' : args[0], sudo.length ? args : args.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  }).status === 0;
if (run(['apt-get', 'update', '-qq']) && run(['apt-get', 'install', '-y', '-qq', 'chromium']) && chromiumPath()) {
  console.log(`e2e: installed Debian's chromium at ${chromiumPath()}`);
  process.exit(0);
}
console.error('e2e: could not get a Chromium. Install one (apt-get install chromium) or set CHROMIUM_PATH.');
process.exit(1);
