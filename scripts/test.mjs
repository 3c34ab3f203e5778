// npm test: type check, build, unit tests (vitest), then end-to-end tests (Playwright on
// the browser host in Chromium). Ends with one line counting every test run.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const results = path.join(root, 'test-results');
fs.mkdirSync(results, { recursive: true });
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function step(title, command, args, env = {}) {
  console.log(`\n▶ ${title}`);
  const started = Date.now();
  const run = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`  ${title}: ${run.status === 0 ? 'ok' : `failed (exit ${run.status})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return run.status === 0;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

const vitestJson = path.join(results, 'vitest.json');
const playwrightJson = path.join(results, 'playwright.json');
fs.rmSync(vitestJson, { force: true });
fs.rmSync(playwrightJson, { force: true });

const ok = {
  // Main (Node, no DOM), renderer (DOM, no Node), then the tests and tools that drive both.
  types: ['tsconfig.main.json', 'tsconfig.renderer.json', 'tsconfig.json'].every((project) =>
    step(`Type check (${project})`, npx, ['tsc', '-p', project, '--noEmit']),
  ),
  lint:
    step('Lint (eslint: hooks, accessibility, layers)', npx, ['eslint', '.']) &&
    step('Format (prettier --check; npm run format fixes)', npx, ['prettier', '--check', '--log-level', 'warn', '.']),
  build: step('Build', process.execPath, ['scripts/build.mjs']),
};
ok.unit = step('Unit tests (vitest)', npx, ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
ok.chromium = ok.build && step('Chromium for e2e', process.execPath, ['scripts/ensure-chromium.mjs']);
ok.e2e =
  ok.chromium && step('End-to-end tests (Playwright)', npx, ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson });

const unit = readJson(vitestJson);
const e2e = readJson(playwrightJson);
const unitPassed = unit?.numPassedTests ?? 0;
const unitFailed = unit ? unit.numFailedTests : 1;
const e2ePassed = e2e?.stats ? e2e.stats.expected + e2e.stats.flaky : 0;
const e2eFailed = e2e?.stats ? e2e.stats.unexpected : 1;
const skipped = (unit?.numPendingTests ?? 0) + (unit?.numTodoTests ?? 0) + (e2e?.stats?.skipped ?? 0);
const allOk = Object.values(ok).every(Boolean);
console.log(
  `\nunit: ${unitPassed} passed, ${unitFailed} failed; e2e: ${e2ePassed} passed, ${e2eFailed} failed${ok.types ? '' : '; type check FAILED'}${ok.lint ? '' : '; lint FAILED'}${ok.build ? '' : '; build FAILED'}`,
);
const failed = unitFailed + e2eFailed + (ok.types ? 0 : 1) + (ok.lint ? 0 : 1) + (ok.build ? 0 : 1);
console.log(`${unitPassed + e2ePassed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(allOk && failed === 0 ? 0 : 1);
