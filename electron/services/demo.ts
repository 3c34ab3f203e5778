/**
 * Demo data: a realistic mission with two years of varied activities, generated from
 * a seed so the same call always yields the same data (the benchmark relies on it).
 */
import { ACTIVITY_FORMATS, type ActivityKind } from '../../shared/domain/enums';
import type { ActivityValues } from '../../shared/domain/activity';
import type { Mission } from '../../shared/domain/mission';
import { PROVINCES, SECTORS } from '../../shared/reference';

/** mulberry32: small, fast, good enough for fixtures. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const DEMO_MISSION: Mission = {
  code: 'DSQ-JP',
  nameVi: 'Đại sứ quán Việt Nam tại Nhật Bản',
  nameEn: 'Embassy of Viet Nam in Japan',
  kind: 'embassy',
  country: 'JP',
  city: 'Tokyo',
};

const CITIES = ['Tokyo', 'Osaka', 'Nagoya', 'Fukuoka', 'Yokohama', 'Kobe', 'Sapporo', 'Hiroshima', 'Kyoto', 'Sendai'];
export const OFFICERS = ['Nguyễn Thu Hà', 'Trần Minh Đức', 'Lê Quang Huy', 'Phạm Thị Lan', 'Đỗ Văn Hùng', 'Vũ Ngọc Ánh'];

const TITLES: Record<ActivityKind, string[]> = {
  'trade-promotion': [
    'Hội chợ thực phẩm FOODEX: gian hàng Việt Nam',
    'Kết nối giao thương nông sản {province} với nhà nhập khẩu {city}',
    'Tuần hàng Việt Nam tại hệ thống siêu thị AEON {city}',
    'Xúc tiến xuất khẩu trái cây {province} sang thị trường Nhật Bản',
    'Hội nghị kết nối doanh nghiệp dệt may với nhà phân phối {city}',
  ],
  'investment-promotion': [
    'Hội thảo xúc tiến đầu tư vào {province} tại {city}',
    'Làm việc với tập đoàn bán dẫn về dự án mở rộng nhà máy tại {province}',
    'Diễn đàn đầu tư năng lượng tái tạo Việt Nam - Nhật Bản',
    'Gặp gỡ JETRO {city} về môi trường đầu tư tại {province}',
  ],
  'tourism-promotion': [
    'Roadshow quảng bá du lịch {province} tại {city}',
    'Tham gia Tourism Expo Japan: khu gian hàng Việt Nam',
    'Giới thiệu điểm đến {province} với các hãng lữ hành {city}',
  ],
  'business-support': [
    'Hỗ trợ doanh nghiệp {province} xử lý vướng mắc hải quan tại {city}',
    'Tư vấn thủ tục thị trường cho đoàn doanh nghiệp {province}',
    'Hỗ trợ doanh nghiệp thủy sản đáp ứng tiêu chuẩn nhập khẩu',
  ],
  'science-technology': ['Tọa đàm đổi mới sáng tạo và chuyển đổi số với trường đại học {city}', 'Kết nối startup Việt Nam với quỹ đầu tư mạo hiểm {city}'],
  'market-information': ['Báo cáo thông tin thị trường gạo và nông sản quý', 'Cảnh báo thay đổi quy định nhập khẩu thực phẩm'],
  'high-level-visit': ['Chương trình kinh tế trong chuyến thăm của đoàn cấp cao tại {city}', 'Diễn đàn doanh nghiệp nhân chuyến thăm cấp cao'],
  'country-branding': ['Lễ hội Việt Nam tại {city}', 'Tuần văn hóa và ẩm thực Việt Nam tại {city}'],
  'expert-network': ['Gặp mặt trí thức, chuyên gia người Việt tại {city}', 'Hội nghị mạng lưới chuyên gia bán dẫn người Việt'],
  other: ['Làm việc với phòng thương mại {city}', 'Tiếp đoàn doanh nghiệp {province}'],
};

const KIND_WEIGHTS: [ActivityKind, number][] = [
  ['trade-promotion', 26],
  ['investment-promotion', 22],
  ['tourism-promotion', 12],
  ['business-support', 14],
  ['science-technology', 6],
  ['market-information', 6],
  ['high-level-visit', 3],
  ['country-branding', 5],
  ['expert-network', 3],
  ['other', 3],
];

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

function weighted<T>(random: () => number, weights: [T, number][]): T {
  const total = weights.reduce((s, [, w]) => s + w, 0);
  let r = random() * total;
  for (const [value, w] of weights) {
    r -= w;
    if (r < 0) return value;
  }
  return weights[weights.length - 1]![0];
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export interface DemoOptions {
  count: number;
  seed?: number;
  /** The day the mission "is at": activities spread from 1 January two years before (so every half-year has its twin a year earlier), plus some planned after. */
  today?: string;
}

/** Generates activity values (valid against ActivityFields) deterministically. */
export function demoActivities({ count, seed = 2025, today = '2026-11-22' }: DemoOptions): ActivityValues[] {
  const random = seededRandom(seed);
  const end = Date.parse(`${today}T00:00:00Z`);
  const start = Date.UTC(Number(today.slice(0, 4)) - 2, 0, 1);
  const list: ActivityValues[] = [];
  for (let i = 0; i < count; i++) {
    const kind = weighted(random, KIND_WEIGHTS);
    const province = pick(random, PROVINCES);
    const city = pick(random, CITIES);
    // A few activities lie ahead (planned); the rest are in the past two years.
    const future = random() < 0.06;
    const day = future ? end + Math.floor(random() * 45) * 86400000 : start + Math.floor(random() * (end - start));
    const startDate = isoDay(new Date(day));
    const days = random() < 0.6 ? 0 : Math.floor(random() * 4);
    const status = future ? 'planned' : random() < 0.05 ? 'cancelled' : 'done';
    const provinces = random() < 0.55 ? [province.id, ...(random() < 0.2 ? [pick(random, PROVINCES).id] : [])] : [];
    const sectors = [pick(random, SECTORS).id, ...(random() < 0.35 ? [pick(random, SECTORS).id] : [])];
    const title = pick(random, TITLES[kind]).replace('{province}', province.name).replace('{city}', city);
    const businesses = ['trade-promotion', 'business-support', 'investment-promotion'].includes(kind) ? Math.floor(random() * 40) : null;
    const deal = status === 'done' && random() < 0.35 ? Math.round(random() * 5000) * 1000 : null;
    list.push({
      title,
      kind,
      format: pick(random, ACTIVITY_FORMATS),
      status,
      startDate,
      endDate: days ? isoDay(new Date(day + days * 86400000)) : null,
      country: 'JP',
      city,
      sectors: [...new Set(sectors)].sort(),
      provinces: [...new Set(provinces)].sort(),
      organisationIds: [],
      businessesSupported: businesses,
      dealValueUsd: deal,
      outcomes: status === 'done' ? `Đã kết nối ${1 + Math.floor(random() * 12)} cặp doanh nghiệp; thống nhất các bước tiếp theo.` : '',
      followUps: status === 'done' && random() < 0.4 ? 'Theo dõi tiến độ ký kết hợp đồng sau sự kiện.' : '',
      notes: '',
      owner: pick(random, OFFICERS),
    });
  }
  return list;
}
