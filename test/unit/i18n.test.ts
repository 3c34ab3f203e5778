import { describe, expect, it } from 'vitest';
import { CATALOGUES, translate } from '../../shared/i18n';

/** Every key of a catalogue, dotted. */
function keys(node: unknown, prefix = ''): string[] {
  return Object.entries(node as Record<string, unknown>).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
}

describe('the catalogue', () => {
  it('speaks English in the singular and the plural, Vietnamese in its one form', () => {
    expect(translate('en', 'activity.count', { count: 1, total: '1' })).toBe('1 activity');
    expect(translate('en', 'activity.count', { count: 2, total: '2' })).toBe('2 activities');
    expect(translate('en', 'exchange.chosen', { count: 1 })).toBe('1 file chosen');
    expect(translate('en', 'followup.within', { count: 14 })).toBe('Within the next 14 days');
    expect(translate('vi', 'activity.count', { count: 1, total: '1' })).toBe('1 hoạt động');
    expect(translate('vi', 'exchange.sent', { count: 1500, sequence: 3, file: 'f.cnb.age' })).toBe('Đã tạo tệp lô số 3 gồm 1.500 thay đổi: f.cnb.age');
    expect(translate('en', 'exchange.sent', { count: 1500, sequence: 3, file: 'f.cnb.age' })).toBe('Wrote batch 3 with 1,500 changes: f.cnb.age');
  });

  it('answers an unknown key with the key, and keeps enum labels', () => {
    expect(translate('vi', 'no.such.key')).toBe('no.such.key');
    expect(translate('en', 'enum.activityKind.trade-promotion')).toBe('Trade promotion');
  });

  it('has the same keys in both languages, English adding only singulars', () => {
    const vi = new Set(keys(CATALOGUES.vi));
    const en = keys(CATALOGUES.en);
    expect(en.filter((k) => !vi.has(k)).every((k) => k.endsWith('_one') && vi.has(k.replace(/_one$/, '_other')))).toBe(true);
    expect([...vi].filter((k) => !en.includes(k))).toEqual([]);
  });

  it('uses the terms of the Ministry', () => {
    const text = keys(CATALOGUES.vi).map((k) => translate('vi', k, { count: 2 }));
    expect(text.filter((s) => /Trưởng cơ quan|\bcơ quan đại diện/.test(s))).toEqual([]);
    expect(text.filter((s) => /\bTh\d/.test(s))).toEqual([]);
    expect(translate('vi', 'enum.reportStatus.final')).toBe('Bản chính thức');
  });
});
