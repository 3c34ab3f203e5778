/** The benchmark is not part of npm test; its statistics and verdicts are, so it cannot silently break. */
import { describe, expect, it } from 'vitest';
import { result } from '../../bench/harness';
import { hqCounts } from '../../bench/hq-data';
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
