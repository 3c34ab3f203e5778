/**
 * The benchmark's dataset, built deterministically through the real stores: the demo
 * generator's activities, and partners (organisations, contacts, agreements) from the
 * count-driven generators below: the demo's partners (electron/services/demo-partners.ts)
 * are a fixed, realistic set of two dozen, not 20,000.
 *
 * Every folder the bench opens is encrypted as a user's is (SQLCipher, a raw key from the
 * passphrase, electron/db/open.ts applyKey), unless the run says --plain: page decryption is
 * part of every read a user waits for.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { AppContext, DATABASE_FILE } from '../electron/context';
import { keyInfoPath, writeKeyInfo } from '../electron/db/key';
import { applyKey, type Db } from '../electron/db/open';
import { dispatch } from '../electron/ipc/dispatch';
import { demoActivities, DEMO_MISSION, seededRandom } from '../electron/services/demo';
import { enableEncryption } from '../electron/services/security';
import { APP_VERSION } from '../electron/version';
import type { AgreementValues } from '../shared/domain/agreement';
import type { ContactValues } from '../shared/domain/contact';
import { AGREEMENT_KINDS, AGREEMENT_STATUSES, ORGANISATION_KINDS } from '../shared/domain/enums';
import type { OrganisationValues } from '../shared/domain/organisation';
import { PROVINCES, SECTORS } from '../shared/reference';
import type { BenchEnv, Sizes } from './harness';
import { timeMs } from './stats';

export const SEED = 2025;
const CHUNK = 10_000;

/**
 * The passphrase of the bench's encrypted folders: the renderer scenario types it into the
 * lock screen, as a person does at start.
 */
export const BENCH_PASSPHRASE = 'Đo hiệu năng Cầu Nối trên dữ liệu đã mã hóa, mùa thu 2025';

/** What a cached dataset folder's description keeps: its sizes and the raw key it is encrypted with (null: plaintext). */
export interface Stamped {
  dir: string;
  counts: object;
  key: string | null;
  buildMs: number;
}

export interface Dataset extends Stamped {
  missionId: string;
  counts: { activities: number; organisations: number; contacts: number; agreements: number };
}

/** `key`: the folder's raw key (null: plaintext). `readers`: the read pool the app and the browser host have (0: every call on the main connection). */
export function openApp(dir: string, key: string | null, readers = 0): AppContext {
  const app = new AppContext({ dataDir: dir, transport: 'cli', appVersion: APP_VERSION, readers, key });
  // A wrong key leaves the context locked with its problem: every later call would fail less clearly.
  if (app.problem) throw app.problem;
  return app;
}

/**
 * A new, empty folder under the run's scratch folder, encrypted from its first page with the
 * run's key, and its key description: a folder the app opens with BENCH_PASSPHRASE. Each
 * `enableEncryption` would derive a key (a second of scrypt): the missions' folders are hundreds.
 */
export function newApp(env: BenchEnv, label: string): AppContext {
  const dir = env.tempDir(label);
  const app = openApp(dir, env.key?.hex ?? null);
  if (env.key) writeKeyInfo(keyInfoPath(dir), env.key.info);
  return app;
}

/** The raw side's connection to a folder's database: plain better-sqlite3, with the folder's key as the app applies it. */
export function rawConnection(file: string, key: string | null): Db {
  const db = new Database(file);
  if (key) applyKey(db, key);
  db.pragma('journal_mode = WAL');
  return db;
}

/** SQLite's header: a plaintext database file starts with it, an encrypted one with random bytes. */
export function isPlaintext(file: string): boolean {
  const head = Buffer.alloc(16);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, 16, 0);
  } finally {
    fs.closeSync(fd);
  }
  return head.toString('latin1') === 'SQLite format 3\0';
}

/** Encrypts a plaintext folder as the app's "set a passphrase" does; returns the raw key. */
async function encryptFolder(dir: string): Promise<string> {
  const app = openApp(dir, null);
  await enableEncryption(app, BENCH_PASSPHRASE);
  const key = app.key!;
  app.close();
  return key;
}

/**
 * A folder built by an older build is migrated when first opened, and a migration may leave
 * an index to fill in the background (AppContext.rebuildSearchIfPending). Done here, once,
 * before anything is timed: otherwise every open in a scenario starts that fill again, and
 * the statements recorded for the raw side include it (hq-open's raw side once took 44 s).
 */
async function bringUpToDate(label: string, stamp: Stamped, log: (message: string) => void): Promise<void> {
  const ms = await timeMs(async () => {
    const app = openApp(stamp.dir, stamp.key);
    try {
      await app.searchRebuilt;
    } finally {
      app.close();
    }
  });
  if (ms > 1000) log(`${label}: brought up to this build's schema and indexes in ${(ms / 1000).toFixed(1)} s`);
}

/**
 * A dataset folder kept between runs: reused while its description names the same sizes and
 * the file is what the run measures (encrypted, or plaintext with --plain). A plaintext one
 * cached before the bench encrypted (its description has no key) is encrypted in place, as
 * the app would; an encrypted one asked for plaintext is built again.
 */
export async function cachedFolder<T extends Stamped>(
  label: string,
  dir: string,
  stampName: string,
  counts: T['counts'],
  encrypted: boolean,
  build: () => Promise<Omit<T, 'key'>>,
  log: (message: string) => void,
): Promise<T> {
  const stampFile = path.join(dir, stampName);
  const file = path.join(dir, DATABASE_FILE);
  // The folder may have been copied or moved since it was built: `dir` is where it is now.
  const stamp = fs.existsSync(stampFile) && fs.existsSync(file) ? { ...(JSON.parse(fs.readFileSync(stampFile, 'utf8')) as T), dir } : null;
  if (stamp && JSON.stringify(stamp.counts) === JSON.stringify(counts)) {
    const plain = isPlaintext(file);
    if (encrypted ? !plain && stamp.key : plain) {
      log(`${label}: reusing ${dir} (${encrypted ? 'encrypted' : 'plaintext'})`);
      await bringUpToDate(label, stamp, log);
      return stamp;
    }
    if (encrypted && plain) {
      log(`${label}: ${dir} is plaintext: encrypting it in place`);
      const kept = { ...stamp, key: await encryptFolder(dir) };
      fs.writeFileSync(stampFile, JSON.stringify(kept));
      await bringUpToDate(label, kept, log);
      return kept;
    }
    log(`${label}: ${dir} is ${plain ? 'plaintext' : 'encrypted'}, the run wants ${encrypted ? 'encrypted' : 'plaintext'}: building it again`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const built = await build();
  // Built plaintext, then encrypted as the app's "set a passphrase" does (one rekey of the whole file).
  const kept = { ...built, key: encrypted ? await encryptFolder(dir) : null } as T;
  fs.writeFileSync(stampFile, JSON.stringify(kept));
  log(`${label}: built in ${(kept.buildMs / 1000).toFixed(1)} s${encrypted ? ', encrypted' : ''}`);
  return kept;
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

const DATASET_STAMP = 'bench-dataset.json';

/** The mission's dataset in `dir` (a folder given with --data is kept and reused while its sizes and encryption match). */
export function missionDataset(dir: string, sizes: Sizes, encrypted: boolean, log: (m: string) => void): Promise<Dataset> {
  const wanted = { activities: sizes.activities, organisations: sizes.organisations, contacts: sizes.contacts, agreements: sizes.agreements };
  return cachedFolder<Dataset>('dataset', dir, DATASET_STAMP, wanted, encrypted, () => buildDataset(dir, sizes, log), log);
}

/** Fills `dir` through the stores (one transaction per chunk, as an import would). */
export async function buildDataset(dir: string, sizes: Sizes, log: (message: string) => void): Promise<Omit<Dataset, 'key'>> {
  const app = openApp(dir, null);
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
