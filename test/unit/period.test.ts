import { describe, expect, it } from 'vitest';
import { halfYearOf, isIsoDate, parsePeriod, periodContains, periodLabel, previousYearPeriod, recentPeriods } from '../../shared/period';

describe('periods', () => {
  it('parses years, half-years, quarters and ranges', () => {
    expect(parsePeriod('2025S1')).toMatchObject({ kind: 'half', start: '2025-01-01', end: '2025-06-30' });
    expect(parsePeriod('2025S2')).toMatchObject({ start: '2025-07-01', end: '2025-12-31' });
    expect(parsePeriod('2024Q1')).toMatchObject({ start: '2024-01-01', end: '2024-03-31' });
    expect(parsePeriod('2025Q3')).toMatchObject({ start: '2025-07-01', end: '2025-09-30' });
    expect(parsePeriod('2025')).toMatchObject({ kind: 'year', start: '2025-01-01', end: '2025-12-31' });
    expect(parsePeriod('2025-02-10..2025-04-30')).toMatchObject({ kind: 'range', start: '2025-02-10', end: '2025-04-30' });
  });

  it('rejects what is not a period', () => {
    for (const bad of ['2025S3', '2025Q5', '25S1', '2025-02-30..2025-03-01', '2025-05-01..2025-04-01', '', 'S1']) {
      expect(parsePeriod(bad), bad).toBeNull();
    }
  });

  it('puts 30 June in the first half and 1 July in the second', () => {
    expect(halfYearOf('2025-06-30')).toBe('2025S1');
    expect(halfYearOf('2025-07-01')).toBe('2025S2');
    const s1 = parsePeriod('2025S1')!;
    expect(periodContains(s1, '2025-06-30')).toBe(true);
    expect(periodContains(s1, '2025-07-01')).toBe(false);
  });

  it('finds the same period a year earlier', () => {
    expect(previousYearPeriod(parsePeriod('2025S1')!).id).toBe('2024S1');
    expect(previousYearPeriod(parsePeriod('2025Q3')!).id).toBe('2024Q3');
    expect(previousYearPeriod(parsePeriod('2024-02-29..2024-03-31')!)).toMatchObject({ start: '2023-02-28', end: '2023-03-31' });
  });

  it('labels periods in Vietnamese and English', () => {
    expect(periodLabel('2025S1')).toBe('6 tháng đầu năm 2025');
    expect(periodLabel('2025S2')).toBe('6 tháng cuối năm 2025');
    expect(periodLabel('2025')).toBe('Năm 2025');
    expect(periodLabel('2025Q3')).toBe('Quý III năm 2025');
    expect(periodLabel('2025S1', 'en')).toBe('First half of 2025');
    expect(periodLabel('2025-01-05..2025-02-01')).toBe('Từ 05/01/2025 đến 01/02/2025');
    // A whole month (a month bar's drill-down) is named as one; a part of one is not.
    expect(periodLabel('2026-03-01..2026-03-31')).toBe('Tháng 3/2026');
    expect(periodLabel('2024-02-01..2024-02-29', 'en')).toBe('February 2024');
    expect(periodLabel('2025-02-01..2025-02-27')).toBe('Từ 01/02/2025 đến 27/02/2025');
  });

  it('validates calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-13-01')).toBe(false);
  });

  it('offers recent periods, newest half-year first, none in the future', () => {
    const list = recentPeriods('2026-11-22');
    expect(list[0]).toBe('2026S2');
    expect(list).toContain('2025S1');
    expect(list).not.toContain('2027S1');
    expect(list).toContain('2026Q4');
    expect(list).not.toContain('2027Q1');
  });
});
