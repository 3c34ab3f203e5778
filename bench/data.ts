/**
 * The benchmark's dataset, built deterministically through the real stores: the demo
 * generator's activities, and partners (organisations, contacts, agreements) from the
 * count-driven generators below: the demo's partners (electron/services/demo-partners.ts)
 * are a fixed, realistic set of two dozen, not 20,000.
 */
import { AppContext } from '../electron/context';
import { dispatch } from '../electron/ipc/dispatch';
import { demoActivities, DEMO_MISSION, seededRandom } from '../electron/services/demo';
import { APP_VERSION } from '../electron/version';
import type { AgreementValues } from '../shared/domain/agreement';
import type { ContactValues } from '../shared/domain/contact';
import { AGREEMENT_KINDS, AGREEMENT_STATUSES, ORGANISATION_KINDS } from '../shared/domain/enums';
import type { OrganisationValues } from '../shared/domain/organisation';
import { PROVINCES, SECTORS } from '../shared/reference';
import type { Sizes } from './harness';
import { timeMs } from './stats';

export const SEED = 2025;
const CHUNK = 10_000;

export interface Dataset {
  dir: string;
  missionId: string;
  counts: { activities: number; organisations: number; contacts: number; agreements: number };
  buildMs: number;
}

/** `readers`: the read pool the app and the browser host have (0: every call on the main connection). */
export function openApp(dir: string, readers = 0): AppContext {
  return new AppContext({ dataDir: dir, transport: 'cli', appVersion: APP_VERSION, readers });
}

/** Sets up the demo mission on a fresh folder as the first-start form does, for a staff member (who lands on the activity list). */
export async function setUpMission(app: AppContext): Promise<void> {
  const result = await dispatch(app, 'app.setup', { mode: 'mission', mission: DEMO_MISSION, user: { name: 'Nguyễn Thu Hà', role: 'staff' } });
  if (!result.ok) throw new Error(`setup failed: ${result.error.code} ${result.error.message}`);
}

const pickFrom =
  (random: () => number) =>
  <T>(list: readonly T[]): T =>
    list[Math.floor(random() * list.length)]!;

const ORG_STEMS = [
  'Mitsubishi',
  'Sumitomo',
  'Marubeni',
  'Itochu',
  'Aeon',
  'Toyota Tsusho',
  'Sojitz',
  'Hitachi',
  'Panasonic',
  'Renesas',
  'Kubota',
  'Yamato',
  'Kirin',
  'Ajinomoto',
  'Daikin',
];
const ORG_FORMS = [
  'Công ty TNHH {stem} Việt Nam',
  '{stem} Corporation',
  'Tập đoàn {stem}',
  'Hiệp hội doanh nghiệp {city}',
  'Phòng Thương mại và Công nghiệp {city}',
  'Đại học {city}',
  'Ngân hàng {stem}',
];
const CITIES = ['Tokyo', 'Osaka', 'Nagoya', 'Fukuoka', 'Yokohama', 'Kobe', 'Sapporo', 'Hiroshima', 'Kyoto', 'Sendai'];
const FAMILY = ['Tanaka', 'Suzuki', 'Sato', 'Takahashi', 'Watanabe', 'Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng'];
const GIVEN = ['Hiroshi', 'Yuki', 'Kenji', 'Aiko', 'Minh Anh', 'Quốc Bảo', 'Thu Trang', 'Đức Thắng', 'Ngọc Lan', 'Takeshi'];
const JOB_TITLES = ['Giám đốc', 'Trưởng phòng kinh doanh', 'Director', 'Manager', 'Chủ tịch', 'Phó Chủ tịch'];

export function scaleOrganisations(count: number, seed = SEED): OrganisationValues[] {
  const pick = pickFrom(seededRandom(seed + 1));
  return Array.from({ length: count }, (_, i) => {
    const name = pick(ORG_FORMS).replace('{stem}', pick(ORG_STEMS)).replace('{city}', pick(CITIES));
    return {
      // The number keeps names distinct, as real partner lists are.
      name: `${name} ${i + 1}`,
      kind: pick(ORGANISATION_KINDS),
      country: 'JP',
      sectors: [pick(SECTORS).id],
      website: '',
      address: `${1 + (i % 40)}-${1 + (i % 9)} ${pick(CITIES)}`,
      notes: '',
    };
  });
}

export function scaleContacts(count: number, organisationIds: readonly string[], seed = SEED): ContactValues[] {
  const pick = pickFrom(seededRandom(seed + 2));
  return Array.from({ length: count }, (_, i) => ({
    organisationId: organisationIds.length ? organisationIds[i % organisationIds.length]! : null,
    name: `${pick(FAMILY)} ${pick(GIVEN)}`,
    title: pick(JOB_TITLES),
    email: `contact${i + 1}@example.jp`,
    phone: `+81 3 ${String(1000 + (i % 9000))} ${String(1000 + ((i * 7) % 9000))}`,
    language: pick(['ja', 'en', 'vi']),
    notes: '',
  }));
}

export function scaleAgreements(count: number, organisationIds: readonly string[], activityIds: readonly string[], seed = SEED): AgreementValues[] {
  const random = seededRandom(seed + 3);
  const pick = pickFrom(random);
  return Array.from({ length: count }, (_, i) => {
    const province = pick(PROVINCES);
    const day = new Date(Date.UTC(2024, 10, 22) + Math.floor(random() * 730) * 86400000).toISOString().slice(0, 10);
    return {
      title: `Biên bản ghi nhớ hợp tác giữa ${province.name} và đối tác Nhật Bản số ${i + 1}`,
      kind: pick(AGREEMENT_KINDS),
      signedDate: day,
      vnParty: `UBND ${province.name}`,
      provinceId: province.id,
      foreignOrgId: organisationIds.length ? pick(organisationIds) : null,
      valueUsd: random() < 0.5 ? Math.round(random() * 20000) * 1000 : null,
      sector: pick(SECTORS).id,
      activityId: activityIds.length && random() < 0.5 ? pick(activityIds) : null,
      status: pick(AGREEMENT_STATUSES),
      nextReviewDate: null,
      notes: '',
    };
  });
}

function chunks<T>(list: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** Fills `dir` through the stores (one transaction per chunk, as an import would). */
export async function buildDataset(dir: string, sizes: Sizes, log: (message: string) => void): Promise<Dataset> {
  const app = openApp(dir);
  let missionId = '';
  const buildMs = await timeMs(async () => {
    await setUpMission(app);
    missionId = app.requireMissionId();
    for (const [i, list] of chunks(demoActivities({ count: sizes.activities, seed: SEED })).entries()) {
      app.activities.createMany(list);
      log(`dataset: ${Math.min((i + 1) * CHUNK, sizes.activities)} activities`);
    }
    const organisationIds: string[] = [];
    for (const list of chunks(scaleOrganisations(sizes.organisations))) {
      app.writer.write((ctx) => list.forEach((v) => organisationIds.push(app.organisations.createIn(ctx, v).id)));
    }
    for (const list of chunks(scaleContacts(sizes.contacts, organisationIds))) {
      app.writer.write((ctx) => list.forEach((v) => app.contacts.createIn(ctx, v)));
    }
    const activityIds = app.activities.list({ filter: {}, sort: { key: 'startDate', direction: 'desc' }, offset: 0, limit: 1000 }).rows.map((r) => r.id);
    for (const list of chunks(scaleAgreements(sizes.agreements, organisationIds, activityIds))) {
      app.writer.write((ctx) => list.forEach((v) => app.agreements.createIn(ctx, v)));
    }
    log(`dataset: ${sizes.organisations} organisations, ${sizes.contacts} contacts, ${sizes.agreements} agreements`);
    // Leaves the file as a closed app leaves it: everything in the main file, no WAL to replay.
    app.db.pragma('wal_checkpoint(TRUNCATE)');
  });
  app.close();
  return {
    dir,
    missionId,
    counts: { activities: sizes.activities, organisations: sizes.organisations, contacts: sizes.contacts, agreements: sizes.agreements },
    buildMs,
  };
}
