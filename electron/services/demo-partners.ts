/**
 * Demo partners and commitments: organisations with contacts, activities linked to them,
 * agreements signed at some of those activities (with an implementation log and review
 * dates, some already passed) and follow-ups, all deterministic for a seed.
 */
import type { AgreementValues } from '../../shared/domain/agreement';
import type { ActivityValues } from '../../shared/domain/activity';
import type { ContactValues } from '../../shared/domain/contact';
import { type AgreementStatus, type OrganisationKind } from '../../shared/domain/enums';
import type { FollowupValues } from '../../shared/domain/followup';
import type { OrganisationValues } from '../../shared/domain/organisation';
import { SECTORS } from '../../shared/reference';
import { seededRandom } from './demo';

const PARTNERS: [string, OrganisationKind, string][] = [
  ['JETRO (Tổ chức Xúc tiến Thương mại Nhật Bản)', 'investment-agency', 'manufacturing'],
  ['Liên đoàn Kinh tế Nhật Bản (Keidanren)', 'chamber', 'finance'],
  ['Phòng Thương mại và Công nghiệp Osaka', 'chamber', 'retail'],
  ['Tập đoàn AEON', 'company', 'retail'],
  ['Tập đoàn Sojitz', 'company', 'logistics'],
  ['Marubeni Corporation', 'company', 'energy'],
  ['Renesas Electronics', 'company', 'electronics'],
  ['Công ty Kubota', 'company', 'agriculture'],
  ['Ajinomoto Co.', 'company', 'food-processing'],
  ['Ngân hàng Hợp tác Quốc tế Nhật Bản (JBIC)', 'financial', 'finance'],
  ['Cơ quan Hợp tác Quốc tế Nhật Bản (JICA)', 'government', 'infrastructure'],
  ['Đại học Tokyo', 'university', 'innovation'],
  ['Đại học Kyushu', 'university', 'education'],
  ['Hiệp hội Du lịch Nhật Bản (JATA)', 'chamber', 'tourism'],
  ['Tập đoàn Toyota Tsusho', 'company', 'manufacturing'],
  ['Hitachi Energy', 'company', 'energy'],
  ['Nikkei Asia', 'media', 'other'],
  ['Tỉnh Fukuoka (Văn phòng Quốc tế)', 'government', 'other'],
  ['Hiệp hội Doanh nghiệp Việt Nam tại Nhật Bản', 'chamber', 'retail'],
  ['Mạng lưới Trí thức Việt Nam tại Nhật Bản (VIJN)', 'other', 'innovation'],
  ['Công ty Daikin', 'company', 'manufacturing'],
  ['Kirin Holdings', 'company', 'food-processing'],
  ['Công ty Yamato Logistics', 'company', 'logistics'],
  ['Ngân hàng Mizuho', 'financial', 'finance'],
];
const CITIES = ['Tokyo', 'Osaka', 'Nagoya', 'Fukuoka', 'Yokohama', 'Kobe'];
const PEOPLE = [
  'Tanaka Hiroshi',
  'Suzuki Yuki',
  'Sato Kenji',
  'Takahashi Aiko',
  'Watanabe Takeshi',
  'Nguyễn Minh Anh',
  'Trần Quốc Bảo',
  'Lê Thu Trang',
  'Ito Naomi',
  'Kobayashi Ren',
];
const JOB_TITLES = ['Giám đốc', 'Trưởng phòng Hợp tác quốc tế', 'Director', 'General Manager', 'Chủ tịch', 'Phó Chủ tịch'];
const LOG_LINES = [
  'Hai bên họp trực tuyến rà soát tiến độ; thống nhất kế hoạch quý tới.',
  'Đối tác đã cử đoàn khảo sát địa điểm tại địa phương.',
  'Địa phương đề nghị Đại sứ quán hỗ trợ thủ tục cấp phép.',
  'Đã giải ngân giai đoạn 1.',
];

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86400000).toISOString().slice(0, 10);
}

export function demoOrganisations(): OrganisationValues[] {
  return PARTNERS.map(([name, kind, sector], i) => ({
    name,
    kind,
    country: 'JP',
    sectors: [sector],
    website: '',
    address: CITIES[i % CITIES.length]!,
    notes: '',
  }));
}

export function demoContacts(organisationIds: readonly string[], seed: number): ContactValues[] {
  const random = seededRandom(seed + 11);
  return organisationIds.flatMap((organisationId, i) =>
    [0, 1].slice(0, random() < 0.6 ? 2 : 1).map((j) => {
      const name = PEOPLE[(i * 2 + j) % PEOPLE.length]!;
      return {
        organisationId,
        name,
        title: JOB_TITLES[(i + j) % JOB_TITLES.length]!,
        email: `${name
          .split(' ')[0]!
          .toLowerCase()
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, '')
          .replace(/đ/g, 'd')}.${i}${j}@example.jp`,
        phone: `+81 3 ${String(1000 + i * 7 + j).padStart(4, '0')} ${String(5000 + i * 13).padStart(4, '0')}`,
        language: j === 0 ? 'Tiếng Nhật, tiếng Anh' : 'Tiếng Việt',
        notes: '',
      };
    }),
  );
}

/** Links a share of trade, investment and business-support activities to partners. */
export function linkPartners(activities: ActivityValues[], organisationIds: readonly string[], seed: number): void {
  const random = seededRandom(seed + 12);
  for (const a of activities) {
    if (!['trade-promotion', 'investment-promotion', 'business-support', 'tourism-promotion'].includes(a.kind) || random() > 0.5) continue;
    const first = organisationIds[Math.floor(random() * organisationIds.length)]!;
    const second = organisationIds[Math.floor(random() * organisationIds.length)]!;
    a.organisationIds = random() < 0.25 && second !== first ? [first, second].sort() : [first];
  }
}

/** Agreements signed at done investment and trade activities that named a partner. */
export function demoAgreements(activities: readonly (ActivityValues & { id: string })[], today: string, seed: number): AgreementValues[] {
  const random = seededRandom(seed + 13);
  const list: AgreementValues[] = [];
  for (const a of activities) {
    if (a.status !== 'done' || !a.organisationIds.length || !['investment-promotion', 'trade-promotion'].includes(a.kind) || random() > 0.3) continue;
    const ageDays = (Date.parse(today) - Date.parse(a.startDate)) / 86400000;
    const status: AgreementStatus = ageDays < 60 ? 'signed' : random() < 0.15 ? 'stalled' : ageDays > 500 && random() < 0.5 ? 'completed' : 'implementing';
    const province = a.provinces[0] ?? null;
    list.push({
      title: `${random() < 0.5 ? 'Biên bản ghi nhớ' : 'Thỏa thuận hợp tác'}: ${a.title}`,
      kind: random() < 0.5 ? 'mou' : random() < 0.5 ? 'cooperation-agreement' : random() < 0.5 ? 'contract' : 'letter-of-intent',
      signedDate: a.startDate,
      vnParty: province ? 'Ủy ban nhân dân tỉnh, thành phố' : 'Doanh nghiệp Việt Nam',
      provinceId: province,
      foreignOrgId: a.organisationIds[0]!,
      valueUsd: random() < 0.6 ? Math.round(random() * 50_000) * 1000 : null,
      sector: a.sectors[0] ?? SECTORS[0]!.id,
      activityId: a.id,
      status,
      // Some reviews fall in the past: the "due and overdue" view has work in it.
      nextReviewDate: status === 'completed' ? null : addDays(today, Math.floor(random() * 150) - 45),
      notes: '',
    });
  }
  return list;
}

export function demoAgreementLog(
  agreements: readonly (AgreementValues & { id: string })[],
  today: string,
): { agreementId: string; entryDate: string; text: string }[] {
  return agreements
    .filter((a) => a.status === 'implementing' || a.status === 'stalled')
    .flatMap((a, i) => {
      const first = addDays(a.signedDate!, 45);
      return first < today ? [{ agreementId: a.id, entryDate: first, text: LOG_LINES[i % LOG_LINES.length]! }] : [];
    });
}

export function demoFollowups(agreements: readonly (AgreementValues & { id: string })[], owners: readonly string[], today: string): FollowupValues[] {
  return agreements.slice(-12).map((a, i) => ({
    title: i % 2 ? 'Gửi công hàm đề nghị đối tác cập nhật tiến độ' : 'Trao đổi với địa phương về vướng mắc triển khai',
    dueDate: addDays(today, i * 5 - 20),
    owner: owners[i % owners.length]!,
    entity: 'agreement',
    recordId: a.id,
    notes: '',
    doneAt: null,
  }));
}
