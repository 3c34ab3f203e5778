import { defineConfig } from '@playwright/test';
import { chromiumPath } from './scripts/chromium-path.mjs';

/** e2e tests drive the browser host in a real Chromium (Debian's where Playwright's own is absent). */
export default defineConfig({
  testDir: 'test/e2e',
  // Data folders of the hosts the tests start go under one folder of the run, removed at its end.
  globalSetup: './test/support/temp-root.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  // Its own folder: Playwright empties it at start, and test-results/ also holds the unit report.
  outputDir: 'test-results/playwright',
  use: {
    locale: 'vi-VN',
    timezoneId: 'Asia/Tokyo',
    viewport: { width: 1366, height: 860 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath() ?? undefined,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
  },
});
