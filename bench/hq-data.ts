/**
 * HQ's dataset: a Ministry computer holding every mission's records (issue 17: 1,000,000
 * activities over 94 missions, 200,000 organisations, 100,000 agreements), built once
 * through the stores' import path (applyRemote: the records belong to their missions, as
 * an import leaves them) and kept on disk for the next runs while its sizes match.
 * `--scale` builds a fraction of it (0.01: 10,000 activities) with the same 94 missions.
 */
import fs from 'node:fs';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { demoActivities } from '../electron/services/demo';
import type { AppContext } from '../electron/context';
import { dispatch } from '../electron/ipc/dispatch';
import { cachedFolder, openApp, scaleAgreements, scaleOrganisations, SEED, type Stamped } from './data';
import { timeMs } from './stats';

export const HQ = { code: 'BNG', nameVi: 'Bộ Ngoại giao', nameEn: 'Ministry of Foreign Affairs', kind: 'other', country: 'VN', city: 'Hà Nội' } as const;

export const HQ_FULL = { missions: 94, activities: 1_000_000, organisations: 200_000, agreements: 100_000 } as const;

export type HqCounts = { -readonly [K in keyof typeof HQ_FULL]: number };

export interface HqDataset extends Stamped {
  counts: HqCounts;
  missionIds: string[];
}

const CHUNK = 10_000;
const STAMP = 'bench-hq-dataset.json';

export function hqCounts(scale: number): HqCounts {
  const of = (n: number) => Math.max(1, Math.round(n * scale));
  return { missions: HQ_FULL.missions, activities: of(HQ_FULL.activities), organisations: of(HQ_FULL.organisations), agreements: of(HQ_FULL.agreements) };
}

/** Sets up a fresh folder as the Ministry's computer. */
export async function setUpHq(app: AppContext): Promise<void> {
  const result = await dispatch(app, 'app.setup', { mode: 'hq', mission: HQ, user: { name: 'Vụ Ngoại giao kinh tế', role: 'head' } });
  if (!result.ok) throw new Error(`HQ setup failed: ${result.error.code} ${result.error.message}`);
}

/** The dataset in `dir`: reused while its stamp names the same sizes and encryption (bench/data.ts cachedFolder), else built again. */
export function hqDataset(dir: string, counts: HqCounts, encrypted: boolean, log: (message: string) => void): Promise<HqDataset> {
  return cachedFolder<HqDataset>('hq dataset', dir, STAMP, counts, encrypted, () => buildHqDataset(dir, counts, log), log);
}

async function buildHqDataset(dir: string, counts: HqCounts, log: (message: string) => void): Promise<Omit<HqDataset, 'key'>> {
  const app = openApp(dir, null);
  const missionIds = Array.from({ length: counts.missions }, () => uuidv7());
  const buildMs = await timeMs(async () => {
    await setUpHq(app);
    const meta = (i: number) => ({
      now: '2026-11-22T00:00:00.000Z',
      author: `Cán bộ ${(i % counts.missions) + 1}`,
      deviceId: `bench-device-${i % counts.missions}`,
      missionId: missionIds[i % counts.missions]!,
    });
    app.writer.write(() =>
      missionIds.forEach((id, m) => {
        const n = String(m + 1).padStart(3, '0');
        app.missions.applyRemote(
          id,
          { code: `CQ-${n}`, nameVi: `Cơ quan đại diện số ${n}`, nameEn: `Mission ${n}`, kind: 'embassy', country: 'JP', city: 'Tokyo' },
          meta(m),
        );
      }),
    );
    // Each chunk from its own seed: the same dataset whatever the size, without holding a million values.
    for (let done = 0, chunk = 0; done < counts.activities; done += CHUNK, chunk++) {
      const list = demoActivities({ count: Math.min(CHUNK, counts.activities - done), seed: SEED + chunk });
      app.writer.write(() => list.forEach((values, i) => app.activities.applyRemote(uuidv7(), values as unknown as Record<string, unknown>, meta(done + i))));
      if (chunk % 10 === 9 || done + CHUNK >= counts.activities) log(`hq dataset: ${Math.min(done + CHUNK, counts.activities)} activities`);
    }
    const organisationIds: string[] = [];
    const organisations = scaleOrganisations(counts.organisations);
    for (let done = 0; done < organisations.length; done += CHUNK) {
      app.writer.write(() =>
        organisations.slice(done, done + CHUNK).forEach((values, i) => {
          const id = uuidv7();
          organisationIds.push(id);
          app.organisations.applyRemote(id, values as unknown as Record<string, unknown>, meta(done + i));
        }),
      );
    }
    const activityIds = app.db.prepare(`SELECT id FROM activities ORDER BY rowid LIMIT 1000`).pluck().all() as string[];
    const agreements = scaleAgreements(counts.agreements, organisationIds, activityIds);
    for (let done = 0; done < agreements.length; done += CHUNK) {
      app.writer.write(() =>
        agreements
          .slice(done, done + CHUNK)
          .forEach((values, i) => app.agreements.applyRemote(uuidv7(), values as unknown as Record<string, unknown>, meta(done + i))),
      );
    }
    log(`hq dataset: ${counts.organisations} organisations, ${counts.agreements} agreements`);
    // Leaves the file as a closed app leaves it: everything in the main file, no WAL to replay.
    app.db.pragma('wal_checkpoint(TRUNCATE)');
  });
  app.close();
  return { dir, counts, missionIds, buildMs };
}

/** A working copy of a dataset folder (a scenario that writes must not change the cached one). */
export function copyFolder(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true, filter: (source) => path.basename(source) !== STAMP });
}
