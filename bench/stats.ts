/** Statistics and timing helpers of the benchmark (tested in test/unit/bench-smoke.test.ts). */
import { performance } from 'node:perf_hooks';

/** The value at percentile p (0–100) by the nearest-rank method: an observed sample, never an interpolation. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile of no samples');
  if (p < 0 || p > 100) throw new Error(`percentile out of range: ${p}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/** The middle value; the mean of the two middle values for an even count. */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new Error('median of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const p95 = (samples: readonly number[]) => percentile(samples, 95);

export interface Summary {
  n: number;
  median: number;
  p95: number;
  min: number;
  max: number;
}

export function summarise(samples: readonly number[]): Summary {
  return { n: samples.length, median: median(samples), p95: p95(samples), min: Math.min(...samples), max: Math.max(...samples) };
}

/** Milliseconds taken by fn (awaited when it returns a promise). */
export async function timeMs(fn: () => unknown): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/** Milliseconds taken by a synchronous fn: no await, so no event-loop turn in the figure. */
export function timeSyncMs(fn: () => unknown): number {
  const started = performance.now();
  fn();
  return performance.now() - started;
}
