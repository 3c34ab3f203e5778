import { afterEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/context';
import { AppError } from '../../shared/errors';
import { call, openContext, setUpMission } from '../support/context';

let app: AppContext;
afterEach(() => app?.close());

const base = { title: 'Hội thảo xúc tiến đầu tư vào Đà Nẵng tại Osaka', kind: 'investment-promotion', startDate: '2025-06-30' } as const;

describe('activity store', () => {
  it('creates, reads, lists and logs field-level changes', async () => {
    app = await setUpMission(openContext());
    const created = await call(app, 'activity.create', { ...base, provinces: ['da-nang'], sectors: ['energy', 'digital'] });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.status).toBe('done');
    const again = await call(app, 'activity.get', { id: created.id });
    expect(again).toMatchObject({ title: base.title, provinces: ['da-nang'], sectors: ['digital', 'energy'], createdBy: 'Nguyễn Thu Hà' });
    const changes = app.db.prepare(`SELECT field, value, hlc, device_id FROM changes WHERE record_id = ? ORDER BY field`).all(created.id) as {
      field: string;
      value: string;
      hlc: string;
      device_id: string;
    }[];
    expect(changes.map((c) => c.field)).toEqual(['kind', 'provinces', 'sectors', 'startDate', 'status', 'title']);
    expect(new Set(changes.map((c) => c.hlc)).size).toBe(1);
    expect(changes[0]!.device_id).toBe(app.deviceId);
  });

  it('rejects invalid input with field codes and writes nothing', async () => {
    app = await setUpMission(openContext());
    const before = app.db.prepare('SELECT count(*) FROM changes').pluck().get();
    const error = await call(app, 'activity.create', { title: '  ', kind: 'nonsense' as never, startDate: '2025-02-30', endDate: '2025-01-01' }).catch(
      (e: AppError) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('VALIDATION');
    const fields = Object.fromEntries((error as AppError).fields!.map((f) => [f.path, f.code]));
    expect(fields).toMatchObject({ title: 'required', kind: 'invalid_choice', startDate: 'invalid_date' });
    expect(app.db.prepare('SELECT count(*) FROM changes').pluck().get()).toBe(before);
  });

  it('rejects an end date before the start date', async () => {
    app = await setUpMission(openContext());
    const error = (await call(app, 'activity.create', { ...base, endDate: '2025-06-01' }).catch((e: AppError) => e)) as AppError;
    expect(error.fields).toEqual([{ path: 'endDate', code: 'end_before_start' }]);
  });

  it('records only changed fields on update, and deletes softly with undo', async () => {
    app = await setUpMission(openContext());
    const a = await call(app, 'activity.create', base);
    const updated = await call(app, 'activity.update', { id: a.id, values: { ...base, status: 'planned', city: 'Osaka' } });
    expect(updated.city).toBe('Osaka');
    const fields = app.db.prepare(`SELECT field FROM changes WHERE record_id = ? ORDER BY seq`).pluck().all(a.id);
    expect(fields.slice(-2).sort()).toEqual(['city', 'status']);

    await call(app, 'activity.delete', { id: a.id });
    expect((await call(app, 'activity.list', {})).total).toBe(0);
    expect((await call(app, 'search.query', { text: 'da nang' })).hits).toHaveLength(0);
    await call(app, 'activity.restore', { id: a.id });
    expect((await call(app, 'activity.list', {})).total).toBe(1);
    expect((await call(app, 'search.query', { text: 'da nang' })).hits.map((h) => h.id)).toEqual([a.id]);
    const tombstones = app.db.prepare(`SELECT value FROM changes WHERE record_id = ? AND field = '_deleted' ORDER BY seq`).pluck().all(a.id);
    expect(tombstones).toHaveLength(2);
    expect(tombstones[1]).toBe('null');
  });

  it('filters by period, kind, status, sector and province, and sorts', async () => {
    app = await setUpMission(openContext());
    await call(app, 'activity.create', { ...base, startDate: '2025-06-30', sectors: ['energy'], provinces: ['hue'] });
    await call(app, 'activity.create', { ...base, title: 'Tuần hàng Việt Nam', kind: 'trade-promotion', startDate: '2025-07-01', status: 'planned' });
    await call(app, 'activity.create', { ...base, title: 'Roadshow du lịch', kind: 'tourism-promotion', startDate: '2024-03-01', provinces: ['hue'] });
    const s1 = await call(app, 'activity.list', { filter: { period: '2025S1' } });
    expect(s1.rows.map((r) => r.startDate)).toEqual(['2025-06-30']);
    const s2 = await call(app, 'activity.list', { filter: { period: '2025S2' } });
    expect(s2.rows.map((r) => r.title)).toEqual(['Tuần hàng Việt Nam']);
    expect((await call(app, 'activity.list', { filter: { kinds: ['tourism-promotion', 'trade-promotion'] } })).total).toBe(2);
    expect((await call(app, 'activity.list', { filter: { statuses: ['planned'] } })).total).toBe(1);
    expect((await call(app, 'activity.list', { filter: { sector: 'energy' } })).total).toBe(1);
    expect((await call(app, 'activity.list', { filter: { province: 'hue' } })).total).toBe(2);
    const asc = await call(app, 'activity.list', { sort: { key: 'startDate', direction: 'asc' } });
    expect(asc.rows.map((r) => r.startDate)).toEqual(['2024-03-01', '2025-06-30', '2025-07-01']);
    const badPeriod = (await call(app, 'activity.list', { filter: { period: '2025S3' } }).catch((e: AppError) => e)) as AppError;
    expect(badPeriod.code).toBe('VALIDATION');
  });
});

describe('search', () => {
  it('finds Vietnamese text typed without diacritics, and former province names', async () => {
    app = await setUpMission(openContext());
    const a = await call(app, 'activity.create', { ...base, provinces: ['ho-chi-minh'] });
    const b = await call(app, 'activity.create', { title: 'Đoàn doanh nghiệp Đồng Nai', kind: 'business-support', startDate: '2025-03-03' });
    const ids = async (text: string) => (await call(app, 'search.query', { text })).hits.map((h) => h.id);
    expect(await ids('da nang')).toEqual([a.id]);
    expect(await ids('ĐÀ NẴNG')).toEqual([a.id]);
    expect(await ids('xuc tien dau tu')).toEqual([a.id]);
    expect(await ids('binh duong')).toEqual([a.id]);
    expect(await ids('dong nai')).toEqual([b.id]);
    expect(await ids('investment promotion')).toEqual([a.id]);
    expect(await ids('osak')).toEqual([a.id]);
    expect(await ids('khong co gi')).toEqual([]);
    expect((await call(app, 'activity.list', { filter: { text: 'doan doanh' } })).rows.map((r) => r.id)).toEqual([b.id]);
  });
});
