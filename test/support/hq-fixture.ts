/**
 * HQ with three missions' records of 2026S1, as applied batches leave them (written at HQ, then
 * moved to their mission), for the consolidated report and the locality digests. The figures
 * the tests expect are computed by hand in the comments.
 */
import type { AppContext } from '../../electron/context';
import type { ChannelInput } from '../../shared/contract';
import type { Mission } from '../../shared/domain/mission';
import { call, openContext } from './context';

export interface HqFixture {
  hq: AppContext;
  missions: { jp: string; us: string; sf: string };
  /** The San Francisco consulate's record of the conference DSQ-US also reported. */
  sharedAtSf: string;
}

export async function hqFixture(): Promise<HqFixture> {
  const hq = openContext();
  await call(hq, 'app.setup', {
    mode: 'hq',
    mission: { code: 'BNG', nameVi: 'Cục Ngoại giao kinh tế', nameEn: 'Department of Economic Diplomacy', kind: 'other', country: 'VN', city: 'Hà Nội' },
    user: { name: 'Phạm Quốc Việt', role: 'head' },
  });
  const mission = (code: string, nameVi: string, kind: Mission['kind'], country: string) =>
    hq.missions.create({ code, nameVi, nameEn: code, kind, country, city: 'x' }).id;
  const jp = mission('DSQ-JP', 'Đại sứ quán Việt Nam tại Nhật Bản', 'embassy', 'JP');
  const us = mission('DSQ-US', 'Đại sứ quán Việt Nam tại Hoa Kỳ', 'embassy', 'US');
  const sf = mission('TLSQ-US-SF', 'Tổng Lãnh sự quán Việt Nam tại San Francisco', 'consulate-general', 'US');
  const move = (table: 'activities' | 'agreements', id: string, missionId: string) =>
    hq.db.prepare(`UPDATE ${table} SET mission_id = ? WHERE id = ?`).run(missionId, id);
  const activity = async (missionId: string, values: ChannelInput<'activity.create'>) => {
    const a = await call(hq, 'activity.create', values);
    move('activities', a.id, missionId);
    return a.id;
  };
  const agreement = async (missionId: string, values: ChannelInput<'agreement.create'>) => {
    const g = await call(hq, 'agreement.create', values);
    move('agreements', g.id, missionId);
    return g.id;
  };
  const kyoto = await call(hq, 'organisation.create', { name: 'Tỉnh Kyoto', kind: 'government' });

  // DSQ-JP: two done activities for Huế (one also for Hà Nội), one planned, one cancelled; a Huế agreement.
  await activity(jp, {
    title: 'Hội thảo xúc tiến đầu tư vào Huế tại Osaka',
    kind: 'investment-promotion',
    startDate: '2026-03-10',
    provinces: ['hue'],
    businessesSupported: 5,
    dealValueUsd: 1_000_000,
  });
  await activity(jp, {
    title: 'Tuần hàng Việt Nam tại AEON',
    kind: 'trade-promotion',
    startDate: '2026-04-02',
    provinces: ['ha-noi', 'hue'],
    businessesSupported: 12,
    dealValueUsd: 250_000.5,
    outcomes: 'Hai nhà phân phối đặt hàng thử.',
  });
  await activity(jp, { title: 'Đoàn doanh nghiệp Đà Nẵng', kind: 'business-support', status: 'planned', startDate: '2026-05-01', provinces: ['da-nang'] });
  await activity(jp, { title: 'Hội chợ bị hủy', kind: 'trade-promotion', status: 'cancelled', startDate: '2026-02-02' });
  await agreement(jp, {
    title: 'MoU hợp tác du lịch Huế – Kyoto',
    kind: 'mou',
    signedDate: '2026-05-20',
    provinceId: 'hue',
    foreignOrgId: kyoto.id,
    valueUsd: 1_500_000,
    status: 'implementing',
    vnParty: 'UBND thành phố Huế',
  });
  // DSQ-US: a conference for Thành phố Hồ Chí Minh (also reported by San Francisco), one activity a year earlier, a letter for Hải Phòng.
  await activity(us, {
    title: 'Hội nghị xúc tiến đầu tư Hoa Kỳ - Việt Nam',
    kind: 'investment-promotion',
    startDate: '2026-03-15',
    provinces: ['ho-chi-minh'],
    businessesSupported: 3,
    dealValueUsd: 2_000_000,
  });
  await activity(us, { title: 'Ngày Việt Nam 2025', kind: 'trade-promotion', startDate: '2025-02-01' });
  await agreement(us, { title: 'Thư ý định về logistics', kind: 'letter-of-intent', signedDate: '2026-06-01', provinceId: 'hai-phong' });
  // TLSQ-US-SF: the same conference, title typed its own way (the same deal: counted once at HQ).
  const sharedAtSf = await activity(sf, {
    title: 'hoi nghi xuc tien dau tu HOA KY - Viet Nam',
    kind: 'investment-promotion',
    startDate: '2026-03-15',
    dealValueUsd: 2_000_000,
  });
  return { hq, missions: { jp, us, sf }, sharedAtSf };
}
