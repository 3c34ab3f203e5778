/**
 * npm run bench [-- --quick] [-- --json] [-- --out FILE] [-- --only search,list] [-- --data DIR]
 *   [-- --hq | --scale 0.05] [-- --hq-data DIR] [-- --readers N] [-- --plain]
 * Measures each scenario against raw better-sqlite3 doing the same work on the same files in
 * the same run, and prints our figure, the raw figure, their ratio, the target and PASS/MISS.
 * Every folder is encrypted as a user's is (SQLCipher, both sides with the same key);
 * --plain measures plaintext folders instead, for comparison.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { newKey } from '../electron/db/key';
import { APP_VERSION } from '../electron/version';
import { BENCH_PASSPHRASE, missionDataset, type Dataset } from './data';
import { FULL, QUICK, stopChildren, type BenchEnv, type Result, type Scenario } from './harness';
import { createScenario } from './scenarios/create';
import { exchangeScenario } from './scenarios/exchange';
import { figuresScenario } from './scenarios/figures';
import { hqScenario } from './scenarios/hq';
import { listScenario } from './scenarios/list';
import { CHILD_FLAG, memoryChild, memoryScenario, type MemoryWork } from './scenarios/memory';
import { openScenario } from './scenarios/open';
import { responsiveScenario } from './scenarios/responsive';
import { hqCounts, hqDataset, type HqDataset } from './hq-data';
import { READERS } from '../electron/db/read-pool';
import { rendererScenario } from './scenarios/renderer';
import { searchScenario } from './scenarios/search';

const SCENARIOS: Scenario[] = [
  createScenario,
  searchScenario,
  listScenario,
  figuresScenario,
  openScenario,
  memoryScenario,
  exchangeScenario,
  responsiveScenario,
  hqScenario,
  rendererScenario,
];

function format(value: number, unit: Result['unit']): string {
  if (unit === 'MB') return `${value.toFixed(0)} MB`;
  if (unit === 'tasks') return `${value} long tasks`;
  return value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(2)} ms`;
}

function table(results: Result[]): string {
  const rows = results.map((r) => [
    r.name,
    r.ours.stat === 'single' ? format(r.ours.value, r.unit) : `${format(r.ours.value, r.unit)} ${r.ours.stat}`,
    r.raw ? format(r.raw.value, r.unit) : '-',
    r.ratio === null ? '-' : `${r.ratio.toFixed(2)}x`,
    r.target.of === 'ratio' ? `ratio <= ${r.target.max}` : r.unit === 'tasks' ? 'none over 50 ms' : `<= ${format(r.target.max, r.unit)}`,
    r.pass ? 'PASS' : 'MISS',
  ]);
  const head = ['scenario', 'ours', 'raw SQLite', 'ratio', 'target', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const notes = results.map((r) => `  ${r.name}: ${r.title}${r.note ? `; ${r.note}` : ''}`);
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), '', ...notes].join('\n');
}

async function main(): Promise<void> {
  if (process.argv[2] === CHILD_FLAG) return memoryChild(process.argv[3] as MemoryWork, process.argv[4]!, process.argv[5]);
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean' },
      quick: { type: 'boolean' },
      only: { type: 'string', multiple: true },
      data: { type: 'string' },
      out: { type: 'string' },
      hq: { type: 'boolean' },
      scale: { type: 'string' },
      'hq-data': { type: 'string' },
      readers: { type: 'string' },
      plain: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(
      `npm run bench -- [--quick] [--json] [--out FILE.json] [--only NAME[,NAME]] [--data DIR] [--hq | --scale X] [--hq-data DIR] [--readers N] [--plain]\nscenarios: ${SCENARIOS.map((s) => s.name).join(', ')}\n`,
    );
    return;
  }
  const only = new Set((values.only ?? []).flatMap((o) => o.split(',')).filter(Boolean));
  const unknown = [...only].filter((name) => !SCENARIOS.some((s) => s.name === name));
  if (unknown.length) throw new Error(`unknown scenario ${unknown.join(', ')}; known: ${SCENARIOS.map((s) => s.name).join(', ')}`);
  const sizes = values.quick ? QUICK : FULL;
  const encrypted = !values.plain;
  const encryption = encrypted ? 'encrypted (SQLCipher)' : 'plaintext';
  const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
  // One scrypt derivation for every new folder of the run, as the app makes one per passphrase.
  const key = encrypted ? await newKey(BENCH_PASSPHRASE) : null;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cau-noi-bench-'));
  let built: Promise<Dataset> | null = null;
  let builtHq: Promise<HqDataset> | null = null;
  // HQ's dataset: full with --hq (1,000,000 activities), else a tenth (a hundredth with --quick) unless --scale says.
  const hq = hqCounts(values.scale ? Number(values.scale) : values.hq ? 1 : values.quick ? 0.01 : 0.1);
  if (!(hq.activities > 0)) throw new Error(`--scale must be a positive number, not ${values.scale}`);
  // Kept outside the scratch folder: built once, reused by the next runs. The plaintext one (--plain) keeps the name
  // it had before the bench encrypted; the encrypted one has its own, so that neither run rebuilds the other's.
  const hqDir = values['hq-data']
    ? path.resolve(values['hq-data'])
    : path.join(os.tmpdir(), `cau-noi-bench-hq-${hq.activities}${encrypted ? '-encrypted' : ''}`);
  let folders = 0;
  const env: BenchEnv = {
    sizes,
    quick: Boolean(values.quick),
    key,
    dataset: () => (built ??= missionDataset(values.data ? path.resolve(values.data) : path.join(scratch, 'dataset'), sizes, encrypted, log)),
    hqDataset: () => (builtHq ??= hqDataset(hqDir, hq, encrypted, log)),
    readers: values.readers === undefined ? READERS : Number(values.readers),
    tempDir: (label) => fs.mkdtempSync(path.join(scratch, `${label}-${++folders}-`)),
    log,
  };
  const results: Result[] = [];
  // A scenario that breaks is reported; the others still run.
  const failures: { scenario: string; error: string }[] = [];
  const started = Date.now();
  try {
    for (const scenario of SCENARIOS.filter((s) => only.size === 0 || only.has(s.name))) {
      log(`${scenario.name}...`);
      const t0 = Date.now();
      try {
        const out = await scenario.run(env);
        results.push(...out);
        for (const r of out)
          log(
            `${r.name}: ${format(r.ours.value, r.unit)}${r.ratio === null ? '' : ` (${r.ratio.toFixed(2)}x raw)`} ${r.pass ? 'PASS' : 'MISS'} [${((Date.now() - t0) / 1000).toFixed(1)} s]`,
          );
      } catch (error) {
        failures.push({ scenario: scenario.name, error: (error as Error).message.split('\n')[0]! });
        log(`${scenario.name} FAILED: ${(error as Error).stack ?? String(error)}`);
      }
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  // The load average says how busy the machine was (other processes share its cores).
  const machine = {
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? '',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    loadAverage: os.loadavg().map((l) => Math.round(l * 10) / 10),
  };
  const report = {
    appVersion: APP_VERSION,
    date: new Date().toISOString(),
    quick: Boolean(values.quick),
    encryption,
    sizes,
    machine,
    seconds: (Date.now() - started) / 1000,
    results,
    failures,
  };
  if (values.out) fs.writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
  if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else
    process.stdout.write(
      `Data folders: ${encryption}\n\n${table(results)}\n${failures.map((f) => `\nFAILED ${f.scenario}: ${f.error}`).join('')}\n${results.filter((r) => r.pass).length}/${results.length} PASS in ${report.seconds.toFixed(0)} s (${values.quick ? 'quick sizes' : 'full sizes'}, ${encryption}; ${machine.cpus} cores, load ${machine.loadAverage.join(' ')}, ${machine.node})\n`,
    );
  if (failures.length) process.exitCode = 2;
  else if (results.some((r) => !r.pass)) process.exitCode = 1;
}

// Ctrl+C (or a CI timeout) ends the host and browsers the scenarios started, then the bench.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    stopChildren();
    process.exit(130);
  });
}
process.once('exit', stopChildren);

// Ends even when a scenario that failed left a thread or a connection open.
main().then(
  () => process.exit(),
  (error: Error) => {
    process.stderr.write(`bench: ${error.stack ?? error.message}\n`);
    process.exit(2);
  },
);
