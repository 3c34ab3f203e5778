/**
 * HQ at issue 17's size (bench/hq-data.ts: 1,000,000 activities over 94 missions with --hq, a
 * tenth by default): what the Ministry's screens ask of that folder. Opening it with its first
 * list page; the activity list's first page in a few filter shapes (one mission, a period, a
 * text); search; a mission's half-year figures and every mission's (the dashboard's
 * figures.compute with no mission, and hq.figures behind the missions card and the
 * consolidated report); the RSS of a process that did all that; and importing a half-year's
 * batches from the 94 missions against plain inserts of the same rows into the same file.
 * Reads run on the main connection; raw replays the statements each call ran.
 */
import path from 'node:path';
import { DATABASE_FILE, type AppContext } from '../../electron/context';
import { openDatabase } from '../../electron/db/open';
import type { ChannelInput, ChannelName } from '../../shared/contract';
import { COUNT_AT_ONCE, type ActivityFilter } from '../../shared/domain/activity';
import { parsePeriod } from '../../shared/period';
import { openApp } from '../data';
import { medianOf, result, type BenchEnv, type Measure, type Result, type Scenario } from '../harness';
import { copyFolder, type HqDataset } from '../hq-data';
import { recordQueries, replayer } from '../replay';
import { p95, timeMs, timeSyncMs } from '../stats';
import { rawWriter } from './create';
import { call, missionBatches } from './exchange';
import { FIGURES_PERIOD } from './figures';
import { rssOf } from './memory';
import { openTimes } from './open';
import { searchSamples } from './search';

/** Change rows a mission's activity makes (its fields, one row each): the batch size missionBatches is given. */
const CHANGES_PER_ACTIVITY = 11;

/** The list's first page (rows only, as the window asks) in shapes HQ uses; missions picked from the dataset's. */
function listFilters(missionIds: readonly string[]): ActivityFilter[] {
  const mission = (k: number) => missionIds[(k * 31) % missionIds.length]!;
  return [
    {},
    { mission: mission(0) },
    { mission: mission(1), period: FIGURES_PERIOD },
    { period: FIGURES_PERIOD },
    { period: FIGURES_PERIOD, kinds: ['trade-promotion'] },
    { text: 'xuc tien' },
    { period: '2025', text: 'hoi cho' },
    { mission: mission(2), text: 'du lich' },
  ];
}

interface Timed {
  ours: number[];
  raw: number[];
  perInput: number[][];
}

/**
 * `samples` calls cycling through `inputs`, each preceded by `before` (a write, so nothing
 * remembered helps), and the statements each input ran replayed raw.
 */
async function timeCalls<C extends ChannelName>(
  app: AppContext,
  channel: C,
  inputs: ChannelInput<C>[],
  samples: number,
  before: () => void = () => {},
): Promise<Timed> {
  const raws: (() => void)[] = [];
  for (const input of inputs) {
    before();
    raws.push(replayer(app.db, await recordQueries(app.db, () => call(app, channel, input))));
  }
  const timed: Timed = { ours: [], raw: [], perInput: inputs.map(() => []) };
  for (let i = 0; i < samples; i++) {
    const k = i % inputs.length;
    before();
    const ms = await timeMs(() => call(app, channel, inputs[k]!));
    timed.ours.push(ms);
    timed.perInput[k]!.push(ms);
    timed.raw.push(timeSyncMs(raws[k]!));
  }
  return timed;
}

const p95Of = (samples: number[]): Measure => ({ value: p95(samples), stat: 'p95', samples: samples.length });

async function reads(env: BenchEnv, hq: HqDataset, over: string): Promise<Result[]> {
  const app = openApp(hq.dir, hq.key);
  let touches = 0;
  // Any write makes remembered totals stale; this one changes no activity.
  const touch = () => app.settings.set('bench.touch', ++touches);
  const filters = listFilters(hq.missionIds);
  const list = await timeCalls(
    app,
    'activity.list',
    filters.map((filter) => ({ filter, limit: 200, withTotal: false })),
    env.sizes.latencySamples,
    touch,
  );
  const search = await searchSamples(app, env.sizes.latencySamples);
  // The partners' and agreements' pages with their totals: all, a filter, half-way down.
  const organisations = await timeCalls(
    app,
    'organisation.list',
    [{}, { filter: { kinds: ['company'] } }, { offset: Math.floor(hq.counts.organisations / 2) }],
    env.sizes.latencySamples,
  );
  const agreements = await timeCalls(
    app,
    'agreement.list',
    [{}, { filter: { period: FIGURES_PERIOD } }, { offset: Math.floor(hq.counts.agreements / 2) }],
    env.sizes.latencySamples,
  );
  const asOf = '2026-11-22';
  const missions = Array.from({ length: 5 }, (_, k) => hq.missionIds[(k * 19) % hq.missionIds.length]!);
  const runs = Math.max(env.sizes.runs, 5);
  const one = await timeCalls(
    app,
    'figures.compute',
    missions.map((missionId) => ({ period: FIGURES_PERIOD, missionId, asOf })),
    runs * 2,
  );
  const everyRuns = Math.min(env.sizes.runs, 3);
  const every = await timeCalls(app, 'figures.compute', [{ period: FIGURES_PERIOD, missionId: null, asOf }], everyRuns);
  const consolidated = await timeCalls(app, 'hq.figures', [{ period: FIGURES_PERIOD }], everyRuns);
  const report = await reportTimes(app, everyRuns);
  app.close();
  const shapes = list.perInput.map((s, k) => `${JSON.stringify(filters[k])} ${p95(s).toFixed(1)} ms`).join('; ');
  return [
    result({
      scenario: 'hq',
      name: 'hq-list',
      title: `${over}: activity.list first page of 200 (rows only), ${filters.length} filter shapes`,
      unit: 'ms',
      ours: p95Of(list.ours),
      raw: p95Of(list.raw),
      target: { of: 'value', max: 15 },
      note: `p95 by shape: ${shapes}`,
    }),
    result({
      scenario: 'hq',
      name: 'hq-search',
      title: `${over}: search.query top 50`,
      unit: 'ms',
      ours: p95Of(search.ours),
      raw: p95Of(search.raw),
      target: { of: 'value', max: 5 },
    }),
    result({
      scenario: 'hq',
      name: 'hq-partners',
      title: `${over}: organisation.list and agreement.list, a page of 200 with its total (all, a kind or a half-year, half-way down)`,
      unit: 'ms',
      ours: p95Of([...organisations.ours, ...agreements.ours]),
      raw: p95Of([...organisations.raw, ...agreements.raw]),
      target: { of: 'value', max: 15 },
      note: `target ours: the activity list's at HQ's size; p95 organisations ${p95(organisations.ours).toFixed(1)} ms, agreements ${p95(agreements.ours).toFixed(1)} ms`,
    }),
    result({
      scenario: 'hq',
      name: 'hq-figures-mission',
      title: `${over}: figures.compute ${FIGURES_PERIOD} of one mission (${missions.length} missions in turn)`,
      unit: 'ms',
      ours: medianOf(one.ours),
      raw: medianOf(one.raw),
      target: { of: 'value', max: 50 },
    }),
    result({
      scenario: 'hq',
      name: 'hq-figures-all',
      title: `${over}: figures.compute ${FIGURES_PERIOD} of every mission (HQ's dashboard)`,
      unit: 'ms',
      ours: medianOf(every.ours),
      raw: medianOf(every.raw),
      target: { of: 'value', max: 400 },
    }),
    result({
      scenario: 'hq',
      name: 'hq-consolidated',
      title: `${over}: hq.figures ${FIGURES_PERIOD} (every mission, each mission, each region: the missions card and HQ's report)`,
      unit: 'ms',
      ours: medianOf(consolidated.ours),
      raw: medianOf(consolidated.raw),
      target: { of: 'value', max: 400 },
    }),
    result({
      scenario: 'hq',
      name: 'hq-report-docx',
      title: `${over}: hq.report.document ${FIGURES_PERIOD}, HQ's consolidated report as .docx (${report.rows.toLocaleString('en')} table rows), as HQ waits for it`,
      unit: 'ms',
      ours: medianOf(report.times),
      raw: null,
      target: { of: 'value', max: 5000 },
    }),
  ];
}

/** HQ's consolidated report written as .docx, end to end (figures, model, writer); its table rows counted once. */
async function reportTimes(app: AppContext, runs: number): Promise<{ times: number[]; rows: number }> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await timeMs(() => call(app, 'hq.report.document', { period: FIGURES_PERIOD })));
  const model = await call(app, 'hq.report.model', { period: FIGURES_PERIOD });
  const rows = model.sections.flatMap((s) => s.blocks).reduce((n, b) => n + (b.kind === 'table' ? b.table.rows.length : 0), 0);
  return { times, rows };
}

/**
 * The 94 missions each send a half-year's activities (as many as the dataset holds per
 * mission in FIGURES_PERIOD) in one batch; HQ imports them all into a copy of its folder.
 * Raw: the rows the missions wrote, inserted into another copy, one transaction per batch.
 */
async function importHalfYear(env: BenchEnv, hq: HqDataset, over: string): Promise<Result> {
  const dir = env.tempDir('hq-import');
  copyFolder(hq.dir, dir);
  const app = openApp(dir, hq.key);
  const period = parsePeriod(FIGURES_PERIOD)!;
  const inPeriod = app.db
    .prepare(`SELECT count(*) FROM activities WHERE deleted_at IS NULL AND start_date BETWEEN ? AND ?`)
    .pluck()
    .get(period.start, period.end) as number;
  const perMission = Math.max(1, Math.round(inPeriod / hq.counts.missions));
  const { files, rows } = await missionBatches(env, app, hq.counts.missions, perMission * CHANGES_PER_ACTIVITY);
  const changes = rows.flat().reduce((n, r) => n + r.changes.length, 0);
  let applied = 0;
  const ours = await timeMs(async () => {
    const reports = await call(app, 'exchange.import', { files: files.map((file) => ({ path: file })) });
    applied = reports.filter((r) => r.status === 'applied').length;
  });
  app.close();
  if (applied !== files.length) throw new Error(`${applied} of ${files.length} batches applied`);
  const rawDir = env.tempDir('hq-import-raw');
  copyFolder(hq.dir, rawDir);
  const db = openDatabase({ path: path.join(rawDir, DATABASE_FILE), key: hq.key });
  const write = rawWriter(db, rows[0]![0]!.activity);
  const raw = timeSyncMs(() => rows.forEach((batch) => write(batch)));
  db.close();
  return result({
    scenario: 'hq',
    name: 'hq-import',
    title: `${over}: HQ imports ${files.length} batches of a half-year (${perMission.toLocaleString('en')} activities each, ${changes.toLocaleString('en')} changes) vs plain inserts of the same rows into the same folder`,
    unit: 'ms',
    ours: { value: ours, stat: 'single', samples: 1 },
    raw: { value: raw, stat: 'single', samples: 1 },
    target: { of: 'ratio', max: 2.5 },
  });
}

export const hqScenario: Scenario = {
  name: 'hq',
  async run(env) {
    const hq = await env.hqDataset();
    const over = `HQ, ${hq.counts.activities.toLocaleString('en')} activities over ${hq.counts.missions} missions`;
    const open = result({
      scenario: 'hq',
      name: 'hq-open',
      title: `${over}: open the folder + first list page and its total up to ${COUNT_AT_ONCE.toLocaleString('en')}, as the window asks`,
      unit: 'ms',
      ...(await openTimes(hq.dir, hq.key, env.sizes.runs)),
      target: { of: 'value', max: 300 },
    });
    const memory = result({
      scenario: 'hq',
      name: 'hq-memory',
      title: `${over}: main-process RSS after list pages, search, a mission's figures and hq.figures`,
      unit: 'MB',
      ...(await rssOf(env, hq.dir, hq.key, 'hq')),
      target: { of: 'value', max: 400 },
    });
    return [open, ...(await reads(env, hq, over)), memory, await importHalfYear(env, hq, over)];
  },
};
