/**
 * Exchange batches. Export: 100,000 changes read, signed and encrypted to a new receiver,
 * against dumping the same change rows to JSON lines gzipped at the batch's level; timed after the lines were signed
 * ahead (as the idle app does), the export right after the writes in the note. HQ import: 94 missions'
 * batches of ~1,000 changes each (verified, merged, applied), against plain inserts of the
 * rows the missions wrote (activities, links, change log, search text) into an empty file;
 * meanwhile the delay of the main process's event loop (the one that serves the window).
 */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { PAYLOAD_GZIP_LEVEL } from '../../electron/services/exchange/format';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import type { AppContext } from '../../electron/context';
import { dispatch } from '../../electron/ipc/dispatch';
import { demoActivities } from '../../electron/services/demo';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../shared/contract';
import { newApp, openApp, SEED, setUpMission } from '../data';
import { setUpHq } from '../hq-data';
import { medianOf, result, type BenchEnv, type Result, type Scenario } from '../harness';
import { signAhead } from '../../electron/services/exchange/line-signing';
import { median, timeMs, timeSyncMs } from '../stats';
import { createCapturing, rawDb, rawWriter, type RecordRows } from './create';

export async function call<C extends ChannelName>(app: AppContext, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const answer = await dispatch(app, channel, input);
  if (!answer.ok) throw new Error(`${channel} failed: ${answer.error.code} ${answer.error.message}`);
  return answer.value as ChannelOutput<C>;
}

const changeCount = (app: AppContext) => app.db.prepare(`SELECT count(*) FROM changes`).pluck().get() as number;

async function exportScenario(env: BenchEnv): Promise<Result> {
  const app = newApp(env, 'export');
  await setUpMission(app);
  for (let chunk = 0; changeCount(app) < env.sizes.exportChanges; chunk++) app.activities.createMany(demoActivities({ count: 1000, seed: SEED + 100 + chunk }));
  const changes = changeCount(app);
  const raw: number[] = [];
  const runs = Math.min(env.sizes.runs, 3);
  const exportOnce = async () => {
    // A new receiver each time: the batch carries every change, as a first batch to HQ does.
    const recipient = await identityToRecipient(await generateX25519Identity());
    const out = env.tempDir('export-out');
    let sent = 0;
    const ms = await timeMs(async () => (sent = (await call(app, 'exchange.export', { recipients: [recipient], out: `${out}/` })).changeCount));
    if (sent !== changes) throw new Error(`the batch carries ${sent} changes, not ${changes}`);
    raw.push(
      timeSyncMs(() => {
        const rows = app.db.prepare(`SELECT hlc, device_id, author, entity, record_id, field, value FROM changes ORDER BY seq`).raw().all();
        fs.writeFileSync(path.join(out, 'raw.jsonl.gz'), gzipSync(rows.map((r) => JSON.stringify(r)).join('\n'), { level: PAYLOAD_GZIP_LEVEL }));
      }),
    );
    return ms;
  };
  // Right after the writes nothing is signed yet: the export signs every line itself.
  const cold: number[] = [];
  for (let run = 0; run < runs; run++) cold.push(await exportOnce());
  // What the app does while nobody uses it (line-signing.ts), slice after slice.
  const signing = await timeMs(async () => {
    while ((await signAhead(app)) > 0);
  });
  const ours: number[] = [];
  for (let run = 0; run < runs; run++) ours.push(await exportOnce());
  app.close();
  const rawMedian = medianOf(raw);
  return result({
    scenario: 'exchange',
    name: 'export',
    title: `export a batch of ${changes.toLocaleString('en')} changes (signed, age-encrypted) vs the same rows to gzipped JSON lines`,
    unit: 'ms',
    ours: medianOf(ours),
    raw: rawMedian,
    target: { of: 'ratio', max: 2 },
    note: `lines signed ahead while idle (${(signing / 1000).toFixed(1)} s in slices); with none signed ahead ${Math.round(median(cold))} ms (${(median(cold) / rawMedian.value).toFixed(2)}×)`,
  });
}

/** `missions` missions' first batches to HQ (~`batchSize` changes each), trusted by `hq`; with the rows they wrote (the raw side). */
export async function missionBatches(env: BenchEnv, hq: AppContext, missions: number, batchSize: number): Promise<{ files: string[]; rows: RecordRows[][] }> {
  const hqRecipient = (await call(hq, 'exchange.identity', {})).recipient;
  const files: string[] = [];
  const rows: RecordRows[][] = [];
  const perActivity = 11;
  for (let m = 0; m < missions; m++) {
    const mission = newApp(env, 'mission');
    await call(mission, 'app.setup', {
      mode: 'mission',
      mission: {
        code: `DSQ-${String(m + 1).padStart(3, '0')}`,
        nameVi: `Cơ quan đại diện số ${m + 1}`,
        nameEn: `Mission ${m + 1}`,
        kind: 'embassy',
        country: 'JP',
        city: 'Tokyo',
      },
      user: { name: 'Cán bộ', role: 'head' },
    });
    rows.push(createCapturing(mission, demoActivities({ count: Math.round(batchSize / perActivity), seed: SEED + 1000 + m })));
    const sent = await call(mission, 'exchange.export', { recipients: [hqRecipient], out: `${env.tempDir('batch')}/` });
    files.push(sent.path);
    mission.close();
    await call(hq, 'exchange.trust', { file: { path: sent.path } });
  }
  return { files, rows };
}

async function importScenario(env: BenchEnv): Promise<Result> {
  const { importBatches: missions, importBatchSize } = env.sizes;
  // HQ once, copied for every run: its key must stay the one the batches are encrypted to.
  const hq = newApp(env, 'hq');
  const template = hq.options.dataDir;
  await setUpHq(hq);
  const { files, rows } = await missionBatches(env, hq, missions, importBatchSize);
  hq.db.pragma('wal_checkpoint(TRUNCATE)');
  hq.close();
  const changes = rows.flat().reduce((n, r) => n + r.changes.length, 0);
  const ours: number[] = [];
  const raw: number[] = [];
  for (let run = 0; run < Math.min(env.sizes.runs, 3); run++) {
    const dir = env.tempDir('hq-run');
    for (const name of fs.readdirSync(template)) fs.copyFileSync(path.join(template, name), path.join(dir, name));
    const app = openApp(dir, env.key?.hex ?? null);
    let reports: ChannelOutput<'exchange.import'> = [];
    ours.push(await timeMs(async () => (reports = await call(app, 'exchange.import', { files: files.map((file) => ({ path: file })) }))));
    const applied = reports.filter((r) => r.status === 'applied').length;
    if (applied !== missions)
      throw new Error(`${applied} of ${missions} batches applied: ${JSON.stringify(reports.find((r) => r.status !== 'applied')?.error)}`);
    app.close();
    const db = rawDb(env);
    const write = rawWriter(db, rows[0]![0]!.activity);
    raw.push(timeSyncMs(() => rows.forEach((batch) => write(batch))));
    db.close();
  }
  return result({
    scenario: 'exchange',
    name: 'import',
    title: `HQ imports ${missions} batches (${changes.toLocaleString('en')} changes) vs plain inserts of the same rows`,
    unit: 'ms',
    ours: medianOf(ours),
    raw: medianOf(raw),
    target: { of: 'ratio', max: 2.5 },
  });
}

export const exchangeScenario: Scenario = {
  name: 'exchange',
  run: async (env) => [await exportScenario(env), await importScenario(env)],
};
