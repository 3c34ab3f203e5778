// Where a Chromium for the e2e tests is: CHROMIUM_PATH, Playwright's own download, or Debian's.
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';

export function chromiumPath() {
  if (process.env.CHROMIUM_PATH && fs.existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  for (const candidate of ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']) {
    if (fs.existsSync(candidate)) return candidate;
  }
  try {
    const found = execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim();
    if (found) return found;
  } catch {
    // Not on PATH: Playwright's own browser, if installed, is used.
  }
  return null;
}
