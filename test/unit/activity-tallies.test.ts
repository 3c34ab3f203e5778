import { afterEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/context';
import { migration018 } from '../../electron/db/migrations/018-activity-tallies';
import { demoActivities } from '../../electron/services/demo';
import { computeFigures } from '../../electron/services/figures';
import { consolidatedFigures } from '../../electron/services/hq-figures';
import { periodParts } from '../../electron/services/tallies';
import { DELETED_FIELD } from '../../electron/store/writer';
import type { ActivityValues } from '../../shared/domain/activity';
import { parsePeriod } from '../../shared/period';
import { call } from '../support/context';
import { device } from '../support/exchange';

let hq: AppContext;
afterEach(() => hq?.close());

const AS_OF = '2026-11-22';
/** Whole half-years (tallies only), a range with days at both ends, and a period-to-date cut-off. */
const PERIODS = [{ period: '2025S1' }, { period: '2025' }, { period: '2024-12-15..2025-03-10' }, { period: '2025S2', cutOff: '2025-09-17' }];

/** The figures without the moment they were computed at. */
function figures(app: AppContext, missionId: string | null) {
  return PERIODS.map((p) => ({ ...computeFigures(app.db, { ...p, missionId, asOf: AS_OF }), computedAt: '' }));
}

function consolidated(app: AppContext) {
  return PERIODS.map((p) => {
    const c = consolidatedFigures(app.db, p.period, app.requireMissionId(), AS_OF);
    return { ...c, total: { ...c.total, computedAt: '' } };
  });
}

/** The tallies counted again from the rows, as migration 018 counts them. */
function recount(app: AppContext): void {
  app.db.exec(
    'DROP TRIGGER activity_tallies_insert; DROP TRIGGER activity_tallies_update; DROP TRIGGER activity_tallies_delete; DROP TABLE activity_tallies; DROP TABLE activity_link_tallies; DROP TABLE activity_tallies_paused; DROP INDEX activities_deal_days',
  );
  migration018.up(app.db);
}

describe('activity tallies (migration 018)', () => {
  it('cuts a period into whole months and the days left at either end', () => {
    const parts = (id: string) => periodParts(parsePeriod(id)!);
    expect(parts('2025S1')).toEqual({ months: { from: '2025-01', to: '2025-06' }, days: [] });
    expect(parts('2024-12-15..2025-03-10')).toEqual({
      months: { from: '2025-01', to: '2025-02' },
      days: [
        { start: '2024-12-15', end: '2024-12-31' },
        { start: '2025-03-01', end: '2025-03-10' },
      ],
    });
    expect(parts('2024-02-01..2024-02-29')).toEqual({ months: { from: '2024-02', to: '2024-02' }, days: [] });
    expect(parts('2025-03-02..2025-03-30')).toEqual({ months: null, days: [{ start: '2025-03-02', end: '2025-03-30' }] });
    expect(parts('2025-03-02..2025-04-30')).toEqual({ months: { from: '2025-04', to: '2025-04' }, days: [{ start: '2025-03-02', end: '2025-03-31' }] });
  });

  it('follow every write, edit, deletion, restore and import: the figures equal those counted from the rows', async () => {
    hq = await device('Phạm Quốc Việt', { mode: 'hq' });
    const missions = ['DSQ-JP', 'DSQ-US', 'TLSQ-SF'].map(
      (code) => hq.missions.create({ code, nameVi: `Cơ quan ${code}`, nameEn: `Mission ${code}`, kind: 'embassy', country: 'JP', city: 'x' }).id,
    );
    const partners: string[] = [];
    for (const name of ['Phòng Thương mại Osaka', 'JETRO']) partners.push((await call(hq, 'organisation.create', { name, kind: 'chamber', country: 'JP' })).id);
    const values = demoActivities({ count: 240, seed: 17, today: '2026-01-10' }).map((v, i) => ({
      ...v,
      organisationIds: i % 3 === 0 ? [partners[i % 2]!] : [],
    }));
    // Imported: each mission's records as its batches leave them.
    const imported = values
      .slice(0, 180)
      .map((v, i) => ({ id: `0193${String(i).padStart(4, '0')}-0000-7000-8000-000000000000`, v, missionId: missions[i % 3]! }));
    const meta = (missionId: string) => ({ now: '2026-01-10T00:00:00.000Z', author: 'Cán bộ', deviceId: 'device-1', missionId });
    hq.writer.write(() => imported.forEach(({ id, v, missionId }) => hq.activities.applyRemote(id, v as unknown as Record<string, unknown>, meta(missionId))));
    // HQ's own records, through the store: one by one, and a batch (its tallies added at its end).
    const own = values.slice(180, 200).map((v) => hq.activities.create(v as ActivityValues).id);
    own.push(...hq.activities.createMany(values.slice(200) as ActivityValues[]));
    const before = { all: figures(hq, null), jp: figures(hq, missions[0]!), hq: consolidated(hq) };

    // Edits that move an activity between every tally: status, kind, month, period, localities, sectors, partners, money.
    const edit = (id: string, change: Partial<ActivityValues>) => hq.activities.update(id, { ...hq.activities.get(id), ...change });
    edit(own[0]!, { status: 'cancelled' });
    edit(own[1]!, { status: 'done', kind: 'tourism-promotion', startDate: '2025-03-31', provinces: ['ha-noi', 'hue'], dealValueUsd: 1234.56 });
    edit(own[2]!, { startDate: '2023-01-05' });
    edit(own[3]!, { sectors: [], provinces: [], organisationIds: [partners[1]!], businessesSupported: 7 });
    hq.activities.delete(own[4]!);
    hq.activities.delete(own[5]!);
    hq.activities.restore(own[5]!);
    // Imported changes: fields of existing records, a tombstone, a new record.
    hq.writer.write(() => {
      hq.activities.applyRemote(imported[0]!.id, { status: 'done', startDate: '2025-06-30', dealValueUsd: 99.99 }, meta(imported[0]!.missionId));
      hq.activities.applyRemote(imported[1]!.id, { provinces: ['da-nang'], kind: 'other' }, meta(imported[1]!.missionId));
      hq.activities.applyRemote(imported[2]!.id, { [DELETED_FIELD]: '2026-01-10T00:00:00.000Z' }, meta(imported[2]!.missionId));
      hq.activities.applyRemote(imported[3]!.id, { [DELETED_FIELD]: null }, meta(imported[3]!.missionId));
      hq.activities.applyRemote('01939999-0000-7000-8000-000000000000', { ...values[0], startDate: '2025-02-14', status: 'done' }, meta(missions[1]!));
    });
    // A record moved to another mission (as the HQ tests place records).
    hq.db.prepare(`UPDATE activities SET mission_id = ? WHERE id = ?`).run(missions[2]!, own[6]!);
    // Nothing left behind when every activity of a month is deleted.
    for (const id of hq.db.prepare(`SELECT id FROM activities WHERE start_date LIKE '2025-05-%' AND deleted_at IS NULL`).pluck().all() as string[]) {
      hq.activities.delete(id);
    }

    const after = { all: figures(hq, null), jp: figures(hq, missions[0]!), hq: consolidated(hq) };
    expect(after).not.toEqual(before);
    expect(after.all[0]!.byMonth.find((m) => m.month === '2025-05')!.value).toBe(0);
    recount(hq);
    expect({ all: figures(hq, null), jp: figures(hq, missions[0]!), hq: consolidated(hq) }).toEqual(after);
  });
});
