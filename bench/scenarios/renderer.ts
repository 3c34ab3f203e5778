/**
 * The renderer over the browser host, in Chromium (playwright-core, the Chromium the e2e
 * tests use): navigation to the activity list painted with every record, a keystroke in
 * the search box (Ctrl+K) to its results painted, and scrolling the list without long
 * tasks. Times are taken in the page (performance.now, a frame after the DOM changed).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import readline from 'node:readline';
import { pathToFileURL } from 'node:url';
import { BENCH_PASSPHRASE } from '../data';
import { medianOf, result, stopWithBench, type Result, type Scenario } from '../harness';

const ROOT = path.resolve(__dirname, '..', '..');
const BROWSER_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const NAVIGATIONS = 5;
const KEYS = ['x', 'h', 'd', 't', 'n', 'k', 'b', 'q'];

// Loaded at run time from node_modules: the bench bundle does not carry the browser driver.
type Playwright = typeof import('playwright-core');
type Browser = import('playwright-core').Browser;
type Page = import('playwright-core').Page;

interface Host {
  openUrl: string;
  /** Another one-time address, for another browser context (the host's Enter). */
  newOpenUrl(): Promise<string>;
  child: ChildProcess;
}

async function startHost(dataDir: string): Promise<Host> {
  const child = stopWithBench(
    spawn(process.execPath, [path.join(ROOT, 'dist', 'host', 'main.cjs'), '--data-dir', dataDir, '--json', '--no-open'], { stdio: ['pipe', 'pipe', 'pipe'] }),
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = readline.createInterface({ input: child.stdout! });
  const nextUrl = () =>
    new Promise<string>((resolve, reject) => {
      lines.once('line', (line) => resolve((JSON.parse(line) as { openUrl: string }).openUrl));
      child.once('exit', (code) => reject(new Error(`host exited (${code}): ${stderr}`)));
    });
  const openUrl = await nextUrl();
  const newOpenUrl = () => {
    const next = nextUrl();
    child.stdin!.write('\n');
    return next;
  };
  return { openUrl, newOpenUrl, child };
}

/**
 * An encrypted folder: the host starts locked (it has no kept key: no safeStorage outside
 * Electron), and the passphrase is typed into its lock screen as a person does at start. In a
 * browser context of its own, so that the measured loads still start with an empty cache.
 */
async function unlock(browser: Browser, host: Host): Promise<void> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(await host.newOpenUrl());
    await page.getByRole('heading', { name: 'Cầu Nối đang khóa' }).waitFor({ timeout: 60_000 });
    await page.getByLabel('Mật khẩu').fill(BENCH_PASSPHRASE);
    await page.getByRole('button', { name: 'Mở khóa' }).click();
    await page.getByRole('navigation').waitFor({ timeout: 60_000 });
  } finally {
    await context.close();
  }
}

/** In the page from its first byte: the time the first list row was painted, and long tasks. */
function instrument(): void {
  const bench = { listPainted: 0, longTasks: [] as { start: number; duration: number }[] };
  (window as unknown as { __bench: typeof bench }).__bench = bench;
  new PerformanceObserver((list) => list.getEntries().forEach((e) => bench.longTasks.push({ start: e.startTime, duration: e.duration }))).observe({
    type: 'longtask',
    buffered: true,
  });
  const rows = new MutationObserver(() => {
    if (bench.listPainted || !document.querySelector('[role="row"][aria-rowindex] [role="gridcell"]')) return;
    rows.disconnect();
    // A task queued from a frame callback runs once that frame has been painted.
    requestAnimationFrame(() => setTimeout(() => (bench.listPainted = performance.now()), 0));
  });
  rows.observe(document, { childList: true, subtree: true });
}

async function navigation(page: Page, openUrl: string): Promise<{ ms: number; total: string | null }> {
  await page.goto(openUrl);
  await page.waitForFunction(() => (window as unknown as { __bench: { listPainted: number } }).__bench.listPainted > 0, null, { timeout: 60_000 });
  const ms = await page.evaluate(() => (window as unknown as { __bench: { listPainted: number } }).__bench.listPainted);
  // The exact total follows the first rows: "0" until the count is asked, "-1" while only "≥ N" is known.
  await page.waitForFunction(() => !['0', '-1'].includes(document.querySelector('[role="grid"]')?.getAttribute('aria-rowcount') ?? '0'), null, {
    timeout: 60_000,
  });
  return { ms, total: await page.getAttribute('[role="grid"]', 'aria-rowcount') };
}

/** Keydown of one letter in an empty search box to the frame after its results appeared. */
async function keystroke(page: Page, key: string): Promise<number> {
  const box = page.getByRole('dialog').getByRole('combobox');
  await box.fill('');
  await page.waitForFunction(() => document.querySelectorAll('#global-search-results [role="option"]').length === 0);
  const painted = page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let started = 0;
        // The search is a native <dialog> (its role is implicit, so no [role] attribute to select).
        const input = document.querySelector<HTMLInputElement>('dialog [role="combobox"]')!;
        input.addEventListener('keydown', () => (started = performance.now()), { once: true, capture: true });
        const results = document.getElementById('global-search-results')!;
        const seen = new MutationObserver(() => {
          if (!results.querySelector('[role="option"]')) return;
          seen.disconnect();
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - started), 0));
        });
        seen.observe(results, { childList: true, subtree: true });
      }),
  );
  // Awaited below; a rejection meanwhile must not end the process as unhandled.
  painted.catch(() => undefined);
  await box.press(key);
  return painted;
}

/** Wheel scrolling through the list and jumps deep into it; long tasks seen meanwhile. */
async function scrolling(page: Page): Promise<number[]> {
  // Only tasks that start from here count (the page load's own are reported late, too).
  await page.waitForTimeout(500);
  const since = await page.evaluate(() => performance.now());
  const body = page.getByTestId('activity-scroll');
  await body.hover();
  for (let i = 0; i < 40; i++) {
    await page.mouse.wheel(0, 1500);
    await page.waitForTimeout(30);
  }
  for (const fraction of [0.25, 0.5, 0.9, 0.1]) {
    await body.evaluate((el, f) => (el.scrollTop = el.scrollHeight * f), fraction);
    await page.waitForTimeout(150);
    for (let i = 0; i < 10; i++) {
      await page.mouse.wheel(0, 1500);
      await page.waitForTimeout(30);
    }
  }
  // Rows of the last jump are fetched and painted before counting.
  await page.waitForFunction(() => !document.querySelector('[role="row"].loading'), null, { timeout: 10_000 });
  await page.waitForTimeout(200);
  const tasks = await page.evaluate(() => (window as unknown as { __bench: { longTasks: { start: number; duration: number }[] } }).__bench.longTasks);
  return tasks.filter((t) => t.start >= since).map((t) => t.duration);
}

export const rendererScenario: Scenario = {
  name: 'renderer',
  async run(env) {
    const dataset = await env.dataset();
    const { chromiumPath } = (await import(pathToFileURL(path.join(ROOT, 'scripts', 'chromium-path.mjs')).href)) as { chromiumPath: () => string | null };
    const { chromium } = createRequire(__filename)('playwright-core') as Playwright;
    // A Chromium the way the test command gets one (its messages on stderr: stdout is the report).
    spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'ensure-chromium.mjs')], { stdio: ['ignore', 2, 2] });
    const browser = await chromium.launch({ executablePath: chromiumPath() ?? undefined, args: BROWSER_ARGS });
    let host: Host | null = null;
    const results: Result[] = [];
    try {
      host = await startHost(dataset.dir);
      if (dataset.key) await unlock(browser, host);
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await context.addInitScript(instrument);
      const navigations: number[] = [];
      let page: Page | null = null;
      for (let i = 0; i < NAVIGATIONS; i++) {
        await page?.close();
        page = await context.newPage();
        const { ms, total } = await navigation(page, host.openUrl);
        if (total !== String(dataset.counts.activities)) throw new Error(`the list shows ${total} rows, not ${dataset.counts.activities}`);
        navigations.push(ms);
      }
      results.push(
        result({
          scenario: 'renderer',
          name: 'renderer-open-list',
          title: `navigation to the activity list painted, ${dataset.counts.activities.toLocaleString('en')} activities (${NAVIGATIONS} loads, the first cold)`,
          unit: 'ms',
          ours: medianOf(navigations),
          raw: null,
          target: { of: 'value', max: 800 },
          // Unlocking already showed the list once (the data thread's caches are warm, the measured context's browser cache is not).
          note: `first (cold) load ${navigations[0]!.toFixed(0)} ms${dataset.key ? ', after the passphrase was typed into the lock screen in another browser context' : ''}`,
        }),
      );
      const longTasks = await scrolling(page!);
      results.push(
        result({
          scenario: 'renderer',
          name: 'renderer-scroll',
          title: 'long tasks over 50 ms while wheel-scrolling and jumping through the list',
          unit: 'tasks',
          ours: { value: longTasks.length, stat: 'single', samples: 1 },
          raw: null,
          target: { of: 'value', max: 0 },
          note: longTasks.length ? `longest ${Math.max(...longTasks).toFixed(0)} ms` : undefined,
        }),
      );
      await page!.keyboard.press('Control+k');
      const keys: number[] = [];
      for (let i = 0; i < Math.max(env.sizes.runs * 3, KEYS.length); i++) keys.push(await keystroke(page!, KEYS[i % KEYS.length]!));
      results.push(
        result({
          scenario: 'renderer',
          name: 'renderer-keystroke',
          title: 'keystroke in the search box (Ctrl+K) to its results painted',
          unit: 'ms',
          ours: medianOf(keys),
          raw: null,
          target: { of: 'value', max: 60 },
          note: `max ${Math.max(...keys).toFixed(0)} ms`,
        }),
      );
    } finally {
      await browser.close();
      host?.child.kill();
    }
    return results;
  },
};
