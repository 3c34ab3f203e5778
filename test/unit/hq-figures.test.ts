import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/context';
import { demoActivities } from '../../electron/services/demo';
import { computeFigures } from '../../electron/services/figures';
import type { ChannelInput } from '../../shared/contract';
import { KEY_FIGURES } from '../../shared/contract/figures';
import { PROVINCE_IDS } from '../../shared/reference';
import type { Mission } from '../../shared/domain/mission';
import { call } from '../support/context';
import { device } from '../support/exchange';

let hq: AppContext;
afterEach(() => hq?.close());

/** A mission as HQ knows it after its batches arrived. */
const mission = (code: string, kind: Mission['kind'], country: string) =>
  hq.missions.create({ code, nameVi: `Cơ quan ${code}`, nameEn: `Mission ${code}`, kind, country, city: 'x' }).id;

/** A record of another mission: written at HQ, then moved to that mission (as an applied batch would leave it). */
async function activity(missionId: string, title: string, startDate: string, dealValueUsd: number | null) {
  const a = await call(hq, 'activity.create', { title, kind: 'investment-promotion', status: 'done', startDate, dealValueUsd });
  hq.db.prepare(`UPDATE activities SET mission_id = ? WHERE id = ?`).run(missionId, a.id);
  return a.id;
}
async function agreement(missionId: string, values: Omit<ChannelInput<'agreement.create'>, 'kind'>) {
  const g = await call(hq, 'agreement.create', { kind: 'mou', ...values });
  hq.db.prepare(`UPDATE agreements SET mission_id = ? WHERE id = ?`).run(missionId, g.id);
  return g.id;
}

/**
 * Two missions in the United States report the same conference (title typed differently),
 * the permanent mission in New York its own; Japan has one conference with the same title and
 * day but another amount, and one with the same day and amount but another title: both its own.
 */
async function fixture() {
  hq = await device('Phạm Quốc Việt', { mode: 'hq' });
  const us = mission('DSQ-US', 'embassy', 'US');
  const sf = mission('TLSQ-US-SF', 'consulate-general', 'US');
  const ny = mission('PDTT-NY', 'permanent-mission', 'US');
  const jp = mission('DSQ-JP', 'embassy', 'JP');
  const shared = await activity(us, 'Hội nghị xúc tiến đầu tư Hoa Kỳ - Việt Nam', '2025-03-10', 12_600_000.1);
  const sharedAtSf = await activity(sf, 'hoi nghi  xuc tien dau tu HOA KY - Viet Nam', '2025-03-10', 12_600_000.1);
  await activity(sf, 'Diễn đàn doanh nghiệp California', '2025-04-02', 6_300_000.2);
  await activity(ny, 'Phiên thảo luận về tài chính phát triển', '2025-02-20', 1_000_000.05);
  await activity(jp, 'Hội nghị xúc tiến đầu tư Hoa Kỳ - Việt Nam', '2025-03-10', 12_600_000);
  await activity(jp, 'Hội chợ Osaka', '2025-03-10', 12_600_000.1);
  await activity(us, 'Tuần hàng Việt Nam 2024', '2024-05-05', 0.1);
  await activity(sf, 'Ngày Việt Nam 2024', '2024-06-01', 0.2);
  const mou = await agreement(us, { title: 'MoU hợp tác bán dẫn', signedDate: '2025-04-15', valueUsd: 5_000_000.1 });
  const mouAtSf = await agreement(sf, { title: 'MOU hop tac ban dan', signedDate: '2025-04-15', valueUsd: 5_000_000.1 });
  await agreement(sf, { title: 'Thư ý định về logistics', signedDate: '2025-05-20' });
  await agreement(jp, { title: 'Hợp đồng cung ứng', signedDate: '2025-05-01', valueUsd: 0.2 });
  return { us, sf, ny, jp, shared, sharedAtSf, mou, mouAtSf };
}

describe('HQ consolidated figures', () => {
  it('rounds money to the cent, counts a deal reported by two missions once, and groups permanent missions apart', async () => {
    const ids = await fixture();
    const c = await call(hq, 'hq.figures', { period: '2025S1' });
    const deal = (code: string) => c.byMission.find((m) => m.code === code)!.key.dealValueUsd.value;
    // Each mission keeps what it reported.
    expect([deal('DSQ-US'), deal('TLSQ-US-SF'), deal('PDTT-NY'), deal('DSQ-JP')]).toEqual([12_600_000.1, 18_900_000.3, 1_000_000.05, 25_200_000.1]);
    const region = (id: string) => c.byRegion.find((r) => r.region === id)!;
    expect(c.byRegion.map((r) => [r.region, r.missions])).toEqual([
      ['asia', 1],
      ['americas', 2],
      ['permanent-missions', 1],
    ]);
    // 12 600 000.10 once + 6 300 000.20 (not 31 500 000.40, nor 18900000.299999997).
    expect(region('americas').key.dealValueUsd).toEqual({ value: 18_900_000.3, previous: 0.3 });
    expect(region('permanent-missions').key.dealValueUsd!.value).toBe(1_000_000.05);
    expect(region('asia').key.dealValueUsd!.value).toBe(25_200_000.1);
    expect(c.total.key.dealValueUsd).toMatchObject({ value: 45_100_000.45, previous: 0.3, change: 45_100_000.15 });
    // Activities are work done by each mission: counted per record.
    expect(c.total.key.activitiesDone.value).toBe(6);
    expect(region('americas').key.activitiesDone!.value).toBe(3);

    expect(c.byMission.find((m) => m.code === 'TLSQ-US-SF')!.key.agreementsValueUsd.value).toBe(5_000_000.1);
    expect(region('americas').key.agreementsValueUsd!.value).toBe(5_000_000.1);
    expect(c.total.key.agreementsValueUsd.value).toBe(5_000_000.3);
    expect(c.total.key.agreementsSigned.value).toBe(4);

    expect(c.shared).toEqual([
      {
        entity: 'activity',
        title: 'Hội nghị xúc tiến đầu tư Hoa Kỳ - Việt Nam',
        date: '2025-03-10',
        valueUsd: 12_600_000.1,
        reportedBy: [
          { missionId: ids.us, code: 'DSQ-US', recordId: ids.shared },
          { missionId: ids.sf, code: 'TLSQ-US-SF', recordId: ids.sharedAtSf },
        ],
      },
      {
        entity: 'agreement',
        title: 'MoU hợp tác bán dẫn',
        date: '2025-04-15',
        valueUsd: 5_000_000.1,
        reportedBy: [
          { missionId: ids.us, code: 'DSQ-US', recordId: ids.mou },
          { missionId: ids.sf, code: 'TLSQ-US-SF', recordId: ids.mouAtSf },
        ],
      },
    ]);
  });

  it('a mission’s own repeated record counts as the mission counts it', async () => {
    hq = await device('Phạm Quốc Việt', { mode: 'hq' });
    const us = mission('DSQ-US', 'embassy', 'US');
    const sf = mission('TLSQ-US-SF', 'consulate-general', 'US');
    await activity(us, 'Đoàn doanh nghiệp', '2025-01-10', 100.1);
    await activity(us, 'Đoàn doanh nghiệp', '2025-01-10', 100.1);
    await activity(sf, 'Đoàn doanh nghiệp', '2025-01-10', 100.1);
    const c = await call(hq, 'hq.figures', { period: '2025S1' });
    expect(c.total.key.dealValueUsd.value).toBe(200.2);
    expect(c.shared.map((s) => s.reportedBy.map((r) => r.code))).toEqual([['DSQ-US', 'DSQ-US', 'TLSQ-US-SF']]);
  });

  it('gives each mission the key figures computeFigures gives that mission alone', async () => {
    hq = await device('Phạm Quốc Việt', { mode: 'hq' });
    const ids = [mission('DSQ-A', 'embassy', 'JP'), mission('DSQ-B', 'embassy', 'US'), mission('DSQ-C', 'consulate-general', 'US')];
    // Two years of activities of every status, spread over the three missions; some deleted, some planned, some deals with cents.
    hq.activities.createMany(demoActivities({ count: 900, seed: 7 }));
    hq.db
      .prepare(
        `UPDATE activities SET mission_id = CASE rowid % 3 WHEN 0 THEN ? WHEN 1 THEN ? ELSE ? END,
           deleted_at = iif(rowid % 11 = 0, '2026-01-01T00:00:00.000Z', NULL), deal_value_usd = deal_value_usd + (rowid % 7) / 10.0,
           status = iif(rowid % 13 = 0, 'planned', status)`,
      )
      .run(...ids);
    for (const [i, missionId] of ids.entries()) {
      await agreement(missionId, { title: `MoU ${i}`, signedDate: '2025-02-10', provinceId: PROVINCE_IDS[0], valueUsd: 1000.1 * (i + 1) });
      await agreement(missionId, { title: `Thư ý định ${i}`, signedDate: '2024-03-01', valueUsd: 0.2 });
      await agreement(missionId, { title: `Hợp đồng ${i}`, signedDate: '2025-06-30' });
    }
    const c = await call(hq, 'hq.figures', { period: '2025S1' });
    expect(c.byMission.map((m) => m.code)).toEqual(['DSQ-A', 'DSQ-B', 'DSQ-C']);
    for (const m of c.byMission) {
      const own = computeFigures(hq.db, { period: '2025S1', missionId: m.missionId });
      expect(m.key).toEqual(Object.fromEntries(KEY_FIGURES.map((k) => [k, { value: own.key[k].value, previous: own.key[k].previous }])));
      // Nothing compared as zero against zero: every figure has something to count.
      for (const k of KEY_FIGURES) expect(m.key[k].value, k).toBeGreaterThan(0);
      expect(m.key.activitiesDone.previous).toBeGreaterThan(0);
    }
  });

  it('prints the same numbers in the .xlsx: cents, the permanent missions’ group, the shared records', async () => {
    await fixture();
    const file = await call(hq, 'hq.figuresXlsx', { period: '2025S1' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const regions = book.getWorksheet('Theo khu vực')!;
    const header = (regions.getRow(1).values as unknown[]).indexOf('Giá trị hợp tác ước tính (USD)');
    const rows = Object.fromEntries(
      regions
        .getSheetValues()
        .slice(2)
        .map((r) => [(r as unknown[])[1], (r as unknown[])[header]]),
    );
    expect(rows).toEqual({ 'Châu Á': 25_200_000.1, 'Châu Mỹ': 18_900_000.3, 'Các phái đoàn thường trực': 1_000_000.05 });
    const shared = book.getWorksheet('Báo cáo trùng')!;
    expect(shared.getRow(2).values).toEqual([
      undefined,
      'Hoạt động',
      'Hội nghị xúc tiến đầu tư Hoa Kỳ - Việt Nam',
      '10/03/2025',
      12_600_000.1,
      'DSQ-US, TLSQ-US-SF',
    ]);
  });
});
