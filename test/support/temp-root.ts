// Global setup of vitest and Playwright: every temporary folder the tests make (data folders, batch files, the
// e2e-like hosts they start) goes under one folder of this run, removed when the run ends.
// Runs before the test processes start, so they and their children inherit TMPDIR.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'caunoi-test-'));
  process.env.TMPDIR = root;
  return () => fs.rmSync(root, { recursive: true, force: true });
}
