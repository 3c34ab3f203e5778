/** What scenarios are given and what they hand back. */
import type { ChildProcess } from 'node:child_process';
import type { DerivedKey } from '../electron/db/key';
import { median } from './stats';
import type { Dataset } from './data';
import type { HqDataset } from './hq-data';

export interface Sizes {
  activities: number;
  organisations: number;
  contacts: number;
  agreements: number;
  /** Activities created per repetition of the create scenarios. */
  createBatch: number;
  createSingle: number;
  /** Calls timed per latency scenario (search, list): p95 over these. */
  latencySamples: number;
  /** Repetitions of the throughput scenarios (create, open, figures): median over these. */
  runs: number;
  exportChanges: number;
  importBatches: number;
  importBatchSize: number;
}

export const FULL: Sizes = {
  activities: 100_000,
  organisations: 20_000,
  contacts: 40_000,
  agreements: 10_000,
  createBatch: 10_000,
  createSingle: 200,
  latencySamples: 300,
  runs: 5,
  exportChanges: 100_000,
  importBatches: 94,
  importBatchSize: 1_000,
};

export const QUICK: Sizes = {
  activities: 10_000,
  organisations: 2_000,
  contacts: 4_000,
  agreements: 1_000,
  createBatch: 2_000,
  createSingle: 50,
  latencySamples: 60,
  runs: 3,
  exportChanges: 10_000,
  importBatches: 10,
  importBatchSize: 1_000,
};

/** A figure and how it was reduced from its samples. */
export interface Measure {
  value: number;
  stat: 'median' | 'p95' | 'p99' | 'max' | 'single';
  samples: number;
}

export interface Target {
  /** 'ratio': ours / raw must stay at or under max; 'value': our figure itself must. */
  of: 'ratio' | 'value';
  max: number;
}

export interface Result {
  scenario: string;
  name: string;
  title: string;
  unit: 'ms' | 'MB' | 'tasks';
  ours: Measure;
  raw: Measure | null;
  ratio: number | null;
  target: Target;
  pass: boolean;
  note?: string;
}

export interface BenchEnv {
  sizes: Sizes;
  quick: boolean;
  /**
   * The key new folders are encrypted with (bench/data.ts newApp), derived once from
   * BENCH_PASSPHRASE; null with --plain. The datasets keep their own (Dataset.key).
   */
  key: DerivedKey | null;
  /** The shared dataset (built on first use, read-only for scenarios). */
  dataset(): Promise<Dataset>;
  /** HQ's dataset (bench/hq-data.ts), kept on disk between runs; read-only for scenarios. */
  hqDataset(): Promise<HqDataset>;
  /** Read-pool workers of the apps a scenario opens to measure what the window feels (0: every call on the main thread). */
  readers: number;
  /** A fresh empty folder, removed at the end of the run. */
  tempDir(label: string): string;
  log(message: string): void;
}

export interface Scenario {
  name: string;
  run(env: BenchEnv): Promise<Result[]>;
}

/** The median of repeated samples, as a figure. */
export function medianOf(samples: readonly number[]): Measure {
  return { value: median(samples), stat: 'median', samples: samples.length };
}

export function result(fields: Omit<Result, 'ratio' | 'pass'>): Result {
  const ratio = fields.raw && fields.raw.value > 0 ? fields.ours.value / fields.raw.value : null;
  const judged = fields.target.of === 'ratio' ? ratio : fields.ours.value;
  return { ...fields, ratio, pass: judged !== null && judged <= fields.target.max };
}

const children = new Set<ChildProcess>();

/** A process a scenario starts is stopped with the bench: on success, on failure and on Ctrl+C. */
export function stopWithBench<C extends ChildProcess>(child: C): C {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

export function stopChildren(): void {
  for (const child of children) child.kill();
}
