import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/context';
import type { ChannelInput } from '../../shared/contract';
import type { Figures } from '../../shared/contract/figures';
import { call, openContext, setUpMission } from '../support/context';

let app: AppContext;
afterEach(() => app?.close());

const activity = (values: Partial<ChannelInput<'activity.create'>> & Pick<ChannelInput<'activity.create'>, 'startDate'>) =>
  call(app, 'activity.create', { title: `Hoạt động ${values.startDate}`, kind: 'trade-promotion', ...values });

/**
 * The fixture: 2025S1 against 2024S1 around the 30 June / 1 July edge, with a
 * multi-day activity across it, planned, cancelled and deleted records.
 */
async function buildFixture() {
  app = await setUpMission(openContext());
  const partner = await call(app, 'organisation.create', { name: 'JETRO Osaka', kind: 'investment-agency', country: 'JP' });
  const ids = {
    edgeJune30: (
      await activity({
        startDate: '2025-06-30',
        provinces: ['hue', 'da-nang'],
        sectors: ['energy'],
        businessesSupported: 5,
        dealValueUsd: 1_000_000,
        organisationIds: [partner.id],
      })
    ).id,
    acrossEdge: (
      await activity({
        startDate: '2025-06-28',
        endDate: '2025-07-03',
        kind: 'investment-promotion',
        provinces: ['hue'],
        businessesSupported: 3,
        dealValueUsd: 250_000.5,
      })
    ).id,
    january: (await activity({ startDate: '2025-01-01', kind: 'tourism-promotion', sectors: ['energy', 'tourism'] })).id,
    july1: (await activity({ startDate: '2025-07-01', provinces: ['can-tho'], businessesSupported: 100 })).id,
    planned: (await activity({ startDate: '2025-03-10', status: 'planned', provinces: ['hue'] })).id,
    cancelled: (await activity({ startDate: '2025-02-01', status: 'cancelled', businessesSupported: 50 })).id,
    deleted: (await activity({ startDate: '2025-04-01', provinces: ['ha-noi'], dealValueUsd: 9_999 })).id,
    lastYear1: (await activity({ startDate: '2024-05-05' })).id,
    lastYear2: (await activity({ startDate: '2024-06-30', kind: 'tourism-promotion', provinces: ['hue'], businessesSupported: 4 })).id,
    lastYearJuly: (await activity({ startDate: '2024-07-01', provinces: ['ha-noi'] })).id,
  };
  await call(app, 'activity.delete', { id: ids.deleted });
  const agreement = (values: Partial<ChannelInput<'agreement.create'>> & { signedDate: string }) =>
    call(app, 'agreement.create', { title: `Thỏa thuận ${values.signedDate}`, kind: 'mou', ...values });
  const agreements = {
    june30: (await agreement({ signedDate: '2025-06-30', provinceId: 'hue', foreignOrgId: partner.id, status: 'implementing', sector: 'energy' })).id,
    march: (await agreement({ signedDate: '2025-03-15', kind: 'contract', status: 'signed' })).id,
    july1: (await agreement({ signedDate: '2025-07-01', provinceId: 'hue' })).id,
    deleted: (await agreement({ signedDate: '2025-05-01', provinceId: 'ha-noi' })).id,
    lastYear: (await agreement({ signedDate: '2024-03-01', provinceId: 'hue' })).id,
  };
  await call(app, 'agreement.delete', { id: agreements.deleted });
  const followup = (title: string, dueDate: string) => call(app, 'followup.create', { title, dueDate });
  const followups = {
    overdue: (await followup('Gửi danh sách doanh nghiệp', '2025-06-01')).id,
    dueSoon: (await followup('Chuẩn bị đoàn', '2025-06-20')).id,
    later: (await followup('Tổng kết năm', '2025-09-30')).id,
    doneOverdue: (await followup('Đã xong', '2025-05-01')).id,
    deletedOverdue: (await followup('Đã xóa', '2025-05-02')).id,
  };
  await call(app, 'followup.setDone', { id: followups.doneOverdue, done: true });
  await call(app, 'followup.delete', { id: followups.deletedOverdue });
  return { partner, ids, agreements, followups };
}

describe('figures of a period', () => {
  let fx: Awaited<ReturnType<typeof buildFixture>>;
  let f: Figures;
  beforeEach(async () => {
    fx = await buildFixture();
    f = await call(app, 'figures.compute', { period: '2025S1', asOf: '2025-06-15' });
  });

  const listIds = async (filter: NonNullable<Figures['key']['activitiesDone']['drill']['activities']>) =>
    (await call(app, 'activity.list', { filter, limit: 1000 })).rows.map((r) => r.id).sort();

  it('counts done activities by start date: 30 June in S1, 1 July not, deleted never', async () => {
    expect(f.period).toBe('2025S1');
    expect(f.previousPeriod).toBe('2024S1');
    expect(f.key.activitiesDone.value).toBe(3);
    expect(await listIds(f.key.activitiesDone.drill.activities!)).toEqual([fx.ids.edgeJune30, fx.ids.acrossEdge, fx.ids.january].sort());
    const s2 = await call(app, 'figures.compute', { period: '2025S2' });
    expect(s2.key.activitiesDone.value).toBe(1);
    expect(await listIds(s2.key.activitiesDone.drill.activities!)).toEqual([fx.ids.july1]);
  });

  it('reports planned and cancelled separately, outside the done counts and sums', async () => {
    expect(f.key.activitiesPlanned.value).toBe(1);
    expect(f.key.activitiesCancelled.value).toBe(1);
    expect(await listIds(f.key.activitiesPlanned.drill.activities!)).toEqual([fx.ids.planned]);
    expect(await listIds(f.key.activitiesCancelled.drill.activities!)).toEqual([fx.ids.cancelled]);
    expect(f.key.businessesSupported.value).toBe(8);
    expect(f.key.dealValueUsd.value).toBe(1_250_000.5);
  });

  it('counts locality support and distinct provinces from done activities', async () => {
    expect(f.key.localityActivities.value).toBe(2);
    expect(f.key.provincesSupported.value).toBe(2);
    expect(await listIds(f.key.localityActivities.drill.activities!)).toEqual([fx.ids.edgeJune30, fx.ids.acrossEdge].sort());
    const hue = f.byProvince.find((p) => p.provinceId === 'hue')!;
    expect(hue).toMatchObject({ activities: 2, agreements: 1 });
    expect(f.byProvince[0]!.provinceId).toBe('hue');
    expect(f.byProvince.map((p) => p.provinceId).sort()).toEqual(['da-nang', 'hue']);
    expect(await listIds(hue.drill.activities!)).toEqual([fx.ids.edgeJune30, fx.ids.acrossEdge].sort());
  });

  it('groups done activities by kind and by month of the start date', async () => {
    const kind = (k: string) => f.byKind.find((b) => b.kind === k)!;
    expect(kind('trade-promotion')).toMatchObject({ value: 1, previous: 1 });
    expect(kind('investment-promotion')).toMatchObject({ value: 1, previous: 0, changePercent: null });
    expect(kind('tourism-promotion')).toMatchObject({ value: 1, previous: 1, change: 0 });
    expect(f.byKind.reduce((n, k) => n + k.value, 0)).toBe(f.key.activitiesDone.value);
    expect(f.byMonth.map((m) => m.month)).toEqual(['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06']);
    expect(f.byMonth.map((m) => m.value)).toEqual([1, 0, 0, 0, 0, 2]);
    const june = f.byMonth[5]!;
    expect(june.previous).toBe(1);
    expect(await listIds(june.drill.activities!)).toEqual([fx.ids.edgeJune30, fx.ids.acrossEdge].sort());
    expect(await listIds(kind('investment-promotion').drill.activities!)).toEqual([fx.ids.acrossEdge]);
  });

  it('compares with the same period a year earlier (absolute and per cent)', () => {
    expect(f.key.activitiesDone).toMatchObject({ value: 3, previous: 2, change: 1, changePercent: 50 });
    expect(f.key.localityActivities).toMatchObject({ value: 2, previous: 1, change: 1, changePercent: 100 });
    expect(f.key.businessesSupported).toMatchObject({ value: 8, previous: 4, change: 4, changePercent: 100 });
    expect(f.key.agreementsSigned).toMatchObject({ value: 2, previous: 1, change: 1, changePercent: 100 });
    expect(f.key.dealValueUsd).toMatchObject({ previous: 0, changePercent: null });
  });

  it('counts agreements by signed date, kind and status; deleted ones never', () => {
    expect(f.key.agreementsSigned.drill.agreementIds!.sort()).toEqual([fx.agreements.june30, fx.agreements.march].sort());
    expect(f.key.agreementsForLocalities.value).toBe(1);
    expect(f.key.agreementsForLocalities.drill.agreementIds).toEqual([fx.agreements.june30]);
    const status = Object.fromEntries(f.agreementsByStatus.map((s) => [s.status, s.value]));
    expect(status).toEqual({ signed: 1, implementing: 1, completed: 0, stalled: 0, cancelled: 0 });
    const kind = Object.fromEntries(f.agreementsByKind.map((s) => [s.kind, s.value]));
    expect(kind).toMatchObject({ mou: 1, contract: 1 });
  });

  it('names top sectors and partners with their records', async () => {
    expect(f.topSectors[0]).toMatchObject({ sectorId: 'energy', activities: 2, agreements: 1 });
    expect(await listIds(f.topSectors[0]!.drill.activities!)).toEqual([fx.ids.edgeJune30, fx.ids.january].sort());
    expect(f.topPartners).toHaveLength(1);
    expect(f.topPartners[0]).toMatchObject({ organisationId: fx.partner.id, name: 'JETRO Osaka', activities: 1, agreements: 1 });
    expect(await listIds(f.topPartners[0]!.drill.activities!)).toEqual([fx.ids.edgeJune30]);
    const rows = await call(app, 'figures.agreements', { ids: f.topPartners[0]!.drill.agreementIds! });
    expect(rows).toMatchObject([{ id: fx.agreements.june30, partner: 'JETRO Osaka', status: 'implementing', provinceId: 'hue' }]);
  });

  it('lists open follow-ups overdue and due soon against the as-of day', () => {
    expect(f.followups.overdue.map((r) => r.id)).toEqual([fx.followups.overdue]);
    expect(f.followups.dueSoon.map((r) => r.id)).toEqual([fx.followups.dueSoon]);
    expect(f.followups.overdueCount).toBe(1);
    expect(f.followups.dueSoonCount).toBe(1);
  });

  it('counts as overdue exactly what Việc cần làm lists: follow-ups and agreements past their review date', async () => {
    const review = (title: string, status: 'signed' | 'completed', nextReviewDate: string) =>
      call(app, 'agreement.create', { title, kind: 'mou', signedDate: '2025-01-10', status, nextReviewDate });
    const overdueReview = (await review('Rà soát MOU Osaka', 'signed', '2025-05-20')).id;
    const soonReview = (await review('Rà soát MOU Kobe', 'signed', '2025-06-25')).id;
    await review('Đã hoàn thành', 'completed', '2025-05-01');
    const due = await call(app, 'followup.due', { today: '2025-06-15', withinDays: 14 });
    const now = await call(app, 'figures.compute', { period: '2025S1', asOf: '2025-06-15' });
    const ids = (items: { id: string }[]) => items.map((i) => i.id);
    expect(ids(now.followups.overdue)).toEqual(ids(due.filter((i) => i.overdue)));
    expect(ids(now.followups.dueSoon)).toEqual(ids(due.filter((i) => !i.overdue)));
    expect(ids(now.followups.overdue).sort()).toEqual([fx.followups.overdue, overdueReview].sort());
    expect(ids(now.followups.dueSoon).sort()).toEqual([fx.followups.dueSoon, soonReview].sort());
    expect(now.followups.overdueCount).toBe(2);
    expect(now.followups.overdue.find((i) => i.id === overdueReview)).toMatchObject({ kind: 'agreement-review', dueDate: '2025-05-20' });
    // Marking the follow-up done takes it off both.
    await call(app, 'followup.setDone', { id: fx.followups.overdue, done: true });
    const after = await call(app, 'figures.compute', { period: '2025S1', asOf: '2025-06-15' });
    expect(ids(after.followups.overdue)).toEqual([overdueReview]);
    expect((await call(app, 'followup.due', { today: '2025-06-15' })).filter((i) => i.overdue).map((i) => i.id)).toEqual([overdueReview]);
  });

  it('compares an unfinished period up to the cut-off day with the same days a year earlier', async () => {
    const toDate = await call(app, 'figures.compute', { period: '2025S1', asOf: '2025-06-15', cutOff: '2025-06-15' });
    expect(toDate).toMatchObject({ period: '2025S1', start: '2025-01-01', end: '2025-06-30', cutOff: '2025-06-15', previousCutOff: '2024-06-15' });
    // 28 and 30 June 2025 (and 30 June 2024) are after the cut-off: 1 against 1, not 3 against 2.
    expect(f.key.activitiesDone).toMatchObject({ value: 3, previous: 2 });
    expect(toDate.key.activitiesDone).toMatchObject({ value: 1, previous: 1, change: 0 });
    expect(await listIds(toDate.key.activitiesDone.drill.activities!)).toEqual([fx.ids.january]);
    expect(toDate.key.activitiesDone.drill.activities!.period).toBe('2025-01-01..2025-06-15');
    expect(toDate.key.agreementsSigned).toMatchObject({ value: 1, previous: 1 });
    expect(toDate.byMonth.map((m) => m.month)).toEqual(['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06']);
    expect(toDate.byMonth[5]).toMatchObject({ value: 0, previous: 0, drill: { activities: { period: '2025-06-01..2025-06-15' } } });
    // The same day a year earlier reaches back to what was counted then: Huế's agreement of March 2024.
    expect(toDate.coverage.rows).toMatchObject([{ provinceId: 'hue', activities: 0, agreements: 0, previousActivities: 0, previousAgreements: 1 }]);
    // A period ended by the cut-off day, or not begun, is compared whole.
    for (const cutOff of ['2025-06-30', '2025-07-01', '2024-12-31']) {
      const whole = await call(app, 'figures.compute', { period: '2025S1', asOf: '2025-06-15', cutOff });
      expect(whole).toMatchObject({ cutOff: null, previousCutOff: null, key: { activitiesDone: { value: 3, previous: 2 } } });
    }
    expect(f).toMatchObject({ cutOff: null, previousCutOff: null });
  });

  it('shows the 34 units: supported ones with both periods, the others named', async () => {
    expect(f.coverage).toMatchObject({ units: 34, supported: 2, previousSupported: 1 });
    expect(f.coverage.rows).toMatchObject([
      { provinceId: 'hue', activities: 2, agreements: 1, previousActivities: 1, previousAgreements: 1 },
      { provinceId: 'da-nang', activities: 1, agreements: 0, previousActivities: 0, previousAgreements: 0 },
    ]);
    expect(f.coverage.notSupported).toHaveLength(32);
    expect(f.coverage.notSupported).toContain('ha-noi');
    expect(f.coverage.notSupported).not.toContain('hue');
    expect(await listIds(f.coverage.rows[1]!.drill.activities!)).toEqual([fx.ids.edgeJune30]);
    expect(f.coverage.rows[0]!.drill.agreementIds).toEqual([fx.agreements.june30]);
  });

  it('filters by mission, and rejects a bad period', async () => {
    const other = await call(app, 'figures.compute', { period: '2025S1', missionId: '00000000-0000-7000-8000-000000000000' });
    expect(other.key.activitiesDone.value).toBe(0);
    expect(other.key.agreementsSigned.value).toBe(0);
    // One mission's figures, read from the mission's indexes (migration 017) once another mission's
    // activity is stored, are what every mission's were before it came, drills and time aside.
    const withoutDrills = (f: object) =>
      JSON.parse(JSON.stringify(f, (k, v: unknown) => (['drill', 'missionId', 'computedAt'].includes(k) ? undefined : v))) as unknown;
    const every = await call(app, 'figures.compute', { period: '2025S1', asOf: '2025-06-15', missionId: null });
    const foreign = await call(app, 'activity.create', { title: 'Của cơ quan khác', kind: 'other', status: 'done', startDate: '2025-03-03' });
    app.db.prepare('UPDATE activities SET mission_id = ? WHERE id = ?').run('00000000-0000-7000-8000-000000000000', foreign.id);
    const own = await call(app, 'figures.compute', { period: '2025S1', asOf: '2025-06-15', missionId: app.missionId()! });
    await call(app, 'activity.delete', { id: foreign.id });
    expect(own.key.activitiesDone.value).toBeGreaterThan(0);
    expect(own.agreementsByKind.length).toBeGreaterThan(0);
    expect(withoutDrills(own)).toEqual(withoutDrills(every));
    await expect(call(app, 'figures.compute', { period: '2025S3' })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('follows edits: a record moved out of the period or cancelled stops counting', async () => {
    const before = await call(app, 'activity.get', { id: fx.ids.edgeJune30 });
    const { id, createdAt, updatedAt, createdBy, updatedBy, deviceId, deletedAt, ...values } = before;
    void [id, createdAt, updatedAt, createdBy, updatedBy, deviceId, deletedAt];
    await call(app, 'activity.update', { id: fx.ids.edgeJune30, values: { ...values, startDate: '2025-07-02' } });
    await call(app, 'activity.update', { id: fx.ids.january, values: { title: 'x', kind: 'tourism-promotion', startDate: '2025-01-01', status: 'cancelled' } });
    const after = await call(app, 'figures.compute', { period: '2025S1', asOf: '2025-06-15' });
    expect(after.key.activitiesDone.value).toBe(1);
    expect(after.key.activitiesCancelled.value).toBe(2);
  });

  it('handles a custom range: partial months, and the same range a year earlier', async () => {
    const range = await call(app, 'figures.compute', { period: '2025-06-15..2025-07-01' });
    expect(range.previousPeriod).toBe('2024-06-15..2024-07-01');
    expect(range.byMonth.map((m) => [m.month, m.value, m.previous, m.drill.activities!.period])).toEqual([
      ['2025-06', 2, 1, '2025-06-15..2025-06-30'],
      ['2025-07', 1, 1, '2025-07-01..2025-07-01'],
    ]);
    expect(range.key.activitiesDone).toMatchObject({ value: 3, previous: 2 });
    expect(await listIds(range.byMonth[1]!.drill.activities!)).toEqual([fx.ids.july1]);
  });
});
