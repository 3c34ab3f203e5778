import { describe, expect, it } from 'vitest';
import { parseNumber, readDate, readNumber } from '../../shared/parse';

describe('dates as people type them in Viet Nam', () => {
  it.each([
    ['12/2/2025', '2025-02-12'],
    ['12/02/2025', '2025-02-12'],
    ['12.02.2025', '2025-02-12'],
    ['12-02-2025', '2025-02-12'],
    [' 5/1/2026 ', '2026-01-05'],
    ['12 / 02 / 2025', '2025-02-12'],
    ['12/02/25', '2025-02-12'],
    ['15/08/98', '1998-08-15'],
    ['12022025', '2025-02-12'],
    ['2026-01-05', '2026-01-05'],
    ['29/02/2024', '2024-02-29'],
  ])('%s is %s', (text, iso) => {
    expect(readDate(text)).toEqual({ kind: 'date', iso });
  });

  it.each(['1', '12', '12/', '12/0', '12/02', '12/02/', '12/02/2', '12/02/202', '1202', '2025-', '2025-02-'])('%s is a date being typed', (text) => {
    expect(readDate(text).kind).toBe('incomplete');
  });

  it.each(['31/02/2025', '29/02/2025', '12/13/2025', '00/01/2025', '12/02/1850', '2025-02-30'])('%s is not on the calendar', (text) => {
    expect(readDate(text).kind).toBe('impossible');
  });

  it.each(['hôm nay', '12/02/2025x', 'a/b/c', '1//id/inva', '12/02/20255'])('%s is not a date', (text) => {
    expect(readDate(text).kind).toBe('invalid');
  });

  it('reads empty text as no date', () => {
    expect(readDate('   ').kind).toBe('empty');
  });
});

describe('amounts as people type them', () => {
  it.each([
    ['1.500.000', 1_500_000],
    ['1500000', 1_500_000],
    ['2500,75', 2500.75],
    ['2.500,75', 2500.75],
    ['12,5', 12.5],
    ['1.234,75', 1234.75],
    ['1 500 000', 1_500_000],
    ['1\u00a0500\u00a0000', 1_500_000],
    ['1,500,000', 1_500_000],
    ['2,500.75', 2500.75],
    ['1,234,567.5', 1_234_567.5],
    ['1500.5', 1500.5],
    ['1.500.000 USD', 1_500_000],
    ['$2.000', 2000],
    ['1,5 triệu', 1_500_000],
    ['1,5 trieu USD', 1_500_000],
    ['2 tỷ', 2_000_000_000],
    ['0', 0],
  ])('%s is %d', (text, value) => {
    expect(readNumber(text)).toEqual({ kind: 'number', value });
  });

  it('says a negative number is negative instead of dropping the sign', () => {
    expect(readNumber('-500')).toEqual({ kind: 'negative', value: -500 });
    expect(readNumber('−1.500')).toEqual({ kind: 'negative', value: -1500 });
  });

  it.each(['abc', '1.', '1.500.', '2500,', '-', '1,5,0', '12a', '1..5'])('%s is not a number', (text) => {
    expect(readNumber(text)).toEqual({ kind: 'invalid' });
  });

  it('gives forms null for empty, NaN for text that is no number', () => {
    expect(parseNumber('')).toBeNull();
    expect(parseNumber('abc')).toBeNaN();
    expect(parseNumber('-5')).toBe(-5);
  });
});
