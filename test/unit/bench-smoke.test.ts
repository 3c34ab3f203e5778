/** The benchmark is not part of npm test; its statistics and verdicts are, so it cannot silently break. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { AppContext, DATABASE_FILE } from '../../electron/context';
import { keyInfoPath, newKey } from '../../electron/db/key';
import type { Db } from '../../electron/db/open';
import { dispatch } from '../../electron/ipc/dispatch';
import { APP_VERSION } from '../../electron/version';
import { BENCH_PASSPHRASE, isPlaintext, missionDataset, newApp, openApp, rawConnection, setUpMission } from '../../bench/data';
import { QUICK, result, type BenchEnv } from '../../bench/harness';
import { hqCounts } from '../../bench/hq-data';
import { queriesFromJson, queriesToJson } from '../../bench/replay';
import { median, p95, percentile, summarise } from '../../bench/stats';

describe('bench statistics', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1, unsorted on purpose

  it('median of odd and even counts, whatever the order', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median(hundred)).toBe(50.5);
  });

  it('p95 by nearest rank: an observed sample', () => {
    expect(p95(hundred)).toBe(95);
    expect(p95([10, 20])).toBe(20);
    expect(percentile([7, 1, 4], 0)).toBe(1);
    expect(percentile([7, 1, 4], 100)).toBe(7);
    expect(p95([3])).toBe(3);
  });

  it('does not reorder the caller’s samples', () => {
    const samples = [3, 1, 2];
    median(samples);
    p95(samples);
    expect(samples).toEqual([3, 1, 2]);
  });

  it('refuses empty input and percentiles out of range', () => {
    expect(() => median([])).toThrow();
    expect(() => percentile([1], 101)).toThrow();
  });

  it('hands recorded statements to a child with their BigInt parameters (keys of the list text index)', () => {
    const queries = [{ sql: 'SELECT 1 WHERE ? < ?', method: 'get' as const, args: [(20_000n << 32n) | 7n, 'xuc tien', 3, null] }];
    expect(queriesFromJson(queriesToJson(queries))).toEqual(queries);
  });

  it('summarises', () => {
    expect(summarise([4, 2, 8, 6])).toEqual({ n: 4, median: 5, p95: 8, min: 2, max: 8 });
  });
});

describe('bench verdicts', () => {
  const base = { scenario: 's', name: 's', title: 's', unit: 'ms' as const };

  it('judges a ratio target on ours / raw', () => {
    const r = result({
      ...base,
      ours: { value: 30, stat: 'median', samples: 5 },
      raw: { value: 10, stat: 'median', samples: 5 },
      target: { of: 'ratio', max: 2.5 },
    });
    expect(r.ratio).toBe(3);
    expect(r.pass).toBe(false);
    expect(
      result({ ...base, ours: { value: 25, stat: 'median', samples: 5 }, raw: { value: 10, stat: 'median', samples: 5 }, target: { of: 'ratio', max: 2.5 } })
        .pass,
    ).toBe(true);
  });

  it('judges a value target on our figure, whatever raw did', () => {
    const r = result({ ...base, ours: { value: 6, stat: 'p95', samples: 9 }, raw: { value: 1, stat: 'p95', samples: 9 }, target: { of: 'value', max: 5 } });
    expect(r.pass).toBe(false);
    expect(r.ratio).toBe(6);
  });

  it('a ratio target with no raw figure is a miss, not a pass', () => {
    expect(result({ ...base, ours: { value: 1, stat: 'median', samples: 1 }, raw: null, target: { of: 'ratio', max: 2.5 } }).pass).toBe(false);
  });
});

describe('HQ dataset sizes', () => {
  it('is the issue’s at scale 1 and keeps the 94 missions at a fraction', () => {
    expect(hqCounts(1)).toEqual({ missions: 94, activities: 1_000_000, organisations: 200_000, agreements: 100_000 });
    expect(hqCounts(0.01)).toEqual({ missions: 94, activities: 10_000, organisations: 2_000, agreements: 1_000 });
    expect(hqCounts(0.000001).activities).toBe(1);
  });
});

describe('bench data folders', () => {
  const tiny = { ...QUICK, activities: 30, organisations: 4, contacts: 4, agreements: 4 };
  const quiet = () => {};
  const folder = () => fs.mkdtempSync(path.join(os.tmpdir(), 'bench-data-'));
  const header = (dir: string) => fs.readFileSync(path.join(dir, DATABASE_FILE)).subarray(0, 16).toString('latin1');
  const activities = (db: Db) => db.prepare(`SELECT count(*) FROM activities`).pluck().get();

  /** What the app does at start with the folder: it is locked, and the passphrase opens it. */
  async function unlockAsTheAppDoes(dir: string): Promise<AppContext> {
    const app = new AppContext({ dataDir: dir, transport: 'cli', appVersion: APP_VERSION });
    expect(app.encrypted).toBe(true);
    expect(app.locked).toBe(true);
    const unlocked = await dispatch(app, 'security.unlock', { passphrase: BENCH_PASSPHRASE });
    expect(unlocked.ok).toBe(true);
    return app;
  }

  it('the dataset is encrypted as a user’s folder is, and its description keeps the key both sides open it with', async () => {
    const dir = path.join(folder(), 'dataset');
    const dataset = await missionDataset(dir, tiny, true, quiet);
    expect(header(dir)).not.toBe('SQLite format 3\0');
    expect(fs.existsSync(keyInfoPath(dir))).toBe(true);
    expect(dataset.key).toMatch(/^[0-9a-f]{64}$/);
    const app = await unlockAsTheAppDoes(dir);
    expect(activities(app.db)).toBe(30);
    app.close();
    const ours = openApp(dir, dataset.key);
    expect(activities(ours.db)).toBe(30);
    ours.close();
    const raw = rawConnection(path.join(dir, DATABASE_FILE), dataset.key);
    expect(activities(raw)).toBe(30);
    raw.close();
    const keyless = new Database(path.join(dir, DATABASE_FILE));
    expect(() => activities(keyless)).toThrow();
    keyless.close();
  });

  it('a plaintext dataset cached by an earlier run is encrypted in place, not reused; --plain gets a plaintext one', async () => {
    const dir = path.join(folder(), 'dataset');
    const plain = await missionDataset(dir, tiny, false, quiet);
    expect(plain.key).toBeNull();
    expect(isPlaintext(path.join(dir, DATABASE_FILE))).toBe(true);
    // As a description written before the bench encrypted (it had no key).
    const stampFile = path.join(dir, 'bench-dataset.json');
    const { key: _key, ...old } = JSON.parse(fs.readFileSync(stampFile, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(stampFile, JSON.stringify(old));
    const encrypted = await missionDataset(dir, tiny, true, quiet);
    expect(isPlaintext(path.join(dir, DATABASE_FILE))).toBe(false);
    // The same records, not a rebuild.
    expect(encrypted.missionId).toBe(plain.missionId);
    expect((await missionDataset(dir, tiny, true, quiet)).key).toBe(encrypted.key);
    const again = await missionDataset(dir, tiny, false, quiet);
    expect(again.key).toBeNull();
    expect(isPlaintext(path.join(dir, DATABASE_FILE))).toBe(true);
  });

  it('a new folder is encrypted from its first page with the run’s key, and the app opens it with the passphrase', async () => {
    const root = folder();
    let made = 0;
    const env = { key: await newKey(BENCH_PASSPHRASE), tempDir: (label: string) => fs.mkdtempSync(path.join(root, `${label}-${++made}-`)) } as BenchEnv;
    const app = newApp(env, 'new');
    await setUpMission(app);
    const dir = app.options.dataDir;
    app.close();
    expect(header(dir)).not.toBe('SQLite format 3\0');
    const reopened = await unlockAsTheAppDoes(dir);
    expect(reopened.missionId()).toBeTruthy();
    reopened.close();
  });
});
