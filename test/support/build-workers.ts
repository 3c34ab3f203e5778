// Vitest global setup: the code under test starts worker threads from their bundles, so
// those are rebuilt from the current sources first (a second or so).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  execFileSync(process.execPath, [fileURLToPath(new URL('../../scripts/build.mjs', import.meta.url)), '--workers-only'], { stdio: 'inherit' });
}
