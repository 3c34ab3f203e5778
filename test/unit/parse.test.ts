import { describe, expect, it } from 'vitest';
import { parseDateInput, parseNumber } from '../../renderer/src/parse';

describe('input parsing (renderer)', () => {
  it('reads dates as people type them in Viet Nam', () => {
    expect(parseDateInput('5/1/2026')).toBe('2026-01-05');
    expect(parseDateInput('05/01/2026')).toBe('2026-01-05');
    expect(parseDateInput('2026-01-05')).toBe('2026-01-05');
    expect(parseDateInput('31/02/2026')).toBeNull();
    expect(parseDateInput('01/13/2026')).toBeNull();
    expect(parseDateInput('hôm nay')).toBeNull();
  });

  it('reads numbers with Vietnamese grouping and decimal comma', () => {
    expect(parseNumber('1.500.000')).toBe(1_500_000);
    expect(parseNumber('1500000')).toBe(1_500_000);
    expect(parseNumber('12,5')).toBe(12.5);
    expect(parseNumber('1.234,75')).toBe(1234.75);
    expect(parseNumber('')).toBeNull();
    expect(parseNumber('abc')).toBeNaN();
  });
});
